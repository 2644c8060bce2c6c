import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { loadPaths, loadText } from '../../lib/load/load';
import { documentText, splitDocuments } from '../../lib/load/split';
import { SCHEMA } from '../../lib/load/yaml-schema';
import { UsageError } from '../../lib/errors';
import type { Finding } from '../../lib/findings';
import { loadFindings } from '../rules/helpers';
import { SERVICE } from './fixtures';

describe('splitDocuments', () => {
  test.each([
    ['a: 1\n---\nb: 2\n', [[1, 'a: 1\n'], [2, '   \nb: 2\n']]],
    ['---\na: 1\n', [[1, '   \na: 1\n']]],
    ['--- {a: 1}\n--- {b: 2}\n', [[1, '    {a: 1}\n'], [2, '    {b: 2}\n']]],
    ['a: 1\n...\n# trailing\n---\nb: 1\n', [[1, 'a: 1\n'], [4, '   \nb: 1\n']]],
    ['a: |\n  x\n  ---\n', [[1, 'a: |\n  x\n  ---\n']]],
    ['a: 1\n---\n', [[1, 'a: 1\n']]],
    ['---foo: 1\n', [[1, '---foo: 1\n']]],
  ])('%j', (text, expected) => {
    expect(splitDocuments(text).map((c) => [c.startLine, documentText(text, c)])).toEqual(expected);
  });
});

