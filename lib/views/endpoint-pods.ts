/**
 * The pods kube-proxy sends a Service port's traffic to: the ready endpoints of the Service's
 * EndpointSlices that are pods, each with the port it resolved to (the targetPort, per pod for a
 * named one). Policies judge these pods on these ports, never the Service's own port; and a proxy
 * (an ingress controller, a Gateway's data plane) connects to them from its own pods.
 */
import type { Cluster, SimPod, SimService, SimServicePort } from '../cluster/model';
import type { IngressController } from './ingress-controllers';
import { judgeConnection, type PolicyConnection, type PolicyVerdict } from './network-policy';

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

/** How policy treats a proxy's connections to one Service port's endpoint pods. */
export interface ProxyVerdict {
  /** Endpoint pods that deny at least one of the proxy's pods, in endpoint order. */
  denied: SimPod[];
  /** How many endpoint pods there are. */
  total: number;
  /** The first denied connection and its verdict (undefined when none is denied). */
  first?: { conn: PolicyConnection; verdict: PolicyVerdict };
}

/** Judges every (proxy pod, endpoint pod) pair of a Service port. */
export function judgeProxyToService(cluster: Cluster, proxy: IngressController, service: SimService, port: SimServicePort): ProxyVerdict {
  const endpoints = readyEndpointPods(cluster, service, port);
  const result: ProxyVerdict = { denied: [], total: endpoints.length };
  for (const endpoint of endpoints) {
    let deniedHere = false;
    for (const from of proxy.pods) {
      const conn: PolicyConnection = { from: { pod: from }, to: { pod: endpoint.pod }, port: endpoint.port, protocol: port.protocol };
      const verdict = judgeConnection(cluster, conn);
      if (verdict.allowed) continue;
      deniedHere = true;
      result.first ??= { conn, verdict };
    }
    if (deniedHere) result.denied.push(endpoint.pod);
  }
  return result;
}
