/** endpoints-without-service: table-driven cases, each with the exact finding expected. */
import { check, endpoints, type Expected, expectFindings, lineOf, service, slice, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const external = service('external-service', undefined, [{ port: 80 }]);

describe('endpoints-without-service', () => {
  const cases: Case[] = [
    [
      'Endpoints without their Service',
      yamlOf(external, endpoints('external-servce', [{ port: 80 }])),
      (t) => [
        {
          rule: 'endpoints-without-service',
          severity: 'warning',
          field: 'metadata.name',
          line: lineOf(t, 'name: external-servce'),
          message: ['Endpoints default/external-servce names no Service: there is no Service external-servce in namespace default, so these addresses receive no traffic; did you mean Service external-service?'],
        },
      ],
    ],
    [
      'an EndpointSlice labelled with a missing Service',
      yamlOf(external, slice('external-service-1', 'external-svc', [{ port: 80 }])),
      (t) => [
        {
          rule: 'endpoints-without-service',
          severity: 'warning',
          field: 'metadata.labels[kubernetes.io/service-name]',
          line: lineOf(t, 'kubernetes.io/service-name'),
          message: ['EndpointSlice default/external-service-1 is labelled kubernetes.io/service-name: external-svc, but there is no Service external-svc in namespace default'],
        },
      ],
    ],
    [
      'an EndpointSlice without the label',
      yamlOf(slice('orphan', undefined, [{ port: 80 }])),
      (t) => [{ rule: 'endpoints-without-service', severity: 'warning', field: 'metadata.labels', line: lineOf(t, 'metadata:') /* labels absent: the metadata key */, message: ['EndpointSlice default/orphan has no kubernetes.io/service-name label, so kube-proxy and CoreDNS ignore it'] }],
    ],
    [
      'leader-election Endpoints are not backends',
      yamlOf({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'lock', annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } } }),
      () => [],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'endpoints-without-service'), expected(text)));
});
