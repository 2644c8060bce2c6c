/**
 * `lineup get gateways|httproutes|grpcroutes` and `lineup trace --via/--method/--header`, in-process
 * through `run(argv, io)`. Columns: the CRDs' additionalPrinterColumns of kubernetes-sigs/gateway-api
 * (config/crd/standard/*.yaml) without AGE; a list value printed as compact JSON and a missing one
 * as an empty cell, as the apiextensions table convertor does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lineup } from './in-process';


const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ containerPort: 8080, name: http }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: example }
spec: { controllerName: example.com/gateway-controller }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: public, namespace: shop }
spec:
  gatewayClassName: example
  listeners: [{ name: http, port: 80, protocol: HTTP }]
status:
  addresses: [{ type: IPAddress, value: 198.51.100.7 }, { type: IPAddress, value: 198.51.100.8 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: shop }
spec:
  parentRefs: [{ name: public }]
  hostnames: [shop.example.com, www.shop.example.com]
  rules:
  - matches: [{ path: { type: PathPrefix, value: /admin }, headers: [{ name: x-admin, value: "yes" }] }]
    backendRefs: [{ name: web, port: 80 }]
  - matches: [{ path: { type: PathPrefix, value: /admin } }]
    filters: [{ type: RequestRedirect, requestRedirect: { hostname: login.example.com } }]
  - backendRefs: [{ name: web, port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: { name: echo, namespace: shop }
spec:
  parentRefs: [{ name: public }]
  rules: [{ matches: [{ method: { service: echo.Echo } }], backendRefs: [{ name: web, port: 80 }] }]
`;

let file: string;
beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-gw-'));
  file = path.join(dir, 'app.yaml');
  fs.writeFileSync(file, MANIFESTS);
});

describe('get', () => {
  test('gateways: NAME CLASS ADDRESS (first address only) PROGRAMMED', async () => {
    const r = await lineup(['get', 'gtw', file, '-n', 'shop']);
    expect(r.out).toBe('NAME     CLASS     ADDRESS        PROGRAMMED\npublic   example   198.51.100.7   True\n');
  });

  test('httproutes and grpcroutes: HOSTNAMES as compact JSON, empty when unset', async () => {
    expect((await lineup(['get', 'httproutes', file, '-n', 'shop'])).out).toBe('NAME   HOSTNAMES\nweb    ["shop.example.com","www.shop.example.com"]\n');
    expect((await lineup(['get', 'grpcroutes', file, '-n', 'shop'])).out).toBe('NAME   HOSTNAMES\necho   \n');
  });

  test('-o json: the route with defaults and the status its controller writes', async () => {
    const list = JSON.parse((await lineup(['get', 'httproutes', file, '-n', 'shop', '-o', 'json'])).out);
    const route = list.items[0];
    expect(route.spec.parentRefs).toEqual([{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public' }]);
    expect(route.spec.rules[2].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(route.spec.rules[1].filters[0].requestRedirect.statusCode).toBe(302);
    expect(route.status.parents).toHaveLength(1);
    expect(route.status.parents[0].controllerName).toBe('example.com/gateway-controller');
    expect(route.status.parents[0].conditions.map((c: { type: string; status: string; reason: string }) => [c.type, c.status, c.reason])).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
    ]);
  });

  test('-o yaml of a Gateway: listener status with attachedRoutes (the HTTPRoute and the GRPCRoute)', async () => {
    const out = (await lineup(['get', 'gateways', file, '-n', 'shop', '-o', 'json'])).out;
    const gw = JSON.parse(out).items[0];
    expect(gw.spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect(gw.status.listeners).toEqual([
      expect.objectContaining({ name: 'http', attachedRoutes: 2, supportedKinds: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' }, { group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }] }),
    ]);
    expect(gw.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'Programmed=True']);
  });
});

describe('trace', () => {
  const traceJson = async (...args: string[]) => {
    const r = await lineup(['trace', ...args, file, '--from-external', '-o', 'json']);
    expect(r.err).toBe('');
    return JSON.parse(r.out);
  };

  test('--header picks the rule with more header matches', async () => {
    const out = await traceJson('http://shop.example.com/admin', '--header', 'X-Admin: yes');
    expect(out.outcome).toBe('delivered');
    expect(out.hops[0]).toEqual(expect.objectContaining({ type: 'gateway', route: 'HTTPRoute shop/web', match: 'spec.rules[0].matches[0]' }));
  });

  test('without the header: the redirect', async () => {
    const out = await traceJson('http://shop.example.com/admin/users?page=2');
    expect([out.outcome, out.location, out.status]).toEqual(['redirected', 'http://login.example.com/admin/users?page=2', 302]);
  });

  test('grpc:// goes through the GRPCRoute; an unknown method is not-found', async () => {
    expect((await traceJson('grpc://shop.example.com/echo.Echo/Ping')).outcome).toBe('delivered');
    expect((await traceJson('grpc://shop.example.com/other.Svc/Ping')).outcome).toBe('not-found');
  });

  test.each([
    [['--via', 'gateway/shop/nope'], 'no Gateway shop/nope'],
    [['--via', 'sideways'], 'unknown --via "sideways"'],
    [['--header', 'no-colon'], 'invalid --header "no-colon"'],
  ])('%j is a usage error', async (args, message) => {
    const r = await lineup(['trace', 'http://shop.example.com/', file, '--from-external', ...args]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  test('--via needs --from-external', async () => {
    const r = await lineup(['trace', 'http://shop.example.com/', file, '--from', 'shop/web', '--via', 'gateway']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--via needs --from-external');
  });
});
