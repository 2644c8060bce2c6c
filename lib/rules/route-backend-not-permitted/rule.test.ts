/**
 * route-backend-not-permitted: table-driven cases. The near misses follow the conformance test
 * conformance/tests/httproute-invalid-reference-grant.yaml of kubernetes-sigs/gateway-api (every
 * field of a grant must match).
 */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-backend-not-permitted';
const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  rules:\n  - backendRefs:\n    - name: web\n      namespace: shop\n      port: 80';
const grant = (from: string, to: string, ns = 'shop') => `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: g\n  namespace: ${ns}\nspec:\n  from:\n${from}\n  to:\n${to}`;
const FROM = '  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: default';
const TO = '  - group: ""\n    kind: Service';
const denied = (t: string): Expected[] => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].namespace', line: lineOf(t, 'namespace: shop'), message: ['no ReferenceGrant in namespace shop allows HTTPRoutes from namespace default to refer to it (ResolvedRefs: False, RefNotPermitted'] }];

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: no grant', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].namespace', line: lineOf(t, 'namespace: shop', 3), message: ['HTTPRoute default/web sends requests to Service shop/web port 80 in another namespace', 'that namespace has no ReferenceGrant'] }]],
  ['a grant for every Service of the namespace', `${route}\n---\n${grant(FROM, TO)}\n`, () => []],
  ['grant in the route namespace', `${route}\n---\n${grant(FROM, TO, 'default')}\n`, denied],
  ['wrong from kind', `${route}\n---\n${grant(FROM.replace('HTTPRoute', 'GRPCRoute'), TO)}\n`, denied],
  ['wrong from namespace', `${route}\n---\n${grant(FROM.replace('default', 'other'), TO)}\n`, denied],
  ['wrong to name', `${route}\n---\n${grant(FROM, TO + '\n    name: api')}\n`, denied],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
