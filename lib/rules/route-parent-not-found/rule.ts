/**
 * route-parent-not-found: a parentRef to a Gateway that is not in the input, or to a listener
 * (sectionName, port) the Gateway does not have.
 */
import { parentLabel, routeLabel } from '../support/gateway-api';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';
import { GATEWAY_GROUP } from '../../cluster/gateway-api/model';

export const routeParentNotFound: Rule = {
  id: 'route-parent-not-found',
  severity: 'error',
  title: 'Route parentRef naming no Gateway or no listener',
  explanation:
    'A route attaches to the Gateways its `spec.parentRefs` name (`namespace` defaults to the route\'s own), ' +
    'optionally to one listener by `sectionName` (the listener\'s `name`) or by `port`. A parentRef to a Gateway that ' +
    'does not exist attaches to nothing (no controller writes status for it), and one whose `sectionName` or `port` ' +
    'matches no listener gets `Accepted: False` with reason `NoMatchingParent`. Either way the route receives no ' +
    'traffic through that parent. Fix the Gateway\'s name and namespace, or the listener name or port.',
  check({ cluster }) {
    const api = cluster.gatewayApi;
    const hits: RuleHit[] = [];
    for (const route of api.routes) {
      const statuses = api.routeParents(route);
      for (const ref of route.parentRefs) {
        if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') continue;
        const gw = api.gateway(ref.namespace, ref.name);
        if (!gw) {
          const names = api.gateways.filter((g) => g.namespace === ref.namespace).map((g) => g.name);
          const near = closest(ref.name, names);
          const elsewhere = api.gateways.filter((g) => g.name === ref.name).map((g) => `${g.namespace}/${g.name}`);
          const hint = near !== undefined ? `did you mean "${near}"?` : elsewhere.length > 0 ? `a Gateway of that name exists in ${elsewhere.join(', ')} — set parentRefs[].namespace` : `Gateways in namespace ${ref.namespace}: ${names.join(', ') || 'none'}`;
          hits.push({ object: route.obj, field: `${ref.field}.name`, message: `${routeLabel(route)} attaches to ${parentLabel(ref)}, which is not in the input, so the route gets no traffic through it; ${hint}` });
          continue;
        }
        const status = statuses.find((s) => s.ref === ref);
        if (!status || status.accepted.reason !== 'NoMatchingParent') continue;
        const listeners = gw.listeners.map((l) => `${l.name} (port ${l.port})`).join(', ') || 'none';
        const field = ref.sectionName !== undefined ? `${ref.field}.sectionName` : `${ref.field}.port`;
        hits.push({
          object: route.obj,
          field,
          message: `${routeLabel(route)} attaches to ${parentLabel(ref)}, but the Gateway has no such listener (Accepted: False, NoMatchingParent); its listeners: ${listeners}`,
        });
      }
    }
    return hits;
  },
};
