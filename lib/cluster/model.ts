/**
 * The simulated cluster: what the API server, the controllers and the scheduler would hold after
 * the inputs were applied. Built once by `buildCluster` (cluster/build.ts); every view and rule
 * reads it and none writes it. All lists are in a deterministic order (documented per field).
 *
 * To keep the model small, objects are shared where their content is the same: the replicas of a
 * workload share their label map and containers, a Service's `labels` and `selector` are those of
 * its `defaulted` copy, its Endpoints and EndpointSlices share the resolved port objects, and
 * empty lists and ipFamilies lists are shared frozen constants. Reading is all anything may do
 * (test/cluster/frozen-model.test.ts runs every command on deep-frozen models).
 */
import type { JsonObject } from '../k8s/json';
import type { Cidr, IPFamily } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import type { FieldError } from '../validation/field-error';
import type { SimPodMonitor, SimServiceMonitor } from './monitors';
import type { GatewayApi } from './gateway-api/model';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
export type TrafficPolicy = 'Cluster' | 'Local';

export interface KubernetesVersion {
  major: number;
  minor: number;
}

/** `--cluster FILE` after defaults were filled in (docs/settings.md). */
export interface ClusterSettings {
  kubernetesVersion: KubernetesVersion;
  clusterDomain: string;
  serviceCIDR: Cidr;
  podCIDR: Cidr;
  nodePortRange: { min: number; max: number };
  /** Nodes from the settings file (default node-1..node-3); Node objects in the input are added in build. */
  nodes: { name: string; ip: string; labels: Record<string, string> }[];
  /**
   * Where the ingress controllers run, per IngressClass name: their pods are the source of the
   * connections they proxy to backends (NetworkPolicy judges those). Default: one entry, class
   * `nginx`, namespace `ingress-nginx`, labels `app.kubernetes.io/name: ingress-nginx`.
   */
  ingressControllers: IngressControllerSettings[];
}

export interface IngressControllerSettings {
  /** The IngressClass name it serves. */
  class: string;
  namespace: string;
  /** Labels its pods carry (a stand-in pod with them is used when the input has none). */
  podLabels: Record<string, string>;
}

/** A namespace that exists: declared by a Namespace object, built in, or used by an object. */
export interface SimNamespace {
  name: string;
  /**
   * The Namespace object's labels, and `kubernetes.io/metadata.name: <name>`, which the API server
   * sets on every Namespace (overwriting any other value); a namespace that objects use but the
   * input does not declare has only that label.
   */
  labels: Record<string, string>;
  /** The Namespace object, when the input had one. */
  obj?: ManifestObject;
}

export interface SimNode {
  name: string;
  /** InternalIP. */
  ip: string;
  labels: Record<string, string>;
  /** This node's slice of the pod CIDR (the k-th node, 1-based, gets the k-th /24 of a /16). */
  podCIDR: Cidr;
  /** The Node object, when the input had one. */
  obj?: ManifestObject;
}

export interface SimContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  hostPort?: number;
}

export interface SimContainer {
  name: string;
  /** Regular containers first, then restartable init containers (sidecars), as FindPort searches them. */
  sidecar: boolean;
  ports: SimContainerPort[];
  /** `env[]` names with literal values (valueFrom entries have value undefined). */
  env: { name: string; value?: string }[];
  /** Names defined through envFrom are unknown offline; true when the container has any envFrom. */
  hasEnvFrom: boolean;
}

/** A workload that makes pods: Deployment, ReplicaSet, ReplicationController, StatefulSet, DaemonSet, Job, CronJob. */
export interface SimWorkload {
  kind: string;
  namespace: string;
  name: string;
  obj: ManifestObject;
  /** Labels of the pod template (what pods get). */
  templateLabels: Record<string, string>;
  /** `spec.serviceName` of a StatefulSet. */
  serviceName?: string;
  /** Replicas simulated: every one the spec asks for (DaemonSets: one per eligible node), unless the run's pod limit cut it. */
  replicas: number;
  /**
   * Replicas the run's pod limit (a protection of the process, far above real clusters) left out;
   * absent when every replica was simulated.
   */
  replicasNotSimulated?: number;
  /** Pods in ordinal / creation order. */
  pods: SimPod[];
}

