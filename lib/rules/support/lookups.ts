/** Small indexes over the cluster that several rules need for near-miss hints, built on demand. */
import type { Cluster } from '../../cluster/model';
import { byString } from '../../k8s/json';

/** namespace → Service names (sorted, as cluster.services is). */
export function serviceNamesByNamespace(cluster: Cluster): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of cluster.services) {
    const list = out.get(s.namespace);
    if (list) list.push(s.name);
    else out.set(s.namespace, [s.name]);
  }
  return out;
}

/** Namespaces other than `ns` that have a Service called `name`, sorted. */
export function otherNamespacesWith(byNs: Map<string, string[]>, ns: string, name: string): string[] {
  return [...byNs.keys()].filter((other) => other !== ns && (byNs.get(other) ?? []).includes(name)).sort(byString);
}
