/**
 * The block reader (lib/load/block-read.ts) must give exactly the value js-yaml gives with the
 * loader's schema, as a JSON round trip keeps it, or not answer at all. Checked on a generated
 * Helm-like set, every YAML file of the repository, a table of documents written for what the
 * reader reads or must hand over, and random edits of those documents (whether js-yaml reads them
 * or refuses them: the reader must not answer a document js-yaml refuses). Where it answers, the
 * loader skips depth.ts's shape check and the template-placeholder check (each comparison shows
 * they would have found nothing) and takes the reader's YAML 1.1 readings (each comparison shows they are yaml11Readings').
 */
import * as jsyaml from 'js-yaml';
import { generate } from '../../bench/generate';
import { mulberry32 } from '../../bench/prng';
import { BlockReader } from '../../lib/load/block-read';
import { documentShape, MAX_DOCUMENT_DEPTH } from '../../lib/load/depth';
import { hasMappingKey } from '../../lib/load/template-placeholder';
import { loadText } from '../../lib/load/load';
import { documentText, splitDocuments } from '../../lib/load/split';
import { yaml11Readings } from '../../lib/load/yaml11';
import { SCHEMA } from '../../lib/load/yaml-schema';
import { STRUCTURE_EDITS, generatedCorpus, mutate, repositoryCorpus } from './yaml-corpus';