export interface SimPod {
  namespace: string;
  name: string;
  /** Deterministic UID (observed `metadata.uid` when given). */
  uid: string;
  labels: Record<string, string>;
  /** `''` when the pod has no IP yet (observed status without podIP, or Pending). */
  ip: string;
  nodeName: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  /** Ready condition is True. */
  ready: boolean;
  /** `metadata.deletionTimestamp` is set. */
  terminating: boolean;
  hostname?: string;
  subdomain?: string;
  hostNetwork: boolean;
  enableServiceLinks: boolean;
  dnsPolicy: string;
  containers: SimContainer[];
  /**
   * The workload that made it; undefined for Pod objects from the input, unless their
   * ownerReferences lead (through e.g. a ReplicaSet) to a workload of the input — then that
   * top-most workload, whose `pods` they are (a `kubectl get all -o yaml` dump).
   */
  owner?: SimWorkload;
  /** The Pod object when the input had one; else the workload's object. */
  obj: ManifestObject;
  /** The Pod as the API server would hold it (for `get pods -o yaml`); rendered on the first call, then kept. */
  apiObject(): JsonObject;
}

export interface SimServicePort {
  index: number;
  /** `''` when unnamed. */
  name: string;
  port: number;
  protocol: Protocol;
  /** Defaulted: equals `port` when not given. */
  targetPort: number | string;
  /** Allocated or requested; 0 when none. */
  nodePort: number;
  appProtocol?: string;
}

export interface SimService {
  namespace: string;
  name: string;
  /** The input object; undefined for the built-in `kubernetes` and `kube-dns` Services. */
  obj?: ManifestObject;
  type: ServiceType;
  /** `''` (ExternalName, or allocation failed), `'None'` (headless) or an IP. */
  clusterIP: string;
  clusterIPs: string[];
  headless: boolean;
  /** undefined = selector-less (nil or `{}`, which upstream cannot tell apart). */
  selector?: Record<string, string>;
  ports: SimServicePort[];
  externalName?: string;
  externalIPs: string[];
  /** status.loadBalancer.ingress[].ip (observed only; never invented). */
  loadBalancerIPs: string[];
  loadBalancerSourceRanges: string[];
  externalTrafficPolicy?: TrafficPolicy;
  internalTrafficPolicy?: TrafficPolicy;
  sessionAffinity: 'None' | 'ClientIP';
  /** sessionAffinityConfig.clientIP.timeoutSeconds (10800 by default with ClientIP). */
  affinityTimeoutSeconds?: number;
  healthCheckNodePort?: number;
  publishNotReadyAddresses: boolean;
  labels: Record<string, string>;
  /** Pods of the namespace matching the selector, any readiness (empty when selector-less). Sorted by name. */
  selectedPods: SimPod[];
  /**
   * `spec.ipFamilies` of the stored Service (known values, once each, in order). Set by
   * admission, so that the controllers need not render the API object; when absent, read from it.
   */
  apiIPFamilies?: IPFamily[];
  /** `metadata.uid` of the stored Service (set by admission; when absent, read from the API object). */
  apiUid?: string;
  /**
   * The input Service after the API server's defaulting, before allocation (set by buildCluster
   * for input Services). The API validation rule validates it instead of defaulting a second
   * copy; nothing may modify it.
   */
  defaulted?: JsonObject;
  /** The Service as the API server would hold it: defaulted and allocated; rendered on the first call, then kept. */
  apiObject(): JsonObject;
}

export interface SimEndpointAddress {
  ip: string;
  nodeName?: string;
  hostname?: string;
  /** The pod behind it; undefined for manual addresses. */
  pod?: SimPod;
}

export interface SimEndpointPort {
  name: string;
  port: number;
  protocol: Protocol;
  appProtocol?: string;
}

export interface SimEndpointSubset {
  addresses: SimEndpointAddress[];
  notReadyAddresses: SimEndpointAddress[];
  ports: SimEndpointPort[];
}

export interface SimEndpoints {
  namespace: string;
  name: string;
  /** `controller` when computed by the endpoints controller, `manual` when from the input. */
  origin: 'controller' | 'manual';
  obj?: ManifestObject;
  /** Repacked subsets (controller) or as given (manual). */
  subsets: SimEndpointSubset[];
  /** The Endpoints as the API server would hold them (the controller's: rendered on the first call, then kept). */
  apiObject(): JsonObject;
}

