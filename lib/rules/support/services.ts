/**
 * The Services most rules start from, and the opening loop they would otherwise each write: declared
 * (not the built-in `kubernetes`/`kube-dns`, which nobody can fix), with a selector, not ExternalName
 * (whose selector and ports kube-proxy and the endpoints controllers ignore).
 */
import type { Cluster, SimService, SimServicePort } from '../../cluster/model';
import type { ManifestObject } from '../../load/types';

/** A Service of the input with a selector: what the endpoints controllers act on. */
export type SelectingService = SimService & { obj: ManifestObject; selector: Record<string, string> };

export function* selectingServices(cluster: Cluster): Generator<SelectingService> {
  for (const svc of cluster.services) {
    if (!svc.obj || !svc.selector || svc.type === 'ExternalName') continue;
    yield svc as SelectingService;
  }
}

/**
 * Every port of every selecting Service that selects at least one pod: the ports whose targetPort
 * the endpoints controllers resolve per pod. (The ports of a Service that selects nothing have nothing
 * to resolve against; that the selection is empty is a finding of its own.)
 */
export function* selectedServicePorts(cluster: Cluster): Generator<{ svc: SelectingService; port: SimServicePort }> {
  for (const svc of selectingServices(cluster)) {
    if (svc.selectedPods.length === 0) continue;
    for (const port of svc.ports) yield { svc, port };
  }
}