describe('loadText', () => {
  test('identity, namespace default, and lazy exact positions', () => {
    const r = loadText(`# leading comment\n---\n${SERVICE}`, 'app.yaml');
    expect(loadFindings(r.problems)).toEqual([]);
    expect(r.objects).toHaveLength(1);
    const svc = r.objects[0];
    expect([svc.apiVersion, svc.kind, svc.namespace, svc.name]).toEqual(['v1', 'Service', 'default', 'web']);
    expect([svc.source.line, svc.source.column]).toEqual([3, 1]);
    // Positions point at the value: a mapping's first entry (`app: wbe`), a scalar itself (`http`).
    expect(svc.source.locate('spec.selector')).toEqual({ file: 'app.yaml', line: 9, column: 5 });
    expect(svc.source.locate('spec.ports[0].targetPort')).toEqual({ file: 'app.yaml', line: 13, column: 17 });
    // A path that does not exist falls back to the deepest existing step.
    expect(svc.source.locate('spec.ports[0].nodePort')).toEqual({ file: 'app.yaml', line: 11, column: 5 });
  });

  test('the default namespace can be changed; cluster-scoped kinds have none', () => {
    const r = loadText(`${SERVICE}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n`, 'x.yaml', { defaultNamespace: 'shop' });
    expect(r.objects.map((o) => [o.kind, o.namespace])).toEqual([
      ['Service', 'shop'],
      ['Namespace', ''],
    ]);
  });

  test('kind: List is flattened and items are located', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n  spec:\n    type: NodePort\n`;
    const r = loadText(list, 'list.yaml');
    expect(r.objects.map((o) => o.name)).toEqual(['a', 'b']);
    expect([r.objects[1].source.line, r.objects[1].source.column]).toEqual([8, 3]);
    expect(r.objects[1].source.locate('spec.type')).toEqual({ file: 'list.yaml', line: 13, column: 11 });
  });

  test('a source serializes to its position, not to the file text it refers to', () => {
    const r = loadText(`${SERVICE}---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: b\n`, 's.yaml');
    expect(r.objects.map((o) => JSON.parse(JSON.stringify(o.source)))).toEqual([
      { file: 's.yaml', documentIndex: 0, line: 1, column: 1 },
      { file: 's.yaml', documentIndex: 1, line: 16, column: 3 },
    ]);
    expect(r.objects.map((o) => o.source.locate())).toEqual([
      { file: 's.yaml', line: 1, column: 1 },
      { file: 's.yaml', line: 16, column: 3 },
    ]);
    expect(r.objects[1].source.locate('metadata.name')).toEqual({ file: 's.yaml', line: 19, column: 11 });
  });

  test('JSON input, including positions', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'j' }, spec: { ports: [{ port: 80 }] } }, null, 2);
    const r = loadText(json, 'svc.json');
    expect(r.objects.map((o) => o.name)).toEqual(['j']);
    expect(r.objects[0].source.locate('spec.ports[0].port')).toEqual({ file: 'svc.json', line: 10, column: 17 });
  });

  test.each([
    ['a: [1, 2\n', 'manifest-parse-error', 2],
    ['apiVersion: v1\nkind: Service\nkind: Pod\nmetadata: {name: x}\n', 'manifest-parse-error', 3],
    ['- just\n- a list\n', 'manifest-invalid-object', 1],
    ['plain scalar\n', 'manifest-invalid-object', 1],
    ['apiVersion: v1\nkind: Service\nmetadata:\n  labels: {}\n', 'manifest-invalid-object', 4],
    ['kind: Service\nmetadata: {name: x}\n', 'manifest-invalid-object', 1],
  ])('%j gives %s at line %d', (text, rule, line) => {
    const r = loadText(text, 'bad.yaml');
    expect(r.objects).toEqual([]);
    expect(loadFindings(r.problems).map((f: Finding) => [f.rule, f.source?.line])).toEqual([[rule, line]]);
  });

  test('a broken document does not hide the good ones around it', () => {
    const r = loadText(`${SERVICE}---\nfoo: [\n---\n${SERVICE.replace('web', 'web2')}`, 'mixed.yaml');
    expect(r.objects.map((o) => o.name)).toEqual(['web', 'web2']);
    expect(loadFindings(r.problems).map((f: Finding) => f.rule)).toEqual(['manifest-parse-error']);
  });

  test('empty documents are skipped, BOM is ignored', () => {
    const r = loadText(`\ufeff---\n---\n# only a comment\n---\n${SERVICE}---\n`, 'e.yaml');
    expect(loadFindings(r.problems)).toEqual([]);
    expect(r.objects.map((o) => o.name)).toEqual(['web']);
  });

  test('alias bombs are refused, not expanded', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const r = loadText(lines.join('\n') + '\n', 'bomb.yaml');
    expect(r.objects).toEqual([]);
    expect(loadFindings(r.problems)).toHaveLength(1);
    expect(loadFindings(r.problems)[0].rule).toBe('manifest-parse-error');
    expect(loadFindings(r.problems)[0].message).toMatch(/alias/i);
  });

  test('__proto__ keys stay data', () => {
    const r = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n__proto__:\n  polluted: true\n', 'p.yaml');
    expect(r.objects).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // The loader keeps its own copy of each value (a JSON round trip where that copies exactly):
  // the values must be js-yaml's, to the bit, in the same key order, whichever way they were kept.
  test.each([
    ['plain data', 'data:\n  b: "x"\n  "1": one\n  a: [1, 2.5, true, null]\n  __proto__: p\n'],
    ['NaN, infinities and -0', 'data:\n  n: .nan\n  i: .inf\n  m: -.inf\n  z: -0\n  f: -0.0\n'],
    ['an anchor shared by two fields', 'spec: &s {a: 1}\ncopy: *s\n'],
    ['a merge key', 'base: &b {a: 1}\nspec:\n  <<: *b\n  c: 2\n'],
  ])('values are what js-yaml reads: %s', (_name, body) => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\n${body}`;
    const [object] = loadText(text, 'v.yaml').objects;
    const expected = jsyaml.load(text, { schema: SCHEMA }) as Record<string, unknown>;
    expect(Object.keys(object.raw)).toEqual(Object.keys(expected));
    expect(object.raw).toStrictEqual(expected);
    for (const key of Object.keys(expected)) expect(Object.keys(object.raw[key] as object)).toEqual(Object.keys(expected[key] as object));
  });

  test('-0 and NaN survive as themselves', () => {
    const [object] = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v\ndata:\n  z: -0.0\n  n: .nan\n', 'v.yaml').objects;
    const data = object.raw.data as Record<string, number>;
    expect(Object.is(data.z, -0)).toBe(true);
    expect(Number.isNaN(data.n)).toBe(true);
  });
});

describe('loadPaths', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-load-'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'b', 'two.yaml'), SERVICE.replace('web', 'two'));
    fs.writeFileSync(path.join(dir, 'a.yml'), SERVICE.replace('web', 'one'));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    fs.writeFileSync(path.join(dir, 'construct-metadata.json'), '{"version":"1.0.0","resources":{}}');
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    fs.symlinkSync(dir, path.join(dir, 'b', 'loop'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('directories recursively, sorted, manifest extensions only, symlink loops cut', () => {
    const r = loadPaths([dir]);
    expect(r.objects.map((o) => o.name)).toEqual(['one', 'two']);
    expect(r.files.map((f) => path.relative(dir, f))).toEqual(['a.yml', path.join('b', 'two.yaml'), 'latin1.yaml']);
    expect(r.files.some((f) => f.endsWith('construct-metadata.json'))).toBe(false);
  });

  test('non-UTF-8 bytes become a finding with a position', () => {
    const r = loadPaths([path.join(dir, 'latin1.yaml')]);
    expect(loadFindings(r.problems).map((f: Finding) => [f.rule, f.source?.line, f.source?.column])).toEqual([['manifest-parse-error', 1, 4]]);
  });

  test('a missing path is a usage error', () => {
    expect(() => loadPaths([path.join(dir, 'nope')])).toThrow(UsageError);
    expect(() => loadPaths([path.join(dir, 'nope')])).toThrow(/no such file or directory: .*nope/);
  });
});

describe('documents that are not Kubernetes objects', () => {
  test("an application's own config (neither apiVersion nor kind) and kustomize kinds are skipped and counted, not findings", () => {
    const text = `cluster_name: Test\n---\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n---\n${SERVICE}---\nkind: Service\nmetadata:\n  name: half\n`;
    const r = loadText(text, 'mixed.yaml');
    expect(r.objects.map((o) => o.name)).toEqual(['web']);
    expect(r.skipped).toEqual([
      { file: 'mixed.yaml', line: 1, column: 1, reason: 'not-a-manifest' },
      { file: 'mixed.yaml', line: 3, column: 1, reason: 'kustomize' },
    ]);
    // A document with one of the two is a manifest with a mistake: still a finding.
    expect(loadFindings(r.problems).map((f: Finding) => [f.rule, f.field])).toEqual([['manifest-invalid-object', 'apiVersion']]);
    expect(r.kustomizations).toEqual([{ dir: '.', file: 'mixed.yaml', line: 3, column: 1 }]);
  });

  test('YAML 1.1 readings are kept on the object, List items with paths from the item', () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n  data:\n    X: "on"\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n  data:\n    X: on\n`;
    const r = loadText(list, 'list.yaml');
    expect(r.objects.map((o) => [o.name, o.yaml11])).toEqual([
      ['a', undefined],
      ['b', [{ path: ['data', 'X'], text: 'on', kubectl: true, lineup: 'on' }]],
    ]);
  });
});

