/**
 * FindPort: which container port a Service port's targetPort lands on in one pod, as the endpoints
 * and EndpointSlice controllers resolve it (upstream pkg/api/v1/pod/util.go, FindPort).
 */
import type { SimContainer, SimPod, SimServicePort } from './model';

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
