/**
 * Endpoints and EndpointSlices written by users (selector-less Services, seed 001's
 * external-service), and EndpointSliceMirroring, which copies such Endpoints into slices
 * (upstream pkg/controller/endpointslicemirroring).
 *
 * Input is anyone's YAML: malformed entries are dropped here (the API validation rule reports them), never
 * thrown on. What is dropped: addresses without a string `ip`, ports whose number is not an
 * integer in 1..65535 or whose protocol is not TCP/UDP/SCTP (a missing protocol defaults to TCP,
 * as the API server defaults it), slice endpoints without any string address.
 */
import { arr, at, bool, int, isObject, obj, str, strMap, type Json, type JsonObject } from '../k8s/json';
import { parseIP } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import { EndpointSliceObject, EndpointsObject, Rendered } from './api-objects';
import { MANAGED_BY_LABEL, ownerReferenceTo, renderSlices, SERVICE_NAME_LABEL, type SliceAddressType, type SliceGroup, type SliceMetadata, portListKey } from './endpointslice-controller';
import { sortedRecord, subsetsApi } from './endpoints-controller';
import type { Protocol, SimEndpointAddress, SimEndpointPort, SimEndpoints, SimEndpointSlice, SimEndpointSubset, SimService, SimSliceEndpoint } from './model';

export const MIRROR_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
export const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';
/** resourcelock.LeaderElectionRecordAnnotationKey: Endpoints used as a leader-election lock are not mirrored. */
export const LEADER_ELECTION_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
/** --mirroring-max-endpoints-per-subset default: addresses mirrored per subset, and per slice. */
export const MIRRORING_MAX_ENDPOINTS_PER_SUBSET = 1000;
const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
const LAST_APPLIED_CONFIG = 'kubectl.kubernetes.io/last-applied-configuration';

function protocolOf(value: unknown): Protocol | undefined {
  if (value === undefined || value === null) return 'TCP';
  return value === 'TCP' || value === 'UDP' || value === 'SCTP' ? value : undefined;
}

function portOf(value: unknown, nameDefault: string): SimEndpointPort | undefined {
  const p = obj(value);
  if (!p) return undefined;
  const number = int(p.port);
  if (number === undefined || number < 1 || number > 65535) return undefined;
  const protocol = protocolOf(p.protocol);
  if (!protocol) return undefined;
  const port: SimEndpointPort = { name: str(p.name) ?? nameDefault, port: number, protocol };
  const appProtocol = str(p.appProtocol);
  if (appProtocol !== undefined) port.appProtocol = appProtocol;
  return port;
}

/** Copies the identifying metadata of the input and keeps labels/annotations that are strings. */
function metadataOf(o: ManifestObject): JsonObject {
  const metadata: JsonObject = { name: o.name, namespace: o.namespace };
  const labels = strMap(at(o.raw, 'metadata', 'labels'));
  if (labels && Object.keys(labels).length > 0) metadata.labels = sortedRecord(labels);
  const annotations = strMap(at(o.raw, 'metadata', 'annotations'));
  if (annotations && Object.keys(annotations).length > 0) metadata.annotations = sortedRecord(annotations);
  const uid = str(at(o.raw, 'metadata', 'uid'));
  if (uid) metadata.uid = uid;
  return metadata;
}

/** A targetRef as written (kept only when it is an object). */
function targetRefOf(value: unknown): JsonObject | undefined {
  const ref = obj(value);
  return ref ? (JSON.parse(JSON.stringify(ref)) as JsonObject) : undefined;
}

/**
 * A user's v1 Endpoints: subsets as given (not repacked; the API server stores them as written),
 * with the defaults and drops described at the top of this file.
 */
export function manualEndpoints(o: ManifestObject): SimEndpoints {
  return readEndpoints(o, o);
}

/** Endpoints the API server writes itself (`default/kubernetes`): read like a user's, from no input object. */
export function builtinEndpoints(o: ManifestObject): SimEndpoints {
  return readEndpoints(o, undefined);
}

