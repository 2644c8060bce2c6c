/**
 * route-backend-not-permitted: a backendRef to another namespace that no ReferenceGrant there
 * allows. The controller sets `ResolvedRefs: False` (`RefNotPermitted`) and answers that share with
 * HTTP 500.
 */
import { backendRefLabel, routeLabel, routeBackendRefs } from '../support/gateway-api';
import type { Rule, RuleHit } from '../rule';

export const routeBackendNotPermitted: Rule = {
  id: 'route-backend-not-permitted',
  severity: 'error',
  title: 'Cross-namespace backendRef without a ReferenceGrant',
  explanation:
    'A route may send requests to a Service in another namespace only when that namespace agrees: a ReferenceGrant ' +
    'there must list the route in `spec.from` (group `gateway.networking.k8s.io`, kind `HTTPRoute` or `GRPCRoute`, ' +
    'and the route\'s namespace) and the Service in `spec.to` (group `""`, kind `Service`, and optionally its name). ' +
    'Every field must match. Without such a grant the controller reports `ResolvedRefs: False` with reason ' +
    '`RefNotPermitted` and that backend\'s share of the requests gets HTTP 500. Add the ReferenceGrant in the ' +
    'Service\'s namespace, or move the route.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const { route, backend } of routeBackendRefs(cluster.gatewayApi)) {
      if (backend.problem?.reason !== 'RefNotPermitted') continue;
      const ref = backend.ref;
      const grants = cluster.gatewayApi.referenceGrants.filter((g) => g.namespace === ref.namespace).map((g) => g.name);
      hits.push({
        object: route.obj,
        field: `${ref.field}.namespace`,
        message: `${routeLabel(route)} sends requests to ${backendRefLabel(ref)} in another namespace, but no ReferenceGrant in namespace ${ref.namespace} allows ${route.kind}s from namespace ${route.namespace} to refer to it (ResolvedRefs: False, RefNotPermitted; ${grants.length > 0 ? `grants there: ${grants.join(', ')}` : 'that namespace has no ReferenceGrant'}); that share of the requests gets HTTP 500`,
      });
    }
    return hits;
  },
};
