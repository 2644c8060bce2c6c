/**
 * Pods as the model holds them: containers and ports read from a pod spec (defaults applied), observed
 * status read from Pod objects, and the API object `get pods -o yaml` shows. Scheduling and IPs
 * are schedule.ts's business; which pods a workload makes is workloads.ts's.
 */
import { arr, at, bool, cloneJson, int, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { defaultPodSpec } from '../k8s/defaults';
import type { ManifestObject } from '../load/types';
import type { Protocol, SimContainer, SimContainerPort, SimPod, SimWorkload } from './model';
import type { WorkloadPlan } from './workloads';

export const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export function asProtocol(value: unknown): Protocol | undefined {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value) ? (value as Protocol) : undefined;
}

function readPorts(container: JsonObject, hostNetwork: boolean): SimContainerPort[] {
  const ports: SimContainerPort[] = [];
  for (const p of arr(container.ports)) {
    const containerPort = int(at(p, 'containerPort'));
    // Ports that cannot be modelled (no number, unknown protocol) are left to validation.
    if (containerPort === undefined) continue;
    // Defaulting: an unset or empty protocol is TCP (SetDefaults_ContainerPort).
    const rawProtocol = at(p, 'protocol');
    const protocol = rawProtocol === undefined || rawProtocol === null || rawProtocol === '' ? 'TCP' : asProtocol(rawProtocol);
    if (!protocol) continue;
    const name = str(at(p, 'name'));
    // On the host network the host port is the container port (defaultHostNetworkPorts).
    const hostPort = int(at(p, 'hostPort')) || (hostNetwork ? containerPort : undefined);
    // Complete literals (fields in the order the model has always had): a property added after
    // creation would give each of these long-lived objects an out-of-object property store.
    const port: SimContainerPort = name
      ? hostPort
        ? { containerPort, protocol, name, hostPort }
        : { containerPort, protocol, name }
      : hostPort
        ? { containerPort, protocol, hostPort }
        : { containerPort, protocol };
    ports.push(port);
  }
  // Exact size: a list grown by push keeps room for 17 entries, and containers live as long as the model.
  return ports.slice();
}

function readContainer(raw: JsonObject, sidecar: boolean, index: number, hostNetwork: boolean): SimContainer {
  const env: { name: string; value?: string }[] = [];
  for (const e of arr(raw.env)) {
    const name = str(at(e, 'name'));
    if (name === undefined) continue;
    const value = at(e, 'value');
    // valueFrom (and a missing value) are unknown offline; `value: ""` is a real empty value.
    env.push(typeof value === 'string' ? { name, value } : at(e, 'valueFrom') === undefined && value === undefined ? { name, value: '' } : { name });
  }
  return {
    name: str(raw.name) ?? `container-${index}`,
    sidecar,
    ports: readPorts(raw, hostNetwork),
    env: env.slice(),
    hasEnvFrom: arr(raw.envFrom).length > 0,
  };
}

/**
 * Regular containers, then restartable init containers (sidecars, `restartPolicy: Always`), the
 * order FindPort searches. Reads the spec as written and applies the port defaults itself.
 */
export function readContainers(spec: JsonObject | undefined): SimContainer[] {
  if (!spec) return [];
  const hostNetwork = spec.hostNetwork === true;
  const out: SimContainer[] = [];
  arr(spec.containers).forEach((c, i) => {
    if (isObject(c)) out.push(readContainer(c, false, i, hostNetwork));
  });
  arr(spec.initContainers).forEach((c, i) => {
    if (isObject(c) && c.restartPolicy === 'Always') out.push(readContainer(c, true, i, hostNetwork));
  });
  return out.slice();
}

/** The pod spec as written; `{}` when the input has none or a wrong-typed one. Never modified. */
export function specOf(spec: unknown): JsonObject {
  return isObject(spec) ? spec : {};
}

/** What the status of a Pod object says, when the input has a status at all. */
export interface ObservedStatus {
  ip: string;
  phase: SimPod['phase'];
  ready: boolean;
  /** `status.hostIP`, used to place a pod whose spec has no nodeName. */
  hostIP?: string;
}

