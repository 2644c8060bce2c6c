import { fromObjects } from '../../lib/load/objects';
import type { JsonObject } from '../../lib/k8s/json';
import type { Protocol, SimContainerPort, SimEndpointAddress, SimEndpointSubset, SimPod, SimService, SimServicePort } from '../../lib/cluster/model';
import { findPort } from '../../lib/cluster/find-port';
import { computeEndpoints, repackSubsets, truncateSubsets, OVER_CAPACITY_ANNOTATION, HEADLESS_LABEL } from '../../lib/cluster/endpoints-controller';
import { computeEndpointSlices, sliceNamePrefix } from '../../lib/cluster/endpointslice-controller';
import type { SimEndpointSlice, SimNode } from '../../lib/cluster/model';
import { parseCIDR } from '../../lib/k8s/ip';

// ---------------------------------------------------------------------------------------------
// Fixtures, by hand (the model types are the contract with cluster/build.ts).

const dummyObj = fromObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fixture' } }]).objects[0];

interface PodOpts extends Partial<Omit<SimPod, 'containers'>> {
  /** [name, containerPort, protocol] of the one regular container. */
  ports?: [string | undefined, number, Protocol?][];
  sidecarPorts?: [string | undefined, number, Protocol?][];
  /** Put the sidecar first in the model's list (FindPort must still search regular containers first). */
  sidecarFirst?: boolean;
}

function cports(list: [string | undefined, number, Protocol?][]): SimContainerPort[] {
  return list.map(([name, containerPort, protocol]) => (name === undefined ? { containerPort, protocol: protocol ?? 'TCP' } : { name, containerPort, protocol: protocol ?? 'TCP' }));
}

function mkPod(name: string, o: PodOpts = {}): SimPod {
  const main = { name: 'main', sidecar: false, ports: cports(o.ports ?? []), env: [], hasEnvFrom: false };
  const side = o.sidecarPorts ? [{ name: 'proxy', sidecar: true, ports: cports(o.sidecarPorts), env: [], hasEnvFrom: false }] : [];
  const { ports: _p, sidecarPorts: _s, sidecarFirst, ...rest } = o;
  return {
    namespace: 'default',
    name,
    uid: `uid-${name}`,
    labels: { app: 'web' },
    ip: '10.244.1.1',
    nodeName: 'node-1',
    phase: 'Running',
    ready: true,
    terminating: false,
    hostNetwork: false,
    enableServiceLinks: true,
    dnsPolicy: 'ClusterFirst',
    containers: sidecarFirst ? [...side, main] : [main, ...side],
    obj: dummyObj,
    apiObject: () => ({}),
    ...rest,
  };
}

function sp(name: string, port: number, targetPort: number | string, protocol: Protocol = 'TCP', index = 0): SimServicePort {
  return { index, name, port, protocol, targetPort, nodePort: 0 };
}

interface SvcOpts extends Partial<SimService> {
  ipFamilies?: string[];
}

function mkService(o: SvcOpts = {}): SimService {
  const { ipFamilies, ...rest } = o;
  const headless = o.headless ?? false;
  const clusterIP = o.clusterIP ?? (headless ? 'None' : '10.96.0.20');
  const api: JsonObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: o.name ?? 'web', namespace: 'default' }, spec: { ipFamilies: ipFamilies ?? ['IPv4'] } };
  return {
    namespace: 'default',
    name: 'web',
    type: 'ClusterIP',
    clusterIP,
    clusterIPs: [clusterIP],
    headless,
    selector: { app: 'web' },
    ports: [sp('http', 80, 8080)],
    externalIPs: [],
    loadBalancerIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    labels: {},
    selectedPods: [],
    apiObject: () => api,
    ...rest,
  };
}

/** `ip`, `ip@uid`, `ip@uid#name`: an address whose pod has that UID (and name). */
function addr(text: string): SimEndpointAddress {
  const [ipAndUid, name] = text.split('#');
  const [ip, uid] = ipAndUid.split('@');
  if (uid === undefined && name === undefined) return { ip };
  return { ip, pod: { uid: uid ?? '', name: name ?? '' } as SimPod };
}

function subset(ready: string[], notReady: string[], ports: number[]): SimEndpointSubset {
  return { addresses: ready.map(addr), notReadyAddresses: notReady.map(addr), ports: ports.map((port) => ({ name: '', port, protocol: 'TCP' as Protocol })) };
}

function showAddr(a: SimEndpointAddress): string {
  if (!a.pod) return a.ip;
  return `${a.ip}@${a.pod.uid}${a.pod.name ? `#${a.pod.name}` : ''}`;
}

