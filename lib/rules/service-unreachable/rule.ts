/**
 * service-unreachable: a Service port whose every endpoint pod is isolated for ingress with no rule
 * that allows the port the traffic arrives on (the targetPort, after kube-proxy's translation).
 * No other pod, in any namespace, and no outside address can connect; only the pods themselves
 * and their own nodes can (so outside clients only when kube-proxy gives them the address of a
 * node that runs an endpoint).
 */
import type { SimNetworkPolicy } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { ingressOpenOnPort } from '../../views/network-policy';
import { listSome, ownersOf, serviceLabel, servicePortLabel } from '../support/describe';
import { readyEndpointPods } from '../../views/endpoint-pods';
import { selectingServices } from '../support/services';
import type { Rule, RuleHit } from '../rule';

export const serviceUnreachable: Rule = {
  id: 'service-unreachable',
  severity: 'warning',
  title: 'NetworkPolicy lets nobody reach a Service port',
  explanation:
    'Connections to a Service are translated by kube-proxy to an endpoint pod and its targetPort before any ' +
    'NetworkPolicy sees them, and the endpoint pod\'s policies then decide. When every endpoint pod is isolated for ' +
    'ingress (a policy selects it, such as a namespace-wide default deny) and no ingress rule of those policies allows ' +
    'the targetPort, no other pod in any namespace and no outside address can connect: only the pods themselves and ' +
    'their own nodes, which policies always let through (an outside client through a node port only when it arrives ' +
    'at a node running an endpoint and kube-proxy masquerades it as that node). The usual causes are a default-deny policy ' +
    'without an allow policy for these pods, and an allow rule for the Service\'s `port` instead of its targetPort. ' +
    'Add an ingress rule for the targetPort (or its container port name) from the clients.',
  check({ cluster }) {
    if (cluster.networkPolicies.length === 0) return [];
    const hits: RuleHit[] = [];
    for (const svc of selectingServices(cluster)) {
      svc.ports.forEach((sp, i) => {
        const endpoints = readyEndpointPods(cluster, svc, sp);
        if (endpoints.length === 0) return;
        const isolating = new Set<SimNetworkPolicy>();
        for (const { pod, port } of endpoints) {
          const side = ingressOpenOnPort(cluster, pod, port, sp.protocol);
          if (side.open) return;
          side.policies.forEach((p) => isolating.add(p));
        }
        const policies = [...isolating].map((p) => `${p.namespace}/${p.name}`).sort(byString);
        const targets = [...new Set(endpoints.map((e) => e.port))].sort((a, b) => a - b);
        const name = typeof sp.targetPort === 'string' ? ` (or its name ${sp.targetPort})` : '';
        // From outside with externalTrafficPolicy Cluster the endpoint sees the receiving node, which policy always admits.
        const exposed = svc.type === 'NodePort' || svc.type === 'LoadBalancer' || svc.externalIPs.length > 0;
        const masqueraded = exposed && svc.externalTrafficPolicy !== 'Local';
        hits.push({
          object: svc.obj,
          field: `spec.ports[${i}]`,
          message:
            `${serviceLabel(svc)} ${servicePortLabel(sp)}: ${policies.length === 1 ? `NetworkPolicy ${policies[0]} isolates` : `NetworkPolicies ${listSome(policies)} isolate`} ` +
            `every endpoint pod (${listSome(ownersOf(endpoints.map((e) => e.pod)))}) for ingress, and no rule allows ${sp.protocol} ${targets.join(', ')}, the targetPort: ` +
            `only the pods themselves and their own nodes can connect${masqueraded ? ', and outside clients only through a node that runs an endpoint (kube-proxy gives them that node\'s address)' : ''}` +
            ` — add an ingress rule for port ${targets.join(', ')}${name} from the clients`,
        });
      });
    }
    return hits;
  },
};
