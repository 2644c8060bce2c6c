/**
 * The benchmark's command line: a run takes minutes and rewrites bench/RESULTS.md, so an option it
 * does not know, or a count that is not a positive integer, is refused instead of ignored (a
 * mistyped `--help` once ran the whole default benchmark).
 */
import { parseArgs } from '../../bench/run';

test('no options: every size and section, 3 runs', () => {
  expect(parseArgs([])).toMatchObject({ sizes: [1000, 4000, 10000, 50000], runs: 3, monokle: true, synth: true, netpol: true, yamlFloor: true, reachLimitMs: 120_000 });
});

test('options are read', () => {
  expect(parseArgs(['--sizes', '1000,10000', '--runs', '5', '--no-monokle', '--no-synth', '--reach-limit', '30'])).toMatchObject({
    sizes: [1000, 10000],
    runs: 5,
    monokle: false,
    synth: false,
    reachLimitMs: 30_000,
  });
});

test.each([['--help'], ['-h'], ['--runs', '5', '--help']])('%s asks for the usage', (...argv) => {
  expect(parseArgs(argv)).toBe('help');
});

test.each<[string[], string]>([
  [['--frobnicate'], 'unknown option --frobnicate'],
  [['help'], 'unknown option help'],
  [['--runs', 'abc'], '--runs takes a positive integer, not "abc"'],
  [['--runs', '0'], '--runs takes a positive integer, not "0"'],
  [['--runs'], '--runs takes a positive integer, not nothing'],
  [['--sizes', '1000,x'], '--sizes takes a positive integer, not "x"'],
  [['--sizes'], '--sizes takes a positive integer, not nothing'],
  [['--sizes', '1000,,4000'], '--sizes takes a positive integer, not nothing'],
  [['--netpol-size', '2.5'], '--netpol-size takes a positive integer, not "2.5"'],
])('%j is refused: %s', (argv, message) => {
  expect(() => parseArgs(argv)).toThrow(message);
});
