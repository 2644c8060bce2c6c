/**
 * The controllers resolve a Service's ports once per distinct containers list (ServicePortResolver)
 * and, when every selected pod resolved the same list, the endpoints controller packs its one
 * subset directly instead of repacking one subset per (pod, port). These tests hold both shortcuts
 * to the plain algorithm — FindPort per (pod, port), then RepackSubsets and truncation, exactly as
 * the controller did before — on seeded random Services and pods (duplicate IPs and UIDs, mixed
 * readiness, terminal and terminating pods, duplicate and unordered port names, IPv6 pods,
 * headless Services without ports).
 */
import type { JsonObject } from '../../lib/k8s/json';
import type { Protocol, SimContainer, SimEndpointAddress, SimEndpointPort, SimEndpointSubset, SimNode, SimPod, SimService, SimServicePort } from '../../lib/cluster/model';
import { findPort, ServicePortResolver } from '../../lib/cluster/find-port';
import { computeEndpoints, endpointIPFor, repackSubsets, shouldPodBeInEndpoints, shouldSetHostname, truncateSubsets } from '../../lib/cluster/endpoints-controller';
import { computeEndpointSlices } from '../../lib/cluster/endpointslice-controller';
import { fromObjects } from '../../lib/load/objects';
import { parseCIDR } from '../../lib/k8s/ip';
import { mulberry32 } from '../../bench/prng';

const dummyObj = fromObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fixture' } }]).objects[0];

const NODES: SimNode[] = [1, 2].map((k) => ({ name: `node-${k}`, ip: `172.18.0.${k + 1}`, labels: {}, podCIDR: parseCIDR(`10.244.${k}.0/24`)! }));

interface Case {
  service: SimService;
  /** Containers lists the pods were given (shared between pods when `uniform`). */
  uniform: boolean;
}

function makeCase(seed: number): Case {
  const r = mulberry32(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(r() * list.length)];
  const portNames = ['http', 'metrics', 'admin', ''];
  const containerLists: SimContainer[][] = [0, 1].map(() => {
    const ports = [0, 1, 2].filter(() => r() < 0.7).map((i) => ({ name: pick(['http', 'metrics', 'admin']), containerPort: 8080 + i + Math.floor(r() * 2), protocol: pick<Protocol>(['TCP', 'TCP', 'UDP']) }));
    const main: SimContainer = { name: 'main', sidecar: false, ports, env: [], hasEnvFrom: false };
    const sidecar: SimContainer = { name: 'proxy', sidecar: true, ports: [{ name: 'admin', containerPort: 15000, protocol: 'TCP' }], env: [], hasEnvFrom: false };
    return r() < 0.3 ? [sidecar, main] : [main];
  });
  const uniform = r() < 0.7;
  const headless = r() < 0.25;
  const servicePorts: SimServicePort[] = [];
  const portCount = headless && r() < 0.4 ? 0 : 1 + Math.floor(r() * 3);
  for (let i = 0; i < portCount; i++) {
    const target = r() < 0.6 ? pick(['http', 'metrics', 'admin', 'missing']) : pick([8080, 8081, 9090]);
    const p: SimServicePort = { index: i, name: pick(portNames), port: 80 + i, protocol: pick<Protocol>(['TCP', 'TCP', 'UDP']), targetPort: target, nodePort: 0 };
    if (r() < 0.2) p.appProtocol = 'http';
    servicePorts.push(p);
  }
  const pods: SimPod[] = [];
  const podCount = Math.floor(r() * 9);
  for (let i = 0; i < podCount; i++) {
    const containers = uniform ? containerLists[0] : pick(containerLists).map((c) => ({ ...c, ports: c.ports.map((p) => ({ ...p })) }));
    const ip = r() < 0.1 ? '' : r() < 0.1 ? `fd00::${1 + Math.floor(r() * 3)}` : `10.244.1.${1 + Math.floor(r() * 3)}`;
    const pod: SimPod = {
      namespace: 'default',
      name: `p${i}`,
      uid: r() < 0.3 ? 'uid-shared' : `uid-${i}`,
      labels: { app: 'web' },
      ip,
      nodeName: r() < 0.1 ? '' : pick(['node-1', 'node-2', 'node-9']),
      phase: pick<SimPod['phase']>(['Running', 'Running', 'Running', 'Pending', 'Succeeded']),
      ready: r() < 0.7,
      terminating: r() < 0.15,
      hostNetwork: false,
      enableServiceLinks: true,
      dnsPolicy: 'ClusterFirst',
      containers,
      obj: dummyObj,
      apiObject: () => ({}),
    };
    if (r() < 0.3) {
      pod.hostname = `p${i}`;
      pod.subdomain = pick(['web', 'other']);
    }
    pods.push(pod);
  }
  const service: SimService = {
    namespace: 'default',
    name: 'web',
    type: 'ClusterIP',
    clusterIP: headless ? 'None' : '10.96.0.20',
    clusterIPs: [headless ? 'None' : '10.96.0.20'],
    headless,
    selector: { app: 'web' },
    ports: servicePorts,
    externalIPs: [],
    loadBalancerIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: r() < 0.2,
    labels: {},
    selectedPods: pods,
    apiIPFamilies: headless && r() < 0.5 ? [] : ['IPv4'],
    apiUid: 'svc-uid',
    apiObject: () => ({}),
  };
  return { service, uniform };
}

