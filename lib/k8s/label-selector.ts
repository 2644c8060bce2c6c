/**
 * metav1.LabelSelector (`matchLabels` and `matchExpressions`), as apimachinery's
 * LabelSelectorAsSelector reads it: every pair and every expression must hold; `In` needs the key
 * with one of the values, `NotIn` holds when the key is absent or has none of them, `Exists` and
 * `DoesNotExist` look at the key only. An empty selector selects everything; a malformed one
 * (unknown operator, `In` without values) selects nothing, as its conversion fails upstream.
 */
import { arr, isObject, str, strMap } from './json';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: LabelSelectorRequirement[];
  /** The selector could not be converted (upstream: an error; it selects nothing). */
  invalid: boolean;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Reads a LabelSelector; absent or `null` is the empty selector. */
export function readLabelSelector(raw: unknown): LabelSelector {
  const selector: LabelSelector = { matchLabels: {}, matchExpressions: [], invalid: false };
  if (raw === undefined || raw === null) return selector;
  if (!isObject(raw)) return { ...selector, invalid: true };
  selector.matchLabels = strMap(raw.matchLabels) ?? {};
  for (const e of arr(raw.matchExpressions)) {
    const key = isObject(e) ? str(e.key) : undefined;
    const operator = isObject(e) ? str(e.operator) : undefined;
    if (key === undefined || operator === undefined || !OPERATORS.includes(operator)) {
      selector.invalid = true;
      continue;
    }
    const values = arr(isObject(e) ? e.values : undefined).filter((v): v is string => typeof v === 'string');
    // In and NotIn need values; Exists and DoesNotExist must have none.
    if ((operator === 'In' || operator === 'NotIn') !== values.length > 0) selector.invalid = true;
    selector.matchExpressions.push({ key, operator: operator as LabelSelectorRequirement['operator'], values });
  }
  return selector;
}

export function isEmptySelector(s: LabelSelector): boolean {
  return !s.invalid && Object.keys(s.matchLabels).length === 0 && s.matchExpressions.length === 0;
}

export function matchesLabelSelector(labels: Record<string, string>, s: LabelSelector): boolean {
  return !s.invalid && labelsSatisfy(labels, s.matchLabels, s.matchExpressions);
}

/**
 * The one matcher behind every selector reading (NetworkPolicy, Gateway API, monitors): every
 * matchLabels pair and every expression must hold; an unknown operator matches nothing (upstream
 * refuses to convert such a selector). Source: apimachinery pkg/labels/selector.go (Requirement.Matches).
 */
export function labelsSatisfy(
  labels: Record<string, string>,
  matchLabels: Record<string, string>,
  matchExpressions: readonly { key: string; operator: string; values: readonly string[] }[],
): boolean {
  for (const key of Object.keys(matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== matchLabels[key]) return false;
  }
  for (const e of matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In':
        if (!has || !e.values.includes(labels[e.key])) return false;
        break;
      case 'NotIn':
        if (has && e.values.includes(labels[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** What a set-based selector's text shows; both readings of selectors (this module's and the NetworkPolicy model's) have it. */
export interface SelectorTerms {
  matchLabels: Record<string, string>;
  matchExpressions: readonly { key: string; operator: string; values: readonly string[] }[];
}

/**
 * kubectl's text for a set-based selector (metav1.FormatLabelSelector, which prints
 * labels.Selector.String()): requirements sorted by key, matchLabels before expressions of the
 * same key (internalSelector.Add sorts them), as `k=v`, `k in (a,b)`, `k notin (a,b)` with the
 * values sorted, `k` (Exists) and `!k` (DoesNotExist).
 *
 * An empty selector has no text, and kubectl prints `<none>` for it (`get networkpolicy`'s
 * POD-SELECTOR column, `describe`). `empty` replaces that where `<none>` would mislead: an empty
 * selector selects everything, so a message saying what a selector picks passes `<everything>`.
 */
export function formatLabelSelector(selector: SelectorTerms, empty = '<none>'): string {
  const parts: { key: string; text: string }[] = [];
  for (const key of Object.keys(selector.matchLabels)) parts.push({ key, text: `${key}=${selector.matchLabels[key]}` });
  for (const e of selector.matchExpressions) {
    const values = [...e.values].sort().join(',');
    const text = e.operator === 'In' ? `${e.key} in (${values})` : e.operator === 'NotIn' ? `${e.key} notin (${values})` : e.operator === 'Exists' ? e.key : `!${e.key}`;
    parts.push({ key: e.key, text });
  }
  if (parts.length === 0) return empty;
  // Array.prototype.sort is stable: matchLabels stay before expressions of the same key.
  return parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((p) => p.text).join(',');
}
