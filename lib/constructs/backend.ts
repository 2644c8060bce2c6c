/**
 * What a Service can select: a cdk8s-plus workload or pod, a raw ApiObject that makes pods, or a
 * plain label map. Each is turned into the equality selector that finds exactly the pods it makes.
 *
 * cdk8s-plus objects are recognised by their shape, never by `instanceof`: every major version
 * (cdk8s-plus-27 … cdk8s-plus-33 and later) is its own package with its own classes, and an app
 * has whichever one its template installed. This library loads none of them.
 *
 * cdk8s-plus labels every pod it renders with `cdk8s.io/metadata.addr: <construct path + hash>` and
 * makes the workload select on that label (plus whatever `workload.select()` added). Its own Service
 * ignores a workload's custom `select()` (cdk8s-team/cdk8s#2238); we use the workload's real
 * `matchLabels`, so both agree with what the ReplicaSet/StatefulSet controller selects.
 */
import { ApiObject, type ApiObjectMetadataDefinition } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { at, isObject, strMap, type JsonObject } from '../k8s/json';

/** A label map used as a Service selector. */
export interface LabelMap {
  readonly [key: string]: string;
}

/**
 * A cdk8s-plus pod or workload of any major version (`Pod`, `Deployment`, `StatefulSet`,
 * `DaemonSet`, `Job`, …): the members every cdk8s-plus `AbstractPod` has (cdk8s-plus-27, -30 and -33 are tested).
 */
export interface PlusPodLike extends IConstruct {
  /** The metadata of the pods it makes (labels include `cdk8s.io/metadata.addr`). */
  readonly podMetadata: ApiObjectMetadataDefinition;
  /** cdk8s-plus's pod selector hook (marks the object as a pod selector). */
  toPodSelectorConfig(): unknown;
}

/** A cdk8s-plus workload (a pod that also selects its pods: Deployment, StatefulSet, …). */
export interface PlusWorkloadLike extends PlusPodLike {
  /** The workload's equality selector (what its controller uses to find its pods). */
  readonly matchLabels: Record<string, string>;
}

/** Anything a Service (or a peer of a NetworkPolicy) can be pointed at. */
export type ServiceBackend = PlusPodLike | ApiObject | LabelMap;

/** Kinds of raw ApiObjects that make pods, i.e. can be a backend. */
export const POD_MAKING_KINDS: readonly string[] = ['CronJob', 'DaemonSet', 'Deployment', 'Job', 'Pod', 'ReplicaSet', 'ReplicationController', 'StatefulSet'];

const ACCEPTED =
  'accepted are a cdk8s-plus workload or pod of any version (Deployment, StatefulSet, DaemonSet, Job, Pod, …), ' +
  `an ApiObject of kind ${POD_MAKING_KINDS.join(', ')}, or a label map of strings such as { app: 'web' }`;

function isConstruct(value: unknown): value is IConstruct {
  return typeof value === 'object' && value !== null && typeof (value as { node?: unknown }).node === 'object' && (value as { node: { path?: unknown } }).node !== null &&
    typeof (value as { node: { path?: unknown } }).node.path === 'string';
}

/** True for a cdk8s-plus pod or workload of any version (by shape). */
export function isPlusPod(value: unknown): value is PlusPodLike {
  if (!isConstruct(value)) return false;
  const v = value as unknown as { podMetadata?: unknown; toPodSelectorConfig?: unknown };
  return typeof v.toPodSelectorConfig === 'function' && ApiObject.isApiObject(value.node.defaultChild) &&
    typeof v.podMetadata === 'object' && v.podMetadata !== null && typeof (v.podMetadata as { toJson?: unknown }).toJson === 'function';
}

/** True for a cdk8s-plus workload of any version (a pod with its own `matchLabels`). */
export function isPlusWorkload(value: unknown): value is PlusWorkloadLike {
  return isPlusPod(value) && isObject((value as unknown as { matchLabels?: unknown }).matchLabels);
}

