/**
 * `lineup trace`: where a request goes, answered offline. From a pod, a node or outside the
 * cluster, through DNS, Ingress, the Service and kube-proxy to pods and ports, with the
 * probabilities kube-proxy's rules give. Every decision is delegated to the view that owns it (dns,
 * ingress-routing, kube-proxy), so trace can never disagree with `dns`, `iptables-save` or `check`.
 */
import type { Cluster, Protocol, SimPod, SimService, SimServicePort } from '../cluster/model';
import { parseIP } from '../k8s/ip';
import { resolveFromPod } from './dns';
import { podResolver } from './dns-resolver';
import { formatShare, gatewayLeg, gatewayRequest, type GatewayTraceOptions } from './gateway-trace';
import { ingressController } from './ingress-controllers';
import { matchHost, routeRequest } from './ingress-routing';
import { serviceTraffic } from './kube-proxy';
import { addressEndpoint, describeDenial, judgeConnection, policyNames, type PolicyConnection, type PolicyEndpoint, type PolicyVerdict } from './network-policy';

export type TraceOutcome = 'delivered' | 'refused' | 'dropped' | 'unresolved' | 'external' | 'not-found' | 'redirected' | 'server-error' | 'denied' | 'partly-denied';

/**
 * Where the connection starts. From outside the cluster, `clientIP` is the client's address
 * (what endpoints of an `externalTrafficPolicy: Local` Service see; default 203.0.113.10).
 */
export type TraceSource = { pod: SimPod } | { node: string } | { external: true; clientIP?: string };

/** The first external test address (RFC 5737) stands for "a client outside the cluster". */
export const DEFAULT_CLIENT_IP = '203.0.113.10';

/** The side whose NetworkPolicies drop a connection (`deniedBy`). */
export interface DeniedBy {
  direction: 'egress' | 'ingress';
  /** `namespace/name` of the pod of that side. */
  pod: string;
  /** The policies that isolate that pod in that direction (none of them allows the connection). */
  policies: string[];
}

export interface TraceHop {
  /** `dns`, `ingress`, `service`, `kube-proxy`, `pod`, `external`. */
  type: string;
  /** One line for people. */
  detail: string;
  [key: string]: unknown;
}

export interface TraceDestination {
  /** `namespace/name`; absent for addresses that are not pods (manual Endpoints). */
  pod?: string;
  ip: string;
  port: number;
  probability: number;
  /** NetworkPolicy's verdict on the connection to this destination. */
  verdict?: 'allowed' | 'denied';
  deniedBy?: DeniedBy;
}

/** The share of a Gateway rule's requests that an invalid backendRef answers with an error (HTTP 500). */
export interface TraceBackendError {
  /** `namespace/name` of the backendRef. */
  backend: string;
  status: number;
  probability: number;
}

export interface TraceResult {
  target: string;
  /** The transport protocol traced (from the target's scheme; TCP by default). */
  protocol: TraceProtocol;
  from: string;
  outcome: TraceOutcome;
  hops: TraceHop[];
  destinations: TraceDestination[];
  /** Through a Gateway whose rule mixes valid and invalid backendRefs: the invalid shares (listed after `destinations`). */
  backendErrors?: TraceBackendError[];
  /** Sum of `backendErrors`' probabilities. */
  errorProbability?: number;
  /** `redirected`: the Location header and status code of the redirect. */
  location?: string;
  status?: number;
  /** The share of connections NetworkPolicy drops (the probabilities of denied destinations); 0 when none. */
  deniedProbability?: number;
}

/** How the request travels (`--via`) and what it carries (`--method`, `--header`). */
export interface TraceOptions {
  /** `ingress`, `gateway`, or a Gateway `{ namespace, name }`; default: a matching Gateway listener, else the Ingresses. */
  via?: 'ingress' | 'gateway' | { namespace: string; name: string };
  method?: string;
  headers?: [string, string][];
}

/** The transport protocol of a traced request (a Service port's `protocol`). */
export type TraceProtocol = 'TCP' | 'UDP' | 'SCTP';

export interface ParsedTarget {
  /** Set for URLs: the request is HTTP(S) and may go through an Ingress. */
  scheme?: 'http' | 'https';
  /** Chosen by the scheme: `udp://` UDP, `sctp://` SCTP, anything else TCP. */
  protocol: TraceProtocol;
  host: string;
  port: number;
  path: string;
}

