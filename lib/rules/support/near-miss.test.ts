import { closest, editDistance, typoBudget } from './near-miss';

describe('editDistance (optimal string alignment)', () => {
  test.each([
    ['web', 'web', 0],
    ['wbe', 'web', 1], // adjacent transposition counts once
    ['web', 'wen', 1],
    ['web', 'webb', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 3], // OSA, not unrestricted Damerau (which gives 2)
    ['external-servce', 'external-service', 1],
  ])('%s → %s = %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe('typoBudget', () => {
  test.each([
    ['ab', 1],
    ['web', 1],
    ['nginx', 2],
    ['kubernetes', 3],
  ])('%s → %d', (w, n) => expect(typoBudget(w)).toBe(n));
});

describe('closest', () => {
  test.each<[string, string[], string | undefined]>([
    ['wbe', ['web', 'db'], 'web'],
    ['wbe', ['db', 'api'], undefined],
    ['web', ['web', 'wbe'], undefined], // the word itself exists: no suggestion
    ['Web', ['web'], 'web'], // a case difference is a near miss
    ['nginxx', ['nginy', 'nginx'], 'nginx'],
    ['abcd', ['abce', 'abcf'], 'abce'], // ties: lexicographically first
    ['frontend', ['web'], undefined],
  ])('%s in %j → %s', (word, cands, want) => expect(closest(word, cands)).toBe(want));
});
