/**
 * networkpolicy-port-is-service-port: a rule that allows a Service's `port` for the pods behind
 * it — an ingress rule of a policy protecting them, or an egress rule whose peers pick them —
 * while those pods listen on another targetPort. kube-proxy translates before any policy is
 * enforced, so the rule never matches the Service's traffic.
 */
import type { SimPod, SimService, SimServicePort } from '../../cluster/model';
import { findPort } from '../../cluster/find-port';
import { isEmptyLabelSelector, matchesLabelSelector } from '../../k8s/labels';
import { peerSelectsPod } from '../../views/network-policy';
import { podOwnerLabel, serviceLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

export const networkPolicyPortIsServicePort: Rule = {
  id: 'networkpolicy-port-is-service-port',
  severity: 'warning',
  title: 'NetworkPolicy allows the Service port instead of the targetPort',
  explanation:
    'NetworkPolicies are enforced after kube-proxy has translated a connection to a Service: the destination is the ' +
    'endpoint pod and the port is the resolved targetPort, never the cluster IP and the Service `port`. A rule that ' +
    'allows `port: 80` for pods behind a Service with `port: 80, targetPort: 8080` therefore never matches that ' +
    'Service\'s traffic, and a default-deny policy drops it. The same goes for an egress rule that allows `port: 80` to ' +
    'those pods: the connection leaves for port 8080. Allow the number the pods listen on (the targetPort), or ' +
    'better its container port name, which also covers pods that number the port differently.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // Services with pods: in front of a policy's own pods (ingress), or of the pods an egress rule names.
    const selecting = cluster.services.filter((svc) => svc.obj && svc.selectedPods.length > 0);
    const servicesByNamespace = new Map<string, SimService[]>();
    for (const svc of selecting) {
      const list = servicesByNamespace.get(svc.namespace);
      if (list) list.push(svc);
      else servicesByNamespace.set(svc.namespace, [svc]);
    }
    for (const policy of cluster.networkPolicies) {
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of policy[direction]) {
          // An egress rule names the Service's pods only through a peer with a podSelector that picks them;
          // a rule to anywhere (or to whole namespaces) may mean other destinations on that port.
          const naming = direction === 'egress' ? rule.peers.filter((peer) => peer.podSelector && !isEmptyLabelSelector(peer.podSelector)) : [];
          if (direction === 'egress' && naming.length === 0) continue;
          const services = direction === 'ingress' ? (servicesByNamespace.get(policy.namespace) ?? []) : selecting;
          for (const entry of rule.ports) {
            if (typeof entry.port !== 'number' || entry.endPort !== undefined) continue;
            const number = entry.port;
            for (const svc of services) {
              for (const sp of svc.ports) {
                if (sp.port !== number || sp.protocol !== entry.protocol) continue;
                const pods =
                  direction === 'ingress'
                    ? svc.selectedPods.filter((p) => matchesLabelSelector(p.labels, policy.podSelector))
                    : svc.selectedPods.filter((p) => naming.some((peer) => peerSelectsPod(cluster, peer, policy.namespace, p)));
                const listening = pods.map((p) => ({ pod: p, target: findPort(p, sp) })).filter((x): x is { pod: SimPod; target: number } => x.target !== undefined && x.target !== number);
                if (listening.length === 0) continue;
                // The number is a port the pods really declare: the rule admits that, whatever the Service does.
                if (listening.some((x) => declaresPort(x.pod, number, sp.protocol))) continue;
                // Not a mistake when the same rule also allows what the pods listen on.
                const targets = [...new Set(listening.map((x) => x.target))].sort((a, b) => a - b);
                if (targets.every((t) => rule.ports.some((e) => e.protocol === sp.protocol && (e.port === undefined || (typeof e.port === 'number' ? t >= e.port && t <= (e.endPort ?? e.port) : false))))) continue;
                if (typeof sp.targetPort === 'string' && rule.ports.some((e) => e.port === sp.targetPort && e.protocol === sp.protocol)) continue;
                hits.push({ object: policy.obj, field: entry.field, message: message(direction, policy.namespace, policy.name, entry.field, svc, sp, listening, targets) });
              }
            }
          }
        }
      }
    }
    return hits;
  },
};

function declaresPort(pod: SimPod, number: number, protocol: string): boolean {
  return pod.containers.some((c) => c.ports.some((p) => p.containerPort === number && p.protocol === protocol));
}

function message(direction: 'ingress' | 'egress', namespace: string, name: string, field: string, svc: SimService, sp: SimServicePort, listening: { pod: SimPod }[], targets: number[]): string {
  const owners = [...new Set(listening.map((x) => podOwnerLabel(x.pod)))].sort().join(', ');
  const allow = typeof sp.targetPort === 'string' ? `allow ${targets.join(', ')} or the port name ${sp.targetPort}` : `allow ${targets.join(', ')}`;
  const what = direction === 'ingress' ? `, which is ${serviceLabel(svc)}'s port` : ` to the pods of ${serviceLabel(svc)}, and ${sp.port} is the Service's port`;
  const effect = direction === 'ingress' ? "never admits the Service's traffic" : 'never lets connections to the Service out';
  return (
    `NetworkPolicy ${namespace}/${name} allows ${sp.protocol} ${sp.port} (${field})${what}; its pods (${owners}) listen on targetPort ${targets.join(', ')}` +
    ` and policies see the translated port, so this rule ${effect} — ${allow}`
  );
}
