/**
 * `reach`: the client × Service-port matrix after kube-proxy and NetworkPolicy, narrowed to one
 * client (`from`) or one Service port (`to`) named as a person would name them.
 */
import type { Cluster, SimService, SimServicePort } from '../cluster/model';
import { reach, reachRows, type ReachMatrix, type ReachRow } from '../views/reach';
import { QueryError } from '../errors';
import { serviceNotFound, splitRef } from './targets';

export interface ReachQuery {
  /**
   * Only this client: a row's label (`ns/Kind/name`, `node/N`, `external`, `ingress/C`), a workload
   * or pod (`name` or `ns/name`: the row that holds it), or `NAMESPACE/` (every client workload there).
   */
  from?: string;
  /** Only this Service: `name[:port]` or `ns/name[:port]`, the port by number or name. */
  to?: string;
  /** Namespace of names given without one (default `default`). */
  namespace?: string;
}

function fromFilter(cluster: Cluster, text: string, namespace: string): (row: ReachRow) => boolean {
  const rows = reachRows(cluster);
  if (rows.some((r) => r.label === text)) return (row) => row.label === text;
  if (text.endsWith('/')) {
    const ns = text.slice(0, -1);
    if (!rows.some((r) => r.kind === 'pods' && r.label.startsWith(`${ns}/`))) throw new QueryError(`no client workloads in namespace "${ns}"`, 'give NAMESPACE/ of a namespace with workloads or pods');
    return (row) => row.kind === 'pods' && row.label.startsWith(`${ns}/`);
  }
  const { namespace: ns, name } = splitRef(text, namespace);
  const matches = (row: ReachRow): boolean =>
    row.kind === 'pods' && row.label.startsWith(`${ns}/`) && (row.label.endsWith(`/${name}`) || row.pods.some((p) => p.name === name));
  if (!rows.some(matches)) throw new QueryError(`no client "${text}" (workload, pod or row) in namespace ${ns}`, 'give a workload or pod (name or namespace/name), NAMESPACE/, node/NAME, external or ingress/CLASS');
  return matches;
}

function toFilter(cluster: Cluster, text: string, namespace: string): (service: SimService, port: SimServicePort) => boolean {
  const colon = text.lastIndexOf(':');
  const ref = colon >= 0 ? text.slice(0, colon) : text;
  const portText = colon >= 0 ? text.slice(colon + 1) : undefined;
  const { namespace: ns, name } = splitRef(ref, namespace);
  const service = cluster.service(ns, name);
  if (!service) throw serviceNotFound(cluster, name, ns);
  const portMatches = (p: SimServicePort): boolean => portText === undefined || p.name === portText || String(p.port) === portText;
  if (!service.ports.some(portMatches)) {
    throw new QueryError(`service ${ns}/${name} has no port "${portText}"`, `its ports: ${service.ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ') || 'none'}`);
  }
  return (s, p) => s === service && portMatches(p);
}

export function queryReach(cluster: Cluster, query: ReachQuery = {}): ReachMatrix {
  const namespace = query.namespace ?? 'default';
  return reach(cluster, {
    from: query.from !== undefined ? fromFilter(cluster, query.from, namespace) : undefined,
    to: query.to !== undefined ? toFilter(cluster, query.to, namespace) : undefined,
  });
}