/** The forms `parseTarget` reads, for error messages. */
export const TARGET_FORMS = 'http(s)://host[:port]/path, grpc://host[:port]/package.Service/Method, tcp://host:port, udp://host:port, sctp://host:port, host:port or ip:port';

const TRANSPORTS: Record<string, TraceProtocol> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

/**
 * `http(s)://host[:port]/path`; `tcp://`, `udp://` or `sctp://host:port` (the port is required:
 * these schemes have no default); `host:port` or `ip:port` (TCP). IPv6 addresses in brackets.
 */
export function parseTarget(target: string): ParsedTarget | undefined {
  const url = /^(https?):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^?#]*)/i.exec(target);
  if (url) {
    const scheme = url[1].toLowerCase() as 'http' | 'https';
    const port = url[3] ? Number(url[3]) : scheme === 'https' ? 443 : 80;
    if (port < 1 || port > 65535) return undefined;
    return { scheme, protocol: 'TCP', host: stripBrackets(url[2]).toLowerCase(), port, path: url[4] === '' ? '/' : url[4] };
  }
  const transport = /^([a-z]+):\/\/(\[[^\]]+\]|[^:/\s]+):(\d+)\/?$/i.exec(target);
  if (transport) {
    const protocol = TRANSPORTS[transport[1].toLowerCase()];
    const port = Number(transport[3]);
    if (!protocol || port < 1 || port > 65535) return undefined;
    return { protocol, host: stripBrackets(transport[2]).toLowerCase(), port, path: '/' };
  }
  const hostPort = /^(\[[^\]]+\]|[^:/\s]+):(\d+)$/.exec(target);
  if (hostPort) {
    const port = Number(hostPort[2]);
    if (port < 1 || port > 65535) return undefined;
    return { protocol: 'TCP', host: stripBrackets(hostPort[1]).toLowerCase(), port, path: '/' };
  }
  return undefined;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

function describeSource(source: TraceSource): string {
  if ('pod' in source) return `pod ${source.pod.namespace}/${source.pod.name}`;
  if ('node' in source) return `node ${source.node}`;
  return 'outside the cluster';
}

function sourceNode(cluster: Cluster, source: TraceSource): string {
  if ('pod' in source) return source.pod.nodeName;
  if ('node' in source) return source.node;
  return cluster.nodes[0]?.name ?? '';
}

function sourceKind(source: TraceSource): 'pod' | 'node' | 'external' {
  return 'pod' in source ? 'pod' : 'node' in source ? 'node' : 'external';
}

/** Where an IP address leads inside the cluster, if anywhere. */
type AddressMatch =
  | { kind: 'clusterIP'; service: SimService }
  | { kind: 'externalIP'; service: SimService }
  | { kind: 'loadBalancer'; service: SimService }
  | { kind: 'node'; node: string }
  | { kind: 'pod'; pod: SimPod }
  | { kind: 'none' };

function matchAddress(cluster: Cluster, ip: string): AddressMatch {
  const normalized = parseIP(ip);
  const same = (other: string): boolean => {
    const o = parseIP(other);
    return !!o && !!normalized && o.family === normalized.family && o.value === normalized.value;
  };
  for (const s of cluster.services) if (!s.headless && s.clusterIPs.some(same)) return { kind: 'clusterIP', service: s };
  for (const s of cluster.services) if (s.externalIPs.some(same)) return { kind: 'externalIP', service: s };
  for (const s of cluster.services) if (s.type === 'LoadBalancer' && s.loadBalancerIPs.some(same)) return { kind: 'loadBalancer', service: s };
  for (const n of cluster.nodes) if (same(n.ip)) return { kind: 'node', node: n.name };
  for (const p of cluster.pods) if (p.ip !== '' && !p.hostNetwork && same(p.ip)) return { kind: 'pod', pod: p };
  return { kind: 'none' };
}

function servicePortFor(service: SimService, port: number, protocol: TraceProtocol, via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer'): SimServicePort | undefined {
  // A Service port is one protocol: 53/UDP and 53/TCP are two ports.
  return service.ports.find((p) => p.protocol === protocol && (via === 'nodePort' ? p.nodePort === port : p.port === port));
}

function podKey(pod: SimPod): string {
  return `${pod.namespace}/${pod.name}`;
}

/**
 * Who the destination's policies see as the source once kube-proxy (or a proxy) has handled the
 * connection; undefined when it is not known (then no verdict is given).
 */
