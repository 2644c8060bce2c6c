/**
 * CoreDNS kubernetes-plugin answers (the Kubernetes DNS-Based Service Discovery specification,
 * v1.1.0): coredns plugin/kubernetes/handler_test.go's cases for zone
 * cluster.local / namespace testns, the DNS specification examples, pod records and
 * hostname/subdomain records, over small hand-built clusters.
 */
import { emptyGatewayApi } from '../../lib/cluster/gateway-api/build';
import type { Cluster, SimEndpointSlice, SimPod, SimService } from '../../lib/cluster/model';
import { parseCIDR } from '../../lib/k8s/ip';
import { dnsRecords, reverseName, endpointHostname, type DnsType } from '../../lib/views/dns';
import { simService } from './fixtures';

// ---------------------------------------------------------------------------------------------
// Fixture helpers: the model objects cast from the few fields the DNS view reads.

type Port = [name: string, port: number, protocol?: 'TCP' | 'UDP' | 'SCTP'];

function svc(ns: string, name: string, spec: { ip?: string | string[]; ports?: Port[]; externalName?: string }): SimService {
  return simService(ns, name, { clusterIP: spec.ip, ports: spec.ports, externalName: spec.externalName, selector: {} });
}

type Ep = { ip: string; hostname?: string; ready?: boolean };

function slice(ns: string, service: string, name: string, family: 'IPv4' | 'IPv6', eps: Ep[], ports: Port[] = [['http', 80]]): SimEndpointSlice {
  return {
    namespace: ns,
    name,
    serviceName: service,
    addressType: family,
    origin: 'controller',
    ports: ports.map(([pn, port, protocol]) => ({ name: pn, port, protocol: protocol ?? 'TCP' })),
    endpoints: eps.map((e) => ({ addresses: [e.ip], ready: e.ready ?? true, serving: true, terminating: false, hostname: e.hostname })),
  } as unknown as SimEndpointSlice;
}