export interface SimSliceEndpoint {
  addresses: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  zone?: string;
  hostname?: string;
  pod?: SimPod;
}

export interface SimEndpointSlice {
  namespace: string;
  name: string;
  /** Label `kubernetes.io/service-name` (undefined when absent). */
  serviceName?: string;
  addressType: 'IPv4' | 'IPv6' | 'FQDN';
  /** `controller` (endpointslice controller), `mirror` (mirrored from manual Endpoints), `manual` (input). */
  origin: 'controller' | 'mirror' | 'manual';
  obj?: ManifestObject;
  /** `undefined` port means "all ports" (nil port in the slice). */
  ports: SimEndpointPort[];
  endpoints: SimSliceEndpoint[];
  /** The slice as the API server would hold it (the controllers': rendered on the first call, then kept). */
  apiObject(): JsonObject;
}

export interface SimIngressBackend {
  serviceName?: string;
  /** Exactly one of portName / portNumber for a service backend. */
  portName?: string;
  portNumber?: number;
  /** Resource backends are not routed by the simulator. */
  resource?: { kind?: string; name?: string };
  /** Field path of this backend within the Ingress (`spec.rules[0].http.paths[1].backend`). */
  field: string;
}

export interface SimIngressPath {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: SimIngressBackend;
}

export interface SimIngressRule {
  /** `''` when the rule has no host (matches any host). */
  host: string;
  paths: SimIngressPath[];
}

export interface SimIngress {
  namespace: string;
  name: string;
  obj: ManifestObject;
  /** `spec.ingressClassName`, else the `kubernetes.io/ingress.class` annotation, else undefined. */
  className?: string;
  /**
   * `spec.ingressClassName` as the API server stores it: as written, or, when the Ingress names no
   * class (neither the field nor the legacy annotation), the default IngressClass's name that the
   * DefaultIngressClass admission plugin writes in.
   */
  ingressClassName?: string;
  /** Whether an ingress controller serves it: its class exists among IngressClasses, or it has none and a default IngressClass exists, or no IngressClass objects were given at all (then every Ingress is served). */
  served: boolean;
  defaultBackend?: SimIngressBackend;
  rules: SimIngressRule[];
  tls: { hosts: string[]; secretName?: string }[];
}

export interface SimIngressClass {
  name: string;
  controller?: string;
  isDefault: boolean;
  obj: ManifestObject;
}

/** A problem the allocator met, as the API server would report it on create. */
export interface AllocationProblem<S = SimService> {
  /** What could not be allocated: a node port (`spec.ports[].nodePort`, `spec.healthCheckNodePort`) or a cluster IP. */
  resource: 'nodePort' | 'clusterIP';
  /**
   * `out-of-range`: the requested value lies outside the node port range or service CIDR;
   * `taken`: another Service holds the requested value (`holder`); `range-full`: nothing is left to allocate.
   */
  reason: 'out-of-range' | 'taken' | 'range-full';
  service: S;
  /** Upstream field path, e.g. `spec.ports[0].nodePort` or `spec.clusterIPs`. */
  field: string;
  /** Upstream message body, e.g. `Invalid value: 30080: provided port is already allocated`. */
  message: string;
  /** The Service that already holds the port/IP, for conflicts. */
  holder?: S;
}

/** A modelled object declared again (same kind, namespace and name) after `first`: the model keeps the later one in the first one's place, as a second `kubectl apply` would. */
export interface DuplicateObject {
  object: ManifestObject;
  first: ManifestObject;
}

/** A label selector with set-based requirements (NetworkPolicy selectors; `{}` selects everything). */
export interface SimLabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values: string[] }[];
}

/** One `ports[]` entry of a NetworkPolicy rule, defaulted (protocol TCP). */
export interface SimPolicyPort {
  protocol: Protocol;
  /** A number, a container port name, or undefined for every port of the protocol. */
  port?: number | string;
  /** Last port of a numeric range (inclusive). */
  endPort?: number;
  /** Field path within the policy (`spec.ingress[0].ports[1]`). */
  field: string;
}

/** One `from[]`/`to[]` entry. Exactly what the API accepts: selectors (one or both), or an ipBlock. */
export interface SimPolicyPeer {
  podSelector?: SimLabelSelector;
  namespaceSelector?: SimLabelSelector;
  ipBlock?: { cidr: Cidr; except: Cidr[] };
  field: string;
}

