/**
 * buildCluster: the inputs applied to a fresh simulated cluster — what the API server, the
 * controllers, the scheduler and the pod network would hold afterwards.
 *
 * Order of work, as in a real cluster: built-ins; Services defaulted and allocated; workloads
 * expanded into pods; pods scheduled and given IPs; Services select pods; endpoints and
 * EndpointSlice controllers run; Ingresses are read. Malformed objects never make this throw:
 * what cannot be modelled is skipped (validation rules report it), the rest is modelled.
 * Everything is linear in the input (maps and a label index, no per-pair scans).
 */
import { at, byString, cloneJson, str, strMap, type JsonObject } from '../k8s/json';
import { parseIP, cidrContains } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import { allocate, serviceIPAt, type AllocationRequest } from './allocate';
import {
  BUILTIN_FILE,
  builtinObject,
  CLUSTER_DNS_LABEL,
  corednsDeploymentRaw,
  DNS_SERVICE_OFFSET,
  kubeDnsServiceRaw,
  kubernetesEndpointsRaw,
  kubernetesServiceRaw,
  APISERVER_PORT,
} from './builtin';
import { computeEndpoints } from './endpoints-controller';
import { ServicePortResolver } from './find-port';
import { computeEndpointSlices } from './endpointslice-controller';
import { stableUid } from './hash';
import { PodIndex } from './index-pods';
import { buildGatewayApi, emptyGatewayApi } from './gateway-api/build';
import { defaultIngressClass, readIngress, readIngressClass } from './ingress';
import { modelledRole, type ModelledRole } from './kinds';
import { acceptedNetworkPolicies } from './network-policies';
import { manualEndpoints, manualEndpointSlice, mirrorEndpoints } from './manual-endpoints';
import { readPodMonitor, readServiceMonitor } from './monitors';
import type { Cluster, ClusterSettings, DuplicateObject, SimNamespace, SimEndpoints, SimEndpointSlice, SimNode, SimPod, SimService, SimWorkload } from './model';
import { specOf, finishPod, observedStatus, type Placement, type PodDraft } from './pods';
import { buildNodes, eligibleNodes, PodIPAllocator, readNodeObject, type NodeInput } from './schedule';
import { readService, serviceApi, type ReadService } from './services';
import { defineLazyApi } from './lazy-api';
import { controllerOwnerKey, ownerKey, readWorkload, workloadPods, type NameRegistry } from './workloads';

/**
 * Generated pods per run at most: a limit that protects the process (the API server takes any
 * int32 replica count, a hostile input any number), above what a real cluster supports (150,000
 * pods). Every workload gets all its replicas until the limit; the ones after it get one pod each
 * (so selectors still find their pods), and the model records how many replicas were left out
 * (`SimWorkload.replicasNotSimulated`) for a finding to name.
 */
export const MAX_SIMULATED_PODS = 100_000;

/** Limits that protect the process; tests lower them. */
export interface BuildLimits {
  maxSimulatedPods: number;
}

const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function nsName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function compareNsName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return byString(a.namespace, b.namespace) || byString(a.name, b.name);
}

/**
 * Objects by namespace, then name. The model's look-ups live as long as the model; keyed by
 * `namespace/name` text they kept one concatenated key string per object (tens of bytes each,
 * copied by every scavenge), while nested maps key by the strings the objects already hold.
 */
class ByNamespaceName<T> {
  private readonly byNamespace = new Map<string, Map<string, T>>();

  get(namespace: string, name: string): T | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  /** `items` by their own namespace and name (a later item of the same pair replaces an earlier one). */
  static of<T extends { namespace: string; name: string }>(items: Iterable<T>): ByNamespaceName<T> {
    const index = new ByNamespaceName<T>();
    for (const item of items) index.set(item.namespace, item.name, item);
    return index;
  }

  set(namespace: string, name: string, item: T): void {
    let names = this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    names.set(name, item);
  }
}

/**
 * Calls `fn(...args)`, and on an unexpected exception (malformed input the readers did not
 * foresee) skips the object. The function and its arguments are passed, not a closure: a closure
 * per object (and its context) was allocated for each of the tens of thousands of objects.
 */
function guarded<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): T | undefined {
  try {
    return fn(...args);
  } catch {
    return undefined;
  }
}

