/** service-without-endpoints, endpoints-without-service, endpoints-port-mismatch, endpoints-overridden. */
import { check, expectFindings, lineOf, pod, service, yamlOf, type Expected } from './helpers';

type Case = [string, string, (text: string) => Expected[]];

function endpoints(name: string, ports: { name?: string; port: number; protocol?: string }[], opts: { namespace?: string; ips?: string[] } = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
    subsets: [{ addresses: (opts.ips ?? ['11.11.11.11', '22.22.22.22']).map((ip) => ({ ip })), ports }],
  };
}

function slice(name: string, serviceName: string | undefined, ports: { name?: string; port: number }[] | undefined): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, ...(serviceName !== undefined ? { labels: { 'kubernetes.io/service-name': serviceName } } : {}) },
    addressType: 'IPv4',
    ...(ports ? { ports } : {}),
    endpoints: [{ addresses: ['11.11.11.11'] }],
  };
}

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

describe('endpoints-overridden', () => {
  const cases: Case[] = [
    [
      'manual Endpoints for a Service with a selector',
      yamlOf(pod('db', { app: 'db' }, [{ containerPort: 5432 }]), service('db', { app: 'db' }, [{ port: 5432 }]), endpoints('db', [{ port: 5432 }], { ips: ['10.0.5.20'] })),
      (t) => [
        {
          rule: 'endpoints-overridden',
          severity: 'warning',
          field: 'subsets',
          line: lineOf(t, 'subsets:') + 1,
          message: ['Endpoints default/db is overwritten by the endpoints controller because Service default/db has a selector (app=db)', 'remove the selector from the Service'],
        },
      ],
    ],
    ['manual Endpoints for a selector-less Service', yamlOf(external, endpoints('external-service', [{ port: 80 }])), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'endpoints-overridden'), expected(text)));
});
