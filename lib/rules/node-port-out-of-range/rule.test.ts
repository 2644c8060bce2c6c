/** node-port-out-of-range: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
const nodePort = (name: string, np: number, protocol = 'TCP', port = 80) => service(name, { app: 'web' }, [{ port, nodePort: np, protocol }], { spec: { type: 'NodePort' } });

const cases: Case[] = [
  [
    'node-port-out-of-range',
    'a nodePort below the range',
    yamlOf(web, nodePort('web', 8080)),
    (t) => [
      {
        rule: 'node-port-out-of-range',
        severity: 'error',
        field: 'spec.ports[0].nodePort',
        line: lineOf(t, 'nodePort: 8080'),
        message: ['Service default/web is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767', 'choose a port in 30000-32767'],
      },
    ],
  ],
  ['node-port-out-of-range', 'the edges of the range are fine', yamlOf(web, nodePort('a', 30000), nodePort('b', 32767)), () => []],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
