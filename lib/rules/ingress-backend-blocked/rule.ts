/**
 * ingress-backend-blocked: an Ingress or route backend whose endpoint pods NetworkPolicy closes to
 * the proxy that serves it. An ingress controller (or a Gateway's data plane) proxies: the backend
 * sees a new connection from the controller's pods, so the backend pods' ingress rules must admit
 * those pods on the targetPort, and the controller's own egress rules must let them out.
 */
import type { Cluster, SimService, SimServicePort } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { judgeProxyToService, type ProxyVerdict } from '../../views/endpoint-pods';
import { ingressController, type IngressController } from '../../views/ingress-controllers';
import { describeDenial } from '../../views/network-policy';
import { listSome, ownersOf, serviceLabel, servicePortLabel } from '../support/describe';
import { isServiceRef, routeLabel } from '../support/gateway-api';
import { ingressRoutes } from '../support/ingress-backends';
import type { Rule, RuleHit } from '../rule';

function message(cluster: Cluster, what: string, proxy: string, service: SimService, port: SimServicePort, b: ProxyVerdict): string {
  const pods = b.denied.length === b.total ? `every endpoint pod (${listSome(ownersOf(b.denied))})` : `${b.denied.length} of its ${b.total} endpoint pods (${listSome(b.denied.map((p) => p.name).sort(byString))})`;
  const share = b.denied.length === b.total ? 'its requests time out' : 'the requests sent to those pods time out';
  return `${what} to ${serviceLabel(service)} ${servicePortLabel(port)}, but NetworkPolicy denies ${proxy} connecting to ${pods}, so ${share}: ${describeDenial(cluster, b.first!.conn, b.first!.verdict)}`;
}

function proxyText(controller: IngressController, via: string): string {
  const pods = controller.standIn ? `its stand-in pod ${controller.pods[0].namespace}/${controller.pods[0].name}` : `pods ${listSome(controller.pods.map((p) => `${p.namespace}/${p.name}`))}`;
  return `${via} (${pods})`;
}

export const ingressBackendBlocked: Rule = {
  id: 'ingress-backend-blocked',
  severity: 'error',
  title: 'NetworkPolicy blocks the ingress controller from a backend',
  explanation:
    'An ingress controller, like a Gateway\'s data plane, is a proxy running as pods: for each request it opens a new ' +
    'connection from one of its pods to the backend Service, which kube-proxy translates to an endpoint pod and its ' +
    'targetPort. NetworkPolicy judges that connection like any other: the endpoint pod\'s ingress rules must admit the ' +
    'controller\'s pods on the targetPort (and the controller\'s egress rules, if any, must let it out). The original ' +
    'client\'s address is not what the backend sees. When policy denies it, the route is configured but its requests ' +
    'time out at the controller. The controller\'s pods are those of the cluster settings `ingressControllers` for the ' +
    'Ingress\'s class or the Gateway\'s GatewayClass (by default namespace `ingress-nginx`, labels ' +
    '`app.kubernetes.io/name: ingress-nginx`; a stand-in pod when the input has none). Add an ingress rule that ' +
    'admits them: a peer with a namespaceSelector for the controller\'s namespace and a podSelector for its pods, on ' +
    'the targetPort or its name.',
  check({ cluster }) {
    if (cluster.networkPolicies.length === 0) return [];
    const hits: RuleHit[] = [];
    for (const ing of cluster.ingresses) {
      if (!ing.served) continue;
      const controller = ingressController(cluster, ing.className);
      if (!controller) continue;
      for (const r of ingressRoutes(ing)) {
        const b = r.backend;
        if (b.serviceName === undefined) continue;
        const service = cluster.service(ing.namespace, b.serviceName);
        const port = service?.ports.find((p) => (b.portName !== undefined ? p.name === b.portName : p.port === b.portNumber));
        if (!service || !port || service.type === 'ExternalName') continue;
        const found = judgeProxyToService(cluster, controller, service, port);
        if (found.denied.length === 0) continue;
        const what = `Ingress ${ing.namespace}/${ing.name} routes ${r.route}`;
        hits.push({ object: ing.obj, field: b.field, message: message(cluster, what, proxyText(controller, `the ingress controller of class ${controller.settings.class}`), service, port, found) });
      }
    }
    const api = cluster.gatewayApi;
    for (const route of api.routes) {
      // The Gateways that accepted the route, each proxied by its class's controller pods.
      const gateways = [...new Set(api.routeParents(route).filter((s) => s.accepted.status === 'True').map((s) => s.gateway))];
      for (const gateway of gateways) {
        const controller = ingressController(cluster, gateway.className);
        if (!controller) continue;
        for (const resolution of api.routeBackends(route)) {
          const { service, port } = resolution;
          if (resolution.problem || !isServiceRef(resolution.ref) || !service || !port || service.type === 'ExternalName') continue;
          const found = judgeProxyToService(cluster, controller, service, port);
          if (found.denied.length === 0) continue;
          const what = `${routeLabel(route)} (on Gateway ${gateway.namespace}/${gateway.name}) sends requests`;
          hits.push({ object: route.obj, field: resolution.ref.field, message: message(cluster, what, proxyText(controller, `the Gateway's data plane of class ${gateway.className}`), service, port, found) });
        }
      }
    }
    return hits;
  },
};
