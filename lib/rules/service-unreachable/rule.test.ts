/**
 * service-unreachable: table-driven cases, each with the exact finding expected. Policies judge the
 * endpoint pod on the targetPort after kube-proxy's translation (kubernetes pkg/proxy/iptables/proxier.go,
 * KUBE-SEP DNAT; the e2e suite test/e2e/network/netpol probes through Service IPs); an isolated pod
 * admits only what some rule allows, a rule with no `ports` every port (kubernetes
 * staging/src/k8s.io/api/networking/v1/types.go, NetworkPolicyIngressRule).
 */
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

const RULE = 'service-unreachable';
const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] });
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);
const twoPorts = service('web', { app: 'web' }, [
  { name: 'http', port: 80, targetPort: 'http' },
  { name: 'metrics', port: 9090, targetPort: 9090 },
]);
const np = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec });
const denyAll = np('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
const allowWeb = (ports: object[] | undefined, from?: object[]) => np('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ...(from ? { from } : {}), ...(ports ? { ports } : {}) }] });

describe(RULE, () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'a default deny and nothing that allows the pods',
      yamlOf(web, webSvc, denyAll),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ports[0]',
          line: lineOf(t, '- name: http', 2),
          message: [
            'Service default/web port http (80/TCP): NetworkPolicy default/default-deny isolates every endpoint pod (Deployment web) for ingress, and no rule allows TCP 8080, the targetPort: only the pods themselves and their own nodes can connect — add an ingress rule for port 8080 (or its name http) from the clients',
          ],
        },
      ],
    ],
    [
      'an allow rule for the Service port instead of the targetPort',
      yamlOf(web, webSvc, denyAll, allowWeb([{ port: 80 }])),
      (t) => [{ rule: RULE, severity: 'warning', field: 'spec.ports[0]', line: lineOf(t, '- name: http', 2), message: ['NetworkPolicies default/default-deny, default/web isolate every endpoint pod (Deployment web) for ingress, and no rule allows TCP 8080, the targetPort'] }],
    ],
    [
      'one port of two allowed',
      yamlOf(web, twoPorts, allowWeb([{ port: 'http' }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ports[1]',
          line: lineOf(t, '- name: metrics', 2),
          message: ['Service default/web port metrics (9090/TCP): NetworkPolicy default/web isolates every endpoint pod (Deployment web) for ingress, and no rule allows TCP 9090, the targetPort: only the pods themselves and their own nodes can connect — add an ingress rule for port 9090 from the clients'],
        },
      ],
    ],
    [
      'a NodePort Service: outside clients arrive as the receiving node (externalTrafficPolicy Cluster)',
      yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }], { spec: { type: 'NodePort' } }), denyAll),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ports[0]',
          line: lineOf(t, '- name: http', 2),
          message: ["only the pods themselves and their own nodes can connect, and outside clients only through a node that runs an endpoint (kube-proxy gives them that node's address) — add an ingress rule for port 8080 (or its name http) from the clients"],
        },
      ],
    ],
    [
      'a NodePort Service with externalTrafficPolicy Local: the client keeps its address',
      yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }], { spec: { type: 'NodePort', externalTrafficPolicy: 'Local' } }), denyAll),
      (t) => [{ rule: RULE, severity: 'warning', field: 'spec.ports[0]', line: lineOf(t, '- name: http', 2), message: ['the targetPort: only the pods themselves and their own nodes can connect — add an ingress rule'] }],
    ],
    ['the targetPort allowed by number', yamlOf(web, webSvc, denyAll, allowWeb([{ port: 8080 }])), () => []],
    ['the targetPort allowed by name', yamlOf(web, webSvc, denyAll, allowWeb([{ port: 'http' }])), () => []],
    ['a range that holds the targetPort', yamlOf(web, webSvc, denyAll, allowWeb([{ port: 8000, endPort: 8999 }])), () => []],
    ['a rule without ports allows every port', yamlOf(web, twoPorts, denyAll, allowWeb(undefined, [{ podSelector: { matchLabels: { app: 'frontend' } } }])), () => []],
    ['a rule whose peer the input lacks still lets those pods in when they come', yamlOf(web, webSvc, denyAll, allowWeb([{ port: 'http' }], [{ namespaceSelector: { matchLabels: { team: 'shop' } } }])), () => []],
    ['egress isolation only', yamlOf(web, webSvc, np('out', { podSelector: {}, policyTypes: ['Egress'] })), () => []],
    [
      'some endpoint pods not isolated (another workload behind the Service)',
      yamlOf(web, workload('Deployment', 'web-canary', { app: 'web', track: 'canary' }, { ports: [{ name: 'http', containerPort: 8080 }] }), webSvc, np('stable-only', { podSelector: { matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, policyTypes: ['Ingress'] })),
      () => [],
    ],
    ['a Service without endpoints (service-selects-no-pods says so)', yamlOf(service('web', { app: 'gone' }, [{ port: 80 }]), denyAll), () => []],
    ['pods on the host network are never isolated', yamlOf({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'agent', labels: { app: 'web' } }, spec: { hostNetwork: true, containers: [{ name: 'a', image: 'a', ports: [{ name: 'http', containerPort: 8080 }] }] } }, webSvc, denyAll), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, RULE), expected(text));
  });
});
