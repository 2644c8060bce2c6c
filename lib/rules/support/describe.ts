/**
 * How rules name things in messages, so that every finding reads the same way:
 * `Service default/web`, `port http (80/TCP)`, `Deployment web`, lists joined with commas.
 */
import type { SimPod, SimService, SimServicePort } from '../../cluster/model';
import { byString } from '../../k8s/json';

/** `Service default/web`, or `Node node-1` for cluster-scoped objects. */
export function objectLabel(o: { kind: string; namespace: string; name: string }): string {
  return o.namespace ? `${o.kind} ${o.namespace}/${o.name}` : `${o.kind} ${o.name}`;
}

export function serviceLabel(s: SimService): string {
  return `Service ${s.namespace}/${s.name}`;
}

/** `port http (80/TCP)` or `port 80/TCP` for an unnamed port. */
export function servicePortLabel(p: SimServicePort): string {
  return p.name ? `port ${p.name} (${p.port}/${p.protocol})` : `port ${p.port}/${p.protocol}`;
}

/** What made a pod, within its namespace: `Deployment web`, or `Pod debug` for a bare pod. */
export function podOwnerLabel(pod: SimPod): string {
  return pod.owner ? `${pod.owner.kind} ${pod.owner.name}` : `Pod ${pod.name}`;
}

/** Distinct owner labels of some pods, sorted. */
export function ownersOf(pods: readonly SimPod[]): string[] {
  const set = new Set<string>();
  for (const p of pods) set.add(podOwnerLabel(p));
  return [...set].sort(byString);
}

/** `a, b, c` — at most `max` items, then `and N more`, so one message never lists thousands of pods. */
export function listSome(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/**
 * `100,000`: digits grouped by threes, as `toLocaleString('en-US')` writes an integer, without
 * loading the locale data (≈ 25 ms on the first call in a process, which every command paid when
 * a rule's explanation was written that way).
 */
export function groupedDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
