/**
 * FindPort: which container port a Service port's targetPort lands on in one pod, as the endpoints
 * and EndpointSlice controllers resolve it (upstream pkg/api/v1/pod/util.go, FindPort).
 */
import type { SimContainer, SimEndpointPort, SimPod, SimService, SimServicePort } from './model';

/**
 * A numeric targetPort is taken as is (never checked against the container ports: traffic to a
 * port nobody listens on is the kernel's business, not the controller's). A named targetPort is
 * the first container port with that name AND the service port's protocol, searching regular
 * containers in order, then sidecars (restartable init containers). `undefined` when no port
 * matches: upstream then silently leaves that (pod, port) pair out of the endpoints.
 */
export function findPort(pod: SimPod, port: SimServicePort): number | undefined {
  const target = port.targetPort;
  if (typeof target === 'number') return target;
  if (typeof target !== 'string') return undefined;
  // Regular containers strictly before sidecars, whatever order the model lists them in. Two passes
  // instead of a reordered copy: this runs for every (Service port, selected pod) pair.
  return portIn(pod.containers, false, target, port.protocol) ?? portIn(pod.containers, true, target, port.protocol);
}

function portIn(containers: SimContainer[], sidecars: boolean, name: string, protocol: string): number | undefined {
  for (const container of containers) {
    if (!!container.sidecar !== sidecars) continue;
    for (const cp of container.ports) {
      if (cp.name === name && cp.protocol === protocol) return cp.containerPort;
    }
  }
  return undefined;
}

/**
 * getEndpointPorts for one Service: the Service ports a pod resolves, in Service order, unresolved
 * ones left out. FindPort reads nothing of a pod but its containers, and the replicas of a workload
 * share one containers list (pods.ts), so each distinct list is resolved once and every pod with it
 * gets the same array of the same port objects. The endpoints and EndpointSlice controllers share
 * one resolver per Service, so their Endpoints and slices share those objects too; the model never
 * modifies them.
 */
export class ServicePortResolver {
  private lastContainers: SimContainer[] | undefined;
  private lastPorts: SimEndpointPort[] = [];
  private readonly byContainers = new Map<SimContainer[], SimEndpointPort[]>();

  constructor(private readonly service: SimService) {}

  portsFor(pod: SimPod): SimEndpointPort[] {
    const containers = pod.containers;
    if (containers === this.lastContainers) return this.lastPorts;
    let ports = this.byContainers.get(containers);
    if (!ports) {
      ports = resolve(this.service, pod);
      this.byContainers.set(containers, ports);
    }
    this.lastContainers = containers;
    this.lastPorts = ports;
    return ports;
  }
}

function resolve(service: SimService, pod: SimPod): SimEndpointPort[] {
  const ports: SimEndpointPort[] = [];
  for (const sp of service.ports) {
    const number = findPort(pod, sp);
    if (number === undefined) continue;
    ports.push(sp.appProtocol !== undefined ? { name: sp.name, port: number, protocol: sp.protocol, appProtocol: sp.appProtocol } : { name: sp.name, port: number, protocol: sp.protocol });
  }
  // An exact-size copy: a list grown by push keeps room for 17 entries, and this one is kept.
  return ports.slice();
}
