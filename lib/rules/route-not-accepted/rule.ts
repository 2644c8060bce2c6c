/**
 * route-not-accepted: the Gateway a route names exists, but none of its listeners accepts the route
 * (namespaces, route kinds or hostnames), so the controller writes `Accepted: False`.
 */
import { parentLabel, routeLabel } from '../support/gateway-api';
import type { Rule, RuleHit } from '../rule';

export const routeNotAccepted: Rule = {
  id: 'route-not-accepted',
  severity: 'error',
  title: 'Route that no listener of its Gateway accepts',
  explanation:
    'A listener accepts a route only when three things agree: the route\'s namespace is allowed by ' +
    '`allowedRoutes.namespaces.from` (`Same` — the default — means the Gateway\'s own namespace; `All`; or ' +
    '`Selector`, matched against the Namespace\'s labels), the route\'s kind is among `allowedRoutes.kinds` (by ' +
    'default HTTPRoute and GRPCRoute for HTTP and HTTPS listeners), and the route\'s `hostnames` intersect the ' +
    'listener\'s `hostname` (`*.example.com` covers one or more labels, never `example.com` itself). When no listener ' +
    'of the parent accepts it, the controller sets `Accepted: False` with reason `NotAllowedByListeners` or ' +
    '`NoMatchingListenerHostname` and the route receives no traffic. A ReferenceGrant does not help here: only the ' +
    'listener\'s `allowedRoutes` admits routes from other namespaces.',
  check({ cluster }) {
    const api = cluster.gatewayApi;
    const hits: RuleHit[] = [];
    for (const route of api.routes) {
      for (const status of api.routeParents(route)) {
        const reason = status.accepted.reason;
        if (status.accepted.status !== 'False' || (reason !== 'NotAllowedByListeners' && reason !== 'NoMatchingListenerHostname')) continue;
        const field = reason === 'NoMatchingListenerHostname' && route.hostnames.length > 0 ? 'spec.hostnames' : status.ref.field;
        const fix = reason === 'NoMatchingListenerHostname' ? 'use a hostname the listener serves' : "allow the route in the listener's allowedRoutes, or attach it to a listener that allows it";
        hits.push({
          object: route.obj,
          field,
          message: `${routeLabel(route)} is not accepted by ${parentLabel(status.ref)} (Accepted: False, ${reason}): ${status.accepted.message}; ${fix}`,
        });
      }
    }
    return hits;
  },
};
