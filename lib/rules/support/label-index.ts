/**
 * Which label pairs exist in each namespace, and on whose pods. Built once per check (linear in the
 * number of pods and workloads) so that near-miss hints are look-ups, not scans over every pod.
 */
import type { Cluster, SimPod, SimWorkload } from '../../cluster/model';
import { byString } from '../../k8s/json';
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

/**
 * The label index of one namespace at a time, built on first use: a check with a handful of missed
 * selectors indexes only their namespaces, not every pod of a 50,000-object input.
 */
export class LabelIndexByNamespace {
  private readonly built = new Map<string, Map<string, Map<string, Set<string>>>>();
  private podsByNamespace?: Map<string, SimPod[]>;
  private idleByNamespace?: Map<string, SimWorkload[]>;

  constructor(private readonly cluster: Cluster) {}

  /** label key → label value → owner labels, for the pods (and idle workloads) of `namespace`. */
  get(namespace: string): Map<string, Map<string, Set<string>>> {
    let keys = this.built.get(namespace);
    if (keys) return keys;
    this.podsByNamespace ??= groupByNamespace(this.cluster.pods);
    this.idleByNamespace ??= groupByNamespace(this.cluster.workloads.filter((w) => w.pods.length === 0));
    // Same insertion order as one pass over all pods then all idle workloads: pods first, each list in cluster order.
    const index: LabelIndex = new Map();
    for (const pod of this.podsByNamespace.get(namespace) ?? []) add(index, namespace, pod.labels, podOwnerLabel(pod));
    for (const w of this.idleByNamespace.get(namespace) ?? []) add(index, namespace, w.templateLabels, idleWorkloadLabel(w));
    keys = index.get(namespace) ?? new Map<string, Map<string, Set<string>>>();
    this.built.set(namespace, keys);
    return keys;
  }
}

function groupByNamespace<T extends { namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.namespace);
    if (list) list.push(item);
    else out.set(item.namespace, [item]);
  }
  return out;
}

/** `Deployment web (0 replicas)`: a workload whose template carries the labels but runs no pod. */
export function idleWorkloadLabel(w: SimWorkload): string {
  return `${w.kind} ${w.name} (${w.kind === 'CronJob' ? 'no pods until it is scheduled' : `${w.replicas} replicas`})`;
}

/**
 * label key → label value → the namespaces where some pod carries that label (sorted), for
 * cross-namespace hints. Only the pairs in `wanted` are collected (the missed selectors' pairs),
 * so one pass over the pods allocates nothing for the other labels.
 */
export function namespacesByPair(cluster: Cluster, wanted: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Map<string, string[]>> {
  const sets = new Map<string, Map<string, Set<string>>>();
  for (const pod of cluster.pods) {
    for (const key of Object.keys(pod.labels)) {
      const values = wanted.get(key);
      const value = pod.labels[key];
      if (!values || !values.has(value)) continue;
      let byValue = sets.get(key);
      if (!byValue) sets.set(key, (byValue = new Map()));
      let set = byValue.get(value);
      if (!set) byValue.set(value, (set = new Set()));
      set.add(pod.namespace);
    }
  }
  const out = new Map<string, Map<string, string[]>>();
  for (const [key, byValue] of sets) {
    const sorted = new Map<string, string[]>();
    for (const [value, set] of byValue) sorted.set(value, [...set].sort(byString));
    out.set(key, sorted);
  }
  return out;
}