/** The endpoints controller's subsets as computed before the shortcuts: FindPort per (pod, port), RepackSubsets, truncation. */
function referenceSubsets(service: SimService): SimEndpointSubset[] {
  const raw: SimEndpointSubset[] = [];
  for (const pod of service.selectedPods) {
    if (!shouldPodBeInEndpoints(pod, service.publishNotReadyAddresses)) continue;
    const ip = endpointIPFor(service, pod);
    if (ip === undefined) continue;
    const address: SimEndpointAddress = { ip, pod };
    if (pod.nodeName) address.nodeName = pod.nodeName;
    if (shouldSetHostname(pod, service)) address.hostname = pod.hostname;
    const ready = service.publishNotReadyAddresses || pod.ready;
    const add = (ports: SimEndpointPort[]): void => {
      raw.push(ready ? { addresses: [address], notReadyAddresses: [], ports } : { addresses: [], notReadyAddresses: [address], ports });
    };
    if (service.ports.length === 0) {
      if (service.headless) add([]);
      continue;
    }
    for (const sp of service.ports) {
      const number = findPort(pod, sp);
      if (number === undefined) continue;
      const port: SimEndpointPort = { name: sp.name, port: number, protocol: sp.protocol };
      if (sp.appProtocol !== undefined) port.appProtocol = sp.appProtocol;
      add([port]);
    }
  }
  const order = new Map(service.ports.map((p, i) => [p.name, i] as const));
  return truncateSubsets(repackSubsets(raw, (p) => order.get(p.name) ?? service.ports.length)).subsets;
}

/** Everything of a subset that reaches any output: addresses with their pod, node and hostname, ports with every field. */
function show(subsets: SimEndpointSubset[]): unknown {
  const address = (a: SimEndpointAddress): string => `${a.ip}@${a.pod?.name}/${a.pod?.uid} node=${a.nodeName ?? '-'} host=${a.hostname ?? '-'}`;
  const port = (p: SimEndpointPort): string => `${p.name}:${p.port}/${p.protocol}/${p.appProtocol ?? '-'}`;
  return subsets.map((s) => ({ addresses: s.addresses.map(address), notReadyAddresses: s.notReadyAddresses.map(address), ports: s.ports.map(port) }));
}

const CASES = Array.from({ length: 600 }, (_, i) => makeCase(1000 + i));

