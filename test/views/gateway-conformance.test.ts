/**
 * The Gateway API conformance suite's request → backend tables, run against the simulator.
 *
 * Manifests: test/fixtures/gateway-conformance/*.yaml are the upstream files unchanged
 * (kubernetes-sigs/gateway-api @ 4564255ac2c35d582249b3cdf261bdf51c8bca32, conformance/base/manifests.yaml
 * and conformance/tests/<name>.yaml). Expectations: the `testCases` tables of the matching
 * conformance/tests/<name>.go, transcribed request by request. Each test loads the base manifests
 * plus one test's file, as the suite applies them, and routes through the Gateway the test uses.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { loadText } from '../../lib/load/load';
import { routeGatewayRequest, type GatewayRequest } from '../../lib/views/gateway-routing';
import { trace } from '../../lib/views/trace';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'gateway-conformance');
const INFRA = 'gateway-conformance-infra';
/** Stands for the Gateway's address in requests that send no Host header. */
const GW_ADDRESS = '192.0.2.10';

function clusterWith(...files: string[]): Cluster {
  const objects = ['manifests.yaml', ...files].flatMap((f) => loadText(fs.readFileSync(path.join(FIXTURES, f), 'utf8'), f).objects);
  return buildCluster(objects, defaultSettings());
}

interface Req {
  path: string;
  host?: string;
  method?: string;
  headers?: Record<string, string>;
  port?: number;
  scheme?: 'http' | 'https' | 'grpc';
  gateway?: string;
}

/** `v1`/`v2`/`v3` for infra-backend-vN, another backend's name, `404`, `500`, or `301 <location>`. */
function send(cluster: Cluster, r: Req): string {
  const [p, q] = r.path.split('?');
  const req: GatewayRequest = {
    scheme: r.scheme ?? 'http',
    host: r.host ?? GW_ADDRESS,
    port: r.port ?? (r.scheme === 'https' ? 443 : 80),
    path: p,
    query: (q ?? '')
      .split('&')
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string]),
    method: r.method ?? 'GET',
    headers: Object.entries(r.headers ?? {}),
    gateway: { namespace: INFRA, name: r.gateway ?? 'same-namespace' },
  };
  const routing = routeGatewayRequest(cluster.gatewayApi, req);
  if (routing.kind !== 'routed') return '404';
  if (routing.redirect) return `${routing.redirect.status} ${routing.redirect.location}`;
  const valid = routing.backends.filter((b) => !b.resolution.problem);
  if (valid.length === 0) return '500';
  if (valid.length !== 1 || valid[0].share !== 1) return valid.map((b) => `${b.resolution.ref.name}=${b.share}`).join(',');
  const name = valid[0].resolution.service!.name;
  return name.replace(/^infra-backend-/, '');
}

describe('conformance/tests/httproute-path-match-order', () => {
  const cluster = clusterWith('httproute-path-match-order.yaml');
  test.each([
    ['/match/exact/one', 'v3'],
    ['/match/exact', 'v2'],
    ['/match', 'v1'],
    ['/match/prefix/one/any', 'v2'],
    ['/match/prefix/any', 'v1'],
    ['/match/any', 'v3'],
  ])('%s → %s', (p, want) => expect(send(cluster, { path: p })).toBe(want));
});

describe('conformance/tests/httproute-exact-path-matching', () => {
  const cluster = clusterWith('httproute-exact-path-matching.yaml');
  test.each([
    ['/one', 'v1'],
    ['/two', 'v2'],
    ['/', '404'],
    ['/one/example', '404'],
    ['/two/', '404'],
    ['/Two', '404'],
  ])('%s → %s', (p, want) => expect(send(cluster, { path: p })).toBe(want));
});

describe('conformance/tests/httproute-matching', () => {
  const cluster = clusterWith('httproute-matching.yaml');
  test.each<[string, Record<string, string>, string]>([
    ['/', {}, 'v1'],
    ['/example', {}, 'v1'],
    ['/', { Version: 'one' }, 'v1'],
    ['/v2', {}, 'v2'],
    ['/v2/example', {}, 'v2'],
    ['/', { Version: 'two' }, 'v2'],
    ['/v2/', {}, 'v2'],
    ['/v2example', {}, 'v1'],
    ['/foo/v2/example', {}, 'v1'],
  ])('%s %j → %s', (p, headers, want) => expect(send(cluster, { path: p, headers })).toBe(want));
});

