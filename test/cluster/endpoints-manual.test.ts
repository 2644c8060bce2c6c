import fc from 'fast-check';
import { fromObjects } from '../../lib/load/objects';
import type { JsonObject } from '../../lib/k8s/json';
import type { ManifestObject } from '../../lib/load/types';
import type { SimService } from '../../lib/cluster/model';
import { manualEndpoints, manualEndpointSlice, mirrorEndpoints } from '../../lib/cluster/manual-endpoints';

function load(doc: unknown): ManifestObject {
  const { objects } = fromObjects([doc]);
  expect(objects).toHaveLength(1);
  return objects[0];
}

/** A selector-less Service named like the Endpoints (only the fields mirroring reads matter). */
function service(name: string, selector?: Record<string, string>): SimService {
  return {
    namespace: 'default',
    name,
    type: 'ClusterIP',
    clusterIP: '10.96.0.30',
    clusterIPs: ['10.96.0.30'],
    headless: false,
    selector,
    ports: [{ index: 0, name: '', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 0 }],
    externalIPs: [],
    loadBalancerIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    labels: {},
    selectedPods: [],
    apiObject: () => ({}),
  };
}

// Seed 001: a selector-less Service backed by hand-written Endpoints pointing outside the cluster.
const externalEndpoints = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'external-service' },
  subsets: [{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ port: 80 }] }],
};

describe('manualEndpoints', () => {
  test('seed 001 external-service: subsets as written, protocol defaulted to TCP', () => {
    const ep = manualEndpoints(load(externalEndpoints));
    expect(ep.origin).toBe('manual');
    expect(ep.namespace).toBe('default');
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], notReadyAddresses: [], ports: [{ name: '', port: 80, protocol: 'TCP' }] }]);
    expect(ep.apiObject()).toEqual({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external-service', namespace: 'default' },
      subsets: [{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    expect(ep.obj?.name).toBe('external-service');
  });

  test('not repacked: subsets, order and duplicates stay as written; hostname, nodeName and targetRef kept', () => {
    const ep = manualEndpoints(
      load({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'db', namespace: 'data', labels: { team: 'x' } },
        subsets: [
          { addresses: [{ ip: '10.0.0.9', hostname: 'db-0', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'db-0' } }], ports: [{ name: 'pg', port: 5432 }] },
          { notReadyAddresses: [{ ip: '10.0.0.2' }, { ip: '10.0.0.2' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] },
        ],
      }),
    );
    expect(ep.namespace).toBe('data');
    expect(ep.subsets.map((s) => [s.addresses.map((a) => a.ip), s.notReadyAddresses.map((a) => a.ip)])).toEqual([
      [['10.0.0.9'], []],
      [[], ['10.0.0.2', '10.0.0.2']],
    ]);
    expect(ep.subsets[0].addresses[0]).toEqual({ ip: '10.0.0.9', hostname: 'db-0', nodeName: 'node-1' });
    expect((ep.apiObject().subsets as JsonObject[])[0].addresses).toEqual([{ ip: '10.0.0.9', hostname: 'db-0', nodeName: 'node-1', targetRef: { kind: 'Pod', name: 'db-0' } }]);
    expect((ep.apiObject().metadata as JsonObject).labels).toEqual({ team: 'x' });
  });

  test('malformed fields are dropped, not thrown on', () => {
    const ep = manualEndpoints(
      load({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'bad' },
        subsets: [
          'nonsense',
          {
            addresses: [{ ip: 7 }, { hostname: 'x' }, 'y', { ip: '10.0.0.1' }],
            notReadyAddresses: 'nope',
            ports: [{ port: '80' }, { port: 0 }, { port: 70000 }, { port: 81, protocol: 'tcp' }, { port: 82, protocol: 'UDP', name: 'u' }, null],
          },
        ],
      }),
    );
    expect(ep.subsets).toEqual([{ addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [], ports: [{ name: 'u', port: 82, protocol: 'UDP' }] }]);
  });

  test('any JSON under subsets never throws (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (subsets) => {
        const ep = manualEndpoints(load({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'f' }, subsets }));
        return Array.isArray(ep.subsets) && ep.subsets.every((s) => s.ports.every((p) => p.port >= 1 && p.port <= 65535));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});

describe('manualEndpointSlice', () => {
  test('defaults as consumers read them; service name from the label', () => {
    const slice = manualEndpointSlice(
      load({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'ext-1', labels: { 'kubernetes.io/service-name': 'ext' } },
        addressType: 'IPv4',
        ports: [{ port: 443 }, { name: 'all' }],
        endpoints: [
          { addresses: ['1.2.3.4'] },
          { addresses: ['1.2.3.5'], conditions: { ready: false }, zone: 'b', nodeName: 'node-2', hostname: 'h' },
          { addresses: [] },
          { conditions: { ready: true } },
        ],
      }),
    );
    expect(slice.origin).toBe('manual');
    expect(slice.serviceName).toBe('ext');
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: '', port: 443, protocol: 'TCP' }]);
    expect(slice.endpoints).toEqual([
      { addresses: ['1.2.3.4'], ready: true, serving: true, terminating: false },
      { addresses: ['1.2.3.5'], ready: false, serving: true, terminating: false, nodeName: 'node-2', zone: 'b', hostname: 'h' },
    ]);
    expect(slice.apiObject().ports).toEqual([
      { port: 443, name: '', protocol: 'TCP' },
      { name: 'all', protocol: 'TCP' },
    ]);
    expect((slice.apiObject().metadata as JsonObject).namespace).toBe('default');
  });

  test('without the service-name label the slice belongs to no Service; garbage never throws', () => {
    const slice = manualEndpointSlice(load({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's' }, addressType: 7, ports: 'x', endpoints: { a: 1 } }));
    expect(slice.serviceName).toBeUndefined();
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([]);
    expect(slice.endpoints).toEqual([]);
  });
});

