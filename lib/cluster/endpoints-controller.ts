/**
 * The endpoints controller as a pure function: Service (+ its selected pods) → v1 Endpoints.
 * Follows upstream pkg/controller/endpoint/endpoints_controller.go (syncService) and
 * pkg/api/v1/endpoints/util.go (RepackSubsets).
 */
import { arr, at, byString, str, type JsonObject } from '../k8s/json';
import type { IPFamily } from '../k8s/ip';
import { ServicePortResolver } from './find-port';
import { EndpointsObject } from './api-objects';
import type { SimEndpointAddress, SimEndpointPort, SimEndpoints, SimEndpointSubset, SimPod, SimService } from './model';

/** Label the controllers put on the Endpoints and EndpointSlices of headless Services. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
/** Annotation set when the controller dropped addresses beyond MAX_ENDPOINTS_ADDRESSES. */
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
/** Upstream maxCapacity: an Endpoints object holds at most this many addresses (ready + not ready). */
export const MAX_ENDPOINTS_ADDRESSES = 1000;

/**
 * ShouldPodBeInEndpoints: terminal pods (Succeeded/Failed) and pods without an IP never are;
 * terminating pods only when `includeTerminating` (the endpoints controller passes
 * publishNotReadyAddresses, the EndpointSlice controller always true).
 */
export function shouldPodBeInEndpoints(pod: SimPod, includeTerminating: boolean): boolean {
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
  if (!pod.ip) return false;
  if (!includeTerminating && pod.terminating) return false;
  return true;
}

/** ShouldSetHostname: the pod's hostname is published only for the Service named by its subdomain. */
export function shouldSetHostname(pod: SimPod, service: SimService): boolean {
  return !!pod.hostname && pod.subdomain === service.name && pod.namespace === service.namespace;
}

function familyOfText(ip: string): IPFamily {
  return ip.includes(':') ? 'IPv6' : 'IPv4';
}

