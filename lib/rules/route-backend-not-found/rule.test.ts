/** route-backend-not-found: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-backend-not-found';
const grpc = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: echo\nspec:\n  rules:\n  - filters:\n    - type: RequestMirror\n      requestMirror:\n        backendRef:\n          name: echo-shadow\n          port: 9000\n    backendRefs:\n    - name: echo\n      port: 9000\n';

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: a misspelt Service', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].name', line: lineOf(t, '- name: wbe'), message: ['HTTPRoute default/web sends requests to Service default/wbe port 80, but namespace default has no Service wbe (ResolvedRefs: False, BackendNotFound)', 'did you mean "web"?'] }]],
  [
    'a GRPCRoute backend and its mirror backend',
    grpc,
    (t) => [
      { rule: ID, severity: 'error', field: 'spec.rules[0].filters[0].requestMirror.backendRef.name', line: lineOf(t, 'name: echo-shadow'), message: ['Service default/echo-shadow port 9000'] },
      { rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].name', line: lineOf(t, '- name: echo'), message: ['GRPCRoute default/echo sends requests to Service default/echo port 9000'] },
    ],
  ],
  ['a backend of another kind is not judged here', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  rules:\n  - backendRefs:\n    - group: example.com\n      kind: Bucket\n      name: assets\n', () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
