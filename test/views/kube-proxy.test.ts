import { emptyGatewayApi } from '../../lib/cluster/gateway-api/build';
import type { Cluster, SimEndpointSlice, SimNode, SimPod, SimService, SimServicePort } from '../../lib/cluster/model';
import { parseCIDR, subnet } from '../../lib/k8s/ip';
import { iptablesSave, proxyPlan, serviceTraffic } from '../../lib/views/kube-proxy';

// ---- hand-built cluster fixtures -------------------------------------------------------------

interface PortSpec { name?: string; port: number; targetPort?: number; nodePort?: number; protocol?: 'TCP' | 'UDP' }

function svc(ns: string, name: string, clusterIP: string, ports: PortSpec[], extra: Partial<SimService> = {}): SimService {
  const simPorts: SimServicePort[] = ports.map((p, index) => ({
    index,
    name: p.name ?? '',
    port: p.port,
    protocol: p.protocol ?? 'TCP',
    targetPort: p.targetPort ?? p.port,
    nodePort: p.nodePort ?? 0,
  }));
  return {
    namespace: ns, name, type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], headless: clusterIP === 'None',
    selector: { app: name }, ports: simPorts, externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [],
    sessionAffinity: 'None', publishNotReadyAddresses: false, labels: {}, selectedPods: [], apiObject: () => ({}), ...extra,
  };
}

function pod(ns: string, name: string, ip: string, nodeName: string): SimPod {
  return {
    namespace: ns, name, uid: name, labels: {}, ip, nodeName, phase: 'Running', ready: true, terminating: false,
    hostNetwork: false, enableServiceLinks: true, dnsPolicy: 'ClusterFirst', containers: [], obj: undefined as never, apiObject: () => ({}),
  };
}

interface EpSpec { ip: string; node?: string; ready?: boolean; serving?: boolean; terminating?: boolean; pod?: SimPod }

function slice(ns: string, service: string, ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' }[], eps: EpSpec[], name = `${service}-abc`): SimEndpointSlice {
  return {
    namespace: ns, name, serviceName: service, addressType: 'IPv4', origin: 'controller',
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
    endpoints: eps.map((e) => ({
      addresses: [e.ip], ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false,
      nodeName: e.node, pod: e.pod,
    })),
    apiObject: () => ({}),
  };
}