/** `spec.ipFamilies` as the API server holds it (only the two known values). */
export function serviceIPFamilies(service: SimService): IPFamily[] {
  if (service.apiIPFamilies) return [...service.apiIPFamilies];
  const out: IPFamily[] = [];
  for (const f of arr(at(service.apiObject(), 'spec', 'ipFamilies'))) {
    if ((f === 'IPv4' || f === 'IPv6') && !out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * The pod IP the Endpoints object publishes (podToEndpointAddressForService): the family is
 * ipFamilies[0]; without ipFamilies, the family of the cluster IP; for a headless Service without
 * either, the pod's own. `undefined` when the pod has no IP of that family (it is then skipped).
 */
export function endpointIPFor(service: SimService, pod: SimPod): string | undefined {
  if (!pod.ip) return undefined;
  // Read per pod: the model's list as is (no copy) when buildCluster stored it.
  const families = service.apiIPFamilies ?? serviceIPFamilies(service);
  let family: IPFamily;
  if (families.length > 0) family = families[0];
  else if (service.clusterIP && service.clusterIP !== 'None') family = familyOfText(service.clusterIP);
  else family = familyOfText(pod.ip);
  return familyOfText(pod.ip) === family ? pod.ip : undefined;
}

/** Whether the controllers label the Service's objects headless (upstream: no cluster IP set). */
export function isHeadlessForLabels(service: SimService): boolean {
  return service.headless || service.clusterIP === 'None';
}

/** Service labels, with the headless label added (headless) or removed (otherwise), as upstream does. */
export function endpointsLabels(service: SimService): Record<string, string> {
  const labels: Record<string, string> = { ...service.labels };
  if (isHeadlessForLabels(service)) labels[HEADLESS_LABEL] = '';
  else delete labels[HEADLESS_LABEL];
  return labels;
}

// ---------------------------------------------------------------------------------------------
// RepackSubsets

/** Order of ports within a subset (and of subsets): lower first. */
export type PortRank = (port: SimEndpointPort) => number;

function addressKey(a: SimEndpointAddress): string {
  return `${a.ip}\u0000${a.pod?.uid ?? ''}`;
}

function portKey(p: SimEndpointPort): string {
  return `${p.name}\u0000${p.port}\u0000${p.protocol}\u0000${p.appProtocol ?? ''}`;
}

/** LessEndpointAddress: IP text compared byte-wise (so 10.0.0.10 sorts before 10.0.0.2), then pod UID. */
export function compareEndpointAddresses(a: SimEndpointAddress, b: SimEndpointAddress): number {
  return byString(a.ip, b.ip) || byString(a.pod?.uid ?? '', b.pod?.uid ?? '');
}

function comparePortsWith(rank: PortRank): (a: SimEndpointPort, b: SimEndpointPort) => number {
  return (a, b) => rank(a) - rank(b) || byString(a.name, b.name) || a.port - b.port || byString(a.protocol, b.protocol) || byString(a.appProtocol ?? '', b.appProtocol ?? '');
}

function compareLists<T>(a: T[], b: T[], cmp: (x: T, y: T) => number): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * RepackSubsets: expands subsets to (address, port) pairs and packs them back canonically.
 * Addresses are de-duplicated by (IP, pod UID), keeping the first one seen; an address that is
 * both ready and not ready for a port is not ready; ports offered by exactly the same addresses
 * (with the same readiness) share one subset; subsets without ports are kept (upstream's
 * sentinel port, which lets headless Services without ports have endpoints); ports without any
 * address vanish. Addresses are sorted as upstream does (LessEndpointAddress). Upstream orders
 * ports and subsets by a hash, i.e. arbitrarily; here ports are ordered by `rank` (the Service's
 * port order when the controller calls this), then name, number, protocol; subsets by their port
 * lists, then their ready, then their not-ready addresses.
 */
export function repackSubsets(subsets: SimEndpointSubset[], rank: PortRank = () => 0): SimEndpointSubset[] {
  const NO_PORT = '\u0001none';
  const allAddrs = new Map<string, SimEndpointAddress>();
  const byPort = new Map<string, { port?: SimEndpointPort; ready: Map<string, boolean> }>();

  const note = (addr: SimEndpointAddress, key: string, port: SimEndpointPort | undefined, ready: boolean): void => {
    const ak = addressKey(addr);
    if (!allAddrs.has(ak)) allAddrs.set(ak, addr);
    let entry = byPort.get(key);
    if (!entry) {
      entry = { port, ready: new Map() };
      byPort.set(key, entry);
    }
    const was = entry.ready.get(ak);
    // Not ready wins: only an unseen or so-far-ready pair takes the new flag.
    if (was === undefined || was) entry.ready.set(ak, ready);
  };

  for (const subset of subsets) {
    const ports: (SimEndpointPort | undefined)[] = subset.ports.length === 0 ? [undefined] : subset.ports;
    for (const port of ports) {
      const key = port ? portKey(port) : NO_PORT;
      for (const a of subset.addresses) note(a, key, port, true);
      for (const a of subset.notReadyAddresses) note(a, key, port, false);
    }
  }

  // Group ports by the exact (address, readiness) set that offers them.
  const groups = new Map<string, { ready: Map<string, boolean>; ports: SimEndpointPort[] }>();
  for (const entry of byPort.values()) {
    const setKey = [...entry.ready.entries()]
      .map(([ak, r]) => `${ak}\u0000${r ? 1 : 0}`)
      .sort(byString)
      .join('\u0002');
    let group = groups.get(setKey);
    if (!group) {
      group = { ready: entry.ready, ports: [] };
      groups.set(setKey, group);
    }
    if (entry.port) group.ports.push(entry.port);
  }

  const cmpPort = comparePortsWith(rank);
  const out: SimEndpointSubset[] = [];
  for (const group of groups.values()) {
    const addresses: SimEndpointAddress[] = [];
    const notReadyAddresses: SimEndpointAddress[] = [];
    for (const [ak, ready] of group.ready) (ready ? addresses : notReadyAddresses).push(allAddrs.get(ak)!);
    addresses.sort(compareEndpointAddresses);
    notReadyAddresses.sort(compareEndpointAddresses);
    out.push({ addresses, notReadyAddresses, ports: [...group.ports].sort(cmpPort) });
  }
  out.sort(
    (a, b) =>
      compareLists(a.ports, b.ports, cmpPort) ||
      compareLists(a.addresses, b.addresses, compareEndpointAddresses) ||
      compareLists(a.notReadyAddresses, b.notReadyAddresses, compareEndpointAddresses),
  );
  return out;
}

/**
 * truncateEndpoints: beyond `max` addresses, keep every ready address and share what room is left
 * among the subsets' not-ready ones in proportion (rounded up, later subsets get the rest); when
 * ready addresses alone exceed `max`, share `max` among ready ones and drop all not-ready ones.
 */
export function truncateSubsets(subsets: SimEndpointSubset[], max = MAX_ENDPOINTS_ADDRESSES): { subsets: SimEndpointSubset[]; truncated: boolean } {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses.length;
    notReady += s.notReadyAddresses.length;
  }
  if (ready + notReady <= max) return { subsets, truncated: false };
  const truncateReady = ready > max;
  const room = truncateReady ? max : max - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = room;
  const out = subsets.map((s) => {
    const inSubset = truncateReady ? s.addresses.length : s.notReadyAddresses.length;
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * room), canBeAdded);
    if (truncateReady) {
      const addresses = s.addresses.slice(0, toBeAdded);
      canBeAdded -= addresses.length;
      return { addresses, notReadyAddresses: [], ports: s.ports };
    }
    const notReadyAddresses = s.notReadyAddresses.slice(0, toBeAdded);
    canBeAdded -= notReadyAddresses.length;
    return { addresses: s.addresses, notReadyAddresses, ports: s.ports };
  });
  return { subsets: out, truncated: true };
}

