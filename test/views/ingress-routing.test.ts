/**
 * Ingress routing (kubernetes.io, concepts/services-networking/ingress): the page's path-type examples, the wildcard host table
 * and every case of the ingress-controller-conformance features.
 */
import type { Cluster, SimIngress, SimIngressBackend, SimIngressPath } from '../../lib/cluster/model';
import fc from 'fast-check';
import { matchHost, matchPath, routeRequest, type PathType } from '../../lib/views/ingress-routing';

type P = [path: string, pathType: PathType, service: string, port?: number | string];

function backend(service: string, port: number | string = 8080): SimIngressBackend {
  return typeof port === 'number' ? { serviceName: service, portNumber: port, field: 'x' } : { serviceName: service, portName: port, field: 'x' };
}

function ingress(name: string, spec: { rules?: { host?: string; paths: P[] }[]; defaultBackend?: string; served?: boolean; ns?: string }): SimIngress {
  return {
    namespace: spec.ns ?? 'default',
    name,
    served: spec.served ?? true,
    defaultBackend: spec.defaultBackend ? backend(spec.defaultBackend) : undefined,
    rules: (spec.rules ?? []).map((r) => ({
      host: r.host ?? '',
      paths: r.paths.map(([path, pathType, svc, port]): SimIngressPath => ({ path, pathType, backend: backend(svc, port) })),
    })),
    tls: [],
  } as unknown as SimIngress;
}

function cluster(ingresses: SimIngress[]): Cluster {
  return { ingresses } as unknown as Cluster;
}

/** The service the request lands on, or 404. */
function route(c: Cluster, host: string, path: string, scheme: 'http' | 'https' = 'http'): string {
  const r = routeRequest(c, { host, path, scheme });
  return r.status === 404 ? '404' : r.backend?.serviceName ?? '?';
}

describe('path-type examples of the Ingress concept page (kubernetes.io/docs/concepts/services-networking/ingress, "Examples")', () => {
  const cases: { paths: P[]; request: string; want: string }[] = [
    { paths: [['/', 'Prefix', 'root']], request: '/', want: 'root' },
    { paths: [['/', 'Prefix', 'root']], request: '/anything/at/all', want: 'root' },
    { paths: [['/foo', 'Exact', 'foo']], request: '/foo', want: 'foo' },
    { paths: [['/foo', 'Exact', 'foo']], request: '/bar', want: '404' },
    { paths: [['/foo', 'Exact', 'foo']], request: '/foo/', want: '404' },
    { paths: [['/foo/', 'Exact', 'foo']], request: '/foo', want: '404' },
    { paths: [['/foo', 'Prefix', 'foo']], request: '/foo', want: 'foo' },
    { paths: [['/foo', 'Prefix', 'foo']], request: '/foo/', want: 'foo' },
    { paths: [['/foo/', 'Prefix', 'foo']], request: '/foo', want: 'foo' },
    { paths: [['/foo/', 'Prefix', 'foo']], request: '/foo/', want: 'foo' },
    { paths: [['/aaa/bb', 'Prefix', 'bb']], request: '/aaa/bbb', want: '404' },
    { paths: [['/aaa/bbb', 'Prefix', 'bbb']], request: '/aaa/bbb', want: 'bbb' },
    { paths: [['/aaa/bbb/', 'Prefix', 'bbb']], request: '/aaa/bbb', want: 'bbb' },
    { paths: [['/aaa/bbb', 'Prefix', 'bbb']], request: '/aaa/bbb/', want: 'bbb' },
    { paths: [['/aaa/bbb', 'Prefix', 'bbb']], request: '/aaa/bbb/ccc', want: 'bbb' },
    { paths: [['/aaa/bbb', 'Prefix', 'bbb']], request: '/aaa/bbbxyz', want: '404' },
    { paths: [['/', 'Prefix', 'root'], ['/aaa', 'Prefix', 'aaa']], request: '/aaa/ccc', want: 'aaa' },
    { paths: [['/', 'Prefix', 'root'], ['/aaa', 'Prefix', 'aaa'], ['/aaa/bbb', 'Prefix', 'bbb']], request: '/aaa/bbb', want: 'bbb' },
    { paths: [['/', 'Prefix', 'root'], ['/aaa', 'Prefix', 'aaa'], ['/aaa/bbb', 'Prefix', 'bbb']], request: '/ccc', want: 'root' },
    { paths: [['/foo', 'Prefix', 'prefix'], ['/foo', 'Exact', 'exact']], request: '/foo', want: 'exact' },
    { paths: [['/foo', 'Exact', 'exact'], ['/foo', 'Prefix', 'prefix']], request: '/foo', want: 'exact' },
    // `/foo` and `/foo/` Prefix both match `/foo`: the longer path wins.
    { paths: [['/foo', 'Prefix', 'short'], ['/foo/', 'Prefix', 'long']], request: '/foo', want: 'long' },
    // Query strings are not part of the path.
    { paths: [['/foo', 'Exact', 'foo']], request: '/foo?x=1', want: 'foo' },
  ];
  test.each(cases)('$paths.0.1 $request → $want', ({ paths, request, want }) => {
    expect(route(cluster([ingress('site', { rules: [{ host: 'example.com', paths }] })]), 'example.com', request)).toBe(want);
  });
  test('/aaa only, /ccc → defaultBackend', () => {
    const c = cluster([ingress('site', { rules: [{ paths: [['/aaa', 'Prefix', 'aaa']] }], defaultBackend: 'fallback' })]);
    expect(route(c, 'example.com', '/ccc')).toBe('fallback');
    expect(route(c, 'example.com', '/aaa')).toBe('aaa');
  });
});

