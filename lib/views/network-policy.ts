/**
 * NetworkPolicy verdicts: may this source open a connection to this destination, on this port and
 * protocol? A pure function of the cluster, answered as Kubernetes defines it:
 *
 * - A pod is isolated for a direction when a policy of its namespace selects it and lists that
 *   direction in its policyTypes; an isolated side allows a connection when any rule of any of
 *   those policies allows it (a union). A connection needs the source's egress side and the
 *   destination's ingress side.
 * - Within a rule, peers are ORed, ports are ORed, peers AND ports must both match; an empty list
 *   matches everything. A named port means the destination pod's container port of that name and
 *   protocol; against an address that is not a pod it never matches.
 * - A pod always reaches itself; traffic between a pod and its own node is always allowed;
 *   hostNetwork pods are not subject to policy and are seen as their node's address.
 *
 * Connections are judged after kube-proxy's translation: callers pass the endpoint pod and the
 * resolved targetPort, never a cluster IP or a Service port.
 *
 * Sources: kubernetes staging/src/k8s.io/api/networking/v1/types.go (NetworkPolicySpec and rule
 * comments); the website's "Network Policies" page (isolation, node and self exceptions,
 * hostNetwork); test/e2e/network/netpol (the truth tables in test/views/network-policy-e2e.test.ts).
 */
import type { Cluster, Protocol, SimLabelSelector, SimNetworkPolicy, SimPod, SimPolicyPeer, SimPolicyPort, SimPolicyRule } from '../cluster/model';
import { NAMESPACE_NAME_LABEL } from '../cluster/build';
import { cidrContains, parseIP, type IP } from '../k8s/ip';
import { isEmptyLabelSelector, matchesLabelSelector } from '../k8s/labels';

export type PolicyDirection = 'ingress' | 'egress';

/**
 * One end of a connection as the policy enforcement sees it: a pod of the pod network, or an
 * address (a node's, an external client's, a manual endpoint's). `node` names the node an address
 * belongs to (its InternalIP; hostNetwork pods use it).
 */
export type PolicyEndpoint = { pod: SimPod } | { ip: string; node?: string };

export interface PolicyConnection {
  from: PolicyEndpoint;
  to: PolicyEndpoint;
  /** Destination port after kube-proxy's translation. */
  port: number;
  protocol: Protocol;
}

/** How one side (the source's egress, the destination's ingress) judged the connection. */
export interface SideVerdict {
  direction: PolicyDirection;
  allowed: boolean;
  /**
   * Why: `not-a-pod` (an address has no policies), `self` (a pod to itself), `node` (a pod and its
   * own node), `not-isolated` (no policy selects the pod for this direction), `rule` (a rule
   * allows it: see `allowedBy`), `no-rule` (isolated and no rule allows it).
   */
  reason: 'not-a-pod' | 'self' | 'node' | 'not-isolated' | 'rule' | 'no-rule';
  /** The pod of this side, when it is one. */
  pod?: SimPod;
  /** The policies that isolate the pod for this direction, by namespace and name. */
  policies: SimNetworkPolicy[];
  /** The first policy rule (policy order, then rule order) that allows the connection. */
  allowedBy?: { policy: SimNetworkPolicy; rule: SimPolicyRule };
}

export interface PolicyVerdict {
  allowed: boolean;
  egress: SideVerdict;
  ingress: SideVerdict;
  /** The side that drops the connection: egress when both deny (it drops the packet first). */
  deniedBy?: SideVerdict;
}

/** Both sides share the node and self exceptions; these are the pod and address as seen. */
function asSeen(cluster: Cluster, end: PolicyEndpoint): PolicyEndpoint {
  if ('pod' in end && end.pod.hostNetwork) {
    const node = cluster.nodes.find((n) => n.name === end.pod.nodeName);
    return { ip: node?.ip ?? end.pod.ip, node: end.pod.nodeName };
  }
  return end;
}

