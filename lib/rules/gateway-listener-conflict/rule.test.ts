/** gateway-listener-conflict: table-driven cases (gateway_types.go "Distinct Listeners"), each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'gateway-listener-conflict';
const gateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n${listeners}\n`;

const cases: [string, string, (t: string) => Expected[]][] = [
  [
    'the example: HTTP and TCP on port 80 (ProtocolConflict)',
    ruleExample(ID).broken,
    (t) => [
      { rule: ID, severity: 'warning', field: 'spec.listeners[0]', line: lineOf(t, 'listeners:') + 1, message: ['listener http is Conflicted (ProtocolConflict): port 80 is also used with an incompatible protocol by tcp (TCP)'] },
      { rule: ID, severity: 'warning', field: 'spec.listeners[1]', line: lineOf(t, '- name: tcp'), message: ['listener tcp is Conflicted (ProtocolConflict): port 80 is also used with an incompatible protocol by http (HTTP shop.example.com)'] },
    ],
  ],
  [
    'two HTTP listeners without hostname on one port (HostnameConflict)',
    gateway('  - name: a\n    port: 8080\n    protocol: HTTP\n  - name: b\n    port: 8080\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: All'),
    (t) => [
      { rule: ID, severity: 'warning', field: 'spec.listeners[0]', line: lineOf(t, '- name: a'), message: ['listener a is Conflicted (HostnameConflict): b (HTTP) has the same port 8080, protocol HTTP and hostname (none)'] },
      { rule: ID, severity: 'warning', field: 'spec.listeners[1]', line: lineOf(t, '- name: b'), message: ['listener b is Conflicted (HostnameConflict)'] },
    ],
  ],
  ['HTTP listeners told apart by hostname, HTTPS on another port', gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    hostname: a.example.com\n  - name: b\n    port: 80\n    protocol: HTTP\n    hostname: b.example.com\n  - name: c\n    port: 443\n    protocol: HTTPS\n    tls:\n      certificateRefs:\n      - name: cert'), () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