type PolicyClient = PolicyEndpoint | undefined;

function nodeEndpoint(cluster: Cluster, nodeName: string): PolicyEndpoint {
  const node = cluster.nodes.find((n) => n.name === nodeName);
  return { ip: node?.ip ?? '', node: nodeName };
}

/**
 * The source as policy sees it after kube-proxy: a pod stays itself; a node is its address; from
 * outside, `externalTrafficPolicy: Cluster` masquerades to the receiving node's address, while
 * `Local` keeps the client's (kube-proxy's KUBE-EXT chains).
 */
function policyClient(cluster: Cluster, source: TraceSource, service: SimService | undefined, receivingNode: string): PolicyClient {
  if ('pod' in source) return { pod: source.pod };
  if ('node' in source) return nodeEndpoint(cluster, source.node);
  if (service?.externalTrafficPolicy === 'Local') return addressEndpoint(cluster, source.clientIP ?? DEFAULT_CLIENT_IP);
  return nodeEndpoint(cluster, receivingNode);
}

function deniedBy(verdict: PolicyVerdict): DeniedBy | undefined {
  const side = verdict.deniedBy;
  if (!side || !side.pod) return undefined;
  return { direction: side.direction, pod: podKey(side.pod), policies: policyNames(side.policies) };
}

/** Judges each destination of a delivered connection and settles the outcome (denied, partly-denied). */
function judgeDestinations(cluster: Cluster, result: TraceResult, client: PolicyClient, protocol: Protocol, pods: Map<string, SimPod>): string[] {
  const notes: string[] = [];
  if (!client) return notes;
  for (const d of result.destinations) {
    const pod = d.pod ? pods.get(d.pod) : undefined;
    const conn: PolicyConnection = { from: client, to: pod ? { pod } : addressEndpoint(cluster, d.ip), port: d.port, protocol };
    const verdict = judgeConnection(cluster, conn);
    d.verdict = verdict.allowed ? 'allowed' : 'denied';
    const by = deniedBy(verdict);
    if (by) d.deniedBy = by;
    notes.push(verdict.allowed ? '' : (describeDenial(cluster, conn, verdict) ?? ''));
  }
  settle(result);
  return notes;
}

/** The outcome of a delivered trace once destinations carry verdicts. */
function settle(result: TraceResult): void {
  if (result.outcome !== 'delivered' && result.outcome !== 'denied' && result.outcome !== 'partly-denied') return;
  const denied = result.destinations.filter((d) => d.verdict === 'denied');
  result.deniedProbability = denied.reduce((s, d) => s + d.probability, 0);
  if (denied.length === 0) result.outcome = 'delivered';
  else result.outcome = denied.length === result.destinations.length ? 'denied' : 'partly-denied';
}

function destinationHop(d: TraceDestination, note: string): TraceHop {
  const what = `${d.pod ? `pod ${d.pod}` : 'address'} ${d.ip}:${d.port} with probability ${formatProbability(d.probability)}`;
  if (d.verdict !== 'denied') return { type: 'pod', detail: what, ...d };
  const why = note || (d.deniedBy ? `NetworkPolicy ${d.deniedBy.policies.join(', ')} isolates pod ${d.deniedBy.pod} for ${d.deniedBy.direction} and no rule allows this connection` : 'NetworkPolicy drops it');
  return { type: 'pod', detail: `${what}: denied — ${why}`, ...d };
}

/** Through kube-proxy for one Service port; fills hops and destinations. */
function throughService(cluster: Cluster, result: TraceResult, service: SimService, port: SimServicePort, via: 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer', node: string, from: 'pod' | 'node' | 'external', client: PolicyClient): void {
  const portLabel = port.name ? `${port.port}/${port.protocol} (${port.name})` : `${port.port}/${port.protocol}`;
  result.hops.push({ type: 'service', detail: `Service ${service.namespace}/${service.name} port ${portLabel} → targetPort ${port.targetPort}, via ${via}`, service: `${service.namespace}/${service.name}`, port: port.port, targetPort: port.targetPort, via });
  const traffic = serviceTraffic(cluster, { service, port, via, node, from });
  result.hops.push({ type: 'kube-proxy', detail: `kube-proxy on ${node}: ${traffic.reason}`, node, verdict: traffic.verdict, chains: traffic.chains });
  if (traffic.verdict === 'reject') {
    result.outcome = 'refused';
    return;
  }
  if (traffic.verdict === 'drop') {
    result.outcome = 'dropped';
    return;
  }
  result.outcome = 'delivered';
  const pods = new Map<string, SimPod>();
  result.destinations = traffic.destinations.map((d) => {
    if (!d.pod) return { ip: d.ip, port: d.port, probability: d.probability };
    pods.set(podKey(d.pod), d.pod);
    return { pod: podKey(d.pod), ip: d.ip, port: d.port, probability: d.probability };
  });
  const notes = judgeDestinations(cluster, result, client, port.protocol, pods);
  result.destinations.forEach((d, i) => result.hops.push(destinationHop(d, notes[i] ?? '')));
}