/** An address as a policy endpoint, naming the node that owns it when it is a node's InternalIP. */
export function addressEndpoint(cluster: Cluster, ip: string): PolicyEndpoint {
  const parsed = parseIP(ip);
  const node = parsed ? cluster.nodes.find((n) => sameIP(n.ip, parsed)) : undefined;
  return node ? { ip, node: node.name } : { ip };
}

function sameIP(text: string, ip: IP): boolean {
  const other = parseIP(text);
  return !!other && other.family === ip.family && other.value === ip.value;
}

/** Policies by namespace, and which of them select a given label set (memoized per label map). */
class PolicyIndex {
  readonly byNamespace = new Map<string, SimNetworkPolicy[]>();
  private readonly selecting = new Map<string, WeakMap<Record<string, string>, { ingress: SimNetworkPolicy[]; egress: SimNetworkPolicy[] }>>();
  /** Parsed ipBlock CIDRs, once per peer. */
  readonly ipCache = new Map<string, IP | undefined>();

  constructor(readonly cluster: Cluster) {
    for (const p of cluster.networkPolicies) {
      const list = this.byNamespace.get(p.namespace);
      if (list) list.push(p);
      else this.byNamespace.set(p.namespace, [p]);
    }
  }

  /** The policies that isolate a pod of the pod network for a direction (policy order). */
  isolating(pod: SimPod, direction: PolicyDirection): SimNetworkPolicy[] {
    const policies = this.byNamespace.get(pod.namespace);
    if (!policies) return [];
    let byLabels = this.selecting.get(pod.namespace);
    if (!byLabels) this.selecting.set(pod.namespace, (byLabels = new WeakMap()));
    let entry = byLabels.get(pod.labels);
    if (!entry) {
      entry = { ingress: [], egress: [] };
      for (const p of policies) {
        if (!matchesLabelSelector(pod.labels, p.podSelector)) continue;
        if (p.policyTypes.includes('Ingress')) entry.ingress.push(p);
        if (p.policyTypes.includes('Egress')) entry.egress.push(p);
      }
      byLabels.set(pod.labels, entry);
    }
    return entry[direction];
  }

  ip(text: string): IP | undefined {
    if (!this.ipCache.has(text)) this.ipCache.set(text, parseIP(text));
    return this.ipCache.get(text);
  }
}

const indexes = new WeakMap<Cluster, PolicyIndex>();

function indexOf(cluster: Cluster): PolicyIndex {
  let index = indexes.get(cluster);
  if (!index) indexes.set(cluster, (index = new PolicyIndex(cluster)));
  return index;
}

/** The policies that isolate a pod for a direction (none for hostNetwork pods), sorted by namespace and name. */
export function isolatingPolicies(cluster: Cluster, pod: SimPod, direction: PolicyDirection): SimNetworkPolicy[] {
  if (pod.hostNetwork) return [];
  return indexOf(cluster).isolating(pod, direction);
}

/** Whether the selectors of a peer match a pod, as seen by a policy of `policyNamespace`. */
export function peerSelectsPod(cluster: Cluster, peer: SimPolicyPeer, policyNamespace: string, pod: SimPod): boolean {
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  if (pod.hostNetwork) return false;
  if (peer.namespaceSelector) {
    // A namespace the input never mentions (an ingress controller's stand-in) still has its name label.
    const labels = cluster.namespace(pod.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: pod.namespace };
    if (!matchesLabelSelector(labels, peer.namespaceSelector)) return false;
  } else if (pod.namespace !== policyNamespace) {
    return false;
  }
  return !peer.podSelector || matchesLabelSelector(pod.labels, peer.podSelector);
}

function peerMatches(index: PolicyIndex, peer: SimPolicyPeer, policyNamespace: string, remote: PolicyEndpoint): boolean {
  if (peer.ipBlock) {
    const ipText = 'pod' in remote ? remote.pod.ip : remote.ip;
    const ip = ipText ? index.ip(ipText) : undefined;
    if (!ip || !cidrContains(peer.ipBlock.cidr, ip)) return false;
    return !peer.ipBlock.except.some((c) => cidrContains(c, ip));
  }
  return 'pod' in remote && peerSelectsPod(index.cluster, peer, policyNamespace, remote.pod);
}

