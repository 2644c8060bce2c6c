/**
 * A throw-away cdk8s app in a temp directory, synthesized by the real cdk8s CLI of this repository
 * (node_modules/.bin/cdk8s) with cdk8s-lineup configured as a validation plugin. The app is plain
 * JavaScript (no compile step) and finds cdk8s through NODE_PATH, so each run costs only the CLI's
 * own start-up (~3–5 s).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO = path.resolve(__dirname, '..', '..');
export const PACKAGE_VERSION: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;

/** The chart: Deployment `web` (app=web, port 8080) behind Service `web-svc` (80 → 8080). */
const APP_JS = `
const { App, Chart, ApiObject } = require('cdk8s');
const app = new App();
const chart = new Chart(app, 'shop', { disableResourceNameHashes: true });
const selector = process.env.LINEUP_TEST_SELECTOR || 'web';
new ApiObject(chart, 'deployment', {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] },
    },
  },
});
new ApiObject(chart, 'service', {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc' },
  spec: { selector: { app: selector }, ports: [{ port: 80, targetPort: 8080 }], ...(process.env.LINEUP_TEST_CLUSTER_IP ? { clusterIP: process.env.LINEUP_TEST_CLUSTER_IP } : {}) },
});
app.synth();
`;

export interface SynthRun {
  code: number | null;
  stdout: string;
  stderr: string;
  dir: string;
}

export interface SynthSetup {
  /** `package:` of the validation entry, as written in cdk8s.yaml. */
  pkg: string;
  /** Extra YAML lines under the entry (e.g. `properties:`), already indented by 4 spaces. */
  extra?: string;
  /** Selector the Service uses; anything but `web` selects no pod. */
  selector?: string;
  /** Files to create in the app directory. */
  files?: Record<string, string>;
  /** The app's JavaScript. @default - APP_JS (raw ApiObjects only) */
  appJs?: string;
  /** No `validations:` in cdk8s.yaml (the plugin is not configured). */
  noValidations?: boolean;
}

/** Creates the app directory (with node_modules/cdk8s-lineup linked to this repository). */
export function makeApp(setup: SynthSetup): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-plugin-'));
  fs.writeFileSync(path.join(dir, 'app.js'), setup.appJs ?? APP_JS);
  fs.mkdirSync(path.join(dir, 'node_modules'));
  // What `npm install <dir>` of this repository produces: a link named after the package.
  fs.symlinkSync(REPO, path.join(dir, 'node_modules', 'cdk8s-lineup'), 'dir');
  // The app's cdk8s must be the library's (one Lazy class, one ApiObject class): linked here, so that
  // nothing found on the way up from the temp directory (a node_modules in its parent) can win.
  for (const dep of ['cdk8s', 'constructs']) fs.symlinkSync(path.join(REPO, 'node_modules', dep), path.join(dir, 'node_modules', dep), 'dir');
  const config = [
    'language: typescript',
    'app: node app.js',
    'output: dist',
    ...(setup.noValidations
      ? []
      : ['validations:', `  - package: ${setup.pkg}`, `    version: ${PACKAGE_VERSION}`, '    class: LineupValidation', ...(setup.extra ? [setup.extra] : [])]),
  ];
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config.join('\n') + '\n');
  for (const [name, text] of Object.entries(setup.files ?? {})) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

/** Runs `cdk8s synth` in `dir`. Never touches the network: upgrade checks off, local plugins only. */
export function synth(dir: string, selector = 'web', clusterIP = '', env: Record<string, string> = {}): Promise<SynthRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO, 'node_modules', '.bin', 'cdk8s'), ['synth', '--check-upgrade=false'], {
      cwd: dir,
      env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', NODE_PATH: path.join(REPO, 'node_modules'), LINEUP_TEST_SELECTOR: selector, LINEUP_TEST_CLUSTER_IP: clusterIP, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr, dir }));
  });
}

/** The CLI colours rule titles unconditionally; tests read plain text. */
export function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