/** Documents that each exercise something the reader reads or must hand over. */
const TRICKY: Record<string, string> = {
  'comments, blank lines and a Helm source line': `# Source: chart/templates/svc.yaml
apiVersion: v1   # trailing
# between
kind: Service
metadata:
  # first in the mapping
  name: x
    # indented comment
  labels:

    app: web # c
    url: http://x:80/#frag
    hash: a#b

spec:
  ports:
  # before the first item
  - port: 80 # c
    # between entries of an item
    name: http
  -   port: 81
      name: other
`,
  'CRLF line ends': 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: x\r\n  labels:\r\n    a: "b\r\n     c"\r\nspec:\r\n  ports:\r\n  - port: 80\r\n    name: |\r\n      text\r\n\r\n      more\r\n  - name: y\r\n',
  'no line break at the end': 'a: 1\nb: |\n  text',
  'marker line blanked': '   \na: 1\n',
  'indented as a whole': '  apiVersion: v1\n  kind: Service\n  spec:\n    ports:\n    - port: 80\n',
  'compact and nested sequences': 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n    - containerPort: 81\n  - name: b\n  volumes:\n  - name: v\nnested:\n- - x\n  - y\n- - - z\n    - w\n  - v\n-\n  - q\n- # c\n  - r\nafter: 1\n',
  'empty values and items': 'a:\nb: null\nc: ~\nd:\n  e:\n  f: Null\ng: []\nh: {}\ni: ""\nj:\n- \n- x\n-\nk: NULL\nl: [ ]\n',
  'plain scalars the core schema resolves': `ints: [0, 7, -7, +7, 007, 0o17, 0x1F, 0b101, 1_000, 12345678901234567890, 9007199254740993, -0]
floats: [1.5, -1.5, .5, 1e3, 1.0e+3, 6.02e23, 1_0.5, 1., +.5]
words: [true, True, TRUE, false, False, FALSE, null, Null, NULL, ~, tRUE, nULL, yes, no, on, off, y, n]
strings: [1.2.3, 0x, 0b2, 1e, 1_, -, -a, .a, 1:2, 12ab, '12', "true"]
block:
  int: 8080
  big: 123456789012345678
  neg: -42
  zero: 0
  octal: 0644
  float: 0.25
  exp: 2E-3
  version: 1.10
  semver: 1.10.3
  hex: 0xFF
  under: 1_000_000
  leadingzero: 00
  plus: +12
  true: still a string key? no, handed over
`,
  'the integer -0': 'a: -0\n',
  'infinity': 'a: .inf\n',
  'not a number': 'a: .NaN\n',
  'negative zero as a float': 'a: -0.0\n',
  'quoted scalars and escapes': `a: "tab\\tnew\\nline \\"q\\" back\\\\slash \\/ \\0 \\a \\b \\e \\v \\f \\r \\N \\_ \\L \\P \\x41 \\u00e9 \\U0001F600"
b: 'it''s "quoted" \\ no escapes'
c: "unicode é 日本"
d: ''
e: ""
f: 'a # not a comment'
g: "a: not a key"
"quoted key": 1
'single key': 2
"key \\"with\\" quotes": 3
'key ''x''': 4
"": 5
k: x"y\\z
`,
  'multi-line quoted scalars': `a: "one
  two

  three"
b: 'one   
    two ''q''


  three'
c: "escaped \\
   break \\
     twice"
d:
  - "item
    continued"
  - next
e: "trailing   
  spaces"
f: "x"
`,
  'multi-line plain scalars': 'a: one\n  two\n  - three\nb:\n  one\n  two\n\n  four\nc:\n- one\n  two\n- three\nd: last\n  line\ne: x # comment\n',
  'block scalars': `a: |
  line
    more indented
  last
b: |-
  stripped
c: |+
  kept

d: >
  folded
  text

  new paragraph
e: >-
  a
    indented
  b
f: |2
    two extra
   one extra
g: >+
  x

h: |
  text
 # a comment less indented
i: |  # comment after the header
  text
j: |

  after a blank line
k: >

  after a blank line
l: |-
m: >
n: |1-
  x
o:
- |
  item: text
- >-
  - x
p: |
    deep
      deeper
q: end
`,
  'block scalar whose first line is indented more than the next': 'a: |\n      deep\n    less\n',
  'block scalars with blank lines beyond the content': 'a: |\n      \n  text\nb: 1\n',
  'folded scalar with more-indented lines and blank lines': 'a: >\n  one\n\n    code\n      deeper\n\n  two\n  three\n\n\n  four\nb: >+\n  x\n\n\nc: 1\n',
  'flow sequences': 'a: [1, "two", \'three\', four five, -6, true, null, ~, 1.5]\nb: []\nc: ["--config", "/etc/x.conf"]  # c\nd: [ a , b ]\ne: ["a, b", \'c]\']\n',
  'keys': 'a:b: 1\nurl: http://x\ne#f: 3\nk: v#w\na b: 6\n"8080": 7\n\'true\': 8\nx : spaced\n',
  'YAML 1.1 readings under keys JavaScript orders first': 'b: on\n"80": off\n"1":\n  - yes\n',
  'duplicate keys': 'a: 1\nb: 2\na: 3\n',
  'duplicate keys written differently': 'a: 1\n"a": 2\n',
  'keys the core schema reads as other values': 'spec:\n  80: eighty\n',
  'boolean key': 'true: x\n',
  'null key': '~: x\n',
  'merge key': 'base:\n  a: 1\nother:\n  <<: {a: 2}\n',
  'merge value': 'a: <<\n',
  'anchors and aliases': `a: &x 1
b: *x
res: &res
  limits:
    cpu: 1
  list: &list
  - p
  - &q q
sidecar:
  resources: *res
  again: *list
  item: *q
seq:
- &s
  n: 1
- *s
- &e
- *e
same: &same
- at its key's indentation
copy: *same
quoted: &qt "text"  # c
block: &bl |
  text
refs: [a, b]
last: *bl
redefined: &x two
now: *x
empty: &nothing
after: *nothing
`,
  'YAML 1.1 readings in anchored values, reported once': 'a: &x on\nb: *x\nc: &y\n  d: off\n  f: [y, n]\ne: *y\nl:\n- &i\n  k: yes\n- *i\n- k: no\n',
  'alias to an unknown anchor': 'a: *x\n',
  'anchor before a block scalar on the next line': 'a: &x\n  |\n  text\nb: *x\n',
  'alias inside its own anchor': 'a: &x\n  b: *x\n',
  'alias to a redefined anchor from inside': 'a: &x 1\nb: &x\n  c: *x\n',
  'anchor on a key': '&a key: v\n',
  'anchor before a mapping on its line': '- &a key: v\n',
  'alias in a flow sequence': 'a: &x 1\nb: [*x]\n',
  'anchor and tag': 'a: &x !!str 1\n',
  'alias as a key': 'a: &x k\n*x : v\n',
  'tags': 'a: !!str 80\n',
  'explicit keys': '? a\n: 1\n',
  'a root that is a scalar': 'just text\n',
  'a root that is a flow mapping': '{a: 1}\n',
  'flow mapping as a value': 'a: {b: 1}\n',
  'template placeholder': 'a: {{ .Values.x }}\n',
  'template placeholder inside text': 'image: repo/{{ .Values.tag }}\n',
  'tab in the indentation': 'a:\n\tb: 1\n',
  'tab in a value': 'a: x\ty\n',
  'lone carriage return': 'a: 1\rb: 2\n',
  'control character': 'a: x\u0001y\n',
  'byte order mark': '\ufeffa: 1\n',
  'surrogate pair': 'a: "\ud83d\ude00"\n',
  'directive': '%YAML 1.2\na: 1\n',
  'bad indentation': 'a: 1\n  b: 2\n',
  'value after a quoted scalar': 'a: "x" y\n',
  'mapping in a value': 'a: b: c\n',
  'sequence in a value': 'a: - b\n',
  'less indented after the root': '  a: 1\nb: 2\n',
  'continuation not indented past its owner': 'a: "x\ny"\n',
  'comment inside a multi-line plain scalar': 'a: x\n  y # c\n  z\n',
  'unterminated quote': 'a: "x\n',
  'unknown escape': 'a: "\\q"\n',
  'bad block scalar header': 'a: |x\n  y\n',
  'zero indentation indicator': 'a: |0\n  y\n',
  'nested flow sequence': 'a: [[1], 2]\n',
  'trailing comma in a flow sequence': 'a: [1, 2,]\n',
  'flow sequence over lines': 'a: [1,\n  2]\n',
  'dash before a comma in a flow sequence': 'a: [-, b]\n',
  'deep Kubernetes object': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
    helm.sh/chart: web-0.1.0
spec:
  replicas: 3
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    spec:
      containers:
        - name: web
          image: "nginx:1.25"
          args: ["--port=8080", "--log-level=info"]
          env:
            - name: A
              value: >-
                -Xms128m -Xmx1g
                -XX:+UseG1GC
            - name: B
              value: 'Hello, "world"'
          ports:
            - containerPort: 8080
              name: http
              protocol: TCP
          volumeMounts:
            - name: config
              readOnly: true  # mounted
`,
};

/** Edits of values as well as structure: numbers, escapes, non-ASCII text. */
const VALUE_EDITS = [...STRUCTURE_EDITS, '&a ', '*a', ' &b', '*b\n', '1', '.', 'e', '_', '0x', '0o', '+', '\\n', '\\x4', '\\u00e9', 'é', '日', 'true', 'null', 'on', '\n\n', '  '];

/** Same value, same types (-0, NaN) and same key order. */
function same(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object' || b === null || typeof b !== 'object') return Object.is(a, b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

interface Comparison {
  documents: number;
  answered: number;
  /** Documents js-yaml refuses. */
  refused: number;
  disagreements: string[];
}

/** The reader against js-yaml on every document of `texts`. */
function compare(texts: readonly string[], label: (text: number, line: number) => string): Comparison {
  const result: Comparison = { documents: 0, answered: 0, refused: 0, disagreements: [] };
  const reader = new BlockReader();
  const disagree = (text: number, line: number, what: string): void => {
    if (result.disagreements.length < 20) result.disagreements.push(`${label(text, line)}: ${what}`);
  };
  texts.forEach((text, t) => {
    for (const chunk of splitDocuments(text)) {
      const doc = documentText(text, chunk);
      result.documents++;
      let expected: unknown;
      let refused = false;
      try {
        expected = jsyaml.load(doc, { schema: SCHEMA });
      } catch {
        refused = true;
        result.refused++;
      }
      const read = reader.read(doc);
      if (read === undefined) continue;
      result.answered++;
      if (refused) {
        disagree(t, chunk.startLine, `js-yaml refuses the document, the reader read ${JSON.stringify(read)}`);
        continue;
      }
      // What the loader keeps of js-yaml's value: its JSON copy.
      const kept = JSON.parse(JSON.stringify(expected));
      if (JSON.stringify(read) !== JSON.stringify(expected) || !same(read, kept) || !same(read, expected)) {
        disagree(t, chunk.startLine, `reader ${JSON.stringify(read)}, js-yaml ${JSON.stringify(expected)}`);
        continue;
      }
      // The checks the loader skips for what the reader answers would have found nothing.
      const shape = documentShape(expected);
      if (shape.problem || !shape.numbersAreJson) disagree(t, chunk.startLine, `shape ${JSON.stringify(shape)}`);
      if (hasMappingKey(expected)) disagree(t, chunk.startLine, 'a mapping as a key (the template-placeholder check)');
      const readings = reader.yaml11;
      if (readings !== undefined && !same(readings, yaml11Readings(doc, read))) {
        disagree(t, chunk.startLine, `YAML 1.1 readings ${JSON.stringify(readings)}, not ${JSON.stringify(yaml11Readings(doc, read))}`);
      }
    }
  });
  return result;
}

describe('the block reader', () => {
  test('equals js-yaml on a generated Helm-like set, and answers nearly every document', () => {
    const corpus = generatedCorpus(1000);
    const r = compare(corpus.texts, corpus.label);
    expect(r.disagreements).toEqual([]);
    expect(r.documents).toBeGreaterThan(900);
    expect(r.answered / r.documents).toBeGreaterThan(0.99);
  });

  test("equals js-yaml on the repository's YAML", () => {
    const corpus = repositoryCorpus();
    expect(corpus.texts.length).toBeGreaterThan(50);
    const r = compare(corpus.texts, corpus.label);
    expect(r.disagreements).toEqual([]);
    // docs/examples is written in flow style, which is handed over.
    expect(r.answered / r.documents).toBeGreaterThan(0.5);
  });

  test.each(Object.entries(TRICKY))('equals js-yaml or hands over: %s', (_name, text) => {
    const r = compare([text], (_t, line) => `line ${line}`);
    expect(r.documents).toBe(1);
    expect(r.disagreements).toEqual([]);
  });

  test('answers the block-style cases and hands over the rest', () => {
    const answers = (name: string): boolean => new BlockReader().read(TRICKY[name]!) !== undefined;
    const answered = Object.keys(TRICKY).filter(answers);
    expect(answered).toEqual([
      'comments, blank lines and a Helm source line',
      'CRLF line ends',
      'no line break at the end',
      'marker line blanked',
      'indented as a whole',
      'compact and nested sequences',
      'empty values and items',
      'the integer -0',
      'quoted scalars and escapes',
      'multi-line quoted scalars',
      'multi-line plain scalars',
      'block scalars',
      'folded scalar with more-indented lines and blank lines',
      'flow sequences',
      'keys',
      'YAML 1.1 readings under keys JavaScript orders first',
      'merge value',
      'anchors and aliases',
      'YAML 1.1 readings in anchored values, reported once',
      'deep Kubernetes object',
    ]);
  });

  test('reads numbers as the core schema does, and only numbers JSON carries', () => {
    const reader = new BlockReader();
    expect(reader.read('a: [0o17, 0x1F, 1_000, 1e3, .5, 007, 12345678901234567890]\n')).toEqual({ a: [15, 31, 1000, 1000, 0.5, 7, 12345678901234567000] });
    // js-yaml reads the integer -0 as 0, the float -0.0 as -0, which JSON cannot carry.
    expect(reader.read('a: -0\n')).toEqual({ a: 0 });
    expect(reader.read('a: -0.0\n')).toBeUndefined();
    expect(reader.read('a: .inf\n')).toBeUndefined();
  });

  test('hands over documents beyond the loader shape bounds', () => {
    const deep = (levels: number): string => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n';
    const reader = new BlockReader();
    expect(reader.read(deep(MAX_DOCUMENT_DEPTH))).toBeDefined();
    expect(reader.read(deep(MAX_DOCUMENT_DEPTH + 1))).toBeUndefined();
    // The loader then reports the shape as before.
    expect(loadText(deep(MAX_DOCUMENT_DEPTH + 1), 'deep.yaml').problems.map((p) => p.type)).toEqual(['shape']);
  });

  test('hands over aliases that expand beyond the loader shape bounds', () => {
    // Billion laughs in block style: each level lists the one above ten times (10^7 values).
    const levels = ['l0: &l0 x'];
    for (let i = 1; i <= 7; i++) levels.push(`l${i}: &l${i}\n${Array.from({ length: 10 }, () => `- *l${i - 1}`).join('\n')}`);
    const text = levels.join('\n') + '\n';
    expect(new BlockReader().read(text)).toBeUndefined();
    expect(loadText(text, 'laughs.yaml').problems.map((p) => p.type)).toEqual(['shape']);
    // Five levels (10^5 values) are within them, and read.
    const within = levels.slice(0, 6).join('\n') + '\n';
    expect(JSON.stringify(new BlockReader().read(within))).toBe(JSON.stringify(jsyaml.load(within, { schema: SCHEMA })));
  });

  test('finds the plain scalars YAML 1.1 reads differently, as the loader reports them', () => {
    const reader = new BlockReader();
    reader.read('a: "on"\nb: x\nc: 0644x\n');
    expect(reader.yaml11).toEqual([]);
    reader.read('a:\n  b: [x, off]\n  c:\n  - 0644\n  - y\nd: one\n  two\ne: No\n');
    expect(reader.yaml11).toEqual([
      { path: ['a', 'b', 1], text: 'off', kubectl: false, lineup: 'off' },
      { path: ['a', 'c', 0], text: '0644', kubectl: 420, lineup: 644 },
      { path: ['a', 'c', 1], text: 'y', kubectl: true, lineup: 'y' },
      { path: ['e'], text: 'No', kubectl: false, lineup: 'No' },
    ]);
    // A key JavaScript orders first ("80"): the loader asks yaml11Readings, whose order is the value's.
    reader.read('b: on\n"80": off\n');
    expect(reader.yaml11).toBeUndefined();
    const [object] = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  ENABLED: on\n', 'c.yaml').objects;
    expect(object!.yaml11).toEqual([{ path: ['data', 'ENABLED'], text: 'on', kubectl: true, lineup: 'on' }]);
  });

  test('equals js-yaml on random edits, read or refused', () => {
    const rnd = mulberry32(20261205);
    // Seeds the reader answers, so that the edits probe the edge of what it reads.
    const reader = new BlockReader();
    const seeds = [...Object.values(TRICKY), ...generate(20).files[0]!.text.split('\n---\n').slice(0, 40)].filter((text) => reader.read(text) !== undefined);
    let answered = 0;
    let refused = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 4000; i++) {
      let text = seeds[i % seeds.length]!;
      for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) text = mutate(text, rnd, VALUE_EDITS);
      const r = compare([text], () => JSON.stringify(text));
      answered += r.answered;
      refused += r.refused;
      disagreements.push(...r.disagreements);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // The property is not vacuous: many edits are still read, and many are refused.
    expect(answered).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(300);
  });
});
