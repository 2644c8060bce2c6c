/**
 * Hostile inputs, one test each: every one ends in findings or a one-line exit-2 message, never a
 * stack trace, a hang or an abort, in bounded time. Engine-level where that suffices; the real
 * bin where the process itself is at stake (exit status, V8 aborts, devices).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadText, loadPaths } from '../../lib/load/load';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { runRules } from '../../lib/rules/run';
import { checkObjects } from '../../lib/engine';
import { MAX_DOCUMENT_DEPTH } from '../../lib/load/depth';
import type { Finding } from '../../lib/findings';
import { loadFindings } from '../rules/helpers';
import { ensureBuilt, expectNoStackTrace, expectOneLineUsageError, lineup, spawnLineup } from './cli-harness';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-hostile-'));
  ensureBuilt();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

function check(text: string, file = 'in.yaml'): { findings: Finding[]; objects: number } {
  const load = loadText(text, file);
  const cluster = buildCluster(load.objects, defaultSettings());
  return { findings: runRules(cluster, load.problems), objects: load.objects.length };
}

interface JsonReport {
  summary: { objects: number; errors: number; warnings: number; infos: number };
  findings: Finding[];
}

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: i\n    ports:\n    - containerPort: 80\n';

describe('YAML alias bombs', () => {
  const laughs = (levels: number): string => {
    const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: lol}', 'data:', '  l0: &l0 "lol"'];
    for (let i = 1; i <= levels; i++) lines.push(`  l${i}: &l${i} [${Array(9).fill(`*l${i - 1}`).join(',')}]`);
    return lines.join('\n') + '\n';
  };

  // Speed lives in the bench; here jest's test timeout only guards against a hang.
  test('billion laughs (9^9 strings) is one parse finding: the expansion is refused, not attempted', () => {
    const value = check(laughs(9), 'lol.yaml');
    expect(value.objects).toBe(0);
    expect(value.findings).toHaveLength(1);
    expect(value.findings[0]).toMatchObject({ rule: 'manifest-parse-error', severity: 'error', source: { file: 'lol.yaml', line: 1, column: 1 } });
    expect(value.findings[0]!.message).toContain('too many YAML aliases');
  });

  test('a few aliases (shared labels) are fine', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: web}\n  annotations: *l\nspec: {containers: [{name: c, image: i}]}\n';
    const r = check(text);
    expect(r.findings).toEqual([]);
    expect(r.objects).toBe(1);
  });

  test('the CLI: exit 1 with the finding', async () => {
    const r = await lineup(['check', write('bomb.yaml', laughs(9)), '-o', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as JsonReport;
    expect(report.findings.map((f) => f.rule)).toEqual(['manifest-parse-error']);
  });
});

describe('very deep nesting', () => {
  const cases: [string, string][] = [
    ['10,000 levels of [', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['10,000 levels of {a: (flow maps)', 'apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['10,000 levels of `a:` block maps', Array.from({ length: 10_000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + '\n'],
    ['10,000 levels of `- ` block lists on one line', '- '.repeat(10_000) + 'x\n'],
    ['1,000 levels of JSON inside a Service', `{"apiVersion":"v1","kind":"Service","metadata":{"name":"x"},"spec":{"selector":${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}}}`],
    [`${MAX_DOCUMENT_DEPTH + 1} levels of JSON`, '['.repeat(MAX_DOCUMENT_DEPTH + 1) + ']'.repeat(MAX_DOCUMENT_DEPTH + 1)],
  ];
  test.each(cases)('%s: one parse finding, no stack overflow', (_name, text) => {
    const value = check(text, 'deep.yaml');
    expect(value.findings).toHaveLength(1);
    expect(value.findings[0]).toMatchObject({ rule: 'manifest-parse-error', severity: 'error' });
    expect(value.findings[0]!.message).toMatch(/nests (more than 256 levels|too deeply)/);
    expect(value.objects).toBe(0);
  });

  test(`${MAX_DOCUMENT_DEPTH} levels are still read`, () => {
    // depth counts the document itself: spec(2) selector(3) ... leaves the innermost map at 256.
    const inner = MAX_DOCUMENT_DEPTH - 3;
    const text = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"k":${'['.repeat(inner)}${']'.repeat(inner)}}}`;
    const r = check(text);
    expect(r.objects).toBe(1);
    expect(r.findings).toEqual([]);
  });

  // Regression: a 1,000-deep JSON value (twice in one object) made the positioned re-parse abort V8
  // ("RegExpCompiler Allocation failed - process out of memory", exit 134), and `get -o json`
  // overflowed the stack. Run in a real process: an abort would take jest down with it.
  test('deep values in a real Service: every command ends normally in the real process', () => {
    const deep = '['.repeat(1000) + ']'.repeat(1000);
    const file = write('deep-service.json', `{"apiVersion":"v1","kind":"Service","metadata":{"name":"x","annotations":${deep}},"spec":{"selector":{"a":${'{"b":'.repeat(1000)}1${'}'.repeat(1000)}},"ports":[{"port":80,"x":${deep}}]}}`);
    for (const argv of [['check'], ['get', 'svc', '-o', 'json'], ['get', 'ep', '-o', 'yaml'], ['describe', 'svc', 'kubernetes']]) {
      const r = spawnLineup([...argv, file]);
      expect(r.signal).toBeNull();
      expectNoStackTrace(r);
      expect(r.code).toBe(argv[0] === 'check' ? 1 : 0);
    }
  });

  test('objects built in code that nest without end or refer to themselves are findings', () => {
    const cyclic: Record<string, unknown> = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'loop' }, spec: { ports: [{ port: 80 }] } };
    (cyclic.spec as Record<string, unknown>).self = cyclic;
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const findings = checkObjects([cyclic, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'deep' }, data: deep }]);
    const invalid = findings.filter((f) => f.rule === 'manifest-invalid-object');
    expect(invalid.map((f) => f.message)).toEqual([
      `document 1: the document nests more than ${MAX_DOCUMENT_DEPTH} levels deep (or refers to itself); no Kubernetes object does, so it was not read`,
      `document 2: the document nests more than ${MAX_DOCUMENT_DEPTH} levels deep (or refers to itself); no Kubernetes object does, so it was not read`,
    ]);
  });
});

describe('bytes that are not UTF-8 YAML', () => {
  test('a binary file (NUL bytes) is one finding', () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = loadPaths([write('blob.yaml', bytes)]);
    expect(loadFindings(r.problems)).toHaveLength(1);
    expect(loadFindings(r.problems)[0]!.message).toContain('contains NUL bytes: it is a binary file');
  });

  test('Latin-1 bytes are located at the first bad byte', () => {
    const r = loadPaths([write('latin1.yaml', Buffer.from('apiVersion: v1\nkind: Service\nmetadata: {name: caf\xe9}\n', 'latin1'))]);
    expect(loadFindings(r.problems)).toHaveLength(1);
    expect(loadFindings(r.problems)[0]).toMatchObject({ rule: 'manifest-parse-error', source: { line: 3, column: 21 } });
    expect(loadFindings(r.problems)[0]!.message).toContain('not valid UTF-8; save the file as UTF-8');
  });

  test('UTF-16 (as PowerShell writes) is called UTF-16, not binary', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SERVICE, 'utf16le')]);
    const r = loadPaths([write('utf16.yaml', utf16)]);
    expect(loadFindings(r.problems)).toHaveLength(1);
    expect(loadFindings(r.problems)[0]!.message).toContain('is UTF-16 encoded');
  });

  test('a real U+FFFD in valid UTF-8 is text, not a bad byte', () => {
    const r = loadPaths([write('replacement.yaml', Buffer.from(SERVICE.replace('name: web', 'name: web\n  annotations:\n    note: "\ufffd"'), 'utf8'))]);
    expect(loadFindings(r.problems)).toEqual([]);
    expect(r.objects.map((o) => (o.raw.metadata as { annotations: Record<string, string> }).annotations.note)).toEqual(['\ufffd']);
  });

  test('control characters are a located parse finding', () => {
    const r = check(SERVICE + 'x: "\u0001\u001b[31m"\n');
    expect(r.findings.map((f) => [f.rule, f.source?.line])).toEqual([['manifest-parse-error', 10]]);
  });

  test('the CLI: exit 1, findings, no trace', async () => {
    const r = await lineup(['check', path.join(dir, 'blob.yaml'), path.join(dir, 'latin1.yaml'), path.join(dir, 'utf16.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out).toContain('0 objects checked: 3 errors');
  });
});

describe('__proto__, constructor and prototype keys at every level', () => {
  const EVIL = ['__proto__', 'constructor', 'prototype'];
  /** Adds the three keys, with polluting values, to every mapping of the object. */
  function poison(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(poison);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = poison(v);
    for (const k of EVIL) Object.defineProperty(out, k, { value: { polluted: 'yes', toString: 'x', valueOf: 'y', hasOwnProperty: 'z' }, enumerable: true, configurable: true, writable: true });
    return out;
  }
  const objects = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], type: 'NodePort' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ name: 'http', containerPort: 80 }], env: [{ name: 'A', value: '$(WEB_SERVICE_HOST)' }] }] } } } },
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-x', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.2'] }], ports: [{ port: 80 }] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] } },
  ];
  const poisoned = objects.map(poison);
  const asJson = poisoned.map((o) => JSON.stringify(o)).join('\n');
  const asYaml = poisoned.map((o) => JSON.stringify(o, null, 1)).join('\n---\n');

  function prototypeState(): string {
    return JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
  }

  test.each([
    ['JSON documents', asJson, 'evil.json'],
    ['YAML documents', asYaml, 'evil.yaml'],
  ])('%s: every command runs and nothing is polluted', async (_name, text, name) => {
    const file = write(name, name.endsWith('.json') ? `{"apiVersion":"v1","kind":"List","items":[${poisoned.map((o) => JSON.stringify(o)).join(',')}]}` : text);
    const before = prototypeState();
    const commands = [
      ['check', file, '-o', 'json'],
      ['get', 'svc', file, '-o', 'json'],
      ['get', 'ep', file, '-o', 'yaml'],
      ['get', 'endpointslices', file],
      ['get', 'pods', file, '-o', 'wide'],
      ['get', 'ing', file],
      ['describe', 'service', 'web', file],
      ['dns', 'web', file, '--type', 'SRV', '-o', 'json'],
      ['env', 'web', file, '-o', 'json'],
      ['trace', 'http://a.example.com/', file, '--from-external', '-o', 'json'],
      ['trace', 'web:80', file, '--from', 'web', '-o', 'json'],
      ['iptables-save', file],
    ];
    for (const argv of commands) {
      const r = await lineup(argv);
      expectNoStackTrace(r);
      expect([0, 1]).toContain(r.code);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeState()).toBe(before);
    // The Service is still understood: its selector keeps app=web next to the odd keys.
    const check = JSON.parse((await lineup(['check', file, '-o', 'json'])).out) as JsonReport;
    expect(check.summary.objects).toBe(5);
    expect(check.findings.some((f) => f.rule === 'service-selects-no-pods')).toBe(false);
  });
});

