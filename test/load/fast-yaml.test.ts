/**
 * The block reader against js-yaml: whenever it returns a value, it is exactly js-yaml's value
 * (same key order, same types, -0 and NaN included); otherwise it must return undefined, and it
 * must not refuse the plain shapes cdk8s and kubectl write. And its positions against the
 * `yaml`-based locator, for every path of generated documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { readBlockYaml } from '../../lib/load/fast-yaml';
import { LocatableText } from '../../lib/load/locate';
import { splitDocuments, documentText } from '../../lib/load/split';
import { SCHEMA } from '../../lib/load/yaml-schema';
import type { PathStep } from '../../lib/k8s/field-path';

/** What js-yaml makes of a document (or 'error'). */
function jsyamlValue(text: string): unknown {
  try {
    return jsyaml.load(text, { schema: SCHEMA, json: false });
  } catch {
    return ERROR;
  }
}
const ERROR = Symbol('js-yaml error');

/** Deep equality with key order, prototypes, and numbers compared with Object.is (-0, NaN). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number') return typeof b === 'number' && Object.is(a, b);
  if (a === null || typeof a !== 'object') return a === b;
  if (b === null || typeof b !== 'object') return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The block reader on a whole text (one document), as load.ts calls it. */
function fastValue(text: string): { value: unknown } | undefined {
  return readBlockYaml(text, 0, text.length, false);
}

/** The reader's verdict must be js-yaml's value, or a refusal. Returns whether it read the text. */
function expectAgreement(text: string): boolean {
  const fast = fastValue(text);
  if (fast === undefined) return false;
  const expected = jsyamlValue(text);
  if (!same(fast.value, expected)) {
    throw new Error(`block reader and js-yaml differ on ${JSON.stringify(text)}:\n fast ${String(JSON.stringify(fast.value))}\n js-yaml ${expected === ERROR ? 'error' : String(JSON.stringify(expected))}`);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Rendering random values as block YAML in varied styles

/** Strings that look like something else in YAML, or are awkward to write. */
const TRICKY = [
  '0x1F', '0X1F', '0x', '0o17', '0b101', '1_000', '_1', '1_', '1__0', '.5', '+.5', '-.5', '5.', '+1', '-1', '-0', '+0', '0', '00', '010', '1e3', '1E3', '1e+3', '-1.5e-3', '1.0',
  '.inf', '.Inf', '.INF', '+.inf', '-.inf', '.nan', '.NaN', '.NAN', 'inf', 'nan', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL', 'nULL', '~', '~~',
  'on', 'off', 'yes', 'no', 'y', 'n', 'Y', '2024-01-01', '2024-01-01T00:00:00Z', '12:30', '12:30:00', '1:2', '<<', '<', '=', '__proto__', 'toString', 'constructor', 'hasOwnProperty',
  "it's", 'say "hi"', '#not', 'a#b', 'a # b', 'a: b', 'a:b', 'a:', ':a', ': a', '- a', '-a', '-', '--', '---', '...', '?a', '? a', '?', '*a', '&a', '!a', '!!str', '|', '>', '%a', '@a', '`a',
  '{}', '[]', '{a', 'a]', ',a', 'a,b', '[a, b]', '{a: 1}', 'é', 'é\t', '\t', 'tab\there', ' lead', 'trail ', '', ' ', 'a  b', '\\', 'back\\slash', 'emoji 😀', 'x\u2028y', 'nul\u0000',
  'ctl\u0007', '\u00a0nbsp', 'bom\ufeff', 'del\u007f', 'nel\u0085', 'cr\rx', 'lf\nx', 'http://x:80/a', 'registry.example.com/app:1.0', '100m', '128Mi', '8080', '65536', 'TCP', 'UDP',
];

const KEYS = ['name', 'app', 'a', 'b', 'port', 'targetPort', 'x.y/z', 'app.kubernetes.io/name', '1', '0', '-1', '1.0', 'true', 'null', '~', 'on', 'Yes', '<<', '__proto__', 'toString', 'a b', 'é', ''];

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

const scalarArb: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/) },
  { weight: 1, arbitrary: fc.integer({ min: -100000, max: 100000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: false }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const keyArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...KEYS) }, { weight: 2, arbitrary: fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,6}$/) }, { weight: 1, arbitrary: fc.string({ maxLength: 5 }) });

