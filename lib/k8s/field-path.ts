/**
 * Field paths as the API server renders them: `spec.ports[1].name`, `metadata.annotations[key]`.
 * Parsed into steps so that source positions can be located for any path.
 */
export type PathStep = string | number;

export function formatPath(steps: readonly PathStep[]): string {
  let out = '';
  for (const step of steps) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (out === '') out = step;
    else out += `.${step}`;
  }
  return out;
}

/**
 * Parses `spec.ports[0].targetPort` or `metadata.annotations[lineup.dev/ignore]`. Bracketed keys
 * that are not integers are map keys (they may contain dots).
 */
export function parsePath(path: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  let word = '';
  const flush = (): void => {
    if (word !== '') steps.push(word);
    word = '';
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      flush();
      i++;
    } else if (c === '[') {
      flush();
      const close = path.indexOf(']', i);
      const inner = close < 0 ? path.slice(i + 1) : path.slice(i + 1, close);
      steps.push(/^\d+$/.test(inner) ? Number(inner) : inner);
      i = close < 0 ? path.length : close + 1;
    } else {
      word += c;
      i++;
    }
  }
  flush();
  return steps;
}