describe('conformance/tests/httproute-matching-across-routes', () => {
  const cluster = clusterWith('httproute-matching-across-routes.yaml');
  test.each<[string, string, Record<string, string>, string]>([
    ['example.com', '/', {}, 'v1'],
    ['example.com', '/example', {}, 'v1'],
    ['example.net', '/example', {}, 'v1'],
    ['example.com', '/example', { Version: 'one' }, 'v1'],
    ['example.com', '/v2', {}, 'v2'],
    ['example.net', '/v2', {}, 'v1'],
    ['example.com', '/v2/example', {}, 'v2'],
    ['example.com', '/', { Version: 'two' }, 'v2'],
  ])('%s%s %j → %s', (host, p, headers, want) => expect(send(cluster, { host, path: p, headers })).toBe(want));
});

describe('conformance/tests/httproute-header-matching', () => {
  const cluster = clusterWith('httproute-header-matching.yaml');
  test.each<[Record<string, string>, string]>([
    [{ Version: 'one' }, 'v1'],
    [{ Version: 'two' }, 'v2'],
    [{ Version: 'two', Color: 'orange' }, 'v1'],
    [{ Version: 'two', Color: 'blue' }, 'v2'],
    [{ Color: 'orange' }, '404'],
    [{ 'Some-Other-Header': 'one' }, '404'],
    [{ Color: 'blue' }, 'v1'],
    [{ Color: 'green' }, 'v1'],
    [{ Color: 'red' }, 'v2'],
    [{ Color: 'yellow' }, 'v2'],
    [{ Color: 'purple' }, '404'],
  ])('%j → %s', (headers, want) => expect(send(cluster, { path: '/', headers })).toBe(want));
});

describe('conformance/tests/httproute-query-param-matching', () => {
  const cluster = clusterWith('httproute-query-param-matching.yaml');
  test.each<[string, Record<string, string>, string]>([
    ['/?animal=whale', {}, 'v1'],
    ['/?animal=dolphin', {}, 'v2'],
    ['/?animal=dolphin&color=blue', {}, 'v3'],
    ['/?ANIMAL=Whale', {}, 'v3'],
    ['/?animal=whale&otherparam=irrelevant', {}, 'v1'],
    ['/?animal=dolphin&color=yellow', {}, 'v2'],
    ['/?color=blue', {}, '404'],
    ['/?animal=dog', {}, '404'],
    ['/?animal=whaledolphin', {}, '404'],
    ['/', {}, '404'],
    ['/path1?animal=whale', {}, 'v1'],
    ['/?animal=whale', { version: 'one' }, 'v2'],
    ['/path2?animal=whale', { version: 'two' }, 'v3'],
    ['/path3?animal=shark', {}, 'v1'],
    ['/path4?animal=kraken', { version: 'three' }, 'v1'],
    ['/?animal=shark', {}, '404'],
    ['/path4?animal=kraken', {}, '404'],
    ['/path5?animal=hydra', {}, 'v1'],
    ['/?animal=hydra', { version: 'four' }, 'v3'],
  ])('%s %j → %s', (p, headers, want) => expect(send(cluster, { path: p, headers })).toBe(want));
});

describe('conformance/tests/httproute-method-matching', () => {
  const cluster = clusterWith('httproute-method-matching.yaml');
  test.each<[string, string, Record<string, string>, string]>([
    ['POST', '/', {}, 'v1'],
    ['GET', '/', {}, 'v2'],
    ['HEAD', '/', {}, '404'],
    ['GET', '/path1', {}, 'v1'],
    ['PUT', '/', { version: 'one' }, 'v2'],
    ['POST', '/path2', { version: 'two' }, 'v3'],
    ['PATCH', '/path3', {}, 'v1'],
    ['DELETE', '/path4', { version: 'three' }, 'v1'],
    ['PUT', '/', {}, '404'],
    ['DELETE', '/path4', {}, '404'],
    ['PATCH', '/path5', {}, 'v1'],
    ['PATCH', '/', { version: 'four' }, 'v2'],
  ])('%s %s %j → %s', (method, p, headers, want) => expect(send(cluster, { method, path: p, headers })).toBe(want));
});

