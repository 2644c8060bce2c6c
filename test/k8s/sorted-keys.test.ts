/**
 * sortedKeys stands in for `Object.keys(o).sort()` wherever maps are read in key order (labels,
 * annotations, selectors, the pod-template hash): it must give exactly that order, whether the
 * keys come sorted (cdk8s), in a template's order (Helm), or in more than the insertion-sorted 32.
 */
import * as fc from 'fast-check';
import { sortedKeys } from '../../lib/k8s/json';

describe('sortedKeys', () => {
  const cases: [string, object][] = [
    ['no keys', {}],
    ['one key', { app: 'web' }],
    ['already sorted, as cdk8s renders', { 'app.kubernetes.io/name': 'a', 'app.kubernetes.io/part-of': 'b', tier: 'c' }],
    ['reverse order, with case and non-ASCII keys', Object.fromEntries(['z', 'y', 'b', 'B', 'a', 'A', '_', '-', 'é', '\ud83d\ude80'].map((k) => [k, k]))],
    ['32 keys, shuffled', Object.fromEntries(Array.from({ length: 32 }, (_, i) => [`k${(i * 13) % 32}`, i]))],
    ['33 keys, shuffled (the library sort)', Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${(i * 14) % 33}`, i]))],
    // Integer-like keys come first in any JavaScript object, in numeric order; the sort then orders them as text.
    ['integer-like keys', { '10': 1, '9': 2, b: 3, '1': 4 }],
  ];
  test.each(cases)('%s: the order Object.keys(o).sort() gives', (_name, o) => {
    expect(sortedKeys(o)).toEqual(Object.keys(o).sort());
  });

  test('any map of up to 60 keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 60 }), (o) => {
        expect(sortedKeys(o)).toEqual(Object.keys(o).sort());
      }),
      { numRuns: 300 },
    );
  });

  test('leaves the object as it was', () => {
    const o = { b: 1, a: 2 };
    sortedKeys(o);
    expect(Object.keys(o)).toEqual(['b', 'a']);
  });
});
