// Rendering only: the engine is replaced so these tests judge what the constructs write.
jest.mock('../../lib/engine', () => ({ checkObjects: () => [] }));

import { ClusterIPService, IngressBundle, NodePortService } from '../../lib/constructs';
import { newChart, only, synth } from './helpers';

describe('IngressBundle', () => {
  test('hosts, paths of every type, default backend, TLS, class; backends by name and number', () => {
    const chart = newChart();
    const bundle = new IngressBundle(chart, 'web', {
      metadata: { name: 'web' },
      ingressClassName: 'nginx',
    });
    const foo = bundle.addService('foo', { metadata: { name: 'foo' }, selector: { app: 'foo' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const bar = bundle.addService('bar', {
      metadata: { name: 'bar' },
      selector: { app: 'bar' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'admin', port: 9000 }],
    });
    const fallback = new ClusterIPService(chart, 'fallback', { metadata: { name: 'default-http-backend' }, selector: { app: 'fallback' }, ports: [{ port: 8080 }] });
    bundle.addHostRule('foo.example.com', '/', { service: foo });
    bundle.addHostRule('bar.example.com', '/api', { service: bar, port: 'http' }, 'Prefix');
    bundle.addHostRule('bar.example.com', '/healthz', { service: bar, port: 9000 }, 'Exact');
    bundle.addRule('/legacy', { service: 'legacy-svc', port: 8080 }, 'ImplementationSpecific');
    bundle.setDefaultBackend({ service: fallback });
    bundle.addTls(['foo.example.com', 'bar.example.com'], 'web-tls');

    expect(bundle.services).toEqual([foo, bar]);
    const ing = only(chart, 'Ingress');
    expect(ing.apiVersion).toBe('networking.k8s.io/v1');
    expect(ing.metadata).toEqual({ name: 'web' });
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'default-http-backend', port: { number: 8080 } } },
      rules: [
        { host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'foo', port: { name: 'http' } } } }] } },
        {
          host: 'bar.example.com',
          http: {
            paths: [
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'bar', port: { name: 'http' } } } },
              { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'bar', port: { number: 9000 } } } },
            ],
          },
        },
        { http: { paths: [{ path: '/legacy', pathType: 'ImplementationSpecific', backend: { service: { name: 'legacy-svc', port: { number: 8080 } } } }] } },
      ],
      tls: [{ hosts: ['foo.example.com', 'bar.example.com'], secretName: 'web-tls' }],
    });
    const services = synth(chart).filter((o) => o.kind === 'Service').map((s) => s.metadata.name);
    expect(services).toEqual(['foo', 'bar', 'default-http-backend']);
    expect(synth(chart)).toMatchSnapshot();
  });

  test('rules from props keep their order; later paths join the rule of their host', () => {
    const chart = newChart();
    const svc = new NodePortService(chart, 'svc', { metadata: { name: 'svc' }, selector: { a: 'b' }, ports: [{ port: 80 }] });
    const bundle = new IngressBundle(chart, 'ing', {
      rules: [{ host: 'a.example.com', paths: [{ backend: { service: svc } }] }],
      defaultBackend: { service: svc, port: 80 },
      tls: [{ secretName: 'any' }],
    });
    bundle.addHostRule('a.example.com', '/two', { service: svc }, 'Exact');
    const spec = only(chart, 'Ingress').spec;
    expect(spec.rules).toEqual([{
      host: 'a.example.com',
      http: {
        paths: [
          { path: '/', pathType: 'Prefix', backend: { service: { name: 'svc', port: { number: 80 } } } },
          { path: '/two', pathType: 'Exact', backend: { service: { name: 'svc', port: { number: 80 } } } },
        ],
      },
    }]);
    expect(spec.tls).toEqual([{ secretName: 'any' }]);
    expect(spec.ingressClassName).toBeUndefined();
  });

  test('the default port is chosen at synth: a port added later counts', () => {
    const chart = newChart();
    const svc = new ClusterIPService(chart, 'svc', { metadata: { name: 'svc' }, selector: { a: 'b' } });
    const bundle = new IngressBundle(chart, 'ing');
    bundle.addRule('/', { service: svc });
    svc.addPort({ name: 'web', port: 8080 });
    expect(only(chart, 'Ingress').spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'svc', port: { name: 'web' } } });
  });

  test('several ports and no port chosen: no port is written (the engine reports it)', () => {
    const chart = newChart();
    const svc = new ClusterIPService(chart, 'svc', { metadata: { name: 'svc' }, selector: { a: 'b' }, ports: [{ name: 'a', port: 1 }, { name: 'b', port: 2 }] });
    new IngressBundle(chart, 'ing', { defaultBackend: { service: svc } });
    expect(only(chart, 'Ingress').spec.defaultBackend).toEqual({ service: { name: 'svc' } });
  });
});
