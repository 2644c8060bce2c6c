/**
 * The pod resolver (kubelet pkg/kubelet/network/dns/dns.go): resolv.conf as the kubelet writes it and the search-path walk
 * (ndots:5, trailing dot, dnsPolicy Default / hostNetwork / None with dnsConfig).
 */
import { emptyGatewayApi } from '../../lib/cluster/gateway-api/build';
import type { Cluster, SimPod, SimService } from '../../lib/cluster/model';
import { parseCIDR } from '../../lib/k8s/ip';
import fc from 'fast-check';
import { candidateNames, dnsRecords, podResolver, resolvConf, resolveFromPod } from '../../lib/views/dns';
import { simService } from './fixtures';

function svc(ns: string, name: string, ip: string, externalName?: string): SimService {
  return simService(ns, name, { clusterIP: ip, ports: [['', 80]], externalName });
}

function pod(ns: string, name: string, extra: Partial<SimPod> & { dnsConfig?: unknown } = {}): SimPod {
  const { dnsConfig, ...rest } = extra;
  return {
    namespace: ns,
    name,
    labels: {},
    ip: '10.244.1.10',
    nodeName: 'node-1',
    phase: 'Running',
    ready: true,
    terminating: false,
    hostNetwork: false,
    enableServiceLinks: true,
    dnsPolicy: 'ClusterFirst',
    containers: [],
    apiObject: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: dnsConfig === undefined ? {} : { dnsConfig } }),
    ...rest,
  } as unknown as SimPod;
}