/** How a value given as a backend reads in an error: its construct path and type, or its JSON. */
export function describeBackendValue(value: unknown): string {
  if (isConstruct(value)) {
    const type = ApiObject.isApiObject(value) ? `ApiObject of kind ${value.kind}` : (value as object).constructor?.name ?? 'construct';
    return `${value.node.path} (${type})`;
  }
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `a function${value.name ? ` (${value.name})` : ''}`;
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Why `value` cannot be a backend (what was passed and what is accepted, in one line), or
 * undefined when it can.
 */
export function backendProblem(value: unknown): string | undefined {
  if (isPlusPod(value)) return undefined;
  if (ApiObject.isApiObject(value)) {
    if (POD_MAKING_KINDS.includes(value.kind)) return undefined;
    return `${describeBackendValue(value)} makes no pods; ${ACCEPTED}`;
  }
  if (isConstruct(value)) return `${describeBackendValue(value)} is not a workload or pod; ${ACCEPTED}`;
  if (isObject(value)) {
    const bad = Object.keys(value).sort().find((k) => typeof value[k] !== 'string');
    if (bad === undefined) return undefined;
    return `label map ${describeBackendValue(value)} has a non-string value for ${bad}; ${ACCEPTED}`;
  }
  return `${describeBackendValue(value)} cannot select pods; ${ACCEPTED}`;
}

/**
 * The selector that picks the backend's pods, computed now (callers wrap it in `Lazy` so that
 * labels added later are seen at synth). A value that is no backend selects nothing here: callers
 * report it through `backendProblem` once, at synth.
 */
export function selectorOf(backend: ServiceBackend): Record<string, string> {
  if (isPlusWorkload(backend)) {
    const labels = backend.matchLabels;
    // A workload built with `select: false` and no select() has no selector of its own; its pods
    // are still found by their template labels.
    return Object.keys(labels).length > 0 ? { ...labels } : templateLabelsOfPlus(backend);
  }
  if (isPlusPod(backend)) return templateLabelsOfPlus(backend);
  if (ApiObject.isApiObject(backend)) return POD_MAKING_KINDS.includes(backend.kind) ? selectorOfManifest(backend.toJson() as JsonObject) : {};
  if (isConstruct(backend) || !isObject(backend)) return {};
  return strMap(backend) ?? {};
}

/** The ApiObject that a construct backend renders (cdk8s-plus resource or raw object). */
export function apiObjectOfBackend(backend: ServiceBackend): ApiObject | undefined {
  if (isPlusPod(backend)) return backend.node.defaultChild as ApiObject;
  if (ApiObject.isApiObject(backend)) return backend;
  return undefined;
}

function templateLabelsOfPlus(pod: PlusPodLike): Record<string, string> {
  const json: unknown = pod.podMetadata.toJson();
  return strMap(at(json, 'labels')) ?? {};
}

/**
 * From a rendered workload or Pod manifest: the workload's own equality selector (what its
 * controller uses to find its pods), else the pod template's labels; a Pod's own labels.
 */
export function selectorOfManifest(manifest: JsonObject): Record<string, string> {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
  if (kind === 'Pod') return strMap(at(manifest, 'metadata', 'labels')) ?? {};
  const spec = kind === 'CronJob' ? at(manifest, 'spec', 'jobTemplate', 'spec') : at(manifest, 'spec');
  const selector = at(spec, 'selector');
  if (isObject(selector)) {
    // ReplicationController: a plain map. Everything else: a LabelSelector.
    const map = kind === 'ReplicationController' ? strMap(selector) : strMap(selector.matchLabels);
    if (map && Object.keys(map).length > 0) return map;
  }
  return strMap(at(spec, 'template', 'metadata', 'labels')) ?? {};
}

/** The pod spec a manifest would run (workload template, CronJob's job template, or a Pod's own). */
export function podSpecOfManifest(manifest: JsonObject): JsonObject | undefined {
  const kind = typeof manifest.kind === 'string' ? manifest.kind : '';
  let spec: unknown;
  if (kind === 'Pod') spec = at(manifest, 'spec');
  else if (kind === 'CronJob') spec = at(manifest, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
  else spec = at(manifest, 'spec', 'template', 'spec');
  return isObject(spec) ? spec : undefined;
}
