/**
 * Gateway API attachment and the status a conformant controller writes. Semantics from
 * kubernetes-sigs/gateway-api apis/v1/gateway_types.go ("Distinct Listeners", AllowedRoutes,
 * RouteNamespaces), apis/v1/shared_types.go (ParentReference, RouteConditionReason) and
 * site/content/en/docs/concepts/hostnames.md (hostname intersection table).
 */
import { buildCluster } from '../../lib/cluster/build';
import { intersectHostname, hostnameMatches } from '../../lib/cluster/gateway-api/hostnames';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { loadText } from '../../lib/load/load';
import { trace, traceJson } from '../../lib/views/trace';

function cluster(yaml: string): Cluster {
  return buildCluster(loadText(yaml, 'in.yaml').objects, defaultSettings());
}

const BACKEND = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: apps }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 8080, name: http }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: apps }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
`;

describe('hostnames (hostnames.md: wildcards cover one or more labels)', () => {
  test.each([
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['foo.example.com', 'foo.example.com', true],
    ['foo.example.com', 'bar.example.com', false],
  ])('%s matches %s: %s', (pattern, host, want) => expect(hostnameMatches(pattern, host)).toBe(want));

  test.each<[string | undefined, string, string | undefined]>([
    [undefined, 'foo.com', 'foo.com'],
    ['foo.com', 'foo.com', 'foo.com'],
    ['foo.com', 'bar.com', undefined],
    ['*.example.com', 'a.example.com', 'a.example.com'],
    ['a.example.com', '*.example.com', 'a.example.com'],
    ['*.example.com', '*.a.example.com', '*.a.example.com'],
    ['*.a.example.com', '*.example.com', '*.a.example.com'],
    ['*.example.com', '*.example.net', undefined],
    ['*.example.com', 'example.com', undefined],
  ])('listener %s ∩ route %s = %s', (l, r, want) => expect(intersectHostname(l, r)).toBe(want));
});

describe('allowedRoutes and parentRefs', () => {
  const c = cluster(`${BACKEND}
---
apiVersion: v1
kind: Namespace
metadata: { name: apps, labels: { team: shop } }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: example
  listeners:
  - { name: same, port: 80, protocol: HTTP, hostname: same.example.com }
  - { name: all, port: 80, protocol: HTTP, hostname: all.example.com, allowedRoutes: { namespaces: { from: All } } }
  - name: selected
    port: 80
    protocol: HTTP
    hostname: selected.example.com
    allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { team: shop } } } }
  - name: grpc-only
    port: 80
    protocol: HTTP
    hostname: grpc.example.com
    allowedRoutes: { namespaces: { from: All }, kinds: [{ kind: GRPCRoute }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: only-same, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: same }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: only-grpc, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: grpc-only }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: elsewhere, namespace: apps }
spec:
  hostnames: [other.example.org]
  parentRefs: [{ name: gw, namespace: infra, sectionName: all }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: no-gateway, namespace: apps }
spec:
  parentRefs: [{ name: missing }]
`);
  const api = c.gatewayApi;
  const parent = (name: string) => api.routeParents(api.routes.find((r) => r.name === name)!).map((p) => [p.accepted.status, p.accepted.reason, p.attachments.map((a) => a.listener.name)]);

  test('a route from another namespace attaches to the All and the matching Selector listeners only', () => {
    expect(parent('web')).toEqual([['True', 'Accepted', ['all', 'selected']]]);
  });
  test('from: Same refuses another namespace (NotAllowedByListeners)', () => expect(parent('only-same')).toEqual([['False', 'NotAllowedByListeners', []]]));
  test('kinds [GRPCRoute] refuse an HTTPRoute (NotAllowedByListeners)', () => expect(parent('only-grpc')).toEqual([['False', 'NotAllowedByListeners', []]]));
  test('no hostname intersection (NoMatchingListenerHostname)', () => expect(parent('elsewhere')).toEqual([['False', 'NoMatchingListenerHostname', []]]));
  test('a parentRef to a Gateway that does not exist gets no status entry', () => expect(parent('no-gateway')).toEqual([]));
  test('attachedRoutes per listener', () => {
    expect(api.gatewayStatus(api.gateway('infra', 'gw')!).listeners.map((l) => [l.listener.name, l.attachedRoutes, l.supportedKinds.map((k) => k.kind)])).toEqual([
      ['same', 0, ['HTTPRoute', 'GRPCRoute']],
      ['all', 1, ['HTTPRoute', 'GRPCRoute']],
      ['selected', 1, ['HTTPRoute', 'GRPCRoute']],
      ['grpc-only', 0, ['GRPCRoute']],
    ]);
  });
});

describe('listener conflicts (gateway_types.go "Distinct Listeners")', () => {
  const c = cluster(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw }
spec:
  gatewayClassName: example
  listeners:
  - { name: a, port: 80, protocol: HTTP, hostname: a.example.com }
  - { name: b, port: 80, protocol: HTTP, hostname: b.example.com }
  - { name: c, port: 443, protocol: HTTPS, hostname: x.example.com, tls: { certificateRefs: [{ name: cert }] } }
  - { name: d, port: 443, protocol: HTTPS, hostname: x.example.com, tls: { certificateRefs: [{ name: cert2 }] } }
  - { name: e, port: 8080, protocol: HTTP }
  - { name: f, port: 8080, protocol: TCP }
  - { name: g, port: 8080, protocol: UDP }
`);
  test('same port and hostname: HostnameConflict; TCP and HTTP on one port: ProtocolConflict; UDP apart', () => {
    const status = c.gatewayApi.gatewayStatus(c.gatewayApi.gateways[0]);
    expect(status.listeners.map((l) => [l.listener.name, l.conflict ?? 'none'])).toEqual([
      ['a', 'none'],
      ['b', 'none'],
      ['c', 'HostnameConflict'],
      ['d', 'HostnameConflict'],
      ['e', 'ProtocolConflict'],
      ['f', 'ProtocolConflict'],
      ['g', 'none'],
    ]);
    expect(status.conditions.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['Accepted', 'True', 'ListenersNotValid'],
      ['Programmed', 'True', 'Programmed'],
    ]);
  });
});