/**
 * Input objects by role. Of duplicates (same kind, namespace, name) the later one is kept, in the
 * place of the first: `kubectl apply` creates the object from the first document and the second
 * replaces its content (a create-then-update, so it keeps the first one's place in creation order).
 */
interface Sorted {
  /** Later declarations of a modelled object, each with the first one. */
  duplicates: DuplicateObject[];
  services: ManifestObject[];
  endpoints: ManifestObject[];
  slices: ManifestObject[];
  pods: ManifestObject[];
  nodes: ManifestObject[];
  namespaces: ManifestObject[];
  workloads: ManifestObject[];
  ingresses: ManifestObject[];
  ingressClasses: ManifestObject[];
  networkPolicies: ManifestObject[];
  serviceMonitors: ManifestObject[];
  podMonitors: ManifestObject[];
}

function sortObjects(objects: ManifestObject[]): Sorted {
  const s: Sorted = { duplicates: [], services: [], endpoints: [], slices: [], pods: [], nodes: [], namespaces: [], workloads: [], ingresses: [], ingressClasses: [], networkPolicies: [], serviceMonitors: [], podMonitors: [] };
  // Seen (kind, namespace, name) triples of modelled objects in nested maps (no key string built per
  // object), each with the first declaration and the list and index where the kept object went.
  const seen = new Map<string, Map<string, Map<string, { first: ManifestObject; list?: ManifestObject[]; index: number }>>>();
  for (const o of objects) {
    const role = modelledRole(o);
    if (role === undefined) continue;
    let byNamespace = seen.get(o.kind);
    if (!byNamespace) seen.set(o.kind, (byNamespace = new Map()));
    let names = byNamespace.get(o.namespace);
    if (!names) byNamespace.set(o.namespace, (names = new Map()));
    const list = listFor(s, role);
    const earlier = names.get(o.name);
    if (earlier) {
      s.duplicates.push({ object: o, first: earlier.first });
      // Same kind and role decide the list, so the later object takes the earlier one's place.
      if (list !== undefined && earlier.list === list) list[earlier.index] = o;
      continue;
    }
    names.set(o.name, { first: o, list, index: list?.length ?? 0 });
    list?.push(o);
  }
  return s;
}

/** The input list objects of a role go to; undefined for kinds whose own step reads the whole input (gateway-api/build.ts). */
function listFor(s: Sorted, role: ModelledRole): ManifestObject[] | undefined {
  switch (role) {
    case 'service': return s.services;
    case 'endpoints': return s.endpoints;
    case 'endpointSlice': return s.slices;
    case 'pod': return s.pods;
    case 'node': return s.nodes;
    case 'namespace': return s.namespaces;
    case 'workload': return s.workloads;
    case 'ingress': return s.ingresses;
    case 'ingressClass': return s.ingressClasses;
    case 'networkPolicy': return s.networkPolicies;
    case 'serviceMonitor': return s.serviceMonitors;
    case 'podMonitor': return s.podMonitors;
    case 'gatewayApi': return undefined;
  }
}

