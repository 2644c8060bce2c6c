import { buildCluster } from '../../lib/cluster/build';
import { clusterIPStaticBand, nodePortStaticBand, usableServiceIPs } from '../../lib/cluster/allocate';
import { resolveSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { parseCIDR } from '../../lib/k8s/ip';
import { fromObjects } from '../../lib/load/objects';

function svc(name: string, spec: Record<string, unknown>, namespace = 'default'): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec };
}

function build(docs: unknown[], settings: unknown = {}): Cluster {
  const r = resolveSettings(settings);
  expect(r.errors).toEqual([]);
  return buildCluster(fromObjects(docs).objects, r.settings);
}

function problems(c: Cluster): { problem: string; service: string; field: string; message: string; holder?: string }[] {
  return c.allocationProblems.map((p) => {
    const out: { problem: string; service: string; field: string; message: string; holder?: string } = { problem: `${p.resource} ${p.reason}`, service: `${p.service.namespace}/${p.service.name}`, field: p.field, message: p.message };
    if (p.holder) out.holder = `${p.holder.namespace}/${p.holder.name}`;
    return out;
  });
}

const nodePort = (port: number, nodePortValue?: number, protocol = 'TCP', name?: string): Record<string, unknown> => ({ port, protocol, ...(name ? { name } : {}), ...(nodePortValue ? { nodePort: nodePortValue } : {}) });

describe('bands (KEP-3070, KEP-3668)', () => {
  test.each([
    [256, 16],
    [4096, 256],
    [65536, 256],
    [1 << 20, 256],
    [16, 0],
    [8, 0],
  ])('cluster IP static band of a range of %i addresses is %i', (size, band) => {
    expect(clusterIPStaticBand(size)).toBe(band);
  });

  test.each([
    [2768, 86],
    [100, 16],
    [10000, 128],
    [16, 0],
  ])('node port static band of %i ports is %i', (size, band) => {
    expect(nodePortStaticBand(size)).toBe(band);
  });

  test('usable service IPs skip network and broadcast', () => {
    expect(usableServiceIPs(parseCIDR('10.0.0.0/24')!)).toBe(254);
    expect(usableServiceIPs(parseCIDR('10.96.0.0/12')!)).toBe(1048574);
  });
});