const valueArb: fc.Arbitrary<Value> = fc.letrec<{ value: Value; node: Value }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarArb, tie('node')),
  node: fc.oneof(
    fc.array(fc.tuple(keyArb, tie('value')), { maxLength: 5 }).map((pairs) => pairsToObject(pairs)),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
})).node;

/** Keeps duplicate keys (as a list of pairs on a null-prototype holder) so that duplicates reach the text. */
function pairsToObject(pairs: [string, Value][]): Value {
  const o = Object.create(null) as Record<string, Value> & { [PAIRS]?: [string, Value][] };
  Object.defineProperty(o, PAIRS, { value: pairs, enumerable: false });
  for (const [k, v] of pairs) o[k] = v;
  return o;
}
const PAIRS = Symbol('pairs');

/** A small deterministic random source for style choices (fast-check supplies the seed). */
function styleRandom(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

interface Style {
  pick: (n: number) => number;
  eol: string;
  /** Spaces per level. */
  step: number;
}

function renderScalarText(v: Value, st: Style): string {
  if (v === null) return ['null', '~', 'Null', 'NULL', ''][st.pick(5)];
  if (typeof v === 'boolean') return [String(v), v ? 'True' : 'False', v ? 'TRUE' : 'FALSE'][st.pick(3)];
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= 0 && st.pick(4) === 0) return ['0x' + v.toString(16), '0o' + v.toString(8), String(v).replace(/(\d)(?=(\d{3})+$)/g, '$1_')][st.pick(3)];
    return String(v);
  }
  const s = v as string;
  switch (st.pick(4)) {
    case 0:
      return `'${s.replace(/'/g, "''")}'`;
    case 1:
      return JSON.stringify(s).replace(/[\u00e9]/g, (c) => ['\\u00e9', '\\xe9', '\\U000000e9', c][st.pick(4)]);
    default:
      return s; // plain: whatever YAML makes of it is what both readers must agree on
  }
}

function comment(st: Style): string {
  return st.pick(8) === 0 ? ['  # note', ' #', ' # a: b', '   # - x'][st.pick(4)] : '';
}

function trailing(st: Style): string {
  return st.pick(10) === 0 ? '  ' : '';
}

/** Own-line comments and blank lines between entries. */
function filler(st: Style, indent: number): string {
  const r = st.pick(12);
  if (r === 0) return `${' '.repeat(st.pick(indent + 3))}# between${st.eol}`;
  if (r === 1) return st.eol;
  if (r === 2) return `   ${st.eol}`;
  return '';
}

function isCollection(v: Value): v is Value[] | { [key: string]: Value } {
  return v !== null && typeof v === 'object';
}

function pairsOf(v: { [key: string]: Value }): [string, Value][] {
  return (v as { [PAIRS]?: [string, Value][] })[PAIRS] ?? Object.entries(v);
}

function renderKey(k: string, st: Style): string {
  const r = st.pick(6);
  if (r === 0) return `'${k.replace(/'/g, "''")}'`;
  if (r === 1) return JSON.stringify(k);
  return k;
}