// ---------------------------------------------------------------------------------------------
// API rendering

/** `targetRef` of an address that came from a pod. */
export function podTargetRef(pod: SimPod): JsonObject {
  return { kind: 'Pod', namespace: pod.namespace, name: pod.name, uid: pod.uid };
}

function addressApi(a: SimEndpointAddress, targetRef?: JsonObject): JsonObject {
  const out: JsonObject = { ip: a.ip };
  if (a.hostname) out.hostname = a.hostname;
  if (a.nodeName) out.nodeName = a.nodeName;
  const ref = a.pod ? podTargetRef(a.pod) : targetRef;
  if (ref) out.targetRef = ref;
  return out;
}

/** An EndpointPort as the API returns it (`name` omitted when empty). */
export function endpointPortApi(p: SimEndpointPort): JsonObject {
  const out: JsonObject = {};
  if (p.name) out.name = p.name;
  out.port = p.port;
  out.protocol = p.protocol;
  if (p.appProtocol !== undefined) out.appProtocol = p.appProtocol;
  return out;
}

/** Subsets as the API returns them: empty lists omitted. `targetRefs` supplies refs of pod-less addresses. */
export function subsetsApi(subsets: SimEndpointSubset[], targetRefOf?: (a: SimEndpointAddress) => JsonObject | undefined): JsonObject[] {
  return subsets.map((s) => {
    const out: JsonObject = {};
    if (s.addresses.length > 0) out.addresses = s.addresses.map((a) => addressApi(a, targetRefOf?.(a)));
    if (s.notReadyAddresses.length > 0) out.notReadyAddresses = s.notReadyAddresses.map((a) => addressApi(a, targetRefOf?.(a)));
    if (s.ports.length > 0) out.ports = s.ports.map(endpointPortApi);
    return out;
  });
}

