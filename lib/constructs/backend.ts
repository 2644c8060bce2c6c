/**
 * What a Service can select: a cdk8s-plus workload or pod, a raw ApiObject that makes pods, or a
 * plain label map. Each is turned into the equality selector that finds exactly the pods it makes.
 *
 * cdk8s-plus labels every pod it renders with `cdk8s.io/metadata.addr: <construct path + hash>` and
 * makes the workload select on that label (plus whatever `workload.select()` added). Its own Service
 * ignores a workload's custom `select()` (cdk8s-team/cdk8s#2238); we use the workload's real
 * `matchLabels`, so both agree with what the ReplicaSet/StatefulSet controller selects.
 */
import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { IConstruct } from 'constructs';
import { at, isObject, strMap, type JsonObject } from '../k8s/json';

/** A label map used as a Service selector. */
export interface LabelMap {
  readonly [key: string]: string;
}

/** Anything a Service can be pointed at. */
export type ServiceBackend = kplus.AbstractPod | ApiObject | LabelMap;

/** True for cdk8s constructs (as opposed to a plain label map). */
function isConstruct(value: unknown): value is IConstruct {
  return typeof value === 'object' && value !== null && 'node' in value;
}

/**
 * The selector that picks the backend's pods, computed now (callers wrap it in `Lazy` so that
 * labels added later are seen at synth).
 */
export function selectorOf(backend: ServiceBackend): Record<string, string> {
  if (backend instanceof kplus.Workload) {
    const labels = backend.matchLabels;
    // A workload built with `select: false` and no select() has no selector of its own; its pods
    // are still found by their template labels.
    return Object.keys(labels).length > 0 ? labels : templateLabelsOfPlus(backend);
  }
  if (backend instanceof kplus.AbstractPod) return templateLabelsOfPlus(backend);
  if (ApiObject.isApiObject(backend)) return selectorOfManifest(backend.toJson() as JsonObject);
  if (isConstruct(backend)) {
    throw new Error(`${(backend as IConstruct).node.path} cannot be a Service backend: pass a cdk8s-plus workload or pod, an ApiObject with a pod template, or a label map`);
  }
  return { ...(backend as LabelMap) };
}

function templateLabelsOfPlus(pod: kplus.AbstractPod): Record<string, string> {
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
