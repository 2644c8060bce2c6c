/**
 * The cluster's own objects — `default/kubernetes`, `kube-system/kube-dns` and the CoreDNS pods —
 * exist before anything is applied (kubeadm: the API server's bootstrap controller creates the
 * `kubernetes` Service, phases/addons/dns the CoreDNS Deployment and kube-dns Service). An input
 * that declares them (a dump of a real cluster's kube-system) replaces them: the cluster has its
 * objects, not ours besides.
 */
import { buildCluster } from '../../lib/cluster/build';
import { resolveSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { fromObjects } from '../../lib/load/objects';

function build(docs: unknown[], settings: unknown = {}): Cluster {
  const r = resolveSettings(settings);
  expect(r.errors).toEqual([]);
  return buildCluster(fromObjects(docs).objects, r.settings);
}

const kubeDnsService = (clusterIP: string) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
  spec: { selector: { 'k8s-app': 'kube-dns' }, clusterIP, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] },
});

const dnsPod = (namespace: string, ip: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'coredns-abc', namespace, labels: { 'k8s-app': 'kube-dns' } },
  spec: { nodeName: 'node-1', containers: [{ name: 'coredns', image: 'coredns', ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }] }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
});

const dnsDeployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'kube-system' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    template: { metadata: { labels: { 'k8s-app': 'kube-dns' } }, spec: { containers: [{ name: 'kubedns', image: 'k8s-dns-kube-dns', ports: [{ name: 'dns', containerPort: 10053, protocol: 'UDP' }] }] } },
  },
});

/** What the kube-system namespace holds: Services with their cluster IP, pods, and kube-dns's endpoints as `get endpoints` prints them. */
function kubeSystem(c: Cluster): { services: string[]; pods: string[]; dnsEndpoints: string[] } {
  const ep = c.endpointsOf('kube-system', 'kube-dns');
  return {
    services: c.services.filter((s) => s.namespace === 'kube-system').map((s) => `${s.name} ${s.clusterIP}`),
    pods: c.pods.filter((p) => p.namespace === 'kube-system').map((p) => (p.name.startsWith('coredns-') && p.owner ? 'built-in coredns' : p.name)),
    dnsEndpoints: (ep?.subsets ?? []).flatMap((s) => s.addresses.flatMap((a) => s.ports.map((p) => `${a.ip}:${p.port}/${p.protocol}`))),
  };
}

describe('declared objects replace the built-in ones', () => {
  test.each<[string, unknown[], ReturnType<typeof kubeSystem>]>([
    [
      'nothing declared: kube-dns in front of two CoreDNS pods',
      [],
      {
        services: ['kube-dns 10.96.0.10'],
        pods: ['built-in coredns', 'built-in coredns'],
        dnsEndpoints: ['10.244.1.2:53/UDP', '10.244.1.2:53/TCP', '10.244.1.2:9153/TCP', '10.244.2.2:53/UDP', '10.244.2.2:53/TCP', '10.244.2.2:9153/TCP'].sort(),
      },
    ],
    [
      'a declared kube-dns Service replaces the built-in Service (the CoreDNS pods stay: the cluster runs them)',
      [kubeDnsService('10.96.0.20')],
      { services: ['kube-dns 10.96.0.20'], pods: ['built-in coredns', 'built-in coredns'], dnsEndpoints: ['10.244.1.2:53/UDP', '10.244.1.2:53/TCP', '10.244.2.2:53/UDP', '10.244.2.2:53/TCP'] },
    ],
    [
      'seed 002: a declared kube-dns Service and its one CoreDNS pod are all there is',
      [kubeDnsService('10.96.0.2'), dnsPod('kube-system', '10.244.1.50')],
      { services: ['kube-dns 10.96.0.2'], pods: ['coredns-abc'], dnsEndpoints: ['10.244.1.50:53/UDP', '10.244.1.50:53/TCP'] },
    ],
    [
      'a declared DNS pod alone replaces the CoreDNS pods under the built-in Service',
      [dnsPod('kube-system', '10.244.1.50')],
      // The built-in Service's targetPorts are numbers: every selected pod is an endpoint on them,
      // declared or not (FindPort returns a numeric targetPort as is).
      { services: ['kube-dns 10.96.0.10'], pods: ['coredns-abc'], dnsEndpoints: ['10.244.1.50:53/UDP', '10.244.1.50:53/TCP', '10.244.1.50:9153/TCP'] },
    ],
    [
      'a workload whose template is labelled k8s-app: kube-dns (the older kube-dns add-on) replaces them',
      [dnsDeployment('kube-dns')],
      { services: ['kube-dns 10.96.0.10'], pods: ['kube-dns'], dnsEndpoints: ['10.244.1.2:53/UDP', '10.244.1.2:53/TCP', '10.244.1.2:9153/TCP'] },
    ],
    [
      'a pod labelled k8s-app: kube-dns in another namespace changes nothing',
      [dnsPod('tools', '10.244.1.50')],
      { services: ['kube-dns 10.96.0.10'], pods: ['built-in coredns', 'built-in coredns'], dnsEndpoints: ['10.244.1.2:53/UDP', '10.244.1.2:53/TCP', '10.244.1.2:9153/TCP', '10.244.2.2:53/UDP', '10.244.2.2:53/TCP', '10.244.2.2:9153/TCP'].sort() },
    ],
  ])('%s', (_name, docs, expected) => {
    const got = kubeSystem(build(docs));
    // Deployment pods are named <deployment>-<hash>-<suffix>: compare the workload's name only.
    got.pods = got.pods.map((p) => (p.startsWith('kube-dns-') ? 'kube-dns' : p));
    got.dnsEndpoints.sort();
    expected.dnsEndpoints.sort();
    expect(got).toEqual(expected);
  });

  test('the pods resolve through the declared kube-dns address (kubelet clusterDNS)', () => {
    expect(build([kubeDnsService('10.96.0.2')]).dnsServiceIP).toBe('10.96.0.2');
    expect(build([]).dnsServiceIP).toBe('10.96.0.10');
    // A headless kube-dns gives no address to point resolvers at: the tenth address stays.
    expect(build([kubeDnsService('None')]).dnsServiceIP).toBe('10.96.0.10');
  });

  test('a declared default/kubernetes Service replaces the API server\'s own Service, Endpoints and slice', () => {
    const declared = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' }, spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] } };
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default' }, subsets: [{ addresses: [{ ip: '192.168.10.5' }], ports: [{ name: 'https', port: 6443 }] }] };
    const c = build([declared, endpoints]);
    expect(c.service('default', 'kubernetes')!.obj).toBeDefined();
    expect(c.endpointsOf('default', 'kubernetes')!.subsets.map((s) => s.addresses.map((a) => a.ip))).toEqual([['192.168.10.5']]);
    const builtin = build([]);
    expect(builtin.service('default', 'kubernetes')!.obj).toBeUndefined();
    expect(builtin.endpointsOf('default', 'kubernetes')!.subsets.map((s) => s.addresses.map((a) => a.ip))).toEqual([['172.18.0.2']]);
  });
});
