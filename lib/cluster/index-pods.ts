/**
 * Label index over pods, per namespace: a posting list per `key=value`. A selector is answered by
 * taking its rarest pair's list and filtering that, so a Service costs what its answer costs, not
 * what the namespace holds — 50,000 objects build without any per-(Service, pod) scan.
 */
import { matchesSelector } from '../k8s/labels';
import type { SimPod } from './model';

interface NamespaceIndex {
  all: SimPod[];
  /** label key → label value → pods (nested maps: no key=value string per label per pod). */
  postings: Map<string, Map<string, SimPod[]>>;
}

const NONE: SimPod[] = [];

export class PodIndex {
  private readonly byNamespace = new Map<string, NamespaceIndex>();

  /** `pods` in the order answers should keep (the cluster's: namespace, then name). */
  constructor(pods: SimPod[]) {
    for (const pod of pods) {
      let ns = this.byNamespace.get(pod.namespace);
      if (!ns) this.byNamespace.set(pod.namespace, (ns = { all: [], postings: new Map() }));
      ns.all.push(pod);
      for (const key of Object.keys(pod.labels)) {
        let byValue = ns.postings.get(key);
        if (!byValue) ns.postings.set(key, (byValue = new Map()));
        const value = pod.labels[key];
        let list = byValue.get(value);
        if (!list) byValue.set(value, (list = []));
        list.push(pod);
      }
    }
    // The index lives as long as the model, and a list grown by push keeps room for 17 entries
    // (most posting lists hold one workload's few pods): keep exact-size copies instead.
    for (const ns of this.byNamespace.values()) {
      ns.all = ns.all.slice();
      for (const byValue of ns.postings.values()) for (const [value, list] of byValue) byValue.set(value, list.slice());
    }
  }

  /** Pods of the namespace carrying every pair of the selector; an empty selector matches all of them. */
  matching(namespace: string, selector: Record<string, string>): SimPod[] {
    const ns = this.byNamespace.get(namespace);
    if (!ns) return NONE.slice();
    const keys = Object.keys(selector);
    if (keys.length === 0) return ns.all.slice();
    let smallest: SimPod[] | undefined;
    for (const key of keys) {
      const list = ns.postings.get(key)?.get(selector[key]);
      if (!list) return [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    // filter's result grows like push; the exact-size copy is what Services keep as selectedPods.
    return keys.length === 1 ? smallest!.slice() : smallest!.filter((p) => matchesSelector(p.labels, selector)).slice();
  }
}