const PHASES: SimPod['phase'][] = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

/**
 * Reads `status`: podIP (else podIPs[0].ip), phase, the Ready condition. A status without a
 * `conditions` list counts as ready when Running — people who write `status:` by hand rarely add
 * conditions; a list without a Ready=True entry means not ready.
 */
export function observedStatus(raw: JsonObject): ObservedStatus | undefined {
  const status = raw.status;
  if (!isObject(status)) return undefined;
  const ip = str(status.podIP) || str(at(status, 'podIPs', 0, 'ip')) || '';
  const phaseText = str(status.phase);
  const phase = phaseText && (PHASES as string[]).includes(phaseText) ? (phaseText as SimPod['phase']) : ip ? 'Running' : 'Pending';
  let ready: boolean;
  if (Array.isArray(status.conditions)) {
    ready = status.conditions.some((c) => isObject(c) && c.type === 'Ready' && c.status === 'True');
  } else {
    ready = phase === 'Running';
  }
  const hostIP = str(status.hostIP);
  return { ip, phase, ready, hostIP: hostIP || undefined };
}

/** Everything about a pod that is known before it is scheduled and given an IP. */
export interface PodDraft {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  /**
   * The pod spec as written (of the Pod, or of the workload's template; shared by its replicas).
   * Readers apply defaults themselves; the defaulted copy is made only for the API object.
   */
  spec: JsonObject;
  /** The workload that makes it or, for a Pod of the input, the top-most workload its ownerReferences lead to. */
  owner?: WorkloadPlan;
  /** ownerReferences entry for generated pods. */
  ownerRef?: JsonObject;
  obj: ManifestObject;
  /** The Pod object's raw data, for pods from the input. */
  raw?: JsonObject;
  /** The node this pod must run on (DaemonSet pods; `spec.nodeName`). */
  fixedNode?: string;
  /** Index used for round-robin placement among eligible nodes. */
  spreadIndex: number;
  hostname?: string;
  subdomain?: string;
  terminating: boolean;
  observed?: ObservedStatus;
}

/** Placement and address decided by the scheduler. */
export interface Placement {
  nodeName: string;
  nodeIP: string;
  ip: string;
  phase: SimPod['phase'];
  ready: boolean;
}

/** Pods of one workload share their template's spec object, so its containers are read once. */
const containersBySpec = new WeakMap<JsonObject, SimContainer[]>();

function containersOf(spec: JsonObject): SimContainer[] {
  let containers = containersBySpec.get(spec);
  if (!containers) containersBySpec.set(spec, (containers = readContainers(spec)));
  return containers;
}

/**
 * The model's pod. Its API object (what a client would read back, `apiObject()`) is rendered on
 * the first call: most pods of a large input are never printed, and rendering every one up front
 * dominated the build time. A class keeps that lazy without a closure per pod. It keeps only the few references
 * the rendering needs besides its own fields (the template's spec, annotations and owner reference
 * are shared by all replicas), not the draft and placement objects it was made from: pods live as
 * long as the model, and those two were ~200 bytes per pod for the garbage collector to copy.
 */
class Pod implements SimPod {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  ip: string;
  nodeName: string;
  phase: SimPod['phase'];
  ready: boolean;
  terminating: boolean;
  hostname?: string;
  subdomain?: string;
  hostNetwork: boolean;
  enableServiceLinks: boolean;
  dnsPolicy: string;
  containers: SimContainer[];
  owner?: SimWorkload;
  obj: ManifestObject;
  private readonly spec: JsonObject;
  private readonly annotations: Record<string, string> | undefined;
  private readonly ownerRef: JsonObject | undefined;
  private readonly raw: JsonObject | undefined;
  private readonly nodeIP: string;
  /** The rendered API object; a true private field, which freezing the pod leaves writable. */
  #rendered?: JsonObject;

