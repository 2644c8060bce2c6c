/**
 * "Where does Service X's port P send connections?" — through kube-proxy's rules on a node (or, for
 * a headless Service, to the ready endpoints DNS returns), and from outside through a Gateway. The
 * answer is data, with the findings on the objects involved to explain a missing route; the jest
 * matchers word it.
 */
import type { Finding } from '../findings';
import type { Cluster, SimPod, SimService, SimServicePort } from '../cluster/model';
import { routeGatewayRequest } from '../views/gateway-routing';
import { gatewayRequest } from '../views/gateway-trace';
import { serviceTraffic } from '../views/kube-proxy';
import { QueryError } from '../errors';
import { resolvePod, splitRef } from './targets';
import { byString } from '../k8s/json';

/** What a route question reads: the simulated cluster and the check's findings (a `Simulation` is one). */
export interface CheckedCluster {
  readonly cluster: Cluster;
  readonly findings: readonly Finding[];
}

export interface RouteQuery {
  /** The Service port, by number or name; may be omitted when the Service has one port. */
  port?: number | string;
  /** Ask from this pod (`name`, `namespace/name` or a workload name): its node's kube-proxy and, for `internalTrafficPolicy: Local`, its node's endpoints. Default: from the first node. */
  from?: string;
}

export interface RouteDestination {
  /** `name` of the pod; undefined for addresses that are not pods (manual Endpoints). */
  pod?: string;
  ip: string;
  port: number;
  probability: number;
}

export interface RouteAnswer {
  /** `namespace/name`, or undefined when there is no such Service. */
  service?: string;
  /** `80/TCP` or `http 80/TCP`: the Service port that was asked about. */
  servicePort?: string;
  /** Why there is no route (no Service, no such port, no endpoints, ...); undefined when there are destinations. */
  problem?: string;
  /** Sorted by pod name (then IP). */
  destinations: RouteDestination[];
  /** The Service's findings, for failure messages. */
  findings: Finding[];
}

export function describePort(p: SimServicePort): string {
  return `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol}`;
}

export function pickPort(svc: SimService, port: number | string | undefined): SimServicePort | string {
  const ports = svc.ports;
  const list = ports.map(describePort).join(', ') || 'none';
  if (port === undefined) {
    if (ports.length === 1) return ports[0]!;
    return `Service ${svc.namespace}/${svc.name} has ${ports.length} ports (${list}); say which with { port }`;
  }
  const found = ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
  return found ?? `Service ${svc.namespace}/${svc.name} has no port ${JSON.stringify(port)} (ports: ${list})`;
}

/** Where connections to the Service port go. */
export function queryRoute(checked: CheckedCluster, serviceRef: string, q: RouteQuery = {}, namespace = 'default'): RouteAnswer {
  const { cluster } = checked;
  const ref = splitRef(serviceRef, namespace);
  const svc = cluster.service(ref.namespace, ref.name);
  const findings = checked.findings.filter((f) => f.object?.kind === 'Service' && f.object.namespace === ref.namespace && f.object.name === ref.name);
  if (!svc) {
    const there = cluster.services.filter((s) => s.namespace === ref.namespace).map((s) => s.name);
    return { problem: `no Service ${ref.namespace}/${ref.name} (Services in ${ref.namespace}: ${there.join(', ') || 'none'})`, destinations: [], findings };
  }
  const service = `${svc.namespace}/${svc.name}`;
  const port = pickPort(svc, q.port);
  if (typeof port === 'string') return { service, problem: port, destinations: [], findings };
  const servicePort = describePort(port);
  if (svc.type === 'ExternalName') return { service, servicePort, problem: `Service ${service} is ExternalName (${svc.externalName ?? '?'}): DNS answers with a CNAME and no pod is reached`, destinations: [], findings };
  const fromPod = q.from !== undefined ? podOrUndefined(cluster, q.from, namespace) : undefined;
  if (q.from !== undefined && !fromPod) return { service, servicePort, problem: `no pod ${q.from}`, destinations: [], findings };
  let destinations: RouteDestination[];
  if (svc.headless || svc.clusterIP === '' || svc.clusterIP === 'None') {
    // No virtual IP: clients connect to the endpoints DNS returns, which are the ready endpoints.
    destinations = headlessDestinations(cluster, svc, port);
    if (destinations.length === 0) return { service, servicePort, problem: `headless Service ${service} has no ready endpoints for port ${servicePort}`, destinations, findings };
  } else {
    const node = fromPod?.nodeName || cluster.nodes[0]?.name || '';
    const traffic = serviceTraffic(cluster, { service: svc, port, via: 'clusterIP', node, from: fromPod ? 'pod' : 'node', sourceIP: fromPod?.ip || undefined });
    destinations = traffic.destinations.map((d) => ({ ...(d.pod ? { pod: d.pod.name } : {}), ip: d.ip, port: d.port, probability: d.probability }));
    if (traffic.verdict !== 'dnat') return { service, servicePort, problem: `kube-proxy on ${node} ${traffic.verdict === 'reject' ? 'rejects' : 'drops'} connections to ${svc.clusterIP}:${port.port}: ${traffic.reason}`, destinations: [], findings };
  }
  destinations.sort((a, b) => byString(a.pod ?? '', b.pod ?? '') || byString(a.ip, b.ip));
  return { service, servicePort, destinations, findings };
}

