/**
 * Workloads and the pods their controllers would create, named as Kubernetes names them but
 * deterministically: Deployment `<name>-<pod-template-hash>-<5>`, ReplicaSet / ReplicationController /
 * Job / DaemonSet `<name>-<5>`, StatefulSet `<name>-<ordinal>`. The 5-character suffixes come from
 * the upstream alphabet, hashed from namespace/name/index instead of drawn at random.
 *
 * When the input already holds a workload's pods (a `kubectl get all -o yaml` dump: Pods whose
 * ownerReferences lead to it), those observed pods are its pods and none are invented; a workload
 * owned by another workload of the input (a Deployment's ReplicaSet) makes none of its own.
 */
import { arr, at, int, isObject, str, strMap, type JsonObject } from '../k8s/json';
import type { ManifestObject } from '../load/types';
import type { ClusterSettings, SimNode, SimWorkload } from './model';
import { nameSuffix, stableUid, templateHash } from './hash';
import { specOf, type PodDraft } from './pods';
import { eligibleNodes } from './schedule';
import { versionAtLeast } from '../k8s/version';

/** `namespace/kind/name`: how ownerReferences are matched to objects of the input. */
export function ownerKey(namespace: string, kind: string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

/** The controlling ownerReference (`controller: true`, else the first), as a key. */
export function controllerOwnerKey(obj: ManifestObject): string | undefined {
  const refs = arr(at(obj.raw, 'metadata', 'ownerReferences')).filter(isObject);
  const ref = refs.find((r) => r.controller === true) ?? refs[0];
  const kind = ref ? str(ref.kind) : undefined;
  const name = ref ? str(ref.name) : undefined;
  return kind && name ? ownerKey(obj.namespace, kind, name) : undefined;
}

function templateOf(obj: ManifestObject): JsonObject | undefined {
  const t = obj.kind === 'CronJob' ? at(obj.raw, 'spec', 'jobTemplate', 'spec', 'template') : at(obj.raw, 'spec', 'template');
  return isObject(t) ? t : undefined;
}

function nonNegative(value: unknown, fallback: number): number {
  const n = int(value);
  return n !== undefined && n >= 0 ? n : fallback;
}

/** Desired pods, before DaemonSets are counted per node: every replica the spec asks for. */
function desiredReplicas(obj: ManifestObject): number {
  return declaredReplicas(obj);
}

function declaredReplicas(obj: ManifestObject): number {
  const spec = at(obj.raw, 'spec');
  switch (obj.kind) {
    case 'CronJob':
      return 0;
    case 'Job': {
      // Active pods of a Job: parallelism (default 1), never more than the completions still to do.
      const parallelism = nonNegative(at(spec, 'parallelism'), 1);
      const completions = int(at(spec, 'completions'));
      return completions !== undefined && completions >= 0 ? Math.min(parallelism, completions) : parallelism;
    }
    default:
      return nonNegative(at(spec, 'replicas'), 1);
  }
}

/**
 * A workload as read from its object, before its controller makes pods: the expand step decides
 * how many it makes, and the schedule step makes the model's SimWorkload with them.
 */
export interface WorkloadPlan extends Pick<SimWorkload, 'kind' | 'namespace' | 'name' | 'obj' | 'templateLabels' | 'serviceName'> {
  /** Replicas the spec asks for (a DaemonSet's are counted per eligible node when its pods are drafted). */
  desiredReplicas: number;
}

export function readWorkload(obj: ManifestObject): WorkloadPlan {
  const template = templateOf(obj);
  const w: WorkloadPlan = {
    kind: obj.kind,
    namespace: obj.namespace,
    name: obj.name,
    obj,
    templateLabels: strMap(at(template, 'metadata', 'labels')) ?? {},
    desiredReplicas: desiredReplicas(obj),
  };
  if (obj.kind === 'StatefulSet') {
    const serviceName = str(at(obj.raw, 'spec', 'serviceName'));
    if (serviceName) w.serviceName = serviceName;
  }
  return w;
}

/**
 * `{ ...base, [k1]: v1, [k2]: v2, ... }` built by assignment. Built with the spread, every result
 * carried a shape description of its own, measured at ~180 bytes per workload — or per pod for
 * StatefulSets — that live as long as the model; objects built by assignment in the same order
 * share theirs. `base` comes from strMap, so it has no
 * own `__proto__` key that assignment would treat differently from the spread.
 */
function labelsWith(base: Record<string, string>, ...pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(base)) labels[key] = base[key];
  for (let i = 0; i < pairs.length; i += 2) labels[pairs[i]] = pairs[i + 1];
  return labels;
}

/** Pod names already taken in a namespace (input pods and pods generated so far). */
export type NameRegistry = Map<string, Set<string>>;

function claim(names: NameRegistry, namespace: string, name: string): boolean {
  let set = names.get(namespace);
  if (!set) names.set(namespace, (set = new Set()));
  if (set.has(name)) return false;
  set.add(name);
  return true;
}

/** `<prefix><5 chars>`, re-derived with a salt in the (unlikely) event the name is taken. */
function uniqueGeneratedName(names: NameRegistry, namespace: string, prefix: string, seed: string): string {
  for (let salt = 0; ; salt++) {
    const name = prefix + nameSuffix(salt === 0 ? seed : `${seed}#${salt}`);
    if (claim(names, namespace, name)) return name;
  }
}

