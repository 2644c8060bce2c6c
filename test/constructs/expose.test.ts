// Rendering only: the engine is replaced so these tests judge what expose() derives.
jest.mock('../../lib/engine', () => ({ checkObjects: () => [] }));

import { ApiObject } from 'cdk8s';
import { ClusterIPService, HeadlessService, LoadBalancerService, NodePortService, expose } from '../../lib/constructs';
import { newChart, only } from './helpers';
import { PLUS_VERSIONS } from './plus-versions';

function rawDeployment(chart: any, name: string, spec: Record<string, unknown>, labels?: Record<string, string>) {
  return new ApiObject(chart, name, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels }, spec });
}

const httpdSpec = {
  replicas: 1,
  selector: { matchLabels: { app: 'httpd' } },
  template: { metadata: { labels: { app: 'httpd' } }, spec: { containers: [{ name: 'httpd', image: 'httpd', ports: [{ containerPort: 80 }] }] } },
};

describe('expose() follows kubectl expose (staging/src/k8s.io/kubectl/pkg/cmd/expose/expose.go)', () => {
  test('Deployment httpd, container port 80 → Service httpd, one unnamed port 80→80 TCP, ClusterIP', () => {
    const chart = newChart();
    const svc = expose(rawDeployment(chart, 'httpd', httpdSpec));
    expect(svc).toBeInstanceOf(ClusterIPService);
    const s = only(chart, 'Service');
    expect(s.metadata).toEqual({ name: 'httpd' });
    expect(s.spec).toEqual({ type: 'ClusterIP', selector: { app: 'httpd' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });

  test('kubectl expose deployment nginx --port=80 --target-port=8000', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'nginx', { ...httpdSpec, selector: { matchLabels: { app: 'nginx' } } });
    expose(dep, { port: 80, targetPort: 8000 });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, targetPort: 8000, protocol: 'TCP' }]);
  });

  test('seed 002: expose deployment nginx --port=88 --type=NodePort --target-port=80 --name=nginx-service', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'nginx', { ...httpdSpec, selector: { matchLabels: { app: 'nginx' } } }, { app: 'nginx' });
    const svc = expose(dep, { port: 88, type: 'NodePort', targetPort: 80, name: 'nginx-service' });
    expect(svc).toBeInstanceOf(NodePortService);
    const s = only(chart, 'Service');
    expect(s.metadata).toEqual({ name: 'nginx-service', labels: { app: 'nginx' } });
    expect(s.spec).toEqual({ type: 'NodePort', selector: { app: 'nginx' }, ports: [{ port: 88, targetPort: 80, protocol: 'TCP' }] });
  });

  test('several container ports → port-1, port-2 (distinct numbers, in order)', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'kubia', {
      selector: { matchLabels: { app: 'kubia' } },
      template: {
        metadata: { labels: { app: 'kubia' } },
        spec: {
          containers: [
            { name: 'a', ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] },
            { name: 'b', ports: [{ containerPort: 8080 }] },
          ],
        },
      },
    });
    expose(dep);
    expect(only(chart, 'Service').spec.ports).toEqual([
      { name: 'port-1', port: 8080, targetPort: 8080, protocol: 'TCP' },
      { name: 'port-2', port: 8443, targetPort: 8443, protocol: 'TCP' },
    ]);
  });

  test('one port number with two protocols → port-1-udp and port-1-tcp', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'dns', {
      selector: { matchLabels: { k8s: 'dns' } },
      template: { metadata: { labels: { k8s: 'dns' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] }] } },
    });
    expose(dep);
    expect(only(chart, 'Service').spec.ports).toEqual([
      { name: 'port-1-udp', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'port-1-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
    ]);
  });

  test('--protocol wins over the declared protocols', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'dns', {
      selector: { matchLabels: { k8s: 'dns' } },
      template: { metadata: { labels: { k8s: 'dns' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 53, protocol: 'UDP' }, { containerPort: 53, protocol: 'TCP' }] }] } },
    });
    expose(dep, { protocol: 'UDP' });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 53, targetPort: 53, protocol: 'UDP' }]);
  });

  test('named --target-port is applied to every port', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'web', {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 81 }] }] } },
    });
    expose(dep, { targetPort: 'http' });
    expect(only(chart, 'Service').spec.ports.map((p: any) => p.targetPort)).toEqual(['http', 'http']);
  });

  test('Pod: its labels; ReplicationController: spec.selector; Service: its selector and ports', () => {
    const chart = newChart();
    const pod = new ApiObject(chart, 'p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kubia-manual', labels: { app: 'kubia', env: 'dev' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } });
    const rc = new ApiObject(chart, 'rc', {
      apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'kubia' },
      spec: { replicas: 3, selector: { app: 'kubia' }, template: { metadata: { labels: { app: 'kubia' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] } } },
    });
    const svc = new ClusterIPService(chart, 'svc', { metadata: { name: 'orig' }, selector: { app: 'kubia' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }] });
    expose(pod, { id: 'e1' });
    expose(rc, { id: 'e2', name: 'kubia-rc' });
    expose(svc, { id: 'e3', name: 'copy' });
    const services = chart.node.findAll().filter((c) => ApiObject.isApiObject(c) && (c as ApiObject).kind === 'Service').map((c) => (c as ApiObject).toJson());
    const byName = (n: string) => services.find((s: any) => s.metadata.name === n) as any;
    expect(byName('kubia-manual').metadata.labels).toEqual({ app: 'kubia', env: 'dev' });
    expect(byName('kubia-manual').spec.selector).toEqual({ app: 'kubia', env: 'dev' });
    expect(byName('kubia-manual').spec.ports).toEqual([{ port: 8080, targetPort: 8080, protocol: 'TCP' }]);
    expect(byName('kubia-rc').spec.selector).toEqual({ app: 'kubia' });
    expect(byName('copy').spec.selector).toEqual({ app: 'kubia' });
    expect(byName('copy').spec.ports).toEqual([
      { name: 'port-1', port: 80, targetPort: 80, protocol: 'TCP' },
      { name: 'port-2', port: 53, targetPort: 53, protocol: 'UDP' },
    ]);
  });

  test.each(PLUS_VERSIONS)('%s Deployment: its matchLabels and container ports', (_version, kplus) => {
    const chart = newChart();
    const dep = new kplus.Deployment(chart, 'nginx', {
      metadata: { name: 'nginx', labels: { run: 'nginx' } },
      select: false,
      podMetadata: { labels: { run: 'nginx' } },
      containers: [{ image: 'nginx', portNumber: 80 }],
    });
    dep.select(kplus.LabelSelector.of({ labels: { run: 'nginx' } }));
    expose(dep, { type: 'NodePort', port: 80 });
    const s = only(chart, 'Service');
    expect(s.metadata).toEqual({ name: 'nginx', labels: { run: 'nginx' } });
    expect(s.spec).toEqual({ type: 'NodePort', selector: { run: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });

  test('flags: labels, selector, external IP, session affinity, load balancer IP, cluster IP None', () => {
    const chart = newChart();
    const dep = rawDeployment(chart, 'web', httpdSpec);
    const lb = expose(dep, { id: 'a', name: 'lb', type: 'LoadBalancer', loadBalancerIP: '198.51.100.7', labels: { team: 'x' }, selector: { app: 'other' }, externalIP: '192.0.2.9', sessionAffinity: 'ClientIP' });
    const headless = expose(dep, { id: 'b', name: 'hl', clusterIP: 'None' });
    expect(lb).toBeInstanceOf(LoadBalancerService);
    expect(headless).toBeInstanceOf(HeadlessService);
    const lbJson = lb.apiObject.toJson();
    expect(lbJson.metadata).toEqual({ name: 'lb', labels: { team: 'x' } });
    expect(lbJson.spec).toEqual({
      type: 'LoadBalancer', selector: { app: 'other' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
      externalIPs: ['192.0.2.9'], loadBalancerIP: '198.51.100.7', sessionAffinity: 'ClientIP',
    });
    expect(headless.apiObject.toJson().spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'httpd' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
  });

  test('name is truncated to 63 characters', () => {
    const chart = newChart();
    const long = 'a'.repeat(70);
    const dep = rawDeployment(chart, long, httpdSpec);
    expect(expose(dep).name).toBe('a'.repeat(63));
  });

  test('headless without ports is allowed; otherwise no ports is an error', () => {
    const chart = newChart();
    const spec = { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c' }] } } };
    const dep = rawDeployment(chart, 'x', spec);
    expect(expose(dep, { id: 'h', clusterIP: 'None' }).apiObject.toJson().spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'x' } });
    expect(() => expose(dep, { id: 'n' })).toThrow("couldn't find port via --port flag or introspection");
  });

  test.each([
    ['StatefulSet', 'apps/v1', { selector: { matchLabels: { a: 'b' } } }, 'cannot expose a StatefulSet'],
    ['DaemonSet', 'apps/v1', {}, 'cannot expose a DaemonSet'],
    ['Deployment', 'apps/v1', { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] } }, 'couldn\'t convert expressions - "app in (a,b)" to map-based selector format'],
    ['Deployment', 'apps/v1', { template: { metadata: { labels: { a: 'b' } } } }, 'invalid deployment: no selectors, therefore cannot be exposed'],
    ['ReplicaSet', 'apps/v1', {}, 'invalid replicaset: no selectors, therefore cannot be exposed'],
  ])('%s %j is refused', (kind, apiVersion, spec, message) => {
    const chart = newChart();
    const obj = new ApiObject(chart, 'o', { apiVersion, kind, metadata: { name: 'o' }, spec });
    expect(() => expose(obj, { port: 80 })).toThrow(message);
  });

  test('kubectl messages for Pods without labels, selector-less Services and unknown affinity', () => {
    const chart = newChart();
    const pod = new ApiObject(chart, 'p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} });
    const svc = new ApiObject(chart, 's', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    const dep = rawDeployment(chart, 'd', httpdSpec);
    expect(() => expose(pod, { port: 80 })).toThrow('the pod has no labels and cannot be exposed');
    expect(() => expose(svc)).toThrow('the service has no pod selector set');
    expect(() => expose(dep, { sessionAffinity: 'Sticky' as any })).toThrow('unknown session affinity: Sticky');
  });
});