function formatProbability(p: number): string {
  return p === 1 ? '1' : p.toFixed(4).replace(/0+$/, '');
}

/** Follows a destination IP (already resolved) from the source. */
function toAddress(cluster: Cluster, result: TraceResult, ip: string, port: number, protocol: TraceProtocol, source: TraceSource): void {
  const node = sourceNode(cluster, source);
  const from = sourceKind(source);
  const m = matchAddress(cluster, ip);
  if (m.kind === 'clusterIP' || m.kind === 'externalIP' || m.kind === 'loadBalancer') {
    const sp = servicePortFor(m.service, port, protocol, m.kind);
    if (!sp) {
      const lost = protocol === 'UDP' ? 'the datagrams are dropped' : 'the connection times out';
      result.hops.push({ type: 'service', detail: `Service ${m.service.namespace}/${m.service.name} has no ${protocol} port ${port}; nothing answers on ${ip}:${port} and ${lost}`, service: `${m.service.namespace}/${m.service.name}` });
      result.outcome = 'dropped';
      return;
    }
    throughService(cluster, result, m.service, sp, m.kind, node, from, policyClient(cluster, source, m.service, node));
    return;
  }
  if (m.kind === 'node') {
    const service = cluster.services.find((s) => s.ports.some((p) => p.protocol === protocol && p.nodePort === port));
    if (!service) {
      const refusal = protocol === 'UDP' ? 'the node answers ICMP port unreachable' : 'the connection is refused';
      result.hops.push({ type: 'node', detail: `node ${m.node} (${ip}) has no ${protocol} NodePort ${port}; ${refusal}`, node: m.node });
      result.outcome = 'refused';
      return;
    }
    throughService(cluster, result, service, servicePortFor(service, port, protocol, 'nodePort')!, 'nodePort', m.node, from, policyClient(cluster, source, service, m.node));
    return;
  }
  if (m.kind === 'pod') {
    result.hops.push({ type: 'pod', detail: `pod ${podKey(m.pod)} ${ip}:${port} directly (no Service)`, pod: podKey(m.pod) });
    result.outcome = 'delivered';
    result.destinations = [{ pod: podKey(m.pod), ip, port, probability: 1 }];
    const notes = judgeDestinations(cluster, result, policyClient(cluster, source, undefined, node), protocol, new Map([[podKey(m.pod), m.pod]]));
    if (result.destinations[0].verdict === 'denied') result.hops.push({ type: 'policy', detail: `denied — ${notes[0]}`, deniedBy: result.destinations[0].deniedBy });
    return;
  }
  // Leaving the cluster: the client pod's egress side still judges the address.
  if ('pod' in source) {
    const conn: PolicyConnection = { from: { pod: source.pod }, to: addressEndpoint(cluster, ip), port, protocol };
    const verdict = judgeConnection(cluster, conn);
    if (!verdict.allowed) {
      result.hops.push({ type: 'policy', detail: `${ip}:${port} is outside the cluster: denied — ${describeDenial(cluster, conn, verdict)}`, deniedBy: deniedBy(verdict) });
      result.outcome = 'denied';
      result.deniedProbability = 1;
      return;
    }
  }
  result.hops.push({ type: 'external', detail: `${ip} is outside the cluster; traffic leaves through ${from === 'external' ? 'the internet' : `node ${node}`}` });
  result.outcome = 'external';
}

/**
 * The pod's lookup through cluster DNS: UDP 53 to the kube-dns Service, translated by kube-proxy
 * to a CoreDNS pod, judged by policy like any connection. Returns false when policy drops every
 * lookup (the trace ends `denied` at the dns hop).
 */