/** Lines for a collection at `indent`; `inline` = the first line continues a `- ` already written. */
function renderCollection(v: Value[] | { [key: string]: Value }, indent: number, st: Style, inline: boolean): string {
  const pad = ' '.repeat(indent);
  let out = '';
  if (Array.isArray(v)) {
    if (v.length === 0) return `[]${comment(st)}${st.eol}`;
    v.forEach((item, i) => {
      const lead = inline && i === 0 ? '' : pad;
      out += (i > 0 ? filler(st, indent) : '') + lead + '-';
      out += renderChild(item, indent, st, true);
    });
    return inline ? out : out;
  }
  const pairs = pairsOf(v);
  if (pairs.length === 0) return `{}${comment(st)}${st.eol}`;
  pairs.forEach(([k, item], i) => {
    const lead = inline && i === 0 ? '' : pad;
    out += (i > 0 ? filler(st, indent) : '') + lead + renderKey(k, st) + (st.pick(15) === 0 ? ' :' : ':');
    out += renderChild(item, indent, st, false);
  });
  return out;
}

/** A collection of scalars in flow style, `[a, "b"]` / `{k: v}`, with varied spacing (and a trailing comma now and then). */
function renderFlow(v: Value[] | { [key: string]: Value }, st: Style): string {
  const gap = [' ', '', '  '][st.pick(3)];
  const parts = Array.isArray(v) ? v.map((item) => renderScalarText(item, st)) : pairsOf(v).map(([k, item]) => `${renderKey(k, st)}:${st.pick(8) === 0 ? '' : ' '}${renderScalarText(item, st)}`);
  const body = parts.join(`,${gap}`) + (st.pick(10) === 0 ? ',' : '');
  const inner = st.pick(3) === 0 ? ` ${body} ` : body;
  return Array.isArray(v) ? `[${inner}]` : `{${inner}}`;
}

function allScalars(v: Value[] | { [key: string]: Value }): boolean {
  return (Array.isArray(v) ? v : pairsOf(v).map(([, item]) => item)).every((item) => !isCollection(item));
}

/** After `key:` or `-`: the value, on this line or the following ones. */
function renderChild(v: Value, indent: number, st: Style, inSequence: boolean): string {
  if (isCollection(v) && allScalars(v) && st.pick(3) === 0) return ` ${renderFlow(v, st)}${trailing(st)}${comment(st)}${st.eol}`;
  if (!isCollection(v) || (Array.isArray(v) ? v.length === 0 : pairsOf(v).length === 0)) {
    if (isCollection(v)) return ` ${renderCollection(v, indent, st, true)}`;
    const text = renderScalarText(v, st);
    return (text === '' ? '' : ' ' + text) + trailing(st) + comment(st) + st.eol;
  }
  const childIndent = indent + st.step;
  if (inSequence && st.pick(2) === 0) {
    // Compact: `- a: 1` / `- - x`, the entries aligned with the first.
    const extra = st.pick(3) === 0 ? 2 : 0;
    return ' '.repeat(1 + extra) + renderCollection(v, indent + 2 + extra, st, true);
  }
  const head = comment(st) + st.eol + filler(st, indent);
  if (!inSequence && Array.isArray(v) && st.pick(2) === 0) {
    // A sequence at its key's own indentation, as kubectl writes it.
    return head + renderCollection(v, indent, st, false);
  }
  return head + renderCollection(v, childIndent, st, false);
}

function renderDocument(v: Value, seed: number): string {
  const pick = styleRandom(seed);
  const st: Style = { pick, eol: pick(6) === 0 ? '\r\n' : '\n', step: 1 + pick(4) };
  let text = pick(6) === 0 ? `# leading${st.eol}` : '';
  if (isCollection(v) && (Array.isArray(v) ? v.length > 0 : pairsOf(v).length > 0)) text += renderCollection(v, 0, st, false);
  else text += isCollection(v) ? (Array.isArray(v) ? `[]${st.eol}` : `{}${st.eol}`) : `${renderScalarText(v, st)}${st.eol}`;
  if (pick(5) === 0) text = text.replace(/\r?\n$/, ''); // no final line end
  if (pick(8) === 0) text = `\ufeff${text}`;
  return text;
}

// ---------------------------------------------------------------------------------------------

