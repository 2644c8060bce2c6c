/**
 * local-traffic-no-local-endpoints: with externalTrafficPolicy Local, kube-proxy on a node only
 * forwards external traffic to endpoints on that same node; a node without one drops it.
 */
import type { SimService } from '../../cluster/model';
import { listSome, serviceLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';
import { selectingServices } from '../support/services';

export const localTrafficNoLocalEndpoints: Rule = {
  id: 'local-traffic-no-local-endpoints',
  severity: 'warning',
  title: 'externalTrafficPolicy Local with nodes that run no ready endpoint',
  explanation:
    'With `externalTrafficPolicy: Local` kube-proxy keeps the client\'s source IP by never forwarding external traffic ' +
    '(NodePort, load-balancer and external IPs) to another node: each node only uses ready endpoints running on itself. ' +
    'A connection that arrives at a node without such a pod is dropped — a NodePort on that node simply times out. ' +
    'Cloud load balancers avoid those nodes through the `healthCheckNodePort`, so a LoadBalancer Service is only ' +
    'reported when no node at all runs a ready endpoint; a NodePort Service (or external IPs) is reported for every node ' +
    'without one, because whatever addresses the nodes directly does not know which ones to avoid. Run a ready pod on every node that receives traffic (a DaemonSet, or more replicas spread across ' +
    'nodes), send traffic only to the nodes listed as healthy, or use `externalTrafficPolicy: Cluster` if the client IP ' +
    'is not needed.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // (A Service selecting nothing has a finding of its own; no need to add that no node has endpoints.)
    for (const svc of selectingServices(cluster)) {
      if (svc.externalTrafficPolicy !== 'Local' || !externallyAccessible(svc) || svc.selectedPods.length === 0) continue;
      const withEndpoint = new Set<string>();
      for (const slice of cluster.slicesOf(svc.namespace, svc.name)) {
        for (const ep of slice.endpoints) if (ep.ready && ep.nodeName) withEndpoint.add(ep.nodeName);
      }
      const without = cluster.nodes.map((n) => n.name).filter((n) => !withEndpoint.has(n));
      if (without.length === 0) continue;
      const serving = cluster.nodes.map((n) => n.name).filter((n) => withEndpoint.has(n));
      // A load balancer asks every node's healthCheckNodePort, where kube-proxy answers 503 without a
      // local ready endpoint, and sends traffic only to the nodes that answer 200: as long as some
      // node serves, nothing arriving through the load balancer is dropped (ingress-nginx's cloud
      // deploy: one replica behind a Local LoadBalancer, by design).
      if (svc.type === 'LoadBalancer' && serving.length > 0) continue;
      hits.push({
        object: svc.obj,
        field: 'spec.externalTrafficPolicy',
        message:
          `${serviceLabel(svc)} has externalTrafficPolicy Local, but ${without.length === 1 ? 'node' : 'nodes'} ${listSome(without, 10)} ` +
          `${without.length === 1 ? 'runs' : 'run'} no ready endpoint of it, so external connections arriving there are dropped ` +
          `(${serving.length > 0 ? `ready endpoints only on ${listSome(serving, 10)}` : 'no endpoint is ready on any node'}); ` +
          `run a ready pod on every node that receives traffic (e.g. a DaemonSet) or use externalTrafficPolicy Cluster`,
      });
    }
    return hits;
  },
};

/** NodePort and LoadBalancer Services, and any Service with external IPs (upstream ExternallyAccessible). */
function externallyAccessible(svc: SimService): boolean {
  return svc.type === 'NodePort' || svc.type === 'LoadBalancer' || (svc.type === 'ClusterIP' && svc.externalIPs.length > 0);
}