describe('requested values', () => {
  test('a requested nodePort and clusterIP are honoured', () => {
    const c = build([svc('httpd-svc', { type: 'NodePort', clusterIP: '10.110.212.171', selector: { run: 'httpd' }, ports: [{ protocol: 'TCP', nodePort: 31688, port: 8080, targetPort: 80 }] })]);
    const s = c.service('default', 'httpd-svc')!;
    expect(s.clusterIP).toBe('10.110.212.171');
    expect(s.clusterIPs).toEqual(['10.110.212.171']);
    expect(s.ports[0].nodePort).toBe(31688);
    expect(c.allocationProblems).toEqual([]);
  });

  test.each([
    [
      'node port taken by an earlier Service',
      [svc('web', { type: 'NodePort', ports: [nodePort(80, 30080)] }), svc('web-dup', { type: 'NodePort', ports: [nodePort(80, 30080)] })],
      [{ problem: 'nodePort taken', service: 'default/web-dup', field: 'spec.ports[0].nodePort', message: 'Invalid value: 30080: provided port is already allocated', holder: 'default/web' }],
    ],
    [
      'node port taken with another protocol (one allocator for all protocols)',
      [svc('dns-tcp', { type: 'NodePort', ports: [nodePort(53, 30053, 'TCP')] }), svc('dns-udp', { type: 'NodePort', ports: [nodePort(53, 30053, 'UDP')] }, 'other')],
      [{ problem: 'nodePort taken', service: 'other/dns-udp', field: 'spec.ports[0].nodePort', message: 'Invalid value: 30053: provided port is already allocated', holder: 'default/dns-tcp' }],
    ],
    [
      'node port below the range',
      [svc('low', { type: 'NodePort', ports: [nodePort(80, 29999)] })],
      [{ problem: 'nodePort out-of-range', service: 'default/low', field: 'spec.ports[0].nodePort', message: 'Invalid value: 29999: provided port is not in the valid range. The range of valid ports is 30000-32767' }],
    ],
    [
      'node port above the range, on the second port',
      [svc('high', { type: 'NodePort', ports: [nodePort(80, 30001, 'TCP', 'http'), nodePort(443, 40000, 'TCP', 'https')] })],
      [{ problem: 'nodePort out-of-range', service: 'default/high', field: 'spec.ports[1].nodePort', message: 'Invalid value: 40000: provided port is not in the valid range. The range of valid ports is 30000-32767' }],
    ],
    [
      'cluster IP of the cluster DNS Service',
      [svc('dns-clash', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] })],
      [{ problem: 'clusterIP taken', service: 'default/dns-clash', field: 'spec.clusterIPs', message: 'Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated', holder: 'kube-system/kube-dns' }],
    ],
    [
      'cluster IP outside the service CIDR',
      [svc('outside', { clusterIP: '1.1.1.1', ports: [{ port: 80 }] })],
      [{ problem: 'clusterIP out-of-range', service: 'default/outside', field: 'spec.clusterIPs', message: 'Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12' }],
    ],
    [
      'the network address is not allocatable',
      [svc('network', { clusterIP: '10.96.0.0', ports: [{ port: 80 }] })],
      [{ problem: 'clusterIP out-of-range', service: 'default/network', field: 'spec.clusterIPs', message: 'Invalid value: []string{"10.96.0.0"}: failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12' }],
    ],
  ])('%s', (_title, docs, expected) => {
    expect(problems(build(docs))).toEqual(expected);
  });

  test('older API servers word the out-of-range error without the IP', () => {
    const c = build([svc('outside', { clusterIP: '1.1.1.1', ports: [{ port: 80 }] })], { kubernetesVersion: '1.12' });
    expect(c.allocationProblems[0].message).toBe('Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12');
  });

  test('the first Service keeps its values; the rejected one gets none and releases what it had reserved', () => {
    const c = build([
      svc('web', { type: 'NodePort', ports: [nodePort(80, 30080)] }),
      svc('web-dup', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [nodePort(80, 30080)] }),
      svc('later', { clusterIP: '10.96.5.5', ports: [{ port: 80 }] }),
    ]);
    expect(c.service('default', 'web')!.ports[0].nodePort).toBe(30080);
    const dup = c.service('default', 'web-dup')!;
    expect(dup.clusterIP).toBe('');
    expect(dup.clusterIPs).toEqual([]);
    expect(dup.ports[0].nodePort).toBe(0);
    // web-dup's rejected create released 10.96.5.5, so `later` gets it without a conflict.
    expect(c.service('default', 'later')!.clusterIP).toBe('10.96.5.5');
    expect(problems(c).map((p) => p.service)).toEqual(['default/web-dup']);
  });

  test('ports sharing a port number share one nodePort (requested on either)', () => {
    const c = build([
      svc('dns', { type: 'NodePort', ports: [nodePort(53, undefined, 'TCP', 'dns-tcp'), nodePort(53, 30053, 'UDP', 'dns')] }),
      svc('auto', { type: 'NodePort', ports: [nodePort(53, undefined, 'TCP', 'dns-tcp'), nodePort(53, undefined, 'UDP', 'dns'), nodePort(9153, undefined, 'TCP', 'metrics')] }),
    ]);
    expect(c.allocationProblems).toEqual([]);
    expect(c.service('default', 'dns')!.ports.map((p) => p.nodePort)).toEqual([30053, 30053]);
    const auto = c.service('default', 'auto')!.ports.map((p) => p.nodePort);
    expect(auto[0]).toBe(auto[1]);
    expect(auto[2]).not.toBe(auto[0]);
    expect(c.service('default', 'auto')!.apiObject()).toMatchObject({ spec: { ports: [{ nodePort: auto[0] }, { nodePort: auto[1] }, { nodePort: auto[2] }] } });
  });
});

