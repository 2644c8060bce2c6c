/**
 * Nodes carry the labels their kubelet sets at registration. Upstream: kubernetes/kubernetes
 * pkg/kubelet/kubelet_node_status.go, initialNode — `kubernetes.io/hostname`, `kubernetes.io/os`
 * and `kubernetes.io/arch` (runtime.GOOS/GOARCH) and the `beta.kubernetes.io/os|arch` forms; labels
 * given to the kubelet (--node-labels; here the settings' `labels`) are applied over them.
 * So `nodeSelector: {kubernetes.io/os: linux}` — in ingress-nginx's, kube-prometheus's,
 * metrics-server's and Argo CD's manifests — schedules as on a real cluster, and a DaemonSet runs
 * one pod per matching node (pkg/controller/daemon, nodeShouldRunDaemonPod).
 */
import { buildCluster } from '../../lib/cluster/build';
import { resolveSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { fromObjects } from '../../lib/load/objects';
import { check, yamlOf } from '../rules/helpers';

function build(docs: unknown[], settings: unknown = {}): Cluster {
  const r = resolveSettings(settings);
  expect(r.errors).toEqual([]);
  return buildCluster(fromObjects(docs).objects, r.settings);
}

const kubelet = (name: string): Record<string, string> => ({
  'beta.kubernetes.io/arch': 'amd64',
  'beta.kubernetes.io/os': 'linux',
  'kubernetes.io/arch': 'amd64',
  'kubernetes.io/hostname': name,
  'kubernetes.io/os': 'linux',
});

const podSpec = (nodeSelector?: Record<string, string>) => ({
  ...(nodeSelector ? { nodeSelector } : {}),
  containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }],
});

const daemonSet = (name: string, nodeSelector?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec(nodeSelector) } },
});

const deployment = (name: string, replicas: number, nodeSelector?: Record<string, string>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec(nodeSelector) } },
});

describe('node labels', () => {
  test.each<[string, unknown, unknown[], [string, Record<string, string>][]]>([
    ['default nodes', {}, [], [['node-1', kubelet('node-1')], ['node-2', kubelet('node-2')], ['node-3', kubelet('node-3')]]],
    ['declared nodes get them too, with their own labels added', { nodes: [{ name: 'w1', labels: { 'topology.kubernetes.io/zone': 'a' } }] }, [], [['w1', { ...kubelet('w1'), 'topology.kubernetes.io/zone': 'a' }]]],
    ['settings may give other values (a Windows node)', { nodes: [{ name: 'win', labels: { 'kubernetes.io/os': 'windows', 'beta.kubernetes.io/os': 'windows' } }] }, [], [['win', { ...kubelet('win'), 'kubernetes.io/os': 'windows', 'beta.kubernetes.io/os': 'windows' }]]],
    [
      "a Node object's labels are what the cluster reported",
      { nodes: [{ name: 'arm' }] },
      [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'arm', labels: { 'kubernetes.io/arch': 'arm64' } } }],
      [['arm', { ...kubelet('arm'), 'kubernetes.io/arch': 'arm64' }]],
    ],
    [
      'a node known only from a pod registered through its kubelet as well',
      { nodes: [{ name: 'n1' }] },
      [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'extra', containers: [{ name: 'c', image: 'i' }] } }],
      [['n1', kubelet('n1')], ['extra', kubelet('extra')]],
    ],
  ])('%s', (_name, settings, docs, expected) => {
    expect(build(docs, settings).nodes.map((n) => [n.name, n.labels])).toEqual(expected);
  });
});

describe('nodeSelector by operating system schedules', () => {
  test.each<[string, unknown, Record<string, string> | undefined, string[]]>([
    ['kubernetes.io/os: linux on the default nodes: one pod per node', {}, { 'kubernetes.io/os': 'linux' }, ['node-1', 'node-2', 'node-3']],
    ['beta.kubernetes.io/os: linux (older manifests)', {}, { 'beta.kubernetes.io/os': 'linux' }, ['node-1', 'node-2', 'node-3']],
    ['kubernetes.io/arch: amd64', {}, { 'kubernetes.io/arch': 'amd64' }, ['node-1', 'node-2', 'node-3']],
    ['kubernetes.io/os: windows on linux nodes: no pod', {}, { 'kubernetes.io/os': 'windows' }, []],
    [
      'a mixed cluster: only the linux nodes',
      { nodes: [{ name: 'lin-a' }, { name: 'win-a', labels: { 'kubernetes.io/os': 'windows' } }, { name: 'lin-b' }] },
      { 'kubernetes.io/os': 'linux' },
      ['lin-a', 'lin-b'],
    ],
  ])('DaemonSet, %s', (_name, settings, selector, nodes) => {
    const c = build([daemonSet('agent', selector)], settings);
    const pods = c.pods.filter((p) => p.namespace === 'default');
    expect(pods.map((p) => p.nodeName).sort()).toEqual(nodes);
    expect(pods.every((p) => p.phase === 'Running' && p.ip !== '')).toBe(true);
  });

  test('a Deployment with kubernetes.io/os: linux is scheduled, Running and Ready', () => {
    const c = build([deployment('web', 3, { 'kubernetes.io/os': 'linux' })]);
    const pods = c.pods.filter((p) => p.namespace === 'default');
    expect(pods.map((p) => [p.phase, p.ready, p.nodeName !== ''])).toEqual([
      ['Running', true, true],
      ['Running', true, true],
      ['Running', true, true],
    ]);
  });

  test('check: ingress-nginx deploy style (DaemonSet and Deployment with nodeSelector, externalTrafficPolicy Local) has no finding', () => {
    const svc = (name: string, selector: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    });
    const text = yamlOf(daemonSet('agent', { 'kubernetes.io/os': 'linux' }), svc('agent', { app: 'agent' }), deployment('web', 3, { 'kubernetes.io/os': 'linux' }), svc('web', { app: 'web' }));
    expect(check(text)).toEqual([]);
  });
});