/**
 * Pod drafts a workload's controller would create for `replicas` replicas, and the replica count
 * that results: `replicas` itself, except for a DaemonSet, which makes one pod per eligible node
 * of `nodes`. Pod names are registered in `names`.
 */
export function workloadPods(w: WorkloadPlan, replicas: number, settings: ClusterSettings, nodes: SimNode[], names: NameRegistry): { replicas: number; drafts: PodDraft[] } {
  const obj = w.obj;
  const template = templateOf(obj);
  if (!template || w.kind === 'CronJob') return { replicas, drafts: [] };
  const spec = specOf(template.spec);
  const ns = w.namespace;
  const workloadUid = str(at(obj.raw, 'metadata', 'uid')) || stableUid(ownerKey(ns, w.kind, w.name));
  const version = settings.kubernetesVersion;
  const drafts: PodDraft[] = [];
  const templateHostname = str(spec.hostname);
  const templateSubdomain = str(spec.subdomain);
  const annotations = strMap(at(template, 'metadata', 'annotations'));
  const make = (name: string, labels: Record<string, string>, index: number, ownerRef: JsonObject, extra: Partial<PodDraft> = {}): PodDraft => ({
    namespace: ns,
    name,
    uid: stableUid(`${ns}/${name}`),
    labels,
    annotations,
    spec,
    owner: w,
    ownerRef,
    obj,
    spreadIndex: index,
    hostname: templateHostname || undefined,
    subdomain: templateSubdomain || undefined,
    terminating: false,
    ...extra,
  });
  const ref = (apiVersion: string, kind: string, name: string, uid: string): JsonObject => ({ apiVersion, kind, name, uid, controller: true, blockOwnerDeletion: true });
  const selfRef = ref(obj.apiVersion, w.kind, w.name, workloadUid);

  switch (w.kind) {
    case 'Deployment': {
      const hash = templateHash(template);
      const rsName = `${w.name}-${hash}`;
      const rsRef = ref('apps/v1', 'ReplicaSet', rsName, stableUid(ownerKey(ns, 'ReplicaSet', rsName)));
      // Replicas carry identical labels; the model never mutates them, so one object serves all.
      const labels = labelsWith(w.templateLabels, 'pod-template-hash', hash);
      for (let i = 0; i < replicas; i++) {
        const name = uniqueGeneratedName(names, ns, `${rsName}-`, `${ns}/${rsName}/${i}`);
        drafts.push(make(name, labels, i, rsRef));
      }
      break;
    }
    case 'ReplicaSet':
    case 'ReplicationController': {
      const labels = labelsWith(w.templateLabels);
      for (let i = 0; i < replicas; i++) {
        const name = uniqueGeneratedName(names, ns, `${w.name}-`, `${ns}/${w.name}/${i}`);
        drafts.push(make(name, labels, i, selfRef));
      }
      break;
    }
    case 'Job': {
      for (let i = 0; i < replicas; i++) {
        const name = uniqueGeneratedName(names, ns, `${w.name}-`, `${ns}/${w.name}/${i}`);
        // The Job controller labels its pods with the Job's name and UID (both spellings from 1.27).
        const labels = labelsWith(w.templateLabels, 'controller-uid', workloadUid, 'job-name', w.name);
        if (versionAtLeast(version, 1, 27)) {
          labels['batch.kubernetes.io/controller-uid'] = workloadUid;
          labels['batch.kubernetes.io/job-name'] = w.name;
        }
        drafts.push(make(name, labels, i, selfRef));
      }
      break;
    }
    case 'StatefulSet': {
      const revision = `${w.name}-${templateHash(template)}`;
      const start = nonNegative(at(obj.raw, 'spec', 'ordinals', 'start'), 0);
      for (let i = 0; i < replicas; i++) {
        const ordinal = start + i;
        const name = `${w.name}-${ordinal}`;
        // An input Pod of that name is the observed state of this ordinal; it stands in for it.
        if (!claim(names, ns, name)) continue;
        const labels = labelsWith(w.templateLabels, 'controller-revision-hash', revision, 'statefulset.kubernetes.io/pod-name', name);
        if (versionAtLeast(version, 1, 28)) labels['apps.kubernetes.io/pod-index'] = String(ordinal);
        drafts.push(make(name, labels, i, selfRef, { hostname: name, subdomain: w.serviceName }));
      }
      break;
    }
    case 'DaemonSet': {
      const revision = templateHash(template);
      const fixed = str(spec.nodeName);
      const targets = eligibleNodes(spec, nodes).filter((n) => !fixed || n.name === fixed);
      replicas = targets.length;
      targets.forEach((node, i) => {
        // Seeded by node name, so adding a node does not rename the pods on the others.
        const name = uniqueGeneratedName(names, ns, `${w.name}-`, `${ns}/${w.name}/${node.name}`);
        const labels = labelsWith(w.templateLabels, 'controller-revision-hash', revision, 'pod-template-generation', '1');
        drafts.push(make(name, labels, i, selfRef, { fixedNode: node.name }));
      });
      break;
    }
  }
  return { replicas, drafts };
}
