/** cluster-ip-out-of-range: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
const withIP = (name: string, ip: string) => service(name, { app: 'web' }, [{ port: 80 }], { spec: { clusterIP: ip } });

const cases: Case[] = [
  [
    'cluster-ip-out-of-range',
    'a clusterIP outside the service CIDR',
    yamlOf(web, withIP('web', '192.168.0.10')),
    (t) => [
      {
        rule: 'cluster-ip-out-of-range',
        severity: 'error',
        field: 'spec.clusterIPs',
        line: lineOf(t, 'spec:', 2) + 1, // spec.clusterIPs is absent: spec's value, its first entry (`clusterIP:`)
        message: ['failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12', 'choose an address in 10.96.0.0/12'],
      },
    ],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
