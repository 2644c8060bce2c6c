/**
 * Which pods exist: the input's Pods, and those the input's workloads' controllers would create.
 *
 * A workload controlled by another workload of the input (a Deployment's ReplicaSet) makes no
 * pods itself — CronJobs are the exception, their Jobs run; a workload whose pods the input holds
 * (a `kubectl get all -o yaml` dump) gets those and none invented. The cluster's own CoreDNS
 * Deployment is added unless the input brings its own cluster DNS pods.
 *
 * The generated pods are drafted workload by workload, as the schedule step asks for them: each
 * workload's drafts die young instead of all of them surviving, and being copied by the garbage
 * collector, until the last is drafted.
 */
import { at, byString, str, strMap } from '../../k8s/json';
import { stableUid } from '../hash';
import type { ClusterSettings, SimNode } from '../model';
import { BUILTIN_FILE, builtinObject, CLUSTER_DNS_LABEL, corednsDeploymentRaw } from '../builtin';
import { observedStatus, specOf, type PodDraft } from '../pods';
import { controllerOwnerKey, ownerKey, readWorkload, workloadPods, type NameRegistry, type WorkloadPlan } from '../workloads';
import type { ManifestObject } from '../../load/types';
import { guarded } from './guarded';
import type { SortedInput } from './sort-input';

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

/** One workload with the replicas it ends up with and the pods its controller drafts. */
export interface ExpandedWorkload {
  plan: WorkloadPlan;
  replicas: number;
  /** Replicas the run's pod limit left out; undefined when it did not cut this workload. */
  replicasNotSimulated?: number;
  /** Generated pods, in replica order (empty for a workload that makes none itself). */
  drafts: PodDraft[];
}

export interface Expansion {
  /** The input's Pods, sorted by namespace and name; `owner` set when their ownerReferences lead to a workload of the input. */
  inputPods: PodDraft[];
  /** Addresses the input's Pods already hold (the schedule step gives them to no other pod). */
  observedIPs: ReadonlySet<string>;
  /** Every workload, sorted by namespace, kind and name, drafted when iterated (once). */
  workloads: Iterable<ExpandedWorkload>;
}

export function expandWorkloads(input: SortedInput, nodes: SimNode[], settings: ClusterSettings, limits: BuildLimits): Expansion {
  const plans: WorkloadPlan[] = [];
  for (const o of input.workloads) {
    const w = guarded(readWorkload, o);
    if (w) plans.push(w);
  }
  if (!declaresClusterDnsPods(input, plans)) plans.push(readWorkload(builtinObject(corednsDeploymentRaw(), 'kube-system', 'coredns')));
  plans.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.kind, b.kind) || byString(a.name, b.name));

  const planByKey = new Map(plans.map((w) => [ownerKey(w.namespace, w.kind, w.name), w] as const));
  // Ownership among input objects: a workload controlled by another of the input makes no pods.
  const parent = new Map<WorkloadPlan, WorkloadPlan>();
  for (const w of plans) {
    const k = controllerOwnerKey(w.obj);
    const owner = k ? planByKey.get(k) : undefined;
    if (owner && owner !== w && owner.kind !== 'CronJob') parent.set(w, owner);
  }
  const top = (w: WorkloadPlan): WorkloadPlan => {
    let cur = w;
    for (let steps = 0; steps < 8 && parent.has(cur); steps++) cur = parent.get(cur)!;
    return cur;
  };

  // The input's Pods claim their names first: generated names avoid them.
  const names: NameRegistry = new Map();
  const inputPods: PodDraft[] = [];
  const observedWorkloads = new Set<WorkloadPlan>();
  const observedIPs = new Set<string>();
  for (const o of input.pods) {
    const draft = guarded(inputPodDraft, o);
    if (!draft) continue;
    let set = names.get(o.namespace);
    if (!set) names.set(o.namespace, (set = new Set()));
    set.add(o.name);
    const k = controllerOwnerKey(o);
    const owner = k ? planByKey.get(k) : undefined;
    if (owner) {
      draft.owner = top(owner);
      observedWorkloads.add(draft.owner);
    }
    if (draft.observed?.ip) observedIPs.add(draft.observed.ip);
    for (const entry of Array.isArray(at(o.raw, 'status', 'podIPs')) ? (at(o.raw, 'status', 'podIPs') as unknown[]) : []) {
      const ip = str(at(entry, 'ip'));
      if (ip) observedIPs.add(ip);
    }
    inputPods.push(draft);
  }
  inputPods.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));

  return {
    inputPods,
    observedIPs,
    workloads: draftWorkloads(plans, (w) => parent.has(w) || observedWorkloads.has(w), names, nodes, settings, limits.maxSimulatedPods),
  };
}

/**
 * Each workload's drafts, in workload order. Bounded work whatever the input: once
 * `maxSimulatedPods` pods were generated, each further workload gets one pod (so selectors still
 * find their pods) instead of all its replicas, and keeps the number left out for the finding that
 * reports the cut.
 */
function* draftWorkloads(plans: readonly WorkloadPlan[], makesNoPods: (w: WorkloadPlan) => boolean, names: NameRegistry, nodes: SimNode[], settings: ClusterSettings, maxSimulatedPods: number): Generator<ExpandedWorkload> {
  let budget = maxSimulatedPods;
  for (const plan of plans) {
    if (makesNoPods(plan)) {
      yield { plan, replicas: plan.desiredReplicas, drafts: [] };
      continue;
    }
    // The cluster's own CoreDNS is there whatever the input holds: it is neither cut nor counted.
    const builtin = plan.obj.source.file === BUILTIN_FILE;
    let replicas = plan.desiredReplicas;
    let replicasNotSimulated: number | undefined;
    if (!builtin && replicas > budget) {
      const simulated = Math.min(replicas, Math.max(1, budget));
      replicasNotSimulated = replicas - simulated;
      replicas = simulated;
    }
    const made = guarded(workloadPods, plan, replicas, settings, nodes, names);
    if (made && !builtin) budget -= made.drafts.length;
    yield { plan, replicas: made?.replicas ?? replicas, replicasNotSimulated, drafts: made?.drafts ?? [] };
  }
}

/**
 * Whether the input brings its own cluster DNS pods, which then replace the built-in CoreDNS
 * Deployment: a `kube-system/coredns` Deployment, or Pods or workload templates in `kube-system`
 * labelled `k8s-app: kube-dns` (the label the kube-dns Service selects, on kubeadm, kops, GKE, AKS
 * and EKS clusters alike). A dump of a real cluster's kube-system then shows only its own pods.
 */
function declaresClusterDnsPods(input: SortedInput, plans: readonly WorkloadPlan[]): boolean {
  if (input.workloads.some((o) => o.kind === 'Deployment' && o.namespace === 'kube-system' && o.name === 'coredns')) return true;
  if (plans.some((w) => w.namespace === 'kube-system' && w.templateLabels[CLUSTER_DNS_LABEL[0]] === CLUSTER_DNS_LABEL[1])) return true;
  return input.pods.some((o) => o.namespace === 'kube-system' && strMap(at(o.raw, 'metadata', 'labels'))?.[CLUSTER_DNS_LABEL[0]] === CLUSTER_DNS_LABEL[1]);
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
    uid: str(at(o.raw, 'metadata', 'uid')) || stableUid(`${o.namespace}/${o.name}`),
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
