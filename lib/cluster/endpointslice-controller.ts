/**
 * The EndpointSlice controller as a pure function: Service (+ its selected pods, + nodes) →
 * discovery.k8s.io/v1 EndpointSlices. Follows upstream kubernetes/endpointslice (reconciler.go,
 * utils.go). Also the slice rendering shared with EndpointSlice mirroring.
 */
import { at, byString, str, type JsonObject } from '../k8s/json';
import type { IPFamily } from '../k8s/ip';
import { nameSuffix } from './hash';
import { ServicePortResolver } from './find-port';
import { endpointPortApi, endpointsLabels, podTargetRef, serviceIPFamilies, shouldPodBeInEndpoints, shouldSetHostname, sortedRecord } from './endpoints-controller';
import { EndpointSliceObject } from './api-objects';
import type { SimEndpointPort, SimEndpointSlice, SimNode, SimService, SimSliceEndpoint } from './model';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const SLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
/** kube-controller-manager's default --max-endpoints-per-slice. */
export const MAX_ENDPOINTS_PER_SLICE = 100;
export const ZONE_LABEL = 'topology.kubernetes.io/zone';
/** generateName keeps at most 63 - 5 characters of the prefix (names.SimpleNameGenerator). */
const MAX_GENERATED_PREFIX = 58;

export type SliceAddressType = Exclude<SimEndpointSlice['addressType'], 'FQDN'>;

/**
 * getAddressTypesForService: one slice family per entry of spec.ipFamilies; without ipFamilies,
 * the cluster IP's family; a headless Service without either gets both.
 */
export function sliceAddressTypes(service: SimService): SliceAddressType[] {
  const families = serviceIPFamilies(service);
  if (families.length > 0) return families;
  if (service.clusterIP && service.clusterIP !== 'None') return [familyOf(service.clusterIP)];
  return ['IPv4', 'IPv6'];
}

