/**
 * fnvCanonical (pod-template-hash) was rewritten for speed; its value must stay exactly what the
 * plain definition gives: FNV-1a over the UTF-8 bytes of canonical JSON (keys sorted, undefined
 * members dropped), so template hashes and pod names never change.
 */
import * as fc from 'fast-check';
import { canonicalJson, fnv1a32, fnvCanonical, templateHash } from '../../lib/cluster/hash';

describe('fnvCanonical', () => {
  const cases: [string, unknown][] = [
    ['empty object', {}],
    ['nested template', { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] } }],
    ['key order does not matter', { b: 1, a: [true, false, null] }],
    ['quotes, backslashes and control characters', { 'k"ey': 'a\\b\n\tc', x: '\u0001' }],
    ['non-ASCII text', { name: 'café', emoji: '🚀', jp: 'サービス' }],
    ['lone surrogate', { s: '\ud800x' }],
    ['numbers', { a: -0, b: 1.5e300, c: NaN, d: Infinity, e: 0.1 }],
    ['undefined members are dropped', { a: undefined, b: 1 }],
    ['undefined and functions in arrays', [undefined, () => 1, 2]],
    ['0x7f is not escaped', { del: '\u007f' }],
    // Up to 32 keys are sorted by insertion, more by the library sort.
    ['keys in reverse order', Object.fromEntries(['z', 'y', 'x', 'b', 'B', 'a', 'A', '_', '-', 'é', '\ud83d\ude80'].map((k) => [k, k]))],
    ['32 keys, shuffled', Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${(i * 13) % 32}`, i]))],
    ['33 keys, shuffled', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${(i * 14) % 33}`, i]))],
  ];
  test.each(cases)('%s: equals FNV-1a of canonical JSON', (_name, value) => {
    expect(fnvCanonical(value)).toBe(fnv1a32(canonicalJson(value)));
  });

  test('a known template keeps its hash', () => {
    // Value computed with the implementation this replaced (state object, forEach, JSON.stringify per key).
    expect(templateHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } })).toBe(KNOWN_HASH);
  });

  test('property: any JSON value hashes as its canonical JSON does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => fnvCanonical(value) === fnv1a32(canonicalJson(value))),
      { numRuns: 500 },
    );
  });

  test('property: maps of any size and key order hash as their canonical JSON does', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 60 }), (value) => fnvCanonical(value) === fnv1a32(canonicalJson(value))),
      { numRuns: 300 },
    );
  });
});

const KNOWN_HASH = '5776d5bb59';
