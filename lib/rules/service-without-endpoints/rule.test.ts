/** service-without-endpoints: table-driven cases, each with the exact finding expected. */
import { check, endpoints, type Expected, expectFindings, lineOf, service, slice, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const external = service('external-service', undefined, [{ port: 80 }]);

describe('service-without-endpoints', () => {
  const cases: Case[] = [
    ['seed: Endpoints of the same name', yamlOf(external, endpoints('external-service', [{ port: 80 }])), () => []],
    ['an EndpointSlice labelled for the Service', yamlOf(external, slice('external-service-abc', 'external-service', [{ port: 80 }])), () => []],
    [
      'seed broken: the Endpoints are misnamed',
      yamlOf(external, endpoints('external-servce', [{ port: 80 }])),
      (t) => [
        {
          rule: 'service-without-endpoints',
          severity: 'error',
          field: 'metadata.name',
          line: lineOf(t, 'name: external-service'),
          message: [
            'Service default/external-service has no selector and no Endpoints or EndpointSlice in namespace default backs it, so connections to it are refused',
            "did you mean Endpoints external-servce? Endpoints must have exactly the Service's name (external-service)",
          ],
        },
      ],
    ],
    [
      'the Endpoints are in another namespace',
      yamlOf(external, endpoints('external-service', [{ port: 80 }], { namespace: 'ops' })),
      (t) => [{ rule: 'service-without-endpoints', severity: 'error', field: 'metadata.name', line: lineOf(t, 'name: external-service'), message: ["Endpoints external-service exists in namespace ops; it must be in the Service's namespace (default)"] }],
    ],
    [
      'an empty selector is no selector',
      yamlOf(service('external-service', undefined, [{ port: 80 }], { spec: { selector: {} } })),
      (t) => [{ rule: 'service-without-endpoints', severity: 'error', field: 'metadata.name', line: lineOf(t, 'name: external-service'), message: ['has no selector (an empty selector: {} is stored as no selector)', 'create an Endpoints object named external-service'] }],
    ],
    ['ExternalName Services need no endpoints', yamlOf(service('external-service', undefined, [], { spec: { type: 'ExternalName', externalName: 'api.example.com' } })), () => []],
    ['the built-in kubernetes Service is never reported', '', () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'service-without-endpoints'), expected(text)));
});