function familyOf(ip: string): IPFamily {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

/** getEndpointSlicePrefix: `<name>-`, cut to the length generateName keeps. */
export function sliceNamePrefix(name: string): string {
  return `${name}-`.slice(0, MAX_GENERATED_PREFIX);
}

/** Ports' identity in one string, for grouping pods that resolve the Service ports alike. */
export function portListKey(ports: SimEndpointPort[]): string {
  return ports.map((p) => `${p.name}/${p.port}/${p.protocol}/${p.appProtocol ?? ''}`).join(',');
}

/** The port list of a headless Service without ports (shared by its slices; frozen, as nothing may change it). */
const NO_PORTS = Object.freeze([]) as unknown as SimEndpointPort[];

/** Nodes by name, once per node list (buildCluster passes the same list for every Service). */
const nodeIndexes = new WeakMap<SimNode[], Map<string, SimNode>>();

function nodeOf(nodes: SimNode[], name: string): SimNode | undefined {
  let index = nodeIndexes.get(nodes);
  if (!index) nodeIndexes.set(nodes, (index = new Map(nodes.map((n) => [n.name, n] as const))));
  return index.get(name);
}

/** One slice's worth of content before naming and rendering. */
export interface SliceGroup {
  addressType: SliceAddressType;
  ports: SimEndpointPort[];
  endpoints: SimSliceEndpoint[];
}

/** How an owner's slices are named and split. */
export interface SliceNaming {
  namespace: string;
  /** The Service (or Endpoints) name the slices belong to. */
  name: string;
  /** The slices' `kubernetes.io/service-name` label (the model's `serviceName`). */
  serviceName: string;
  origin: SimEndpointSlice['origin'];
  /** Distinguishes the name seeds of different controllers. */
  seedTag: string;
  /** Most endpoints per slice. */
  max: number;
}

/** What only the rendered API objects of an owner's slices carry. */
export interface SliceMetadata {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReference?: JsonObject;
  /** Mirrored slices carry only the `ready` condition (mirroring copies no more). */
  readyConditionOnly?: boolean;
  /** targetRef of endpoints without a pod (mirrored manual addresses). */
  targetRefOf?: (ep: SimSliceEndpoint) => JsonObject | undefined;
}

/**
 * Where the metadata comes from when a slice is first rendered. The controller derives it from the
 * Service then (labels, owner reference), so that the model keeps none of it for the many slices
 * that are never printed; mirroring hands over what it computed.
 */
export interface SliceMetadataSource {
  metadata(): SliceMetadata;
}

/** An endpoint as the API returns it: fields in the order of the Go struct, unset ones omitted. */
function sliceEndpointApi(ep: SimSliceEndpoint, opts: SliceMetadata): JsonObject {
  const conditions: JsonObject = opts.readyConditionOnly ? { ready: ep.ready } : { ready: ep.ready, serving: ep.serving, terminating: ep.terminating };
  const out: JsonObject = { addresses: [...ep.addresses], conditions };
  if (ep.hostname) out.hostname = ep.hostname;
  const ref = ep.pod ? podTargetRef(ep.pod) : opts.targetRefOf?.(ep);
  if (ref) out.targetRef = ref;
  if (ep.nodeName) out.nodeName = ep.nodeName;
  if (ep.zone) out.zone = ep.zone;
  return out;
}

function slicePortApi(p: SimEndpointPort): JsonObject {
  const v1 = endpointPortApi(p);
  // discovery/v1 defaults a missing name to "" and keeps it.
  const out: JsonObject = { name: p.name, port: v1.port, protocol: v1.protocol };
  if (v1.appProtocol !== undefined) out.appProtocol = v1.appProtocol;
  return out;
}

/**
 * Splits each group into slices of at most `naming.max` endpoints; their API objects are rendered
 * when first asked for, with the metadata `source` gives then. Names are `<prefix><5 chars>`: upstream
 * draws the suffix at random (generateName); here it is a hash of the owner, address type, port
 * list and chunk index, so the same input always gives the same names. Returned sorted by name.
 */
export function renderSlices(groups: SliceGroup[], naming: SliceNaming, source: SliceMetadataSource): SimEndpointSlice[] {
  const prefix = sliceNamePrefix(naming.name);
  const used = new Set<string>();
  const out: SimEndpointSlice[] = [];
  // One renderer for all slices of this owner, holding only what rendering needs (not this scope).
  const renderer = new SliceApi(naming.namespace, prefix, source);
  for (const group of groups) {
    const chunks: SimSliceEndpoint[][] = [];
    for (let i = 0; i < group.endpoints.length; i += naming.max) chunks.push(group.endpoints.slice(i, i + naming.max));
    if (chunks.length === 0) chunks.push([]);
    chunks.forEach((endpoints, index) => {
      const seed = `${naming.seedTag}|${naming.namespace}/${naming.name}|${group.addressType}|${portListKey(group.ports)}|${index}`;
      let name = prefix + nameSuffix(seed);
      // Two chunks of one owner must not share a name; a clash is re-drawn, as the API server would.
      for (let attempt = 1; used.has(name); attempt++) name = prefix + nameSuffix(`${seed}|${attempt}`);
      used.add(name);
      out.push(new EndpointSliceObject({ namespace: naming.namespace, name, serviceName: naming.serviceName, addressType: group.addressType, origin: naming.origin, ports: group.ports, endpoints }, renderer));
    });
  }
  return out.length > 1 ? out.sort((a, b) => byString(a.name, b.name)) : out;
}

/** Renders the EndpointSlices of one owner, each when first asked for. */
class SliceApi {
  constructor(
    private readonly namespace: string,
    private readonly prefix: string,
    private readonly source: SliceMetadataSource,
  ) {}

  render(slice: SimEndpointSlice): JsonObject {
    const m = this.source.metadata();
    const metadata: JsonObject = { name: slice.name, generateName: this.prefix, namespace: this.namespace, labels: sortedRecord(m.labels) };
    if (m.annotations && Object.keys(m.annotations).length > 0) metadata.annotations = sortedRecord(m.annotations);
    if (m.ownerReference) metadata.ownerReferences = [m.ownerReference];
    // Empty lists come back from the API server as null (the stored protobuf has no empty list).
    return {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata,
      addressType: slice.addressType,
      endpoints: slice.endpoints.length > 0 ? slice.endpoints.map((ep) => sliceEndpointApi(ep, m)) : null,
      ports: slice.ports.length > 0 ? slice.ports.map(slicePortApi) : null,
    };
  }
}

/**
 * The slices the EndpointSlice controller keeps for `service` (none for ExternalName and
 * selector-less Services). Unlike the Endpoints object, terminating pods are included, with
 * serving = Ready, terminating = true, ready = publishNotReadyAddresses || (serving && !terminating).
 * Pods are grouped by the port list they resolve (a pod whose named targetPort resolves to
 * another number, or to nothing, lands in another slice; one resolving no port at all lands in a
 * slice without ports, as upstream). Pods on a node that does not exist are left out unless
 * publishNotReadyAddresses. An address type without any endpoint gets one placeholder slice
 * (no ports, no endpoints), as upstream keeps. Endpoints keep `selectedPods` order.
 */
export function computeEndpointSlices(service: SimService, nodes: SimNode[], resolver: ServicePortResolver = new ServicePortResolver(service)): SimEndpointSlice[] {
  if (service.type === 'ExternalName') return [];
  if (service.selector === undefined) return [];

  const groups: SliceGroup[] = [];
  const portless = service.ports.length === 0 && service.headless;
  for (const addressType of sliceAddressTypes(service)) {
    const byPorts = new GroupsByPorts(addressType);
    for (const pod of service.selectedPods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      if (familyOf(pod.ip) !== addressType) continue;
      const node = nodeOf(nodes, pod.nodeName);
      if (!node && !service.publishNotReadyAddresses) continue;
      const ports = portless ? NO_PORTS : resolver.portsFor(pod);
      const group = byPorts.groupFor(ports);
      const serving = pod.ready;
      const terminating = pod.terminating;
      const ready = service.publishNotReadyAddresses || (serving && !terminating);
      const hostname = shouldSetHostname(pod, service) ? pod.hostname : undefined;
      // Complete literals, in the field order the model has always had (no property added later,
      // which would give each of these long-lived objects an out-of-object property store).
      const ep: SimSliceEndpoint = pod.nodeName
        ? hostname
          ? { addresses: [pod.ip], ready, serving, terminating, pod, hostname, nodeName: pod.nodeName }
          : { addresses: [pod.ip], ready, serving, terminating, pod, nodeName: pod.nodeName }
        : hostname
          ? { addresses: [pod.ip], ready, serving, terminating, pod, hostname }
          : { addresses: [pod.ip], ready, serving, terminating, pod };
      const zone = node?.labels[ZONE_LABEL];
      if (zone) ep.zone = zone;
      group.endpoints.push(ep);
    }
    const found = byPorts.groups();
    if (found.length === 0) found.push({ addressType, ports: [], endpoints: [] });
    groups.push(...found);
  }

  return renderSlices(
    groups,
    { namespace: service.namespace, name: service.name, serviceName: service.name, origin: 'controller', seedTag: 'endpointslice', max: MAX_ENDPOINTS_PER_SLICE },
    new ControllerSliceMetadata(service),
  );
}

/**
 * Pods grouped by the port list they resolve, groups ordered by the list's text. Pods resolving the
 * same list usually share one array (ServicePortResolver), so a group is found by that array first,
 * and the maps (and the list's text) are made only once a second list turns up.
 */
class GroupsByPorts {
  private firstList: SimEndpointPort[] | undefined;
  private firstGroup: SliceGroup | undefined;
  private byList: Map<SimEndpointPort[], SliceGroup> | undefined;
  private byKey: Map<string, SliceGroup> | undefined;

  constructor(private readonly addressType: SliceAddressType) {}

  groupFor(ports: SimEndpointPort[]): SliceGroup {
    if (ports === this.firstList) return this.firstGroup!;
    if (!this.firstGroup) {
      this.firstList = ports;
      return (this.firstGroup = { addressType: this.addressType, ports, endpoints: [] });
    }
    if (!this.byList || !this.byKey) {
      this.byList = new Map([[this.firstList!, this.firstGroup]]);
      this.byKey = new Map([[portListKey(this.firstList!), this.firstGroup]]);
    }
    let group = this.byList.get(ports);
    if (!group) {
      const key = portListKey(ports);
      group = this.byKey.get(key);
      if (!group) {
        group = { addressType: this.addressType, ports, endpoints: [] };
        this.byKey.set(key, group);
      }
      this.byList.set(ports, group);
    }
    return group;
  }

  groups(): SliceGroup[] {
    if (!this.firstGroup) return [];
    if (!this.byKey || this.byKey.size === 1) return [this.firstGroup];
    return [...this.byKey.entries()].sort(([a], [b]) => byString(a, b)).map(([, g]) => g);
  }
}

/** The labels and owner reference the EndpointSlice controller writes, derived from the Service when rendered. */
class ControllerSliceMetadata implements SliceMetadataSource {
  constructor(private readonly service: SimService) {}

  metadata(): SliceMetadata {
    const service = this.service;
    const labels = endpointsLabels(service);
    labels[SERVICE_NAME_LABEL] = service.name;
    labels[MANAGED_BY_LABEL] = SLICE_CONTROLLER_NAME;
    return { labels, ownerReference: ownerReferenceTo('v1', 'Service', service.name, service.apiUid !== undefined ? { metadata: { uid: service.apiUid } } : service.apiObject()) };
  }
}

/** metav1.NewControllerRef; `undefined` when the owner has no UID to point at. */
export function ownerReferenceTo(apiVersion: string, kind: string, name: string, ownerApi: unknown): JsonObject | undefined {
  const uid = str(at(ownerApi, 'metadata', 'uid'));
  if (!uid) return undefined;
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}
