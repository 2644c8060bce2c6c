/**
 * HeadlessService with a StatefulSet backend becomes its governing Service (spec.serviceName), and
 * the headless Service cdk8s-plus makes for every StatefulSet is gone from the output. Checked with
 * the real engine: no statefulset-service-missing finding, and `<sts>-0.<service>` resolves (the
 * per-pod records a headless Service publishes for pods with hostname and subdomain, Kubernetes
 * DNS-Based Service Discovery specification, kubernetes/dns docs/specification.md).
 */
import { ApiObject, Testing } from 'cdk8s';
import { ClusterIPService, HeadlessService, simulate } from '../../lib';
import { newChart, synth } from './helpers';
import { PLUS_VERSIONS } from './plus-versions';

describe.each(PLUS_VERSIONS)('%s StatefulSet', (_version, kplus) => {
  test('selected by a HeadlessService: one headless Service, named in serviceName, pod names resolve', () => {
    const chart = newChart('app');
    const cache = new kplus.StatefulSet(chart, 'cache', { replicas: 2, containers: [{ image: 'redis', ports: [{ name: 'redis', number: 6379 }] }] });
    const svc = new HeadlessService(chart, 'cache-svc', { metadata: { name: 'cache' }, selector: cache, ports: [{ name: 'redis', port: 6379, targetPort: 'redis' }] });
    const objects = synth(chart);
    const services = objects.filter((o) => o.kind === 'Service');
    expect(services.map((s) => s.metadata.name)).toEqual(['cache']);
    expect(services[0].spec.clusterIP).toBe('None');
    const sts = objects.find((o) => o.kind === 'StatefulSet');
    expect(sts.spec.serviceName).toBe('cache');
    expect(svc.name).toBe('cache');
    // The Service comes before the StatefulSet in the manifest.
    expect(objects.indexOf(services[0])).toBeLessThan(objects.indexOf(sts));
    const sim = simulate(chart);
    expect(sim.findings.filter((f) => f.rule === 'statefulset-service-missing')).toEqual([]);
    const pod0 = `${sts.metadata.name}-0`;
    const answer = sim.dns(`${pod0}.cache.default.svc.cluster.local`);
    expect(answer.rcode).toBe('NOERROR');
    expect(answer.answers).toHaveLength(1);
  });

  test('given later with select(): the same', () => {
    const chart = newChart('app');
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'pg', portNumber: 5432 }] });
    const svc = new HeadlessService(chart, 'db-svc', { metadata: { name: 'db' } });
    svc.select(db);
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name)).toEqual(['db']);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.serviceName).toBe('db');
  });

  test('a second HeadlessService selecting it does not take it over', () => {
    const chart = newChart('app');
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'pg', portNumber: 5432 }] });
    new HeadlessService(chart, 'first', { metadata: { name: 'db' }, selector: db });
    new HeadlessService(chart, 'second', { metadata: { name: 'db-peers' }, selector: db });
    const objects = synth(chart);
    expect(objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name).sort()).toEqual(['db', 'db-peers']);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.serviceName).toBe('db');
  });

  test('a Service passed to the StatefulSet by the user is kept', () => {
    const chart = newChart('app');
    const own = new kplus.Service(chart, 'own', { metadata: { name: 'own' }, clusterIP: 'None', ports: [{ port: 5432 }] });
    const db = new kplus.StatefulSet(chart, 'db', { service: own, containers: [{ image: 'pg', portNumber: 5432 }] });
    new HeadlessService(chart, 'gov', { metadata: { name: 'db' }, selector: db });
    const objects = Testing.synth(chart);
    expect(objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name).sort()).toEqual(['db', 'own']);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.serviceName).toBe('db');
  });

  test('a ClusterIP Service does not govern it: cdk8s-plus keeps its own', () => {
    const chart = newChart('app');
    const db = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'pg', portNumber: 5432 }] });
    new ClusterIPService(chart, 'svc', { metadata: { name: 'db' }, selector: db, ports: [{ port: 5432 }] });
    const objects = synth(chart);
    const names = objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name);
    expect(names).toHaveLength(2);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.serviceName).not.toBe('db');
  });
});

describe('raw ApiObject StatefulSet', () => {
  const spec = {
    serviceName: 'placeholder',
    replicas: 1,
    selector: { matchLabels: { app: 'zk' } },
    template: { metadata: { labels: { app: 'zk' } }, spec: { containers: [{ name: 'zk', image: 'zookeeper', ports: [{ name: 'client', containerPort: 2181 }] }] } },
  };

  test('its serviceName becomes the HeadlessService', () => {
    const chart = newChart('app');
    const zk = new ApiObject(chart, 'zk', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'zk' }, spec });
    new HeadlessService(chart, 'zk-hs', { metadata: { name: 'zk-hs' }, selector: zk, ports: [{ name: 'client', port: 2181, targetPort: 'client' }] });
    const objects = synth(chart);
    expect(objects.find((o) => o.kind === 'StatefulSet').spec.serviceName).toBe('zk-hs');
    expect(simulate(chart).dns('zk-0.zk-hs.default.svc.cluster.local').rcode).toBe('NOERROR');
  });

  test('written without a spec: one is added instead of failing to render', () => {
    const chart = newChart('app');
    const bare = new ApiObject(chart, 'bare', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'bare' } });
    new HeadlessService(chart, 'hs', { metadata: { name: 'hs' }, selector: bare });
    expect(bare.toJson().spec).toEqual({ serviceName: 'hs' });
  });
});
