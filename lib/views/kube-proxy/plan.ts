/**
 * What kube-proxy (iptables mode) decides for every service port on one node, before any rule is
 * written: which endpoints are usable, which are local, which policies apply and which chains
 * exist. The rule layouts (`layout-*.ts`) and the traffic evaluator both start from this plan, so
 * `iptables-save` and `trace` can never disagree.
 */
import type { Cluster, KubernetesVersion, SimNode, SimPod, SimService, SimServicePort } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { formatCIDR, joinHostPort, parseIP } from '../../k8s/ip';
import { endpointChain, serviceChains, servicePortName, type ServiceChains } from './chain-names';
import { versionAtLeast } from '../../k8s/version';

export interface PlanEndpoint {
  ip: string;
  port: number;
  /** `ip:port` (net.JoinHostPort), the sort and dedupe key. */
  key: string;
  nodeName?: string;
  pod?: SimPod;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  /** On the node the plan is for. */
  local: boolean;
  /** KUBE-SEP chain. */
  chain: string;
}

export interface ServicePortPlan {
  service: SimService;
  port: SimServicePort;
  /** servicePortName as this version prints it (`ns/name`, `ns/name:`, `ns/name:port`). */
  name: string;
  /** `tcp`, `udp`, `sctp`. */
  protocol: string;
  clusterIP: string;
  externalIPs: string[];
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  nodePort: number;
  healthCheckNodePort: number;
  chains: ServiceChains;
  /** All endpoints of the port (any readiness), sorted by `ip:port` string, deduplicated. */
  endpoints: PlanEndpoint[];
  /** Endpoints the Cluster policy balances over: Ready, else serving+terminating (v1.26+). */
  clusterEndpoints: PlanEndpoint[];
  /** Endpoints the Local policy balances over: the same rule, restricted to this node. */
  localEndpoints: PlanEndpoint[];
  /** Any usable endpoint anywhere in the cluster (otherwise kube-proxy REJECTs). */
  hasEndpoints: boolean;
  internalLocal: boolean;
  externalLocal: boolean;
  /** nodePort, externalIPs or load-balancer IPs. */
  externallyAccessible: boolean;
  /** ClientIP affinity timeout in seconds, undefined without affinity. */
  affinitySeconds?: number;
}

export interface ProxyPlan {
  node: SimNode;
  version: KubernetesVersion;
  /** The cluster CIDR of kube-proxy's masquerade and local-traffic rules (settings.podCIDR). */
  clusterCIDR: string;
  services: ServicePortPlan[];
}

/**
 * Node-local view of the cluster. An unknown node gets a plan in which nothing is local.
 * `only` restricts the plan to one Service (for per-connection questions on big clusters).
 */
export function proxyPlan(cluster: Cluster, nodeName: string, only?: SimService): ProxyPlan {
  const node = cluster.nodes.find((n) => n.name === nodeName) ?? fallbackNode(cluster, nodeName);
  const version = cluster.settings.kubernetesVersion;
  const services: ServicePortPlan[] = [];
  const sorted = (only ? [only] : [...cluster.services]).sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));
  for (const service of sorted) {
    const clusterIP = ipv4ClusterIP(service);
    // kube-proxy skips ExternalName, headless and IP-less services entirely.
    if (service.type === 'ExternalName' || service.headless || clusterIP === undefined) continue;
    for (const port of service.ports) services.push(planPort(cluster, node, version, service, port, clusterIP));
  }
  return { node, version, clusterCIDR: formatCIDR(cluster.settings.podCIDR), services };
}

function fallbackNode(cluster: Cluster, nodeName: string): SimNode {
  // An unknown node still gets a plan (nothing is local on it); callers validate names themselves.
  return { name: nodeName, ip: '', labels: {}, podCIDR: cluster.settings.podCIDR };
}

/** iptables-save is the IPv4 table set; a dual-stack Service contributes its IPv4 address. */
function ipv4ClusterIP(service: SimService): string | undefined {
  const candidates = [service.clusterIP, ...service.clusterIPs];
  return candidates.find((ip) => parseIP(ip)?.family === 'IPv4');
}

