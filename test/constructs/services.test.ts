// Rendering only: the engine is replaced so these tests judge what the constructs write.
jest.mock('../../lib/engine', () => ({ checkObjects: () => [] }));

import { ApiObject } from 'cdk8s';
import {
  ClusterIPService, ExternalNameService, HeadlessService, LoadBalancerService, NodePortService,
} from '../../lib/constructs';
import { newChart, only, synth } from './helpers';
import { PLUS_VERSIONS } from './plus-versions';

describe('ClusterIPService', () => {
  test('every prop reaches the manifest', () => {
    const chart = newChart();
    new ClusterIPService(chart, 'kubia', {
      metadata: { name: 'kubia', labels: { app: 'kubia' }, annotations: { note: 'x' } },
      selector: { app: 'kubia' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
      clusterIP: '10.96.0.50',
      externalIPs: ['192.0.2.10'],
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Local',
      publishNotReadyAddresses: true,
      sessionAffinity: 'ClientIP',
      sessionAffinityTimeoutSeconds: 600,
    });
    const svc = only(chart, 'Service');
    expect(svc.apiVersion).toBe('v1');
    expect(svc.metadata).toEqual({ name: 'kubia', labels: { app: 'kubia' }, annotations: { note: 'x' } });
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      clusterIP: '10.96.0.50',
      selector: { app: 'kubia' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
      externalIPs: ['192.0.2.10'],
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Local',
      publishNotReadyAddresses: true,
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('minimal: only type, selector and ports are written', () => {
    const chart = newChart();
    new ClusterIPService(chart, 'web', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(only(chart, 'Service').spec).toEqual({ type: 'ClusterIP', selector: { app: 'web' }, ports: [{ port: 80 }] });
  });

  test.each([
    ['ClientIP', undefined, { sessionAffinity: 'ClientIP' }],
    [undefined, 30, { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 30 } } }],
    ['None', undefined, { sessionAffinity: 'None' }],
    // Not dropped: the engine judges the combination.
    ['None', 30, { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 30 } } }],
  ] as const)('session affinity %s with timeout %s', (affinity, timeout, expected) => {
    const chart = newChart();
    new ClusterIPService(chart, 's', { selector: { a: 'b' }, ports: [{ port: 1 }], sessionAffinity: affinity, sessionAffinityTimeoutSeconds: timeout });
    const spec = only(chart, 'Service').spec;
    expect({ sessionAffinity: spec.sessionAffinity, sessionAffinityConfig: spec.sessionAffinityConfig }).toEqual({ sessionAffinityConfig: undefined, ...expected });
  });

  test('addPort, select and selectLabel after construction are rendered', () => {
    const chart = newChart();
    const svc = new ClusterIPService(chart, 'web', { metadata: { name: 'web' } });
    svc.addPort({ name: 'http', port: 80, targetPort: 'http' });
    svc.select({ app: 'web' });
    svc.selectLabel('tier', 'front');
    svc.addPort({ name: 'metrics', port: 9090 });
    const spec = only(chart, 'Service').spec;
    expect(spec.selector).toEqual({ app: 'web', tier: 'front' });
    expect(spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090 }]);
    expect(svc.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090 }]);
  });

  test('no selector and no ports: selector-less, nothing invented', () => {
    const chart = newChart();
    new ClusterIPService(chart, 'bare', { metadata: { name: 'bare' } });
    expect(only(chart, 'Service').spec).toEqual({ type: 'ClusterIP' });
  });

  test('a nodePort on a ClusterIP Service is kept for the engine to reject', () => {
    const chart = newChart();
    new ClusterIPService(chart, 's', { selector: { a: 'b' }, ports: [{ port: 80, nodePort: 30001 }] });
    expect(only(chart, 'Service').spec.ports).toEqual([{ port: 80, nodePort: 30001 }]);
  });

  test('default name follows the cdk8s convention', () => {
    const chart = newChart('chart');
    const svc = new ClusterIPService(chart, 'web', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    expect(svc.name).toMatch(/^chart-web-c8[0-9a-f]+$/);
    expect(only(chart, 'Service').metadata.name).toBe(svc.name);
  });
});