function cluster(opts: { version: string; podCIDR: string; nodes: { name: string; ip: string }[]; services: SimService[]; slices: SimEndpointSlice[] }): Cluster {
  const [major, minor] = opts.version.split('.').map(Number);
  const podCIDR = parseCIDR(opts.podCIDR)!;
  const nodes: SimNode[] = opts.nodes.map((n, i) => ({ name: n.name, ip: n.ip, labels: {}, podCIDR: subnet(podCIDR, Math.max(podCIDR.prefix, 24), i + 1) }));
  return {
    settings: {
      kubernetesVersion: { major, minor }, clusterDomain: 'cluster.local', serviceCIDR: parseCIDR('10.96.0.0/12')!, podCIDR,
      nodePortRange: { min: 30000, max: 32767 }, nodes: opts.nodes.map((n) => ({ ...n, labels: {} })), ingressControllers: [],
    },
    objects: [], namespaces: ['default'], nodes, services: opts.services, workloads: [], pods: [], endpoints: () => [],
    endpointSlices: () => opts.slices, ingresses: [], ingressClasses: [], gatewayApi: emptyGatewayApi(), allocationProblems: [], duplicates: [], dnsServiceIP: '10.96.0.10',
    service: (ns, name) => opts.services.find((s) => s.namespace === ns && s.name === name),
    pod: () => undefined,
    endpointsOf: () => undefined,
    slicesOf: (ns, name) => opts.slices.filter((s) => s.namespace === ns && s.serviceName === name).sort((a, b) => (a.name < b.name ? -1 : 1)),
    podsMatching: () => [],
    objectsOfKind: () => [],
    networkPolicies: [],
    namespace: () => undefined,
    serviceMonitors: [],
    podMonitors: [],
  };
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

/** The chain section (declarations and rules) of one table. */
function table(text: string, name: 'filter' | 'nat'): string[] {
  const all = lines(text);
  const start = all.indexOf(`*${name}`);
  const end = all.indexOf('COMMIT', start);
  return all.slice(start + 1, end);
}

// ---- seed 003: kube-proxy v1.12, default/httpd-svc -------------------------------------------

function httpd(version: string): Cluster {
  const pods = [
    pod('default', 'httpd-79c4f99955-dbbx7', '10.244.2.35', 'k8s-n2'),
    pod('default', 'httpd-79c4f99955-djv44', '10.244.1.101', 'k8s-n1'),
    pod('default', 'httpd-79c4f99955-npqxz', '10.244.1.102', 'k8s-n1'),
    pod('default', 'httpd-79c4f99955-vkjk6', '10.244.2.36', 'k8s-n2'),
  ];
  return cluster({
    version,
    podCIDR: '10.244.0.0/16',
    nodes: [{ name: 'k8s-m', ip: '192.168.56.10' }, { name: 'k8s-n1', ip: '192.168.56.11' }, { name: 'k8s-n2', ip: '192.168.56.12' }],
    services: [svc('default', 'httpd-svc', '10.110.212.171', [{ port: 8080, targetPort: 80 }])],
    slices: [slice('default', 'httpd-svc', [{ port: 80 }], pods.map((p) => ({ ip: p.ip, node: p.nodeName, pod: p })))],
  });
}

describe('iptables-save, seed 003 (kube-proxy v1.12)', () => {
  const out = iptablesSave(httpd('1.12'));

  test('contains exactly the six lines the blog shows', () => {
    const seed = [
      '-A KUBE-SERVICES ! -s 10.244.0.0/16 -d 10.110.212.171/32 -p tcp -m comment --comment "default/httpd-svc: cluster IP" -m tcp --dport 8080 -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -d 10.110.212.171/32 -p tcp -m comment --comment "default/httpd-svc: cluster IP" -m tcp --dport 8080 -j KUBE-SVC-RL3JAE4GN7VOGDGP',
    ];
    expect(lines(out).filter((l) => l.includes('10.110.212.171'))).toEqual(seed);
    expect(lines(out).filter((l) => !l.includes('default/httpd-svc') && l.includes('KUBE-SVC-RL3JAE4GN7VOGDGP'))).toEqual([
      ':KUBE-SVC-RL3JAE4GN7VOGDGP - [0:0]',
      '-A KUBE-SVC-RL3JAE4GN7VOGDGP -m statistic --mode random --probability 0.25000000000 -j KUBE-SEP-R5YBMKYSG56R4KDU',
      '-A KUBE-SVC-RL3JAE4GN7VOGDGP -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-7G5ANBWSVVLRNZAH',
      '-A KUBE-SVC-RL3JAE4GN7VOGDGP -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-2PT6QZGNQHS4OL4I',
      '-A KUBE-SVC-RL3JAE4GN7VOGDGP -j KUBE-SEP-I4PXZ6UARQLLOV4E',
    ]);
  });

  test('endpoint chains DNAT in Endpoints order (addresses sorted as strings)', () => {
    const dnat = lines(out).filter((l) => l.includes('DNAT'));
    expect(dnat).toEqual([
      '-A KUBE-SEP-2PT6QZGNQHS4OL4I -p tcp -m comment --comment "default/httpd-svc:" -m tcp -j DNAT --to-destination 10.244.2.35:80',
      '-A KUBE-SEP-7G5ANBWSVVLRNZAH -p tcp -m comment --comment "default/httpd-svc:" -m tcp -j DNAT --to-destination 10.244.1.102:80',
      '-A KUBE-SEP-I4PXZ6UARQLLOV4E -p tcp -m comment --comment "default/httpd-svc:" -m tcp -j DNAT --to-destination 10.244.2.36:80',
      '-A KUBE-SEP-R5YBMKYSG56R4KDU -p tcp -m comment --comment "default/httpd-svc:" -m tcp -j DNAT --to-destination 10.244.1.101:80',
    ]);
    expect(out).toContain('-A KUBE-SEP-R5YBMKYSG56R4KDU -s 10.244.1.101/32 -m comment --comment "default/httpd-svc:" -j KUBE-MARK-MASQ\n');
  });

  test('table framing: filter then nat, built-in chains with ACCEPT policy, COMMIT, no dated comment lines', () => {
    const all = lines(out);
    expect(all[0]).toBe('*filter');
    expect(all.slice(1, 4)).toEqual([':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]']);
    expect(all.filter((l) => l === 'COMMIT')).toHaveLength(2);
    expect(all.indexOf('*nat')).toBeGreaterThan(all.indexOf('COMMIT'));
    expect(table(out, 'nat').slice(0, 4)).toEqual([':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]']);
    expect(all.some((l) => l.startsWith('#'))).toBe(false);
    expect(out).toContain('-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES\n');
    expect(out).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
    expect(out).toContain('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -m mark --mark 0x4000/0x4000 -j MASQUERADE\n');
    expect(out).toContain('-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS\n');
  });

  test('user chains are declared in name order', () => {
    const decls = table(out, 'nat').filter((l) => l.startsWith(':KUBE-'));
    expect(decls).toEqual([...decls].sort());
  });

  test('is deterministic', () => {
    expect(iptablesSave(httpd('1.12'))).toBe(out);
  });
});

describe('iptables-save, the same Service with kube-proxy v1.31', () => {
  const out = iptablesSave(httpd('1.31'));
  test('current names and layout', () => {
    expect(lines(out).filter((l) => l.includes('10.110.212.171'))).toEqual([
      '-A KUBE-SERVICES -d 10.110.212.171/32 -p tcp -m comment --comment "default/httpd-svc cluster IP" -m tcp --dport 8080 -j KUBE-SVC-IYRDZZKXS5EOQ6Q6',
      '-A KUBE-SVC-IYRDZZKXS5EOQ6Q6 ! -s 10.244.0.0/16 -d 10.110.212.171/32 -p tcp -m comment --comment "default/httpd-svc cluster IP" -m tcp --dport 8080 -j KUBE-MARK-MASQ',
    ]);
    expect(out).toContain('-A KUBE-SVC-IYRDZZKXS5EOQ6Q6 -m comment --comment "default/httpd-svc -> 10.244.1.101:80" -m statistic --mode random --probability 0.25000000000 -j KUBE-SEP-ULOTPKONLCRXKZLZ\n');
    expect(out).toContain('-A KUBE-SEP-ULOTPKONLCRXKZLZ -p tcp -m comment --comment "default/httpd-svc" -m tcp -j DNAT --to-destination 10.244.1.101:80\n');
    expect(out).toContain('-A KUBE-SVC-IYRDZZKXS5EOQ6Q6 -m comment --comment "default/httpd-svc -> 10.244.1.102:80" -m statistic --mode random --probability 0.33333333349 -j ');
  });

  test('v1.31 static rules', () => {
    expect(out).toContain('-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n');
    expect(out).toContain('-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN\n-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0\n-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE\n');
    expect(table(out, 'filter').filter((l) => l.startsWith('-A FORWARD'))).toEqual([
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      '-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      '-A FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
    ]);
    expect(out).toContain('-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m comment --comment "block incoming localnet connections" -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP\n');
  });
});

describe('seed 003 traffic (v1.12)', () => {
  const c = httpd('1.12');
  const s = c.services[0];

  test('the plan lists the four endpoints in kube-proxy order with their SEP chains', () => {
    const sp = proxyPlan(c, 'k8s-m').services[0];
    expect(sp.name).toBe('default/httpd-svc:');
    expect(sp.clusterEndpoints.map((e) => [e.key, e.chain])).toEqual([
      ['10.244.1.101:80', 'KUBE-SEP-R5YBMKYSG56R4KDU'],
      ['10.244.1.102:80', 'KUBE-SEP-7G5ANBWSVVLRNZAH'],
      ['10.244.2.35:80', 'KUBE-SEP-2PT6QZGNQHS4OL4I'],
      ['10.244.2.36:80', 'KUBE-SEP-I4PXZ6UARQLLOV4E'],
    ]);
  });

  test('wget httpd-svc.default:8080 from a pod reaches each of the four pods with probability 1/4', () => {
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'clusterIP', node: 'k8s-n1', from: 'pod' });
    expect(r.verdict).toBe('dnat');
    expect(r.destinations.map((d) => [d.ip, d.port, d.pod?.name, d.probability])).toEqual([
      ['10.244.1.101', 80, 'httpd-79c4f99955-djv44', 0.25],
      ['10.244.1.102', 80, 'httpd-79c4f99955-npqxz', 0.25],
      ['10.244.2.35', 80, 'httpd-79c4f99955-dbbx7', 0.25],
      ['10.244.2.36', 80, 'httpd-79c4f99955-vkjk6', 0.25],
    ]);
    expect(r.chains).toContain('nat/KUBE-SVC-RL3JAE4GN7VOGDGP');
  });

  test('curl from the master node goes through nat OUTPUT to the same four pods', () => {
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'clusterIP', node: 'k8s-m', from: 'node' });
    expect(r.verdict).toBe('dnat');
    expect(r.chains[0]).toBe('nat/OUTPUT');
    expect(r.destinations.map((d) => d.ip)).toEqual(['10.244.1.101', '10.244.1.102', '10.244.2.35', '10.244.2.36']);
  });

  test('a ClusterIP Service has no node port to reach', () => {
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'nodePort', node: 'k8s-m', from: 'external' });
    expect(r.verdict).toBe('drop');
    expect(r.reason).toBe('default/httpd-svc: has no node port');
  });
});
