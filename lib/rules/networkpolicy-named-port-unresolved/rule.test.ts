/**
 * networkpolicy-named-port-unresolved: table-driven cases, each with the exact finding expected.
 * A named port is resolved in the destination pod of each connection, with the entry's protocol
 * (TCP by default): kubernetes staging/src/k8s.io/api/networking/v1/types.go (NetworkPolicyPort);
 * policy-assistant pkg/matcher/portmatcher.go (a name the pod lacks matches nothing);
 * netpol-analyzer pkg/netpol/eval/internal/k8s/netpol.go (WarnUnmatchedNamedPort).
 */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

const RULE = 'networkpolicy-named-port-unresolved';
const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }, { name: 'stats', containerPort: 9125, protocol: 'UDP' }] });
const db = workload('StatefulSet', 'db', { app: 'db' }, { ports: [{ name: 'postgres', containerPort: 5432 }] });
const bare = workload('Deployment', 'worker', { app: 'worker' });
const ingressPorts = (ports: object[], podSelector: object = { matchLabels: { app: 'web' } }) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web' },
  spec: { podSelector, ingress: [{ ports }] },
});
const egress = (rules: object[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web-out' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: rules },
});
const toDb = { podSelector: { matchLabels: { app: 'db' } } };

describe(RULE, () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'an ingress port name the protected pods do not declare',
      yamlOf(web, ingressPorts([{ port: 'web-http' }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].ports[0]',
          line: lineOf(t, '- port: web-http'),
          message: [
            'NetworkPolicy default/web allows port web-http/TCP (spec.ingress[0].ports[0]), but none of the pods it protects (Deployment web) declares a container port named web-http with protocol TCP, so the entry admits nothing — declare the port name in the pod template, or use the port number',
          ],
        },
      ],
    ],
    [
      'the name declared with another protocol (the entry defaults to TCP)',
      yamlOf(web, ingressPorts([{ port: 'http' }, { port: 'stats' }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].ports[1]',
          line: lineOf(t, '- port: stats'),
          message: ['allows port stats/TCP (spec.ingress[0].ports[1]), but none of the pods it protects (Deployment web) declares a container port named stats with protocol TCP, so the entry admits nothing — they declare stats as UDP: set protocol: UDP on the entry'],
        },
      ],
    ],
    [
      'an egress port name looked up in the destination, not in the policy\'s own pods',
      yamlOf(web, db, egress([{ to: [toDb], ports: [{ port: 'http' }] }, { ports: [{ port: 53, protocol: 'UDP' }] }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.egress[0].ports[0]',
          line: lineOf(t, '- port: http'),
          message: [
            'NetworkPolicy default/web-out allows port http/TCP (spec.egress[0].ports[0]), but none of the pods the rule allows connecting to (StatefulSet db) declares a container port named http with protocol TCP, so the entry admits nothing — declare the port name in the pod template, or use the port number',
          ],
        },
      ],
    ],
    [
      'pods that declare no ports at all',
      yamlOf(bare, ingressPorts([{ port: 'http' }], { matchLabels: { app: 'worker' } })),
      (t) => [{ rule: RULE, severity: 'warning', field: 'spec.ingress[0].ports[0]', line: lineOf(t, '- port: http'), message: ['none of the pods it protects (Deployment worker) declares a container port named http with protocol TCP'] }],
    ],
    ['a name the protected pods declare', yamlOf(web, ingressPorts([{ port: 'http' }])), () => []],
    ['a UDP name declared as UDP', yamlOf(web, ingressPorts([{ port: 'stats', protocol: 'UDP' }])), () => []],
    ['some of the protected pods declare it (resolved per pod)', yamlOf(web, bare, ingressPorts([{ port: 'http' }], {})), () => []],
    ['an egress name the destination declares', yamlOf(web, db, egress([{ to: [toDb], ports: [{ port: 'postgres' }] }, { ports: [{ port: 53, protocol: 'UDP' }] }])), () => []],
    ['an egress rule to anywhere: some pod of the cluster declares it', yamlOf(web, db, egress([{ ports: [{ port: 'postgres' }, { port: 'dns', protocol: 'UDP' }] }])), () => []],
    ['a policy that protects no pod (networkpolicy-selects-no-pods says so)', yamlOf(web, ingressPorts([{ port: 'nope' }], { matchLabels: { app: 'gone' } })), () => []],
    ['an egress peer that selects no pod (networkpolicy-peer-selects-nothing says so)', yamlOf(web, egress([{ to: [toDb], ports: [{ port: 'postgres' }] }])), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, RULE), expected(text));
  });
});