function isIPv4(text: string): boolean {
  return parseIP(text)?.family === 'IPv4';
}

function planPort(cluster: Cluster, node: SimNode, version: KubernetesVersion, service: SimService, port: SimServicePort, clusterIP: string): ServicePortPlan {
  const name = servicePortName(service.namespace, service.name, port.name, version);
  const endpoints = collectEndpoints(cluster, node, service, port, name);
  // Serving-but-terminating fallback (KEP-1669) exists from v1.26 (beta 1.22 behind a gate).
  const fallback = versionAtLeast(version, 1, 26);
  const usable = (eps: PlanEndpoint[]): PlanEndpoint[] => {
    const ready = eps.filter((e) => e.ready);
    if (ready.length > 0 || !fallback) return ready;
    return eps.filter((e) => e.serving && e.terminating);
  };
  const clusterEndpoints = usable(endpoints);
  const localEndpoints = usable(endpoints.filter((e) => e.local));
  const externalIPs = service.externalIPs.filter(isIPv4);
  const loadBalancerIPs = service.type === 'LoadBalancer' ? service.loadBalancerIPs.filter(isIPv4) : [];
  const nodePort = service.type === 'NodePort' || service.type === 'LoadBalancer' ? port.nodePort : 0;
  const externalLocal = service.externalTrafficPolicy === 'Local' && (service.type === 'NodePort' || service.type === 'LoadBalancer');
  return {
    service,
    port,
    name,
    protocol: port.protocol.toLowerCase(),
    clusterIP,
    externalIPs,
    loadBalancerIPs,
    loadBalancerSourceRanges: loadBalancerIPs.length > 0 ? [...service.loadBalancerSourceRanges] : [],
    nodePort,
    healthCheckNodePort: externalLocal && service.type === 'LoadBalancer' ? service.healthCheckNodePort ?? 0 : 0,
    chains: serviceChains(name, port.protocol),
    endpoints,
    clusterEndpoints,
    localEndpoints,
    hasEndpoints: clusterEndpoints.length > 0 || localEndpoints.length > 0,
    internalLocal: service.internalTrafficPolicy === 'Local' && versionAtLeast(version, 1, 21),
    externalLocal,
    externallyAccessible: nodePort !== 0 || externalIPs.length > 0 || loadBalancerIPs.length > 0,
    affinitySeconds: service.sessionAffinity === 'ClientIP' ? service.affinityTimeoutSeconds ?? 10800 : undefined,
  };
}

/**
 * Endpoints of one service port from the Service's EndpointSlices: an endpoint serves the port
 * when its slice has a port with the same name and protocol. kube-proxy keys endpoints by
 * `ip:port`, sorts the keys as plain strings and, for duplicates, keeps the non-terminating one.
 */
function collectEndpoints(cluster: Cluster, node: SimNode, service: SimService, port: SimServicePort, spn: string): PlanEndpoint[] {
  const byKey = new Map<string, PlanEndpoint>();
  for (const slice of cluster.slicesOf(service.namespace, service.name)) {
    if (slice.addressType !== 'IPv4') continue;
    const slicePort = slice.ports.find((p) => p.name === port.name && p.protocol === port.protocol);
    if (!slicePort || !(slicePort.port > 0)) continue;
    for (const ep of slice.endpoints) {
      const ip = ep.addresses[0];
      if (typeof ip !== 'string' || !isIPv4(ip)) continue;
      const key = joinHostPort(ip, slicePort.port);
      const candidate: PlanEndpoint = {
        ip,
        port: slicePort.port,
        key,
        nodeName: ep.nodeName,
        pod: ep.pod,
        ready: ep.ready,
        serving: ep.serving,
        terminating: ep.terminating,
        local: ep.nodeName !== undefined && ep.nodeName === node.name,
        chain: endpointChain(spn, port.protocol, ip, slicePort.port),
      };
      const existing = byKey.get(key);
      if (!existing || (existing.terminating && !candidate.terminating)) byKey.set(key, candidate);
    }
  }
  return [...byKey.values()].sort((a, b) => byString(a.key, b.key));
}
