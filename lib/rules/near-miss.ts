/**
 * Near-miss suggestions ("did you mean app=web?"). Typos in selectors and names are the most common
 * reason Services do not line up, so every rule that fails a look-up asks here for the closest
 * candidate before giving up.
 */
import { byString } from '../k8s/json';

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions, so `wbe` is one edit
 * from `web` (a swapped pair of letters is the typical typo).
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: the transposition step looks two rows back.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

/** How many edits still count as a typo of a word of this length (short words tolerate fewer). */
export function typoBudget(word: string): number {
  if (word.length <= 3) return 1;
  if (word.length <= 7) return 2;
  return 3;
}

/**
 * The candidate closest to `word` within the typo budget; ties go to the lexicographically smaller
 * candidate so the suggestion is deterministic. `undefined` when nothing is close (or `word` itself is a candidate).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const budget = typoBudget(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) return undefined;
    // Cheap length filter first: the distance is at least the length difference.
    if (Math.abs(c.length - word.length) > budget) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase()) + (word.toLowerCase() === c.toLowerCase() ? 1 : 0);
    if (d > budget) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && byString(c, best) < 0)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