function cluster(services: SimService[], namespaces: string[] = []): Cluster {
  const all = [...new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease', ...namespaces, ...services.map((s) => s.namespace)])].sort();
  return {
    settings: {
      kubernetesVersion: { major: 1, minor: 31 },
      clusterDomain: 'cluster.local',
      serviceCIDR: parseCIDR('10.96.0.0/12')!,
      podCIDR: parseCIDR('10.244.0.0/16')!,
      nodePortRange: { min: 30000, max: 32767 },
      nodes: [],
      ingressControllers: [],
    },
    objects: [],
    namespaces: all,
    nodes: [],
    services,
    workloads: [],
    pods: [],
    endpoints: () => [],
    endpointSlices: () => [],
    ingresses: [],
    ingressClasses: [], gatewayApi: emptyGatewayApi(),
    allocationProblems: [], duplicates: [],
    dnsServiceIP: '10.96.0.10',
    service: (ns, name) => services.find((s) => s.namespace === ns && s.name === name),
    pod: () => undefined,
    endpointsOf: () => undefined,
    slicesOf: () => [],
    podsMatching: () => [],
    objectsOfKind: () => [],
    networkPolicies: [],
    namespace: () => undefined,
    serviceMonitors: [],
    podMonitors: [],
  };
}

const c = cluster(
  [
    svc('prod', 'data', '10.96.0.20'),
    svc('test', 'web', '10.96.0.30'),
    svc('default', 'httpd-svc', '10.110.212.171'),
    svc('default', 'external-service', '', 'someapi.somecompany.com'),
  ],
  ['test', 'data'],
);
const fromTest = pod('test', 'client');

describe('resolv.conf', () => {
  test('ClusterFirst pod', () => {
    expect(resolvConf(c, fromTest)).toBe('search test.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
  test('hostNetwork with ClusterFirst falls back to the node resolver', () => {
    const p = pod('test', 'hn', { hostNetwork: true });
    expect(podResolver(c, p)).toMatchObject({ policy: 'Default', clusterDns: false, searches: [], nameservers: [] });
    expect(resolvConf(c, p)).toBe("# dnsPolicy Default (hostNetwork): the node's /etc/resolv.conf, not known offline\n");
  });
  test('hostNetwork with ClusterFirstWithHostNet keeps the cluster resolver', () => {
    expect(podResolver(c, pod('test', 'hn', { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }))).toMatchObject({
      policy: 'ClusterFirst',
      clusterDns: true,
      searches: ['test.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      ndots: 5,
    });
  });
  test('dnsConfig is merged: searches appended without duplicates, options overridden', () => {
    const p = pod('test', 'cfg', {
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['svc.cluster.local', 'corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    });
    expect(resolvConf(c, p)).toBe(
      'search test.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\nnameserver 1.1.1.1\noptions ndots:2 edns0\n',
    );
  });
  test('dnsPolicy None uses dnsConfig only', () => {
    const p = pod('test', 'none', { dnsPolicy: 'None', dnsConfig: { nameservers: ['8.8.8.8'], searches: ['example.org'] } });
    expect(resolvConf(c, p)).toBe('search example.org\nnameserver 8.8.8.8\n');
    expect(podResolver(c, p).ndots).toBe(1);
  });
});

describe('search-path resolution from a pod in namespace test (ndots:5, as glibc\'s resolver walks it)', () => {
  const cases: { q: string; rcode: string; name: string; tried: string[]; data?: string[]; external?: boolean }[] = [
    {
      q: 'data',
      // data.svc.cluster.local is NODATA (namespace `data` exists): the walk goes on, and glibc
      // reports NODATA at the end, naming the first name that exists.
      rcode: 'NOERROR',
      name: 'data.svc.cluster.local.',
      tried: ['data.test.svc.cluster.local.', 'data.svc.cluster.local.', 'data.cluster.local.', 'data.'],
    },
    { q: 'web', rcode: 'NOERROR', name: 'web.test.svc.cluster.local.', tried: ['web.test.svc.cluster.local.'], data: ['10.96.0.30'] },
    {
      q: 'data.prod',
      rcode: 'NOERROR',
      name: 'data.prod.svc.cluster.local.',
      tried: ['data.prod.test.svc.cluster.local.', 'data.prod.svc.cluster.local.'],
      data: ['10.96.0.20'],
    },
    {
      q: 'data.prod.svc',
      rcode: 'NOERROR',
      name: 'data.prod.svc.cluster.local.',
      tried: ['data.prod.svc.test.svc.cluster.local.', 'data.prod.svc.svc.cluster.local.', 'data.prod.svc.cluster.local.'],
      data: ['10.96.0.20'],
    },
    {
      q: 'data.prod.svc.cluster.local',
      rcode: 'NOERROR',
      name: 'data.prod.svc.cluster.local.',
      tried: [
        'data.prod.svc.cluster.local.test.svc.cluster.local.',
        'data.prod.svc.cluster.local.svc.cluster.local.',
        'data.prod.svc.cluster.local.cluster.local.',
        'data.prod.svc.cluster.local.',
      ],
      data: ['10.96.0.20'],
    },
    { q: 'data.prod.svc.cluster.local.', rcode: 'NOERROR', name: 'data.prod.svc.cluster.local.', tried: ['data.prod.svc.cluster.local.'], data: ['10.96.0.20'] },
    {
      q: 'www.example.com',
      rcode: 'NXDOMAIN',
      name: 'www.example.com.',
      tried: ['www.example.com.test.svc.cluster.local.', 'www.example.com.svc.cluster.local.', 'www.example.com.cluster.local.', 'www.example.com.'],
      external: true,
    },
  ];
  test.each(cases)('$q', (t) => {
    const got = resolveFromPod(c, t.q, { from: fromTest });
    expect(got.query).toBe(t.q);
    expect(got.rcode).toBe(t.rcode);
    expect(got.name).toBe(t.name);
    expect(got.tried.map((a) => a.name)).toEqual(t.tried);
    expect(got.answers.map((a) => a.data)).toEqual(t.data ?? []);
    expect(got.external ?? false).toBe(t.external ?? false);
  });

  test('a bare name that exists nowhere is NXDOMAIN, not external', () => {
    const got = resolveFromPod(c, 'nothing', { from: fromTest });
    expect(got).toMatchObject({ rcode: 'NXDOMAIN', name: 'nothing.', answers: [] });
    expect(got.external).toBeUndefined();
    expect(got.tried.map((a) => `${a.name} ${a.rcode}`)).toEqual([
      'nothing.test.svc.cluster.local. NXDOMAIN',
      'nothing.svc.cluster.local. NXDOMAIN',
      'nothing.cluster.local. NXDOMAIN',
      'nothing. NXDOMAIN',
    ]);
  });

  test('six dots or more: absolute first', () => {
    expect(candidateNames('a.b.c.d.e.f', podResolver(c, fromTest))).toEqual([
      'a.b.c.d.e.f.',
      'a.b.c.d.e.f.test.svc.cluster.local.',
      'a.b.c.d.e.f.svc.cluster.local.',
      'a.b.c.d.e.f.cluster.local.',
    ]);
  });
});

describe('seed scenarios (hand-built cluster)', () => {
  test('from a pod in default, httpd-svc.default resolves to the Service IP', () => {
    const got = resolveFromPod(c, 'httpd-svc.default', {});
    expect(got).toMatchObject({ rcode: 'NOERROR', name: 'httpd-svc.default.svc.cluster.local.' });
    expect(got.answers).toEqual([{ name: 'httpd-svc.default.svc.cluster.local.', type: 'A', data: '10.110.212.171' }]);
    expect(got.tried.map((t) => `${t.name} ${t.rcode}`)).toEqual(['httpd-svc.default.default.svc.cluster.local. NXDOMAIN', 'httpd-svc.default.svc.cluster.local. NOERROR']);
  });
  test('ExternalName: CNAME to the outside name, external', () => {
    const got = resolveFromPod(c, 'external-service', {});
    expect(got.rcode).toBe('NOERROR');
    expect(got.name).toBe('external-service.default.svc.cluster.local.');
    expect(got.answers).toEqual([{ name: 'external-service.default.svc.cluster.local.', type: 'CNAME', data: 'someapi.somecompany.com.' }]);
    expect(got.external).toBe(true);
  });
  test('PTR for an address asks its reverse name', () => {
    const got = resolveFromPod(c, '10.110.212.171', { type: 'PTR' });
    expect(got.name).toBe('171.212.110.10.in-addr.arpa.');
    expect(got.answers.map((a) => a.data)).toEqual(['httpd-svc.default.svc.cluster.local.']);
  });
  test('a hostNetwork pod without ClusterFirstWithHostNet cannot resolve Service names', () => {
    const got = resolveFromPod(c, 'httpd-svc.default', { from: pod('default', 'hn', { hostNetwork: true }) });
    expect(got.rcode).toBe('NXDOMAIN');
    expect(got.tried).toEqual([{ name: 'httpd-svc.default.', rcode: 'NXDOMAIN', answers: 0, server: 'upstream', external: true }]);
  });
  test('SRV through the search path', () => {
    const got = resolveFromPod(c, 'web', { from: fromTest, type: 'SRV' });
    expect(got.answers.map((a) => a.data)).toEqual(['0 100 80 web.test.svc.cluster.local.']);
    expect(got.extras?.map((a) => a.data)).toEqual(['10.96.0.30']);
  });
});

describe('node resolver and hostile names', () => {
  test('nodeResolver: a node cannot resolve Service names, and outside names are external', () => {
    const svcName = resolveFromPod(c, 'httpd-svc.default.svc.cluster.local', { nodeResolver: true });
    expect(svcName).toMatchObject({ rcode: 'NXDOMAIN', name: 'httpd-svc.default.svc.cluster.local.' });
    expect(svcName.external).toBeUndefined();
    expect(svcName.tried).toEqual([{ name: 'httpd-svc.default.svc.cluster.local.', rcode: 'NXDOMAIN', answers: 0, server: 'upstream' }]);
    expect(resolveFromPod(c, 'www.example.com', { nodeResolver: true }).external).toBe(true);
  });

  test('arbitrary names and types never throw and give a well-formed result', () => {
    const types = ['A', 'AAAA', 'SRV', 'CNAME', 'PTR', 'TXT'] as const;
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...types), (name, type) => {
        const r = resolveFromPod(c, name, { from: fromTest, type });
        expect(['NOERROR', 'NXDOMAIN']).toContain(r.rcode);
        expect(r.name.endsWith('.')).toBe(true);
        expect(r.tried.length).toBeGreaterThan(0);
        const d = dnsRecords(c, name, type);
        expect(['NOERROR', 'NXDOMAIN']).toContain(d.rcode);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  test('names built from cluster labels never throw', () => {
    const label = fc.constantFrom('data', 'prod', 'svc', 'pod', 'test', '_http', '_tcp', 'cluster', 'local', '10-0-0-1', '', '*', 'in-addr', 'arpa', '1');
    fc.assert(
      fc.property(fc.array(label, { maxLength: 8 }), (labels) => {
        const r = dnsRecords(c, labels.join('.'), 'SRV');
        expect(['NOERROR', 'NXDOMAIN']).toContain(r.rcode);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
