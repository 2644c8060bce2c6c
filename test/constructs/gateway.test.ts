/**
 * The Gateway API constructs: Gateway (listeners, TLS, allowedRoutes) and HttpRouteBundle (one
 * HTTPRoute and the Services it fronts), their manifests, the engine's judgement of them, the
 * example app `apps/gateway.ts`, and `toRoute({ via: 'gateway' })`.
 */
import * as fs from 'node:fs';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { GatewayChart } from '../../apps/gateway';
import { Gateway, HttpRouteBundle, lineupFindings } from '../../lib/constructs';
import { simulate } from '../../lib/simulate';
import '../../lib/testing';

function chartWithRoute(port: number | string): { chart: Chart; bundle: HttpRouteBundle } {
  const chart = new Chart(Testing.app(), 'test', { disableResourceNameHashes: true });
  new ApiObject(chart, 'class', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'example' }, spec: { controllerName: 'example.com/gateway-controller' } });
  const gateway = new Gateway(chart, 'gw', { metadata: { name: 'public' }, gatewayClassName: 'example', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });
  const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web' }, replicas: 2, select: false, podMetadata: { labels: { app: 'web' } }, containers: [{ name: 'web', image: 'nginx', ports: [{ number: 8080, name: 'http' }], securityContext: { ensureNonRoot: false } }] });
  web.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
  const bundle = new HttpRouteBundle(chart, 'route', { metadata: { name: 'web' }, parents: [{ gateway, sectionName: 'http' }], hostnames: ['shop.example.com'] }); // origin:route
  const svc = bundle.addService('svc', { metadata: { name: 'web' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 9000, targetPort: 'http' }] });
  bundle.addRule({ matches: [{ path: '/', headers: { 'x-team': 'a' } }], backends: [{ service: svc, port, weight: 3 }] });
  return { chart, bundle };
}

describe('HttpRouteBundle', () => {
  test('a port given by name is written as the Service port number; parentRefs by name and sectionName', () => {
    const { chart } = chartWithRoute('admin');
    const route = Testing.synth(chart).find((o) => o.kind === 'HTTPRoute');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', sectionName: 'http' }],
      hostnames: ['shop.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-team', value: 'a' }] }], backendRefs: [{ name: 'web', port: 9000, weight: 3 }] }],
    });
  });

  test('the engine judges the route: a container port number is not a Service port', () => {
    const { chart } = chartWithRoute(8080);
    const { findings } = lineupFindings(chart);
    expect(findings.map((f) => [f.rule, f.field])).toEqual([['route-backend-port-missing', 'spec.rules[0].backendRefs[0].port']]);
    expect(findings[0].message).toContain('8080 is the targetPort of Service port 80');
  });

  test('a finding on the route leads to the line that created the bundle', () => {
    const { chart } = chartWithRoute(8080);
    const lines = fs.readFileSync(__filename, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('// origin:route'));
    const [finding] = lineupFindings(chart).findings;
    expect([finding.constructPath, finding.origin]).toEqual([
      'test/route/Resource',
      { file: 'test/constructs/gateway.test.ts', line: line + 1, column: lines[line]!.indexOf('new ') + 1 },
    ]);
  });

  test('an unknown port name is left out, so the engine reports the backendRef without a port', () => {
    const { chart } = chartWithRoute('metrics');
    expect(lineupFindings(chart).findings.map((f) => f.rule).sort()).toEqual(['gateway-api-validation', 'route-backend-port-missing']);
  });

  test('toRoute via the Gateway: host, path and headers reach the Service pods on the targetPort', () => {
    const { chart } = chartWithRoute('http');
    expect(chart).toRoute('web', { via: 'gateway', host: 'shop.example.com', path: '/', headers: { 'X-Team': 'a' }, targetPort: 8080, count: 2 });
    expect(chart).not.toRoute('web', { via: 'gateway', host: 'shop.example.com', path: '/' });
  });
});

describe('Gateway', () => {
  test('listeners with TLS and allowedRoutes in the API shape', () => {
    const chart = new Chart(Testing.app(), 'test');
    new Gateway(chart, 'gw', {
      metadata: { name: 'edge', namespace: 'infra' },
      gatewayClassName: 'eg',
      listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { certificateRefs: ['edge-cert', { name: 'shared', namespace: 'certs' }] }, allowedRoutes: { namespaces: { matchLabels: { edge: 'yes' } }, kinds: ['HTTPRoute'] } }],
    }).addListener({ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: 'All' } });
    const gw = Testing.synth(chart).find((o) => o.kind === 'Gateway');
    expect(gw.spec).toEqual({
      gatewayClassName: 'eg',
      listeners: [
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          hostname: '*.example.com',
          tls: { certificateRefs: [{ name: 'edge-cert' }, { name: 'shared', namespace: 'certs' }] },
          allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { edge: 'yes' } } }, kinds: [{ kind: 'HTTPRoute' }] },
        },
        { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      ],
    });
  });
});

describe('the example app apps/gateway.ts', () => {
  const chart = new GatewayChart(new App());
  const sim = simulate(chart);

  test('checks clean', () => expect(sim.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]));

  test('the storefront splits 90/10 between the Services, the canary pods get 5% each', () => {
    const result = sim.trace('http://www.shop.example.org/', { external: true });
    expect(result.outcome).toBe('delivered');
    const byService = new Map<string, number>();
    for (const d of result.destinations) byService.set(d.pod!.replace(/-[^-]+-[^-]+$/, ''), (byService.get(d.pod!.replace(/-[^-]+-[^-]+$/, '')) ?? 0) + d.probability);
    expect([...byService.entries()].map(([k, v]) => [k, Math.round(v * 1000) / 1000])).toEqual([
      ['shop/storefront', 0.9],
      ['shop/storefront-canary', 0.1],
    ]);
  });

  test('the API redirects /v1 to /v2 with 301; /v2 reaches the API pods; gRPC reaches inventory', () => {
    expect(chart).toRoute('shop/api', { via: 'gateway', host: 'api.shop.example.org', path: '/v2/orders', targetPort: 9000, count: 2 });
    expect(chart).toRoute('shop/inventory', { via: 'gateway', scheme: 'grpc', host: 'grpc.shop.example.org', path: '/shop.inventory.v1.Inventory/Get', targetPort: 50051 });
    const redirect = sim.trace('https://api.shop.example.org/v1/orders', { external: true });
    expect([redirect.outcome, redirect.status, redirect.location]).toEqual(['redirected', 301, 'https://api.shop.example.org/v2/orders']);
  });
});