export interface GatewayRouteQuery {
  host?: string;
  /** Path with an optional `?query`; default `/`. */
  path?: string;
  /** Listener port; default 80 (443 for https). */
  port?: number;
  scheme?: 'http' | 'https' | 'grpc';
  method?: string;
  headers?: Record<string, string>;
}

/**
 * Where a request from outside through a Gateway goes, as far as the Service `serviceRef`: the
 * Gateway routing (gateway-routing.ts) must pick a rule with that Service among its backends, and
 * then the answer is the Service port's, as queryRoute gives it.
 */
export function queryGatewayRoute(checked: CheckedCluster, serviceRef: string, q: GatewayRouteQuery, namespace = 'default'): RouteAnswer {
  const ref = splitRef(serviceRef, namespace);
  // The findings that explain a failed route: those on Gateway API objects and on the Service.
  const findings = checked.findings.filter((f) => ['HTTPRoute', 'GRPCRoute', 'Gateway', 'GatewayClass', 'ReferenceGrant'].includes(f.object?.kind ?? '') || (f.object?.kind === 'Service' && f.object.namespace === ref.namespace && f.object.name === ref.name));
  const scheme = q.scheme ?? 'http';
  const host = q.host ?? 'localhost';
  const url = `${scheme}://${host}${q.port !== undefined ? `:${q.port}` : ''}${q.path ?? '/'}`;
  const req = gatewayRequest(url, { method: q.method, headers: Object.entries(q.headers ?? {}) });
  if (!req) return { problem: `cannot make a request of ${url}`, destinations: [], findings };
  const routing = routeGatewayRequest(checked.cluster.gatewayApi, req);
  if (routing.kind === 'no-listener') return { problem: routing.reason, destinations: [], findings };
  if (routing.kind === 'not-found') return { problem: `${routing.reason}: ${scheme === 'grpc' ? 'gRPC UNIMPLEMENTED' : 'HTTP 404'}`, destinations: [], findings };
  const where = `${routing.route.kind} ${routing.route.namespace}/${routing.route.name} ${routing.matchField}`;
  if (routing.redirect) return { problem: `${where} redirects (${routing.redirect.status} to ${routing.redirect.location})`, destinations: [], findings };
  const chosen = routing.backends.find((b) => b.resolution.ref.namespace === ref.namespace && b.resolution.ref.name === ref.name);
  if (!chosen) {
    const others = routing.backends.map((b) => `${b.resolution.ref.namespace}/${b.resolution.ref.name}`).join(', ') || 'no backend (HTTP 500)';
    return { problem: `${where} sends the request to ${others}, not to Service ${ref.namespace}/${ref.name}`, destinations: [], findings };
  }
  const port = chosen.resolution.port;
  if (chosen.resolution.problem || !port) return { service: `${ref.namespace}/${ref.name}`, problem: `${where} names Service ${ref.namespace}/${ref.name} port ${chosen.resolution.ref.port ?? '(none)'}, which cannot be used (${chosen.resolution.problem?.reason ?? 'no port'}): HTTP 500`, destinations: [], findings };
  return queryRoute(checked, `${ref.namespace}/${ref.name}`, { port: port.port }, namespace);
}

/** The asking pod as every question resolves it (a workload name: its first pod); undefined when there is none. */
function podOrUndefined(cluster: Cluster, ref: string, namespace: string): SimPod | undefined {
  try {
    return resolvePod(cluster, ref, namespace);
  } catch (e) {
    if (e instanceof QueryError) return undefined;
    throw e;
  }
}

function headlessDestinations(cluster: Cluster, svc: SimService, port: SimServicePort): RouteDestination[] {
  const out: RouteDestination[] = [];
  const slices = cluster.slicesOf(svc.namespace, svc.name);
  for (const slice of slices) {
    const sp = slice.ports.find((p) => p.name === port.name && p.protocol === port.protocol);
    if (!sp) continue;
    for (const e of slice.endpoints) {
      if (!e.ready) continue;
      for (const ip of e.addresses) out.push({ ...(e.pod ? { pod: e.pod.name } : {}), ip, port: sp.port, probability: 0 });
    }
  }
  for (const d of out) d.probability = 1 / out.length;
  return out;
}

