/**
 * The cdk8s-cli validation plugin through the real `cdk8s synth` (spawned, in temp directories):
 * the installed-package form (`package: ./node_modules/cdk8s-lineup`) and a local path (`./…` to
 * this repository), on a chart that lines up and on one whose Service selects no pod.
 */
import * as fs from 'fs';
import * as path from 'path';
import { makeApp, PACKAGE_VERSION, plain, REPO, synth, type SynthRun } from './synth-app';

const BROKEN = 'wbe';
const MESSAGE = 'Service default/web-svc selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?';

interface Case {
  name: string;
  pkg: (dir: string) => string;
}

const CASES: Case[] = [
  { name: 'installed package ./node_modules/cdk8s-lineup', pkg: () => './node_modules/cdk8s-lineup' },
  // The CLI treats only absolute paths and paths starting with `./` as local; `./` + a relative path to the repository is the `package: ./` set-up seen from another directory.
  { name: 'local path ./<repository>', pkg: (dir) => `./${path.relative(fs.realpathSync(dir), REPO)}` },
];

const runs = new Map<string, SynthRun>();
const dirs: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(REPO, 'build', 'lib', 'index.js'))) throw new Error('build/lib/index.js is missing: run `npm run build` first (the plugin is loaded from the compiled package)');
  const jobs: Promise<void>[] = [];
  for (const c of CASES) {
    for (const selector of ['web', BROKEN]) {
      const dir = makeApp({ pkg: 'PLACEHOLDER' });
      dirs.push(dir);
      const config = fs.readFileSync(path.join(dir, 'cdk8s.yaml'), 'utf8').replace('PLACEHOLDER', c.pkg(dir));
      fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config);
      jobs.push(synth(dir, selector).then((r) => void runs.set(`${c.name}|${selector}`, r)));
    }
  }
  const never = makeApp({ pkg: './node_modules/cdk8s-lineup', extra: '    properties:\n      failOn: never' });
  const badProp = makeApp({ pkg: './node_modules/cdk8s-lineup', extra: '    properties:\n      failOn: sometimes' });
  // A clusterIP outside the default service CIDR (10.96.0.0/12) is fine in a cluster whose settings say 10.0.0.0/16.
  const withCluster = makeApp({ pkg: './node_modules/cdk8s-lineup', extra: '    properties:\n      cluster: cluster.yaml', files: { 'cluster.yaml': 'serviceCIDR: 10.0.0.0/16\n' } });
  const withoutCluster = makeApp({ pkg: './node_modules/cdk8s-lineup' });
  const inlineSettings = makeApp({ pkg: './node_modules/cdk8s-lineup', extra: '    properties:\n      settings:\n        serviceCIDR: 10.0.0.0/16' });
  const badSettings = makeApp({ pkg: './node_modules/cdk8s-lineup', extra: '    properties:\n      settings:\n        nodes:\n          - name: Node_1' });
  const wrongVersion = makeApp({ pkg: './node_modules/cdk8s-lineup' });
  const config = path.join(wrongVersion, 'cdk8s.yaml');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace(`version: ${PACKAGE_VERSION}`, 'version: 9.9.9'));
  dirs.push(never, badProp, withCluster, withoutCluster, inlineSettings, badSettings, wrongVersion);
  jobs.push(synth(inlineSettings, 'web', '10.0.0.80').then((r) => void runs.set('inline-settings', r)));
  jobs.push(synth(badSettings, 'web').then((r) => void runs.set('bad-settings', r)));
  jobs.push(synth(wrongVersion, 'web').then((r) => void runs.set('wrong-version', r)));
  jobs.push(synth(withCluster, 'web', '10.0.0.80').then((r) => void runs.set('with-cluster', r)));
  jobs.push(synth(withoutCluster, 'web', '10.0.0.80').then((r) => void runs.set('without-cluster', r)));
  jobs.push(synth(never, BROKEN).then((r) => void runs.set('never', r)));
  jobs.push(synth(badProp, 'web').then((r) => void runs.set('bad-property', r)));
  await Promise.all(jobs);
}, 240_000);

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function run(key: string): SynthRun {
  const r = runs.get(key);
  if (!r) throw new Error(`no run ${key}`);
  return r;
}

