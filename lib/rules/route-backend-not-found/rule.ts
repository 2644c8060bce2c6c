/**
 * route-backend-not-found: an HTTPRoute or GRPCRoute backendRef naming a Service that is not in its
 * namespace. The controller sets `ResolvedRefs: False` (`BackendNotFound`) and answers that
 * backend's share of the requests with HTTP 500.
 */
import { backendRefLabel, isServiceRef, routeLabel, routeBackendRefs } from '../support/gateway-api';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const routeBackendNotFound: Rule = {
  id: 'route-backend-not-found',
  severity: 'error',
  title: 'Route backendRef naming no Service',
  explanation:
    'A backendRef (`kind: Service` by default, in the route\'s namespace unless `namespace` is given) must name an ' +
    'existing Service. When it does not, the controller reports `ResolvedRefs: False` with reason `BackendNotFound` ' +
    'and every request that the rule\'s weights send to that backend gets HTTP 500 (all of them when it is the ' +
    'rule\'s only backend). Fix the name or namespace, or add the Service.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const { route, backend } of routeBackendRefs(cluster.gatewayApi)) {
      const ref = backend.ref;
      if (!isServiceRef(ref) || cluster.service(ref.namespace, ref.name)) continue;
      const names = cluster.services.filter((s) => s.namespace === ref.namespace).map((s) => s.name);
      const near = closest(ref.name, names);
      hits.push({
        object: route.obj,
        field: `${ref.field}.name`,
        message: `${routeLabel(route)} sends requests to ${backendRefLabel(ref)}, but namespace ${ref.namespace} has no Service ${ref.name} (ResolvedRefs: False, BackendNotFound): that share of the requests gets HTTP 500${near !== undefined ? `; did you mean "${near}"?` : ''}`,
      });
    }
    return hits;
  },
};