function judgeLookup(cluster: Cluster, result: TraceResult, pod: SimPod, name: string): { blocked: boolean; note?: string } {
  if (podResolver(cluster, pod).policy !== 'ClusterFirst') return { blocked: false };
  const dns = cluster.services.find((s) => s.clusterIP === cluster.dnsServiceIP && !s.headless);
  const port = dns?.ports.find((p) => p.protocol === 'UDP' && p.port === 53);
  if (!dns || !port) return { blocked: false };
  const traffic = serviceTraffic(cluster, { service: dns, port, via: 'clusterIP', node: pod.nodeName, from: 'pod' });
  if (traffic.verdict !== 'dnat') return { blocked: false };
  let deniedShare = 0;
  let first: { conn: PolicyConnection; verdict: PolicyVerdict } | undefined;
  for (const d of traffic.destinations) {
    const conn: PolicyConnection = { from: { pod }, to: d.pod ? { pod: d.pod } : addressEndpoint(cluster, d.ip), port: d.port, protocol: 'UDP' };
    const verdict = judgeConnection(cluster, conn);
    if (verdict.allowed) continue;
    deniedShare += d.probability;
    first ??= { conn, verdict };
  }
  if (!first) return { blocked: false };
  const why = describeDenial(cluster, first.conn, first.verdict) ?? '';
  const service = `${dns.namespace}/${dns.name}`;
  if (deniedShare >= 1 - 1e-12) {
    result.hops.push({ type: 'dns', detail: `lookup of ${name}: UDP 53 to Service ${service} → CoreDNS: denied, the lookup times out — ${why}`, query: name, verdict: 'denied', deniedBy: deniedBy(first.verdict) });
    result.outcome = 'denied';
    result.deniedProbability = 1;
    return { blocked: true };
  }
  return { blocked: false, note: `; ${formatProbability(deniedShare)} of lookups reach a CoreDNS pod that policy blocks and are retried — ${why}` };
}