/**
 * Whether one peer of a policy of `policyNamespace` matches the other end of a connection: a pod by
 * its selectors or its address, an address by ipBlock (a hostNetwork pod is its node's address).
 */
export function peerAdmits(cluster: Cluster, peer: SimPolicyPeer, policyNamespace: string, remote: PolicyEndpoint): boolean {
  return peerMatches(indexOf(cluster), peer, policyNamespace, asSeen(cluster, remote));
}

/** Whether a pod declares a container port of that name and protocol numbered `port`. */
function namedPortIs(pod: SimPod, name: string, protocol: Protocol, port: number): boolean {
  for (const c of pod.containers) for (const p of c.ports) if (p.name === name && p.protocol === protocol && p.containerPort === port) return true;
  return false;
}

/** The numbers a pod declares under a container port name for a protocol (in container order; empty when none). */
export function namedPortNumbers(pod: SimPod, name: string, protocol: Protocol): number[] {
  const out: number[] = [];
  for (const c of pod.containers) for (const p of c.ports) if (p.name === name && p.protocol === protocol) out.push(p.containerPort);
  return out;
}

export function portMatches(entry: SimPolicyPort, port: number, protocol: Protocol, destination: PolicyEndpoint): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'number') return entry.endPort !== undefined ? port >= entry.port && port <= entry.endPort : port === entry.port;
  return 'pod' in destination && namedPortIs(destination.pod, entry.port, protocol, port);
}

function ruleMatches(index: PolicyIndex, policy: SimNetworkPolicy, rule: SimPolicyRule, remote: PolicyEndpoint, conn: { port: number; protocol: Protocol; to: PolicyEndpoint }): boolean {
  if (rule.ports.length > 0 && !rule.ports.some((p) => portMatches(p, conn.port, conn.protocol, conn.to))) return false;
  return rule.peers.length === 0 || rule.peers.some((peer) => peerMatches(index, peer, policy.namespace, remote));
}

function judgeSide(index: PolicyIndex, direction: PolicyDirection, subject: PolicyEndpoint, remote: PolicyEndpoint, conn: { port: number; protocol: Protocol; to: PolicyEndpoint }): SideVerdict {
  if (!('pod' in subject)) return { direction, allowed: true, reason: 'not-a-pod', policies: [] };
  const pod = subject.pod;
  if ('pod' in remote && remote.pod === pod) return { direction, allowed: true, reason: 'self', pod, policies: [] };
  if (!('pod' in remote) && remote.node !== undefined && remote.node === pod.nodeName) return { direction, allowed: true, reason: 'node', pod, policies: [] };
  const policies = index.isolating(pod, direction);
  if (policies.length === 0) return { direction, allowed: true, reason: 'not-isolated', pod, policies };
  for (const policy of policies) {
    for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
      if (ruleMatches(index, policy, rule, remote, conn)) return { direction, allowed: true, reason: 'rule', pod, policies, allowedBy: { policy, rule } };
    }
  }
  return { direction, allowed: false, reason: 'no-rule', pod, policies };
}

/**
 * Whether a pod's ingress side lets anyone but the pod itself and its own node connect on this port
 * (the port after kube-proxy's translation): the pod is not isolated for ingress, or some rule of the
 * policies isolating it allows the port. A rule's peers always admit somebody (selectors some pod of
 * some namespace, an ipBlock some address), so only its ports decide. Also returns the isolating
 * policies.
 */
export function ingressOpenOnPort(cluster: Cluster, pod: SimPod, port: number, protocol: Protocol): { open: boolean; policies: SimNetworkPolicy[] } {
  const policies = isolatingPolicies(cluster, pod, 'ingress');
  if (policies.length === 0) return { open: true, policies };
  const self: PolicyEndpoint = { pod };
  const open = policies.some((p) => p.ingress.some((rule) => rule.ports.length === 0 || rule.ports.some((entry) => portMatches(entry, port, protocol, self))));
  return { open, policies };
}