describe('endpoints controller shortcuts', () => {
  test('the cases cover the shortcut and the general repack, with and without duplicates', () => {
    const uniform = CASES.filter((c) => c.uniform && c.service.selectedPods.length > 1);
    expect(uniform.length).toBeGreaterThan(200);
    expect(CASES.filter((c) => !c.uniform && c.service.selectedPods.length > 1).length).toBeGreaterThan(50);
    // Duplicate addresses (same IP and pod UID) that differ in readiness: "not ready wins".
    const mixedDuplicates = uniform.filter((c) => {
      const shared = c.service.selectedPods.filter((p) => p.uid === 'uid-shared' && shouldPodBeInEndpoints(p, c.service.publishNotReadyAddresses));
      return shared.some((a) => shared.some((b) => a.ip === b.ip && a.ready !== b.ready));
    });
    expect(mixedDuplicates.length).toBeGreaterThan(10);
    expect(uniform.filter((c) => c.service.ports.length === 0).length).toBeGreaterThan(10);
  });

  test('every case: subsets and API object equal the plain algorithm', () => {
    CASES.forEach(({ service }, i) => {
      const ep = computeEndpoints(service)!;
      // The case number rides along, so a failure names its case.
      expect({ case: i, subsets: show(ep.subsets) }).toEqual({ case: i, subsets: show(referenceSubsets(service)) });
      expect({ case: i, api: JSON.stringify(ep.apiObject()) }).toEqual({ case: i, api: JSON.stringify(computeEndpoints(service)!.apiObject()) });
    });
  });

  test('uniform cases: slices equal those of pods with private copies of the containers', () => {
    const showSlices = (svc: SimService): unknown =>
      computeEndpointSlices(svc, NODES).map((s) => ({ name: s.name, type: s.addressType, ports: s.ports.map((p) => `${p.name}:${p.port}/${p.protocol}/${p.appProtocol ?? '-'}`), endpoints: s.endpoints.map((e) => ({ ...e, pod: e.pod?.name })), api: s.apiObject() }));
    CASES.forEach(({ service, uniform }, i) => {
      if (!uniform) return;
      const copies: SimService = { ...service, selectedPods: service.selectedPods.map((p) => ({ ...p, containers: p.containers.map((c) => ({ ...c })) })) };
      expect({ case: i, slices: showSlices(service) }).toEqual({ case: i, slices: showSlices(copies) });
    });
  });
});

describe('ServicePortResolver', () => {
  const containers: SimContainer[] = [{ name: 'main', sidecar: false, ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], env: [], hasEnvFrom: false }];
  const pod = (name: string, list: SimContainer[]): SimPod => ({ ...CASES[0].service.selectedPods[0], name, containers: list }) as SimPod;
  const service = { ...CASES[0].service, ports: [{ index: 0, name: 'web', port: 80, protocol: 'TCP', targetPort: 'http', nodePort: 0 }] } as SimService;

  test('pods sharing a containers list get the same array; another list gets its own, equal one', () => {
    const resolver = new ServicePortResolver(service);
    const a = resolver.portsFor(pod('a', containers));
    expect(a).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
    expect(resolver.portsFor(pod('b', containers))).toBe(a);
    const other = resolver.portsFor(pod('c', containers.map((c) => ({ ...c }))));
    expect(other).not.toBe(a);
    expect(other).toEqual(a);
    // Back to the first list: still the first array (not just the last one seen is remembered).
    expect(resolver.portsFor(pod('d', containers))).toBe(a);
  });

  test('the Endpoints and EndpointSlices of a Service share the resolved port objects', () => {
    const pods = [pod('a', containers), pod('b', containers)].map((p, i) => ({ ...p, ip: `10.244.1.${i + 2}`, phase: 'Running', ready: true, terminating: false, nodeName: 'node-1' }) as SimPod);
    const svc = { ...service, headless: false, clusterIP: '10.96.0.20', selectedPods: pods } as SimService;
    const resolver = new ServicePortResolver(svc);
    const ep = computeEndpoints(svc, resolver)!;
    const slices = computeEndpointSlices(svc, NODES, resolver);
    expect(ep.subsets).toHaveLength(1);
    expect(slices).toHaveLength(1);
    expect(slices[0].ports).toBe(ep.subsets[0].ports);
    expect((ep.apiObject().subsets as JsonObject[])[0].ports).toEqual([{ name: 'web', port: 8080, protocol: 'TCP' }]);
  });
});
