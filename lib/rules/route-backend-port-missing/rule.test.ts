/** route-backend-port-missing: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'route-backend-port-missing';
const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080';
const route = (ref: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\nspec:\n  rules:\n  - backendRefs:\n    - name: web\n${ref}`;

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: the named targetPort’s number', ruleExample(ID).broken, (t) => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].port', line: lineOf(t, 'port: 8080'), message: ['the Service has no port 8080 (its ports: 80 (http))', '8080 is the targetPort of Service port 80: a backendRef names the Service port, use port 80'] }]],
  ['a numeric targetPort', `${svc}\n---\n${route('      port: 8080\n')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0].port', line: lineOf(t, 'port: 8080'), message: ['(its ports: 80)', 'use port 80'] }]],
  ['no port at all', `${svc}\n---\n${route('      weight: 1\n')}`, (t) => [{ rule: ID, severity: 'error', field: 'spec.rules[0].backendRefs[0]', line: lineOf(t, '- name: web'), message: ['without a port; a Service backendRef needs port, the Service port (its ports: 80)'] }]],
  ['the Service port', `${svc}\n---\n${route('      port: 80\n')}`, () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
