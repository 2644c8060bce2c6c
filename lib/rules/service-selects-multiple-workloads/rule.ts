/**
 * service-selects-multiple-workloads: one selector spanning pods of several workloads. Sometimes on
 * purpose (canaries), often a selector that is too broad (`app: shop` on every tier of the shop).
 */
import { byString } from '../../k8s/json';
import { formatSelector } from '../../k8s/labels';
import { listSome, serviceLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';
import { selectingServices } from '../support/services';

export const serviceSelectsMultipleWorkloads: Rule = {
  id: 'service-selects-multiple-workloads',
  severity: 'warning',
  title: 'Service selector matches pods of several workloads',
  explanation:
    'The selector matches pods made by two or more workloads (Deployments, StatefulSets, DaemonSets, ...). kube-proxy ' +
    'balances connections across all of them, so a request may land on a pod of a completely different application or ' +
    'version, often one that does not even listen on the target port. This is intentional for a canary that shares ' +
    'the stable version\'s labels; otherwise the selector is too broad (for example `app: shop` on every tier). Add a ' +
    'label that only the intended workload carries (such as `component` or `tier`) to both its pod template and the ' +
    'selector, or silence the rule on the Service with `lineup.dev/ignore: service-selects-multiple-workloads`.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const svc of selectingServices(cluster)) {
      // Count pods per workload; bare pods (no owner) are not workloads and do not count.
      const perWorkload = new Map<string, number>();
      for (const pod of svc.selectedPods) {
        if (!pod.owner) continue;
        const label = `${pod.owner.kind} ${pod.owner.name}`;
        perWorkload.set(label, (perWorkload.get(label) ?? 0) + 1);
      }
      if (perWorkload.size < 2) continue;
      const names = [...perWorkload.keys()].sort(byString).map((w) => `${w} (${perWorkload.get(w)} ${perWorkload.get(w) === 1 ? 'pod' : 'pods'})`);
      hits.push({
        object: svc.obj,
        field: 'spec.selector',
        message:
          `${serviceLabel(svc)} selects ${formatSelector(svc.selector)}, which matches pods of ${perWorkload.size} workloads: ${listSome(names)}; ` +
          `connections are balanced across all of them — add a label only the intended workload carries to the selector, ` +
          `or annotate the Service with lineup.dev/ignore: service-selects-multiple-workloads if this is intended (e.g. a canary)`,
      });
    }
    return hits;
  },
};
