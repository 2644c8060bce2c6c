import { buildCluster } from '../../lib/cluster/build';
import { canonicalJson, fnv1a32, fnvCanonical, safeEncode, stableUid, templateHash, nameSuffix } from '../../lib/cluster/hash';
import { resolveSettings } from '../../lib/cluster/settings';
import type { Cluster, SimPod } from '../../lib/cluster/model';
import { fromObjects } from '../../lib/load/objects';

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';
/** SafeEncodeString of a decimal number only ever yields these characters. */
const HASH = '[456789bcdf]{1,10}';

function build(docs: unknown[], settings: unknown = {}): Cluster {
  const r = resolveSettings(settings);
  expect(r.errors).toEqual([]);
  return buildCluster(fromObjects(docs).objects, r.settings);
}

function template(labels: Record<string, string>, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }], ...spec } };
}

function podsOf(c: Cluster, namespace: string, prefix: string): SimPod[] {
  return c.pods.filter((p) => p.namespace === namespace && p.name.startsWith(prefix));
}

/** Seed 003: a legacy apps/v1beta1 Deployment without selector, 4 replicas, and httpd-svc in front of it. */
const SEED_003 = [
  { apiVersion: 'apps/v1beta1', kind: 'Deployment', metadata: { name: 'httpd' }, spec: { replicas: 4, template: { metadata: { labels: { run: 'httpd' } }, spec: { containers: [{ name: 'httpd', image: 'httpd', ports: [{ containerPort: 80 }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'httpd-svc' }, spec: { selector: { run: 'httpd' }, ports: [{ protocol: 'TCP', port: 8080, targetPort: 80 }] } },
];

describe('hashes and suffixes', () => {
  test('FNV-1a 32 vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  test('SafeEncodeString maps digits as upstream does', () => {
    // '0'..'9' are bytes 48..57 → alphabet[48 % 27 ..] = 4 5 6 7 8 9 b c d f
    expect(safeEncode('0123456789')).toBe('456789bcdf');
  });

  test.each([
    [{ b: [1, 'x', null, true], a: { z: {}, y: [] } }],
    [{ labels: { 'app.kubernetes.io/name': 'café', emoji: '🚀' } }],
    ['plain'],
    [42],
  ])('streamed canonical hash equals fnv1a32(canonicalJson(%j))', (value) => {
    expect(fnvCanonical(value)).toBe(fnv1a32(canonicalJson(value)));
  });

  test('stable UIDs are RFC 4122 shaped (version 4, variant 10) and deterministic', () => {
    const uid = stableUid('default/web-0');
    expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUid('default/web-0')).toBe(uid);
    expect(stableUid('default/web-1')).not.toBe(uid);
  });

  test.each([
    ['default/web-0', '0e479459-7a18-4eb7-bfd7-3c677dac8109'],
    ['team-0001/Service/app-1', '967150bd-b976-4832-85d3-09f78a8f2fac'],
    ['ns/é-ü/ünïcode', '17072c9e-643b-47c1-8623-77df6617385e'],
    ['', '1c0b531b-6682-4747-bd88-8a9589e2fbfb'],
  ])('stable UID of %j is pinned (the values the concatenating implementation gave)', (seed, uid) => {
    expect(stableUid(seed)).toBe(uid);
  });

  test('template hash ignores key order; suffixes are deterministic', () => {
    expect(templateHash({ a: 1, b: { c: 2, d: 3 } })).toBe(templateHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(templateHash({ a: 1 })).not.toBe(templateHash({ a: 2 }));
    expect(nameSuffix('default/web/0')).toBe(nameSuffix('default/web/0'));
    expect(nameSuffix('default/web/0')).toMatch(new RegExp(`^${SUFFIX}$`));
    expect(nameSuffix('default/web/0')).not.toBe(nameSuffix('default/web/1'));
  });
});

describe('pods from workloads', () => {
  test('seed 003: legacy apps/v1beta1 Deployment, 4 replicas, selected by httpd-svc', () => {
    const c = build(SEED_003);
    const pods = podsOf(c, 'default', 'httpd-');
    expect(pods).toHaveLength(4);
    const hash = pods[0].labels['pod-template-hash'];
    expect(hash).toMatch(new RegExp(`^${HASH}$`));
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^httpd-${hash}-${SUFFIX}$`));
      expect(p.labels).toEqual({ run: 'httpd', 'pod-template-hash': hash });
      expect(p.phase).toBe('Running');
      expect(p.ready).toBe(true);
      expect(p.owner?.kind).toBe('Deployment');
      expect(p.owner?.name).toBe('httpd');
      expect(p.containers).toEqual([{ name: 'httpd', sidecar: false, ports: [{ containerPort: 80, protocol: 'TCP' }], env: [], hasEnvFrom: false }]);
    }
    // Replica i goes to node (i mod 3): two pods on node-1, one each on node-2 and node-3.
    const perNode = pods.map((p) => p.nodeName).sort();
    expect(perNode).toEqual(['node-1', 'node-1', 'node-2', 'node-3']);
    const ips = pods.map((p) => p.ip).sort();
    expect(ips).toEqual(['10.244.1.2', '10.244.1.3', '10.244.2.2', '10.244.3.2']);
    const svc = c.service('default', 'httpd-svc')!;
    expect(svc.selectedPods.map((p) => p.name)).toEqual(pods.map((p) => p.name));
    const ep = c.endpointsOf('default', 'httpd-svc')!;
    expect(ep.origin).toBe('controller');
    expect(ep.subsets[0].addresses.map((a) => `${a.ip}:${ep.subsets[0].ports[0].port}`)).toEqual(['10.244.1.2:80', '10.244.1.3:80', '10.244.2.2:80', '10.244.3.2:80']);
    const w = c.workloads.find((x) => x.name === 'httpd')!;
    expect(w.replicas).toBe(4);
    expect(w.templateLabels).toEqual({ run: 'httpd' });
    expect(w.pods.map((p) => p.name)).toHaveLength(4);
  });

  test('the same input gives the same names and addresses, byte for byte', () => {
    const a = build(SEED_003);
    const b = build(SEED_003);
    expect(JSON.stringify(a.pods.map((p) => p.apiObject()))).toBe(JSON.stringify(b.pods.map((p) => p.apiObject())));
    expect(JSON.stringify(a.services.map((s) => s.apiObject()))).toBe(JSON.stringify(b.services.map((s) => s.apiObject())));
  });

  test('a changed template changes the pod-template-hash', () => {
    const changed = JSON.parse(JSON.stringify(SEED_003));
    changed[0].spec.template.spec.containers[0].image = 'httpd:2.4';
    const h1 = podsOf(build(SEED_003), 'default', 'httpd-')[0].labels['pod-template-hash'];
    const h2 = podsOf(build(changed), 'default', 'httpd-')[0].labels['pod-template-hash'];
    expect(h1).not.toBe(h2);
  });

  test('seed 000: ReplicationController with 3 replicas and named ports', () => {
    const c = build([
      { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'k8s-node-demo-replication-controller' }, spec: { replicas: 3, selector: { app: 'k8s-node-demo-replication-controller-label' }, template: { metadata: { name: 'ignored', labels: { app: 'k8s-node-demo-replication-controller-label' } }, spec: { containers: [{ name: 'c', image: 'k8s-node-demo-image', ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] }] } } } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'demo-service' }, spec: { sessionAffinity: 'ClientIP', selector: { app: 'k8s-node-demo-replication-controller-label' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }] } },
    ]);
    const pods = podsOf(c, 'default', 'k8s-node-demo-replication-controller-');
    expect(pods).toHaveLength(3);
    for (const p of pods) expect(p.name).toMatch(new RegExp(`^k8s-node-demo-replication-controller-${SUFFIX}$`));
    expect(pods[0].containers[0].ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'https', containerPort: 8443, protocol: 'TCP' },
    ]);
    const svc = c.service('default', 'demo-service')!;
    expect(svc.sessionAffinity).toBe('ClientIP');
    expect(svc.affinityTimeoutSeconds).toBe(10800);
    expect(svc.selectedPods).toHaveLength(3);
    const ep = c.endpointsOf('default', 'demo-service')!;
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets[0].ports.map((p) => `${p.name}:${p.port}`).sort()).toEqual(['http:8080', 'https:8443']);
  });

  test('StatefulSet: ordinals, hostname = pod name, subdomain = serviceName, identity labels', () => {
    const c = build([{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 3, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } }, template: template({ app: 'nginx' }) } }]);
    const pods = podsOf(c, 'default', 'web-');
    expect(pods.map((p) => p.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(pods.map((p) => [p.hostname, p.subdomain])).toEqual([
      ['web-0', 'nginx'],
      ['web-1', 'nginx'],
      ['web-2', 'nginx'],
    ]);
    expect(pods[1].labels['statefulset.kubernetes.io/pod-name']).toBe('web-1');
    expect(pods[1].labels['apps.kubernetes.io/pod-index']).toBe('1');
    expect(pods[1].labels['controller-revision-hash']).toMatch(new RegExp(`^web-${HASH}$`));
    expect(pods.map((p) => p.nodeName)).toEqual(['node-1', 'node-2', 'node-3']);
    expect(c.workloads.find((w) => w.name === 'web')!.serviceName).toBe('nginx');
    expect(pods[0].apiObject()).toMatchObject({ spec: { hostname: 'web-0', subdomain: 'nginx', nodeName: 'node-1' }, status: { phase: 'Running', podIP: pods[0].ip } });
  });

  test('StatefulSet pods have no pod-index label before 1.28; ordinals.start is honoured', () => {
    const c = build([{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { replicas: 2, ordinals: { start: 5 }, serviceName: 'db', template: template({ app: 'db' }) } }], { kubernetesVersion: '1.27' });
    const pods = podsOf(c, 'default', 'db-');
    expect(pods.map((p) => p.name)).toEqual(['db-5', 'db-6']);
    expect(pods[0].labels).not.toHaveProperty('apps.kubernetes.io/pod-index');
  });

  test('DaemonSet: one pod per eligible node, pinned to it', () => {
    const c = build([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'kube-system' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) } }]);
    const pods = podsOf(c, 'kube-system', 'agent-');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.name).toMatch(new RegExp(`^agent-${SUFFIX}$`));
      expect(p.labels['pod-template-generation']).toBe('1');
    }
    expect(pods.map((p) => p.nodeName).sort()).toEqual(['node-1', 'node-2', 'node-3']);
    expect(c.workloads.find((w) => w.name === 'agent')!.replicas).toBe(3);
  });

  test('seed 002: DaemonSet + hostNetwork + nodeSelector runs only on labelled edge nodes, on the node IP', () => {
    const settings = {
      nodes: [
        { name: 'edge-1', ip: '192.168.1.10', labels: { role: 'edge' } },
        { name: 'worker-1', ip: '192.168.1.20' },
        { name: 'edge-2', ip: '192.168.1.11', labels: { role: 'edge' } },
      ],
    };
    const c = build(
      [{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'nginx-ingress-controller', namespace: 'ingress-nginx' }, spec: { template: template({ app: 'ingress-nginx' }, { hostNetwork: true, nodeSelector: { role: 'edge' } }) } }],
      settings,
    );
    const pods = podsOf(c, 'ingress-nginx', 'nginx-ingress-controller-');
    expect(pods.map((p) => `${p.nodeName}=${p.ip}`).sort()).toEqual(['edge-1=192.168.1.10', 'edge-2=192.168.1.11']);
    expect(pods.every((p) => p.hostNetwork)).toBe(true);
    expect(pods[0].containers[0].ports[0]).toEqual({ name: 'http', containerPort: 80, protocol: 'TCP', hostPort: 80 });
  });

  test('nodeSelector restricts a Deployment; IPs follow that node\'s /24 in creation order', () => {
    const c = build(
      [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'zonal' }, spec: { replicas: 3, selector: { matchLabels: { app: 'zonal' } }, template: template({ app: 'zonal' }, { nodeSelector: { 'topology.kubernetes.io/zone': 'b' } }) } }],
      { nodes: [{ name: 'node-1', ip: '172.18.0.2', labels: { 'topology.kubernetes.io/zone': 'a' } }, { name: 'node-2', ip: '172.18.0.3', labels: { 'topology.kubernetes.io/zone': 'b' } }] },
    );
    const pods = c.workloads.find((w) => w.name === 'zonal')!.pods;
    expect(pods.map((p) => `${p.nodeName}=${p.ip}`)).toEqual(['node-2=10.244.2.2', 'node-2=10.244.2.3', 'node-2=10.244.2.4']);
  });

  test('required node affinity is honoured; no eligible node leaves the pod Pending without IP', () => {
    const affinity = (values: string[]): Record<string, unknown> => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values }] }] } } } });
    const c = build([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'pinned' }, spec: { replicas: 2, template: template({ app: 'pinned' }, affinity(['node-3'])) } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nowhere' }, spec: { replicas: 1, template: template({ app: 'nowhere' }, { nodeSelector: { gpu: 'true' } }) } },
    ]);
    expect(c.workloads.find((w) => w.name === 'pinned')!.pods.map((p) => p.nodeName)).toEqual(['node-3', 'node-3']);
    const stuck = c.workloads.find((w) => w.name === 'nowhere')!.pods[0];
    expect([stuck.phase, stuck.ready, stuck.ip, stuck.nodeName]).toEqual(['Pending', false, '', '']);
  });

  test('Job runs `parallelism` pods (at most the completions) with job-name labels; CronJob runs none', () => {
    const c = build([
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' }, spec: { parallelism: 2, template: template({ app: 'migrate' }, { restartPolicy: 'Never' }) } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { parallelism: 3, completions: 1, template: template({ app: 'once' }, { restartPolicy: 'Never' }) } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'single' }, spec: { template: template({ app: 'single' }, { restartPolicy: 'Never' }) } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 0 * * *', jobTemplate: { spec: { template: template({ app: 'nightly' }) } } } },
    ]);
    const counts = Object.fromEntries(['migrate', 'once', 'single', 'nightly'].map((n) => [n, c.workloads.find((w) => w.name === n)!.pods.length]));
    expect(counts).toEqual({ migrate: 2, once: 1, single: 1, nightly: 0 });
    const pod = c.workloads.find((w) => w.name === 'migrate')!.pods[0];
    expect(pod.name).toMatch(new RegExp(`^migrate-${SUFFIX}$`));
    expect(pod.labels['job-name']).toBe('migrate');
    expect(pod.labels['batch.kubernetes.io/job-name']).toBe('migrate');
    expect(pod.labels['controller-uid']).toBe(pod.labels['batch.kubernetes.io/controller-uid']);
    expect(c.workloads.find((w) => w.name === 'nightly')!.templateLabels).toEqual({ app: 'nightly' });
  });

  test('replicas: default 1, explicit 0 makes none, ReplicaSet and extensions/v1beta1 are modelled', () => {
    const c = build([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs' }, spec: { template: template({ app: 'rs' }) } },
      { apiVersion: 'extensions/v1beta1', kind: 'Deployment', metadata: { name: 'old' }, spec: { replicas: 2, template: template({ app: 'old' }) } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'zero' }, spec: { replicas: 0, template: template({ app: 'zero' }) } },
      { apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'custom' }, spec: { replicas: 5, template: template({ app: 'custom' }) } },
    ]);
    const count = (name: string): number | undefined => c.workloads.find((w) => w.name === name)?.pods.length;
    expect([count('rs'), count('old'), count('zero'), count('custom')]).toEqual([1, 2, 0, undefined]);
    expect(c.workloads.find((w) => w.name === 'rs')!.pods[0].name).toMatch(new RegExp(`^rs-${SUFFIX}$`));
  });

  test('workloads are sorted by namespace, kind, name and include the built-in coredns', () => {
    const c = build([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'b' }, spec: { template: template({ app: 'b' }) } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'z' }, spec: { template: template({ app: 'z' }) } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a', namespace: 'apps' }, spec: { template: template({ app: 'a' }) } },
    ]);
    expect(c.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`)).toEqual(['apps/Deployment/a', 'default/Deployment/z', 'default/StatefulSet/b', 'kube-system/Deployment/coredns']);
  });
});

describe('pods from the input', () => {
  const pod = (name: string, extra: Record<string, unknown> = {}, labels: Record<string, string> = { app: 'bare' }): Record<string, unknown> => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels, ...((extra.metadata as object) ?? {}) },
    spec: { containers: [{ name: 'c', image: 'busybox' }], ...((extra.spec as object) ?? {}) },
    ...(extra.status ? { status: extra.status } : {}),
  });

  test('observed status is respected; a Pod without status is simulated Running and Ready', () => {
    const c = build([
      pod('observed', { spec: { nodeName: 'node-2' }, status: { phase: 'Running', podIP: '10.244.1.2', conditions: [{ type: 'Ready', status: 'False' }] } }),
      pod('failed', { status: { phase: 'Failed', podIP: '10.244.3.9' } }),
      pod('pending', { status: { phase: 'Pending' } }),
      pod('fresh'),
      pod('dying', { metadata: { deletionTimestamp: '2024-01-01T00:00:00Z' } }),
      pod('host', { spec: { hostNetwork: true, nodeName: 'node-3' } }),
    ]);
    const get = (n: string): SimPod => c.pod('default', n)!;
    expect([get('observed').ip, get('observed').nodeName, get('observed').phase, get('observed').ready]).toEqual(['10.244.1.2', 'node-2', 'Running', false]);
    // No nodeName: placed by the node whose pod range holds the observed IP.
    expect([get('failed').phase, get('failed').nodeName, get('failed').ready]).toEqual(['Failed', 'node-3', false]);
    expect([get('pending').phase, get('pending').ip, get('pending').ready]).toEqual(['Pending', '', false]);
    // Workload pods come first: the two coredns replicas take node-1 and node-2, skipping the
    // observed 10.244.1.2. Then the input Pods to schedule, by name: dying (→ node-1), fresh (→ node-2).
    const coredns = c.workloads.find((w) => w.name === 'coredns')!.pods;
    expect(coredns.map((p) => `${p.nodeName}=${p.ip}`)).toEqual(['node-1=10.244.1.3', 'node-2=10.244.2.2']);
    expect([get('dying').nodeName, get('dying').ip]).toEqual(['node-1', '10.244.1.4']);
    expect([get('fresh').phase, get('fresh').ready, get('fresh').nodeName, get('fresh').ip]).toEqual(['Running', true, 'node-2', '10.244.2.3']);
    expect(c.pods.filter((p) => p.ip === '10.244.1.2').map((p) => p.name)).toEqual(['observed']);
    expect(get('dying').terminating).toBe(true);
    expect(get('host').ip).toBe('172.18.0.4');
    expect(get('fresh').owner).toBeUndefined();
    expect(get('fresh').apiObject()).toMatchObject({ status: { phase: 'Running', conditions: expect.arrayContaining([{ type: 'Ready', status: 'True' }]) } });
  });

  test('status without conditions counts as ready when Running', () => {
    const c = build([pod('p', { status: { phase: 'Running', podIP: '10.244.2.7' } })]);
    expect(c.pod('default', 'p')!.ready).toBe(true);
  });

  test('a dump with Deployment, ReplicaSet and Pods: observed pods are the workload\'s, none invented', () => {
    const c = build([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', uid: 'd-1' }, spec: { replicas: 1, selector: { matchLabels: { run: 'nginx' } }, template: template({ run: 'nginx' }) } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'nginx-79b9dfdd46', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: 'd-1', controller: true }] }, spec: { replicas: 1, template: template({ run: 'nginx', 'pod-template-hash': '79b9dfdd46' }) } },
      pod('nginx-79b9dfdd46-xk2v9', { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'nginx-79b9dfdd46', controller: true }] }, status: { phase: 'Running', podIP: '10.244.1.17' } }, { run: 'nginx', 'pod-template-hash': '79b9dfdd46' }),
    ]);
    expect(c.pods.filter((p) => p.namespace === 'default').map((p) => p.name)).toEqual(['nginx-79b9dfdd46-xk2v9']);
    const deployment = c.workloads.find((w) => w.kind === 'Deployment' && w.name === 'nginx')!;
    expect(deployment.pods.map((p) => p.name)).toEqual(['nginx-79b9dfdd46-xk2v9']);
    expect(c.pod('default', 'nginx-79b9dfdd46-xk2v9')!.owner).toBe(deployment);
  });

  test('an input Pod named like a StatefulSet ordinal stands in for it', () => {
    const c = build([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 2, serviceName: 'web', template: template({ app: 'web' }) } },
      pod('web-0', { status: { phase: 'Running', podIP: '10.244.3.3' } }, { app: 'web' }),
    ]);
    expect(c.pods.filter((p) => p.name.startsWith('web-')).map((p) => `${p.name}=${p.ip}`)).toEqual(['web-0=10.244.3.3', 'web-1=10.244.2.2']);
  });
});
