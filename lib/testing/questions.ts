/**
 * The questions users ask in tests. Where a Service port sends connections is the query layer's
 * (lib/query/route.ts), and so is whether a client may open them (lib/query/connect.ts); what a
 * name resolves to is the simulation's `dns`. Patterns say which
 * answers a test accepts.
 */
import type { Simulation } from '../simulate';
import type { DnsResult, DnsType } from '../views/dns';

export { queryRoute as routeOf, queryGatewayRoute as gatewayRouteOf } from '../query/route';
export type { CheckedCluster, RouteAnswer, RouteDestination, RouteQuery, GatewayRouteQuery } from '../query/route';
export { queryConnections as reachOf } from '../query/connect';
export type { ConnectAnswer, ConnectQuery, Connection } from '../query/connect';

export interface ResolveQuery {
  /** The asking pod (`name`, `namespace/name` or a workload name). Default: a ClusterFirst pod in namespace default. */
  from?: string;
  type?: DnsType;
}

/** The name as the pod's resolver resolves it (search path, ndots:5). */
export function resolveOf(sim: Simulation, name: string, q: ResolveQuery = {}): DnsResult {
  return sim.dns(name, { from: q.from, type: q.type ?? 'A' });
}

/** `'10.96…'` / `'web-*'` match by prefix, a RegExp by test, anything else exactly. */
export type Pattern = string | RegExp;

export function matchesPattern(value: string, pattern: Pattern): boolean {
  if (pattern instanceof RegExp) return pattern.test(value);
  if (pattern.endsWith('…') || pattern.endsWith('*')) return value.startsWith(pattern.slice(0, -1));
  return value === pattern;
}

export function showPattern(p: Pattern): string {
  return p instanceof RegExp ? String(p) : JSON.stringify(p);
}