// ---------------------------------------------------------------------------------------------
// syncService

/** One pod's contribution to the Endpoints: its address, readiness and resolved ports. */
interface PodEntry {
  address: SimEndpointAddress;
  ready: boolean;
  ports: SimEndpointPort[];
}

/**
 * The Endpoints object the controller writes for `service`, or `undefined` where it writes none
 * (ExternalName, selector-less: users manage those). `service.selectedPods` are taken as given
 * (namespace-scoped, selector-matched, any readiness). `resolver` resolves the Service's ports per
 * pod; buildCluster shares one with the EndpointSlice controller.
 */
export function computeEndpoints(service: SimService, resolver: ServicePortResolver = new ServicePortResolver(service)): SimEndpoints | undefined {
  if (service.type === 'ExternalName') return undefined;
  if (service.selector === undefined) return undefined;

  // Only headless Services may have no ports; each pod is then an address without ports. Any
  // other Service without ports gets no addresses at all.
  const portless = service.ports.length === 0;
  const entries: PodEntry[] = [];
  let samePorts = true;
  if (!portless || service.headless) {
    for (const pod of service.selectedPods) {
      if (!shouldPodBeInEndpoints(pod, service.publishNotReadyAddresses)) continue;
      const ip = endpointIPFor(service, pod);
      if (ip === undefined) continue;
      const hostname = shouldSetHostname(pod, service) ? pod.hostname : undefined;
      // Complete literals (no property added later): an object that grows a property after
      // creation gets an out-of-object property store, and these live as long as the model.
      const address: SimEndpointAddress = pod.nodeName
        ? hostname !== undefined
          ? { ip, pod, nodeName: pod.nodeName, hostname }
          : { ip, pod, nodeName: pod.nodeName }
        : hostname !== undefined
          ? { ip, pod, hostname }
          : { ip, pod };
      const ports = resolver.portsFor(pod);
      if (entries.length > 0 && ports !== entries[0].ports) samePorts = false;
      entries.push({ address, ready: service.publishNotReadyAddresses || pod.ready, ports });
    }
  }

  const packed = samePorts ? packUniform(entries, portless, service) : repackSubsets(rawSubsets(entries, portless), portRank(service));
  const { subsets, truncated } = truncateSubsets(packed);
  return new EndpointsObject({ namespace: service.namespace, name: service.name, origin: 'controller', subsets }, new ControllerEndpointsApi(service, truncated));
}

/** Ports follow the Service's port order (by name; names are unique within a Service). */
function portRank(service: SimService): PortRank {
  const order = new Map(service.ports.map((p, i) => [p.name, i] as const));
  return (p) => order.get(p.name) ?? service.ports.length;
}

/** The subsets the controller builds before repacking: one per (pod, resolved port). */
function rawSubsets(entries: PodEntry[], portless: boolean): SimEndpointSubset[] {
  const raw: SimEndpointSubset[] = [];
  for (const { address, ready, ports } of entries) {
    const add = (list: SimEndpointPort[]): void => {
      raw.push(ready ? { addresses: [address], notReadyAddresses: [], ports: list } : { addresses: [], notReadyAddresses: [address], ports: list });
    };
    if (portless) add([]);
    else for (const port of ports) add([port]);
  }
  return raw;
}

/**
 * repackSubsets(rawSubsets(entries)) for the common case where every pod resolved the same port
 * list (the same array: all selected pods come from one template), without the string keys,
 * maps and intermediate subsets. Why the result is the same: every port is then offered by exactly
 * the same addresses with the same readiness, so repacking makes one group holding all ports —
 * one subset, or none when no pod resolved a port. Its ports are the distinct ones (by name,
 * number, protocol, appProtocol) sorted by the same comparator, which orders any two distinct ports,
 * so where they came from does not matter. Its addresses are the distinct (IP, pod UID) pairs,
 * the first one seen of each kept and not ready when any occurrence is not ready, each list sorted
 * by (IP, UID) — which a stable sort of all entries by (IP, UID) gives, duplicates adjacent and
 * in input order.
 */