export function buildCluster(objects: ManifestObject[], settings: ClusterSettings, limits: BuildLimits = { maxSimulatedPods: MAX_SIMULATED_PODS }): Cluster {
  const input = sortObjects(objects);

  // Namespaces.
  const namespaceSet = new Set<string>(BASE_NAMESPACES);
  for (const o of input.namespaces) namespaceSet.add(o.name);
  for (const o of objects) if (o.namespace) namespaceSet.add(o.namespace);
  const namespaces = [...namespaceSet].sort(byString);
  const namespaceByName = readNamespaces(namespaces, input.namespaces);

  // Nodes.
  const nodeInputs: NodeInput[] = [];
  for (const o of input.nodes) {
    const n = guarded(readNodeObject, o.raw, o.name);
    if (n) nodeInputs.push({ ...n, obj: o });
  }
  // A Pod that was observed on a node (spec.nodeName, e.g. from `kubectl get pods -o yaml`) proves
  // the node exists, even when neither the settings nor a Node object name it.
  const knownNodes = new Set([...settings.nodes.map((n) => n.name), ...nodeInputs.map((n) => n.name)]);
  for (const o of input.pods) {
    const nodeName = guarded(at, o.raw, 'spec', 'nodeName');
    if (typeof nodeName === 'string' && nodeName !== '' && !knownNodes.has(nodeName)) {
      knownNodes.add(nodeName);
      nodeInputs.push({ name: nodeName });
    }
  }
  const nodes = buildNodes(settings, nodeInputs);
  const nodeByName = new Map(nodes.map((n) => [n.name, n] as const));

  // Services: built-ins first (they exist before anything is applied), then the input in order.
  const inputServiceKeys = new Set(input.services.map((o) => nsName(o.namespace, o.name)));
  const reads: ReadService[] = [];
  const builtinKubernetes = !inputServiceKeys.has('default/kubernetes');
  if (builtinKubernetes) reads.push(readService(kubernetesServiceRaw(settings), 'default', 'kubernetes', undefined, settings));
  if (!inputServiceKeys.has('kube-system/kube-dns')) reads.push(readService(kubeDnsServiceRaw(settings), 'kube-system', 'kube-dns', undefined, settings));
  for (const o of input.services) {
    const r = guarded(readService, o.raw, o.namespace, o.name, o, settings);
    if (r) reads.push(r);
  }
  const allocationProblems = allocate(
    reads.map((r): AllocationRequest => r.request),
    settings,
  );
  // The controllers need only the stored ipFamilies and uid (read into the model); the API object
  // itself is rendered on first read (get/describe), from its own copy, so that the defaulted
  // Service stays unallocated for the API validation rule to check without defaulting it again.
  for (const r of reads) defineLazyApi(r.service, new ServiceApi(r.defaulted, settings));
  const services = reads.map((r) => r.service).sort(compareNsName);
  const serviceByName = ByNamespaceName.of(services);

  // Workloads.
  const workloads: SimWorkload[] = [];
  for (const o of input.workloads) {
    const w = guarded(readWorkload, o);
    if (w) workloads.push(w);
  }
  if (!declaresClusterDnsPods(input, workloads)) {
    workloads.push(readWorkload(builtinObject(corednsDeploymentRaw(), 'kube-system', 'coredns')));
  }
  workloads.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.kind, b.kind) || byString(a.name, b.name));
  const pods = buildPods(workloads, input.pods, nodes, nodeByName, settings, limits.maxSimulatedPods);

  // Selection.
  const index = new PodIndex(pods);
  for (const svc of services) {
    if (svc.selector) svc.selectedPods = index.matching(svc.namespace, svc.selector);
  }

  // Endpoints and EndpointSlices. Manual ones come from the input; for a Service with a selector
  // the endpoints controller replaces its Endpoints and the EndpointSlice controller writes its
  // slices; manual Endpoints of a Service without one are mirrored into slices. What the
  // controllers write for a Service is computed on first use (ControllerOutput): a check asks for
  // the endpoints of a few Services, not for the 10,000 Endpoints and slices of a large input,
  // while `get`, `dns` and `iptables-save` read them all (the `endpoints`/`endpointSlices` lists).
  const manualEndpointsByKey = new Map<string, SimEndpoints>();
  for (const o of input.endpoints) {
    const ep = guarded(manualEndpoints, o);
    if (ep) manualEndpointsByKey.set(nsName(ep.namespace, ep.name), ep);
  }
  if (builtinKubernetes && !manualEndpointsByKey.has('default/kubernetes')) {
    const ep = manualEndpoints(builtinObject(kubernetesEndpointsRaw(nodes[0]?.ip ?? ''), 'default', 'kubernetes'));
    delete ep.obj;
    manualEndpointsByKey.set('default/kubernetes', ep);
  }
  const manualSlices: SimEndpointSlice[] = [];
  for (const o of input.slices) {
    const slice = guarded(manualEndpointSlice, o);
    if (slice) manualSlices.push(slice);
  }
  if (builtinKubernetes && !input.slices.some((o) => o.namespace === 'default' && o.name === 'kubernetes')) {
    manualSlices.push(...kubernetesSlice(nodes[0]?.ip ?? ''));
  }
  const written = new ControllerOutput(manualEndpointsByKey, nodes);
  const manualSlicesByService = groupSlicesByService(manualSlices);
  const slicesByService = new ByNamespaceName<SimEndpointSlice[]>();
  // A Service's slices in the order of the whole list below (manual, the controller's, mirrored;
  // stably sorted by namespace and name), so that a look-up equals a filter of that list.
  const slicesOf = (namespace: string, name: string): SimEndpointSlice[] => {
    let list = slicesByService.get(namespace, name);
    if (!list) {
      const svc = serviceByName.get(namespace, name);
      const out = svc ? written.of(svc) : undefined;
      list = [...(manualSlicesByService.get(namespace, name) ?? []), ...(out?.controllerSlices ?? []), ...(svc ? written.mirroredOf(svc) : [])].sort(compareNsName);
      slicesByService.set(namespace, name, list);
    }
    return list.slice();
  };
  const endpointsOf = (namespace: string, name: string): SimEndpoints | undefined => {
    const svc = serviceByName.get(namespace, name);
    return svc ? written.of(svc).endpoints : manualEndpointsByKey.get(nsName(namespace, name));
  };
  let allEndpoints: SimEndpoints[] | undefined;
  let allSlices: SimEndpointSlice[] | undefined;
  const listEndpoints = (): SimEndpoints[] => {
    if (!allEndpoints) {
      const byKey = new Map(manualEndpointsByKey);
      for (const svc of services) {
        const ep = written.of(svc).endpoints;
        if (ep) byKey.set(nsName(svc.namespace, svc.name), ep);
      }
      allEndpoints = [...byKey.values()].sort(compareNsName);
    }
    return allEndpoints;
  };
  const listSlices = (): SimEndpointSlice[] => {
    if (!allSlices) {
      const slices = [...manualSlices];
      for (const svc of services) slices.push(...written.of(svc).controllerSlices);
      // Mirrored slices in the order of the manual Endpoints they come from.
      for (const ep of manualEndpointsByKey.values()) {
        const svc = serviceByName.get(ep.namespace, ep.name);
        if (svc) slices.push(...written.mirroredOf(svc));
      }
      allSlices = slices.sort(compareNsName);
    }
    return allSlices;
  };

  // Ingresses.
  const classesInInputOrder = input.ingressClasses.map((o) => readIngressClass(o));
  const defaultClass = defaultIngressClass(classesInInputOrder);
  const ingressClasses = classesInInputOrder.sort((a, b) => byString(a.name, b.name));
  const ingresses = input.ingresses
    .map((o) => guarded(readIngress, o, ingressClasses, defaultClass))
    .filter((i): i is NonNullable<typeof i> => i !== undefined)
    .sort(compareNsName);

  const podByName = ByNamespaceName.of(pods);
  const gatewayApi =
    guarded(buildGatewayApi, {
      objects,
      namespaceLabels: (namespace: string) => namespaceByName.get(namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: namespace },
      service: (namespace: string, name: string) => serviceByName.get(namespace, name),
    }) ?? emptyGatewayApi();

  // Prometheus Operator monitors: what each one's scrape job would select.
  const serviceMonitors = input.serviceMonitors
    .map((o) => guarded(readServiceMonitor, o, services))
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .sort(compareNsName);
  let podsByNamespace: Map<string, SimPod[]> | undefined;
  const podsOf = (namespace: string): SimPod[] => {
    if (!podsByNamespace) {
      podsByNamespace = new Map();
      for (const pod of pods) {
        const list = podsByNamespace.get(pod.namespace);
        if (list) list.push(pod);
        else podsByNamespace.set(pod.namespace, [pod]);
      }
    }
    return podsByNamespace.get(namespace) ?? [];
  };
  const podMonitors = input.podMonitors
    .map((o) => guarded(readPodMonitor, o, podsOf, pods))
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .sort(compareNsName);
  return {
    settings,
    objects,
    namespaces,
    nodes,
    services,
    workloads,
    pods,
    get endpoints() {
      return listEndpoints();
    },
    get endpointSlices() {
      return listSlices();
    },
    ingresses,
    ingressClasses,
    serviceMonitors,
    podMonitors,
    gatewayApi,
    allocationProblems,
    networkPolicies: acceptedNetworkPolicies(input.networkPolicies, settings),
    duplicates: input.duplicates,
    dnsServiceIP: clusterDnsIP(serviceByName.get('kube-system', 'kube-dns'), settings),
    namespace: (name) => namespaceByName.get(name),
    service: (namespace, name) => serviceByName.get(namespace, name),
    pod: (namespace, name) => podByName.get(namespace, name),
    endpointsOf,
    slicesOf,
    podsMatching: (namespace, selector) => index.matching(namespace, selector),
  };
}

