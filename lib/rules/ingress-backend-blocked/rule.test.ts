/**
 * ingress-backend-blocked: table-driven cases, each with the exact finding expected. A proxy (ingress
 * controller, Gateway data plane) opens a new connection from its own pods, so the backend's
 * policies judge those pods (kubernetes website "Network Policies": cluster ingress mechanisms
 * rewrite the source; ingress-nginx charts/ingress-nginx for the controller pods' labels), on the
 * targetPort after kube-proxy's translation (pkg/proxy/iptables/proxier.go, KUBE-SEP DNAT).
 */
import { simulate } from '../../simulate';
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

const RULE = 'ingress-backend-blocked';
const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const canary = workload('Deployment', 'web-canary', { app: 'web', track: 'canary' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);
const ing = (className?: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'web' },
  spec: { ...(className ? { ingressClassName: className } : {}), rules: [{ host: 'shop.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
});
const np = (name: string, spec: Record<string, unknown>, namespace?: string) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, ...(namespace ? { namespace } : {}) }, spec });
const sameNamespaceOnly = np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 'http' }] }] });
const fromController = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } };
const WOULD = "an ingress rule that would: {from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}], ports: [{port: 8080}]}";
// A block map's position is its first key's line, the one after `backend:`.
const backendLine = (t: string) => lineOf(t, 'backend:') + 1;

describe(RULE, () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'backend pods that admit their own namespace only (the controller is a stand-in)',
      yamlOf(web, webSvc, ing(), sameNamespaceOnly),
      (t) => [
        {
          rule: RULE,
          severity: 'error',
          field: 'spec.rules[0].http.paths[0].backend',
          line: backendLine(t),
          message: [
            'Ingress default/web routes shop.example / (Prefix) to Service default/web port http (80/TCP), but NetworkPolicy denies the ingress controller of class nginx (its stand-in pod ingress-nginx/nginx-ingress-controller) connecting to every endpoint pod (Deployment web), so its requests time out: NetworkPolicy default/web isolates pod default/web-',
            ' for ingress, and no rule allows from pod ingress-nginx/nginx-ingress-controller on TCP 8080; ' + WOULD,
          ],
        },
      ],
    ],
    [
      "the controller's real pods",
      yamlOf(web, webSvc, ing('nginx'), sameNamespaceOnly, workload('Deployment', 'ingress-nginx-controller', { 'app.kubernetes.io/name': 'ingress-nginx' }, { namespace: 'ingress-nginx' })),
      (t) => [{ rule: RULE, severity: 'error', field: 'spec.rules[0].http.paths[0].backend', line: backendLine(t), message: ['but NetworkPolicy denies the ingress controller of class nginx (pods ingress-nginx/ingress-nginx-controller-', 'no rule allows from pod ingress-nginx/ingress-nginx-controller-'] }],
    ],
    [
      "the controller's own egress policy",
      yamlOf(web, webSvc, ing(), np('controller-out', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }, 'ingress-nginx')),
      (t) => [
        {
          rule: RULE,
          severity: 'error',
          field: 'spec.rules[0].http.paths[0].backend',
          line: backendLine(t),
          message: ['connecting to every endpoint pod (Deployment web), so its requests time out: NetworkPolicy ingress-nginx/controller-out isolates pod ingress-nginx/nginx-ingress-controller for egress, and no rule allows to pod default/web-', 'an egress rule that would: {to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: default}}, podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}'],
        },
      ],
    ],
    [
      'some endpoint pods only',
      yamlOf(web, canary, webSvc, ing(), np('canary', { podSelector: { matchLabels: { track: 'canary' } }, ingress: [{ from: [{ podSelector: {} }] }] })),
      (t) => [{ rule: RULE, severity: 'error', field: 'spec.rules[0].http.paths[0].backend', line: backendLine(t), message: ['connecting to 1 of its 2 endpoint pods (web-canary-', '), so the requests sent to those pods time out: NetworkPolicy default/canary isolates pod default/web-canary-'] }],
    ],
    ['a peer for the controller', yamlOf(web, webSvc, ing(), np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }, fromController], ports: [{ port: 'http' }] }] })), () => []],
    ['every namespace', yamlOf(web, webSvc, ing(), np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] })), () => []],
    ['no policy', yamlOf(web, webSvc, ing()), () => []],
    ['a class no configured controller serves (not judged)', yamlOf(web, webSvc, ing('traefik'), sameNamespaceOnly), () => []],
    ['a backend Service that does not exist (ingress-backend-missing-service says so)', yamlOf(web, ing(), sameNamespaceOnly), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, RULE), expected(text));
  });

  describe('HTTPRoute backends, judged from the pods of the controller configured for the GatewayClass', () => {
    const gateway = [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'eg' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public' }, spec: { gatewayClassName: 'eg', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'shop' }, spec: { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
    ];
    const envoy = { class: 'eg', namespace: 'envoy-gateway-system', podLabels: { 'app.kubernetes.io/name': 'envoy' } };
    const fromEnvoy = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'envoy' } } };
    const found = (docs: object[], controllers: (typeof envoy)[]) => simulate(yamlOf(...docs), { settings: { ingressControllers: controllers } }).findings.filter((f) => f.rule === RULE);

    test('a backend that admits its own namespace only', () => {
      const text = yamlOf(web, webSvc, ...gateway, sameNamespaceOnly);
      expectFindings(found([web, webSvc, ...gateway, sameNamespaceOnly], [envoy]), [
        {
          rule: RULE,
          severity: 'error',
          field: 'spec.rules[0].backendRefs[0]',
          line: lineOf(text, '- name: web', 2),
          message: [
            "HTTPRoute default/shop (on Gateway default/public) sends requests to Service default/web port http (80/TCP), but NetworkPolicy denies the Gateway's data plane of class eg (its stand-in pod envoy-gateway-system/eg-ingress-controller) connecting to every endpoint pod (Deployment web), so its requests time out: NetworkPolicy default/web isolates pod default/web-",
            'from pod envoy-gateway-system/eg-ingress-controller on TCP 8080',
          ],
        },
      ]);
    });
    test('a peer for the data plane', () => {
      const allowed = np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }, fromEnvoy], ports: [{ port: 'http' }] }] });
      expect(found([web, webSvc, ...gateway, allowed], [envoy])).toEqual([]);
    });
    test('a GatewayClass no configured controller serves is not judged', () => {
      expect(found([web, webSvc, ...gateway, sameNamespaceOnly], [])).toEqual([]);
    });
  });
});