/** The verdict on one connection (already translated by kube-proxy when it went through a Service). */
export function judgeConnection(cluster: Cluster, conn: PolicyConnection): PolicyVerdict {
  const index = indexOf(cluster);
  const from = asSeen(cluster, conn.from);
  const to = asSeen(cluster, conn.to);
  const seen = { port: conn.port, protocol: conn.protocol, to };
  const egress = judgeSide(index, 'egress', from, to, seen);
  const ingress = judgeSide(index, 'ingress', to, from, seen);
  const verdict: PolicyVerdict = { allowed: egress.allowed && ingress.allowed, egress, ingress };
  if (!egress.allowed) verdict.deniedBy = egress;
  else if (!ingress.allowed) verdict.deniedBy = ingress;
  return verdict;
}

/** `ns/name` of each policy. */
export function policyNames(policies: readonly SimNetworkPolicy[]): string[] {
  return policies.map((p) => `${p.namespace}/${p.name}`);
}

function selectorText(selector: SimLabelSelector): string {
  if (isEmptyLabelSelector(selector)) return '{}';
  const pairs = Object.keys(selector.matchLabels)
    .sort()
    .map((k) => `${k}: ${selector.matchLabels[k]}`);
  return `{${pairs.join(', ')}${selector.matchExpressions.length > 0 ? `${pairs.length > 0 ? ', ' : ''}…` : ''}}`;
}

/** Labels that identify a pod's kind rather than the pod itself (what a policy would select on). */
function selectableLabels(pod: SimPod): Record<string, string> {
  return pod.owner ? pod.owner.templateLabels : pod.labels;
}

function peerFor(endpoint: PolicyEndpoint, policyNamespace: string): string {
  if (!('pod' in endpoint)) return `ipBlock: {cidr: ${endpoint.ip}${endpoint.ip.includes(':') ? '/128' : '/32'}}`;
  const pod = endpoint.pod;
  const podSelector = `podSelector: {matchLabels: ${selectorText({ matchLabels: selectableLabels(pod), matchExpressions: [] })}}`;
  if (pod.namespace === policyNamespace) return podSelector;
  return `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${pod.namespace}}}, ${podSelector}`;
}

function endpointText(end: PolicyEndpoint): string {
  if ('pod' in end) return `pod ${end.pod.namespace}/${end.pod.name}`;
  return end.node !== undefined ? `node ${end.node} (${end.ip})` : end.ip;
}

/**
 * For people: which policies isolate the side that drops the connection, and the rule that would
 * allow it (in the policy's own YAML terms). Undefined when the connection is allowed.
 */
export function describeDenial(cluster: Cluster, conn: PolicyConnection, verdict: PolicyVerdict): string | undefined {
  const side = verdict.deniedBy;
  if (!side || !side.pod) return undefined;
  const pod = side.pod;
  const from = asSeen(cluster, conn.from);
  const to = asSeen(cluster, conn.to);
  const remote = side.direction === 'ingress' ? from : to;
  const names = policyNames(side.policies);
  const which = names.length === 1 ? `NetworkPolicy ${names[0]} isolates` : `NetworkPolicies ${names.join(', ')} isolate`;
  const what = `${side.direction === 'ingress' ? 'from' : 'to'} ${endpointText(remote)} on ${conn.protocol} ${conn.port}`;
  const key = side.direction === 'ingress' ? 'from' : 'to';
  const port = conn.protocol === 'TCP' ? `{port: ${conn.port}}` : `{port: ${conn.port}, protocol: ${conn.protocol}}`;
  return `${which} pod ${pod.namespace}/${pod.name} for ${side.direction}, and no rule allows ${what}; an ${side.direction} rule that would: {${key}: [{${peerFor(remote, pod.namespace)}}], ports: [${port}]}`;
}
