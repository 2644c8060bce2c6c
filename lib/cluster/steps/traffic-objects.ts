/**
 * The objects that steer or watch traffic to the Services and pods: Ingresses and IngressClasses,
 * Gateway API objects (with what a conformant controller decides about them), NetworkPolicies the
 * API server accepts, and Prometheus Operator monitors with what their scrape jobs select.
 */
import { byString } from '../../k8s/json';
import { buildGatewayApi, emptyGatewayApi } from '../gateway-api/build';
import type { GatewayApi } from '../gateway-api/model';
import type { ClusterIndex } from '../cluster-index';
import { compareNsName } from '../cluster-index';
import { defaultIngressClass, readIngress, readIngressClass } from '../ingress';
import type { ClusterSettings, SimIngress, SimIngressClass, SimNetworkPolicy, SimPod, SimService } from '../model';
import { readPodMonitor, readServiceMonitor, type SimPodMonitor, type SimServiceMonitor } from '../monitors';
import { admitNetworkPolicies } from '../network-policies';
import type { FieldError } from '../../validation/field-error';
import type { ManifestObject } from '../../load/types';
import { guarded } from './guarded';
import { NAMESPACE_NAME_LABEL } from './namespaces-and-nodes';
import type { SortedInput } from './sort-input';

export interface TrafficObjects {
  /** Sorted by namespace, then name. */
  ingresses: SimIngress[];
  /** Sorted by name. */
  ingressClasses: SimIngressClass[];
  gatewayApi: GatewayApi;
  /** Sorted by namespace, then name. */
  networkPolicies: SimNetworkPolicy[];
  /** The validation errors of every NetworkPolicy read (none: accepted). */
  networkPolicyErrors: ReadonlyMap<ManifestObject, readonly FieldError[]>;
  serviceMonitors: SimServiceMonitor[];
  podMonitors: SimPodMonitor[];
}

export function readTrafficObjects(input: SortedInput, services: readonly SimService[], pods: readonly SimPod[], index: ClusterIndex, settings: ClusterSettings): TrafficObjects {
  const classesInInputOrder = input.ingressClasses.map((o) => readIngressClass(o));
  const defaultClass = defaultIngressClass(classesInInputOrder);
  const ingressClasses = classesInInputOrder.sort((a, b) => byString(a.name, b.name));
  const ingresses = input.ingresses
    .map((o) => guarded(readIngress, o, ingressClasses, defaultClass))
    .filter((i): i is NonNullable<typeof i> => i !== undefined)
    .sort(compareNsName);
  const gatewayApi =
    guarded(buildGatewayApi, {
      objects: input.all,
      namespaceLabels: (namespace: string) => index.namespace(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace },
      service: (namespace: string, name: string) => index.service(namespace, name),
    }) ?? emptyGatewayApi();
  const serviceMonitors = input.serviceMonitors
    .map((o) => guarded(readServiceMonitor, o, services))
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .sort(compareNsName);
  const podMonitors = input.podMonitors
    .map((o) => guarded(readPodMonitor, o, (namespace: string) => index.podsIn(namespace), pods))
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .sort(compareNsName);
  const policies = admitNetworkPolicies(input.networkPolicies, settings);
  return { ingresses, ingressClasses, gatewayApi, networkPolicies: policies.accepted, networkPolicyErrors: policies.errors, serviceMonitors, podMonitors };
}
