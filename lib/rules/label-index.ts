/**
 * Which label pairs exist in each namespace, and on whose pods. Built once per check (linear in the
 * number of pods and workloads) so that near-miss hints are look-ups, not scans over every pod.
 */
import type { Cluster, SimWorkload } from '../cluster/model';
import { byString } from '../k8s/json';
import { podOwnerLabel } from './describe';

/** namespace → label key → label value → owner labels (`Deployment web`, `Pod debug`). */
export type LabelIndex = Map<string, Map<string, Map<string, Set<string>>>>;

function add(index: LabelIndex, namespace: string, labels: Record<string, string>, owner: string): void {
  let keys = index.get(namespace);
  if (!keys) index.set(namespace, (keys = new Map()));
  for (const key of Object.keys(labels)) {
    let values = keys.get(key);
    if (!values) keys.set(key, (values = new Map()));
    let owners = values.get(labels[key]);
    if (!owners) values.set(labels[key], (owners = new Set()));
    owners.add(owner);
  }
}

/** Label pairs of every pod, plus the template labels of workloads that run no pods (0 replicas). */
export function buildLabelIndex(cluster: Cluster): LabelIndex {
  const index: LabelIndex = new Map();
  for (const pod of cluster.pods) add(index, pod.namespace, pod.labels, podOwnerLabel(pod));
  for (const w of cluster.workloads) if (w.pods.length === 0) add(index, w.namespace, w.templateLabels, idleWorkloadLabel(w));
  return index;
}

/** `Deployment web (0 replicas)`: a workload whose template carries the labels but runs no pod. */
export function idleWorkloadLabel(w: SimWorkload): string {
  return `${w.kind} ${w.name} (${w.kind === 'CronJob' ? 'no pods until it is scheduled' : `${w.replicas} replicas`})`;
}

/** `key NUL value` → the namespaces where some pod carries that label (sorted), for cross-namespace hints. */
export function namespacesByPair(cluster: Cluster): Map<string, string[]> {
  const sets = new Map<string, Set<string>>();
  for (const pod of cluster.pods) {
    for (const key of Object.keys(pod.labels)) {
      const pair = `${key}\u0000${pod.labels[key]}`;
      let set = sets.get(pair);
      if (!set) sets.set(pair, (set = new Set()));
      set.add(pod.namespace);
    }
  }
  const out = new Map<string, string[]>();
  for (const [pair, set] of sets) out.set(pair, [...set].sort(byString));
  return out;
}
