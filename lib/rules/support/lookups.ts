/** Small indexes over the cluster that several rules need for near-miss hints, built on demand. */
import type { Cluster } from '../../cluster/model';
import { byString } from '../../k8s/json';

/** The cluster's Service names both ways: by namespace, and the namespaces that have a name. */
export class ServiceNames {
  private readonly names = new Map<string, string[]>();
  private readonly namespaces = new Map<string, string[]>();

  constructor(cluster: Cluster) {
    for (const s of cluster.services) {
      append(this.names, s.namespace, s.name);
      append(this.namespaces, s.name, s.namespace);
    }
    for (const list of this.namespaces.values()) list.sort(byString);
  }

  /** The Service names of a namespace, sorted (as cluster.services is). */
  inNamespace(ns: string): readonly string[] {
    return this.names.get(ns) ?? [];
  }

  /** Namespaces other than `ns` that have a Service called `name`, sorted. */
  otherNamespacesWith(ns: string, name: string): string[] {
    return (this.namespaces.get(name) ?? []).filter((other) => other !== ns);
  }
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
