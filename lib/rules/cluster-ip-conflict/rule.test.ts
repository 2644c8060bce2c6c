/** cluster-ip-conflict: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
const withIP = (name: string, ip: string) => service(name, { app: 'web' }, [{ port: 80 }], { spec: { clusterIP: ip } });

const cases: Case[] = [
  [
    'cluster-ip-conflict',
    'the cluster DNS address',
    yamlOf(web, withIP('web', '10.96.0.10')),
    (t) => [
      {
        rule: 'cluster-ip-conflict',
        severity: 'error',
        field: 'spec.clusterIPs',
        line: lineOf(t, 'spec:', 2) + 1, // spec.clusterIPs is absent: spec's value, its first entry (`clusterIP:`)
        message: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated (held by Service kube-system/kube-dns)'],
      },
    ],
  ],
  [
    'cluster-ip-conflict',
    'two Services asking for one address',
    yamlOf(web, withIP('a', '10.96.0.20'), withIP('b', '10.96.0.20')),
    (t) => [{ rule: 'cluster-ip-conflict', severity: 'error', field: 'spec.clusterIPs', line: lineOf(t, 'spec:', 3) + 1, message: ['Service default/b is invalid', '(held by Service default/a)'] }],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
