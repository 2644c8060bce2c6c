/**
 * The line walk (lib/load/block-locate.ts) must answer exactly what the `yaml` syntax tree answers
 * (or, where the tree hands over, the composed `yaml` document), or not answer at all. Checked on
 * every path to every node, plus a missing key in each mapping, an index past the end of each
 * sequence and a step into each scalar, of: a generated Helm-like set, every YAML file of the
 * repository (example apps' output if synthesized, docs/examples, test fixtures and real-world
 * manifests, each rule's broken and fixed examples), a table of documents written to hit the
 * cases the walk must get right or hand over, and random mutations of those documents that
 * js-yaml still reads with the loader's schema (the loader only ever locates documents it read).
 */
import * as jsyaml from 'js-yaml';
import { Parser, parseDocument, type CST, type Document } from 'yaml';
import { generate } from '../../bench/generate';
import { mulberry32 } from '../../bench/prng';
import type { PathStep } from '../../lib/k8s/field-path';
import { reachInBlockText, type Reached } from '../../lib/load/block-locate';
import { reachInDocument, reachInTree } from '../../lib/load/locate';
import { loadText } from '../../lib/load/load';
import { documentText, splitDocuments } from '../../lib/load/split';
import { SCHEMA } from '../../lib/load/yaml-schema';
import { generatedCorpus, mutate, repositoryCorpus } from './yaml-corpus';

