/**
 * networkpolicy-peer-selects-nothing: a `from`/`to` peer whose selectors match no pod (or no
 * namespace) of the input. The peer admits nobody — usually a label typo, a podSelector meant for
 * another namespace, or a namespace selected by a label it does not carry.
 */
import { NAMESPACE_NAME_LABEL } from '../../cluster/build';
import type { Cluster, SimLabelSelector, SimNetworkPolicy, SimPod, SimPolicyPeer } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { formatLabelSelector, isEmptyLabelSelector, matchesLabelSelector } from '../../k8s/labels';
import { ingressController } from '../../views/ingress-controllers';
import { peerSelectsPod } from '../../views/network-policy';
import { listSome, ownersOf } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

/** Pods and namespaces as policy selectors see them: the input's, plus the ingress controllers' (or their stand-ins). */
class Population {
  readonly namespaces: string[];
  private readonly podsByNamespace = new Map<string, SimPod[]>();

  constructor(private readonly cluster: Cluster) {
    const namespaces = new Set(cluster.namespaces);
    const add = (pod: SimPod): void => {
      const list = this.podsByNamespace.get(pod.namespace);
      if (list) list.push(pod);
      else this.podsByNamespace.set(pod.namespace, [pod]);
    };
    cluster.pods.forEach(add);
    for (const settings of cluster.settings.ingressControllers) {
      const controller = ingressController(cluster, settings.class);
      for (const pod of controller?.standIn ? controller.pods : []) {
        namespaces.add(pod.namespace);
        add(pod);
      }
    }
    this.namespaces = [...namespaces].sort(byString);
  }

  labelsOf(namespace: string): Record<string, string> {
    return this.cluster.namespace(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace };
  }

  pods(namespace: string): SimPod[] {
    return this.podsByNamespace.get(namespace) ?? [];
  }

  private readonly holding = new Map<string, string[]>();

  /** The namespaces with a pod of the pod network that carries these labels (once per distinct selector). */
  namespacesHolding(selector: SimLabelSelector): string[] {
    const key = JSON.stringify([selector.matchLabels, selector.matchExpressions]);
    let found = this.holding.get(key);
    if (!found) {
      found = this.namespaces.filter((ns) => this.pods(ns).some((pod) => !pod.hostNetwork && matchesLabelSelector(pod.labels, selector)));
      this.holding.set(key, found);
    }
    return found;
  }
}

function selects(selector: SimLabelSelector): string {
  return formatLabelSelector(selector);
}

function check(population: Population, cluster: Cluster, policy: SimNetworkPolicy, peer: SimPolicyPeer, direction: 'ingress' | 'egress'): string | undefined {
  if (peer.ipBlock) return undefined;
  const who = direction === 'ingress' ? 'no source' : 'no destination';
  const head = `NetworkPolicy ${policy.namespace}/${policy.name}: the peer ${peer.field}`;
  let namespaces = [policy.namespace];
  if (peer.namespaceSelector) {
    const selector = peer.namespaceSelector;
    namespaces = population.namespaces.filter((ns) => matchesLabelSelector(population.labelsOf(ns), selector));
    if (namespaces.length === 0) {
      // Namespaces carry their name under one label only; `name: monitoring` is a common slip.
      const named = Object.keys(selector.matchLabels).find((k) => k !== NAMESPACE_NAME_LABEL && population.namespaces.includes(selector.matchLabels[k]));
      const hint = named
        ? `namespace ${selector.matchLabels[named]} exists but has no label ${named}=${selector.matchLabels[named]}; select it by {${NAMESPACE_NAME_LABEL}: ${selector.matchLabels[named]}}, the label every namespace carries with its name`
        : `label the namespace to admit, or select it by ${NAMESPACE_NAME_LABEL}, the label every namespace carries with its name`;
      return `${head} selects namespaces ${selects(selector)}, but no namespace has those labels, so the peer matches ${who} — ${hint}`;
    }
  }
  const podSelector = peer.podSelector;
  if (!podSelector || isEmptyLabelSelector(podSelector)) return undefined;
  const candidates = namespaces.flatMap((ns) => population.pods(ns));
  if (candidates.some((pod) => peerSelectsPod(cluster, peer, policy.namespace, pod))) return undefined;
  const where = peer.namespaceSelector ? `in namespaces ${listSome(namespaces)} (namespaceSelector ${selects(peer.namespaceSelector)})` : `in namespace ${policy.namespace}`;
  const hostNetwork = candidates.filter((pod) => pod.hostNetwork && matchesLabelSelector(pod.labels, podSelector));
  if (hostNetwork.length > 0) {
    return `${head} selects pods ${selects(podSelector)} ${where}, but those pods (${listSome(ownersOf(hostNetwork))}) use the host network, and policies see them as their node's address, never by selector, so the peer matches ${who} — admit the nodes' addresses with an ipBlock`;
  }
  let hint = 'match the labels of the pods meant';
  if (!peer.namespaceSelector) {
    // The classic slip: the pods run in another namespace, and a podSelector alone stays in the policy's.
    const elsewhere = population.namespacesHolding(podSelector).filter((ns) => ns !== policy.namespace);
    if (elsewhere.length > 0) {
      hint = `pods with those labels run in namespace ${listSome(elsewhere)}, and a podSelector alone selects pods of the policy's own namespace: add namespaceSelector {matchLabels: {${NAMESPACE_NAME_LABEL}: ${elsewhere[0]}}} to the same peer`;
    }
  }
  return `${head} selects pods ${selects(podSelector)} ${where}, but no pod there has those labels, so the peer matches ${who} — ${hint}`;
}

export const networkPolicyPeerSelectsNothing: Rule = {
  id: 'networkpolicy-peer-selects-nothing',
  severity: 'warning',
  title: 'NetworkPolicy peer selects no pod or namespace',
  explanation:
    'A `from` (ingress) or `to` (egress) peer names the pods a rule admits: a `podSelector` alone selects pods of the ' +
    'policy\'s own namespace, a `namespaceSelector` alone every pod of the namespaces it matches, both together the ' +
    'matching pods of those namespaces. A peer whose selectors match no pod of the input (or whose namespaceSelector ' +
    'matches no namespace) admits nobody, so the traffic it was written for stays denied. The usual causes are a label ' +
    'that differs from the pod template, a podSelector for pods of another namespace without a namespaceSelector, a ' +
    'namespace selected by a label it does not carry (every namespace carries its name as ' +
    '`kubernetes.io/metadata.name`; other labels must be set on the Namespace), and pods on the host network, which ' +
    'policies see only as their node\'s address. Ingress controllers count as pods of their namespace (a stand-in when ' +
    'the input has none). Fix the selector, or remove the peer.',
  check({ cluster }) {
    if (cluster.networkPolicies.length === 0) return [];
    const population = new Population(cluster);
    const hits: RuleHit[] = [];
    for (const policy of cluster.networkPolicies) {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of policy[direction]) {
          for (const peer of rule.peers) {
            const message = check(population, cluster, policy, peer, direction);
            if (message) hits.push({ object: policy.obj, field: peer.field, message });
          }
        }
      }
    }
    return hits;
  },
};