describe('conformance/tests/httproute-hostname-intersection', () => {
  const cluster = clusterWith('httproute-hostname-intersection.yaml');
  const gateway = 'httproute-hostname-intersection';
  test.each([
    ['very.specific.com', '/s1', 'v1'],
    ['non.matching.com', '/s1', '404'],
    ['foo.nonmatchingwildcard.io', '/s1', '404'],
    ['foo.wildcard.io', '/s1', '404'],
    ['foo.wildcard.io', '/s2', 'v2'],
    ['bar.wildcard.io', '/s2', 'v2'],
    ['foo.bar.wildcard.io', '/s2', 'v2'],
    ['wildcard.io', '/s2', '404'],
    ['very.specific.com', '/s2', '404'],
    ['very.specific.com', '/s3', 'v3'],
    ['foo.specific.com', '/s3', '404'],
    ['foo.anotherwildcard.io', '/s4', 'v1'],
    ['foo.bar.anotherwildcard.io', '/s4', 'v1'],
    ['anotherwildcard.io', '/s4', '404'],
  ])('%s%s → %s', (host, p, want) => expect(send(cluster, { gateway, host, path: p })).toBe(want));

  test.each([
    ['first.com', 'v2'],
    ['sub.first.com', 'v2'],
    ['second.com', 'v2'],
    ['sub.second.com', 'v2'],
    ['third.com', '404'],
    ['sub.third.com', '404'],
  ])('listener without hostname: %s → %s', (host, want) => expect(send(cluster, { gateway: 'httproute-hostname-intersection-all', host, path: '/' })).toBe(want));

  test('a route whose hostnames meet no listener is not accepted (NoMatchingListenerHostname); attachedRoutes 2/1/1', () => {
    const api = cluster.gatewayApi;
    const route = api.routes.find((r) => r.name === 'no-intersecting-hosts')!;
    expect(api.routeParents(route).map((p) => [p.accepted.status, p.accepted.reason])).toEqual([['False', 'NoMatchingListenerHostname']]);
    const gw = api.gateway(INFRA, gateway)!;
    expect(api.gatewayStatus(gw).listeners.map((l) => [l.listener.name, l.attachedRoutes])).toEqual([
      ['listener-1', 2],
      ['listener-2', 1],
      ['listener-3', 1],
    ]);
  });
});

describe('conformance/tests/httproute-listener-hostname-matching', () => {
  const cluster = clusterWith('httproute-listener-hostname-matching.yaml');
  const gateway = 'httproute-listener-hostname-matching';
  test.each([
    ['bar.com', 'v1'],
    ['foo.bar.com', 'v2'],
    ['baz.bar.com', 'v3'],
    ['boo.bar.com', 'v3'],
    ['multiple.prefixes.bar.com', 'v3'],
    ['multiple.prefixes.foo.com', 'v3'],
    ['foo.com', '404'],
    ['no.matching.host', '404'],
  ])('%s → %s', (host, want) => expect(send(cluster, { gateway, host, path: '/' })).toBe(want));
});

describe('conformance/tests/httproute-weight', () => {
  test('shares 70/30/0 (weight 0 never chosen)', () => {
    const cluster = clusterWith('httproute-weight.yaml');
    expect(send(cluster, { path: '/' })).toBe('infra-backend-v1=0.7,infra-backend-v2=0.3');
  });
});