/** The label the API server sets on every Namespace: its name (SetDefaults_Namespace). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Every namespace with its labels: a Namespace object's own, and the name label that the API
 * server's defaulting writes on create (replacing whatever value the object gave it). Namespaces
 * the input uses without declaring them exist as if created bare, with only that label.
 */
function readNamespaces(names: readonly string[], declared: readonly ManifestObject[]): Map<string, SimNamespace> {
  const objectByName = new Map(declared.map((o) => [o.name, o] as const));
  const out = new Map<string, SimNamespace>();
  for (const name of names) {
    const obj = objectByName.get(name);
    const labels: Record<string, string> = { ...((obj && guarded(strMap, at(obj.raw, 'metadata', 'labels'))) ?? {}) };
    labels[NAMESPACE_NAME_LABEL] = name;
    out.set(name, obj ? { name, labels, obj } : { name, labels });
  }
  return out;
}

/**
 * Whether the input brings its own cluster DNS pods, which then replace the built-in CoreDNS
 * Deployment: a `kube-system/coredns` Deployment, or Pods or workload templates in `kube-system`
 * labelled `k8s-app: kube-dns` (the label the kube-dns Service selects, on kubeadm, kops, GKE, AKS
 * and EKS clusters alike). A dump of a real cluster's kube-system then shows only its own pods.
 */
