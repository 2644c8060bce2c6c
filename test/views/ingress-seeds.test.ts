/**
 * The user's second scenario (one Ingress in front of several Services by host and path, with a default backend)
 * through load → buildCluster → routeRequest, plus an Ingress whose class no controller serves.
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { loadText } from '../../lib/load/load';
import { routeRequest } from '../../lib/views/ingress-routing';

const MANIFESTS = `
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations:
    ingressclass.kubernetes.io/is-default-class: "true"
spec:
  controller: k8s.io/ingress-nginx
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  ingressClassName: nginx
  defaultBackend:
    service:
      name: default-http-backend
      port:
        number: 80
  tls:
  - hosts: [foo.example.com, bar.example.com]
    secretName: example-tls
  rules:
  - host: foo.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: foo
            port:
              name: http
  - host: bar.example.com
    http:
      paths:
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: bar
            port:
              name: http
      - path: /healthz
        pathType: Exact
        backend:
          service:
            name: bar
            port:
              number: 8081
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: unserved
spec:
  ingressClassName: some-invalid-class-name
  rules:
  - host: foo.example.com
    http:
      paths:
      - path: /
        pathType: Exact
        backend:
          service:
            name: other
            port:
              number: 80
`;

const loaded = loadText(MANIFESTS, 'ingress.yaml');
const cluster = buildCluster(loaded.objects, defaultSettings());

describe('seed 002 Ingress routing', () => {
  test.each([
    ['foo.example.com', '/', 'foo', 'http'],
    ['foo.example.com', '/anything', 'foo', 'http'],
    ['FOO.example.com:443', '/', 'foo', 'http'],
    ['bar.example.com', '/api/v1/users', 'bar', 'http'],
    ['bar.example.com', '/healthz', 'bar', 8081],
    // Exact /healthz does not take /healthz/; nothing else under bar matches → the default backend.
    ['bar.example.com', '/healthz/', 'default-http-backend', 80],
    ['bar.example.com', '/', 'default-http-backend', 80],
    ['unknown.example.com', '/', 'default-http-backend', 80],
  ])('%s%s → %s:%s', (host, path, service, port) => {
    const r = routeRequest(cluster, { host, path, scheme: 'https' });
    expect(r.status).toBe(200);
    expect(r.ingress?.name).toBe('web');
    expect(r.backend?.serviceName).toBe(service);
    expect(typeof port === 'number' ? r.backend?.portNumber : r.backend?.portName).toBe(port);
  });

  test('the Ingress with an unknown class is not served', () => {
    expect(cluster.ingresses.find((i) => i.name === 'unserved')?.served).toBe(false);
    // Its Exact `/` rule for foo.example.com would otherwise win over the served Prefix `/`.
    expect(routeRequest(cluster, { host: 'foo.example.com', path: '/' }).ingress?.name).toBe('web');
  });

  test('reason names the Ingress, rule and backend', () => {
    expect(routeRequest(cluster, { host: 'bar.example.com', path: '/healthz' }).reason).toBe(
      'Ingress default/web routes host "bar.example.com" path "/healthz" (Exact) to service bar:8081',
    );
    expect(routeRequest(cluster, { host: 'bar.example.com', path: '/' }).reason).toBe(
      'no path of the rules for "bar.example.com" matches "/"; the defaultBackend of Ingress default/web (service default-http-backend:80) answers',
    );
  });
});
