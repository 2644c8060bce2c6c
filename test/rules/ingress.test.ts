/** ingress-backend-missing-service, ingress-backend-missing-port, ingress-path-conflict, ingress-tls-secret-missing. */
import { check, expectFindings, lineOf, pod, service, yamlOf, type Expected } from './helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const webPod = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);

function backend(name: string, port: number | string): object {
  return { service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

function ingress(name: string, spec: Record<string, unknown>, opts: { namespace?: string; annotations?: Record<string, string> } = {}): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}), ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec,
  };
}

function route(host: string | undefined, path: string, svc: string, port: number | string, pathType = 'Prefix'): object {
  return { ...(host ? { host } : {}), http: { paths: [{ path, pathType, backend: backend(svc, port) }] } };
}

const cases: Case[] = [
  ['ingress-backend-missing-service', 'a backend to an existing Service', yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'web', 80)] })), () => []],
  [
    'ingress-backend-missing-service',
    'seed broken: a rule backend naming no Service',
    yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'wbe', 80)] })),
    (t) => [
      {
        rule: 'ingress-backend-missing-service',
        severity: 'error',
        field: 'spec.rules[0].http.paths[0].backend.service.name',
        line: lineOf(t, 'name: wbe'),
        message: ['Ingress default/web routes example.com / (Prefix) to Service wbe, which does not exist in namespace default, so the controller cannot serve that route; did you mean Service web?'],
      },
    ],
  ],
  [
    'ingress-backend-missing-service',
    'a default backend naming a Service of another namespace',
    yamlOf(pod('web', { app: 'web' }, [{ containerPort: 80 }], { namespace: 'shop' }), service('web', { app: 'web' }, [{ port: 80 }], { namespace: 'shop' }), ingress('web', { defaultBackend: backend('web', 80) })),
    (t) => [
      {
        rule: 'ingress-backend-missing-service',
        severity: 'error',
        field: 'spec.defaultBackend.service.name',
        line: lineOf(t, 'name: web', 5),
        message: ['routes its default backend to Service web', 'Service web exists in namespace shop, but an Ingress only routes to Services in its own namespace (default)'],
      },
    ],
  ],
  [
    'ingress-backend-missing-port',
    'a port number that is the targetPort',
    yamlOf(webPod, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080 }]), ingress('web', { rules: [route(undefined, '/', 'web', 8080)] })),
    (t) => [
      {
        rule: 'ingress-backend-missing-port',
        severity: 'error',
        field: 'spec.rules[0].http.paths[0].backend.service.port.number',
        line: lineOf(t, 'number: 8080'),
        message: ['Ingress default/web routes any host / (Prefix) to Service default/web port 8080, but the Service has no such port (its ports: 80 (http))', '8080 is the targetPort of Service port 80; a backend names the Service port: use number 80 or name http'],
      },
    ],
  ],
  [
    'ingress-backend-missing-port',
    'seed broken: a port name the Service does not have',
    yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'web', 'htp')] })),
    (t) => [{ rule: 'ingress-backend-missing-port', severity: 'error', field: 'spec.rules[0].http.paths[0].backend.service.port.name', line: lineOf(t, 'name: htp'), message: ['port "htp", but the Service has no such port', 'did you mean "http"?'] }],
  ],
  [
    'ingress-backend-missing-port',
    'a port name for an unnamed Service port',
    yamlOf(webPod, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), ingress('web', { defaultBackend: backend('web', 'http') })),
    (t) => [{ rule: 'ingress-backend-missing-port', severity: 'error', field: 'spec.defaultBackend.service.port.name', line: lineOf(t, 'name: http', 2), message: ["the Service's ports are unnamed; use port.number instead"] }],
  ],
  ['ingress-backend-missing-port', 'port by name and by number', yamlOf(webPod, webSvc, ingress('web', { rules: [route('a.example.com', '/', 'web', 'http'), route('b.example.com', '/', 'web', 80)] })), () => []],
  [
    'ingress-path-conflict',
    'the same host and path in two Ingresses',
    yamlOf(webPod, webSvc, ingress('a', { rules: [route('example.com', '/api', 'web', 80)] }), ingress('b', { rules: [route('example.com', '/api', 'web', 'http')] })),
    (t) => [
      {
        rule: 'ingress-path-conflict',
        severity: 'warning',
        field: 'spec.rules[0].http.paths[0].path',
        line: lineOf(t, 'path: /api', 2),
        message: ['Ingress default/b routes example.com /api (Prefix) like Ingress default/a (the same controller)'],
      },
    ],
  ],
  ['ingress-path-conflict', 'a different pathType is another route', yamlOf(webPod, webSvc, ingress('a', { rules: [route('example.com', '/api', 'web', 80)] }), ingress('b', { rules: [route('example.com', '/api', 'web', 80, 'Exact')] })), () => []],
  [
    'ingress-path-conflict',
    'different classes are different controllers',
    yamlOf(
      webPod,
      webSvc,
      ingress('a', { ingressClassName: 'nginx', rules: [route('example.com', '/', 'web', 80)] }),
      ingress('b', { ingressClassName: 'traefik', rules: [route('example.com', '/', 'web', 80)] }),
    ),
    () => [],
  ],
  [
    'ingress-tls-secret-missing',
    'a TLS secret that is not among the inputs',
    yamlOf(webPod, webSvc, ingress('web', { tls: [{ hosts: ['example.com'], secretName: 'web-tls' }], defaultBackend: backend('web', 80) })),
    (t) => [
      {
        rule: 'ingress-tls-secret-missing',
        severity: 'warning',
        field: 'spec.tls[0].secretName',
        line: lineOf(t, 'secretName: web-tls'),
        message: ['Ingress default/web uses TLS secret web-tls, which is not among the inputs (namespace default); without it the controller serves its default self-signed certificate for example.com'],
      },
    ],
  ],
  [
    'ingress-tls-secret-missing',
    'the Secret is among the inputs',
    yamlOf(webPod, webSvc, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-tls' }, type: 'kubernetes.io/tls' }, ingress('web', { tls: [{ secretName: 'web-tls' }], defaultBackend: backend('web', 80) })),
    () => [],
  ],
  [
    'ingress-tls-secret-missing',
    'cert-manager will issue it',
    yamlOf(webPod, webSvc, ingress('web', { tls: [{ secretName: 'web-tls' }], defaultBackend: backend('web', 80) }, { annotations: { 'cert-manager.io/cluster-issuer': 'le' } })),
    () => [],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
