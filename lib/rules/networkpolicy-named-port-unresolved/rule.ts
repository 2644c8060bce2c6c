/**
 * networkpolicy-named-port-unresolved: a rule names a container port that none of the pods it
 * applies to declares with that protocol. A named port is looked up in the destination pod of each
 * connection (for ingress rules the pods the policy protects, for egress rules the pods connected
 * to); a pod without the name is never matched, so the rule admits nothing on that entry.
 */
import type { Cluster, Protocol, SimNetworkPolicy, SimPod, SimPolicyRule } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { matchesLabelSelector } from '../../k8s/labels';
import { namedPortNumbers, peerAdmits } from '../../views/network-policy';
import { listSome, ownersOf } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

/** The pods a rule's named ports are looked up in (pods of the pod network only: an address has no port names). */
function destinations(cluster: Cluster, policy: SimNetworkPolicy, rule: SimPolicyRule, direction: 'ingress' | 'egress', podNetwork: PodNetwork): SimPod[] {
  const own = podNetwork.byNamespace.get(policy.namespace) ?? [];
  if (direction === 'ingress') return own.filter((pod) => matchesLabelSelector(pod.labels, policy.podSelector));
  if (rule.peers.length === 0) return podNetwork.all;
  // A podSelector alone stays in the policy's namespace; other peers may match any pod.
  const candidates = rule.peers.every((peer) => !peer.namespaceSelector && !peer.ipBlock) ? own : podNetwork.all;
  return candidates.filter((pod) => rule.peers.some((peer) => peerAdmits(cluster, peer, policy.namespace, { pod })));
}

interface PodNetwork {
  all: SimPod[];
  byNamespace: Map<string, SimPod[]>;
}

/** Protocols other than `protocol` under which some of the pods declare the name (a likely slip). */
function otherProtocols(pods: SimPod[], name: string, protocol: Protocol): Protocol[] {
  const found = new Set<Protocol>();
  for (const pod of pods) for (const c of pod.containers) for (const p of c.ports) if (p.name === name && p.protocol !== protocol) found.add(p.protocol);
  return [...found].sort(byString);
}

export const networkPolicyNamedPortUnresolved: Rule = {
  id: 'networkpolicy-named-port-unresolved',
  severity: 'warning',
  title: 'NetworkPolicy names a port no pod declares',
  explanation:
    'A rule may name a port (`port: http`) instead of numbering it. The name is looked up in the destination pod of ' +
    'each connection — for an ingress rule the pods the policy protects, for an egress rule the pods being connected ' +
    'to — among its containers\' `ports` with that `name` and the entry\'s `protocol` (TCP when omitted). A pod that ' +
    'does not declare the name is simply not matched, and an address outside the pod network never is. When none of ' +
    'the pods the rule applies to declares the name, the entry admits nothing. Use a name the pods declare (with the ' +
    'same protocol), declare it in the pod template, or write the number.',
  check({ cluster }) {
    if (cluster.networkPolicies.length === 0) return [];
    const podNetwork: PodNetwork = { all: cluster.pods.filter((pod) => !pod.hostNetwork), byNamespace: new Map() };
    for (const pod of podNetwork.all) {
      const list = podNetwork.byNamespace.get(pod.namespace);
      if (list) list.push(pod);
      else podNetwork.byNamespace.set(pod.namespace, [pod]);
    }
    const hits: RuleHit[] = [];
    for (const policy of cluster.networkPolicies) {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of policy[direction]) {
          const named = rule.ports.filter((entry) => typeof entry.port === 'string');
          if (named.length === 0) continue;
          const pods = destinations(cluster, policy, rule, direction, podNetwork);
          // No pod at all: the policy or the peers select nothing, which their own rules report.
          if (pods.length === 0) continue;
          for (const entry of named) {
            const name = entry.port as string;
            if (pods.some((pod) => namedPortNumbers(pod, name, entry.protocol).length > 0)) continue;
            const whose = direction === 'ingress' ? `the pods it protects (${listSome(ownersOf(pods))})` : `the pods the rule allows connecting to (${listSome(ownersOf(pods))})`;
            const others = otherProtocols(pods, name, entry.protocol);
            const hint = others.length > 0 ? `they declare ${name} as ${others.join(', ')}: set protocol: ${others[0]} on the entry` : `declare the port name in the pod template, or use the port number`;
            hits.push({
              object: policy.obj,
              field: entry.field,
              message: `NetworkPolicy ${policy.namespace}/${policy.name} allows port ${name}/${entry.protocol} (${entry.field}), but none of ${whose} declares a container port named ${name} with protocol ${entry.protocol}, so the entry admits nothing — ${hint}`,
            });
          }
        }
      }
    }
    return hits;
  },
};