describe('conformance/tests/httproute-redirect-*', () => {
  test.each([
    ['httproute-redirect-host-and-status.yaml', '/hostname-redirect', '302 http://example.org/hostname-redirect'],
    ['httproute-redirect-host-and-status.yaml', '/host-and-status', '301 http://example.org/host-and-status'],
    ['httproute-redirect-path.yaml', '/original-prefix/lemon', `302 http://${GW_ADDRESS}/replacement-prefix/lemon`],
    ['httproute-redirect-path.yaml', '/full/path/original', `302 http://${GW_ADDRESS}/full-path-replacement`],
    ['httproute-redirect-path.yaml', '/path-and-host', '302 http://example.org/replacement-prefix'],
    ['httproute-redirect-path.yaml', '/path-and-status', `301 http://${GW_ADDRESS}/replacement-prefix`],
    ['httproute-redirect-path.yaml', '/full-path-and-host', '302 http://example.org/replacement-full'],
    ['httproute-redirect-path.yaml', '/full-path-and-status', `301 http://${GW_ADDRESS}/replacement-full`],
    ['httproute-redirect-scheme.yaml', '/scheme', `302 https://${GW_ADDRESS}/scheme`],
    ['httproute-redirect-port.yaml', '/port', `302 http://${GW_ADDRESS}:8083/port`],
  ])('%s %s → %s', (file, p, want) => expect(send(clusterWith(file), { path: p })).toBe(want));

  const ports = clusterWith('httproute-redirect-port-and-scheme.yaml');
  test.each<[string, number, string, string, string]>([
    ['same-namespace', 80, 'http', '/scheme-nil-and-port-nil', '302 http://example.org/scheme-nil-and-port-nil'],
    ['same-namespace', 80, 'http', '/scheme-nil-and-port-80', '302 http://example.org/scheme-nil-and-port-80'],
    ['same-namespace', 80, 'http', '/scheme-nil-and-port-8080', '302 http://example.org:8080/scheme-nil-and-port-8080'],
    ['same-namespace', 80, 'http', '/scheme-https-and-port-nil', '302 https://example.org/scheme-https-and-port-nil'],
    ['same-namespace', 80, 'http', '/scheme-https-and-port-443', '302 https://example.org/scheme-https-and-port-443'],
    ['same-namespace', 80, 'http', '/scheme-https-and-port-8443', '302 https://example.org:8443/scheme-https-and-port-8443'],
    ['same-namespace-with-http-listener-on-8080', 8080, 'http', '/scheme-nil-and-port-nil', '302 http://example.org:8080/scheme-nil-and-port-nil'],
    ['same-namespace-with-http-listener-on-8080', 8080, 'http', '/scheme-nil-and-port-80', '302 http://example.org/scheme-nil-and-port-80'],
    ['same-namespace-with-http-listener-on-8080', 8080, 'http', '/scheme-https-and-port-nil', '302 https://example.org/scheme-https-and-port-nil'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-nil-and-port-nil', '302 https://example.org/scheme-nil-and-port-nil'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-nil-and-port-443', '302 https://example.org/scheme-nil-and-port-443'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-nil-and-port-8443', '302 https://example.org:8443/scheme-nil-and-port-8443'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-http-and-port-nil', '302 http://example.org/scheme-http-and-port-nil'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-http-and-port-80', '302 http://example.org/scheme-http-and-port-80'],
    ['same-namespace-with-https-listener', 443, 'https', '/scheme-http-and-port-8080', '302 http://example.org:8080/scheme-http-and-port-8080'],
  ])('port-and-scheme: %s :%d %s %s → %s', (gateway, port, scheme, p, want) =>
    expect(send(ports, { gateway, port, scheme: scheme as 'http' | 'https', host: 'example.org', path: p })).toBe(want),
  );
});

describe('conformance/tests/httproute-rewrite-path', () => {
  const cluster = clusterWith('httproute-rewrite-path.yaml');
  test.each([
    ['/prefix/one/two', '/one/two'],
    ['/strip-prefix/three', '/three'],
    ['/strip-prefix', '/'],
    ['/full/one/two', '/one'],
    ['/full/rewrite-path-and-modify-headers/test', '/test'],
    ['/prefix/rewrite-path-and-modify-headers/one', '/prefix/one'],
  ])('%s reaches infra-backend-v1 as %s', (p, want) => {
    const routing = routeGatewayRequest(cluster.gatewayApi, { scheme: 'http', host: GW_ADDRESS, port: 80, path: p, query: [], method: 'GET', headers: [], gateway: { namespace: INFRA, name: 'same-namespace' } });
    if (routing.kind !== 'routed') throw new Error(`${p}: ${routing.kind}`);
    expect(routing.rewrite?.path).toBe(want);
    expect(routing.backends.map((b) => b.resolution.service?.name)).toEqual(['infra-backend-v1']);
  });
});

describe('reference grants and invalid backendRefs', () => {
  function refsCondition(file: string, route: string): [string, string] {
    const cluster = clusterWith(file);
    const r = cluster.gatewayApi.routes.find((x) => x.name === route)!;
    const parents = cluster.gatewayApi.routeParents(r);
    return [parents[0].resolvedRefs.status, parents[0].resolvedRefs.reason];
  }

  test('httproute-reference-grant: granted backend in another namespace is served', () => {
    expect(send(clusterWith('httproute-reference-grant.yaml'), { path: '/' })).toBe('web-backend');
  });

  test('httproute-invalid-reference-grant: near-miss grants leave the reference RefNotPermitted; 500', () => {
    const file = 'httproute-invalid-reference-grant.yaml';
    expect(refsCondition(file, 'reference-grant')).toEqual(['False', 'RefNotPermitted']);
    expect(send(clusterWith(file), { path: '/' })).toBe('500');
  });

  test('httproute-invalid-cross-namespace-backend-ref: RefNotPermitted; 500', () => {
    const file = 'httproute-invalid-cross-namespace-backend-ref.yaml';
    expect(refsCondition(file, 'invalid-cross-namespace-backend-ref')).toEqual(['False', 'RefNotPermitted']);
    expect(send(clusterWith(file), { path: '/' })).toBe('500');
  });

  test('httproute-invalid-nonexistent-backendref: BackendNotFound; 500', () => {
    const file = 'httproute-invalid-nonexistent-backendref.yaml';
    expect(refsCondition(file, 'invalid-nonexistent-backend-ref')).toEqual(['False', 'BackendNotFound']);
    expect(send(clusterWith(file), { path: '/' })).toBe('500');
  });

  test('httproute-invalid-backendref-unknown-kind: InvalidKind; 500', () => {
    const file = 'httproute-invalid-backendref-unknown-kind.yaml';
    expect(refsCondition(file, 'invalid-backend-ref-unknown-kind')).toEqual(['False', 'InvalidKind']);
    expect(send(clusterWith(file), { path: '/' })).toBe('500');
  });
});

describe('parents that do not accept the route', () => {
  function accepted(file: string, route: string, namespace?: string): [string, string][] {
    const cluster = clusterWith(file);
    const r = cluster.gatewayApi.routes.find((x) => x.name === route && (namespace === undefined || x.namespace === namespace))!;
    return cluster.gatewayApi.routeParents(r).map((p) => [p.accepted.status, p.accepted.reason]);
  }
  test.each([
    ['httproute-invalid-cross-namespace-parent-ref.yaml', 'invalid-cross-namespace-parent-ref', 'NotAllowedByListeners'],
    ['httproute-invalid-parentref-not-matching-listener-port.yaml', 'httproute-listener-not-matching-route-port', 'NoMatchingParent'],
    ['httproute-invalid-parentref-not-matching-section-name.yaml', 'httproute-listener-not-matching-section-name', 'NoMatchingParent'],
    ['httproute-invalid-parentref-section-name-not-matching-port.yaml', 'httproute-listener-section-name-not-matching-port', 'NoMatchingParent'],
  ])('%s: Accepted False %s', (file, route, reason) => expect(accepted(file, route)).toEqual([['False', reason]]));
});

describe('conformance/tests/grpcroute-exact-method-matching', () => {
  const cluster = clusterWith('grpcroute-exact-method-matching.yaml');
  const service = 'gateway_api_conformance.echo_basic.grpcecho.GrpcEcho';
  test.each([
    ['Echo', 'grpc-infra-backend-v1'],
    ['EchoTwo', 'grpc-infra-backend-v2'],
    ['EchoThree', '404'],
  ])('%s → %s', (method, want) => expect(send(cluster, { scheme: 'grpc', path: `/${service}/${method}` })).toBe(want));

  test('trace: a method no rule matches is not-found (gRPC UNIMPLEMENTED)', () => {
    const result = trace(cluster, `grpc://${GW_ADDRESS}/${service}/EchoThree`, { external: true }, { via: { namespace: INFRA, name: 'same-namespace' } })!;
    expect(result.outcome).toBe('not-found');
    expect(result.hops[0].detail).toContain('gRPC UNIMPLEMENTED');
  });
});