/** Trace a request to `target` from `source`. Returns undefined when the target cannot be parsed. */
export function trace(cluster: Cluster, target: string, source: TraceSource, options: TraceOptions = {}): TraceResult | undefined {
  if (/^grpc:\/\//i.test(target)) {
    if (!('external' in source)) return undefined;
    const result: TraceResult = { target, protocol: 'TCP', from: describeSource(source), outcome: 'not-found', hops: [], destinations: [], deniedProbability: 0 };
    return viaGateway(cluster, result, target, source, options) ? result : undefined;
  }
  const parsed = parseTarget(target);
  if (!parsed) return undefined;
  const result: TraceResult = { target, protocol: parsed.protocol, from: describeSource(source), outcome: 'unresolved', hops: [], destinations: [], deniedProbability: 0 };
  const literal = parseIP(parsed.host);
  // An address of a Gateway (or any address, when a Gateway was asked for) is the Gateway's to answer.
  if (literal && 'external' in source && parsed.scheme && (options.via === 'gateway' || typeof options.via === 'object' || isGatewayAddress(cluster, parsed.host))) {
    if (viaGateway(cluster, result, target, source, options)) return result;
  }
  if (literal) {
    toAddress(cluster, result, parsed.host, parsed.port, parsed.protocol, source);
    return result;
  }
  if ('external' in source) {
    if (!parsed.scheme) {
      result.hops.push({ type: 'dns', detail: `${parsed.host} is not an address outside clients can resolve to the cluster; give a node, external or load-balancer IP, or an http(s) URL to an Ingress host` });
      result.outcome = 'unresolved';
      return result;
    }
    if (options.via !== 'ingress' && viaGateway(cluster, result, target, source, options)) return result;
    viaIngress(cluster, result, parsed, source);
    return result;
  }
  // A node resolves with its own resolv.conf (not cluster DNS); a pod through its search path.
  const fromPod = 'pod' in source ? source.pod : undefined;
  const who = fromPod ? `pod ${podKey(fromPod)}` : `node ${(source as { node: string }).node}`;
  const lookup = fromPod ? judgeLookup(cluster, result, fromPod, parsed.host) : { blocked: false };
  if (lookup.blocked) return result;
  const lookupNote = lookup.note ?? '';
  const dns = resolveFromPod(cluster, parsed.host, fromPod ? { from: fromPod, type: 'A' } : { type: 'A', nodeResolver: true });
  const addresses = dns.answers.filter((a) => a.type === 'A' || a.type === 'AAAA').map((a) => a.data);
  const cname = dns.answers.find((a) => a.type === 'CNAME');
  if (dns.rcode === 'NXDOMAIN' || addresses.length === 0) {
    if (cname) {
      result.hops.push({ type: 'dns', detail: `${parsed.host} → ${dns.name} CNAME ${cname.data} (ExternalName): the client resolves ${cname.data} outside the cluster${lookupNote}`, query: parsed.host, name: dns.name, cname: cname.data });
      result.outcome = 'external';
      return result;
    }
    if (parsed.scheme && hasIngressHost(cluster, parsed.host)) {
      result.hops.push({ type: 'dns', detail: `${parsed.host} is not a cluster name; it is an Ingress host, reached through the ingress controller${lookupNote}` });
      viaIngress(cluster, result, parsed, source);
      return result;
    }
    const tried = dns.tried.map((t) => t.name).join(', ');
    result.hops.push({ type: 'dns', detail: `${parsed.host} does not resolve from ${who} (${dns.rcode === 'NXDOMAIN' ? 'NXDOMAIN' : 'no address'}; tried ${tried})${lookupNote}`, query: parsed.host, rcode: dns.rcode, tried: dns.tried.map((t) => t.name) });
    result.outcome = dns.external ? 'external' : 'unresolved';
    if (result.outcome === 'external') result.hops.push({ type: 'external', detail: `${parsed.host} is outside the cluster domain; the upstream resolver answers it` });
    return result;
  }
  result.hops.push({ type: 'dns', detail: `${parsed.host} → ${dns.name} ${cname ? `CNAME ${cname.data} ` : ''}A ${addresses.join(', ')}${lookupNote}`, query: parsed.host, name: dns.name, answers: addresses });
  if (addresses.length === 1) {
    toAddress(cluster, result, addresses[0], parsed.port, parsed.protocol, source);
    return result;
  }
  // Several A records (a headless Service): the client picks one; assume an even choice.
  const share = 1 / addresses.length;
  const destinations: TraceDestination[] = [];
  let anyDelivered = false;
  for (const ip of addresses) {
    const sub: TraceResult = { target, protocol: parsed.protocol, from: result.from, outcome: 'unresolved', hops: [], destinations: [], deniedProbability: 0 };
    toAddress(cluster, sub, ip, parsed.port, parsed.protocol, source);
    if (sub.outcome === 'delivered' || sub.outcome === 'denied' || sub.outcome === 'partly-denied') {
      anyDelivered = true;
      for (const d of sub.destinations) destinations.push({ ...d, probability: d.probability * share });
    }
  }
  result.hops.push({ type: 'client', detail: `the client picks one of ${addresses.length} addresses (headless Service: no kube-proxy load balancing)` });
  result.outcome = anyDelivered ? 'delivered' : 'refused';
  result.destinations = normalize(destinations);
  settle(result);
  for (const d of result.destinations) {
    const pod = d.pod ? cluster.pod(d.pod.split('/')[0], d.pod.split('/')[1]) : undefined;
    const note = d.verdict === 'denied' && pod && fromPod ? (describeDenial(cluster, { from: { pod: fromPod }, to: { pod }, port: d.port, protocol: parsed.protocol }, judgeConnection(cluster, { from: { pod: fromPod }, to: { pod }, port: d.port, protocol: parsed.protocol })) ?? '') : '';
    result.hops.push(destinationHop(d, note));
  }
  return result;
}

/** Among the connections that are delivered, where they land: shares renormalized to sum to 1. */
function normalize(destinations: TraceDestination[]): TraceDestination[] {
  const total = destinations.reduce((s, d) => s + d.probability, 0);
  return total === 0 ? destinations : destinations.map((d) => ({ ...d, probability: d.probability / total }));
}

function isGatewayAddress(cluster: Cluster, ip: string): boolean {
  return cluster.gatewayApi.gateways.some((g) => g.addresses.includes(ip));
}

function hasIngressHost(cluster: Cluster, host: string): boolean {
  return cluster.ingresses.some((i) => i.served && i.rules.some((r) => r.host !== '' && matchHost(r.host, host)));
}

