/**
 * Builders for hand-made model objects in view tests: complete values with the model's defaults, so
 * a test names only what it is about and never casts a partial object into a SimService.
 */
import type { Protocol, SimService, SimServicePort } from '../../lib/cluster/model';

/** `[name, port, protocol]`: a Service port whose targetPort is its port (protocol TCP by default). */
export type PortSpec = [name: string, port: number, protocol?: string];

export function simServicePorts(ports: PortSpec[]): SimServicePort[] {
  return ports.map(([name, port, protocol], index) => ({ index, name, port, protocol: (protocol ?? 'TCP') as Protocol, targetPort: port, nodePort: 0 }));
}

/**
 * A Service in the model's shape: ClusterIP unless `externalName` is given (then ExternalName, no
 * cluster IP); `clusterIP` `None` makes it headless; the rest as the API server defaults it.
 */
export function simService(namespace: string, name: string, opts: { clusterIP?: string | string[]; ports?: PortSpec[]; externalName?: string; selector?: Record<string, string> } = {}): SimService {
  const ips = opts.clusterIP === undefined ? [] : Array.isArray(opts.clusterIP) ? opts.clusterIP : [opts.clusterIP];
  const external = opts.externalName !== undefined;
  return {
    namespace,
    name,
    type: external ? 'ExternalName' : 'ClusterIP',
    clusterIP: external ? '' : (ips[0] ?? ''),
    clusterIPs: external ? [] : ips.filter((ip) => ip !== ''),
    headless: ips[0] === 'None',
    selector: opts.selector,
    ports: simServicePorts(opts.ports ?? []),
    externalName: opts.externalName,
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
