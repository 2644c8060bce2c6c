/**
 * Near-miss suggestions ("did you mean app=web?"). Typos in selectors and names are the most common
 * reason Services do not line up, so every rule that fails a look-up asks here for the closest
 * candidate before giving up.
 */
import { byString } from '../../k8s/json';

/** Scratch rows reused across calls: suggestions run over every candidate label, so allocation matters. */
let rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance: Levenshtein plus adjacent transpositions, so `wbe` is one edit
 * from `web` (a swapped pair of letters is the typical typo). With `max`, gives up early and
 * returns `max + 1` as soon as the distance must exceed it.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return Math.min(m, max + 1);
  if (m === 0) return Math.min(n, max + 1);
  if (Math.abs(n - m) > max) return max + 1;
  if (rows[0].length < m + 1) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  // Three rolling rows: the transposition step looks two rows back.
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m], max + 1);
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
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === word) return undefined;
    // Cheap length filter first: the distance is at least the length difference.
    if (Math.abs(c.length - word.length) > budget) continue;
    const cl = c.toLowerCase();
    // A difference in case only still counts as one edit (labels are case-sensitive).
    const d = cl === lower ? 1 : editDistance(lower, cl, budget);
    if (d > budget) continue;
    if (d < bestDistance || (d === bestDistance && best !== undefined && byString(c, best) < 0)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
