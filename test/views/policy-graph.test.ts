/**
 * The topology graph with NetworkPolicies: links that policy blocks are drawn broken, with the
 * policies and the side that drops them, read from the policy view (not from findings). Policies
 * judge the endpoint pod on its targetPort (kubernetes pkg/proxy/iptables/proxier.go: KUBE-SEP DNAT
 * happens first), and a proxy's connection comes from the proxy's own pods (kubernetes website
 * "Network Policies": cluster ingress mechanisms rewrite the source).
 */
import { simulate } from '../../lib/simulate';
import { buildGraph, renderDot, renderMermaid, type GraphEdge } from '../../lib/views/graph';

const APP = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: web-all }
spec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: http }, { name: metrics, port: 9090, targetPort: metrics }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: web }
spec: { rules: [{ host: shop.example, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }] } }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: eg }
spec: { controllerName: gateway.envoyproxy.io/gatewayclass-controller }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public }
spec: { gatewayClassName: eg, listeners: [{ name: http, port: 80, protocol: HTTP }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop }
spec: { parentRefs: [{ name: public }], rules: [{ backendRefs: [{ name: web, port: 80 }] }] }
`;

const settings = {
  ingressControllers: [
    { class: 'nginx', namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
    { class: 'eg', namespace: 'envoy-gateway-system', podLabels: { 'app.kubernetes.io/name': 'envoy' } },
  ],
};

const policy = (name: string, spec: string) => `---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name} }\nspec: ${spec}\n`;
const DENY = policy('default-deny', '{ podSelector: {}, policyTypes: [Ingress] }');
/** Admits the pods of its own namespace on http only: not the proxies, not metrics. */
const SAME_NAMESPACE = policy('web', '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ podSelector: {} }], ports: [{ port: http }] }] }');

function graphOf(text: string) {
  const sim = simulate(text, { settings });
  return buildGraph(sim.cluster, sim.findings);
}

function edgesFrom(edges: GraphEdge[], from: string): GraphEdge[] {
  return edges.filter((e) => e.from === from);
}

describe('graph: links that NetworkPolicy blocks', () => {
  test('without policies nothing is blocked', () => {
    const g = graphOf(APP);
    expect(g.edges.filter((e) => e.broken || e.policy)).toEqual([]);
  });

  test('a default deny: Service → pod links closed on every targetPort, with the isolating policy', () => {
    const g = graphOf(APP + DENY);
    const [web] = edgesFrom(g.edges, 'svc:default/web');
    const pod = web.to.slice('pod:'.length);
    expect(web).toEqual({
      from: 'svc:default/web',
      to: `pod:${pod}`,
      label: '80→http(8080) closed by policy',
      broken: true,
      problem: `NetworkPolicy default/default-deny isolates pod ${pod} for ingress, and no rule allows TCP 8080: only the pod itself and its node can connect`,
      policy: { direction: 'ingress', policies: ['default/default-deny'] },
    });
    expect(edgesFrom(g.edges, 'svc:default/web-all').map((e) => [e.label, e.broken, e.policy?.policies])).toEqual([['80→http(8080) closed by policy, 9090→metrics(9090) closed by policy', true, ['default/default-deny']]]);
    expect(g.nodes.find((n) => n.id === 'svc:default/web')!.broken).toBe(true);
  });

  test('one port open: the link stands, the closed port is marked', () => {
    const g = graphOf(APP + DENY + SAME_NAMESPACE);
    expect(edgesFrom(g.edges, 'svc:default/web').map((e) => [e.label, e.broken, e.policy])).toEqual([['80→http(8080)', false, undefined]]);
    expect(edgesFrom(g.edges, 'svc:default/web-all').map((e) => [e.label, e.broken, e.policy])).toEqual([['80→http(8080), 9090→metrics(9090) closed by policy', false, undefined]]);
  });

  test('Ingress → Service blocked when the backend pods deny the ingress controller', () => {
    const g = graphOf(APP + SAME_NAMESPACE);
    const [edge] = edgesFrom(g.edges, 'ing:default/web');
    const pod = edgesFrom(g.edges, 'svc:default/web')[0].to.slice('pod:'.length);
    expect(edge).toEqual({
      from: 'ing:default/web',
      to: 'svc:default/web',
      label: 'shop.example/ (Prefix) → :http',
      broken: true,
      problem:
        `NetworkPolicy blocks the ingress controller (class nginx) from every endpoint pod: NetworkPolicy default/web isolates pod ${pod} for ingress, and no rule allows from pod ingress-nginx/nginx-ingress-controller on TCP 8080; ` +
        'an ingress rule that would: {from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}, podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}}], ports: [{port: 8080}]}',
      policy: { direction: 'ingress', policies: ['default/web'] },
    });
  });

  test("route → Service blocked when the backend pods deny the Gateway's data plane", () => {
    const g = graphOf(APP + SAME_NAMESPACE);
    const edges = edgesFrom(g.edges, 'route:HTTPRoute/default/shop');
    expect(edges.map((e) => [e.to, e.label, e.broken, e.policy])).toEqual([['svc:default/web', 'rules[0] → :80', true, { direction: 'ingress', policies: ['default/web'] }]]);
    expect(edges[0].problem).toMatch(/^NetworkPolicy blocks Gateway default\/public's data plane \(class eg\) from every endpoint pod: NetworkPolicy default\/web isolates pod default\/web-[a-z0-9]+-[a-z0-9]+ for ingress, and no rule allows from pod envoy-gateway-system\/eg-ingress-controller on TCP 8080; /);
  });

  test('the proxies admitted: nothing blocked', () => {
    const admitted = policy(
      'web',
      '{ podSelector: { matchLabels: { app: web } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ingress-nginx } } }, { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: envoy-gateway-system } } }], ports: [{ port: http }] }] }',
    );
    const g = graphOf(APP + admitted);
    expect(g.edges.filter((e) => e.broken || e.policy)).toEqual([]);
  });

  test('renderings draw blocked links like other broken ones', () => {
    const g = graphOf(APP + SAME_NAMESPACE);
    const index = g.edges.findIndex((e) => e.from === 'ing:default/web');
    expect(renderMermaid(g)).toMatch(new RegExp(`linkStyle (\\d+,)*${index}(,\\d+)* stroke:#c00`));
    expect(renderDot(g)).toContain('"ing:default/web" -> "svc:default/web" [label="shop.example/ (Prefix) → :http", color="#cc0000", fontcolor="#cc0000", style=dashed, tooltip="NetworkPolicy blocks the ingress controller (class nginx) from every endpoint pod: ');
  });
});