describe('YAML streams of flow-style documents', () => {
  // Regression: a stream whose first document starts with `{` was taken for one JSON document and
  // the whole file failed with "expected a single document in the stream".
  test('`{...}\\n---\\n{...}` is two documents', () => {
    const r = check('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a"}, "spec": {"type": "ExternalName", "externalName": "a.example.com"}}\n---\n{apiVersion: v1, kind: Service, metadata: {name: b}, spec: {type: ExternalName, externalName: b.example.com}}\n');
    expect(r).toEqual({ findings: [], objects: 2 });
  });
});

describe('duplicate mapping keys', () => {
  test('are a parse finding at the duplicate', () => {
    const r = check('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\nspec:\n  ports: [{port: 80}]\n');
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ rule: 'manifest-parse-error', source: { line: 5 } });
    expect(r.findings[0]!.message).toContain('duplicated mapping key');
  });
});

describe('numbers beyond 2^53', () => {
  test('ports are api-validation findings with the value as written by Go', () => {
    const r = check('apiVersion: v1\nkind: Service\nmetadata: {name: big}\nspec:\n  type: NodePort\n  ports:\n  - port: 9007199254740993\n    targetPort: 18446744073709551616\n    nodePort: 1e400\n');
    const rules = r.findings.map((f) => `${f.rule} ${f.field}`);
    expect(rules).toContain('api-validation spec.ports[0].port');
    expect(rules).toContain('api-validation spec.ports[0].targetPort');
    expect(r.findings.every((f) => f.source !== undefined)).toBe(true);
  });

  const deployment = (name: string, replicas: string): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec: {containers: [{name: c, image: i}]}\n`;

  // The run's pod limit (MAX_SIMULATED_PODS by default) is a parameter, lowered here so that each
  // case builds a few thousand pods instead of 100,000; the code path is the same.
  test.each([['9007199254740993'], ['1e15'], ['2147483648']])('replicas: %s is cut at the pod limit, quickly, and the cut is recorded', (replicas) => {
    const value = buildCluster(loadText(deployment('big', replicas), 'r.yaml').objects, defaultSettings(), { maxSimulatedPods: 3000 });
    expect(value.pods.filter((p) => p.namespace === 'default')).toHaveLength(3000);
    const big = value.workloads.find((w) => w.name === 'big')!;
    expect(big.replicas).toBe(3000);
    expect(big.replicasNotSimulated).toBeGreaterThan(0);
  });

  test('many huge Deployments stay within the pod limit, each keeping a pod and each cut recorded', () => {
    const count = 12;
    const docs = Array.from({ length: count }, (_, i) => deployment(`d${i}`, '1000000'));
    const value = buildCluster(loadText(docs.join('---\n'), 'r.yaml').objects, defaultSettings(), { maxSimulatedPods: 3000 });
    const mine = value.workloads.filter((w) => w.namespace === 'default');
    expect(mine).toHaveLength(count);
    // Workloads are simulated in name order: d0 takes the limit, every later one gets one pod.
    expect(mine.map((w) => [w.name, w.pods.length, w.replicasNotSimulated])).toEqual(
      mine.map((w) => [w.name, w.name === 'd0' ? 3000 : 1, w.name === 'd0' ? 1000000 - 3000 : 1000000 - 1]),
    );
  });

  test('1,005 replicas are 1,005 pods (no per-workload cap)', () => {
    const value = buildCluster(loadText(deployment('web', '1005'), 'r.yaml').objects, defaultSettings());
    const web = value.workloads.find((w) => w.name === 'web')!;
    expect([web.pods.length, web.replicasNotSimulated]).toEqual([1005, undefined]);
  });
});

describe('tabs, BOMs and line endings', () => {
  test('a tab in indentation is a located parse finding', () => {
    const r = check('apiVersion: v1\nkind: Service\nmetadata:\n\tname: t\n');
    expect(r.findings.map((f) => [f.rule, f.source?.line])).toEqual([['manifest-parse-error', 4]]);
    expect(r.findings[0]!.message).toContain('tab');
  });

  test('tabs inside values are fine', () => {
    expect(check(SERVICE.replace('name: web', 'name: web\n  annotations: {note: "a\tb"}') + '---\n' + POD).findings).toEqual([]);
  });

  test('a BOM at the start of the file and of later documents, with CRLF line ends', () => {
    const text = '\ufeff' + SERVICE.replace(/\n/g, '\r\n') + '---\r\n\ufeff' + POD.replace(/\n/g, '\r\n');
    const r = check(text);
    expect(r.objects).toBe(2);
    expect(r.findings).toEqual([]);
  });

  test('a BOM in a file read from disk', () => {
    const r = loadPaths([write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SERVICE)]))]);
    expect(r.objects.map((o) => o.name)).toEqual(['web']);
    expect(loadFindings(r.problems)).toEqual([]);
  });
});

describe('directories and links', () => {
  test('a directory of 3,000 files is read completely', async () => {
    const big = path.join(dir, 'many');
    for (let i = 0; i < 3000; i++) write(path.join('many', `d${String(i % 30).padStart(2, '0')}`, `svc-${String(i).padStart(4, '0')}.yaml`), `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec: {type: ExternalName, externalName: s${i}.example.com}\n`);
    const r = await lineup(['check', big, '-o', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as JsonReport;
    expect(report.summary).toEqual({ objects: 3000, errors: 0, warnings: 0, infos: 0 });
  });

  test('a symlink loop inside a directory is followed once', async () => {
    write('loop/a.yaml', SERVICE + '---\n' + POD);
    fs.symlinkSync('.', path.join(dir, 'loop', 'self'));
    fs.symlinkSync('..', path.join(dir, 'loop', 'up'));
    fs.symlinkSync('missing.yaml', path.join(dir, 'loop', 'dangling.yaml'));
    const r = loadPaths([path.join(dir, 'loop')]);
    // `up` leads to the whole temp dir: its other files count, but each file only once.
    const names = r.files.filter((f) => f.endsWith('/a.yaml'));
    expect(names).toHaveLength(1);
  });

  test('a file symlink loop given as a path is a one-line exit 2 naming the loop', async () => {
    fs.symlinkSync('l2.yaml', path.join(dir, 'l1.yaml'));
    fs.symlinkSync('l1.yaml', path.join(dir, 'l2.yaml'));
    const r = spawnLineup(['check', path.join(dir, 'l1.yaml')]);
    expectOneLineUsageError(r, /symlink loop\) \(ELOOP\)/);
  });
});

describe('unreadable inputs', () => {
  test('/proc/self/mem (read fails with EIO) is a one-line exit 2', () => {
    const r = spawnLineup(['check', '/proc/self/mem']);
    expectOneLineUsageError(r, 'lineup: cannot read /proc/self/mem: input/output error (EIO)');
  });

  test('standard input that is a directory (EISDIR) is a one-line exit 2', () => {
    const fd = fs.openSync(dir, 'r');
    try {
      const r = spawnLineup(['check', '-'], { stdio: [fd, 'pipe', 'pipe'] });
      expectOneLineUsageError(r, 'lineup: cannot read <stdin>: is a directory (EISDIR)');
    } finally {
      fs.closeSync(fd);
    }
  });

  test('standard input redirected from a file that is not UTF-8 is judged from its bytes', () => {
    const file = write('stdin-latin1.yaml', Buffer.from('apiVersion: v1\nkind: Service\nmetadata: {name: caf\xe9}\n', 'latin1'));
    const fd = fs.openSync(file, 'r');
    try {
      const r = spawnLineup(['check', '-'], { stdio: [fd, 'pipe', 'pipe'] });
      expect(r.code).toBe(1);
      expect(r.out).toContain('<stdin>:3:21  error  manifest-parse-error');
      expect(r.err).toBe('');
    } finally {
      fs.closeSync(fd);
    }
  });

  test('a device without end (/dev/zero) is refused after a bound, not read until memory runs out', () => {
    const r = spawnLineup(['check', '/dev/zero'], { nodeArgs: ['--max-old-space-size=256'] });
    expectOneLineUsageError(r, 'lineup: cannot read /dev/zero: more than 256 MiB without an end');
  });

  test('/dev/null is an empty input', async () => {
    const r = await lineup(['check', '/dev/null']);
    expect(r).toEqual({ code: 0, out: '0 objects checked: no problems found\n', err: '' });
  });
});

describe('empty input', () => {
  test.each([
    ['an empty file', ''],
    ['only ---', '---\n'],
    ['only --- three times', '---\n---\n---'],
    ['--- and ...', '---\n...\n---\n'],
    ['comments only', '# nothing\n---\n# here\n'],
    ['whitespace', '  \n\n\t\n'],
  ])('%s: no objects, no findings', async (_name, text) => {
    expect(check(text)).toEqual({ findings: [], objects: 0 });
    const r = await lineup(['check', write(`empty-${Buffer.from(_name).toString('hex')}.yaml`, text)]);
    expect(r).toEqual({ code: 0, out: '0 objects checked: no problems found\n', err: '' });
  });
});
