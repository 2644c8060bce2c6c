/**
 * buildCluster: the inputs applied to a fresh simulated cluster — what the API server, the
 * controllers, the scheduler and the pod network would hold afterwards.
 *
 * A sequence of steps (`steps/`), each a function of the input and the earlier steps' results
 * that returns new data, in the order a real cluster does the work: Services admitted (defaulted,
 * allocated); workloads expanded into pods; pods scheduled and given IPs; Services select their
 * pods; the endpoints and EndpointSlice controllers, Ingress, Gateway API, NetworkPolicy and
 * monitor readings. Nothing writes the model after it is built. Malformed objects never make
 * this throw: what cannot be modelled is skipped (validation rules report it), the rest is
 * modelled. Everything is linear in the input (maps and a label index, no per-pair scans).
 */
import type { ManifestObject } from '../load/types';
import { serviceIPAt } from './allocate';
import { DNS_SERVICE_OFFSET } from './builtin';
import { BuiltCluster } from './built-cluster';
import { ClusterIndex } from './cluster-index';
import type { Cluster, ClusterSettings, SimService } from './model';
import { admitServices } from './steps/admit-services';
import { EndpointControllers } from './steps/endpoint-controllers';
import { expandWorkloads, MAX_SIMULATED_PODS, type BuildLimits } from './steps/expand-workloads';
import { readNamespaces, readNodes } from './steps/namespaces-and-nodes';
import { schedulePods } from './steps/schedule-pods';
import { selectPods } from './steps/select-pods';
import { sortInput } from './steps/sort-input';
import { readTrafficObjects } from './steps/traffic-objects';

export { MAX_SIMULATED_PODS, type BuildLimits } from './steps/expand-workloads';
export { NAMESPACE_NAME_LABEL } from './steps/namespaces-and-nodes';

export function buildCluster(objects: ManifestObject[], settings: ClusterSettings, limits: BuildLimits = { maxSimulatedPods: MAX_SIMULATED_PODS }): Cluster {
  const input = sortInput(objects);
  const namespaces = readNamespaces(input);
  const nodes = readNodes(input, settings);
  const admission = admitServices(input, settings);
  const { workloads, pods } = schedulePods(expandWorkloads(input, nodes, settings, limits), nodes, settings);
  const { services, allocationProblems, podIndex } = selectPods(admission, pods, settings);
  const index = new ClusterIndex(namespaces.byName, services, pods, podIndex, input.byKind);
  const traffic = readTrafficObjects(input, services, pods, index, settings);
  return new BuiltCluster({
    settings,
    objects,
    namespaces: namespaces.names,
    nodes,
    services,
    workloads,
    pods,
    ...traffic,
    allocationProblems,
    duplicates: input.duplicates,
    dnsServiceIP: clusterDnsIP(index.service('kube-system', 'kube-dns'), settings),
    index,
    endpointControllers: new EndpointControllers(input, services, index, nodes, admission.builtinKubernetes),
  });
}

/**
 * The nameserver the kubelets write into pods' resolv.conf: the cluster DNS Service's address.
 * kubeadm configures the kubelets with the tenth service address, the built-in Service's; a
 * cluster whose kube-dns Service the input declares was set up with that Service's address.
 */
function clusterDnsIP(declared: SimService | undefined, settings: ClusterSettings): string {
  if (declared?.obj && declared.clusterIP && declared.clusterIP !== 'None') return declared.clusterIP;
  return serviceIPAt(settings.serviceCIDR, DNS_SERVICE_OFFSET);
}
