/**
 * Look-ups over the built model: namespaces by name, Services and pods by namespace and name, pods
 * by labels. Built once from the steps' results and only read afterwards; every map keys by strings the
 * objects already hold (no `namespace/name` text per object, which the model would keep alive).
 */
import { byString } from '../k8s/json';
import type { ManifestObject } from '../load/types';
import type { SimNamespace, SimPod, SimService } from './model';
import { PodIndex } from './index-pods';

/** Objects by namespace, then name (a later item of the same pair replaces an earlier one). */
export class ByNamespaceName<T> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  static of<T extends { namespace: string; name: string }>(items: Iterable<T>): ByNamespaceName<T> {
    const index = new ByNamespaceName<T>();
    for (const item of items) index.set(item.namespace, item.name, item);
    return index;
  }

  /** Only while the index is being built, by the step that owns it. */
  set(namespace: string, name: string, item: T): void {
    let names = this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    names.set(name, item);
  }
}

/** The sort order of every namespaced list of the model: namespace, then name. */
export function compareNsName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return byString(a.namespace, b.namespace) || byString(a.name, b.name);
}

const NO_OBJECTS: readonly ManifestObject[] = Object.freeze([]);

export class ClusterIndex {
  private readonly servicesByName: ByNamespaceName<SimService>;
  private readonly podsByName: ByNamespaceName<SimPod>;
  /** Grouped on the first `podsIn` call: only PodMonitors ask, and most inputs have none. */
  #podsByNamespace: Map<string, SimPod[]> | undefined;

  constructor(
    private readonly namespaces: ReadonlyMap<string, SimNamespace>,
    services: readonly SimService[],
    private readonly pods: readonly SimPod[],
    private readonly podsByLabels: PodIndex,
    private readonly objectsByKind: ReadonlyMap<string, readonly ManifestObject[]>,
  ) {
    this.servicesByName = ByNamespaceName.of(services);
    this.podsByName = ByNamespaceName.of(pods);
  }

  namespace(name: string): SimNamespace | undefined {
    return this.namespaces.get(name);
  }

  /** The loaded objects of a kind, in input order. */
  objectsOfKind(kind: string): readonly ManifestObject[] {
    return this.objectsByKind.get(kind) ?? NO_OBJECTS;
  }

  service(namespace: string, name: string): SimService | undefined {
    return this.servicesByName.get(namespace, name);
  }

  pod(namespace: string, name: string): SimPod | undefined {
    return this.podsByName.get(namespace, name);
  }

  /** Pods of a namespace whose labels contain every selector pair. */
  podsMatching(namespace: string, selector: Record<string, string>): SimPod[] {
    return this.podsByLabels.matching(namespace, selector);
  }

  /** Every pod of a namespace, in the model's order. */
  podsIn(namespace: string): readonly SimPod[] {
    if (!this.#podsByNamespace) {
      const grouped = new Map<string, SimPod[]>();
      for (const pod of this.pods) {
        const list = grouped.get(pod.namespace);
        if (list) list.push(pod);
        else grouped.set(pod.namespace, [pod]);
      }
      this.#podsByNamespace = grouped;
    }
    return this.#podsByNamespace.get(namespace) ?? [];
  }
}