describe('matchHost (the Ingress concept page\'s hostname wildcards table)', () => {
  test.each([
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
    ['*.foo.com', '.foo.com', false],
    ['foo.bar.com', 'foo.bar.com', true],
    ['foo.bar.com', 'FOO.bar.com:8080', true],
    ['foo.bar.com', 'bar.com', false],
    ['', 'anything.example', true],
    ['', '', true],
  ])('%s vs %s → %s', (rule, host, want) => {
    expect(matchHost(rule, host)).toBe(want);
  });
});

describe('matchPath', () => {
  test.each([
    ['Exact', '/foo', '/FOO', false],
    ['Prefix', '/foo', '/FOO', false],
    ['Prefix', '/', '', true],
    ['ImplementationSpecific', '/foo', '/foo/bar', true],
    ['ImplementationSpecific', '', '/anything', true],
    ['Prefix', '/foo/bar', '/foo//bar', true],
  ] as [PathType, string, string, boolean][])('%s %s vs %s → %s', (type, path, req, want) => {
    expect(matchPath(type, path, req)).toBe(want);
  });
});

describe('features of kubernetes-sigs/ingress-controller-conformance', () => {
  test('default_backend: any method, host and path go to the default backend', () => {
    const c = cluster([ingress('default-backend', { defaultBackend: 'echo-service' })]);
    for (const [host, path] of [
      ['my-host', '/'],
      ['my-host', '/sub-path'],
      ['some-host', '/'],
      ['', '/resource'],
    ]) {
      const r = routeRequest(c, { host, path });
      expect(r.status).toBe(200);
      expect(r.backend).toEqual({ serviceName: 'echo-service', portNumber: 8080, field: 'x' });
      expect(r.path).toBeUndefined();
    }
  });

  test('host_rules', () => {
    const c = cluster([
      ingress('host-rules', {
        rules: [
          { host: '*.foo.com', paths: [['/', 'Prefix', 'wildcard-foo-com']] },
          { host: 'foo.bar.com', paths: [['/', 'Prefix', 'foo-bar-com', 'http']] },
        ],
      }),
    ]);
    expect(route(c, 'foo.bar.com', '/', 'https')).toBe('foo-bar-com');
    expect(route(c, 'foo.bar.com', '/')).toBe('foo-bar-com');
    expect(routeRequest(c, { host: 'foo.bar.com', path: '/' }).backend).toMatchObject({ portName: 'http' });
    expect(route(c, 'subdomain.bar.com', '/')).toBe('404');
    expect(route(c, 'bar.foo.com', '/')).toBe('wildcard-foo-com');
    expect(route(c, 'baz.bar.foo.com', '/')).toBe('404');
    expect(route(c, 'foo.com', '/')).toBe('404');
  });

  describe('path_rules', () => {
    const c = cluster([
      ingress('exact', { rules: [{ host: 'exact-path-rules', paths: [['/foo', 'Exact', 'foo-exact']] }] }),
      ingress('prefix', {
        rules: [
          {
            host: 'prefix-path-rules',
            paths: [
              ['/foo', 'Prefix', 'foo-prefix'],
              ['/aaa/bbb', 'Prefix', 'aaa-slash-bbb-prefix'],
              ['/aaa', 'Prefix', 'aaa-prefix'],
            ],
          },
        ],
      }),
      ingress('mixed', {
        rules: [
          {
            host: 'mixed-path-rules',
            paths: [
              ['/foo', 'Prefix', 'foo-prefix'],
              ['/foo', 'Exact', 'foo-exact'],
            ],
          },
        ],
      }),
      ingress('trailing', {
        rules: [
          {
            host: 'trailing-slash-path-rules',
            paths: [
              ['/aaa/bbb/', 'Prefix', 'aaa-slash-bbb-slash-prefix'],
              ['/foo/', 'Exact', 'foo-slash-exact'],
            ],
          },
        ],
      }),
    ]);
    test.each([
      ['exact-path-rules', '/foo', 'foo-exact'],
      ['exact-path-rules', '/foo/', '404'],
      ['exact-path-rules', '/FOO', '404'],
      ['exact-path-rules', '/bar', '404'],
      ['prefix-path-rules', '/foo', 'foo-prefix'],
      ['prefix-path-rules', '/foo/', 'foo-prefix'],
      ['prefix-path-rules', '/FOO', '404'],
      ['prefix-path-rules', '/aaa/bbb', 'aaa-slash-bbb-prefix'],
      ['prefix-path-rules', '/aaa/bbb/ccc', 'aaa-slash-bbb-prefix'],
      ['prefix-path-rules', '/aaa/ccc', 'aaa-prefix'],
      ['prefix-path-rules', '/aaaccc', '404'],
      ['mixed-path-rules', '/foo', 'foo-exact'],
      ['trailing-slash-path-rules', '/aaa/bbb', 'aaa-slash-bbb-slash-prefix'],
      ['trailing-slash-path-rules', '/aaa/bbb/', 'aaa-slash-bbb-slash-prefix'],
      ['trailing-slash-path-rules', '/foo', '404'],
    ])('%s %s → %s', (host, path, want) => {
      expect(route(c, host, path)).toBe(want);
    });
  });

  test('ingress_class: an Ingress that is not served routes nothing', () => {
    const c = cluster([ingress('invalid-class', { served: false, defaultBackend: 'echo-service', rules: [{ host: 'x', paths: [['/', 'Prefix', 'echo']] }] })]);
    const r = routeRequest(c, { host: 'x', path: '/' });
    expect(r.status).toBe(404);
    expect(r.reason).toContain('no Ingress is served');
  });
});