/** One line per subset: `A[ready...] N[notReady...] P[ports...]`. */
function show(subsets: SimEndpointSubset[]): string[] {
  return subsets.map((s) => `A[${s.addresses.map(showAddr).join(',')}] N[${s.notReadyAddresses.map(showAddr).join(',')}] P[${s.ports.map((p) => `${p.name ? `${p.name}:` : ''}${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(',')}]`);
}

// ---------------------------------------------------------------------------------------------

describe('findPort (upstream FindPort)', () => {
  const pod = mkPod('p', {
    ports: [
      ['http', 8080],
      ['dns', 53, 'UDP'],
      ['metrics', 9100],
      ['metrics', 9200],
    ],
    sidecarPorts: [
      ['admin', 15000],
      ['http', 15001],
    ],
    sidecarFirst: true,
  });
  const cases: [string, SimServicePort, number | undefined][] = [
    ['int targetPort is taken as is, declared or not', sp('a', 80, 31337), 31337],
    ['named port with matching protocol', sp('a', 80, 'http'), 8080],
    ['named port: protocol must match too (TCP service, UDP container port)', sp('a', 53, 'dns', 'TCP'), undefined],
    ['named port: UDP service finds the UDP container port', sp('a', 53, 'dns', 'UDP'), 53],
    ['first matching port wins', sp('a', 80, 'metrics'), 9100],
    ['sidecar ports are searched after regular containers', sp('a', 80, 'admin'), 15000],
    ['regular container wins over a sidecar with the same name', sp('a', 80, 'http'), 8080],
    ['unknown name resolves to nothing', sp('a', 80, 'nope'), undefined],
    ['names are case-sensitive', sp('a', 80, 'HTTP'), undefined],
  ];
  test.each(cases)('%s', (_name, port, expected) => {
    expect(findPort(pod, port)).toBe(expected);
  });
});

describe('repackSubsets (upstream TestPackSubsets vectors)', () => {
  const cases: [string, SimEndpointSubset[], string[]][] = [
    ['empty everything', [subset([], [], [])], []],
    ['empty addresses', [subset([], [], [111])], []],
    // Upstream's sentinel port keeps addresses of subsets without ports (headless Services without ports).
    ['empty ports keeps the address without ports', [subset(['1.2.3.4'], [], [])], ['A[1.2.3.4] N[] P[]']],
    ['empty ports keeps a not-ready address without ports', [subset([], ['1.2.3.4'], [])], ['A[] N[1.2.3.4] P[]']],
    ['one set, one ip, one port', [subset(['1.2.3.4'], [], [111])], ['A[1.2.3.4] N[] P[111]']],
    ['one set, one ip, one port (IPv6)', [subset(['beef::1:2:3:4'], [], [111])], ['A[beef::1:2:3:4] N[] P[111]']],
    ['one set, one notReady ip, one port', [subset([], ['1.2.3.4'], [111])], ['A[] N[1.2.3.4] P[111]']],
    ['one set, one ip, one UID, one port', [subset(['1.2.3.4@uid-1'], [], [111])], ['A[1.2.3.4@uid-1] N[] P[111]']],
    ['one set, one notReady ip, one UID, one port', [subset([], ['1.2.3.4@uid-1'], [111])], ['A[] N[1.2.3.4@uid-1] P[111]']],
    ['one set, two ips, one port', [subset(['1.2.3.4', '5.6.7.8'], [], [111])], ['A[1.2.3.4,5.6.7.8] N[] P[111]']],
    ['one set, two mixed ips, one port', [subset(['1.2.3.4'], ['5.6.7.8'], [111])], ['A[1.2.3.4] N[5.6.7.8] P[111]']],
    ['one set, two duplicate ips, one port, notReady is covered by ready', [subset(['1.2.3.4'], ['1.2.3.4'], [111])], ['A[] N[1.2.3.4] P[111]']],
    ['one set, one ip, two ports', [subset(['1.2.3.4'], [], [111, 222])], ['A[1.2.3.4] N[] P[111,222]']],
    ['one set, dup ips, one port', [subset(['1.2.3.4', '1.2.3.4'], [], [111])], ['A[1.2.3.4] N[] P[111]']],
    ['one set, dup ips, one port (IPv6)', [subset(['beef::1', 'beef::1'], [], [111])], ['A[beef::1] N[] P[111]']],
    ['one set, dup ips with target-refs (no UID), one port: first kept', [subset(['1.2.3.4@#foo', '1.2.3.4@#bar'], [], [111])], ['A[1.2.3.4@#foo] N[] P[111]']],
    ['one set, dup mixed ips with target-refs, one port: first address, not ready', [subset(['1.2.3.4@#foo'], ['1.2.3.4@#bar'], [111])], ['A[] N[1.2.3.4@#foo] P[111]']],
    ['one set, one ip, dup ports', [subset(['1.2.3.4'], [], [111, 111])], ['A[1.2.3.4] N[] P[111]']],
    ['two sets, dup ip, dup port', [subset(['1.2.3.4'], [], [111]), subset(['1.2.3.4'], [], [111])], ['A[1.2.3.4] N[] P[111]']],
    ['two sets, dup mixed ip, dup port', [subset(['1.2.3.4'], [], [111]), subset([], ['1.2.3.4'], [111])], ['A[] N[1.2.3.4] P[111]']],
    ['two sets, dup ip, two ports', [subset(['1.2.3.4'], [], [111]), subset(['1.2.3.4'], [], [222])], ['A[1.2.3.4] N[] P[111,222]']],
    ['two sets, dup ip, dup uids, two ports', [subset(['1.2.3.4@uid-1'], [], [111]), subset(['1.2.3.4@uid-1'], [], [222])], ['A[1.2.3.4@uid-1] N[] P[111,222]']],
    [
      'two sets, dup mixed ip, dup uids, two ports',
      [subset(['1.2.3.4@uid-1'], [], [111]), subset([], ['1.2.3.4@uid-1'], [222])],
      ['A[1.2.3.4@uid-1] N[] P[111]', 'A[] N[1.2.3.4@uid-1] P[222]'],
    ],
    ['two sets, two ips, dup port', [subset(['1.2.3.4'], [], [111]), subset(['5.6.7.8'], [], [111])], ['A[1.2.3.4,5.6.7.8] N[] P[111]']],
    ['two sets, dup ip, two uids, dup ports', [subset(['1.2.3.4@uid-1'], [], [111]), subset(['1.2.3.4@uid-2'], [], [111])], ['A[1.2.3.4@uid-1,1.2.3.4@uid-2] N[] P[111]']],
    ['two sets, dup ip, with and without uid, dup ports', [subset(['1.2.3.4'], [], [111]), subset(['1.2.3.4@uid-2'], [], [111])], ['A[1.2.3.4,1.2.3.4@uid-2] N[] P[111]']],
    [
      'two sets, two ips, two dup ip with uid, dup port, wrong order',
      [subset(['5.6.7.8'], [], [111]), subset(['5.6.7.8@uid-1'], [], [111]), subset(['1.2.3.4@uid-1'], [], [111]), subset(['1.2.3.4'], [], [111])],
      ['A[1.2.3.4,1.2.3.4@uid-1,5.6.7.8,5.6.7.8@uid-1] N[] P[111]'],
    ],
    [
      'two sets, two mixed ips, two dup ip with uid, dup port, wrong order, ends up with split addresses',
      [subset(['5.6.7.8'], [], [111]), subset([], ['5.6.7.8@uid-1'], [111]), subset([], ['1.2.3.4@uid-1'], [111]), subset([], ['1.2.3.4'], [111])],
      ['A[5.6.7.8] N[1.2.3.4,1.2.3.4@uid-1,5.6.7.8@uid-1] P[111]'],
    ],
    ['two sets, two ips, two ports', [subset(['1.2.3.4'], [], [111]), subset(['5.6.7.8'], [], [222])], ['A[1.2.3.4] N[] P[111]', 'A[5.6.7.8] N[] P[222]']],
    [
      'four sets, three ips, three ports, jumbled',
      [subset(['1.2.3.4'], [], [111]), subset(['1.2.3.5'], [], [222]), subset(['1.2.3.6'], [], [111]), subset(['1.2.3.5'], [], [333])],
      ['A[1.2.3.4,1.2.3.6] N[] P[111]', 'A[1.2.3.5] N[] P[222,333]'],
    ],
    [
      'four sets, three mixed ips, three ports, jumbled',
      [subset(['1.2.3.4'], [], [111]), subset([], ['1.2.3.5'], [222]), subset(['1.2.3.6'], [], [111]), subset([], ['1.2.3.5'], [333])],
      ['A[1.2.3.4,1.2.3.6] N[] P[111]', 'A[] N[1.2.3.5] P[222,333]'],
    ],
    ['addresses sort as text, byte-wise (10.0.0.10 before 10.0.0.2)', [subset(['10.0.0.2', '10.0.0.10', '10.0.0.1'], [], [80])], ['A[10.0.0.1,10.0.0.10,10.0.0.2] N[] P[80]']],
  ];
  test.each(cases)('%s', (_name, given, expected) => {
    expect(show(repackSubsets(given))).toEqual(expected);
  });

  test('does not modify its input', () => {
    const given = [subset(['1.2.3.4'], [], [111]), subset([], ['1.2.3.4'], [111])];
    const before = show(given);
    repackSubsets(given);
    expect(show(given)).toEqual(before);
  });

  test('the result does not depend on the order of the input subsets', () => {
    const given = [subset(['1.2.3.4'], [], [111]), subset(['1.2.3.5'], [], [222]), subset(['1.2.3.6'], [], [111]), subset([], ['1.2.3.5'], [333]), subset(['9.9.9.9@u'], [], [])];
    const expected = show(repackSubsets(given));
    expect(show(repackSubsets([...given].reverse()))).toEqual(expected);
    expect(show(repackSubsets([given[2], given[4], given[0], given[3], given[1]]))).toEqual(expected);
  });
});

describe('truncateSubsets (upstream truncateEndpoints)', () => {
  const many = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}.${Math.floor(i / 250)}.${i % 250}`);
  test('at or under capacity nothing changes', () => {
    const s = [subset(many('10.0', 600), many('10.1', 400), [80])];
    const r = truncateSubsets(s);
    expect(r.truncated).toBe(false);
    expect(r.subsets).toBe(s);
  });
  test('ready addresses all kept; not-ready ones share what is left in proportion', () => {
    // 900 ready; not ready 150 + 50 → room 100: ceil(150/200*100)=75, then min(ceil(50/200*100)=25, 25).
    const s = [subset(many('10.0', 900), many('10.1', 150), [80]), subset([], many('10.2', 50), [81])];
    const r = truncateSubsets(s);
    expect(r.truncated).toBe(true);
    expect(r.subsets.map((x) => [x.addresses.length, x.notReadyAddresses.length])).toEqual([
      [900, 75],
      [0, 25],
    ]);
  });
  test('more ready than capacity: ready shared in proportion, not-ready all dropped', () => {
    // ready 700 + 500 → ceil(700/1200*1000)=584, then min(ceil(500/1200*1000)=417, 416).
    const s = [subset(many('10.0', 700), many('10.1', 3), [80]), subset(many('10.2', 500), [], [81])];
    const r = truncateSubsets(s);
    expect(r.subsets.map((x) => [x.addresses.length, x.notReadyAddresses.length])).toEqual([
      [584, 0],
      [416, 0],
    ]);
  });
});

