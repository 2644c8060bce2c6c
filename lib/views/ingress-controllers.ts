/**
 * The pods an ingress controller runs as. A controller proxies: the backend sees a new connection
 * from a controller pod (or, for a hostNetwork controller, from its node), so NetworkPolicy judges
 * that pod as the source. Which pods those are is a cluster setting (`ingressControllers`: class,
 * namespace, pod labels); when the input holds no such pod, one stand-in pod with those labels in
 * that namespace takes its place, on the first node, without an address (ipBlock peers never
 * match it; selector peers do).
 */
import type { Cluster, IngressControllerSettings, SimPod } from '../cluster/model';

export interface IngressController {
  settings: IngressControllerSettings;
  /** The controller's pods from the input (running, with an address), or one stand-in. */
  pods: SimPod[];
  /** True when `pods` is the stand-in. */
  standIn: boolean;
}

const standIns = new WeakMap<Cluster, Map<IngressControllerSettings, SimPod>>();

function standInPod(cluster: Cluster, settings: IngressControllerSettings): SimPod {
  let byController = standIns.get(cluster);
  if (!byController) standIns.set(cluster, (byController = new Map()));
  let pod = byController.get(settings);
  if (!pod) {
    pod = {
      namespace: settings.namespace,
      name: `${settings.class}-ingress-controller`,
      uid: '',
      labels: { ...settings.podLabels },
      ip: '',
      nodeName: cluster.nodes[0]?.name ?? '',
      phase: 'Running',
      ready: true,
      terminating: false,
      hostNetwork: false,
      enableServiceLinks: false,
      dnsPolicy: 'ClusterFirst',
      containers: [],
      obj: undefined as unknown as SimPod['obj'],
      apiObject: () => ({}),
    };
    byController.set(settings, pod);
  }
  return pod;
}

/**
 * The controller serving an IngressClass name (undefined: an Ingress without a class, served by
 * the first controller), with its pods; undefined when the settings name no controller for it.
 */
export function ingressController(cluster: Cluster, className: string | undefined): IngressController | undefined {
  const all = cluster.settings.ingressControllers;
  const settings = className !== undefined ? all.find((c) => c.class === className) : all[0];
  if (!settings) return undefined;
  const pods = cluster.podsMatching(settings.namespace, settings.podLabels).filter((p) => p.phase === 'Running' && p.ip !== '');
  return pods.length > 0 ? { settings, pods, standIn: false } : { settings, pods: [standInPod(cluster, settings)], standIn: true };
}