describe('block reader agrees with js-yaml', () => {
  test('random values in varied block styles: same value or a refusal', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(valueArb, fc.integer(), (v, seed) => {
        runs++;
        if (expectAgreement(renderDocument(v, seed))) read++;
      }),
      { numRuns: 3000 },
    );
    // The generator must mostly produce documents the reader accepts, or the property says little.
    expect(read).toBeGreaterThan(runs / 5);
  });

  test('kubectl and cdk8s shapes are never refused', () => {
    const nameArb = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    const plainValue = fc.oneof(nameArb, fc.integer({ min: 0, max: 65535 }), fc.boolean(), fc.constantFrom('registry.example.com/app:1.0', '100m', '128Mi', 'http://x:80/a', '/healthz'));
    const labelsArb = fc.dictionary(fc.constantFrom('app', 'tier', 'app.kubernetes.io/name', 'version'), nameArb, { maxKeys: 3 });
    const portArb = fc.record({ name: nameArb, port: fc.integer({ min: 1, max: 65535 }), targetPort: fc.oneof(nameArb, fc.integer({ min: 1, max: 65535 })), protocol: fc.constantFrom('TCP', 'UDP') });
    const objectArb = fc.record({
      apiVersion: fc.constantFrom('v1', 'apps/v1', 'networking.k8s.io/v1'),
      kind: fc.constantFrom('Service', 'Deployment', 'ConfigMap'),
      metadata: fc.record({ name: nameArb, namespace: nameArb, labels: labelsArb, annotations: fc.dictionary(fc.constantFrom('a.io/x', 'b.io/y'), fc.oneof(nameArb, fc.constantFrom('8080', 'true', '1.5', 'null', '', "it's"))) }),
      spec: fc.record({ selector: labelsArb, ports: fc.array(portArb, { maxLength: 3 }), type: fc.constantFrom('ClusterIP', 'NodePort'), extra: fc.dictionary(nameArb, plainValue, { maxKeys: 3 }), list: fc.array(plainValue, { maxLength: 3 }), empty: fc.constantFrom({}, []) }),
    });
    fc.assert(
      fc.property(objectArb, fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 3 }), (obj, indentSequences, crlf, comments) => {
        // cdk8s writes with the `yaml` package (strings that look like numbers quoted), kubectl with go-yaml; js-yaml's dump is the same block style.
        let text = jsyaml.dump(obj, { noArrayIndent: !indentSequences, lineWidth: -1, quotingType: '"', flowLevel: comments === 3 ? 3 : -1 });
        // Helm starts each document with a `# Source:` comment; people comment lines and values.
        if (comments > 0) text = `# Source: chart/templates/service.yaml\n${text}`;
        if (comments > 1) text = text.replace(/^( *)(ports|selector):/gm, '$1# the $2\n$1$2:');
        if (comments > 2) text = text.replace(/^(.*\S)$/gm, (line) => (line.trimStart().startsWith('#') ? line : `${line}  # note`));
        if (crlf) text = text.replace(/\n/g, '\r\n');
        expect(expectAgreement(text)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    // A scalar of each core-schema type, as a value and as a key.
    ['a: 0x1F\nb: 0o17\nc: 1_000\nd: .5\ne: +1\nf: -0\ng: 1e3\nh: .inf\ni: -.Inf\nj: .NaN\nk: 0b101\nl: 010\n'],
    ['a: ~\nb: null\nc: Null\nd: NULL\ne: nULL\nf: true\ng: True\nh: TRUE\ni: tRUE\nj: on\nk: yes\nl: 2024-01-01\n'],
    ['1: a\n1.5: b\ntrue: c\nnull: d\n0x10: e\n-0: f\n.inf: g\n"2": h\n'],
    ["a: 'it''s'\nb: \"\\u00e9\\t\\x41\\U0001F600\\\\\\\"\\/\\N\\_\\L\\P\\0\"\nc: ''\nd: \"\"\n"],
    ['a: b # comment\nc: d#not a comment\ne: "q" # c\nf:   # nothing\ng: {}\nh: []\n'],
    ['a: [ "ReadWriteOnce" ]\nb: [sh, -c, \'x y\', 1, true, ~]\nc: {path: /dev/log, "k": v, 1: 2}\nd:\n- [a,b]\n- {x: [1]}\ne: [a:b, http://x]\nf: [a, ]\n'],
    ['a: [a: b]\n'],
    ['a: {a}\n'],
    ['a: {"a":1}\n'],
    ['a: [a #c\n  , b]\n'],
    ['a: [-, ?]\n'],
    ['ports:\n- name: http\n  port: 80\n-   name: dns\n    port: 53\n- \n-\n- # empty\n- x\n'],
    ['a:\n  b:\n    c:\n    - 1\n    - - ignored\n'],
    ['toString: 1\nconstructor: 2\nhasOwnProperty: 3\nvalueOf: 4\n'],
    ['a: 1\r\nb:\r\n  - x\r\n  - y\r\n'],
    ['"a b": 1\n\'c\': 2\n"": 3\n'],
  ])('%j', (text) => {
    // Each of these is either read exactly as js-yaml reads it, or refused.
    expectAgreement(text);
  });

  test('every core-schema scalar resolves as js-yaml resolves it', () => {
    const texts = [...TRICKY.filter((t) => !/[\n\r\t\u0000-\u001f\u007f-\u009f\u2028\ufeff]/.test(t)).map((t) => `v: ${t}\n`), ...TRICKY.filter((t) => /^[\w.+~<-]+$/.test(t)).map((t) => `${t}: v\n`)];
    let read = 0;
    for (const text of texts) if (expectAgreement(text)) read++;
    // Not everything is refused: the plain numbers, booleans and nulls are read here.
    expect(read).toBeGreaterThan(texts.length / 2);
    // js-yaml's int makes `-0` a 0, its float makes `-0.0` a -0.
    const value = fastValue('a: 0x1F\nb: -0\nb2: -0.0\nc: .NaN\nd: 1_000\ne: ~\nf: True\n1.0: k\n')?.value;
    expect(same(value, { 1: 'k', a: 31, b: 0, b2: -0, c: NaN, d: 1000, e: null, f: true })).toBe(true);
  });

  test('comments, blank lines, CRLF and a missing final line end are read, not refused', () => {
    const text = '# Source: chart/templates/svc.yaml\r\napiVersion: v1  # core\r\n\r\nkind: Service\r\nmetadata:   # about it\r\n  # the name\r\n  name: web\r\nspec:\r\n  ports:\r\n  # first\r\n  - port: 80 # http\r\n    name: "http" # quoted\r\n  selector: {}  # none\r\n  args: ["--a", b]  # flow\r\n  hostPath: {path: /dev/log}\r\n  type: ClusterIP';
    expect(fastValue(text)?.value).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, name: 'http' }], selector: {}, args: ['--a', 'b'], hostPath: { path: '/dev/log' }, type: 'ClusterIP' } });
    expect(expectAgreement(text)).toBe(true);
  });

  test('scalars the cache files under one hash (spaces are not hashed) keep their own values', () => {
    for (let round = 0; round < 2; round++) {
      expect(fastValue('a: a b\nb: ab\nc: a  b\nab: 1\na b: 2\n"ab ": 3\nd: 1 0\ne: 10\n')?.value).toEqual({ a: 'a b', b: 'ab', c: 'a  b', ab: 1, 'a b': 2, 'ab ': 3, d: '1 0', e: 10 });
    }
  });

  test('a refusal in the middle of a list leaves nothing behind for the next document', () => {
    expect(fastValue('a:\n- 1\n- - 2\n')).toBeUndefined();
    expect(fastValue('b:\n- x\n- y: [1, [2]]\n')).toBeUndefined();
    expect(fastValue('c:\n- 3\n- d:\n  - 4\n')?.value).toEqual({ c: [3, { d: [4] }] });
  });

  // js-yaml rejects each of these; the reader must not accept them.
  test.each([
    ['duplicate key', 'a: 1\na: 2\n'],
    ['duplicate key after resolution', '1: a\n"1": b\n'],
    ['duplicate null keys', 'null: a\n~: b\n'],
    ['a: b: c', 'a: b: c\n'],
    ['bad indentation of an entry', 'a:\n  b: 1\n c: 2\n'],
    ['deeper line after a mapping', 'a: 1\n  b: 2\n'],
    ['tab indentation', 'a:\n\tb: 1\n'],
    ['unterminated double quote', 'a: "abc\n'],
    ['unterminated single quote', "a: 'abc\n"],
    ['unknown escape', 'a: "\\q"\n'],
    ['bad hex escape', 'a: "\\x4"\n'],
    ['colon without space after a quoted key', '"a":b\n'],
    ['sequence entry after a mapping entry', 'a: 1\n- b\n'],
    ['mapping entry after a sequence', '- a\nb: 1\n'],
    ['unclosed flow', 'a: [1, 2\n'],
    ['alias to nothing', 'a: *b\n'],
    ['control character', 'a: b\u0001c\n'],
    ['null byte', 'a: b\u0000\n'],
    ['content after a quoted scalar', 'a: "b" c\n'],
    ['a block sequence as a compact value', 'a: - b\n'],
    ['less indented line after a deep root', '  a: 1\nb: 2\n'],
  ])('%s', (_name, text) => {
    expect(jsyamlValue(text)).toBe(ERROR);
    expect(fastValue(text)).toBeUndefined();
  });

  test('documents outside the subset (nested or multi-line flow collections among them) are refused, not misread', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  x\n', 'a: >\n  x\n', 'a: b\n  c\n', 'a: "b\n  c"\n', 'a: [1, [2]]\n', 'a: {b: {c: 1}}\n', 'a: [1,\n  2]\n', 'a: [1, 2, ]\n', 'a: {b}\n', '? a\n: b\n', '<<: {a: 1}\n', '__proto__: 1\n', '%YAML 1.2\n---\na: 1\n', 'a: \ufeffb\n', 'plain\n', '- - a\n', 'a:\n  plain\n', '- a\n  - b\n', '---x: 1\n', '---: 1\n']) {
      expect(fastValue(text)).toBeUndefined();
    }
  });

  test('depth and size bounds: a document beyond them is left to js-yaml and the shape check', () => {
    const deep = (n: number): string => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n';
    expect(fastValue(deep(256))).toBeDefined();
    expect(fastValue(deep(257))).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
// Every YAML file in the repository

function yamlFilesUnder(dir: string, out: string[], limit: number): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (out.length >= limit) return;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.') && e.name !== 'build') yamlFilesUnder(full, out, limit);
    } else if (/\.ya?ml$/i.test(e.name)) {
      out.push(full);
    }
  }
}