function cluster(opts: { services: SimService[]; slices?: SimEndpointSlice[]; namespaces?: string[]; clusterDomain?: string; pods?: SimPod[] }): Cluster {
  const services = opts.services;
  const slices = opts.slices ?? [];
  const namespaces = [...new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', ...(opts.namespaces ?? []), ...services.map((s) => s.namespace)])].sort();
  return {
    settings: {
      kubernetesVersion: { major: 1, minor: 31 },
      clusterDomain: opts.clusterDomain ?? 'cluster.local',
      serviceCIDR: parseCIDR('10.96.0.0/12')!,
      podCIDR: parseCIDR('10.244.0.0/16')!,
      nodePortRange: { min: 30000, max: 32767 },
      nodes: [],
      ingressControllers: [],
    },
    objects: [],
    namespaces,
    nodes: [],
    services,
    workloads: [],
    pods: opts.pods ?? [],
    endpoints: () => [],
    endpointSlices: () => slices,
    ingresses: [],
    ingressClasses: [], gatewayApi: emptyGatewayApi(),
    allocationProblems: [], duplicates: [],
    dnsServiceIP: '10.96.0.10',
    service: (ns, name) => services.find((s) => s.namespace === ns && s.name === name),
    pod: (ns, name) => (opts.pods ?? []).find((p) => p.namespace === ns && p.name === name),
    endpointsOf: () => undefined,
    slicesOf: (ns, name) => slices.filter((s) => s.namespace === ns && s.serviceName === name).sort((a, b) => (a.name < b.name ? -1 : 1)),
    podsMatching: () => [],
    objectsOfKind: () => [],
    networkPolicies: [],
    namespace: () => undefined,
    serviceMonitors: [],
    podMonitors: [],
  };
}

/** `name TTL IN TYPE data` lines, the way dig prints an answer section. */
function lines(records: { name: string; ttl: number; type: string; data: string }[] | undefined): string[] {
  return (records ?? []).map((r) => `${r.name} ${r.ttl} IN ${r.type} ${r.data}`);
}

// ---------------------------------------------------------------------------------------------
// CoreDNS handler_test.go fixture (namespace testns).

const testns = cluster({
  namespaces: ['testns'],
  services: [
    svc('testns', 'svc1', { ip: '10.0.0.1', ports: [['http', 80]] }),
    svc('testns', 'svc6', { ip: '1234:abcd::1', ports: [['http', 80]] }),
    svc('testns', 'svc-dual-stack', { ip: ['10.0.0.3', '10::3'], ports: [['http', 80]] }),
    svc('testns', 'hdls1', { ip: 'None', ports: [['http', 80]] }),
    svc('testns', 'hdlsprtls', { ip: 'None', ports: [] }),
    svc('testns', 'external', { externalName: 'ext.interwebs.test', ports: [['http', 80]] }),
    svc('testns', 'external-to-service', { externalName: 'svc1.testns.svc.cluster.local', ports: [['http', 80]] }),
    svc('testns', 'external-to-nowhere', { externalName: 'svc0.testns.svc.cluster.local', ports: [['http', 80]] }),
    svc('testns', 'external-ip', { externalName: '1.2.3.4', ports: [['http', 80]] }),
  ],
  slices: [
    slice('testns', 'svc1', 'svc1-a', 'IPv4', [{ ip: '172.0.0.1', hostname: 'ep1a' }]),
    slice('testns', 'hdls1', 'hdls1-a', 'IPv4', [
      { ip: '172.0.0.2' },
      { ip: '172.0.0.3' },
      { ip: '172.0.0.4', hostname: 'dup-name' },
      { ip: '172.0.0.5', hostname: 'dup-name' },
      { ip: '172.0.0.9', ready: false },
    ]),
    slice('testns', 'hdls1', 'hdls1-b', 'IPv6', [{ ip: '5678:abcd::1' }, { ip: '5678:abcd::2' }]),
    slice('testns', 'hdlsprtls', 'hdlsprtls-a', 'IPv4', [{ ip: '172.0.0.20' }], []),
  ],
});

const Z = 'testns.svc.cluster.local.';

interface Case {
  q: string;
  t: DnsType;
  rcode: 'NOERROR' | 'NXDOMAIN';
  answer?: string[];
  extra?: string[];
  external?: boolean;
}

const handlerCases: Case[] = [
  { q: `svc1.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`svc1.${Z} 30 IN A 10.0.0.1`] },
  { q: `svc1.${Z}`, t: 'SRV', rcode: 'NOERROR', answer: [`svc1.${Z} 30 IN SRV 0 100 80 svc1.${Z}`], extra: [`svc1.${Z} 30 IN A 10.0.0.1`] },
  { q: `_http._tcp.svc1.${Z}`, t: 'SRV', rcode: 'NOERROR', answer: [`_http._tcp.svc1.${Z} 30 IN SRV 0 100 80 svc1.${Z}`], extra: [`svc1.${Z} 30 IN A 10.0.0.1`] },
  { q: `_http._udp.svc1.${Z}`, t: 'SRV', rcode: 'NXDOMAIN' },
  { q: `_https._tcp.svc1.${Z}`, t: 'SRV', rcode: 'NXDOMAIN' },
  { q: `svc6.${Z}`, t: 'AAAA', rcode: 'NOERROR', answer: [`svc6.${Z} 30 IN AAAA 1234:abcd::1`] },
  { q: `svc6.${Z}`, t: 'A', rcode: 'NOERROR', answer: [] },
  { q: `svc1.${Z}`, t: 'AAAA', rcode: 'NOERROR', answer: [] },
  {
    q: `svc-dual-stack.${Z}`,
    t: 'SRV',
    rcode: 'NOERROR',
    answer: [`svc-dual-stack.${Z} 30 IN SRV 0 50 80 svc-dual-stack.${Z}`],
    extra: [`svc-dual-stack.${Z} 30 IN A 10.0.0.3`, `svc-dual-stack.${Z} 30 IN AAAA 10::3`],
  },
  { q: `svc-dual-stack.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`svc-dual-stack.${Z} 30 IN A 10.0.0.3`] },
  { q: `svc-dual-stack.${Z}`, t: 'AAAA', rcode: 'NOERROR', answer: [`svc-dual-stack.${Z} 30 IN AAAA 10::3`] },
  {
    q: `hdls1.${Z}`,
    t: 'A',
    rcode: 'NOERROR',
    answer: [`hdls1.${Z} 30 IN A 172.0.0.2`, `hdls1.${Z} 30 IN A 172.0.0.3`, `hdls1.${Z} 30 IN A 172.0.0.4`, `hdls1.${Z} 30 IN A 172.0.0.5`],
  },
  { q: `hdls1.${Z}`, t: 'AAAA', rcode: 'NOERROR', answer: [`hdls1.${Z} 30 IN AAAA 5678:abcd::1`, `hdls1.${Z} 30 IN AAAA 5678:abcd::2`] },
  {
    q: `_http._tcp.hdls1.${Z}`,
    t: 'SRV',
    rcode: 'NOERROR',
    answer: [
      `_http._tcp.hdls1.${Z} 30 IN SRV 0 16 80 172-0-0-2.hdls1.${Z}`,
      `_http._tcp.hdls1.${Z} 30 IN SRV 0 16 80 172-0-0-3.hdls1.${Z}`,
      `_http._tcp.hdls1.${Z} 30 IN SRV 0 16 80 dup-name.hdls1.${Z}`,
      `_http._tcp.hdls1.${Z} 30 IN SRV 0 16 80 5678-abcd--1.hdls1.${Z}`,
      `_http._tcp.hdls1.${Z} 30 IN SRV 0 16 80 5678-abcd--2.hdls1.${Z}`,
    ],
    extra: [
      `172-0-0-2.hdls1.${Z} 30 IN A 172.0.0.2`,
      `172-0-0-3.hdls1.${Z} 30 IN A 172.0.0.3`,
      `dup-name.hdls1.${Z} 30 IN A 172.0.0.4`,
      `dup-name.hdls1.${Z} 30 IN A 172.0.0.5`,
      `5678-abcd--1.hdls1.${Z} 30 IN AAAA 5678:abcd::1`,
      `5678-abcd--2.hdls1.${Z} 30 IN AAAA 5678:abcd::2`,
    ],
  },
  { q: `172-0-0-2.hdls1.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`172-0-0-2.hdls1.${Z} 30 IN A 172.0.0.2`] },
  { q: `dup-name.hdls1.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`dup-name.hdls1.${Z} 30 IN A 172.0.0.4`, `dup-name.hdls1.${Z} 30 IN A 172.0.0.5`] },
  { q: `5678-abcd--1.hdls1.${Z}`, t: 'AAAA', rcode: 'NOERROR', answer: [`5678-abcd--1.hdls1.${Z} 30 IN AAAA 5678:abcd::1`] },
  // Not-ready endpoints are not published.
  { q: `172-0-0-9.hdls1.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  { q: `bogusendpoint.hdls1.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  // Endpoint names exist under a ClusterIP Service too (CoreDNS looks them up in its slices).
  { q: `ep1a.svc1.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`ep1a.svc1.${Z} 30 IN A 172.0.0.1`] },
  // A headless Service whose slice has no ports: A records, no SRV.
  { q: `hdlsprtls.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`hdlsprtls.${Z} 30 IN A 172.0.0.20`] },
  { q: `hdlsprtls.${Z}`, t: 'SRV', rcode: 'NOERROR', answer: [] },
  { q: `svc0.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  { q: `svc0.${Z}`, t: 'SRV', rcode: 'NXDOMAIN' },
  { q: `external.${Z}`, t: 'CNAME', rcode: 'NOERROR', answer: [`external.${Z} 30 IN CNAME ext.interwebs.test.`], external: true },
  { q: `external.${Z}`, t: 'A', rcode: 'NOERROR', answer: [`external.${Z} 30 IN CNAME ext.interwebs.test.`], external: true },
  // SRV for ExternalName is not implemented by CoreDNS: NODATA; port-prefixed or endpoint names: NXDOMAIN.
  { q: `external.${Z}`, t: 'SRV', rcode: 'NOERROR', answer: [] },
  { q: `_http._tcp.external.${Z}`, t: 'SRV', rcode: 'NXDOMAIN' },
  { q: `ep.external.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  {
    q: `external-to-service.${Z}`,
    t: 'A',
    rcode: 'NOERROR',
    answer: [`external-to-service.${Z} 30 IN CNAME svc1.${Z}`, `svc1.${Z} 30 IN A 10.0.0.1`],
  },
  // An in-zone CNAME target that does not resolve: CoreDNS drops the CNAME too.
  { q: `external-to-nowhere.${Z}`, t: 'A', rcode: 'NOERROR', answer: [] },
  // An ExternalName that is an IP address yields no record.
  { q: `external-ip.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  { q: Z, t: 'A', rcode: 'NOERROR', answer: [] },
  { q: 'nons.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN' },
  { q: 'svc1.nons.svc.cluster.local.', t: 'A', rcode: 'NXDOMAIN' },
  { q: 'svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: [] },
  { q: 'cluster.local.', t: 'A', rcode: 'NOERROR', answer: [] },
  { q: `a.b.c.svc1.${Z}`, t: 'A', rcode: 'NXDOMAIN' },
  { q: 'svc1.testns.nope.cluster.local.', t: 'A', rcode: 'NXDOMAIN' },
  { q: 'dns-version.cluster.local.', t: 'TXT', rcode: 'NOERROR', answer: ['dns-version.cluster.local. 28800 IN TXT "1.1.0"'] },
  { q: 'dns-version.cluster.local.', t: 'A', rcode: 'NXDOMAIN' },
  { q: `svc1.${Z}`, t: 'TXT', rcode: 'NOERROR', answer: [] },
  { q: `svc0.${Z}`, t: 'TXT', rcode: 'NXDOMAIN' },
  { q: `svc1.${Z}`, t: 'CNAME', rcode: 'NOERROR', answer: [] },
  { q: `svc1.${Z}`, t: 'PTR', rcode: 'NOERROR', answer: [] },
  { q: 'ns.dns.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['ns.dns.cluster.local. 30 IN A 10.96.0.10'] },
  // Case-insensitive, trailing dot optional.
  { q: 'SVC1.TestNS.svc.cluster.local', t: 'A', rcode: 'NOERROR', answer: [`svc1.${Z} 30 IN A 10.0.0.1`] },
  // Reverse: cluster IPs and ready endpoint addresses.
  { q: '1.0.0.10.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: [`1.0.0.10.in-addr.arpa. 30 IN PTR svc1.${Z}`] },
  { q: '2.0.0.172.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: [`2.0.0.172.in-addr.arpa. 30 IN PTR 172-0-0-2.hdls1.${Z}`] },
  { q: '4.0.0.172.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: [`4.0.0.172.in-addr.arpa. 30 IN PTR dup-name.hdls1.${Z}`] },
  { q: '9.0.0.172.in-addr.arpa.', t: 'PTR', rcode: 'NXDOMAIN', external: true },
  {
    q: '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.',
    t: 'PTR',
    rcode: 'NOERROR',
    answer: [`1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa. 30 IN PTR svc6.${Z}`],
  },
  // Outside the cluster zone: forwarded upstream.
  { q: 'www.example.com.', t: 'A', rcode: 'NXDOMAIN', external: true },
];

describe('CoreDNS kubernetes plugin answers (handler_test.go, zone cluster.local)', () => {
  test.each(handlerCases)('$q $t → $rcode', (c) => {
    const got = dnsRecords(testns, c.q, c.t);
    expect(got.rcode).toBe(c.rcode);
    expect(lines(got.answers)).toEqual(c.answer ?? []);
    expect(lines(got.extras)).toEqual(c.extra ?? []);
    expect(got.external ?? false).toBe(c.external ?? false);
  });
});

describe('DNS specification examples (kubernetes/dns docs/specification.md)', () => {
  const spec = cluster({
    services: [
      svc('default', 'kubernetes', { ip: '10.3.0.1', ports: [['https', 443]] }),
      svc('default', 'headless', { ip: 'None', ports: [['http', 80]] }),
      svc('default', 'foo', { externalName: 'www.example.com' }),
    ],
    slices: [slice('default', 'headless', 'headless-abc', 'IPv4', [{ ip: '10.3.0.100', hostname: 'my-pet' }])],
  });
  const cases: Case[] = [
    { q: 'kubernetes.default.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['kubernetes.default.svc.cluster.local. 30 IN A 10.3.0.1'] },
    {
      q: '_https._tcp.kubernetes.default.svc.cluster.local.',
      t: 'SRV',
      rcode: 'NOERROR',
      answer: ['_https._tcp.kubernetes.default.svc.cluster.local. 30 IN SRV 0 100 443 kubernetes.default.svc.cluster.local.'],
      extra: ['kubernetes.default.svc.cluster.local. 30 IN A 10.3.0.1'],
    },
    { q: '1.0.3.10.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: ['1.0.3.10.in-addr.arpa. 30 IN PTR kubernetes.default.svc.cluster.local.'] },
    { q: 'my-pet.headless.default.svc.cluster.local.', t: 'A', rcode: 'NOERROR', answer: ['my-pet.headless.default.svc.cluster.local. 30 IN A 10.3.0.100'] },
    { q: '100.0.3.10.in-addr.arpa.', t: 'PTR', rcode: 'NOERROR', answer: ['100.0.3.10.in-addr.arpa. 30 IN PTR my-pet.headless.default.svc.cluster.local.'] },
    { q: 'foo.default.svc.cluster.local.', t: 'CNAME', rcode: 'NOERROR', answer: ['foo.default.svc.cluster.local. 30 IN CNAME www.example.com.'], external: true },
  ];
  test.each(cases)('$q $t', (c) => {
    const got = dnsRecords(spec, c.q, c.t);
    expect(got.rcode).toBe(c.rcode);
    expect(lines(got.answers)).toEqual(c.answer ?? []);
    expect(lines(got.extras)).toEqual(c.extra ?? []);
    expect(got.external ?? false).toBe(c.external ?? false);
  });
});

describe('SRV weights: floor(100 / candidates)', () => {
  const ports: Port[] = [['a', 1], ['b', 2], ['c', 3]];
  const c = cluster({ services: [svc('default', 'multi', { ip: '10.96.0.50', ports })] });
  test('three named ports on the bare name → 0 33 each', () => {
    expect(dnsRecords(c, 'multi.default.svc.cluster.local', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 33 1 multi.default.svc.cluster.local.',
      '0 33 2 multi.default.svc.cluster.local.',
      '0 33 3 multi.default.svc.cluster.local.',
    ]);
  });
  test('an unnamed port has no `_port._proto` name but is on the bare name', () => {
    const u = cluster({ services: [svc('default', 'web', { ip: '10.96.0.60', ports: [['', 8080]] })] });
    expect(dnsRecords(u, 'web.default.svc.cluster.local.', 'SRV').answers.map((r) => r.data)).toEqual(['0 100 8080 web.default.svc.cluster.local.']);
    expect(dnsRecords(u, '_http._tcp.web.default.svc.cluster.local.', 'SRV').rcode).toBe('NXDOMAIN');
  });
  test('UDP port by protocol label', () => {
    const d = cluster({ services: [svc('kube-system', 'kube-dns', { ip: '10.96.0.10', ports: [['dns', 53, 'UDP'], ['dns-tcp', 53, 'TCP']] })] });
    expect(dnsRecords(d, '_dns._udp.kube-dns.kube-system.svc.cluster.local.', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 100 53 kube-dns.kube-system.svc.cluster.local.',
    ]);
    // Two ports share target and port number: one SRV, weight from both candidates.
    expect(dnsRecords(d, 'kube-dns.kube-system.svc.cluster.local.', 'SRV').answers.map((r) => r.data)).toEqual([
      '0 50 53 kube-dns.kube-system.svc.cluster.local.',
    ]);
  });
});

describe('pod records (pods insecure)', () => {
  const c = cluster({ services: [], namespaces: ['default'] });
  test.each([
    ['172-17-0-3.default.pod.cluster.local.', 'A', 'NOERROR', ['172-17-0-3.default.pod.cluster.local. 30 IN A 172.17.0.3']],
    ['1234-abcd--1.default.pod.cluster.local.', 'AAAA', 'NOERROR', ['1234-abcd--1.default.pod.cluster.local. 30 IN AAAA 1234:abcd::1']],
    ['172-17-0-3.nons.pod.cluster.local.', 'A', 'NXDOMAIN', []],
    ['not-an-ip.default.pod.cluster.local.', 'A', 'NXDOMAIN', []],
    ['default.pod.cluster.local.', 'A', 'NOERROR', []],
    ['pod.cluster.local.', 'A', 'NOERROR', []],
  ] as [string, DnsType, string, string[]][])('%s %s', (q, t, rcode, answer) => {
    const got = dnsRecords(c, q, t);
    expect(got.rcode).toBe(rcode);
    expect(lines(got.answers)).toEqual(answer);
  });
});

describe('pod hostname and subdomain', () => {
  // busybox-1 with subdomain busybox-subdomain in my-namespace; the headless Service's slice carries the hostname.
  const c = cluster({
    clusterDomain: 'cluster-domain.example',
    services: [svc('my-namespace', 'busybox-subdomain', { ip: 'None', ports: [['foo', 1234]] })],
    slices: [
      slice('my-namespace', 'busybox-subdomain', 'busybox-subdomain-x', 'IPv4', [
        { ip: '10.244.1.5', hostname: 'busybox-1' },
        { ip: '10.244.2.6', hostname: 'busybox-2', ready: false },
      ], [['foo', 1234]]),
    ],
  });
  test('hostname.subdomain.ns.svc.zone resolves to the ready pod', () => {
    const got = dnsRecords(c, 'busybox-1.busybox-subdomain.my-namespace.svc.cluster-domain.example', 'A');
    expect(lines(got.answers)).toEqual(['busybox-1.busybox-subdomain.my-namespace.svc.cluster-domain.example. 30 IN A 10.244.1.5']);
  });
  test('a pod that is not ready has no record', () => {
    expect(dnsRecords(c, 'busybox-2.busybox-subdomain.my-namespace.svc.cluster-domain.example', 'A').rcode).toBe('NXDOMAIN');
  });
  test('the subdomain name lists the ready pods', () => {
    const got = dnsRecords(c, 'busybox-subdomain.my-namespace.svc.cluster-domain.example.', 'A');
    expect(got.answers.map((r) => r.data)).toEqual(['10.244.1.5']);
  });
  test('SRV targets the hostname', () => {
    const got = dnsRecords(c, '_foo._tcp.busybox-subdomain.my-namespace.svc.cluster-domain.example.', 'SRV');
    expect(got.answers.map((r) => r.data)).toEqual(['0 100 1234 busybox-1.busybox-subdomain.my-namespace.svc.cluster-domain.example.']);
  });
  test('cluster.local is not this cluster', () => {
    expect(dnsRecords(c, 'busybox-subdomain.my-namespace.svc.cluster.local.', 'A')).toEqual({ rcode: 'NXDOMAIN', answers: [], external: true });
  });
});

describe('name helpers', () => {
  test.each([
    ['10.3.0.1', undefined, '10-3-0-1'],
    ['5678:abcd::1', undefined, '5678-abcd--1'],
    ['5678:abcd::', undefined, '5678-abcd--0'],
    ['10.3.0.1', 'My-Pet', 'my-pet'],
  ])('endpointHostname(%s, %s) = %s', (ip, hostname, want) => {
    expect(endpointHostname(ip, hostname)).toBe(want);
  });
  test.each([
    ['10.96.0.1', '1.0.96.10.in-addr.arpa.'],
    ['1234:abcd::1', '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.'],
    ['nope', undefined],
  ])('reverseName(%s) = %s', (ip, want) => {
    expect(reverseName(ip)).toBe(want);
  });
});