describe('precedence across Ingresses', () => {
  test('a precise host beats a wildcard beats no host', () => {
    const c = cluster([
      ingress('a-any', { rules: [{ paths: [['/', 'Prefix', 'any']] }] }),
      ingress('b-wild', { rules: [{ host: '*.example.com', paths: [['/', 'Prefix', 'wild']] }] }),
      ingress('c-exact', { rules: [{ host: 'www.example.com', paths: [['/', 'Prefix', 'exact']] }] }),
    ]);
    expect(route(c, 'www.example.com', '/')).toBe('exact');
    expect(route(c, 'api.example.com', '/')).toBe('wild');
    expect(route(c, 'other.org', '/')).toBe('any');
  });

  test('paths of the same host merge across Ingresses; equal paths go to the first by namespace/name', () => {
    const c = cluster([
      ingress('zz', { rules: [{ host: 'h', paths: [['/api', 'Prefix', 'zz-api']] }] }),
      ingress('aa', { rules: [{ host: 'h', paths: [['/', 'Prefix', 'aa-root'], ['/api', 'Prefix', 'aa-api']] }] }),
    ]);
    expect(route(c, 'h', '/api/v1')).toBe('aa-api');
    expect(route(c, 'h', '/')).toBe('aa-root');
    const r = routeRequest(c, { host: 'h', path: '/api' });
    expect(r.ingress?.name).toBe('aa');
    expect(r.reason).toBe('Ingress default/aa routes host "h" path "/api" (Prefix) to service aa-api:8080');
  });

  test('no path under the chosen host: that Ingress\'s defaultBackend, else any defaultBackend, else 404', () => {
    const withOwn = cluster([
      ingress('catch-all', { defaultBackend: 'global' }),
      ingress('site', { rules: [{ host: 'h', paths: [['/app', 'Prefix', 'app']] }], defaultBackend: 'site-default' }),
    ]);
    expect(route(withOwn, 'h', '/other')).toBe('site-default');
    expect(route(withOwn, 'elsewhere', '/')).toBe('global');
    const globalOnly = cluster([ingress('catch-all', { defaultBackend: 'global' }), ingress('site', { rules: [{ host: 'h', paths: [['/app', 'Prefix', 'app']] }] })]);
    expect(route(globalOnly, 'h', '/other')).toBe('global');
    const none = cluster([ingress('site', { rules: [{ host: 'h', paths: [['/app', 'Prefix', 'app']] }] })]);
    const r = routeRequest(none, { host: 'h', path: '/other' });
    expect(r.status).toBe(404);
    expect(r.reason).toBe('no path of the rules for "h" matches "/other" and no served Ingress has a defaultBackend: the controller answers 404');
  });
});

describe('hostile requests', () => {
  test('arbitrary host and path never throw', () => {
    const c = cluster([
      ingress('a', { rules: [{ host: '*.foo.com', paths: [['/', 'Prefix', 'w']] }, { paths: [['/x', 'Exact', 'x'], ['', 'ImplementationSpecific', 'i']] }] }),
    ]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (host, path) => {
        const r = routeRequest(c, { host, path });
        expect([200, 404]).toContain(r.status);
        expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