describe('unrendered template placeholders', () => {
  // kubectl (sigs.k8s.io/yaml over go-yaml) refuses `{{cell}}`: YAML reads it as a mapping with a
  // mapping as key, which its YAML-to-JSON conversion rejects ("invalid map key"). js-yaml would
  // turn that key into the text "[object Object]"; it must never reach a message.
  test.each([
    ['a selector value', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: {{cell}}\n  ports:\n  - port: 80\n', 7, 10, '{{cell}}'],
    ['a number', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: {{ .Values.replicas }}\n', 6, 13, '{{ .Values.replicas }}'],
    ['a list item', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    args:\n    - {{arg}}\n', 9, 7, '{{arg}}'],
  ])('%s is a located parse finding and the document is not read', (_name, text, line, column, placeholder) => {
    const r = loadText(text, 't.yaml');
    expect(r.objects).toEqual([]);
    expect(loadFindings(r.problems).map((f: Finding) => [f.rule, f.source?.line, f.source?.column])).toEqual([['manifest-parse-error', line, column]]);
    expect(loadFindings(r.problems)[0].message).toContain(`${placeholder} is a template placeholder that was never rendered`);
    expect(loadFindings(r.problems)[0].message).not.toContain('[object Object]');
  });

  test('placeholders inside quotes or block scalars are plain text', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "{{cell}}"\n  b: |\n    {{ .Alert }}\n  c: {x: 1}\n';
    const r = loadText(text, 't.yaml');
    expect(loadFindings(r.problems)).toEqual([]);
    expect(r.objects[0].raw.data).toEqual({ a: '{{cell}}', b: '{{ .Alert }}\n', c: { x: 1 } });
  });

  test('the other documents of the file are read', () => {
    const r = loadText('apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: {{x}}}}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n', 't.yaml');
    expect(r.objects.map((o) => o.name)).toEqual(['b']);
    expect(loadFindings(r.problems).map((f: Finding) => f.source?.line)).toEqual([4]);
  });
});
