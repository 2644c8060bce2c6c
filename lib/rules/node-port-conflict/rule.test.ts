/** node-port-conflict: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
const nodePort = (name: string, np: number, protocol = 'TCP', port = 80) => service(name, { app: 'web' }, [{ port, nodePort: np, protocol }], { spec: { type: 'NodePort' } });

const cases: Case[] = [
  [
    'node-port-conflict',
    'seed broken: the same nodePort twice',
    yamlOf(web, nodePort('web', 30080), nodePort('web-dup', 30080)),
    (t) => [
      {
        rule: 'node-port-conflict',
        severity: 'error',
        field: 'spec.ports[0].nodePort',
        line: lineOf(t, 'nodePort: 30080', 2),
        message: ['Service default/web-dup is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated (held by Service default/web)', 'all protocols'],
      },
    ],
  ],
  [
    'node-port-conflict',
    'the same nodePort with another protocol still clashes',
    yamlOf(web, nodePort('web', 30053, 'TCP', 53), nodePort('dns', 30053, 'UDP', 53)),
    (t) => [{ rule: 'node-port-conflict', severity: 'error', field: 'spec.ports[0].nodePort', line: lineOf(t, 'nodePort: 30053', 2), message: ['Service default/dns is invalid', 'provided port is already allocated (held by Service default/web)'] }],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
