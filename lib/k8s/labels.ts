/** Equality-based label selection, the only kind a Service selector supports. */
export function matchesSelector(labels: Record<string, string>, selector: Record<string, string>): boolean {
  for (const key of Object.keys(selector)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== selector[key]) return false;
  }
  return true;
}

/** `k1=v1,k2=v2` sorted by key, as kubectl prints selectors; `<none>` when empty. */
export function formatSelector(selector: Record<string, string> | undefined): string {
  if (!selector) return '<none>';
  const keys = Object.keys(selector).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${selector[k]}`).join(',');
}
