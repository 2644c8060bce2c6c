/**
 * The four allocation rules share one shape: the allocator (cluster/allocate.ts) already met the
 * problem while building the cluster and recorded it, typed; each rule picks its problems and words
 * the remedy for people.
 */
import { at } from '../../k8s/json';
import type { AllocationProblem, Cluster } from '../../cluster/model';
import type { RuleHit } from '../rule';

/** ` (held by Service ns/name)` for a problem with a holder, else nothing. */
export function heldBy(p: AllocationProblem): string {
  return p.holder ? ` (held by Service ${p.holder.namespace}/${p.holder.name})` : '';
}

/**
 * Hits for the allocation problems `picks` selects, from cluster.allocationProblems (built-in
 * Services are never reported): the upstream error, then `remedy`.
 */
export function allocationHits(cluster: Cluster, picks: (p: AllocationProblem) => boolean, remedy: (p: AllocationProblem) => string): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const p of cluster.allocationProblems) {
    if (!picks(p) || !p.service.obj) continue;
    const writtenAsClusterIP = p.field === 'spec.clusterIPs' && typeof at(p.service.obj.raw, 'spec', 'clusterIP') === 'string';
    hits.push({
      object: p.service.obj,
      field: p.field,
      sourceField: writtenAsClusterIP ? 'spec.clusterIP' : undefined,
      message: `Service ${p.service.namespace}/${p.service.name} is invalid: ${p.field}: ${p.message}${remedy(p)}`,
    });
  }
  return hits;
}
