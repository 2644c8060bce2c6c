/** route-not-accepted: table-driven cases (Accepted reasons of apis/v1/shared_types.go), each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-not-accepted';
const gateway = (listener: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n${listener}`;
const route = (extra: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n${extra}  parentRefs:\n  - name: public\n`;

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: a route from another namespace on a from: Same listener', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'error', field: 'spec.parentRefs[0]', line: lineOf(t, '- name: public'), message: ['HTTPRoute default/web is not accepted by Gateway infra/public (Accepted: False, NotAllowedByListeners): listener http allows routes from namespace infra only, not default'] }]],
  ['no hostname intersection', `${gateway('    hostname: shop.example.com')}\n---\n${route('  hostnames:\n  - blog.example.com\n')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.hostnames', line: lineOf(t, 'hostnames:') + 1, message: ['(Accepted: False, NoMatchingListenerHostname)', 'use a hostname the listener serves'] }]],
  ['a wildcard listener covers the route hostname', `${gateway('    hostname: "*.example.com"')}\n---\n${route('  hostnames:\n  - shop.eu.example.com\n')}`, () => []],
  ['kinds that leave out HTTPRoute', `${gateway('    allowedRoutes:\n      kinds:\n      - kind: GRPCRoute')}\n---\n${route('')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.parentRefs[0]', line: lineOf(t, '- name: public'), message: ['listener http does not allow kind HTTPRoute (it allows GRPCRoute)'] }]],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