export interface SimPolicyRule {
  /** Empty: every peer (the field was missing or empty). */
  peers: SimPolicyPeer[];
  /** Empty: every port of every protocol. */
  ports: SimPolicyPort[];
  /** `spec.ingress[0]`. */
  field: string;
}

/** A NetworkPolicy the API server accepted, defaulted. */
export interface SimNetworkPolicy {
  namespace: string;
  name: string;
  obj: ManifestObject;
  podSelector: SimLabelSelector;
  /** Effective `policyTypes` (defaulted: Ingress, plus Egress when `spec.egress` has a rule). */
  policyTypes: ('Ingress' | 'Egress')[];
  /** Rules of the directions in `policyTypes`; a direction not listed has none here. */
  ingress: SimPolicyRule[];
  egress: SimPolicyRule[];
  /** The policy as stored: protocols and policyTypes filled in. */
  api: JsonObject;
}

export interface Cluster {
  settings: ClusterSettings;
  /** Every object that was loaded (including ones of unmodelled kinds), in input order. */
  objects: ManifestObject[];
  /** Namespaces that exist: `default`, `kube-system`, `kube-public`, `kube-node-lease`, Namespace objects, and every namespace an object is in. Sorted. */
  namespaces: string[];
  /** In settings order, then Node objects not in the settings, by name. */
  nodes: SimNode[];
  /** Sorted by namespace, then name. Includes the built-in `default/kubernetes` and `kube-system/kube-dns`. */
  services: SimService[];
  /** Sorted by namespace, kind, name. */
  workloads: SimWorkload[];
  /** Sorted by namespace, name. */
  pods: SimPod[];
  ingresses: SimIngress[];
  ingressClasses: SimIngressClass[];
  /** Prometheus Operator ServiceMonitors, with the Services they select. Sorted by namespace, name. */
  serviceMonitors: SimServiceMonitor[];
  /** Prometheus Operator PodMonitors, with the pods they select. Sorted by namespace, name. */
  podMonitors: SimPodMonitor[];
  /** Gateway API objects and what a conformant controller decides about them (gateway-api/model.ts). */
  gatewayApi: GatewayApi;
  allocationProblems: AllocationProblem[];
  /** Later declarations of modelled objects, in input order. */
  duplicates: DuplicateObject[];
  /**
   * NetworkPolicies the API server would accept (those failing its validation never exist; the
   * api-validation rule reports them). Sorted by namespace, name.
   */
  networkPolicies: SimNetworkPolicy[];
  /**
   * The API server's validation errors of each NetworkPolicy the build read (none: accepted), so
   * that the api-validation rule words them without validating again. Absent in a model made by
   * hand (tests).
   */
  networkPolicyErrors?: ReadonlyMap<ManifestObject, readonly FieldError[]>;
  /** IP of the cluster DNS Service (the 10th address of the service CIDR). */
  dnsServiceIP: string;

  /**
   * Every Endpoints object, controller-made and manual, sorted by namespace, name. The controllers
   * run for each Service when first asked (here or by `endpointsOf`) and their output is kept.
   */
  endpoints(): SimEndpoints[];
  /** Every EndpointSlice (manual, the controller's, mirrored), sorted by namespace, name. Computed as `endpoints()` is. */
  endpointSlices(): SimEndpointSlice[];
  /**
   * The loaded objects of one kind (of any API group), in input order, duplicates included: what
   * `objects` holds of that kind, without a pass over every object for each rule that reads one kind.
   */
  objectsOfKind(kind: string): readonly ManifestObject[];
  /** A namespace of `namespaces`, with its labels. */
  namespace(name: string): SimNamespace | undefined;
  /** Look-ups (namespace/name keys). */
  service(namespace: string, name: string): SimService | undefined;
  pod(namespace: string, name: string): SimPod | undefined;
  endpointsOf(namespace: string, name: string): SimEndpoints | undefined;
  /** Slices labelled `kubernetes.io/service-name: name` in the namespace, by slice name. */
  slicesOf(namespace: string, name: string): SimEndpointSlice[];
  /** Pods of a namespace whose labels contain every selector pair (indexed, not scanned). */
  podsMatching(namespace: string, selector: Record<string, string>): SimPod[];
}
