/**
 * The topology graph with Gateway API objects: Gateway → listener → route → Service, with the
 * links a controller would not make (a route no listener accepts, a backendRef to a missing
 * Service or port) drawn broken and labelled with the finding that explains them.
 */
import { buildGraph, renderDot, renderHtml, renderMermaid } from '../../lib/views/graph';
import { simulate } from '../../lib/simulate';

const MANIFESTS = `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: example }
spec: { controllerName: example.com/gateway-controller }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ name: http, port: 80, targetPort: http }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public }
spec:
  gatewayClassName: example
  listeners: [{ name: http, port: 80, protocol: HTTP, hostname: "*.example.com" }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop }
spec:
  parentRefs: [{ name: public }]
  hostnames: [shop.example.com]
  rules:
  - backendRefs: [{ name: web, port: 80, weight: 9 }, { name: web, port: 8080, weight: 1 }]
  - matches: [{ path: { value: /legacy } }]
    backendRefs: [{ name: gone, port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: blog }
spec:
  parentRefs: [{ name: public }]
  hostnames: [blog.example.org]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`;

describe('graph with Gateway API objects', () => {
  const sim = simulate(MANIFESTS);
  const graph = buildGraph(sim.cluster, sim.findings);
  const edge = (from: string, to: string) => graph.edges.filter((e) => e.from === from && e.to === to).map((e) => [e.label, e.broken, e.problem?.split(':')[0]]);

  test('nodes: the Gateway, its listener, both routes, the Service, the missing one', () => {
    expect(graph.nodes.filter((n) => n.kind !== 'Pod').map((n) => [n.kind, n.id, n.broken])).toEqual([
      ['Gateway', 'gtw:default/public', false],
      ['Listener', 'lis:default/public/http', false],
      ['Route', 'route:HTTPRoute/default/blog', true],
      ['Route', 'route:HTTPRoute/default/shop', true],
      ['Service', 'svc:default/web', false],
      ['Missing', 'missing:default/gone', true],
    ]);
  });

  test('Gateway → listener → route, with the served hostnames; a route no listener accepts hangs off the Gateway, broken', () => {
    expect(edge('gtw:default/public', 'lis:default/public/http')).toEqual([['1 route', false, undefined]]);
    expect(edge('lis:default/public/http', 'route:HTTPRoute/default/shop')).toEqual([['shop.example.com', false, undefined]]);
    expect(edge('gtw:default/public', 'route:HTTPRoute/default/blog')).toEqual([['NoMatchingListenerHostname', true, 'route-not-accepted']]);
  });

  test('route → Service per backendRef, a targetPort given as port broken; a missing Service', () => {
    expect(edge('route:HTTPRoute/default/shop', 'svc:default/web')).toEqual([
      ['rules[0] weight 9 → :80', false, undefined],
      ['rules[0] → :8080', true, 'route-backend-port-missing'],
    ]);
    expect(edge('route:HTTPRoute/default/shop', 'missing:default/gone')).toEqual([['rules[1] → :80', true, 'route-backend-not-found']]);
  });

  test('renderings: Mermaid, dot and the HTML page with the Gateway columns', () => {
    expect(renderMermaid(graph)).toContain('gtw_default_public[["default/public<br/>class example"]]');
    expect(renderDot(graph)).toContain('"gtw:default/public" [label="default/public\\nclass example", shape=box3d');
    const html = renderHtml(graph);
    expect(html).toContain('>Gateways</text>');
    expect(html).toContain('>Routes and Ingresses</text>');
    expect(html).toContain('1 Gateway, 2 routes, 0 Ingresses');
  });

  test('without Gateway API objects the page keeps its three columns', () => {
    const plain = simulate(MANIFESTS.split('---\n').filter((d) => !d.includes('gateway.networking.k8s.io')).join('---\n'));
    const html = renderHtml(buildGraph(plain.cluster, plain.findings));
    expect(html).toContain('>Ingresses</text>');
    expect(html).not.toContain('Gateways');
  });
});
