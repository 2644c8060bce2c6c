/**
 * route-match-shadowed: table-driven cases. Precedence as HTTPRouteRule of apis/v1/httproute_types.go
 * states it (and the conformance test httproute-matching-across-routes): ties go to the oldest
 * route, then namespace/name, then the first rule.
 */
import { check, docs, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-match-shadowed';
const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP';
const route = (name: string, body: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: ${name}\nspec:\n  parentRefs:\n  - name: public\n${body}`;

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: a newer route with the same match', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'warning', field: 'spec.rules[0].matches[0]', line: lineOf(t, '- path:', 2), message: ['HTTPRoute default/shop-v2 spec.rules[0].matches[0] can never be chosen: HTTPRoute default/shop spec.rules[0].matches[0] has an equal match and takes precedence (older route)'] }]],
  [
    'an earlier rule of the same route',
    docs(gateway, route('web', '  rules:\n  - matches:\n    - path:\n        value: /api\n  - matches:\n    - path:\n        type: PathPrefix\n        value: /api\n')),
    (t) => [{ rule: ID, severity: 'warning', field: 'spec.rules[1].matches[0]', line: lineOf(t, '- path:', 2), message: ['can never be chosen: the earlier rule spec.rules[0].matches[0] has an equal match'] }],
  ],
  ['different hostnames are different matches', docs(gateway, route('a', '  hostnames:\n  - a.example.com\n'), route('b', '  hostnames:\n  - b.example.com\n')), () => []],
  ['a header makes the newer match more specific', docs(gateway, route('a', ''), route('b', '  rules:\n  - matches:\n    - headers:\n      - name: x-canary\n        value: "1"\n')), () => []],
  ['two routes without rules: the one second by name never gets a request', docs(gateway, route('a', ''), route('b', '')), (t) => [{ rule: ID, severity: 'warning', field: 'spec.rules[0]', line: lineOf(t, 'name: b') + 1, message: ['HTTPRoute default/b spec.rules[0] (no matches: every request) can never be chosen: HTTPRoute default/a spec.rules[0] has an equal match and takes precedence (the routes are equal in age, and it comes first by namespace/name)'] }]],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
