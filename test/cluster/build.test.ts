import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings, resolveSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { fromObjects } from '../../lib/load/objects';

function build(docs: unknown[], settings: unknown = {}): Cluster {
  const r = resolveSettings(settings);
  expect(r.errors).toEqual([]);
  return buildCluster(fromObjects(docs).objects, r.settings);
}

const deployment = (name: string, labels: Record<string, string>, replicas = 1, namespace = 'default'): Record<string, unknown> => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
});

describe('built-ins', () => {
  const c = build([]);

  test('default/kubernetes: first service IP, https 443 → 6443, no selector, Endpoints to the first node', () => {
    const k = c.service('default', 'kubernetes')!;
    expect(k.obj).toBeUndefined();
    expect([k.clusterIP, k.type, k.selector]).toEqual(['10.96.0.1', 'ClusterIP', undefined]);
    expect(k.ports.map((p) => [p.name, p.port, p.protocol, p.targetPort])).toEqual([['https', 443, 'TCP', 6443]]);
    const ep = c.endpointsOf('default', 'kubernetes')!;
    expect(ep.subsets.map((s) => [s.addresses.map((a) => a.ip), s.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)])).toEqual([[['172.18.0.2'], ['https:6443/TCP']]]);
    expect(c.slicesOf('default', 'kubernetes').map((s) => [s.name, s.endpoints.map((e) => e.addresses[0]), s.ports.map((p) => p.port)])).toEqual([['kubernetes', ['172.18.0.2'], [6443]]]);
  });

  test('kube-system/kube-dns: tenth service IP, dns/dns-tcp/metrics, two coredns pods', () => {
    const dns = c.service('kube-system', 'kube-dns')!;
    expect(dns.clusterIP).toBe('10.96.0.10');
    expect(c.dnsServiceIP).toBe('10.96.0.10');
    expect(dns.ports.map((p) => `${p.name} ${p.port}/${p.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    expect(dns.selector).toEqual({ 'k8s-app': 'kube-dns' });
    expect(dns.selectedPods).toHaveLength(2);
    for (const p of dns.selectedPods) {
      expect(p.name).toMatch(/^coredns-[456789bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.containers[0].ports.map((x) => `${x.name} ${x.containerPort}/${x.protocol}`)).toEqual(['dns 53/UDP', 'dns-tcp 53/TCP', 'metrics 9153/TCP']);
    }
    const ep = c.endpointsOf('kube-system', 'kube-dns')!;
    expect(ep.origin).toBe('controller');
    expect(ep.subsets[0].addresses).toHaveLength(2);
  });

  test('another service CIDR moves the built-in addresses with it', () => {
    const other = build([], { serviceCIDR: '10.0.0.0/24' });
    expect(other.service('default', 'kubernetes')!.clusterIP).toBe('10.0.0.1');
    expect(other.service('kube-system', 'kube-dns')!.clusterIP).toBe('10.0.0.10');
    expect(other.dnsServiceIP).toBe('10.0.0.10');
  });

  test('namespaces: the four system ones plus every namespace used or declared, sorted', () => {
    const n = build([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, deployment('web', { app: 'web' }, 1, 'apps')]);
    expect(n.namespaces).toEqual(['apps', 'default', 'kube-node-lease', 'kube-public', 'kube-system', 'shop']);
  });

  test('the input wins over the built-ins', () => {
    const o = build([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace: 'kube-system' }, spec: { replicas: 3, template: { metadata: { labels: { 'k8s-app': 'kube-dns' } }, spec: { containers: [{ name: 'coredns', image: 'coredns' }] } } } },
    ]);
    const dns = o.service('kube-system', 'kube-dns')!;
    expect(dns.obj).toBeDefined();
    expect(dns.ports).toHaveLength(1);
    expect(o.allocationProblems).toEqual([]);
    expect(dns.selectedPods).toHaveLength(3);
    expect(o.workloads.filter((w) => w.name === 'coredns')).toHaveLength(1);
  });
});

describe('seed scenarios', () => {
  test('seed 001: selector-less Service with manual Endpoints, mirrored; ExternalName; NodePort 30123', () => {
    const c = build([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-service' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'external-service' }, subsets: [{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ port: 80 }] }] },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-service-alias' }, spec: { type: 'ExternalName', externalName: 'someapi.somecompany.com', ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubia-nodeport' }, spec: { type: 'NodePort', selector: { app: 'kubia' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubia-loadbalancer' }, spec: { type: 'LoadBalancer', selector: { app: 'kubia' }, ports: [{ port: 80, targetPort: 8080 }] } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'kubia' }, spec: { replicas: 3, selector: { matchLabels: { app: 'kubia' } }, template: { metadata: { labels: { app: 'kubia' } }, spec: { containers: [{ name: 'kubia', image: 'luksa/kubia', ports: [{ containerPort: 8080 }] }] } } } },
    ]);
    const ext = c.service('default', 'external-service')!;
    expect(ext.selector).toBeUndefined();
    expect(ext.selectedPods).toEqual([]);
    const ep = c.endpointsOf('default', 'external-service')!;
    expect(ep.origin).toBe('manual');
    expect(ep.subsets[0].addresses.map((a) => a.ip)).toEqual(['11.11.11.11', '22.22.22.22']);
    const mirrored = c.slicesOf('default', 'external-service');
    expect(mirrored.map((s) => s.origin)).toEqual(['mirror']);
    expect(mirrored[0].endpoints.map((e) => e.addresses[0])).toEqual(['11.11.11.11', '22.22.22.22']);

    const alias = c.service('default', 'external-service-alias')!;
    expect([alias.type, alias.externalName, alias.clusterIP]).toEqual(['ExternalName', 'someapi.somecompany.com', '']);
    expect(c.endpointsOf('default', 'external-service-alias')).toBeUndefined();

    const np = c.service('default', 'kubia-nodeport')!;
    expect(np.ports[0].nodePort).toBe(30123);
    expect(np.selectedPods).toHaveLength(3);
    const lb = c.service('default', 'kubia-loadbalancer')!;
    expect(lb.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(lb.loadBalancerIPs).toEqual([]);
    expect(lb.externalTrafficPolicy).toBe('Cluster');
    expect(c.endpointsOf('default', 'kubia-loadbalancer')!.subsets[0].addresses).toHaveLength(3);
  });

  test('seed 002: NodePort nginx-service port 88 → 80 with no matching pods yet', () => {
    const c = build([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx-service', labels: { app: 'nginx' } }, spec: { type: 'NodePort', ports: [{ port: 88, targetPort: 80, nodePort: 30123 }], selector: { app: 'nginx' } } }]);
    const s = c.service('default', 'nginx-service')!;
    expect([s.ports[0].port, s.ports[0].targetPort, s.ports[0].nodePort, s.labels]).toEqual([88, 80, 30123, { app: 'nginx' }]);
    expect(s.selectedPods).toEqual([]);
    expect(c.endpointsOf('default', 'nginx-service')!.subsets).toEqual([]);
  });

  test('seed 004: `kubectl run nginx` Deployment exposed as a NodePort Service; the curl pod beside it', () => {
    const run = (name: string, image: string, port?: number): Record<string, unknown> => ({
      apiVersion: 'extensions/v1beta1',
      kind: 'Deployment',
      metadata: { name, labels: { run: name } },
      spec: { replicas: 1, selector: { matchLabels: { run: name } }, template: { metadata: { labels: { run: name } }, spec: { containers: [{ name, image, ...(port ? { ports: [{ containerPort: port }] } : {}) }] } } },
    });
    const c = build([
      run('nginx', 'nginx:latest', 80),
      run('curl', 'radial/busyboxplus:curl'),
      // What `kubectl expose deployment/nginx --type=NodePort --port 80` creates.
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', labels: { run: 'nginx' } }, spec: { type: 'NodePort', selector: { run: 'nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } },
    ]);
    const svc = c.service('default', 'nginx')!;
    expect(svc.selectedPods.map((p) => p.owner?.name)).toEqual(['nginx']);
    expect(svc.selectedPods[0].name).toMatch(/^nginx-[456789bcdf]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(svc.ports[0].nodePort).toBeGreaterThanOrEqual(30086);
    expect(svc.ports[0].nodePort).toBeLessThanOrEqual(32767);
    expect(svc.externalTrafficPolicy).toBe('Cluster');
    const ep = c.endpointsOf('default', 'nginx')!;
    expect(ep.subsets[0].addresses.map((a) => a.ip)).toEqual([svc.selectedPods[0].ip]);
    expect(ep.subsets[0].ports.map((p) => p.port)).toEqual([80]);
    expect(c.pods.filter((p) => p.namespace === 'default').map((p) => p.owner?.name).sort()).toEqual(['curl', 'nginx']);
  });

  test('a nodePort on a ClusterIP Service opens nothing (validation reports it)', () => {
    const c = build([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'cip' }, spec: { ports: [{ port: 80, nodePort: 30001 }] } }]);
    expect(c.service('default', 'cip')!.ports[0].nodePort).toBe(0);
    expect(c.allocationProblems).toEqual([]);
  });

  test('manual Endpoints of a Service with a selector are replaced by the controller\'s; orphans are kept', () => {
    const c = build([
      deployment('web', { app: 'web' }, 2),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.9.9.9' }], ports: [{ port: 80 }] }] },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'orphan' }, subsets: [{ addresses: [{ ip: '10.9.9.8' }], ports: [{ port: 80 }] }] },
    ]);
    const ep = c.endpointsOf('default', 'web')!;
    expect(ep.origin).toBe('controller');
    expect(ep.subsets[0].ports[0].port).toBe(8080);
    expect(ep.subsets[0].addresses.map((a) => a.ip)).not.toContain('10.9.9.9');
    // The rule endpoints-overridden still finds the user's object in cluster.objects.
    expect(c.objects.filter((o) => o.kind === 'Endpoints').map((o) => o.name)).toEqual(['web', 'orphan']);
    expect(c.endpointsOf('default', 'orphan')!.origin).toBe('manual');
    expect(c.endpoints().map((e) => `${e.namespace}/${e.name}`)).toEqual(['default/kubernetes', 'default/orphan', 'default/web', 'kube-system/kube-dns']);
  });
});

describe('look-ups and indexes', () => {
  const c = build([
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x', tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', labels: { app: 'x', tier: 'db' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c', namespace: 'other', labels: { app: 'x', tier: 'web' } }, spec: { containers: [{ name: 'c', image: 'i' }] } },
  ]);

  test.each([
    ['default', { app: 'x' }, ['a', 'b']],
    ['default', { app: 'x', tier: 'web' }, ['a']],
    ['default', { app: 'x', tier: 'cache' }, []],
    ['default', { app: 'y' }, []],
    ['other', { tier: 'web' }, ['c']],
    ['nowhere', { app: 'x' }, []],
  ])('podsMatching(%s, %j)', (ns, selector, names) => {
    expect(c.podsMatching(ns, selector).map((p) => p.name)).toEqual(names);
  });

  test('objectsOfKind: every loaded object of the kind, any group, in input order, duplicates included', () => {
    const k = build([
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a', namespace: 'other' } },
      { apiVersion: 'example.com/v1', kind: 'Secret', metadata: { name: 'crd' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'b' } },
    ]);
    expect(k.objectsOfKind('Secret').map((o) => `${o.apiVersion} ${o.namespace}/${o.name}`)).toEqual(['v1 default/b', 'v1 other/a', 'example.com/v1 default/crd', 'v1 default/b']);
    expect(k.objectsOfKind('ConfigMap').map((o) => o.name)).toEqual(['x']);
    expect(k.objectsOfKind('Service')).toEqual([]);
    expect(k.objectsOfKind('secret')).toEqual([]);
  });

  test('pods and services are sorted by namespace and name; look-ups by key', () => {
    expect(c.pods.map((p) => `${p.namespace}/${p.name}`).filter((k) => !k.startsWith('kube-system/'))).toEqual(['default/a', 'default/b', 'other/c']);
    expect(c.services.map((s) => `${s.namespace}/${s.name}`)).toEqual(['default/kubernetes', 'kube-system/kube-dns']);
    expect(c.pod('other', 'c')!.name).toBe('c');
    expect(c.pod('default', 'c')).toBeUndefined();
    expect(c.service('default', 'nope')).toBeUndefined();
    expect(c.slicesOf('default', 'nope')).toEqual([]);
  });

  test('Node objects add nodes with their InternalIP and labels, after the settings nodes', () => {
    const n = build([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-b', labels: { 'topology.kubernetes.io/zone': 'b' } }, status: { addresses: [{ type: 'Hostname', address: 'worker-b' }, { type: 'InternalIP', address: '10.0.0.12' }] } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2', labels: { gpu: 'true' } }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.3' }] } },
    ]);
    // Every node carries its kubelet's labels (hostname, os, arch: kubelet_node_status.go initialNode).
    const kubelet = (name: string) => ({ 'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' });
    expect(n.nodes.map((x) => [x.name, x.ip, x.podCIDR.text, x.labels])).toEqual([
      ['node-1', '172.18.0.2', '10.244.1.0/24', kubelet('node-1')],
      ['node-2', '10.0.0.3', '10.244.2.0/24', { ...kubelet('node-2'), gpu: 'true' }],
      ['node-3', '172.18.0.4', '10.244.3.0/24', kubelet('node-3')],
      ['worker-b', '10.0.0.12', '10.244.4.0/24', { ...kubelet('worker-b'), 'topology.kubernetes.io/zone': 'b' }],
    ]);
    expect(n.nodes[1].obj?.name).toBe('node-2');
  });
});

describe('ingresses', () => {
  const ing = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): Record<string, unknown> => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, ...(annotations ? { annotations } : {}) }, spec });
  const rules = [{ host: 'foo.bar.com', http: { paths: [{ path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { name: 'http' } } } }, { path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: { number: 80 } } } }] } }];

  test('rules, backends with field paths, TLS and default backend', () => {
    const c = build([ing('site', { rules, tls: [{ hosts: ['foo.bar.com'], secretName: 'tls' }], defaultBackend: { service: { name: 'fallback', port: { number: 8080 } } } })]);
    const i = c.ingresses[0];
    expect(i.served).toBe(true);
    expect(i.className).toBeUndefined();
    expect(i.rules).toEqual([
      {
        host: 'foo.bar.com',
        paths: [
          { path: '/api', pathType: 'Prefix', backend: { serviceName: 'api', portName: 'http', field: 'spec.rules[0].http.paths[0].backend' } },
          { path: '/', pathType: 'Exact', backend: { serviceName: 'web', portNumber: 80, field: 'spec.rules[0].http.paths[1].backend' } },
        ],
      },
    ]);
    expect(i.tls).toEqual([{ hosts: ['foo.bar.com'], secretName: 'tls' }]);
    expect(i.defaultBackend).toEqual({ serviceName: 'fallback', portNumber: 8080, field: 'spec.defaultBackend' });
  });

  test('classes: named, annotated, default, unknown', () => {
    const classes = [
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } },
    ];
    const c = build([
      ...classes,
      ing('by-name', { ingressClassName: 'traefik', rules }),
      ing('by-annotation', { rules }, { 'kubernetes.io/ingress.class': 'nginx' }),
      ing('defaulted', { rules }),
      ing('unknown', { ingressClassName: 'some-invalid-class-name', rules }),
    ]);
    expect(c.ingressClasses.map((k) => [k.name, k.controller, k.isDefault])).toEqual([
      ['nginx', 'k8s.io/ingress-nginx', true],
      ['traefik', 'traefik.io/ingress-controller', false],
    ]);
    expect(c.ingresses.map((i) => [i.name, i.className, i.served])).toEqual([
      ['by-annotation', 'nginx', true],
      ['by-name', 'traefik', true],
      // DefaultIngressClass admission wrote the default class's name into spec.ingressClassName.
      ['defaulted', 'nginx', true],
      ['unknown', 'some-invalid-class-name', false],
    ]);
  });

  test('legacy extensions/v1beta1 backends are read', () => {
    const c = build([{ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'old' }, spec: { backend: { serviceName: 'web', servicePort: 'http' }, rules: [{ http: { paths: [{ path: '/x', backend: { serviceName: 'x', servicePort: 80 } }] } }] } }]);
    expect(c.ingresses[0].defaultBackend).toEqual({ serviceName: 'web', portName: 'http', field: 'spec.backend' });
    expect(c.ingresses[0].rules[0]).toEqual({ host: '', paths: [{ path: '/x', pathType: 'ImplementationSpecific', backend: { serviceName: 'x', portNumber: 80, field: 'spec.rules[0].http.paths[0].backend' } }] });
  });
});

describe('robustness', () => {
  test('malformed objects never throw; what can be modelled is', () => {
    const junk: unknown[] = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: 'nope' },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'b' }, spec: { ports: [null, 7, { port: 'x' }, { port: 80, protocol: 'HTTP' }, { port: 81, targetPort: { a: 1 } }], selector: ['x'], type: 'Weird', clusterIP: 12 } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'c' }, spec: { clusterIP: '10.0.0.300', ports: [{ port: 80 }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'three', template: 5 } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'e' }, spec: { replicas: -1, template: { metadata: { labels: ['x'] }, spec: { containers: 'no', nodeSelector: 3 } } } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'f' }, spec: { template: { spec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [null, { matchExpressions: 'x' }] } } } } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'g', labels: 'x', deletionTimestamp: null, ownerReferences: 'me' }, spec: { containers: [{ ports: [{ containerPort: 'http' }, null] }], nodeName: 5 }, status: [] },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'h' }, status: { podIP: 7, conditions: 'ready' } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'b' }, subsets: 'x' },
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's' }, endpoints: [null] },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: { rules: [null, { http: { paths: [{ backend: 'x' }] } }], tls: 'x' } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { addresses: 'x' } },
    ];
    let c: Cluster | undefined;
    expect(() => {
      c = buildCluster(fromObjects(junk).objects, defaultSettings());
    }).not.toThrow();
    const b = c!.service('default', 'b')!;
    expect(b.type).toBe('ClusterIP');
    expect(b.ports.map((p) => [p.index, p.port, p.targetPort])).toEqual([[4, 81, 81]]);
    expect(b.selector).toBeUndefined();
    // An unparsable requested clusterIP is a validation error: nothing is allocated for it.
    expect(c!.service('default', 'c')!.clusterIP).toBe('');
    expect(c!.pod('default', 'g')).toBeDefined();
    expect(c!.workloads.find((w) => w.name === 'e')!.pods).toHaveLength(1);
    expect(c!.workloads.find((w) => w.name === 'd')!.pods).toHaveLength(0);
    expect(c!.nodes.map((n) => n.name)).toEqual(['node-1', 'node-2', 'node-3', 'n']);
  });

  test('duplicates: the later object of a kind, namespace and name is modelled, as a second kubectl apply leaves it', () => {
    const c = build([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'dup' }, spec: { ports: [{ port: 80 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'dup' }, spec: { ports: [{ port: 81 }] } },
    ]);
    expect(c.services.filter((s) => s.name === 'dup').map((s) => s.ports[0].port)).toEqual([81]);
    expect(c.objects).toHaveLength(2);
  });

  /** n objects: Deployments (2 replicas), Services selecting them by a named port, ConfigMaps, over 50 namespaces. */
  function generated(n: number): unknown[] {
    const docs: unknown[] = [];
    for (let i = 0; docs.length < n; i++) {
      const ns = `ns-${i % 50}`;
      const app = `app-${i}`;
      docs.push(deployment(app, { app, tier: `t${i % 3}` }, 2, ns));
      docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { type: i % 10 === 0 ? 'NodePort' : 'ClusterIP', selector: { app }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
      docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: app, namespace: ns }, data: { a: 'b' } });
    }
    return docs;
  }

  // Linearity and speed are measured by the bench (`npm run bench`, bench/RESULTS.md), not here.
  test('50,000 objects build completely', () => {
    const c = buildCluster(fromObjects(generated(50000)).objects, defaultSettings());
    expect(c.services.length).toBe(16667 + 2);
    expect(c.pods.length).toBe(16667 * 2 + 2);
    expect(c.service('ns-7', 'app-7')!.selectedPods).toHaveLength(2);
    expect(c.endpointsOf('ns-7', 'app-7')!.subsets[0].addresses).toHaveLength(2);
    expect(new Set(c.pods.map((p) => p.ip)).size).toBe(c.pods.length);
    expect(new Set(c.services.map((s) => s.clusterIP)).size).toBe(c.services.length);
  }, 180000);
});

describe('nodes implied by observed pods', () => {
  test('a Pod observed on a node no one declared brings that node into the cluster (seed 003 kubectl output)', () => {
    const pod = (name: string, node: string, ip: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, labels: { run: 'httpd' } },
      spec: { nodeName: node, containers: [{ name: 'httpd', image: 'httpd', ports: [{ containerPort: 80 }] }] },
      status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
    });
    const { objects } = fromObjects([pod('httpd-1', 'k8s-n1', '10.244.1.101'), pod('httpd-2', 'k8s-n2', '10.244.2.35'), { apiVersion: 'v1', kind: 'Service', metadata: { name: 'httpd-svc' }, spec: { selector: { run: 'httpd' }, ports: [{ port: 8080, targetPort: 80 }] } }]);
    const cluster = buildCluster(objects, defaultSettings());
    expect(cluster.nodes.map((n) => [n.name, n.ip])).toEqual([
      ['node-1', '172.18.0.2'],
      ['node-2', '172.18.0.3'],
      ['node-3', '172.18.0.4'],
      ['k8s-n1', '172.18.0.5'],
      ['k8s-n2', '172.18.0.6'],
    ]);
    // Their pods are in the EndpointSlices, so kube-proxy and trace see them.
    const slices = cluster.slicesOf('default', 'httpd-svc');
    expect(slices.flatMap((s) => s.endpoints.map((e) => [e.addresses[0], e.nodeName]))).toEqual([
      ['10.244.1.101', 'k8s-n1'],
      ['10.244.2.35', 'k8s-n2'],
    ]);
  });
});
