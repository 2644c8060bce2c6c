/**
 * networkpolicy-selects-no-pods: a policy whose podSelector matches nothing in its namespace
 * isolates and admits nothing — usually a label typo, or the policy applied to the wrong namespace.
 */
import { isEmptyLabelSelector, formatLabelSelector, matchesLabelSelector } from '../../k8s/labels';
import type { SimPod } from '../../cluster/model';
import type { Rule, RuleHit } from '../rule';

export const networkPolicySelectsNoPods: Rule = {
  id: 'networkpolicy-selects-no-pods',
  severity: 'warning',
  title: 'NetworkPolicy podSelector selects no pod',
  explanation:
    'A NetworkPolicy applies to the pods of its own namespace that its `spec.podSelector` matches. When no pod there ' +
    'matches, the policy does nothing at all: it isolates no pod, so whatever it meant to restrict stays open, and its ' +
    'allow rules admit nothing. The usual causes are a label that differs from the pod template (`app: web` versus ' +
    '`app.kubernetes.io/name: web`) and a policy created in another namespace than its pods (policies never select ' +
    'pods of other namespaces). Make the selector match the labels of the pods to protect, in their namespace.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    const podsByNamespace = new Map<string, SimPod[]>();
    for (const pod of cluster.pods) {
      const list = podsByNamespace.get(pod.namespace);
      if (list) list.push(pod);
      else podsByNamespace.set(pod.namespace, [pod]);
    }
    for (const policy of cluster.networkPolicies) {
      if (isEmptyLabelSelector(policy.podSelector)) continue;
      const pods = podsByNamespace.get(policy.namespace) ?? [];
      if (pods.some((p) => matchesLabelSelector(p.labels, policy.podSelector))) continue;
      hits.push({
        object: policy.obj,
        field: 'spec.podSelector',
        message:
          `NetworkPolicy ${policy.namespace}/${policy.name} selects ${formatLabelSelector(policy.podSelector)}, but no pod in namespace ${policy.namespace} has those labels` +
          `${pods.length === 0 ? ' (the namespace has no pods)' : ''}; the policy isolates nothing — match the labels of the pods to protect, in their namespace`,
      });
    }
    return hits;
  },
};
