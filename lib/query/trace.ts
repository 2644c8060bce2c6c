/**
 * `trace TARGET`: where a request goes, from a pod, a node or outside the cluster, through DNS,
 * Ingress or Gateway routing, the Service, kube-proxy and NetworkPolicy, to the pods it reaches.
 */
import type { Cluster } from '../cluster/model';
import { trace, type TraceOptions, type TraceResult, type TraceSource } from '../views/trace';
import { QueryError } from '../errors';
import { resolveNode, resolvePod } from './targets';

/** Where the request starts: a pod (`name`, `namespace/name` or a workload name), a node, or outside with the client's address. */
export type TraceStart = { pod: string } | { node: string } | { external: true; clientIP?: string };

export interface TraceQuery extends TraceOptions {
  /** A URL, `tcp|udp|sctp://host:port`, `host:port` or `ip:port` (TARGET_FORMS). */
  target: string;
  from: TraceStart;
  /** Namespace of a pod named without one (default `default`). */
  namespace?: string;
  /** How the asker calls the starting pod in errors (default `POD`). */
  fromArgument?: string;
}

/**
 * The path of the request; undefined when the target is none of TARGET_FORMS (each entry point
 * says so in its own terms). Names the cluster does not hold are QueryErrors.
 */
export function queryTrace(cluster: Cluster, query: TraceQuery): TraceResult | undefined {
  const { via, method, headers } = query;
  if (typeof via === 'object' && !cluster.gatewayApi.gateway(via.namespace, via.name)) {
    throw new QueryError(`no Gateway ${via.namespace}/${via.name}`, `Gateways in the input: ${cluster.gatewayApi.gateways.map((g) => `${g.namespace}/${g.name}`).join(', ') || 'none'}`);
  }
  const from = query.from;
  let source: TraceSource;
  if ('pod' in from) source = { pod: resolvePod(cluster, from.pod, query.namespace ?? 'default', query.fromArgument) };
  else if ('node' in from) source = { node: resolveNode(cluster, from.node) };
  else source = { external: true, clientIP: from.clientIP };
  const options: TraceOptions = {};
  if (via !== undefined) options.via = via;
  if (method !== undefined) options.method = method;
  if (headers !== undefined) options.headers = headers;
  return trace(cluster, query.target, source, options);
}
