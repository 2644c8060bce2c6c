/**
 * The `lineup.dev/ignore` annotation: an object silences rules on itself with a comma-separated
 * list of rule IDs (spaces tolerated). `all` silences every rule on that object.
 */
import { obj, str } from '../k8s/json';
import type { ManifestObject } from '../load/types';

export const IGNORE_ANNOTATION = 'lineup.dev/ignore';

/** The rule IDs an object silences (may contain `all`); empty when it has no annotation. */
export function ignoredRules(o: ManifestObject): Set<string> {
  const value = str(obj(obj(o.raw.metadata)?.annotations)?.[IGNORE_ANNOTATION]);
  const out = new Set<string>();
  if (value === undefined) return out;
  for (const part of value.split(',')) {
    const id = part.trim();
    if (id !== '') out.add(id);
  }
  return out;
}

export function isIgnored(o: ManifestObject, ruleId: string, cache: Map<ManifestObject, Set<string>>): boolean {
  let set = cache.get(o);
  if (!set) cache.set(o, (set = ignoredRules(o)));
  return set.has(ruleId) || set.has('all');
}