describe('every YAML file in the repository', () => {
  const root = path.join(__dirname, '..', '..');
  const files: string[] = [];
  for (const dir of ['test', 'apps', 'dist', 'docs', 'examples']) yamlFilesUnder(path.join(root, dir), files, 2000);
  // Generated benchmark sets, when present (not committed): the smaller ones are enough.
  for (const set of ['set-1000', 'set-2000']) yamlFilesUnder(path.join(root, 'bench', 'out', set), files, 4000);

  test('each document is read as js-yaml reads it, or refused', () => {
    expect(files.length).toBeGreaterThan(0);
    let documents = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
      for (const chunk of splitDocuments(text)) {
        documents++;
        const fast = readBlockYaml(text, chunk.start, chunk.end, chunk.markerLine);
        if (fast === undefined) continue;
        const expected = jsyamlValue(documentText(text, chunk).replace(/^([ \t\r\n]*)\ufeff/, '$1'));
        if (!same(fast.value, expected)) throw new Error(`${file} document ${chunk.index}: the block reader and js-yaml differ`);
      }
    }
    expect(documents).toBeGreaterThan(0);
  });

  test('the synthesized apps and benchmark sets are read without a refusal', () => {
    const generated = files.filter((f) => f.includes(`${path.sep}dist${path.sep}`) || f.includes(`${path.sep}bench${path.sep}out${path.sep}`));
    for (const file of generated) {
      const text = fs.readFileSync(file, 'utf8');
      for (const chunk of splitDocuments(text)) {
        expect([file, chunk.index, readBlockYaml(text, chunk.start, chunk.end, chunk.markerLine) !== undefined]).toEqual([file, chunk.index, true]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Positions

/** Every path in a value, plus paths that stop existing one step further (missing key, index, or below a scalar). */
function pathsOf(value: unknown, prefix: PathStep[] = [], out: PathStep[][] = []): PathStep[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, i) => pathsOf(item, [...prefix, i], out));
    out.push([...prefix, value.length], [...prefix, 'missing']);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...prefix, key], out);
    out.push([...prefix, 'missing'], [...prefix, 'missing', 0], [...prefix, 0]);
  } else {
    out.push([...prefix, 'below'], [...prefix, 0]);
  }
  return out;
}

/** Compares the block locator with the `yaml` locator on every path of every document of a text. */
function expectSamePositions(text: string): number {
  let compared = 0;
  for (const chunk of splitDocuments(text)) {
    const fast = readBlockYaml(text, chunk.start, chunk.end, chunk.markerLine);
    if (fast === undefined) continue;
    const byBlock = new LocatableText('f.yaml', text, chunk, true);
    const byYaml = new LocatableText('f.yaml', text, chunk, false);
    const fallback = { file: 'f.yaml', line: -1, column: -1 };
    for (const steps of pathsOf(fast.value)) {
      const want = byYaml.locatePath(steps, undefined, fallback);
      const got = byBlock.locatePath(steps, undefined, fallback);
      if (got.line !== want.line || got.column !== want.column) {
        throw new Error(`position of ${JSON.stringify(steps)} in ${JSON.stringify(documentText(text, chunk))}: block ${got.line}:${got.column}, yaml ${want.line}:${want.column}`);
      }
      compared++;
    }
    // The object's start, as load.ts reports it, is where `yaml` puts the document's contents.
    const start = byBlock.positionAt(fast.contentAt);
    expect(start).toEqual(byYaml.locatePath([], undefined, fallback));
  }
  return compared;
}

describe('positions of block documents equal the yaml locator', () => {
  test('random documents, every existing and missing path', () => {
    let compared = 0;
    fc.assert(
      fc.property(valueArb, fc.integer(), fc.integer({ min: 0, max: 3 }), (v, seed, before) => {
        // A few documents before this one, so that lines and `---` markers are counted too.
        const prefix = ['', 'a: 1\n---\n', '# c\n--- # c\n', 'x: 1\n...\n---\nb: 2\n---\n'][before];
        const doc = renderDocument(v, seed).replace(/^\ufeff/, '');
        compared += expectSamePositions(prefix + doc);
      }),
      { numRuns: 1500 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  test('the repository\'s YAML files, every path', () => {
    const root = path.join(__dirname, '..', '..');
    const files: string[] = [];
    for (const dir of ['test', 'apps', 'dist']) yamlFilesUnder(path.join(root, dir), files, 500);
    yamlFilesUnder(path.join(root, 'bench', 'out', 'set-1000'), files, 520);
    let compared = 0;
    for (const file of files) compared += expectSamePositions(fs.readFileSync(file, 'utf8').replace(/^\ufeff/, ''));
    expect(compared).toBeGreaterThan(0);
  });
});
