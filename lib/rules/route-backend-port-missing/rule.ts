/**
 * route-backend-port-missing: a Service backendRef without `port`, or with a port the Service does
 * not have — often the container's targetPort, which Gateway implementations do not translate.
 */
import { backendRefLabel, isServiceRef, routeLabel, routeBackendRefs } from '../support/gateway-api';
import type { Rule, RuleHit } from '../rule';

export const routeBackendPortMissing: Rule = {
  id: 'route-backend-port-missing',
  severity: 'error',
  title: 'Route backendRef port that the Service does not have',
  explanation:
    'A Service backendRef must give `port`, and it is the Service\'s `port` — not its `targetPort`, the number the ' +
    'container listens on, and not a port name (the field is a number). The Gateway sends the request to that ' +
    'Service port, and kube-proxy translates it to the targetPort. Without `port` the CRD rejects the route; with a ' +
    'port the Service does not expose the backend cannot be resolved and its share of the requests fails (HTTP 500). ' +
    'Several implementations do not check this themselves. Use one of the Service\'s port numbers; the finding ' +
    'points out when the number given is a targetPort.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const { route, backend } of routeBackendRefs(cluster.gatewayApi)) {
      const ref = backend.ref;
      if (!isServiceRef(ref)) continue;
      const svc = cluster.service(ref.namespace, ref.name);
      if (!svc) continue;
      const ports = svc.ports.map((p) => (p.name ? `${p.port} (${p.name})` : String(p.port))).join(', ') || 'none';
      if (ref.port === undefined) {
        hits.push({ object: route.obj, field: ref.field, message: `${routeLabel(route)} sends requests to Service ${ref.namespace}/${ref.name} without a port; a Service backendRef needs port, the Service port (its ports: ${ports})` });
        continue;
      }
      if (svc.ports.some((p) => p.port === ref.port)) continue;
      const byTarget = svc.ports.find((p) => p.targetPort === ref.port || (typeof p.targetPort === 'string' && svc.selectedPods.some((pod) => pod.containers.some((c) => c.ports.some((cp) => cp.name === p.targetPort && cp.containerPort === ref.port)))));
      const hint = byTarget ? `${ref.port} is the targetPort of Service port ${byTarget.port}: a backendRef names the Service port, use port ${byTarget.port}` : `use one of the Service's ports`;
      hits.push({
        object: route.obj,
        field: `${ref.field}.port`,
        message: `${routeLabel(route)} sends requests to ${backendRefLabel(ref)}, but the Service has no port ${ref.port} (its ports: ${ports}), so that backend cannot be resolved and its share of the requests gets HTTP 500; ${hint}`,
      });
    }
    return hits;
  },
};
