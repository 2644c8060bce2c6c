/** cloneJson must give exactly what the JSON round trip gives (its fast path is an optimization only). */
import fc from 'fast-check';
import { cloneJson, type Json } from '../../lib/k8s/json';

function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('cloneJson', () => {
  const cases: [string, unknown][] = [
    ['nested manifest', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', labels: { app: 'a' } }, spec: { ports: [{ port: 80, targetPort: 'http' }] } }],
    ['-0 becomes 0', { a: -0, b: [-0] }],
    ['NaN and Infinity become null', { a: NaN, b: [Infinity, -Infinity] }],
    ['undefined members dropped, undefined items null', { a: undefined, b: [undefined, 1] }],
    ['functions dropped', { a: () => 1, b: 2 }],
    ['Date through toJSON', { when: new Date(Date.UTC(2020, 0, 2)) }],
    ['integer-like keys reordered', { b: 1, 2: 'x', a: 3, 1: 'y' }],
    ['null prototype', Object.assign(Object.create(null) as object, { a: 1 })],
    ['own __proto__ key', JSON.parse('{"__proto__": {"x": 1}, "a": 2}')],
    ['class instance', new (class Thing { a = 1; })()],
    ['Map becomes {}', { m: new Map([['a', 1]]) }],
    ['sparse array', [1, , 3]], // eslint-disable-line no-sparse-arrays
  ];
  it.each(cases)('%s', (_name, value) => {
    const copy = cloneJson(value as Json);
    expect(copy).toStrictEqual(roundTrip(value));
    expect(JSON.stringify(copy)).toBe(JSON.stringify(roundTrip(value)));
    expect(Object.keys(copy as object)).toEqual(Object.keys(roundTrip(value) as object));
  });

  it('copies deeply (no shared references)', () => {
    const value = { a: { b: [{ c: 1 }] } };
    const copy = cloneJson(value);
    copy.a.b[0].c = 2;
    expect(value.a.b[0].c).toBe(1);
  });

  it('throws what the round trip throws on cycles and BigInt', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => cloneJson(cyclic as Json)).toThrow(TypeError);
    expect(() => cloneJson({ n: BigInt(1) } as unknown as Json)).toThrow(TypeError);
  });

  it('matches the round trip on arbitrary JSON-ish values', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true, withBoxedValues: true, withSparseArray: true, withDate: true, withMap: true, withSet: true }), (value) => {
        let expected: unknown;
        try {
          expected = roundTrip(value);
        } catch (e) {
          expect(() => cloneJson(value as Json)).toThrow((e as Error).constructor as ErrorConstructor);
          return;
        }
        expect(JSON.stringify(cloneJson(value as Json))).toBe(JSON.stringify(expected));
      }),
      { numRuns: 500 },
    );
  });
});