describe('computeEndpoints', () => {
  test('ExternalName and selector-less Services get no Endpoints from the controller', () => {
    expect(computeEndpoints(mkService({ type: 'ExternalName', clusterIP: '', externalName: 'db.example.com' }))).toBeUndefined();
    expect(computeEndpoints(mkService({ selector: undefined }))).toBeUndefined();
  });

  test('a selector matching no pod still writes an Endpoints object, without subsets', () => {
    const ep = computeEndpoints(mkService({ labels: { team: 'a' } }))!;
    expect(ep.subsets).toEqual([]);
    expect(ep.origin).toBe('controller');
    expect(ep.apiObject()).toEqual({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web', namespace: 'default', labels: { team: 'a' } } });
  });

  test('named port resolving differently (FindPort per pod, pkg/api/v1/pod/util.go)', () => {
    const pods = [
      mkPod('a', { ip: '10.0.0.1', ports: [['web', 8080]] }),
      mkPod('b', { ip: '10.0.0.2', ports: [['web', 9090]] }),
      mkPod('c', { ip: '10.0.0.3', ports: [['web', 8080]], ready: false }),
      mkPod('d', { ip: '10.0.0.4', ports: [['web', 8080, 'UDP']] }),
      mkPod('e', { ip: '', ports: [['web', 8080]], phase: 'Pending', ready: false }),
    ];
    const ep = computeEndpoints(mkService({ ports: [sp('http', 80, 'web')], selectedPods: pods }))!;
    expect(show(ep.subsets)).toEqual(['A[10.0.0.1@uid-a#a] N[10.0.0.3@uid-c#c] P[http:8080]', 'A[10.0.0.2@uid-b#b] N[] P[http:9090]']);
    expect(ep.apiObject().subsets).toEqual([
      {
        addresses: [{ ip: '10.0.0.1', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } }],
        notReadyAddresses: [{ ip: '10.0.0.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } }],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
      {
        addresses: [{ ip: '10.0.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } }],
        ports: [{ name: 'http', port: 9090, protocol: 'TCP' }],
      },
    ]);
  });

  test('pods skipped: terminal phases, no IP, terminating, other IP family', () => {
    const pods = [
      mkPod('ok', { ip: '10.0.0.1', ports: [['http', 8080]] }),
      mkPod('done', { ip: '10.0.0.2', phase: 'Succeeded', ready: false }),
      mkPod('failed', { ip: '10.0.0.3', phase: 'Failed', ready: false }),
      mkPod('noip', { ip: '' }),
      mkPod('dying', { ip: '10.0.0.5', terminating: true }),
      mkPod('v6', { ip: 'fd00::5' }),
    ];
    const ep = computeEndpoints(mkService({ selectedPods: pods }))!;
    expect(show(ep.subsets)).toEqual(['A[10.0.0.1@uid-ok#ok] N[] P[http:8080]']);
  });

  test('Pending and Unknown pods with an IP are kept (not ready → notReadyAddresses)', () => {
    const pods = [mkPod('p', { ip: '10.0.0.1', phase: 'Pending', ready: false }), mkPod('u', { ip: '10.0.0.2', phase: 'Unknown', ready: false })];
    expect(show(computeEndpoints(mkService({ selectedPods: pods }))!.subsets)).toEqual(['A[] N[10.0.0.1@uid-p#p,10.0.0.2@uid-u#u] P[http:8080]']);
  });

  test('publishNotReadyAddresses: not-ready and terminating pods are ready addresses', () => {
    const pods = [mkPod('a', { ip: '10.0.0.1' }), mkPod('b', { ip: '10.0.0.2', ready: false }), mkPod('c', { ip: '10.0.0.3', terminating: true, ready: false })];
    const ep = computeEndpoints(mkService({ selectedPods: pods, publishNotReadyAddresses: true }))!;
    expect(show(ep.subsets)).toEqual(['A[10.0.0.1@uid-a#a,10.0.0.2@uid-b#b,10.0.0.3@uid-c#c] N[] P[http:8080]']);
  });

  test('hostname is published only for the Service named by the pod subdomain', () => {
    const pods = [
      mkPod('web-0', { ip: '10.0.0.1', hostname: 'web-0', subdomain: 'web' }),
      mkPod('x', { ip: '10.0.0.2', hostname: 'x', subdomain: 'other' }),
      mkPod('y', { ip: '10.0.0.3', subdomain: 'web' }),
    ];
    const ep = computeEndpoints(mkService({ selectedPods: pods }))!;
    expect(ep.subsets[0].addresses.map((a) => a.hostname)).toEqual(['web-0', undefined, undefined]);
    expect((ep.apiObject().subsets as JsonObject[])[0].addresses).toEqual([
      { ip: '10.0.0.1', hostname: 'web-0', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-web-0' } },
      { ip: '10.0.0.2', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'x', uid: 'uid-x' } },
      { ip: '10.0.0.3', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'y', uid: 'uid-y' } },
    ]);
  });

  test('headless Service without ports: one subset of addresses without ports, headless label', () => {
    const pods = [mkPod('b', { ip: '10.0.0.2' }), mkPod('a', { ip: '10.0.0.1' }), mkPod('c', { ip: '10.0.0.3', ready: false })];
    const ep = computeEndpoints(mkService({ headless: true, ports: [], selectedPods: pods, labels: { app: 'web' } }))!;
    expect(show(ep.subsets)).toEqual(['A[10.0.0.1@uid-a#a,10.0.0.2@uid-b#b] N[10.0.0.3@uid-c#c] P[]']);
    const s = (ep.apiObject().subsets as JsonObject[])[0];
    expect(Object.keys(s)).toEqual(['addresses', 'notReadyAddresses']);
    expect((ep.apiObject().metadata as JsonObject).labels).toEqual({ app: 'web', [HEADLESS_LABEL]: '' });
  });

  test('a non-headless Service never carries the headless label, even if it declares one', () => {
    const ep = computeEndpoints(mkService({ labels: { [HEADLESS_LABEL]: '', app: 'web' } }))!;
    expect((ep.apiObject().metadata as JsonObject).labels).toEqual({ app: 'web' });
  });

  test('UDP vs TCP named port: each service port resolves with its own protocol', () => {
    const svc = mkService({
      name: 'dns',
      ports: [sp('dns', 53, 'dns', 'UDP', 0), sp('dns-tcp', 53, 'dns', 'TCP', 1)],
      selectedPods: [
        mkPod('udp-only', { ip: '10.0.0.1', ports: [['dns', 53, 'UDP']] }),
        mkPod('both', { ip: '10.0.0.2', ports: [['dns', 53, 'UDP']], sidecarPorts: [['dns', 1053, 'TCP']] }),
      ],
    });
    expect(show(computeEndpoints(svc)!.subsets)).toEqual(['A[10.0.0.1@uid-udp-only#udp-only,10.0.0.2@uid-both#both] N[] P[dns:53/UDP]', 'A[10.0.0.2@uid-both#both] N[] P[dns-tcp:1053]']);
  });

  test('sidecar (restartable init container) ports resolve named targetPorts', () => {
    const svc = mkService({ ports: [sp('admin', 15000, 'admin')], selectedPods: [mkPod('a', { ip: '10.0.0.1', ports: [['http', 8080]], sidecarPorts: [['admin', 15000]] })] });
    expect(show(computeEndpoints(svc)!.subsets)).toEqual(['A[10.0.0.1@uid-a#a] N[] P[admin:15000]']);
  });

  test('ports of a subset follow the Service port order; appProtocol is carried', () => {
    const zport = { ...sp('zeta', 81, 8081, 'TCP', 0), appProtocol: 'http' };
    const svc = mkService({ ports: [zport, sp('alpha', 80, 8080, 'TCP', 1)], selectedPods: [mkPod('a', { ip: '10.0.0.1' })] });
    const ep = computeEndpoints(svc)!;
    expect(show(ep.subsets)).toEqual(['A[10.0.0.1@uid-a#a] N[] P[zeta:8081,alpha:8080]']);
    expect((ep.apiObject().subsets as JsonObject[])[0].ports).toEqual([
      { name: 'zeta', port: 8081, protocol: 'TCP', appProtocol: 'http' },
      { name: 'alpha', port: 8080, protocol: 'TCP' },
    ]);
  });

  test('hostNetwork pods sharing a node IP stay distinct addresses', () => {
    const pods = [mkPod('a', { ip: '172.18.0.2', hostNetwork: true }), mkPod('b', { ip: '172.18.0.2', hostNetwork: true })];
    expect(show(computeEndpoints(mkService({ selectedPods: pods }))!.subsets)).toEqual(['A[172.18.0.2@uid-a#a,172.18.0.2@uid-b#b] N[] P[http:8080]']);
  });

  test('IPv6 Service publishes IPv6 pod IPs only', () => {
    const pods = [mkPod('a', { ip: 'fd00::1' }), mkPod('b', { ip: '10.0.0.2' })];
    const svc = mkService({ clusterIP: 'fd00:10::20', ipFamilies: ['IPv6'], selectedPods: pods });
    expect(show(computeEndpoints(svc)!.subsets)).toEqual(['A[fd00::1@uid-a#a] N[] P[http:8080]']);
  });

  test('over 1000 addresses: truncated, with the over-capacity annotation', () => {
    const pods = Array.from({ length: 1100 }, (_, i) => mkPod(`p${i}`, { ip: `10.1.${Math.floor(i / 200)}.${i % 200}`, ready: i >= 100 }));
    const ep = computeEndpoints(mkService({ selectedPods: pods }))!;
    expect(ep.subsets).toHaveLength(1);
    // 1000 ready kept; 0 room left for the 100 not-ready ones.
    expect(ep.subsets[0].addresses).toHaveLength(1000);
    expect(ep.subsets[0].notReadyAddresses).toHaveLength(0);
    expect((ep.apiObject().metadata as JsonObject).annotations).toEqual({ [OVER_CAPACITY_ANNOTATION]: 'truncated' });

    const small = computeEndpoints(mkService({ selectedPods: pods.slice(0, 1000) }))!;
    expect((small.apiObject().metadata as JsonObject).annotations).toBeUndefined();
    expect(small.subsets[0].addresses.length + small.subsets[0].notReadyAddresses.length).toBe(1000);
  });

  test('same input, same output (deterministic)', () => {
    const mk = () => mkService({ selectedPods: [mkPod('b', { ip: '10.0.0.2' }), mkPod('a', { ip: '10.0.0.1', ready: false })] });
    expect(JSON.stringify(computeEndpoints(mk())!.apiObject())).toBe(JSON.stringify(computeEndpoints(mk())!.apiObject()));
  });
});

// ---------------------------------------------------------------------------------------------

const podCIDR = parseCIDR('10.244.0.0/24')!;
const nodes: SimNode[] = [
  { name: 'node-1', ip: '172.18.0.2', labels: { 'topology.kubernetes.io/zone': 'a' }, podCIDR },
  { name: 'node-2', ip: '172.18.0.3', labels: {}, podCIDR },
];

/** One line per slice: `ports | ip(r,s,t flags) ...`, slices ordered by their port list then first address. */
function showSlices(slices: SimEndpointSlice[]): string[] {
  const flag = (b: boolean, c: string) => (b ? c : '-');
  return slices
    .map((s) => {
      const ports = s.ports.map((p) => `${p.name}:${p.port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`).join(',') || '<none>';
      const eps = s.endpoints.map((e) => `${e.addresses.join('+')}(${flag(e.ready, 'r')}${flag(e.serving, 's')}${flag(e.terminating, 't')})`).join(' ');
      return `${s.addressType} [${ports}] ${eps}`.trim();
    })
    .sort();
}

describe('computeEndpointSlices', () => {
  test('ExternalName and selector-less Services get no slices from the controller', () => {
    expect(computeEndpointSlices(mkService({ type: 'ExternalName', clusterIP: '', externalName: 'x.example.com' }), nodes)).toEqual([]);
    expect(computeEndpointSlices(mkService({ selector: undefined }), nodes)).toEqual([]);
  });

  test('named port resolving differently (FindPort per pod, pkg/api/v1/pod/util.go): one slice per resolved port list', () => {
    const pods = [
      mkPod('a', { ip: '10.0.0.1', ports: [['web', 8080]] }),
      mkPod('b', { ip: '10.0.0.2', ports: [['web', 9090]] }),
      mkPod('c', { ip: '10.0.0.3', ports: [['web', 8080]], ready: false }),
      mkPod('d', { ip: '10.0.0.4', ports: [['web', 8080, 'UDP']] }),
      mkPod('e', { ip: '', ports: [['web', 8080]], phase: 'Pending', ready: false }),
    ];
    const slices = computeEndpointSlices(mkService({ ports: [sp('http', 80, 'web')], selectedPods: pods }), nodes);
    // D resolves no port at all: upstream still publishes it, in a slice without ports (kube-proxy
    // routes nothing to it); E has no IP.
    expect(showSlices(slices)).toEqual(['IPv4 [<none>] 10.0.0.4(rs-)', 'IPv4 [http:8080] 10.0.0.1(rs-) 10.0.0.3(---)', 'IPv4 [http:9090] 10.0.0.2(rs-)']);
  });

  test('terminating pods are included with conditions (Endpoints leaves them out)', () => {
    const pods = [
      mkPod('a', { ip: '10.0.0.1' }),
      mkPod('t-ready', { ip: '10.0.0.2', terminating: true }),
      mkPod('t-unready', { ip: '10.0.0.3', terminating: true, ready: false }),
      mkPod('done', { ip: '10.0.0.4', phase: 'Succeeded', ready: false }),
    ];
    const svc = mkService({ selectedPods: pods });
    expect(showSlices(computeEndpointSlices(svc, nodes))).toEqual(['IPv4 [http:8080] 10.0.0.1(rs-) 10.0.0.2(-st) 10.0.0.3(--t)']);
    expect(show(computeEndpoints(svc)!.subsets)).toEqual(['A[10.0.0.1@uid-a#a] N[] P[http:8080]']);
  });

  test('publishNotReadyAddresses makes every endpoint ready, terminating or not', () => {
    const pods = [mkPod('a', { ip: '10.0.0.1', ready: false }), mkPod('t', { ip: '10.0.0.2', terminating: true, ready: false })];
    expect(showSlices(computeEndpointSlices(mkService({ selectedPods: pods, publishNotReadyAddresses: true }), nodes))).toEqual(['IPv4 [http:8080] 10.0.0.1(r--) 10.0.0.2(r-t)']);
  });

  test('the slice as the API holds it: labels, ownerReference, zone, hostname, targetRef', () => {
    const pods = [
      mkPod('web-0', { ip: '10.244.1.5', hostname: 'web-0', subdomain: 'web', nodeName: 'node-1' }),
      mkPod('web-1', { ip: '10.244.2.5', hostname: 'web-1', subdomain: 'web', nodeName: 'node-2', ready: false }),
    ];
    const svc = mkService({ headless: true, labels: { app: 'web', 'kubernetes.io/service-name': 'spoof' }, selectedPods: pods });
    (svc.apiObject().metadata as JsonObject).uid = 'svc-uid';
    const slices = computeEndpointSlices(svc, nodes);
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.serviceName).toBe('web');
    expect(s.origin).toBe('controller');
    expect(s.apiObject()).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: s.name,
        generateName: 'web-',
        namespace: 'default',
        labels: {
          app: 'web',
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          'kubernetes.io/service-name': 'web',
          'service.kubernetes.io/headless': '',
        },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: 'svc-uid', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints: [
        {
          addresses: ['10.244.1.5'],
          conditions: { ready: true, serving: true, terminating: false },
          hostname: 'web-0',
          targetRef: { kind: 'Pod', namespace: 'default', name: 'web-0', uid: 'uid-web-0' },
          nodeName: 'node-1',
          zone: 'a',
        },
        {
          addresses: ['10.244.2.5'],
          conditions: { ready: false, serving: false, terminating: false },
          hostname: 'web-1',
          targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1', uid: 'uid-web-1' },
          nodeName: 'node-2',
        },
      ],
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    });
  });

  test('headless Service without ports: one slice with ports null', () => {
    const svc = mkService({ headless: true, ports: [], selectedPods: [mkPod('a', { ip: '10.0.0.1' })] });
    const slices = computeEndpointSlices(svc, nodes);
    expect(showSlices(slices)).toEqual(['IPv4 [<none>] 10.0.0.1(rs-)']);
    expect(slices[0].apiObject().ports).toBeNull();
    expect((slices[0].apiObject().metadata as JsonObject).labels).toHaveProperty([HEADLESS_LABEL], '');
  });

  test('no endpoints: one placeholder slice (no ports, no endpoints) per address type', () => {
    const slices = computeEndpointSlices(mkService({ selectedPods: [mkPod('x', { ip: '' })] }), nodes);
    expect(slices).toHaveLength(1);
    expect(slices[0].ports).toEqual([]);
    expect(slices[0].endpoints).toEqual([]);
    expect(slices[0].apiObject().endpoints).toBeNull();
    expect(slices[0].apiObject().ports).toBeNull();
  });

  test('UDP vs TCP named port and sidecar ports', () => {
    const svc = mkService({
      name: 'dns',
      ports: [sp('dns', 53, 'dns', 'UDP', 0), sp('dns-tcp', 53, 'dns', 'TCP', 1)],
      selectedPods: [mkPod('udp-only', { ip: '10.0.0.1', ports: [['dns', 53, 'UDP']] }), mkPod('both', { ip: '10.0.0.2', ports: [['dns', 53, 'UDP']], sidecarPorts: [['dns', 1053, 'TCP']] })],
    });
    expect(showSlices(computeEndpointSlices(svc, nodes))).toEqual(['IPv4 [dns:53/UDP,dns-tcp:1053] 10.0.0.2(rs-)', 'IPv4 [dns:53/UDP] 10.0.0.1(rs-)']);
  });

  test('pods on a node that does not exist are left out unless publishNotReadyAddresses', () => {
    const pods = [mkPod('a', { ip: '10.0.0.1' }), mkPod('ghost', { ip: '10.0.0.2', nodeName: 'node-9' })];
    expect(showSlices(computeEndpointSlices(mkService({ selectedPods: pods }), nodes))).toEqual(['IPv4 [http:8080] 10.0.0.1(rs-)']);
    expect(showSlices(computeEndpointSlices(mkService({ selectedPods: pods, publishNotReadyAddresses: true }), nodes))).toEqual(['IPv4 [http:8080] 10.0.0.1(rs-) 10.0.0.2(rs-)']);
  });

  test('address type follows the Service IP families; dual-stack gets one slice family each', () => {
    const pods = [mkPod('a', { ip: '10.0.0.1' }), mkPod('b', { ip: 'fd00::2' })];
    expect(showSlices(computeEndpointSlices(mkService({ clusterIP: 'fd00:10::1', ipFamilies: ['IPv6'], selectedPods: pods }), nodes))).toEqual(['IPv6 [http:8080] fd00::2(rs-)']);
    expect(showSlices(computeEndpointSlices(mkService({ ipFamilies: ['IPv4', 'IPv6'], selectedPods: pods }), nodes))).toEqual(['IPv4 [http:8080] 10.0.0.1(rs-)', 'IPv6 [http:8080] fd00::2(rs-)']);
  });

  test('more than 100 endpoints are chunked into slices of at most 100, with stable unique names', () => {
    const pods = Array.from({ length: 250 }, (_, i) => mkPod(`p${String(i).padStart(3, '0')}`, { ip: `10.1.${Math.floor(i / 200)}.${i % 200}` }));
    const svc = () => mkService({ selectedPods: pods });
    const slices = computeEndpointSlices(svc(), nodes);
    expect(slices.map((s) => s.endpoints.length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(new Set(slices.flatMap((s) => s.endpoints.map((e) => e.addresses[0]))).size).toBe(250);
    expect(new Set(slices.map((s) => s.name)).size).toBe(3);
    for (const s of slices) expect(s.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect([...slices.map((s) => s.name)]).toEqual([...slices.map((s) => s.name)].sort());
    expect(computeEndpointSlices(svc(), nodes).map((s) => s.name)).toEqual(slices.map((s) => s.name));
  });

  test('slice names depend on the Service, so two Services never share one', () => {
    const a = computeEndpointSlices(mkService({ name: 'a', selectedPods: [mkPod('x', { ip: '10.0.0.1' })] }), nodes)[0].name;
    const b = computeEndpointSlices(mkService({ name: 'b', selectedPods: [mkPod('x', { ip: '10.0.0.1' })] }), nodes)[0].name;
    expect(a.startsWith('a-')).toBe(true);
    expect(b.startsWith('b-')).toBe(true);
  });

  test('generateName prefix is cut to 58 characters', () => {
    const long = 'a'.repeat(63);
    expect(sliceNamePrefix(long)).toBe('a'.repeat(58));
    expect(sliceNamePrefix('web')).toBe('web-');
  });
});
