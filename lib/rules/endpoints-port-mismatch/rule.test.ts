/** endpoints-port-mismatch: table-driven cases, each with the exact finding expected. */
import { check, endpoints, type Expected, expectFindings, lineOf, service, slice, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const external = service('external-service', undefined, [{ port: 80 }]);

describe('endpoints-port-mismatch', () => {
  const cases: Case[] = [
    ['unnamed and unnamed match', yamlOf(external, endpoints('external-service', [{ port: 80 }])), () => []],
    [
      'seed broken: a named endpoint port for an unnamed Service port',
      yamlOf(external, endpoints('external-service', [{ name: 'http', port: 80 }])),
      (t) => [
        {
          rule: 'endpoints-port-mismatch',
          severity: 'error',
          field: 'subsets[0].ports[0].name',
          line: lineOf(t, 'name: http'),
          message: ['Endpoints default/external-service port "http" (80/TCP) matches no port of Service default/external-service (unnamed 80/TCP)', 'remove the name from the endpoint port (the Service port is unnamed)'],
        },
      ],
    ],
    [
      'a typo in one of several port names',
      yamlOf(
        service('db', undefined, [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }]),
        endpoints('db', [{ name: 'http', port: 80 }, { name: 'metric', port: 9090 }]),
      ),
      (t) => [{ rule: 'endpoints-port-mismatch', severity: 'error', field: 'subsets[0].ports[1].name', line: lineOf(t, 'name: metric', 2), message: ['port "metric" (9090/TCP) matches no port of Service default/db ("http" 80/TCP, "metrics" 9090/TCP)', 'did you mean "metrics"?'] }],
    ],
    [
      'the same name with another protocol',
      yamlOf(service('dns', undefined, [{ name: 'dns', port: 53, protocol: 'UDP' }]), endpoints('dns', [{ name: 'dns', port: 53 }])),
      (t) => [{ rule: 'endpoints-port-mismatch', severity: 'error', field: 'subsets[0].ports[0].name', line: lineOf(t, 'name: dns', 4), message: ['the names agree but the protocols do not (TCP here, UDP on the Service)'] }],
    ],
    [
      'a Service port that no endpoint port serves',
      yamlOf(service('db', undefined, [{ name: 'http', port: 80 }, { name: 'metrics', port: 9090 }]), endpoints('db', [{ name: 'http', port: 80 }])),
      (t) => [{ rule: 'endpoints-port-mismatch', severity: 'error', field: 'subsets[0].ports', line: lineOf(t, 'ports:', 2) + 1, message: ['Endpoints default/db has no port named "metrics" with protocol TCP, so Service default/db port metrics (9090/TCP) has no endpoints'] }],
    ],
    [
      'an EndpointSlice port with the wrong name',
      yamlOf(external, slice('external-service-1', 'external-service', [{ name: 'web', port: 80 }])),
      (t) => [{ rule: 'endpoints-port-mismatch', severity: 'error', field: 'ports[0].name', line: lineOf(t, 'name: web'), message: ['EndpointSlice default/external-service-1 port "web" (80/TCP) matches no port'] }],
    ],
    ['an EndpointSlice without ports serves all ports', yamlOf(external, slice('external-service-1', 'external-service', undefined)), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'endpoints-port-mismatch'), expected(text)));
});
