/**
 * networkpolicy-port-is-service-port: an ingress rule that allows a Service's `port` for the pods
 * behind it, while those pods listen on another targetPort. kube-proxy translates before any
 * policy is enforced, so the rule never matches the Service's traffic.
 */
import type { SimPod, SimService, SimServicePort } from '../../cluster/model';
import { findPort } from '../../cluster/find-port';
import { matchesLabelSelector } from '../../k8s/labels';
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
    'Service\'s traffic, and a default-deny policy drops it. Allow the number the pods listen on (the targetPort), or ' +
    'better its container port name, which also covers pods that number the port differently.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // Services by namespace, to find those in front of a policy's pods.
    const servicesByNamespace = new Map<string, SimService[]>();
    for (const svc of cluster.services) {
      if (!svc.obj || svc.selectedPods.length === 0) continue;
      const list = servicesByNamespace.get(svc.namespace);
      if (list) list.push(svc);
      else servicesByNamespace.set(svc.namespace, [svc]);
    }
    for (const policy of cluster.networkPolicies) {
      const services = servicesByNamespace.get(policy.namespace);
      if (!services || policy.ingress.length === 0) continue;
      for (const rule of policy.ingress) {
        for (const entry of rule.ports) {
          if (typeof entry.port !== 'number' || entry.endPort !== undefined) continue;
          const number = entry.port;
          for (const svc of services) {
            for (const sp of svc.ports) {
              if (sp.port !== number || sp.protocol !== entry.protocol) continue;
              const protectedPods = svc.selectedPods.filter((p) => matchesLabelSelector(p.labels, policy.podSelector));
              const listening = protectedPods.map((p) => ({ pod: p, target: findPort(p, sp) })).filter((x): x is { pod: SimPod; target: number } => x.target !== undefined && x.target !== number);
              if (listening.length === 0) continue;
              // Not a mistake when the same rule also allows what the pods listen on.
              const targets = [...new Set(listening.map((x) => x.target))].sort((a, b) => a - b);
              if (targets.every((t) => rule.ports.some((e) => e.protocol === sp.protocol && (e.port === undefined || (typeof e.port === 'number' ? t >= e.port && t <= (e.endPort ?? e.port) : false))))) continue;
              if (typeof sp.targetPort === 'string' && rule.ports.some((e) => e.port === sp.targetPort && e.protocol === sp.protocol)) continue;
              hits.push({ object: policy.obj, field: entry.field, message: message(policy.namespace, policy.name, entry.field, svc, sp, listening, targets) });
            }
          }
        }
      }
    }
    return hits;
  },
};

function message(namespace: string, name: string, field: string, svc: SimService, sp: SimServicePort, listening: { pod: SimPod }[], targets: number[]): string {
  const owners = [...new Set(listening.map((x) => podOwnerLabel(x.pod)))].sort().join(', ');
  const allow = typeof sp.targetPort === 'string' ? `allow ${targets.join(', ')} or the port name ${sp.targetPort}` : `allow ${targets.join(', ')}`;
  return (
    `NetworkPolicy ${namespace}/${name} allows ${sp.protocol} ${sp.port} (${field}), which is ${serviceLabel(svc)}'s port; its pods (${owners}) listen on targetPort ${targets.join(', ')}` +
    ` and policies see the translated port, so this rule never admits the Service's traffic — ${allow}`
  );
}
