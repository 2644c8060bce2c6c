/** route-parent-not-found: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-parent-not-found';
const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\n  namespace: infra\nspec:\n  gatewayClassName: example\n  listeners:\n  - name: http\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: All';
const route = (parent: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  parentRefs:\n${parent}\n`;

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: a sectionName no listener has', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'error', field: 'spec.parentRefs[0].sectionName', line: lineOf(t, 'sectionName: https'), message: ['HTTPRoute default/web attaches to Gateway default/public sectionName https, but the Gateway has no such listener (Accepted: False, NoMatchingParent); its listeners: http (port 80)'] }]],
  ['a Gateway in another namespace, without parentRefs[].namespace', `${gateway}\n---\n${route('  - name: public')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.parentRefs[0].name', line: lineOf(t, '- name: public'), message: ['attaches to Gateway default/public, which is not in the input', 'a Gateway of that name exists in infra/public — set parentRefs[].namespace'] }]],
  ['a port no listener has', `${gateway}\n---\n${route('  - name: public\n    namespace: infra\n    port: 8080')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.parentRefs[0].port', line: lineOf(t, 'port: 8080'), message: ['Gateway infra/public port 8080, but the Gateway has no such listener'] }]],
  ['a matching parent', `${gateway}\n---\n${route('  - name: public\n    namespace: infra\n    sectionName: http')}`, () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
