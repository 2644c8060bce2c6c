/**
 * gateway-class-missing: a Gateway whose `gatewayClassName` names no GatewayClass of the input. No
 * controller claims a Gateway of an unknown class: it keeps the status `Accepted: Unknown (Pending)`,
 * gets no address, and none of its routes is served.
 */
import { listSome } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

export const gatewayClassMissing: Rule = {
  id: 'gateway-class-missing',
  severity: 'warning',
  title: 'Gateway whose GatewayClass is not in the input',
  explanation:
    'A Gateway names its controller through `spec.gatewayClassName`, the name of a cluster-scoped GatewayClass. When ' +
    'no GatewayClass of that name exists, no controller reconciles the Gateway: it stays `Accepted: Unknown` with ' +
    'reason `Pending` ("Waiting for controller"), gets no address, and its routes carry no status and receive no ' +
    'traffic. The class is usually installed with the Gateway implementation, so this is a warning: check the name ' +
    'against `kubectl get gatewayclass`, or add the GatewayClass to the manifests. (When the input holds no ' +
    'GatewayClass at all, lineup assumes the class exists and simulates the Gateway anyway.)',
  check({ cluster }) {
    const api = cluster.gatewayApi;
    const hits: RuleHit[] = [];
    const names = api.classes.map((c) => c.name);
    for (const gw of api.gateways) {
      if (names.includes(gw.className)) continue;
      const known = names.length > 0 ? `the input's GatewayClasses: ${listSome(names)}` : 'the input has no GatewayClass';
      hits.push({
        object: gw.obj,
        field: 'spec.gatewayClassName',
        message: `Gateway ${gw.namespace}/${gw.name} names GatewayClass "${gw.className}", which is not in the input (${known}); no controller reconciles a Gateway of a class that does not exist — fix the name or add the GatewayClass`,
      });
    }
    return hits;
  },
};