describe.each(PLUS_VERSIONS)('backends from %s', (_version, kplus) => {
  test('Deployment: selects its cdk8s.io/metadata.addr pod label', () => {
    const chart = newChart();
    const dep = new kplus.Deployment(chart, 'kubia', {
      metadata: { name: 'kubia' },
      containers: [{ image: 'luksa/kubia', ports: [{ number: 8080, name: 'http' }] }],
    });
    new ClusterIPService(chart, 'svc', { metadata: { name: 'kubia' }, selector: dep, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const objs = synth(chart);
    const d = objs.find((o) => o.kind === 'Deployment');
    const s = objs.find((o) => o.kind === 'Service');
    const podLabels = d.spec.template.metadata.labels;
    expect(Object.keys(s.spec.selector)).toEqual(['cdk8s.io/metadata.addr']);
    expect(s.spec.selector['cdk8s.io/metadata.addr']).toBe(podLabels['cdk8s.io/metadata.addr']);
    expect(s.spec.selector).toEqual(d.spec.selector.matchLabels);
    // named targetPort end to end: the container port of that name exists in the template
    expect(d.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(s.spec.ports[0].targetPort).toBe('http');
  });

  test('workload with select:false and custom labels: its matchLabels', () => {
    const chart = newChart();
    const dep = new kplus.Deployment(chart, 'httpd', {
      select: false,
      podMetadata: { labels: { run: 'httpd' } },
      containers: [{ image: 'httpd', portNumber: 80 }],
    });
    dep.select(kplus.LabelSelector.of({ labels: { run: 'httpd' } }));
    new ClusterIPService(chart, 'svc', { selector: dep, ports: [{ port: 8080, targetPort: 80 }] });
    expect(only(chart, 'Service').spec.selector).toEqual({ run: 'httpd' });
  });

  test('selector is lazy: a workload select() after the Service is seen', () => {
    const chart = newChart();
    const dep = new kplus.Deployment(chart, 'web', { select: false, podMetadata: { labels: { app: 'web' } }, containers: [{ image: 'nginx', portNumber: 80 }] });
    new ClusterIPService(chart, 'svc', { selector: dep, ports: [{ port: 80 }] });
    dep.select(kplus.LabelSelector.of({ labels: { app: 'web' } }));
    expect(only(chart, 'Service').spec.selector).toEqual({ app: 'web' });
  });

  test('StatefulSet, DaemonSet, Job and Pod', () => {
    const chart = newChart();
    const sts = new kplus.StatefulSet(chart, 'db', { containers: [{ image: 'pg', portNumber: 5432 }] });
    const ds = new kplus.DaemonSet(chart, 'agent', { containers: [{ image: 'agent', portNumber: 9100 }] });
    const job = new kplus.Job(chart, 'batch', { containers: [{ image: 'job', portNumber: 8000 }] });
    const pod = new kplus.Pod(chart, 'single', { metadata: { labels: { app: 'single' } }, containers: [{ image: 'x', portNumber: 80 }] });
    const s1 = new ClusterIPService(chart, 's1', { selector: sts, ports: [{ port: 5432 }] });
    const s2 = new ClusterIPService(chart, 's2', { selector: ds, ports: [{ port: 9100 }] });
    const s3 = new ClusterIPService(chart, 's3', { selector: job, ports: [{ port: 8000 }] });
    const s4 = new ClusterIPService(chart, 's4', { selector: pod, ports: [{ port: 80 }] });
    const objs = synth(chart);
    const byName = (kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
    const template = (kind: string, name: string) => byName(kind, name).spec.template.metadata.labels;
    expect(byName('Service', s1.name).spec.selector).toEqual({ 'cdk8s.io/metadata.addr': template('StatefulSet', sts.name)['cdk8s.io/metadata.addr'] });
    expect(byName('Service', s2.name).spec.selector).toEqual({ 'cdk8s.io/metadata.addr': template('DaemonSet', ds.name)['cdk8s.io/metadata.addr'] });
    expect(byName('Service', s3.name).spec.selector).toEqual({ 'cdk8s.io/metadata.addr': template('Job', job.name)['cdk8s.io/metadata.addr'] });
    expect(byName('Service', s4.name).spec.selector).toEqual(byName('Pod', pod.name).metadata.labels);
    expect(byName('Service', s4.name).spec.selector.app).toBe('single');
  });
});

describe('backends', () => {
  test.each([
    ['ReplicationController', 'v1', { selector: { app: 'kubia' }, template: { metadata: { labels: { app: 'kubia', v: '1' } } } }, { app: 'kubia' }],
    ['ReplicationController (no selector: template labels)', 'v1', { template: { metadata: { labels: { app: 'kubia' } } } }, { app: 'kubia' }],
    ['Deployment', 'apps/v1', { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', tier: 'x' } } } }, { app: 'web' }],
    ['Deployment (legacy, no selector)', 'apps/v1beta1', { template: { metadata: { labels: { run: 'httpd' } } } }, { run: 'httpd' }],
    ['StatefulSet', 'apps/v1', { selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } } } }, { app: 'db' }],
  ])('raw ApiObject %s', (label, apiVersion, spec, expected) => {
    const chart = newChart();
    const kind = label.split(' ')[0];
    const workload = new ApiObject(chart, 'w', { apiVersion, kind, metadata: { name: 'w' }, spec });
    new ClusterIPService(chart, 's', { selector: workload, ports: [{ port: 80 }] });
    expect(only(chart, 'Service').spec.selector).toEqual(expected);
  });

  test('raw Pod and CronJob', () => {
    const chart = newChart();
    const pod = new ApiObject(chart, 'p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [] } });
    const cron = new ApiObject(chart, 'c', {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { job: 'c' } } } } } },
    });
    new ClusterIPService(chart, 's1', { metadata: { name: 's1' }, selector: pod, ports: [{ port: 80 }] });
    new ClusterIPService(chart, 's2', { metadata: { name: 's2' }, selector: cron, ports: [{ port: 80 }] });
    const svcs = synth(chart).filter((o) => o.kind === 'Service');
    expect(svcs.map((s) => s.spec.selector)).toEqual([{ app: 'p' }, { job: 'c' }]);
  });

  test('several backends are ANDed', () => {
    const chart = newChart();
    new ClusterIPService(chart, 's', { selector: [{ app: 'a' }, { tier: 'b' }], ports: [{ port: 80 }] });
    expect(only(chart, 'Service').spec.selector).toEqual({ app: 'a', tier: 'b' });
  });

  test('conflicting backends fail synth instead of one silently winning', () => {
    const chart = newChart();
    new ClusterIPService(chart, 's', { selector: [{ app: 'a' }, { app: 'b' }], ports: [{ port: 80 }] });
    expect(() => synth(chart)).toThrow('selector label app is required to be both "a" and "b" by different backends');
  });
});