function viaIngress(cluster: Cluster, result: TraceResult, target: ParsedTarget, source: TraceSource): void {
  const route = routeRequest(cluster, { host: target.host, path: target.path, scheme: target.scheme });
  if (route.status === 404 || !route.backend) {
    result.hops.push({ type: 'ingress', detail: `ingress controller: no Ingress rule matches ${target.host}${target.path} (${route.reason}); HTTP 404`, reason: route.reason });
    result.outcome = 'not-found';
    return;
  }
  const ing = route.ingress!;
  const backend = route.backend;
  const portText = backend.portName ?? String(backend.portNumber ?? '');
  result.hops.push({ type: 'ingress', detail: `Ingress ${ing.namespace}/${ing.name}: ${route.reason} → ${backend.serviceName ?? '<resource>'}:${portText}`, ingress: `${ing.namespace}/${ing.name}`, backend: `${backend.serviceName}:${portText}` });
  const service = backend.serviceName ? cluster.service(ing.namespace, backend.serviceName) : undefined;
  if (!service) {
    result.hops.push({ type: 'service', detail: `Service ${ing.namespace}/${backend.serviceName ?? '?'} does not exist; the ingress controller answers 503` });
    result.outcome = 'refused';
    return;
  }
  const port = service.ports.find((p) => (backend.portName !== undefined ? p.name === backend.portName : p.port === backend.portNumber));
  if (!port) {
    result.hops.push({ type: 'service', detail: `Service ${service.namespace}/${service.name} has no port ${portText}; the ingress controller answers 503` });
    result.outcome = 'refused';
    return;
  }
  if (service.type === 'ExternalName') {
    result.hops.push({ type: 'external', detail: `Service ${service.namespace}/${service.name} is ExternalName ${service.externalName}: the controller proxies outside the cluster` });
    result.outcome = 'external';
    return;
  }
  // The ingress controller runs as a pod; its connection to the backend is pod traffic, from
  // that pod (NetworkPolicy judges the controller's pods, not the original client).
  const controller = ingressController(cluster, ing.className);
  const controllerPod = controller?.pods[0];
  if (controller && controllerPod) {
    const where = controller.standIn ? `a stand-in pod ${podKey(controllerPod)} with ${Object.entries(controller.settings.podLabels).map(([k, v]) => `${k}=${v}`).join(',')} (no such pod in the input)` : `pod ${podKey(controllerPod)}`;
    result.hops.push({ type: 'proxy', detail: `the ingress controller (class ${controller.settings.class}) opens the connection from ${where}`, pod: podKey(controllerPod) });
  } else {
    result.hops.push({ type: 'proxy', detail: `no ingress controller is configured for class ${ing.className ?? '<none>'} (cluster settings ingressControllers); NetworkPolicy is not judged` });
  }
  const node = controllerPod && !controller?.standIn ? controllerPod.nodeName : sourceNode(cluster, source);
  const client: PolicyClient = controllerPod ? { pod: controllerPod } : undefined;
  throughService(cluster, result, service, port, 'clusterIP', node, 'pod', client);
}

/**
 * Through a Gateway: the listener, route and rule (gateway-routing), then each chosen Service
 * from the Gateway's pods, as the ingress controller's are. False when no Gateway listener serves
 * the request and none was asked for (the caller then tries the Ingresses).
 */