describe.each(CASES)('cdk8s synth with the plugin as $name', (c) => {
  test('a chart that lines up: exit 0, report status success', () => {
    const r = run(`${c.name}|web`);
    const out = plain(r.stdout);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(out).toContain('Performing validations');
    expect(out).toMatch(/Status\s+│ success/);
    expect(out).toMatch(/errors\s+│ 0/);
    expect(out).not.toContain('(Violations)\n\nservice-');
    expect(out).toContain('Validations ended succesfully');
    expect(fs.existsSync(path.join(r.dir, 'dist', 'shop.k8s.yaml'))).toBe(true);
  });

  test('a Service that selects no pod: exit 2 with the violation and its construct path', () => {
    const r = run(`${c.name}|${BROKEN}`);
    const out = plain(r.stdout);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Validation failed. See above reports for details');
    expect(out).toMatch(/Status\s+│ failure/);
    expect(out).toMatch(/errors\s+│ 1/);
    expect(out).toContain('service-selects-no-pods (error) (1 occurrences)');
    expect(out).toContain('    - Construct Path: shop/service\n');
    expect(out).toContain('    - Manifest Path: dist/shop.k8s.yaml\n');
    expect(out).toContain('    - Resource Name: web-svc\n');
    expect(out).toMatch(/      > Service default\/web-svc spec\.selector \(dist\/shop\.k8s\.yaml:\d+:\d+\)\n/);
    expect(out).toContain(`  Recommendation: ${MESSAGE}\n`);
    expect(out).toContain('  How to fix: ');
    expect(out).not.toContain('Validations ended succesfully');
  });
});

test('properties.failOn: never reports the violation but lets synth succeed', () => {
  const r = run('never');
  const out = plain(r.stdout);
  expect(r.code).toBe(0);
  expect(out).toMatch(/Status\s+│ success/);
  expect(out).toContain('service-selects-no-pods (error) (1 occurrences)');
  expect(out).toContain(`  Recommendation: ${MESSAGE}\n`);
});

test('an invalid property stops synth with a message that names it', () => {
  const r = run('bad-property');
  expect(r.code).not.toBe(0);
  expect(r.stderr + r.stdout).toContain('LineupValidation: failOn must be error, warning, info or never (got "sometimes")');
});

test('properties.cluster: the settings file (relative to the app directory) reaches the engine', () => {
  const without = run('without-cluster');
  expect(without.code).toBe(2);
  expect(plain(without.stdout)).toContain('cluster-ip-out-of-range (error) (1 occurrences)');
  const withSettings = run('with-cluster');
  expect(plain(withSettings.stdout)).toMatch(/Status\s+│ success/);
  expect(withSettings.code).toBe(0);
});

test('properties.settings: the same settings written inline', () => {
  const r = run('inline-settings');
  expect(plain(r.stdout)).toMatch(/Status\s+│ success/);
  expect(r.code).toBe(0);
});

test('bad inline settings stop synth with one line naming the field path', () => {
  const r = run('bad-settings');
  expect(r.code).not.toBe(0);
  expect(r.stderr + r.stdout).toContain('LineupValidation: properties.settings: nodes[0].name: "Node_1" is not a node name; expected a lowercase DNS subdomain like node-1');
});

test('a version: in cdk8s.yaml other than the package\'s fails the validation and says which', () => {
  const r = run('wrong-version');
  const out = plain(r.stdout);
  expect(r.code).toBe(2);
  expect(out).toContain('plugin-version-mismatch (0 occurrences)');
  // The CLI hands the plugin the package as the absolute path it loaded.
  expect(out).toContain(`  Recommendation: cdk8s.yaml asks for cdk8s-lineup 9.9.9 (version: 9.9.9), but ${path.join(r.dir, 'node_modules', 'cdk8s-lineup')} is cdk8s-lineup ${PACKAGE_VERSION}\n`);
  expect(out).toContain(`  How to fix: set version: ${PACKAGE_VERSION} in the validations entry of cdk8s.yaml (or install cdk8s-lineup 9.9.9)`);
});
