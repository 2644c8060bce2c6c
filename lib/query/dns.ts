/** `dns NAME`: resolution as a pod's resolver does it (search path, ndots) against the simulated CoreDNS. */
import type { Cluster, SimPod } from '../cluster/model';
import { resolveFromPod, resolvConf, type DnsResult, type DnsType } from '../views/dns';
import { resolvePod } from './targets';

export interface DnsQuery {
  name: string;
  /** Record type (default `A`). */
  type?: DnsType;
  /** The asking pod: `name` or `namespace/name`, or a workload name (its first pod). */
  from?: string;
  /** How the asker calls `from` in errors (default `POD`). */
  fromArgument?: string;
  /** Namespace of `from` when it names none (default `default`). */
  namespace?: string;
  /** Without `from`: the namespace of the ClusterFirst pod that asks (default `default`). */
  podlessNamespace?: string;
}

export interface DnsAnswer {
  result: DnsResult;
  /** The asking pod, when the question named one. */
  from?: SimPod;
  /** Its /etc/resolv.conf, when the question named a pod. */
  resolvConf?: string;
}

export function queryDns(cluster: Cluster, query: DnsQuery): DnsAnswer {
  const from = query.from !== undefined ? resolvePod(cluster, query.from, query.namespace ?? 'default', query.fromArgument) : undefined;
  const result = resolveFromPod(cluster, query.name, { from, type: query.type ?? 'A', namespace: query.podlessNamespace });
  return from ? { result, from, resolvConf: resolvConf(cluster, from) } : { result };
}
