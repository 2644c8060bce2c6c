/** Small hand-built model objects for printer tests (the shapes of lib/cluster/model.ts). */
import type { Cluster, SimEndpointSlice, SimEndpoints, SimPod, SimService, SimServicePort } from '../../lib/cluster/model';
import type { JsonObject } from '../../lib/k8s/json';
import type { ManifestObject } from '../../lib/load/types';

export function port(p: Partial<SimServicePort> & { port: number }): SimServicePort {
  return { index: 0, name: '', protocol: 'TCP', targetPort: p.port, nodePort: 0, ...p };
}

export function service(s: Partial<SimService> & { name: string }): SimService {
  return {
    namespace: 'default',
    type: 'ClusterIP',
    clusterIP: '',
    clusterIPs: [],
    headless: false,
    ports: [],
    externalIPs: [],
    loadBalancerIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    publishNotReadyAddresses: false,
    labels: {},
    selectedPods: [],
    apiObject: () => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace ?? 'default' }, spec: {} }),
    ...s,
  };
}

export function slice(name: string, ports: { name: string; port: number }[], endpoints: [string, boolean][]): SimEndpointSlice {
  return {
    namespace: 'default',
    name,
    addressType: 'IPv4',
    origin: 'controller',
    ports: ports.map((p) => ({ ...p, protocol: 'TCP' })),
    endpoints: endpoints.map(([ip, ready]) => ({ addresses: [ip], ready, serving: ready, terminating: false })),
    apiObject: () => ({}),
  };
}

export function endpoints(name: string, subsets: { ready: string[]; notReady?: string[]; ports: { name: string; port: number }[] }[]): SimEndpoints {
  return {
    namespace: 'default',
    name,
    origin: 'controller',
    subsets: subsets.map((s) => ({
      addresses: s.ready.map((ip) => ({ ip })),
      notReadyAddresses: (s.notReady ?? []).map((ip) => ({ ip })),
      ports: s.ports.map((p) => ({ ...p, protocol: 'TCP' as const })),
    })),
    apiObject: () => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: 'default' } }),
  };
}

const dummyObj = { raw: {} } as unknown as ManifestObject;

export function pod(p: Partial<SimPod> & { name: string }, api: JsonObject = {}): SimPod {
  return {
    namespace: 'default',
    uid: `uid-${p.name}`,
    labels: {},
    ip: '',
    nodeName: '',
    phase: 'Running',
    ready: true,
    terminating: false,
    hostNetwork: false,
    enableServiceLinks: true,
    dnsPolicy: 'ClusterFirst',
    containers: [{ name: 'main', sidecar: false, ports: [], env: [], hasEnvFrom: false }],
    obj: dummyObj,
    apiObject: () => api,
    ...p,
  };
}

/** Just enough of a Cluster for `get`. */
export function cluster(c: Partial<Cluster>): Cluster {
  return { services: [], pods: [], endpoints: () => [], endpointSlices: () => [], ingresses: [], ...c } as unknown as Cluster;
}