function viaGateway(cluster: Cluster, result: TraceResult, target: string, source: TraceSource, options: TraceOptions): boolean {
  const via = options.via;
  const gatewayOpts: GatewayTraceOptions = {};
  if (options.method !== undefined) gatewayOpts.method = options.method;
  if (options.headers) gatewayOpts.headers = options.headers;
  if (typeof via === 'object') gatewayOpts.gateway = via;
  const req = gatewayRequest(target, gatewayOpts);
  if (!req) return false;
  const leg = gatewayLeg(cluster.gatewayApi, req);
  const routing = leg.routing;
  if (routing.kind === 'no-listener') {
    if (via === undefined && req.scheme !== 'grpc') return false;
    result.hops.push({ type: 'gateway', detail: `${routing.reason}; nothing answers there`, reason: routing.reason });
    result.outcome = 'not-found';
    return true;
  }
  result.hops.push(leg.hop!);
  if (routing.kind === 'not-found') {
    result.outcome = 'not-found';
    return true;
  }
  if (routing.redirect) {
    result.outcome = 'redirected';
    result.location = routing.redirect.location;
    result.status = routing.redirect.status;
    return true;
  }
  const valid = routing.backends.filter((b) => !b.resolution.problem);
  if (valid.length === 0) {
    result.outcome = 'server-error';
    result.status = 500;
    return true;
  }
  // The Gateway's data plane proxies: its pods (the controller configured for the GatewayClass) open the connections.
  const controller = ingressController(cluster, routing.gateway.className);
  const controllerPod = controller?.pods[0];
  const node = controllerPod && !controller?.standIn ? controllerPod.nodeName : sourceNode(cluster, source);
  const client: PolicyClient = controllerPod ? { pod: controllerPod } : undefined;
  const errors: TraceBackendError[] = routing.backends
    .filter((b) => b.resolution.problem)
    .map((b) => ({ backend: `${b.resolution.ref.namespace}/${b.resolution.ref.name}`, status: 500, probability: b.share }));
  const multiple = routing.backends.length > 1;
  const destinations: TraceDestination[] = [];
  let delivered = false;
  let firstFailure: TraceOutcome | undefined;
  for (const b of valid) {
    const service = b.resolution.service!;
    const port = b.resolution.port!;
    const sub: TraceResult = { target, protocol: 'TCP', from: result.from, outcome: 'unresolved', hops: [], destinations: [], deniedProbability: 0 };
    if (multiple) sub.hops.push({ type: 'backend', detail: `${formatShare(b.share)} of requests to Service ${service.namespace}/${service.name} port ${port.port}`, backend: `${service.namespace}/${service.name}`, share: b.share });
    if (service.type === 'ExternalName') {
      sub.hops.push({ type: 'external', detail: `Service ${service.namespace}/${service.name} is ExternalName ${service.externalName}: the Gateway proxies outside the cluster` });
      sub.outcome = 'external';
    } else {
      // The Gateway's data plane runs as pods; its connection to the backend is pod traffic.
      throughService(cluster, sub, service, port, 'clusterIP', node, 'pod', client);
    }
    result.hops.push(...sub.hops.filter((h) => h.type !== 'pod'));
    if (sub.outcome === 'delivered' || sub.outcome === 'denied' || sub.outcome === 'partly-denied') {
      delivered = true;
      for (const d of sub.destinations) destinations.push({ ...d, probability: d.probability * b.share });
    } else {
      firstFailure ??= sub.outcome;
      // The Gateway cannot connect for that share: it answers 503 (as for a Service without endpoints).
      errors.push({ backend: `${service.namespace}/${service.name}`, status: 503, probability: b.share });
    }
  }
  if (!delivered && errors.every((e) => e.status !== 500)) {
    result.outcome = firstFailure ?? 'refused';
    return true;
  }
  result.outcome = delivered ? 'delivered' : 'server-error';
  result.destinations = destinations;
  settle(result);
  for (const d of destinations) result.hops.push(destinationHop(d, ''));
  if (errors.length > 0) {
    result.backendErrors = errors;
    result.errorProbability = errors.reduce((s, e) => s + e.probability, 0);
    for (const e of errors) result.hops.push({ type: 'error', detail: `HTTP ${e.status} for ${formatShare(e.probability)} of requests (backend ${e.backend})`, ...e });
  }
  return true;
}

/** The JSON shape of a trace (`lineup trace -o json`): destinations, then the error shares, and the redirect. */
export function traceJson(result: TraceResult): Record<string, unknown> {
  const out: Record<string, unknown> = { outcome: result.outcome, hops: result.hops, destinations: [...result.destinations, ...(result.backendErrors ?? [])], deniedProbability: result.deniedProbability ?? 0 };
  if (result.errorProbability !== undefined) out.errorProbability = result.errorProbability;
  if (result.location !== undefined) out.location = result.location;
  if (result.status !== undefined) out.status = result.status;
  return out;
}

/** A route, one hop per line, for people. */
export function formatTrace(result: TraceResult): string {
  const lines = [`trace ${result.target} from ${result.from}`];
  result.hops.forEach((h) => lines.push(`  → ${h.detail}`));
  let outcome = `outcome: ${result.outcome}`;
  if (result.outcome === 'redirected') outcome += ` (${result.status} Location: ${result.location})`;
  else if (result.outcome === 'server-error') outcome += ' (HTTP 500)';
  else if (result.errorProbability !== undefined) outcome += ` (${formatShare(result.errorProbability)} of requests get an error)`;
  lines.push(outcome);
  return lines.join('\n') + '\n';
}
