/**
 * The model the build steps produce, as one read-only object: their results as fields, look-ups
 * through the index, and the endpoint controllers' output behind explicit methods (computed when
 * first asked for, kept in private fields; nothing a caller can see changes).
 */
import type { ManifestObject } from '../load/types';
import type { FieldError } from '../validation/field-error';
import type { ClusterIndex } from './cluster-index';
import type { GatewayApi } from './gateway-api/model';
import type {
  AllocationProblem,
  Cluster,
  ClusterSettings,
  DuplicateObject,
  SimEndpoints,
  SimEndpointSlice,
  SimIngress,
  SimIngressClass,
  SimNamespace,
  SimNetworkPolicy,
  SimNode,
  SimPod,
  SimService,
  SimWorkload,
} from './model';
import type { SimPodMonitor, SimServiceMonitor } from './monitors';
import type { EndpointControllers } from './steps/endpoint-controllers';

/** The model's own data: a Cluster without its look-up methods. */
type ClusterData = Omit<Cluster, 'endpoints' | 'endpointSlices' | 'objectsOfKind' | 'namespace' | 'service' | 'pod' | 'endpointsOf' | 'slicesOf' | 'podsMatching'>;

/** The steps' results, gathered: the model's data, and what its look-ups read. */
export interface ClusterParts extends ClusterData {
  networkPolicyErrors: ReadonlyMap<ManifestObject, readonly FieldError[]>;
  index: ClusterIndex;
  endpointControllers: EndpointControllers;
}

export class BuiltCluster implements Cluster {
  readonly settings: ClusterSettings;
  readonly objects: ManifestObject[];
  readonly namespaces: string[];
  readonly nodes: SimNode[];
  readonly services: SimService[];
  readonly workloads: SimWorkload[];
  readonly pods: SimPod[];
  readonly ingresses: SimIngress[];
  readonly ingressClasses: SimIngressClass[];
  readonly serviceMonitors: SimServiceMonitor[];
  readonly podMonitors: SimPodMonitor[];
  readonly gatewayApi: GatewayApi;
  readonly allocationProblems: AllocationProblem[];
  readonly duplicates: DuplicateObject[];
  readonly networkPolicies: SimNetworkPolicy[];
  readonly networkPolicyErrors: ReadonlyMap<ManifestObject, readonly FieldError[]>;
  readonly dnsServiceIP: string;
  readonly #index: ClusterIndex;
  readonly #controllers: EndpointControllers;

  constructor(parts: ClusterParts) {
    this.settings = parts.settings;
    this.objects = parts.objects;
    this.namespaces = parts.namespaces;
    this.nodes = parts.nodes;
    this.services = parts.services;
    this.workloads = parts.workloads;
    this.pods = parts.pods;
    this.ingresses = parts.ingresses;
    this.ingressClasses = parts.ingressClasses;
    this.serviceMonitors = parts.serviceMonitors;
    this.podMonitors = parts.podMonitors;
    this.gatewayApi = parts.gatewayApi;
    this.allocationProblems = parts.allocationProblems;
    this.duplicates = parts.duplicates;
    this.networkPolicies = parts.networkPolicies;
    this.networkPolicyErrors = parts.networkPolicyErrors;
    this.dnsServiceIP = parts.dnsServiceIP;
    this.#index = parts.index;
    this.#controllers = parts.endpointControllers;
  }

  endpoints(): SimEndpoints[] {
    return this.#controllers.endpoints();
  }

  endpointSlices(): SimEndpointSlice[] {
    return this.#controllers.endpointSlices();
  }

  objectsOfKind(kind: string): readonly ManifestObject[] {
    return this.#index.objectsOfKind(kind);
  }

  namespace(name: string): SimNamespace | undefined {
    return this.#index.namespace(name);
  }

  service(namespace: string, name: string): SimService | undefined {
    return this.#index.service(namespace, name);
  }

  pod(namespace: string, name: string): SimPod | undefined {
    return this.#index.pod(namespace, name);
  }

  endpointsOf(namespace: string, name: string): SimEndpoints | undefined {
    return this.#controllers.endpointsOf(namespace, name);
  }

  slicesOf(namespace: string, name: string): SimEndpointSlice[] {
    return this.#controllers.slicesOf(namespace, name);
  }

  podsMatching(namespace: string, selector: Record<string, string>): SimPod[] {
    return this.#index.podsMatching(namespace, selector);
  }
}
