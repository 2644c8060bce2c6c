/**
 * One failure path, through the real `cdk8s synth` (spawned, in temp directories) on an app built
 * with lineup's constructs: a failed synth prints the findings once, in one block, with no stack
 * frame inside this library; `failOn: 'never'` reports and lets synth go on; with the cdk8s.yaml
 * plugin configured as well, the app leaves the judging to the plugin and each finding is reported
 * once, in the plugin's report.
 */
import * as fs from 'fs';
import * as path from 'path';
import { makeApp, plain, REPO, synth, type SynthRun } from './synth-app';

const APP_JS = `
const { App, Chart, ApiObject } = require('cdk8s');
const { ClusterIPService, configureLineup } = require('cdk8s-lineup');
const app = new App();
const chart = new Chart(app, 'shop', { disableResourceNameHashes: true });
if (process.env.LINEUP_TEST_FAIL_ON) configureLineup(chart, { failOn: process.env.LINEUP_TEST_FAIL_ON });
new ApiObject(chart, 'deployment', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } },
  },
});
new ClusterIPService(chart, 'service', { metadata: { name: 'web-svc' }, selector: { app: process.env.LINEUP_TEST_SELECTOR }, ports: [{ port: 80, targetPort: 'http' }] });
app.synth();
`;

const MESSAGE = 'Service default/web-svc selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?';
const runs = new Map<string, SynthRun>();
const dirs: string[] = [];

function run(key: string): SynthRun {
  const r = runs.get(key);
  if (!r) throw new Error(`no run ${key}`);
  return r;
}

/** How often `text` occurs in `haystack`. */
function count(haystack: string, text: string): number {
  return haystack.split(text).length - 1;
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO, 'build', 'lib', 'index.js'))) throw new Error('build/lib/index.js is missing: run `npm run build` first');
  // One directory per run: they run at the same time and each writes dist/.
  const alone = (): string => {
    const dir = makeApp({ pkg: '', appJs: APP_JS, noValidations: true });
    dirs.push(dir);
    return dir;
  };
  const withPlugin = makeApp({ pkg: './node_modules/cdk8s-lineup', appJs: APP_JS });
  dirs.push(withPlugin);
  await Promise.all([
    synth(alone(), 'wbe').then((r) => void runs.set('alone', r)),
    synth(alone(), 'web').then((r) => void runs.set('alone-good', r)),
    synth(alone(), 'wbe', '', { LINEUP_TEST_FAIL_ON: 'never' }).then((r) => void runs.set('never', r)),
    synth(withPlugin, 'wbe').then((r) => void runs.set('plugin', r)),
  ]);
}, 240_000);

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test('a broken app fails synth with the findings once, in one block, and no frame inside this library', () => {
  const r = run('alone');
  expect(r.code).not.toBe(0);
  const err = plain(r.stderr);
  expect(err).toContain([
    'Validation failed with the following errors:',
    '  [shop] lineup: 1 finding at or above error',
    '    error service-selects-no-pods: Service default/web-svc (shop/service/Resource at app.js:15:1) spec.selector', // the app's line that created it
    `        ${MESSAGE}`,
  ].join('\n'));
  expect(count(err + r.stdout, 'service-selects-no-pods')).toBe(1);
  expect(count(err + r.stdout, MESSAGE)).toBe(1);
  // Stack frames, if Node prints any, are cdk8s's and the app's: none is in this library.
  const frames = err.split('\n').filter((l) => /^\s+at /.test(l));
  expect(frames.filter((l) => l.includes(REPO + path.sep + 'build') || l.includes(REPO + path.sep + 'lib'))).toEqual([]);
  expect(fs.existsSync(path.join(r.dir, 'dist', 'shop.k8s.yaml'))).toBe(false);
});

test('an app that lines up synthesizes quietly', () => {
  const r = run('alone-good');
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
});

test("failOn: 'never' reports the findings once on stderr and synth goes on", () => {
  const r = run('never');
  expect(r.code).toBe(0);
  const err = plain(r.stderr);
  expect(err).toBe([
    'shop: lineup: 1 finding (report only, synth goes on)',
    '    error service-selects-no-pods: Service default/web-svc (shop/service/Resource at app.js:15:1) spec.selector', // the app's line that created it
    `        ${MESSAGE}`,
    '',
  ].join('\n'));
});

test('with the cdk8s.yaml plugin configured too, each finding is reported once, by the plugin', () => {
  const r = run('plugin');
  expect(r.code).toBe(2);
  const all = plain(r.stdout + r.stderr);
  expect(all).toContain('service-selects-no-pods (error) (1 occurrences)');
  expect(count(all, 'service-selects-no-pods (error)')).toBe(1);
  expect(count(all, MESSAGE)).toBe(1);
  expect(all).not.toContain('lineup: 1 finding');
});