function readEndpoints(o: ManifestObject, declared: ManifestObject | undefined): SimEndpoints {
  const subsets: SimEndpointSubset[] = [];
  const refs = new Map<SimEndpointAddress, JsonObject>();
  for (const rawSubset of arr(o.raw.subsets)) {
    if (!isObject(rawSubset)) continue;
    const addressesOf = (list: Json | undefined): SimEndpointAddress[] => {
      const out: SimEndpointAddress[] = [];
      for (const rawAddress of arr(list)) {
        const ip = str(at(rawAddress, 'ip'));
        if (!ip) continue;
        const address: SimEndpointAddress = { ip };
        const nodeName = str(at(rawAddress, 'nodeName'));
        if (nodeName) address.nodeName = nodeName;
        const hostname = str(at(rawAddress, 'hostname'));
        if (hostname) address.hostname = hostname;
        const ref = targetRefOf(at(rawAddress, 'targetRef'));
        if (ref) refs.set(address, ref);
        out.push(address);
      }
      return out;
    };
    const ports: SimEndpointPort[] = [];
    for (const rawPort of arr(rawSubset.ports)) {
      const port = portOf(rawPort, '');
      if (port) ports.push(port);
    }
    subsets.push({ addresses: addressesOf(rawSubset.addresses), notReadyAddresses: addressesOf(rawSubset.notReadyAddresses), ports });
  }
  const api: JsonObject = { apiVersion: 'v1', kind: 'Endpoints', metadata: metadataOf(o) };
  const rendered = subsetsApi(subsets, (a) => refs.get(a));
  if (rendered.length > 0) api.subsets = rendered;
  return new EndpointsObject({ namespace: o.namespace, name: o.name, origin: 'manual', obj: declared, subsets }, new Rendered(api));
}

function addressTypeOf(value: unknown): SimEndpointSlice['addressType'] {
  // addressType is required; validation reports a bad one. IPv4 is what a cluster would most
  // likely have meant, and keeps the rest of the slice usable.
  return value === 'IPv6' || value === 'FQDN' ? value : 'IPv4';
}

/**
 * A user's discovery.k8s.io/v1 EndpointSlice. Conditions default as consumers (kube-proxy) read
 * them: a missing `ready` or `serving` is true, a missing `terminating` false. Ports without a number
 * ("all ports") cannot be routed offline and are dropped.
 */
export function manualEndpointSlice(o: ManifestObject): SimEndpointSlice {
  return readEndpointSlice(o, o);
}

/** An EndpointSlice the API server writes itself (`default/kubernetes`): read like a user's, from no input object. */
export function builtinEndpointSlice(o: ManifestObject): SimEndpointSlice {
  return readEndpointSlice(o, undefined);
}

function readEndpointSlice(o: ManifestObject, declared: ManifestObject | undefined): SimEndpointSlice {
  const addressType = addressTypeOf(o.raw.addressType);
  const ports: SimEndpointPort[] = [];
  for (const rawPort of arr(o.raw.ports)) {
    const port = portOf(rawPort, '');
    if (port) ports.push(port);
  }
  const endpoints: SimSliceEndpoint[] = [];
  for (const rawEp of arr(o.raw.endpoints)) {
    const addresses = arr(at(rawEp, 'addresses')).filter((a): a is string => typeof a === 'string' && a !== '');
    if (addresses.length === 0) continue;
    const ready = bool(at(rawEp, 'conditions', 'ready')) ?? true;
    const ep: SimSliceEndpoint = {
      addresses,
      ready,
      serving: bool(at(rawEp, 'conditions', 'serving')) ?? true,
      terminating: bool(at(rawEp, 'conditions', 'terminating')) ?? false,
    };
    const nodeName = str(at(rawEp, 'nodeName'));
    if (nodeName) ep.nodeName = nodeName;
    const zone = str(at(rawEp, 'zone'));
    if (zone) ep.zone = zone;
    const hostname = str(at(rawEp, 'hostname'));
    if (hostname) ep.hostname = hostname;
    endpoints.push(ep);
  }
  const metadata = metadataOf(o);
  const api: JsonObject = JSON.parse(JSON.stringify(o.raw)) as JsonObject;
  api.metadata = { ...(obj(api.metadata) ?? {}), ...metadata };
  // discovery/v1 defaulting: port name "" and protocol TCP.
  if (Array.isArray(api.ports)) {
    api.ports = api.ports.map((p) => {
      if (!isObject(p)) return p;
      const q: JsonObject = { ...p };
      if (q.name === undefined) q.name = '';
      if (q.protocol === undefined) q.protocol = 'TCP';
      return q;
    });
  }
  const serviceName = str(at(o.raw, 'metadata', 'labels', SERVICE_NAME_LABEL));
  return new EndpointSliceObject({ namespace: o.namespace, name: o.name, serviceName, addressType, origin: 'manual', obj: declared, ports, endpoints }, new Rendered(api));
}

/** The Endpoints' labels or annotations as the API holds them. */
function metaMap(ep: SimEndpoints, field: 'labels' | 'annotations'): Record<string, string> {
  return strMap(at(ep.apiObject(), 'metadata', field)) ?? strMap(at(ep.obj?.raw, 'metadata', field)) ?? {};
}