function declaresClusterDnsPods(input: Sorted, workloads: SimWorkload[]): boolean {
  if (input.workloads.some((o) => o.kind === 'Deployment' && o.namespace === 'kube-system' && o.name === 'coredns')) return true;
  if (workloads.some((w) => w.namespace === 'kube-system' && w.templateLabels[CLUSTER_DNS_LABEL[0]] === CLUSTER_DNS_LABEL[1])) return true;
  return input.pods.some((o) => o.namespace === 'kube-system' && strMap(at(o.raw, 'metadata', 'labels'))?.[CLUSTER_DNS_LABEL[0]] === CLUSTER_DNS_LABEL[1]);
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

/**
 * Renders a Service as stored (defaulted and allocated) on first read (lazy-api.ts), from its own
 * copy of the defaulted object: the model's copy stays unallocated, for the API validation rule to
 * check without defaulting the Service again.
 */
class ServiceApi {
  constructor(
    private readonly defaulted: JsonObject,
    private readonly settings: ClusterSettings,
  ) {}

  render(service: SimService): JsonObject {
    const api = serviceApi({ service, defaulted: cloneJson(this.defaulted) }, this.settings);
    (api.metadata as Record<string, unknown>).uid = service.apiUid;
    return api;
  }
}

/** What the controllers write for one Service. */
interface WrittenForService {
  /** The endpoints controller's Endpoints (selector), else the manual Endpoints of the same name. */
  endpoints?: SimEndpoints;
  /** Written by the EndpointSlice controller (selector). */
  controllerSlices: SimEndpointSlice[];
}

/**
 * The endpoints, EndpointSlice and mirroring controllers, run for one Service on first request and
 * remembered. A Service's result depends only on that Service, its selected pods, the nodes and its
 * manual Endpoints, so computing them one at a time gives what computing them all at once does.
 */
class ControllerOutput {
  private readonly written = new Map<SimService, WrittenForService>();
  private readonly mirrored = new Map<SimService, SimEndpointSlice[]>();

  constructor(
    private readonly manualEndpointsByKey: ReadonlyMap<string, SimEndpoints>,
    private readonly nodes: SimNode[],
  ) {}

  of(svc: SimService): WrittenForService {
    let out = this.written.get(svc);
    if (out) return out;
    let endpoints: SimEndpoints | undefined;
    let controllerSlices: SimEndpointSlice[] = [];
    if (svc.selector && svc.type !== 'ExternalName') {
      // One resolver for both controllers: they resolve the same ports of the same pods.
      const resolver = new ServicePortResolver(svc);
      endpoints = guarded(computeEndpoints, svc, resolver);
      controllerSlices = guarded(computeEndpointSlices, svc, this.nodes, resolver) ?? [];
    }
    endpoints ??= this.manualEndpointsByKey.get(nsName(svc.namespace, svc.name));
    out = { endpoints, controllerSlices };
    this.written.set(svc, out);
    return out;
  }

  /** Slices mirrored from the Service's manual Endpoints (no selector, or the controller could not run). */
  mirroredOf(svc: SimService): SimEndpointSlice[] {
    let slices = this.mirrored.get(svc);
    if (slices) return slices;
    const endpoints = this.of(svc).endpoints;
    slices = endpoints && endpoints.origin === 'manual' && endpoints.obj ? (guarded(mirrorEndpoints, endpoints, svc) ?? []) : [];
    this.mirrored.set(svc, slices);
    return slices;
  }
}

/** Manual slices by the Service they are labelled with, in input order. */
function groupSlicesByService(slices: readonly SimEndpointSlice[]): ByNamespaceName<SimEndpointSlice[]> {
  const out = new ByNamespaceName<SimEndpointSlice[]>();
  for (const slice of slices) {
    if (slice.serviceName === undefined) continue;
    const list = out.get(slice.namespace, slice.serviceName);
    if (list) list.push(slice);
    else out.set(slice.namespace, slice.serviceName, [slice]);
  }
  return out;
}

/** The API server's own EndpointSlice for `kubernetes` (it writes it directly; nothing mirrors it). */
function kubernetesSlice(apiserverIP: string): SimEndpointSlice[] {
  if (!apiserverIP) return [];
  const family = parseIP(apiserverIP)?.family ?? 'IPv4';
  const raw = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: family,
    endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  };
  const slice = manualEndpointSlice(builtinObject(raw, 'default', 'kubernetes'));
  delete slice.obj;
  return [slice];
}

