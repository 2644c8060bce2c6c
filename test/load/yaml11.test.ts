/**
 * How kubectl reads a plain scalar: go-yaml v2's `resolve`, as vendored by sigs.k8s.io/yaml
 * (kubernetes-sigs/yaml goyaml.v2/resolve.go): the `resolveMapList` table of booleans, nulls,
 * infinities and NaN; then, for a scalar starting with a digit or sign, `_` removed,
 * strconv.ParseInt/ParseUint with base 0 (so `0x`, `0b`, `0o` prefixes in either case and a
 * leading `0` for octal), then `yamlStyleFloat`; for one starting with `.`, strconv.ParseFloat.
 * No base-60 numbers ("purposefully not supported", goyaml.v2/README.md).
 */
import * as jsyaml from 'js-yaml';
import { resolveYaml11, yaml11Readings, mayHoldYaml11Readings } from '../../lib/load/yaml11';

const RESOLVED: [string, unknown][] = [
    // resolveMapList: booleans
    ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, unknown] => [s, true]),
    ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, unknown] => [s, false]),
    // resolveMapList: nulls
    ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, unknown] => [s, null]),
    // not in the table: strings
    ['yEs', 'yEs'],
    ['oN', 'oN'],
    ['nO', 'nO'],
    ['enabled', 'enabled'],
    // ParseInt base 0 after removing `_`
    ['0644', 420],
    ['0o644', 420],
    ['0O644', 420],
    ['0_644', 420],
    ['-0644', -420],
    ['0x1F', 31],
    ['0X1F', 31],
    ['0b101', 5],
    ['0B101', 5],
    ['-0b101', -5],
    // a sign, then `_`: removed before ParseInt, so a number (Go's integers have no -0)
    ['-_0', 0],
    ['+_1', 1],
    ['-0', 0],
    ['1_000', 1000],
    ['+12', 12],
    ['0', 0],
    ['007', 7],
    // not octal (8, 9): yamlStyleFloat reads it as a decimal
    ['08', 8],
    ['0128', 128],
    // yamlStyleFloat
    ['1e3', 1000],
    ['1.5', 1.5],
    ['+.5', 0.5],
    ['-.5', -0.5],
    ['1e1_0', 1e10],
    // the `.` hint: ParseFloat on the text as written (no `_` removed)
    ['.5', 0.5],
    ['.5_0', '.5_0'],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['+.INF', Infinity],
    // no base 60, timestamps decoded into interface{} stay strings, versions are strings
    ['1:20', '1:20'],
    ['2024-01-31', '2024-01-31'],
    ['1.0.0', '1.0.0'],
    // ParseFloat refuses out of range: the text stays
    ['1e400', '1e400'],
];

describe('resolveYaml11 (go-yaml v2 resolve.go)', () => {
  test.each(RESOLVED)('%j → %j', (text, expected) => {
    expect(resolveYaml11(text)).toEqual(expected);
  });

  test('.nan is NaN', () => {
    expect(resolveYaml11('.nan')).toBeNaN();
  });
});

function readings(doc: string): ReturnType<typeof yaml11Readings> {
  return yaml11Readings(doc, jsyaml.load(doc));
}

describe('yaml11Readings', () => {
  test.each([
    ['data: {FEATURE: on}', [{ path: ['data', 'FEATURE'], text: 'on', kubectl: true, lineup: 'on' }]],
    ['data:\n  FEATURE: "on"\n', []],
    ["data:\n  FEATURE: 'on'\n", []],
    ['data:\n  FEATURE: !!str on\n', []],
    ['data:\n  conf: |\n    feature: on\n', []],
    ['mode: 0644\n', [{ path: ['mode'], text: '0644', kubectl: 420, lineup: 644 }]],
    ['mode: 0o644\nport: 80\nratio: 1.5\n', []],
    ['args: [on, "off", n]\n', [
      { path: ['args', 0], text: 'on', kubectl: true, lineup: 'on' },
      { path: ['args', 2], text: 'n', kubectl: false, lineup: 'n' },
    ]],
    ['env:\n- name: DEBUG\n  value: no\n', [{ path: ['env', 0, 'value'], text: 'no', kubectl: false, lineup: 'no' }]],
    ['a: &x yes\nb: *x\n', [{ path: ['a'], text: 'yes', kubectl: true, lineup: 'yes' }]],
    ['enabled: true\nnothing: ~\n', []],
    // Merged and aliased nodes are read where they are written, once; keys are matched as written.
    ['base: &b\n  x: off\nd:\n  <<: *b\n  z: N\n', [
      { path: ['base', 'x'], text: 'off', kubectl: false, lineup: 'off' },
      { path: ['d', 'z'], text: 'N', kubectl: false, lineup: 'N' },
    ]],
    ['- &c [on]\n- *c\n', [{ path: [0, 0], text: 'on', kubectl: true, lineup: 'on' }]],
    ['80: yes\n"81": no\n0x1F: on\n', [
      { path: ['80'], text: 'yes', kubectl: true, lineup: 'yes' },
      { path: ['81'], text: 'no', kubectl: false, lineup: 'no' },
    ]],
    ['a: this is\n  multi line\nb: >-\n  on\nc: yes\n  no\n', []],
  ])('%j', (doc, expected) => {
    expect(readings(doc)).toEqual(expected);
  });

  test.each([
    ['data: {FEATURE: on}', true],
    ['a: yes\n', true],
    ['mode: 0644\n', true],
    ['x: -.5\n', true],
    ['x: 1_000\n', true],
    ['name: web\nport: 80\nimage: "nginx:1.27"\nratio: 0.5\n', false],
  ])('candidate test %j → %j', (doc, expected) => {
    expect(mayHoldYaml11Readings(doc)).toBe(expected);
  });
});

describe('the candidate test misses no reading', () => {
  // Every scalar of the resolve table that reads differently, in every value position.
  const differing = RESOLVED.map(([text]) => text).filter((text) => text !== '' && readings(`a: ${text}\n`).length > 0);
  test('the table has differing scalars of every kind', () => {
    expect(differing).toEqual(expect.arrayContaining(['y', 'on', 'OFF', '0644', '0X1F', '0B101', '+.5', '-.5', '.5_0', '-_0']));
  });
  test.each(differing.flatMap((text) => [`a: ${text}\n`, `- ${text}\n`, `[${text}]\n`, `{a: ${text}}\n`, `[x, ${text}]\n`, `a: &n ${text}\n`, `a:\n  b: ${text} # note\n`, `a:\n  ${text}\n`, `-\n  ${text}\n`, `- [a,\n  ${text}]\n`]))('%j', (doc) => {
    expect(readings(doc).length).toBeGreaterThan(0);
    expect(mayHoldYaml11Readings(doc)).toBe(true);
  });
});