/** Documents that each exercise something the walk reads or must hand over. */
const TRICKY: Record<string, string> = {
  'comments between keys and after values': `# Source: chart/templates/svc.yaml
apiVersion: v1   # trailing
# between
kind: Service
metadata:
  # first in the mapping
  name: x
    # indented comment
  labels:

    app: web # c

spec:
  ports:
  # before the first item
  - port: 80 # c
    # between entries of an item
    name: http
  -   port: 81
      name: other
`,
  'values followed by spaces and comments': 'a:   value  # c\nb: "q"   # c\nc: [1, 2]  # c\nd: {x: 1}\t# tab before\ne:    \nf: # only a comment\ng: last   \n',
  'CRLF line ends': 'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: x\r\n  labels:\r\n    a: "b"\r\nspec:\r\n  ports:\r\n  - port: 80\r\n    name: |\r\n      text\r\n  - name: y\r\n',
  'byte order mark': '\ufeffapiVersion: v1\nkind: Service\nmetadata:\n  name: x\n',
  'byte order mark before a sequence': '\ufeff- a: 1\n  b: 2\n- c\n',
  'marker line with content blanked': '    a: 1\n',
  'compact sequences': 'spec:\n  containers:\n  - name: a\n    ports:\n    - containerPort: 80\n    - containerPort: 81\n  - name: b\n  volumes:\n  - name: v\nafter: 1\n',
  'nested sequences': 'a:\n- - x\n  - y\n- - - z\n    - w\n  - v\n-\n  - q\n- # c\n  - r\n',
  'block scalars with indicators and content that looks like keys': `a: |2-
    not: a key
  - not an item
b: >+
  folded: text
    more: text

c: |
   # not a comment
   "quoted
d: |-

  after a blank line
e: >1
  x: y
f:
- |
  item: text
- >-
  - x
g: |
  text
 # trailing comment, less indented
h: |4
      deeper
    x
i: |
  a

j: end
`,
  'block scalars in compact items': '- a: |1\n   x\n  b: 2\n- a: |\n    text\n  b: 3\n- |2\n   y\n- key: >-\n    z\n',
  'multi-line quoted strings': `a: "one
  two
  three"
b: 'one
  two ''quoted''
  three'
c: "escaped \\" quote: not a key"
d: "line with \\
  escaped break"
e:
  - "item
    continued"
  - next
f: "x"
`,
  'multi-line plain strings': 'a: one\n  two\n  - three\nb:\n  one\n  two\nc:\n- one\n  two\n- three\nd: last\n',
  'keys with colons and hashes': 'a:b: 1\nurl: http://x:80/y\n"c: d": 2\ne#f: 3\n\'g # h\': 4\nk: v#w\nl: "x # y"\nm: x:y\n',
  'quoted keys': '"a": 1\n\'b\': 2\n"c d": 3\n\'it\'\'s\': 4\n"esc\\tape": 5\n"": 6\n"8080": 7\n\'true\': 8\n',
  'empty values, null and tilde': 'a:\nb: null\nc: ~\nd:\n  e:\n  f: Null\ng: []\nh: {}\ni: ""\nj:\n- \n- x\n-\n',
  'trailing spaces': 'a:  \n  b: 1   \n  c:   \n    - x   \n    -   y  \nd: "q"  \n',
  'indented as a whole': '  apiVersion: v1\n  kind: Service\n  metadata:\n    name: x\n  spec:\n    ports:\n    - port: 80\n',
  'flow collections as values': `a: [1, 2, 3]
b: {x: 1, "y": 2}
c: [a, {b: c}, [d]]
d: {
  e: f,
  g: [h,
    i]
}
e: ["quoted, with comma", 'single ] bracket', "a \\" quote"]
f: [plain"quote, x]
g: {"json":"like", "k":[1]}
h: [a, # comment
  b]
i: last
`,
  'anchors, aliases, tags and merges': `base: &base
  a: 1
  b: [x]
other:
  <<: *base
  c: 2
tagged: !!str 80
list:
- &item
  name: n
- *item
- !!map
  z: 1
anchored: &v value
ref: *v
x: !!map
  y: 1
after: end
`,
  'keys the composed document reads as other values': 'spec:\n  80: eighty\n  0x10: hex\n  true: yes\n  ~: tilde\n  .5: half\n  -x: dash\n  +y: plus\n  name: n\nafter:\n  name: m\n  80: e\n',
  'explicit keys': '? a\n: 1\nb: 2\n',
  'a root that is a sequence': '- a\n- b: 1\n  c:\n  - d\n- - e\n',
  'a root that is a flow mapping': '{a: 1, b: [2]}\n',
  'a root that is a scalar': 'just text\n',
  'tab after a colon': 'a:\t1\nb: 2\n',
  'tab inside values and block scalars': 'a: x\ty\nb: |\n  \tindented by a tab\n  x\nc: "\t"\n',
  'flow indicators inside plain keys and values': 'a[b]: 1\nc,d: 2\ne{f}: 3\ng: h]i\nj: k,l\nm: "n"\n',
  'a value on the line after its key': 'a:\n  "quoted"\nb:\n  [1, 2]\nc:\n  |\n  text\nd:\n  plain\ne: end\n',
  'deep Kubernetes object': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: "nginx:1.25"
          args: ["--port=8080"]
          env:
            - name: A
              value: >-
                folded
                text
            - name: B
              valueFrom:
                secretKeyRef: {name: s, key: k}
          ports:
            - containerPort: 8080
              name: http
`,
};

/** Every path to a node of `value`, and a missing step below each mapping, sequence and scalar. */
function* paths(value: unknown, belowScalars: boolean, at: PathStep[] = []): Generator<PathStep[]> {
  yield at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], belowScalars, [...at, i]);
    yield [...at, value.length];
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* paths(v, belowScalars, [...at, k]);
    yield [...at, 'missing'];
  } else if (belowScalars) {
    yield [...at, 'below'];
  }
}

function syntaxTree(text: string): CST.Token | undefined {
  for (const token of new Parser().parse(text)) if (token.type === 'document') return token.value;
  return undefined;
}

interface Comparison {
  answered: number;
  total: number;
  documents: number;
  disagreements: string[];
}

/** The walk against the syntax tree (falling back to the composed document), on every path of every document js-yaml reads. */
function compare(texts: readonly string[], label: (text: number, line: number) => string, belowScalars = true): Comparison {
  const result: Comparison = { answered: 0, total: 0, documents: 0, disagreements: [] };
  texts.forEach((text, t) => {
    for (const chunk of splitDocuments(text)) {
      const doc = documentText(text, chunk);
      let value: unknown;
      try {
        value = jsyaml.load(doc, { schema: SCHEMA });
      } catch {
        continue;
      }
      result.documents++;
      const tree = syntaxTree(doc);
      let composed: Document.Parsed | undefined;
      for (const steps of paths(value, belowScalars)) {
        result.total++;
        const walked = reachInBlockText(doc, steps);
        if (walked === null) continue;
        result.answered++;
        let expected: Reached | null | undefined = reachInTree(tree, steps);
        if (expected === null) {
          composed ??= parseDocument(doc, { keepSourceTokens: false, uniqueKeys: false });
          expected = reachInDocument(composed, steps);
        }
        if (JSON.stringify(walked) !== JSON.stringify(expected) && result.disagreements.length < 20) {
          result.disagreements.push(`${label(t, chunk.startLine)} ${JSON.stringify(steps)}: walk ${JSON.stringify(walked)}, tree ${JSON.stringify(expected)}`);
        }
      }
    }
  });
  return result;
}

describe('positions read off the lines of block-style YAML', () => {
  test('equal the syntax tree on every path of a generated Helm-like set, and answer nearly all of them', () => {
    const corpus = generatedCorpus(1000);
    const r = compare(corpus.texts, corpus.label);
    expect(r.disagreements).toEqual([]);
    expect(r.documents).toBeGreaterThan(900);
    // Handed over: steps into flow lists (`args`, TLS `hosts`), into the occasional anchored
    // `resources`, and below block scalars. Every path a finding of this set asks for is answered.
    expect(r.answered / r.total).toBeGreaterThan(0.95);
  });

  test("equal the syntax tree on every path of the repository's YAML, and answer nearly all of them", () => {
    const corpus = repositoryCorpus();
    expect(corpus.texts.length).toBeGreaterThan(50);
    const r = compare(corpus.texts, corpus.label);
    expect(r.disagreements).toEqual([]);
    // docs/examples is written in flow style, which is handed over.
    expect(r.answered / r.total).toBeGreaterThan(0.8);
  });

  test.each(Object.entries(TRICKY))('equal the syntax tree on every path: %s', (_name, text) => {
    const r = compare([text], (_t, line) => `line ${line}`);
    expect(r.documents).toBe(1);
    expect(r.disagreements).toEqual([]);
  });

  test('answer the block-style cases and hand over the rest', () => {
    // Steps below a block scalar are handed over (the syntax tree hands them to the composed document).
    const answeredAll = (name: string): boolean => {
      const r = compare([TRICKY[name]], () => name, false);
      return r.answered === r.total;
    };
    for (const name of [
      'comments between keys and after values',
      'CRLF line ends',
      'byte order mark',
      'marker line with content blanked',
      'compact sequences',
      'nested sequences',
      'block scalars with indicators and content that looks like keys',
      'multi-line quoted strings',
      'multi-line plain strings',
      'indented as a whole',
    ]) {
      expect([name, answeredAll(name)]).toEqual([name, true]);
    }
    for (const name of ['anchors, aliases, tags and merges', 'keys the composed document reads as other values', 'explicit keys', 'a root that is a flow mapping', 'tab after a colon']) {
      expect([name, answeredAll(name)]).toEqual([name, false]);
    }
  });

  test('equal the syntax tree on random mutations that js-yaml still reads', () => {
    const rnd = mulberry32(20261205);
    const seeds = [...Object.values(TRICKY), ...generate(20).files[0].text.split('\n---\n').slice(0, 40)];
    let read = 0;
    const disagreements: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let text = seeds[i % seeds.length];
      for (let n = 1 + Math.floor(rnd() * 3); n > 0; n--) text = mutate(text, rnd);
      const r = compare([text], () => JSON.stringify(text));
      if (r.documents > 0) read++;
      disagreements.push(...r.disagreements);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    // Most mutations still parse: the property is not vacuous.
    expect(read).toBeGreaterThan(700);
  });

  test.each([
    // [field path, expected line:column] through the loader, which reads lines first.
    ['metadata.name', '4:9'],
    ['spec.template.spec.containers[0].image', '18:18'],
    ['spec.template.spec.containers[0].args', '19:17'],
    ['spec.template.spec.containers[0].env[0].value', '22:22'],
    // Inside a flow mapping: the syntax tree answers.
    ['spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef.name', '27:38'],
    ['spec.template.spec.containers[0].ports[0].name', '30:21'],
    // Missing: the deepest step found, here the key `ports` and the first item's first key.
    ['spec.template.spec.containers[0].ports[1]', '28:11'],
    ['spec.template.spec.containers[0].resources', '17:11'],
    ['spec.strategy', '6:1'],
  ])('%s → %s', (field, expected) => {
    const [object] = loadText(TRICKY['deep Kubernetes object'], 't.yaml').objects;
    const at = object.source.locate(field);
    expect(`${at.line}:${at.column}`).toBe(expected);
  });
});