describe.each(PLUS_VERSIONS)('a value that makes no pods, with %s', (_version, kplus) => {
  const ACCEPTED =
    'accepted are a cdk8s-plus workload or pod of any version (Deployment, StatefulSet, DaemonSet, Job, Pod, …), ' +
    "an ApiObject of kind CronJob, DaemonSet, Deployment, Job, Pod, ReplicaSet, ReplicationController, StatefulSet, or a label map of strings such as { app: 'web' }";

  /** The whole message of the synth failure. */
  function synthError(chart: ReturnType<typeof newChart>): string {
    try {
      synth(chart);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('synth did not fail');
  }

  test.each([
    ['a cdk8s-plus ConfigMap', (chart: any) => new kplus.ConfigMap(chart, 'cm'), 'test/cm (ConfigMap) is not a workload or pod'],
    ['a cdk8s-plus Service', (chart: any) => new kplus.Service(chart, 'other', { ports: [{ port: 80 }] }), 'test/other (Service) is not a workload or pod'],
    ['an ApiObject that makes no pods', (chart: any) => new ApiObject(chart, 'cfg', { apiVersion: 'v1', kind: 'ConfigMap' }), 'test/cfg (ApiObject of kind ConfigMap) makes no pods'],
    ['a label map with a number', () => ({ app: 'web', replicas: 2 }), 'label map {"app":"web","replicas":2} has a non-string value for replicas'],
    ['a string', () => 'web', '"web" cannot select pods'],
  ])('%s: says what was passed and what is accepted, once', (_label, make, what) => {
    const chart = newChart();
    new ClusterIPService(chart, 's', { selector: make(chart) as any, ports: [{ port: 80 }] });
    const message = synthError(chart);
    const line = `[test/s] selector: ${what}; ${ACCEPTED}`;
    expect(message).toBe(`Validation failed with the following errors:\n  ${line}`);
  });

  test('the valid backends next to it still render', () => {
    const chart = newChart();
    const svc = new ClusterIPService(chart, 's', { selector: { app: 'web' }, ports: [{ port: 80 }] });
    svc.select(new kplus.ConfigMap(chart, 'cm') as any);
    expect(svc.selector).toEqual({ app: 'web' });
    expect(() => synth(chart)).toThrow(/\[test\/s\] selector: test\/cm \(ConfigMap\) is not a workload or pod/);
  });
});

describe('NodePortService', () => {
  test('per-port nodePort and externalTrafficPolicy', () => {
    const chart = newChart();
    new NodePortService(chart, 'np', {
      metadata: { name: 'kubia-nodeport' },
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }],
      externalTrafficPolicy: 'Local',
      clusterIP: '10.96.0.60',
      externalIPs: ['192.0.2.1'],
      sessionAffinity: 'ClientIP',
    });
    expect(only(chart, 'Service').spec).toEqual({
      type: 'NodePort',
      clusterIP: '10.96.0.60',
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }],
      externalIPs: ['192.0.2.1'],
      externalTrafficPolicy: 'Local',
      sessionAffinity: 'ClientIP',
    });
  });
});

