/**
 * Type-level acceptance: objects of cdk8s-plus-27, -30 and -33 are accepted as backends under the
 * compiler options of the official `cdk8s init typescript-app` template (strict, CommonJS, no
 * skipLibCheck), against the library's published declarations (build/lib). Values that make no
 * pods are compile errors (each `@ts-expect-error` line must fail to compile, or the check fails).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATE_TSCONFIG = path.join(ROOT, 'node_modules/cdk8s-cli/templates/typescript-app/tsconfig.json');
/** A file that does not exist on disk: served by the compiler host below. */
const APP = path.join(ROOT, 'test/constructs/plus-any-version-app.ts');

const SOURCE = `
import { App, ApiObject, Chart } from 'cdk8s';
import * as plus27 from 'cdk8s-plus-27';
import * as plus30 from 'cdk8s-plus-30';
import * as plus33 from 'cdk8s-plus-33';
import { ClusterIPService, HeadlessService, expose, isPlusPod, selectorOf, type ServiceBackend } from '../../build/lib/constructs';

const chart = new Chart(new App(), 'app');
const web27 = new plus27.Deployment(chart, 'web27', { containers: [{ image: 'nginx', portNumber: 80 }] });
const web30 = new plus30.Deployment(chart, 'web30', { containers: [{ image: 'nginx', portNumber: 80 }] });
const web33 = new plus33.Deployment(chart, 'web33', { containers: [{ image: 'nginx', portNumber: 80 }] });
const db33 = new plus33.StatefulSet(chart, 'db33', { containers: [{ image: 'pg', portNumber: 5432 }] });
const pod27 = new plus27.Pod(chart, 'pod27', { containers: [{ image: 'x' }] });
const raw = new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' } });

new ClusterIPService(chart, 's27', { selector: web27, ports: [{ port: 80 }] });
new ClusterIPService(chart, 's30', { selector: web30, ports: [{ port: 80 }] });
new ClusterIPService(chart, 's33', { selector: [web33, { tier: 'front' }], ports: [{ port: 80 }] }).select(pod27, raw);
new HeadlessService(chart, 'db', { selector: db33 });
expose(web33, { port: 80 });
const backends: ServiceBackend[] = [web27, web33, db33, raw, { app: 'web' }];
export const selectors = backends.map(selectorOf);
export const recognised: boolean = isPlusPod(web33);

const config33 = new plus33.ConfigMap(chart, 'cm33');
const service27 = new plus27.Service(chart, 'svc27', { ports: [{ port: 80 }] });
// @ts-expect-error a ConfigMap makes no pods
new ClusterIPService(chart, 'bad1', { selector: config33 });
// @ts-expect-error a cdk8s-plus Service is not a backend
new ClusterIPService(chart, 'bad2', { selector: service27 });
// @ts-expect-error label values are strings
new ClusterIPService(chart, 'bad3', { selector: { app: 1 } });
`;

test('cdk8s-plus 27, 30 and 33 objects compile as backends under the template tsconfig', () => {
  const template = ts.readConfigFile(TEMPLATE_TSCONFIG, ts.sys.readFile);
  expect(template.error).toBeUndefined();
  const { options } = ts.convertCompilerOptionsFromJson(template.config.compilerOptions, path.dirname(APP));
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (path.resolve(f) === APP ? SOURCE : readFile(f));
  host.fileExists = (f) => path.resolve(f) === APP || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) =>
    path.resolve(f) === APP ? ts.createSourceFile(f, SOURCE, lang) : getSourceFile(f, lang, ...rest);
  expect(fs.existsSync(path.join(ROOT, 'build/lib/constructs/index.d.ts'))).toBe(true);
  const program = ts.createProgram([APP], { ...options, noEmit: true }, host);
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  expect(diagnostics).toEqual([]);
}, 120000);
