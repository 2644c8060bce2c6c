/**
 * Positions are found in the `yaml` package's syntax tree, and in the composed `yaml` document only
 * where the tree cannot tell. The two must agree wherever the tree answers: checked on every field
 * path (and one missing field per mapping and list) of a generated Helm-like set and of documents
 * written to hit the cases the tree hands over (anchors, aliases, tags, `?` keys, keys read as
 * numbers or booleans, merges, empty values and items, flow collections over several lines).
 */
import * as jsyaml from 'js-yaml';
import { LineCounter, Parser, parseDocument, type CST } from 'yaml';
import { generate } from '../../bench/generate';
import type { PathStep } from '../../lib/k8s/field-path';
import { reachInDocument, reachInTree, type Reached } from '../../lib/load/locate';
import { loadText } from '../../lib/load/load';
import { documentText, splitDocuments } from '../../lib/load/split';

const TRICKY = `apiVersion: v1
kind: Service
metadata:
  name: x
  labels: {app: web, "quoted": 'v', tier: }
  annotations:
    a: |
      block
    b: >-
      folded
    "c d": "e"
    'f': 'g'
    empty:
    k8s: &anchor v
    alias: *anchor
spec:
  selector:
    app: wbe
  ports:
  -
  - name: http
    port: 80
    targetPort: !!str 8080
  - {name: a, port: 81}
  - [1, 2]
  - &item
    name: b
  - *item
  nested:
    - - a
      - b
    -   c
  flow: [a, {b: c}, [d]]
  multiline: {
    a: b,
    c: d
  }
  ? complex
  : value
  80: eighty
  0x10: hex
  true: yes
  ~: tilde
  "80x": q
  <<: {merged: m}
  # comment
  after: comment # trailing
`;

function* paths(value: unknown, at: PathStep[] = []): Generator<PathStep[]> {
  yield at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* paths(value[i], [...at, i]);
    yield [...at, value.length];
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* paths(v, [...at, k]);
    yield [...at, 'missing'];
  }
}

function target(r: Reached | undefined | null, steps: PathStep[]): number | undefined {
  return r ? (r.resolved === steps.length ? r.value : r.named) : undefined;
}

function compare(texts: string[]): { answered: number; total: number; disagreements: string[] } {
  let answered = 0;
  let total = 0;
  const disagreements: string[] = [];
  for (const text of texts) {
    for (const chunk of splitDocuments(text)) {
      const doc = documentText(text, chunk);
      const value = jsyaml.load(doc);
      let tree: CST.Token | undefined;
      for (const token of new Parser(new LineCounter().addNewLine).parse(doc)) if (token.type === 'document') tree = token.value;
      const composed = parseDocument(doc, { uniqueKeys: false });
      for (const steps of paths(value)) {
        total++;
        const fromTree = reachInTree(tree, steps);
        if (fromTree === null) continue;
        answered++;
        const fromDocument = reachInDocument(composed, steps);
        if (target(fromTree, steps) !== target(fromDocument, steps)) disagreements.push(`line ${chunk.startLine}: ${JSON.stringify(steps)}`);
      }
    }
  }
  return { answered, total, disagreements };
}

describe('positions from the syntax tree', () => {
  test('agree with the composed document on every path of a Helm-like set, and answer nearly all of them', () => {
    const set = generate(300);
    const r = compare(set.files.map((f) => f.text));
    expect(r.disagreements).toEqual([]);
    // Only the paths through the occasional anchor are handed over.
    expect(r.answered / r.total).toBeGreaterThan(0.99);
  });

  test('agree on the cases they hand over, and hand those over', () => {
    const r = compare([TRICKY]);
    expect(r.disagreements).toEqual([]);
    expect(r.answered).toBeLessThan(r.total);
  });

  test.each([
    // [field path, expected line:column] in TRICKY, whichever structure answers.
    ['metadata.labels.quoted', '5:32'],
    ['metadata.labels.tier', '5:37'],
    ['metadata.annotations.a', '7:8'],
    ['metadata.annotations[c d]', '11:12'],
    ['metadata.annotations.empty', '13:5'],
    ['metadata.annotations.alias', '15:12'],
    ['spec.ports[1].port', '22:11'],
    ['spec.ports[2].port', '24:21'],
    ['spec.ports[2].targetPort', '24:5'],
    // A tagged value: the composed document answers, at the value after the tag.
    ['spec.ports[1].targetPort', '23:23'],
    ['spec.multiline.c', '36:8'],
    ['spec.80', '40:7'],
    ['spec.16', '41:9'],
    ['spec.after', '47:10'],
  ])('%s → %s', (field, expected) => {
    const [object] = loadText(TRICKY, 't.yaml').objects;
    const at = object.source.locate(field);
    expect(`${at.line}:${at.column}`).toBe(expected);
  });
});
