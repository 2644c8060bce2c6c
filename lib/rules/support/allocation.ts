/**
 * The four allocation rules share one shape: the allocator (cluster/allocate.ts) already met the
 * problem while building the cluster; the rule only words it for people.
 */
import { at } from '../../k8s/json';
import type { AllocationProblem, Cluster } from '../../cluster/model';
import type { RuleHit } from '../rule';

function remedy(p: AllocationProblem, cluster: Cluster): string {
  const holder = p.holder ? ` (held by Service ${p.holder.namespace}/${p.holder.name})` : '';
  const { min, max } = cluster.settings.nodePortRange;
  const cidrText = cluster.settings.serviceCIDR.text;
  switch (p.rule) {
    case 'node-port-conflict':
      return `${holder}; node ports are unique across the whole cluster and all protocols — choose a free port in ${min}-${max} or omit nodePort to have one allocated`;
    case 'node-port-out-of-range':
      return `; choose a port in ${min}-${max} (the cluster's node port range) or omit nodePort to have one allocated`;
    case 'cluster-ip-conflict':
      return `${holder}; cluster IPs are unique across the whole cluster — choose a free address in ${cidrText} or omit clusterIP to have one allocated`;
    case 'cluster-ip-out-of-range':
      return `; choose an address in ${cidrText} (the service CIDR) or omit clusterIP to have one allocated`;
  }
}

/** Hits for one allocation rule, from cluster.allocationProblems (built-in Services are never reported). */
export function allocationHits(cluster: Cluster, rule: AllocationProblem['rule']): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const p of cluster.allocationProblems) {
    if (p.rule !== rule || !p.service.obj) continue;
    const writtenAsClusterIP = p.field === 'spec.clusterIPs' && typeof at(p.service.obj.raw, 'spec', 'clusterIP') === 'string';
    hits.push({
      object: p.service.obj,
      field: p.field,
      sourceField: writtenAsClusterIP ? 'spec.clusterIP' : undefined,
      message: `Service ${p.service.namespace}/${p.service.name} is invalid: ${p.field}: ${p.message}${remedy(p, cluster)}`,
    });
  }
  return hits;
}