function packUniform(entries: PodEntry[], portless: boolean, service: SimService): SimEndpointSubset[] {
  if (entries.length === 0) return [];
  const resolved = entries[0].ports;
  if (!portless && resolved.length === 0) return [];
  // A single port needs no ordering (and no rank table).
  const ports = portless ? [] : resolved.length === 1 ? resolved : distinctSortedPorts(resolved, comparePortsWith(portRank(service)));

  const sorted = entries.slice().sort((a, b) => compareEndpointAddresses(a.address, b.address));
  let readyCount = 0;
  let duplicates = false;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].ready) readyCount++;
    if (i > 0 && compareEndpointAddresses(sorted[i - 1].address, sorted[i].address) === 0) duplicates = true;
  }
  if (!duplicates && readyCount === sorted.length) return [{ addresses: sorted.map((e) => e.address), notReadyAddresses: [], ports }];
  if (!duplicates && readyCount === 0) return [{ addresses: [], notReadyAddresses: sorted.map((e) => e.address), ports }];

  const addresses: SimEndpointAddress[] = [];
  const notReadyAddresses: SimEndpointAddress[] = [];
  for (let i = 0; i < sorted.length; ) {
    const first = sorted[i];
    let ready = first.ready;
    let j = i + 1;
    for (; j < sorted.length && compareEndpointAddresses(first.address, sorted[j].address) === 0; j++) ready = ready && sorted[j].ready;
    (ready ? addresses : notReadyAddresses).push(first.address);
    i = j;
  }
  // Exact-size copies: lists grown by push keep room for 17 entries, and these are kept.
  return [{ addresses: addresses.slice(), notReadyAddresses: notReadyAddresses.slice(), ports }];
}

/** The distinct ports of `list` in `cmp` order; `list` itself when it already is that (the usual case). */
function distinctSortedPorts(list: SimEndpointPort[], cmp: (a: SimEndpointPort, b: SimEndpointPort) => number): SimEndpointPort[] {
  let ordered = true;
  for (let i = 1; i < list.length && ordered; i++) ordered = cmp(list[i - 1], list[i]) < 0;
  if (ordered) return list;
  const seen = new Set<string>();
  const out: SimEndpointPort[] = [];
  for (const p of list) {
    const key = portKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
  }
  return out.sort(cmp);
}

/** Renders a controller-written Endpoints object when it is first asked for (api-objects.ts). */
class ControllerEndpointsApi {
  constructor(
    private readonly service: SimService,
    private readonly truncated: boolean,
  ) {}

  render(ep: SimEndpoints): JsonObject {
    const labels = endpointsLabels(this.service);
    const metadata: JsonObject = { name: ep.name, namespace: ep.namespace };
    if (Object.keys(labels).length > 0) metadata.labels = sortedRecord(labels);
    // Upstream also sets endpoints.kubernetes.io/last-change-trigger-time (RFC3339Nano): a wall
    // clock timestamp, left out so the same input renders byte for byte the same output.
    if (this.truncated) metadata.annotations = { [OVER_CAPACITY_ANNOTATION]: 'truncated' };
    const api: JsonObject = { apiVersion: 'v1', kind: 'Endpoints', metadata };
    if (ep.subsets.length > 0) api.subsets = subsetsApi(ep.subsets);
    return api;
  }
}

/** A copy with keys in sorted order, so rendered maps never depend on insertion order. */
export function sortedRecord(map: Record<string, string>): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(map).sort(byString)) out[k] = map[k];
  return out;
}

/** The string value of a label/annotation in an API object's metadata. */
export function metaValue(api: unknown, field: 'labels' | 'annotations', key: string): string | undefined {
  return str(at(api, 'metadata', field, key));
}