/** getAddressType: anything that is not an IP is not mirrored. */
function familyOfAddress(ip: string): SliceAddressType | undefined {
  return parseIP(ip)?.family;
}

/** The targetRef written for the address at (subset, list, index), if the API form has one for that IP. */
function apiTargetRef(ep: SimEndpoints, subset: number, list: 'addresses' | 'notReadyAddresses', index: number, ip: string): JsonObject | undefined {
  const rawAddress = at(ep.apiObject(), 'subsets', subset, list, index);
  if (str(at(rawAddress, 'ip')) !== ip) return undefined;
  return targetRefOf(at(rawAddress, 'targetRef'));
}

/**
 * EndpointSliceMirroring: the slices mirrored from user-managed Endpoints of a selector-less
 * Service. None when the Service has a selector (the EndpointSlice controller owns its slices),
 * when the Endpoints carry `endpointslice.kubernetes.io/skip-mirror: "true"` or a leader-election
 * annotation. Subsets with the same ports share slices; each subset mirrors at most 1000
 * addresses (ready first); addresses are split by IP family; duplicates (same IP and hostname
 * within one port list) are mirrored once. Mirrored endpoints carry only the `ready` condition.
 */
export function mirrorEndpoints(ep: SimEndpoints, service: SimService): SimEndpointSlice[] {
  if (service.selector !== undefined) return [];
  const labels = metaMap(ep, 'labels');
  const annotations = metaMap(ep, 'annotations');
  if (labels[SKIP_MIRROR_LABEL] === 'true') return [];
  if (Object.prototype.hasOwnProperty.call(annotations, LEADER_ELECTION_ANNOTATION)) return [];

  const refs = new Map<SimSliceEndpoint, JsonObject>();
  const groups = new Map<string, SliceGroup & { seen: Set<string> }>();
  ep.subsets.forEach((subset, s) => {
    let added = 0;
    const add = (list: 'addresses' | 'notReadyAddresses', ready: boolean): void => {
      subset[list].forEach((address, i) => {
        if (added >= MIRRORING_MAX_ENDPOINTS_PER_SUBSET) return;
        const addressType = familyOfAddress(address.ip);
        if (!addressType) return;
        const key = `${addressType}|${portListKey(subset.ports)}`;
        let group = groups.get(key);
        if (!group) {
          group = { addressType, ports: subset.ports, endpoints: [], seen: new Set() };
          groups.set(key, group);
        }
        added++;
        const identity = `${address.ip}\u0000${address.hostname ?? ''}`;
        if (group.seen.has(identity)) return;
        group.seen.add(identity);
        // Only `ready` is written; serving/terminating are what consumers read for unset ones.
        const sliceEp: SimSliceEndpoint = { addresses: [address.ip], ready, serving: true, terminating: false };
        if (address.nodeName) sliceEp.nodeName = address.nodeName;
        if (address.hostname) sliceEp.hostname = address.hostname;
        if (address.pod) sliceEp.pod = address.pod;
        const ref = apiTargetRef(ep, s, list, i, address.ip);
        if (ref) refs.set(sliceEp, ref);
        group.endpoints.push(sliceEp);
      });
    };
    add('addresses', true);
    add('notReadyAddresses', false);
  });

  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => ({ addressType: g.addressType, ports: g.ports, endpoints: g.endpoints }));
  if (ordered.length === 0) return [];

  const sliceLabels: Record<string, string> = { ...labels, [SERVICE_NAME_LABEL]: ep.name, [MANAGED_BY_LABEL]: MIRROR_CONTROLLER_NAME };
  const sliceAnnotations: Record<string, string> = { ...annotations };
  delete sliceAnnotations[LAST_CHANGE_TRIGGER_TIME];
  delete sliceAnnotations[LAST_APPLIED_CONFIG];
  const metadata: SliceMetadata = {
    labels: sliceLabels,
    annotations: sliceAnnotations,
    ownerReference: ownerReferenceTo('v1', 'Endpoints', ep.name, ep.apiObject()),
    readyConditionOnly: true,
    targetRefOf: (e) => refs.get(e),
  };
  return renderSlices(
    ordered,
    { namespace: ep.namespace, name: ep.name, serviceName: ep.name, origin: 'mirror', seedTag: 'endpointslicemirroring', max: MIRRORING_MAX_ENDPOINTS_PER_SUBSET },
    { metadata: () => metadata },
  );
}