describe('LoadBalancerService', () => {
  test('every LoadBalancer field reaches the manifest', () => {
    const chart = newChart();
    new LoadBalancerService(chart, 'lb', {
      metadata: { name: 'kubia-loadbalancer' },
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 32143 }],
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      loadBalancerClass: 'example.com/lb',
      allocateLoadBalancerNodePorts: false,
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerIP: '130.211.53.173',
      internalTrafficPolicy: 'Cluster',
    });
    expect(only(chart, 'Service').spec).toEqual({
      type: 'LoadBalancer',
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 32143 }],
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      loadBalancerClass: 'example.com/lb',
      allocateLoadBalancerNodePorts: false,
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
      loadBalancerIP: '130.211.53.173',
      internalTrafficPolicy: 'Cluster',
    });
  });

  test('LoadBalancer and NodePort constructs are ClusterIP Services', () => {
    const chart = newChart();
    const lb = new LoadBalancerService(chart, 'lb', { selector: { a: 'b' }, ports: [{ port: 80 }] });
    expect(lb).toBeInstanceOf(NodePortService);
    expect(lb).toBeInstanceOf(ClusterIPService);
  });
});

describe('HeadlessService', () => {
  test('clusterIP None, ports optional, publishNotReadyAddresses', () => {
    const chart = newChart();
    new HeadlessService(chart, 'h', { metadata: { name: 'nginx' }, selector: { app: 'nginx' }, publishNotReadyAddresses: true });
    expect(only(chart, 'Service').spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'nginx' }, publishNotReadyAddresses: true });
  });

  test('with named ports', () => {
    const chart = newChart();
    new HeadlessService(chart, 'h', { selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80, targetPort: 'web' }] });
    expect(only(chart, 'Service').spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 'web' }]);
  });
});

describe('ExternalNameService', () => {
  test('externalName, and ports are kept (cdk8s-plus drops them)', () => {
    const chart = newChart();
    const svc = new ExternalNameService(chart, 'alias', {
      metadata: { name: 'external-service' },
      externalName: 'someapi.somecompany.com',
      ports: [{ port: 80 }],
    });
    expect(svc.externalName).toBe('someapi.somecompany.com');
    expect(only(chart, 'Service').spec).toEqual({ type: 'ExternalName', externalName: 'someapi.somecompany.com', ports: [{ port: 80 }] });
  });
});
