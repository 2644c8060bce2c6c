/**
 * The EndpointSlice controller as a pure function: Service (+ its selected pods, + nodes) →
 * discovery.k8s.io/v1 EndpointSlices. Follows upstream kubernetes/endpointslice (reconciler.go,
 * utils.go); reference §2.4. Also the slice rendering shared with EndpointSlice mirroring.
 */
import { at, byString, str, type JsonObject } from '../k8s/json';
import type { IPFamily } from '../k8s/ip';
import { nameSuffix } from './hash';
import { findPort } from './find-port';
import { endpointPortApi, endpointsLabels, podTargetRef, serviceIPFamilies, shouldPodBeInEndpoints, shouldSetHostname, sortedRecord } from './endpoints-controller';
import { defineLazyApi } from './lazy-api';
import type { SimEndpointPort, SimEndpointSlice, SimNode, SimPod, SimService, SimSliceEndpoint } from './model';

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

/** One slice's worth of content before naming and rendering. */
export interface SliceGroup {
  addressType: SliceAddressType;
  ports: SimEndpointPort[];
  endpoints: SimSliceEndpoint[];
}

export interface RenderSlicesOptions {
  namespace: string;
  /** The Service (or Endpoints) name the slices belong to. */
  name: string;
  origin: SimEndpointSlice['origin'];
  /** Distinguishes the name seeds of different controllers. */
  seedTag: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReference?: JsonObject;
  /** Most endpoints per slice. */
  max: number;
  /** Mirrored slices carry only the `ready` condition (mirroring copies no more). */
  readyConditionOnly?: boolean;
  /** targetRef of endpoints without a pod (mirrored manual addresses). */
  targetRefOf?: (ep: SimSliceEndpoint) => JsonObject | undefined;
}

/** An endpoint as the API returns it: fields in the order of the Go struct, unset ones omitted. */
function sliceEndpointApi(ep: SimSliceEndpoint, opts: RenderSlicesOptions): JsonObject {
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
 * Splits each group into slices of at most `opts.max` endpoints and renders them. Names are
 * `<prefix><5 chars>`: upstream draws the suffix at random (generateName); here it is a hash of
 * the owner, address type, port list and chunk index, so the same input always gives the same
 * names. Returned sorted by name.
 */
export function renderSlices(groups: SliceGroup[], opts: RenderSlicesOptions): SimEndpointSlice[] {
  const prefix = sliceNamePrefix(opts.name);
  const used = new Set<string>();
  const out: SimEndpointSlice[] = [];
  for (const group of groups) {
    const chunks: SimSliceEndpoint[][] = [];
    for (let i = 0; i < group.endpoints.length; i += opts.max) chunks.push(group.endpoints.slice(i, i + opts.max));
    if (chunks.length === 0) chunks.push([]);
    chunks.forEach((endpoints, index) => {
      const seed = `${opts.seedTag}|${opts.namespace}/${opts.name}|${group.addressType}|${portListKey(group.ports)}|${index}`;
      let name = prefix + nameSuffix(seed);
      // Two chunks of one owner must not share a name; a clash is re-drawn, as the API server would.
      for (let attempt = 1; used.has(name); attempt++) name = prefix + nameSuffix(`${seed}|${attempt}`);
      used.add(name);

      const render = (): JsonObject => {
        const metadata: JsonObject = { name, generateName: prefix, namespace: opts.namespace, labels: sortedRecord(opts.labels) };
        if (opts.annotations && Object.keys(opts.annotations).length > 0) metadata.annotations = sortedRecord(opts.annotations);
        if (opts.ownerReference) metadata.ownerReferences = [opts.ownerReference];
        // Empty lists come back from the API server as null (the stored protobuf has no empty list).
        return {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata,
          addressType: group.addressType,
          endpoints: endpoints.length > 0 ? endpoints.map((ep) => sliceEndpointApi(ep, opts)) : null,
          ports: group.ports.length > 0 ? group.ports.map(slicePortApi) : null,
        };
      };
      const slice: Omit<SimEndpointSlice, 'api'> = {
        namespace: opts.namespace,
        name,
        serviceName: opts.labels[SERVICE_NAME_LABEL],
        addressType: group.addressType,
        origin: opts.origin,
        ports: group.ports,
        endpoints,
      };
      out.push(defineLazyApi(slice, render));
    });
  }
  return out.sort((a, b) => byString(a.name, b.name));
}

/** getEndpointPorts: the Service ports this pod resolves, in Service order (unresolved ones left out). */
function resolvedPorts(service: SimService, pod: SimPod): SimEndpointPort[] {
  const ports: SimEndpointPort[] = [];
  for (const sp of service.ports) {
    const number = findPort(pod, sp);
    if (number === undefined) continue;
    const port: SimEndpointPort = { name: sp.name, port: number, protocol: sp.protocol };
    if (sp.appProtocol !== undefined) port.appProtocol = sp.appProtocol;
    ports.push(port);
  }
  return ports;
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
export function computeEndpointSlices(service: SimService, nodes: SimNode[]): SimEndpointSlice[] {
  if (service.type === 'ExternalName') return [];
  if (service.selector === undefined) return [];

  const nodeByName = new Map(nodes.map((n) => [n.name, n] as const));
  const groups: SliceGroup[] = [];
  for (const addressType of sliceAddressTypes(service)) {
    const byPorts = new Map<string, SliceGroup>();
    for (const pod of service.selectedPods) {
      if (!shouldPodBeInEndpoints(pod, true)) continue;
      if (familyOf(pod.ip) !== addressType) continue;
      const node = nodeByName.get(pod.nodeName);
      if (!node && !service.publishNotReadyAddresses) continue;
      const ports = service.ports.length === 0 && service.headless ? [] : resolvedPorts(service, pod);
      const key = portListKey(ports);
      let group = byPorts.get(key);
      if (!group) {
        group = { addressType, ports, endpoints: [] };
        byPorts.set(key, group);
      }
      const serving = pod.ready;
      const terminating = pod.terminating;
      const ep: SimSliceEndpoint = {
        addresses: [pod.ip],
        ready: service.publishNotReadyAddresses || (serving && !terminating),
        serving,
        terminating,
        pod,
      };
      if (shouldSetHostname(pod, service)) ep.hostname = pod.hostname;
      if (pod.nodeName) ep.nodeName = pod.nodeName;
      const zone = node?.labels[ZONE_LABEL];
      if (zone) ep.zone = zone;
      group.endpoints.push(ep);
    }
    const found = [...byPorts.entries()].sort(([a], [b]) => byString(a, b)).map(([, g]) => g);
    if (found.length === 0) found.push({ addressType, ports: [], endpoints: [] });
    groups.push(...found);
  }

  const labels = endpointsLabels(service);
  labels[SERVICE_NAME_LABEL] = service.name;
  labels[MANAGED_BY_LABEL] = SLICE_CONTROLLER_NAME;
  return renderSlices(groups, {
    namespace: service.namespace,
    name: service.name,
    origin: 'controller',
    seedTag: 'endpointslice',
    labels,
    ownerReference: ownerReferenceTo('v1', 'Service', service.name, service.apiUid !== undefined ? { metadata: { uid: service.apiUid } } : service.api),
    max: MAX_ENDPOINTS_PER_SLICE,
  });
}

/** metav1.NewControllerRef; `undefined` when the owner has no UID to point at. */
export function ownerReferenceTo(apiVersion: string, kind: string, name: string, ownerApi: unknown): JsonObject | undefined {
  const uid = str(at(ownerApi, 'metadata', 'uid'));
  if (!uid) return undefined;
  return { apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true };
}
