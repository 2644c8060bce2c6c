/** dns-egress-blocked: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const egress = (rules: object[] | undefined, types: boolean) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web-egress' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, ...(types ? { policyTypes: ['Egress'] } : {}), ...(rules ? { egress: rules } : {}) },
});
const toDns = { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] };

describe('dns-egress-blocked', () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'default deny egress',
      yamlOf(web, egress(undefined, true)),
      (t) => [{ rule: 'dns-egress-blocked', severity: 'error', field: 'spec.policyTypes', line: lineOf(t, 'policyTypes:') + 1, message: ['NetworkPolicy default/web-egress isolates Deployment web in namespace default for egress', 'every name lookup times out'] }],
    ],
    [
      'egress rules without policyTypes, none to DNS: reported on spec.egress',
      yamlOf(web, egress([{ ports: [{ port: 5432 }] }], false)),
      (t) => [{ rule: 'dns-egress-blocked', severity: 'error', field: 'spec.egress', line: lineOf(t, 'egress:') + 1, message: ['no egress rule allows UDP 53'] }],
    ],
    ['TCP 53 only is not enough', yamlOf(web, egress([{ ports: [{ port: 53 }] }], true)), (t) => [{ rule: 'dns-egress-blocked', severity: 'error', field: 'spec.policyTypes', line: lineOf(t, 'policyTypes:') + 1, message: ['UDP 53'] }]],
    ['a rule to the CoreDNS pods on UDP 53', yamlOf(web, egress([toDns], true)), () => []],
    ['a ports-only rule for UDP 53', yamlOf(web, egress([{ ports: [{ port: 53, protocol: 'UDP' }] }], true)), () => []],
    ['ingress isolation only', yamlOf(web, { ...egress(undefined, false), spec: { podSelector: {}, policyTypes: ['Ingress'] } }), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, 'dns-egress-blocked'), expected(text));
  });
});