/**
 * Pods: those the input's workloads would create (unless the input holds them already), then the
 * input's Pods; scheduled and addressed in creation order. Returns them sorted by namespace, name,
 * and fills each workload's `pods`.
 */
function buildPods(workloads: SimWorkload[], podObjects: ManifestObject[], nodes: SimNode[], nodeByName: Map<string, SimNode>, settings: ClusterSettings, maxSimulatedPods: number): SimPod[] {
  const workloadByKey = new Map(workloads.map((w) => [ownerKey(w.namespace, w.kind, w.name), w] as const));

  // Ownership among input objects: a workload controlled by another workload of the input (a
  // Deployment's ReplicaSet) makes no pods itself; CronJobs are the exception — their Jobs run.
  const parent = new Map<SimWorkload, SimWorkload>();
  for (const w of workloads) {
    const k = controllerOwnerKey(w.obj);
    const owner = k ? workloadByKey.get(k) : undefined;
    if (owner && owner !== w && owner.kind !== 'CronJob') parent.set(w, owner);
  }
  const top = (w: SimWorkload): SimWorkload => {
    let cur = w;
    for (let steps = 0; steps < 8 && parent.has(cur); steps++) cur = parent.get(cur)!;
    return cur;
  };

  const names: NameRegistry = new Map();
  const claimInput = (o: ManifestObject): void => {
    let set = names.get(o.namespace);
    if (!set) names.set(o.namespace, (set = new Set()));
    set.add(o.name);
  };
  const inputDrafts: PodDraft[] = [];
  const observedWorkloads = new Set<SimWorkload>();
  const observedIPs = new Set<string>();
  for (const o of podObjects) {
    const draft = guarded(inputPodDraft, o);
    if (!draft) continue;
    claimInput(o);
    const k = controllerOwnerKey(o);
    const owner = k ? workloadByKey.get(k) : undefined;
    if (owner) {
      draft.owner = top(owner);
      observedWorkloads.add(draft.owner);
    }
    if (draft.observed?.ip) observedIPs.add(draft.observed.ip);
    for (const entry of Array.isArray(at(o.raw, 'status', 'podIPs')) ? (at(o.raw, 'status', 'podIPs') as unknown[]) : []) {
      const ip = str(at(entry, 'ip'));
      if (ip) observedIPs.add(ip);
    }
    inputDrafts.push(draft);
  }

  const ips = new PodIPAllocator(settings.podCIDR, nodes, observedIPs);
  const eligibleBySpec = new Map<object, SimNode[]>();
  const simulate = (d: PodDraft, spread: number): Placement => {
    let nodeName = str(d.spec.nodeName) || d.fixedNode || '';
    if (!nodeName) {
      let eligible = eligibleBySpec.get(d.spec);
      if (!eligible) eligibleBySpec.set(d.spec, (eligible = eligibleNodes(d.spec, nodes)));
      if (eligible.length > 0) nodeName = eligible[spread % eligible.length].name;
    }
    const node = nodeByName.get(nodeName);
    if (!node) return { nodeName, nodeIP: '', ip: '', phase: 'Pending', ready: false };
    const ip = d.spec.hostNetwork === true ? node.ip : ips.allocate(node.name);
    if (!ip) return { nodeName, nodeIP: node.ip, ip: '', phase: 'Pending', ready: false };
    return { nodeName, nodeIP: node.ip, ip, phase: 'Running', ready: true };
  };

  // Each workload's pods are finished as soon as they are drafted (scheduling and addressing in
  // the same order as before: workload order, then replica order), so drafts die young instead of
  // all of them surviving, and being copied by the garbage collector, until the last is drafted.
  const out: SimPod[] = [];
  // Bounded work whatever the input: once maxSimulatedPods pods were generated, each further
  // workload gets one pod (so selectors still find their pods) instead of all its replicas, and
  // keeps the number left out for the finding that reports the cut.
  let budget = maxSimulatedPods;
  for (const w of workloads) {
    if (parent.has(w) || observedWorkloads.has(w)) continue;
    // The cluster's own CoreDNS is there whatever the input holds: it is neither cut nor counted.
    const builtin = w.obj.source.file === BUILTIN_FILE;
    if (!builtin && w.replicas > budget) {
      const simulated = Math.min(w.replicas, Math.max(1, budget));
      w.replicasNotSimulated = w.replicas - simulated;
      w.replicas = simulated;
    }
    const drafts = guarded(workloadPods, w, settings, nodes, names);
    if (!drafts) continue;
    if (!builtin) budget -= drafts.length;
    for (const d of drafts) {
      const pod = finishPod(d, simulate(d, d.spreadIndex));
      d.owner?.pods.push(pod);
      out.push(pod);
    }
  }
  inputDrafts.sort(compareNsName);
  let bare = 0;
  for (const d of inputDrafts) {
    let place: Placement;
    if (d.observed) {
      const o = d.observed;
      const nodeName = str(d.spec.nodeName) || nodeOfAddress(o.hostIP, nodes) || nodeOfAddress(o.ip, nodes) || '';
      place = { nodeName, nodeIP: nodeByName.get(nodeName)?.ip ?? o.hostIP ?? '', ip: o.ip, phase: o.phase, ready: o.ready };
    } else {
      place = simulate(d, bare++);
    }
    const pod = finishPod(d, place);
    out.push(pod);
  }
  out.sort(compareNsName);
  for (const pod of out) {
    if (pod.owner && observedWorkloads.has(pod.owner)) pod.owner.pods.push(pod);
  }
  // Exact-size lists: one grown by push keeps room for 17 pods, and workloads live as long as the model.
  for (const w of workloads) w.pods = w.pods.slice();
  return out;
}

