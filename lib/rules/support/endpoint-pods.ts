/**
 * The pods kube-proxy sends a Service port's traffic to: the ready endpoints of the Service's
 * EndpointSlices that are pods, each with the port it resolved to (the targetPort, per pod for a
 * named one). Policy rules judge these pods on these ports, never the Service's own port.
 */
import type { Cluster, SimPod, SimService, SimServicePort } from '../../cluster/model';

export interface EndpointPod {
  pod: SimPod;
  /** The resolved targetPort. */
  port: number;
}

export function readyEndpointPods(cluster: Cluster, service: SimService, port: SimServicePort): EndpointPod[] {
  const out: EndpointPod[] = [];
  const seen = new Set<SimPod>();
  for (const slice of cluster.slicesOf(service.namespace, service.name)) {
    const slicePort = slice.ports.find((p) => p.name === port.name && p.protocol === port.protocol);
    if (!slicePort) continue;
    for (const ep of slice.endpoints) {
      if (!ep.ready || !ep.pod || seen.has(ep.pod)) continue;
      seen.add(ep.pod);
      out.push({ pod: ep.pod, port: slicePort.port });
    }
  }
  return out;
}
