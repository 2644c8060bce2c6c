/**
 * Where pods run and which addresses they get: every pod placed on a node and given an IP from
 * that node's pod range, in creation order (workload by workload, replica by replica, then the
 * input's Pods). Pods the input holds with a status keep what it says. This step makes the
 * model's pods and workloads; a workload's `pods` are the ones made here for it.
 */
import { cidrContains, parseIP } from '../../k8s/ip';
import { str } from '../../k8s/json';
import { compareNsName } from '../cluster-index';
import type { ClusterSettings, SimNode, SimPod, SimWorkload } from '../model';
import { finishPod, type Placement, type PodDraft } from '../pods';
import { eligibleNodes, PodIPAllocator } from '../schedule';
import type { WorkloadPlan } from '../workloads';
import type { ExpandedWorkload, Expansion } from './expand-workloads';

export interface Scheduled {
  /** Sorted by namespace, kind, name. */
  workloads: SimWorkload[];
  /** Sorted by namespace, name. */
  pods: SimPod[];
}

export function schedulePods(expansion: Expansion, nodes: SimNode[], settings: ClusterSettings): Scheduled {
  const nodeByName = new Map(nodes.map((n) => [n.name, n] as const));
  const ips = new PodIPAllocator(settings.podCIDR, nodes, expansion.observedIPs);
  const eligibleBySpec = new Map<object, SimNode[]>();
  const place = (d: PodDraft, spread: number): Placement => {
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

  const workloads: SimWorkload[] = [];
  const workloadOf = new Map<WorkloadPlan, SimWorkload>();
  const pods: SimPod[] = [];
  for (const expanded of expansion.workloads) {
    const w = simWorkload(expanded);
    workloads.push(w);
    workloadOf.set(expanded.plan, w);
    for (const d of expanded.drafts) {
      const pod = finishPod(d, place(d, d.spreadIndex), w);
      w.pods.push(pod);
      pods.push(pod);
    }
  }
  const fromInput = new Set<SimPod>();
  let bare = 0;
  for (const d of expansion.inputPods) {
    let placement: Placement;
    if (d.observed) {
      const o = d.observed;
      const nodeName = str(d.spec.nodeName) || nodeOfAddress(o.hostIP, nodes) || nodeOfAddress(o.ip, nodes) || '';
      placement = { nodeName, nodeIP: nodeByName.get(nodeName)?.ip ?? o.hostIP ?? '', ip: o.ip, phase: o.phase, ready: o.ready };
    } else {
      placement = place(d, bare++);
    }
    const pod = finishPod(d, placement, d.owner && workloadOf.get(d.owner));
    fromInput.add(pod);
    pods.push(pod);
  }
  pods.sort(compareNsName);
  // The input's Pods join their workload in the model's pod order (they have no replica order).
  for (const pod of pods) {
    if (pod.owner && fromInput.has(pod)) pod.owner.pods.push(pod);
  }
  // Exact-size lists: one grown by push keeps room for 17 pods, and workloads live as long as the model.
  for (const w of workloads) w.pods = w.pods.slice();
  return { workloads, pods };
}

/** The model's workload, its `pods` filled in by the caller before the step returns. */
function simWorkload(expanded: ExpandedWorkload): SimWorkload {
  const { plan } = expanded;
  const w: SimWorkload = { kind: plan.kind, namespace: plan.namespace, name: plan.name, obj: plan.obj, templateLabels: plan.templateLabels, replicas: expanded.replicas, pods: [] };
  if (plan.serviceName !== undefined) w.serviceName = plan.serviceName;
  if (expanded.replicasNotSimulated !== undefined) w.replicasNotSimulated = expanded.replicasNotSimulated;
  return w;
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