/** The node that owns an address: its InternalIP (hostNetwork pods, status.hostIP) or its pod range. */
function nodeOfAddress(ip: string | undefined, nodes: SimNode[]): string | undefined {
  if (!ip) return undefined;
  const parsed = parseIP(ip);
  if (!parsed) return undefined;
  for (const n of nodes) if (n.ip === ip) return n.name;
  for (const n of nodes) if (cidrContains(n.podCIDR, parsed) && n.podCIDR.prefix > 0) return n.name;
  return undefined;
}

function inputPodDraft(o: ManifestObject): PodDraft {
  const spec = specOf(at(o.raw, 'spec'));
  const labels: Record<string, string> = {};
  const rawLabels = at(o.raw, 'metadata', 'labels');
  if (rawLabels && typeof rawLabels === 'object' && !Array.isArray(rawLabels)) {
    for (const [k, v] of Object.entries(rawLabels)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') labels[k] = String(v);
  }
  const deletion = at(o.raw, 'metadata', 'deletionTimestamp');
  const draft: PodDraft = {
    namespace: o.namespace,
    name: o.name,
    uid: str(at(o.raw, 'metadata', 'uid')) || stableUid(nsName(o.namespace, o.name)),
    labels,
    spec,
    obj: o,
    raw: o.raw,
    spreadIndex: 0,
    terminating: deletion !== undefined && deletion !== null && deletion !== '',
  };
  const hostname = str(spec.hostname);
  if (hostname) draft.hostname = hostname;
  const subdomain = str(spec.subdomain);
  if (subdomain) draft.subdomain = subdomain;
  const observed = observedStatus(o.raw);
  if (observed) draft.observed = observed;
  return draft;
}