describe('a Gateway whose GatewayClass is not among the input classes', () => {
  test('keeps the initial status (Pending) and its routes get none', () => {
    const c = cluster(`
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: other }
spec: { controllerName: example.com/gateway }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw }
spec:
  gatewayClassName: example
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r }
spec: { parentRefs: [{ name: gw }] }
`);
    const api = c.gatewayApi;
    expect(api.gatewayStatus(api.gateways[0]).conditions.map((x) => [x.status, x.reason, x.message])).toEqual([
      ['Unknown', 'Pending', 'Waiting for controller'],
      ['Unknown', 'Pending', 'Waiting for controller'],
    ]);
    expect(api.routeParents(api.routes[0])).toEqual([]);
  });
});

describe('trace through a Gateway', () => {
  const c = cluster(`${BACKEND}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: apps }
spec:
  gatewayClassName: example
  listeners: [{ name: http, port: 80, protocol: HTTP, hostname: shop.example.com }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: shop, namespace: apps }
spec:
  parentRefs: [{ name: gw }]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /old } }]
    filters: [{ type: RequestRedirect, requestRedirect: { path: { type: ReplacePrefixMatch, replacePrefixMatch: /new }, statusCode: 301 } }]
  - matches: [{ path: { type: PathPrefix, value: /mixed } }]
    backendRefs: [{ name: web, port: 80, weight: 3 }, { name: gone, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /broken } }]
    backendRefs: [{ name: web, port: 8080 }]
  - matches: [{ path: { type: PathPrefix, value: / } }]
    backendRefs: [{ name: web, port: 80 }]
`);
  const run = (url: string) => traceJson(trace(c, url, { external: true })!);

  test('delivered to the Service pods', () => {
    const out = run('http://shop.example.com/');
    expect(out.outcome).toBe('delivered');
    expect((out.destinations as { pod: string; port: number; probability: number }[]).map((d) => [d.pod, d.port, d.probability])).toEqual([
      ['apps/web-0', 8080, 0.5],
      ['apps/web-1', 8080, 0.5],
    ].map(([p, port, pr]) => [expect.stringMatching(/^apps\/web-/), port, pr]));
  });
  test('redirected: location and status', () => {
    const out = run('http://shop.example.com/old/page?x=1');
    expect([out.outcome, out.location, out.status]).toEqual(['redirected', 'http://shop.example.com/new/page?x=1', 301]);
  });
  test('mixed valid and invalid backends: delivered, with the invalid share as errorProbability', () => {
    const out = run('http://shop.example.com/mixed');
    expect(out.outcome).toBe('delivered');
    expect(out.errorProbability).toBe(0.25);
    const dests = out.destinations as { pod?: string; backend?: string; status?: number; probability: number }[];
    expect(dests.filter((d) => d.pod).reduce((s, d) => s + d.probability, 0)).toBeCloseTo(0.75, 12);
    expect(dests.filter((d) => d.backend)).toEqual([{ backend: 'apps/gone', status: 500, probability: 0.25 }]);
  });
  test('every backend invalid (a targetPort given as port): server-error', () => {
    expect(run('http://shop.example.com/broken').outcome).toBe('server-error');
  });
  test('host no listener serves, and no Ingress: not-found from the ingress controller', () => {
    expect(run('http://other.example.com/').outcome).toBe('not-found');
  });
  test('--via ingress skips the Gateway', () => {
    const out = traceJson(trace(c, 'http://shop.example.com/', { external: true }, { via: 'ingress' })!);
    expect((out.hops as { type: string }[])[0].type).toBe('ingress');
  });
});

describe('malformed Gateway API objects never crash the build', () => {
  test.each([
    'spec: 3',
    'spec: { listeners: [null, 5, { name: x }], parentRefs: "gw" }',
    'spec: { parentRefs: [{ name: gw, port: "80" }], rules: [{ matches: [{ path: 7, headers: [{}], queryParams: 3 }], backendRefs: [{ name: 5 }, { name: web, weight: "x" }], filters: [{ type: RequestRedirect, requestRedirect: 3 }] }] }',
    'spec: { hostnames: [5, null], rules: "all" }',
  ])('%s', (spec) => {
    for (const kind of ['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant', 'GatewayClass']) {
      const c = cluster(`apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata: { name: gw }\n${spec}\n`);
      for (const r of c.gatewayApi.routes) c.gatewayApi.routeParents(r);
      for (const g of c.gatewayApi.gateways) c.gatewayApi.gatewayStatus(g);
      expect(trace(c, 'http://x.example.com/', { external: true })).toBeDefined();
    }
  });
});

describe('duplicates', () => {
  test('of two HTTPRoutes with the same namespace and name, the later declaration is the one routed', () => {
    const route = (host: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web }\nspec: { hostnames: [${host}] }\n`;
    const c = cluster(`${route('first.example.com')}---\n${route('second.example.com')}`);
    expect(c.gatewayApi.routes.map((r) => r.hostnames)).toEqual([['second.example.com']]);
  });
});
