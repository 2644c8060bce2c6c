/**
 * route-match-shadowed: a route match that can never be chosen, because a match equal to it (same
 * hostname, path, method, headers and query parameters) on the same listener takes precedence — in
 * an older route (or one first by namespace/name), or in an earlier rule of the same route.
 */
import type { SimGrpcMatch, SimHttpMatch, SimRoute, SimStringMatch } from '../../cluster/gateway-api/model';
import { byString } from '../../k8s/json';
import { routeLabel } from '../support/gateway-api';
import type { Rule, RuleHit } from '../rule';

function stringMatchesKey(list: readonly SimStringMatch[], caseInsensitiveNames: boolean): string {
  return list
    .map((m) => `${caseInsensitiveNames ? m.name.toLowerCase() : m.name}\u0000${m.type}\u0000${m.value}`)
    .sort(byString)
    .join('\u0001');
}

function httpKey(m: SimHttpMatch): string {
  return ['H', m.path.type, m.path.value, m.method ?? '', stringMatchesKey(m.headers, true), stringMatchesKey(m.queryParams, false)].join('\u0002');
}

function grpcKey(m: SimGrpcMatch): string {
  return ['G', m.method?.type ?? '', m.method?.service ?? '', m.method?.method ?? '', stringMatchesKey(m.headers, true)].join('\u0002');
}

interface Owner {
  route: SimRoute;
  rule: number;
  field: string;
}

export const routeMatchShadowed: Rule = {
  id: 'route-match-shadowed',
  severity: 'warning',
  title: 'Route match that an equal match always wins over',
  explanation:
    'When several rules of the routes attached to one Gateway listener match a request, the Gateway API\'s ' +
    'precedence picks one: the more specific hostname, an Exact path before the longest PathPrefix, a method match, ' +
    'more header matches, more query matches — and when all of that is equal, the oldest route (by ' +
    '`creationTimestamp`, then namespace/name), then the first rule in the route. A match that is equal in every ' +
    'respect to one that wins these ties can never be chosen: its backends get no traffic. This is usually a copied ' +
    'route or a rule left behind. Remove the match, or make it differ (another path, hostname or header).',
  check({ cluster }) {
    const api = cluster.gatewayApi;
    // Per route match (route, field): how many (listener, hostname) places it is in, and the winner in each where it loses.
    const places = new Map<SimRoute, Map<string, { total: number; lost: Owner[]; written: boolean }>>();
    for (const gw of api.gateways) {
      const status = api.gatewayStatus(gw);
      for (const ls of status.listeners) {
        if (ls.conflict) continue;
        const first = new Map<string, Owner>();
        for (const { route, attachment } of api.attachedTo(gw, ls.listener)) {
          const hosts = attachment.hostnames.length > 0 ? attachment.hostnames : [''];
          let byField = places.get(route);
          if (!byField) places.set(route, (byField = new Map()));
          for (const rule of route.rules) {
            const matches: { key: string; field: string; written: boolean }[] =
              route.kind === 'HTTPRoute' ? rule.httpMatches.map((m) => ({ key: httpKey(m), field: m.field, written: m.written })) : rule.grpcMatches.map((m) => ({ key: grpcKey(m), field: m.field, written: m.written }));
            for (const m of matches) {
              let entry = byField.get(m.field);
              if (!entry) byField.set(m.field, (entry = { total: 0, lost: [], written: m.written }));
              for (const host of hosts) {
                entry.total++;
                const key = `${host}\u0003${m.key}`;
                const winner = first.get(key);
                // Equal matches within one rule are redundant, not shadowed: the rule is still chosen.
                if (winner && !(winner.route === route && winner.rule === rule.index)) entry.lost.push(winner);
                else if (!winner) first.set(key, { route, rule: rule.index, field: m.field });
              }
            }
          }
        }
      }
    }
    const hits: RuleHit[] = [];
    for (const [route, byField] of places) {
      for (const [field, entry] of byField) {
        if (entry.total === 0 || entry.lost.length < entry.total) continue;
        const w = entry.lost[0];
        const why = w.route === route ? `the earlier rule ${w.field} has an equal match` : `${routeLabel(w.route)} ${w.field} has an equal match and takes precedence (${w.route.created !== undefined && route.created !== undefined && w.route.created !== route.created ? 'older route' : 'the routes are equal in age, and it comes first by namespace/name'})`;
        hits.push({
          object: route.obj,
          field,
          message: `${routeLabel(route)} ${field}${entry.written ? '' : ' (no matches: every request)'} can never be chosen: ${why}; the backends of this match get no traffic through it — remove it or make it differ`,
        });
      }
    }
    return hits;
  },
};
