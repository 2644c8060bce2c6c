import { labelsSatisfy } from './label-selector';

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

/** A set-based label selector (`matchLabels` and `matchExpressions`), as NetworkPolicies carry. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: readonly { key: string; operator: string; values: readonly string[] }[];
}

/**
 * Whether labels satisfy a set-based selector: every matchLabels pair, and every expression (`In`:
 * key present with a listed value; `NotIn`: key absent or value unlisted; `Exists`;
 * `DoesNotExist`). An empty selector matches everything; an unknown operator matches nothing.
 * Source: apimachinery pkg/labels/selector.go (Requirement.Matches).
 */
export function matchesLabelSelector(labels: Record<string, string>, selector: LabelSelector): boolean {
  return labelsSatisfy(labels, selector.matchLabels, selector.matchExpressions);
}

/** True for `{}`: the selector that matches everything. */
export function isEmptyLabelSelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

export { formatLabelSelector } from './label-selector';