  constructor(draft: PodDraft, place: Placement, owner: SimWorkload | undefined) {
    const spec = draft.spec;
    this.namespace = draft.namespace;
    this.name = draft.name;
    this.uid = draft.uid;
    this.labels = draft.labels;
    this.ip = place.ip;
    this.nodeName = place.nodeName;
    this.phase = place.phase;
    this.ready = place.ready;
    this.terminating = draft.terminating;
    if (draft.hostname) this.hostname = draft.hostname;
    if (draft.subdomain) this.subdomain = draft.subdomain;
    this.hostNetwork = spec.hostNetwork === true;
    this.enableServiceLinks = bool(spec.enableServiceLinks) ?? true;
    this.dnsPolicy = str(spec.dnsPolicy) || 'ClusterFirst';
    this.containers = containersOf(spec);
    this.owner = owner;
    this.obj = draft.obj;
    this.spec = spec;
    this.annotations = draft.annotations;
    this.ownerRef = draft.ownerRef;
    this.raw = draft.raw;
    this.nodeIP = place.nodeIP;
  }

  apiObject(): JsonObject {
    return (this.#rendered ??= podApi(
      { namespace: this.namespace, name: this.name, uid: this.uid, labels: this.labels, annotations: this.annotations, spec: this.spec, ownerRef: this.ownerRef, raw: this.raw, hostname: this.hostname, subdomain: this.subdomain },
      { nodeName: this.nodeName, nodeIP: this.nodeIP, ip: this.ip, phase: this.phase, ready: this.ready },
    ));
  }

}

/** Joins a draft, its placement and the model's workload that owns it into the model's pod. */
export function finishPod(d: PodDraft, place: Placement, owner: SimWorkload | undefined): SimPod {
  return new Pod(d, place, owner);
}

/** What podApi reads of a pod: its draft's fields, as the Pod keeps them. */
type PodApiInput = Pick<PodDraft, 'namespace' | 'name' | 'uid' | 'labels' | 'annotations' | 'spec' | 'ownerRef' | 'raw' | 'hostname' | 'subdomain'>;

function podApi(d: PodApiInput, place: Placement): JsonObject {
  const base: JsonObject = d.raw ? cloneJson(d.raw) : { apiVersion: 'v1', kind: 'Pod' };
  const metadata: JsonObject = isObject(base.metadata) ? base.metadata : {};
  metadata.name = d.name;
  metadata.namespace = d.namespace;
  metadata.uid = d.uid;
  if (Object.keys(d.labels).length > 0) metadata.labels = { ...d.labels };
  if (d.annotations && Object.keys(d.annotations).length > 0) metadata.annotations = { ...(strMap(metadata.annotations) ?? {}), ...d.annotations };
  if (d.ownerRef) metadata.ownerReferences = [d.ownerRef];
  base.metadata = metadata;
  const spec = defaultPodSpec(d.spec);
  if (place.nodeName) spec.nodeName = place.nodeName;
  if (d.hostname) spec.hostname = d.hostname;
  if (d.subdomain) spec.subdomain = d.subdomain;
  base.spec = spec;
  if (d.raw && isObject(d.raw.status)) return base;
  const status: JsonObject = { phase: place.phase };
  const conditions: JsonObject[] = [];
  if (place.nodeName) conditions.push({ type: 'PodScheduled', status: 'True' });
  if (place.phase === 'Running') {
    conditions.push({ type: 'Initialized', status: 'True' });
    conditions.push({ type: 'ContainersReady', status: place.ready ? 'True' : 'False' });
    conditions.push({ type: 'Ready', status: place.ready ? 'True' : 'False' });
  } else if (!place.nodeName) {
    conditions[0] = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' };
  }
  status.conditions = conditions;
  if (place.nodeIP) {
    status.hostIP = place.nodeIP;
    status.hostIPs = [{ ip: place.nodeIP }];
  }
  if (place.ip) {
    status.podIP = place.ip;
    status.podIPs = [{ ip: place.ip }];
  }
  base.status = status;
  return base;
}