describe('mirrorEndpoints (EndpointSliceMirroring)', () => {
  test('seed 001: the Endpoints of a selector-less Service are mirrored into one slice', () => {
    const ep = manualEndpoints(load({ ...externalEndpoints, metadata: { name: 'external-service', labels: { app: 'ext' }, annotations: { note: 'n', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } }));
    const slices = mirrorEndpoints(ep, service('external-service'));
    expect(slices).toHaveLength(1);
    const s = slices[0];
    expect(s.origin).toBe('mirror');
    expect(s.serviceName).toBe('external-service');
    expect(s.name).toMatch(/^external-service-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.endpoints.map((e) => [e.addresses[0], e.ready])).toEqual([
      ['11.11.11.11', true],
      ['22.22.22.22', true],
    ]);
    expect(s.apiObject()).toEqual({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: s.name,
        generateName: 'external-service-',
        namespace: 'default',
        labels: {
          app: 'ext',
          'endpointslice.kubernetes.io/managed-by': 'endpointslicemirroring-controller.k8s.io',
          'kubernetes.io/service-name': 'external-service',
        },
        annotations: { note: 'n' },
      },
      addressType: 'IPv4',
      endpoints: [
        { addresses: ['11.11.11.11'], conditions: { ready: true } },
        { addresses: ['22.22.22.22'], conditions: { ready: true } },
      ],
      ports: [{ name: '', port: 80, protocol: 'TCP' }],
    });
  });

  test('not mirrored: Service with a selector, skip-mirror label, leader-election annotation, no addresses', () => {
    const ep = manualEndpoints(load(externalEndpoints));
    expect(mirrorEndpoints(ep, service('external-service', { app: 'x' }))).toEqual([]);
    const skip = manualEndpoints(load({ ...externalEndpoints, metadata: { name: 'external-service', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } } }));
    expect(mirrorEndpoints(skip, service('external-service'))).toEqual([]);
    const noSkip = manualEndpoints(load({ ...externalEndpoints, metadata: { name: 'external-service', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'false' } } }));
    expect(mirrorEndpoints(noSkip, service('external-service'))).toHaveLength(1);
    const leader = manualEndpoints(load({ ...externalEndpoints, metadata: { name: 'external-service', annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } } }));
    expect(mirrorEndpoints(leader, service('external-service'))).toEqual([]);
    const empty = manualEndpoints(load({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'e' }, subsets: [{ ports: [{ port: 80 }] }] }));
    expect(mirrorEndpoints(empty, service('e'))).toEqual([]);
  });

  test('subsets with the same ports share a slice; families split; duplicates and non-IPs dropped; not-ready kept', () => {
    const ep = manualEndpoints(
      load({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'm' },
        subsets: [
          { addresses: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }, { ip: 'not-an-ip' }], ports: [{ name: 'a', port: 80 }] },
          { addresses: [{ ip: '10.0.0.1' }], notReadyAddresses: [{ ip: '10.0.0.2', targetRef: { kind: 'Pod', name: 'p2' } }], ports: [{ name: 'a', port: 80 }] },
          { addresses: [{ ip: '10.0.0.3' }], ports: [{ name: 'b', port: 81, protocol: 'UDP' }] },
        ],
      }),
    );
    const slices = mirrorEndpoints(ep, service('m'));
    const shown = slices.map((s) => `${s.addressType} [${s.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`).join(',')}] ${s.endpoints.map((e) => `${e.addresses[0]}${e.ready ? '' : '(not ready)'}`).join(' ')}`).sort();
    expect(shown).toEqual(['IPv4 [a:80/TCP] 10.0.0.1 10.0.0.2(not ready)', 'IPv4 [b:81/UDP] 10.0.0.3', 'IPv6 [a:80/TCP] fd00::1']);
    const withRef = slices.find((s) => s.endpoints.some((e) => e.addresses[0] === '10.0.0.2'))!;
    expect((withRef.apiObject().endpoints as JsonObject[])[1]).toEqual({ addresses: ['10.0.0.2'], conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'p2' } });
    expect(new Set(slices.map((s) => s.name)).size).toBe(3);
  });

  test('each subset mirrors at most 1000 addresses, ready ones first', () => {
    const addresses = Array.from({ length: 1001 }, (_, i) => ({ ip: `10.2.${Math.floor(i / 250)}.${i % 250}` }));
    const ep = manualEndpoints(load({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'big' }, subsets: [{ addresses, notReadyAddresses: [{ ip: '10.3.0.1' }], ports: [{ port: 80 }] }] }));
    const slices = mirrorEndpoints(ep, service('big'));
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints).toHaveLength(1000);
    expect(slices[0].endpoints.every((e) => e.ready)).toBe(true);
  });
});