describe('dynamic allocation', () => {
  const base = [
    svc('alpha', { ports: [{ port: 80 }] }),
    svc('beta', { type: 'NodePort', ports: [{ port: 80 }] }),
    svc('gamma', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', ports: [{ port: 443 }] }),
  ];

  test('cluster IPs come from the dynamic band, node ports from 30086-32767', () => {
    const c = build(base);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const s = c.service('default', name)!;
      const ip = s.clusterIP.split('.').map(Number);
      const offset = ((ip[1] - 96) << 16) + (ip[2] << 8) + ip[3];
      expect(offset).toBeGreaterThan(256);
      expect(s.clusterIPs).toEqual([s.clusterIP]);
    }
    for (const np of [c.service('default', 'beta')!.ports[0].nodePort, c.service('default', 'gamma')!.ports[0].nodePort, c.service('default', 'gamma')!.healthCheckNodePort!]) {
      expect(np).toBeGreaterThanOrEqual(30086);
      expect(np).toBeLessThanOrEqual(32767);
    }
    expect(c.service('default', 'alpha')!.ports[0].nodePort).toBe(0);
    expect(c.service('default', 'beta')!.healthCheckNodePort).toBeUndefined();
    expect(c.service('default', 'gamma')!.apiObject()).toMatchObject({ spec: { healthCheckNodePort: c.service('default', 'gamma')!.healthCheckNodePort, allocateLoadBalancerNodePorts: true }, status: { loadBalancer: {} } });
  });

  test('adding a Service moves no other Service, and input order does not matter', () => {
    const snapshot = (c: Cluster): Record<string, unknown> =>
      Object.fromEntries(['alpha', 'beta', 'gamma'].map((n) => {
        const s = c.service('default', n)!;
        return [n, [s.clusterIP, s.ports.map((p) => p.nodePort), s.healthCheckNodePort]];
      }));
    const before = snapshot(build(base));
    const withNew = snapshot(build([svc('aaa-new', { type: 'NodePort', ports: [{ port: 80 }] }), ...base, svc('zzz', { type: 'NodePort', ports: [{ port: 81 }] })]));
    const reversed = snapshot(build([...base].reverse()));
    expect(withNew).toEqual(before);
    expect(reversed).toEqual(before);
  });

  test('LoadBalancer with allocateLoadBalancerNodePorts false gets only requested node ports', () => {
    const c = build([svc('lb', { type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30081 }] })]);
    expect(c.service('default', 'lb')!.ports.map((p) => p.nodePort)).toEqual([0, 30081]);
  });

  test('headless and ExternalName Services get no cluster IP', () => {
    const c = build([svc('headless', { clusterIP: 'None', selector: { a: 'b' }, ports: [{ port: 80 }] }), svc('ext', { type: 'ExternalName', externalName: 'someapi.somecompany.com' })]);
    expect(c.service('default', 'headless')!.clusterIP).toBe('None');
    expect(c.service('default', 'headless')!.clusterIPs).toEqual(['None']);
    expect(c.service('default', 'ext')!.clusterIP).toBe('');
    expect(c.service('default', 'ext')!.apiObject()).not.toHaveProperty('spec.ipFamilies');
    expect(c.allocationProblems).toEqual([]);
  });

  test('a full service CIDR: "failed to allocate a serviceIP: range is full"', () => {
    // /28: 14 usable addresses, no static band; the built-ins hold .1 and .10.
    const docs = Array.from({ length: 13 }, (_, i) => svc(`s${String(i).padStart(2, '0')}`, { ports: [{ port: 80 }] }));
    const c = build(docs, { serviceCIDR: '10.0.0.0/28' });
    const ips = docs.slice(0, 12).map((d) => c.service('default', (d.metadata as { name: string }).name)!.clusterIP);
    expect(new Set(ips).size).toBe(12);
    expect(problems(c)).toEqual([{ problem: 'clusterIP range-full', service: 'default/s12', field: 'spec.clusterIPs', message: 'failed to allocate a serviceIP: range is full' }]);
  });

  test('a full node port range: "failed to allocate a nodePort: range is full"', () => {
    const c = build([svc('a', { type: 'NodePort', ports: [{ port: 80 }] }), svc('b', { type: 'NodePort', ports: [{ port: 80 }] }), svc('c', { type: 'NodePort', ports: [{ port: 80 }] })], { nodePortRange: '30000-30001' });
    expect(problems(c)).toEqual([{ problem: 'nodePort range-full', service: 'default/c', field: 'spec.ports[0].nodePort', message: 'failed to allocate a nodePort: range is full' }]);
    expect([c.service('default', 'a')!.ports[0].nodePort, c.service('default', 'b')!.ports[0].nodePort].sort()).toEqual([30000, 30001]);
    expect(c.service('default', 'c')!.clusterIP).toBe('');
  });

  test('requested health check node port collision', () => {
    const c = build([
      svc('np', { type: 'NodePort', ports: [nodePort(80, 30081)] }),
      svc('lb', { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30081, ports: [{ port: 80 }] }),
    ]);
    expect(problems(c)).toEqual([{ problem: 'nodePort taken', service: 'default/lb', field: 'spec.healthCheckNodePort', message: 'failed to allocate requested HealthCheck NodePort 30081: provided port is already allocated', holder: 'default/np' }]);
  });
});
