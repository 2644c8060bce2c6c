/**
 * The scheduler and the pod network, simplified and deterministic: which node a pod runs on and
 * which IP it gets.
 *
 * - `spec.nodeName` wins; otherwise the nodes whose labels satisfy `nodeSelector` and the required
 *   node affinity are eligible, and the i-th pod of a workload goes to the (i mod N)-th of them.
 *   No eligible node → the pod stays Pending, unscheduled and without IP.
 * - Node k (1-based, in cluster.nodes order) owns the k-th /24 of the pod CIDR (10.244.1.0/24 for
 *   node-1), and hands out .2, .3, ... in the order pods are created, skipping every observed IP.
 *   A node that runs out claims the next unclaimed /24 after the nodes' own ones, as block-based
 *   IPAMs (Calico) do — so large inputs still get addresses.
 * - hostNetwork pods use the node's IP.
 */
import { arr, at, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { bitsOf, cidrContains, formatIP, parseIP, subnet, type Cidr } from '../k8s/ip';
import { matchesSelector } from '../k8s/labels';
import type { ClusterSettings, SimNode } from './model';
import { kubeletNodeLabels } from './settings';

/** Prefix length of each node's pod range: /24 (IPv4) or /64 (IPv6), smaller slices when the pod CIDR is narrower. */
export function nodeBlockPrefix(podCIDR: Cidr): number {
  if (podCIDR.family === 'IPv4') return podCIDR.prefix <= 24 ? 24 : Math.min(30, podCIDR.prefix + 2);
  return podCIDR.prefix <= 64 ? 64 : Math.min(126, podCIDR.prefix + 4);
}

function blockCount(podCIDR: Cidr): number {
  const bits = nodeBlockPrefix(podCIDR) - podCIDR.prefix;
  return bits >= 30 ? 2 ** 30 : 2 ** bits;
}

/** The k-th block (1-based for nodes; block 0, the network's first, is never used, as with kubeadm/flannel). */
export function podBlock(podCIDR: Cidr, index: number): Cidr | undefined {
  if (index >= blockCount(podCIDR)) return undefined;
  return subnet(podCIDR, nodeBlockPrefix(podCIDR), index);
}

/** Settings nodes, then Node objects of the input (observed InternalIP and labels win for the same name). */
export interface NodeInput {
  name: string;
  ip?: string;
  labels?: Record<string, string>;
  obj?: SimNode['obj'];
}

export function buildNodes(settings: ClusterSettings, fromInput: NodeInput[]): SimNode[] {
  const byName = new Map<string, NodeInput>();
  for (const n of fromInput) if (!byName.has(n.name)) byName.set(n.name, n);
  const nodes: SimNode[] = [];
  const push = (name: string, ip: string, labels: Record<string, string>, obj?: SimNode['obj']): void => {
    const block = podBlock(settings.podCIDR, nodes.length + 1);
    const node: SimNode = { name, ip, labels, podCIDR: block ?? settings.podCIDR };
    if (obj) node.obj = obj;
    nodes.push(node);
  };
  for (const s of settings.nodes) {
    const seen = byName.get(s.name);
    // A Node object's labels are what the cluster reported: they win over the settings' ones.
    push(s.name, seen?.ip || s.ip, { ...s.labels, ...(seen?.labels ?? {}) }, seen?.obj);
  }
  const settingsNames = new Set(settings.nodes.map((n) => n.name));
  const extra = [...byName.values()].filter((n) => !settingsNames.has(n.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Nodes known only by name get the next free address of the settings nodes' /24 (172.18.0.x by default).
  const used = new Set(nodes.map((n) => n.ip));
  const base = parseIP(settings.nodes[0]?.ip ?? '172.18.0.2');
  let next = 2;
  const freeIP = (): string => {
    for (;;) {
      const candidate = base && base.family === 'IPv4' ? formatIP({ family: 'IPv4', value: (base.value & ~0xffn) + BigInt(next++) }) : '';
      if (!used.has(candidate) || candidate === '') {
        used.add(candidate);
        return candidate;
      }
    }
  };
  // Nodes known from the input only registered through their kubelet too: its labels underneath.
  for (const n of extra) push(n.name, n.ip ?? freeIP(), { ...kubeletNodeLabels(n.name), ...(n.labels ?? {}) }, n.obj);
  return nodes;
}

/** A Node object: name, `status.addresses[type=InternalIP]`, labels. */
export function readNodeObject(raw: JsonObject, name: string): NodeInput {
  let ip: string | undefined;
  for (const a of arr(at(raw, 'status', 'addresses'))) {
    if (at(a, 'type') === 'InternalIP' && typeof at(a, 'address') === 'string' && parseIP(at(a, 'address') as string)) {
      ip = at(a, 'address') as string;
      break;
    }
  }
  return { name, ip, labels: strMap(at(raw, 'metadata', 'labels')) ?? {} };
}

function matchesExpression(labels: Record<string, string>, expr: unknown): boolean {
  if (!isObject(expr)) return false;
  const key = str(expr.key);
  if (key === undefined) return false;
  const values = arr(expr.values).filter((v): v is string => typeof v === 'string');
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (expr.operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      const n = Number(labels[key]);
      const v = Number(values[0]);
      if (!has || !Number.isInteger(n) || !Number.isInteger(v)) return false;
      return expr.operator === 'Gt' ? n > v : n < v;
    }
    default:
      return false;
  }
}

/**
 * Whether the pod spec may run on the node: nodeSelector (all pairs) and
 * requiredDuringSchedulingIgnoredDuringExecution node affinity (terms ORed, label expressions
 * ANDed; matchFields on `metadata.name` too). Taints are not modelled.
 */
export function nodeEligible(spec: JsonObject, node: SimNode): boolean {
  const selector = strMap(spec.nodeSelector);
  if (selector && !matchesSelector(node.labels, selector)) return false;
  const terms = at(spec, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  if (Array.isArray(terms) && terms.length > 0) {
    const fields: Record<string, string> = { 'metadata.name': node.name };
    const ok = terms.some((t) => {
      const exprs = arr(at(t, 'matchExpressions'));
      const fieldExprs = arr(at(t, 'matchFields'));
      if (exprs.length === 0 && fieldExprs.length === 0) return false;
      return exprs.every((e) => matchesExpression(node.labels, e)) && fieldExprs.every((e) => matchesExpression(fields, e));
    });
    if (!ok) return false;
  }
  return true;
}

export function eligibleNodes(spec: JsonObject, nodes: SimNode[]): SimNode[] {
  return nodes.filter((n) => nodeEligible(spec, n));
}

/** Address `offset` of `block` as text; IPv4 without BigInt arithmetic (one call per pod). */
function ipText(block: Cidr, offset: number): string {
  if (block.family === 'IPv4') {
    const v = Number(block.base) + offset;
    return `${Math.floor(v / 16777216) % 256}.${Math.floor(v / 65536) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
  }
  return formatIP({ family: block.family, value: block.base + BigInt(offset) });
}

/** Hands out pod IPs per node, in call order, never an observed one. */
export class PodIPAllocator {
  private readonly next = new Map<string, { block: Cidr; offset: number }>();
  private nextSpareBlock: number;

  constructor(
    private readonly podCIDR: Cidr,
    private readonly nodes: SimNode[],
    private readonly observed: ReadonlySet<string>,
  ) {
    this.nextSpareBlock = nodes.length + 1;
  }

  /** An IP from the node's block, or `''` when the pod CIDR is exhausted. */
  allocate(nodeName: string): string {
    let state = this.next.get(nodeName);
    if (!state) {
      const node = this.nodes.find((n) => n.name === nodeName);
      if (!node || !cidrContains(this.podCIDR, { family: node.podCIDR.family, value: node.podCIDR.base }) || node.podCIDR.prefix === this.podCIDR.prefix) return '';
      state = { block: node.podCIDR, offset: 2 };
      this.next.set(nodeName, state);
    }
    for (;;) {
      const size = 2 ** (bitsOf(state.block.family) - state.block.prefix);
      // .0 is the network, .1 the node's bridge/gateway, the last one broadcast (IPv4).
      const last = state.block.family === 'IPv4' ? size - 2 : Math.min(size - 1, 2 ** 20);
      while (state.offset <= last) {
        const ip = ipText(state.block, state.offset);
        state.offset++;
        if (!this.observed.has(ip)) return ip;
      }
      const spare = podBlock(this.podCIDR, this.nextSpareBlock);
      if (!spare) return '';
      this.nextSpareBlock++;
      state.block = spare;
      state.offset = 2;
    }
  }
}
