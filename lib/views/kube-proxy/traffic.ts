/**
 * Where kube-proxy's rules send a new connection to a Service. Instead of re-deciding from the
 * Service, this walks the very rules `iptables-save` prints (nat table first, then filter for
 * packets nat left alone), branching on `-m statistic` rules with the exact rational 1/(n-i)
 * each stands for. So trace and iptables-save can never disagree.
 */
import type { Cluster, SimPod, SimService, SimServicePort } from '../../cluster/model';
import { cidrAddress, cidrContains, formatIP, parseCIDR, parseIP, type Cidr } from '../../k8s/ip';
import { proxyRules, type IptablesOptions } from './iptables-save';
import { proxyPlan, type ProxyPlan, type ServicePortPlan } from './plan';
import { add, complement, fraction, mul, ONE, toNumber, type Fraction } from './probability';
import { canonicalAddress, type Match, type Rule, type RuleSet } from './rules';

export type TrafficVia = 'clusterIP' | 'nodePort' | 'externalIP' | 'loadBalancer';
export type TrafficSource = 'pod' | 'node' | 'external';

export interface TrafficQuery {
  service: SimService;
  port: SimServicePort;
  via: TrafficVia;
  /** The node whose kube-proxy handles the packet (the client's node, or the node it arrives at). */
  node: string;
  from: TrafficSource;
  sourceIP?: string;
}

export interface TrafficDestination {
  ip: string;
  port: number;
  pod?: SimPod;
  probability: number;
}

export interface TrafficResult {
  verdict: 'dnat' | 'reject' | 'drop';
  reason: string;
  /** Chains the packet went through, in first-visit order (`table/CHAIN`). */
  chains: string[];
  destinations: TrafficDestination[];
}

interface Packet {
  src: string;
  dst: string;
  proto: string;
  dport: number;
  srcLocal: boolean;
  dstLocal: boolean;
  /** Arrived through a bridge port (a pod on a bridge CNI). */
  fromBridge: boolean;
}

interface State {
  prob: Fraction;
  mark: number;
  chains: string[];
}

interface Outcome {
  state: State;
  /** Terminated (a verdict target) rather than fell off the end of the chain / RETURNed. */
  done: boolean;
  target?: string;
  dnat?: string;
  /** Comment of the rule that decided. */
  comment?: string;
  chain?: string;
}

/** The first external test address (RFC 5737) stands for "a client outside the cluster". */
const DEFAULT_EXTERNAL_SOURCE = '203.0.113.10';

export function serviceTraffic(cluster: Cluster, q: TrafficQuery, opts: IptablesOptions = {}): TrafficResult {
  // Only this Service's rules can touch a packet addressed to it (the static rules are always there),
  // so planning just this Service walks the same rules iptables-save prints for it.
  const plan = proxyPlan(cluster, q.node, q.service);
  const sp = plan.services.find((s) => s.service === q.service && s.port.index === q.port.index)
    ?? plan.services.find((s) => s.service.namespace === q.service.namespace && s.service.name === q.service.name && s.port.index === q.port.index);
  if (!sp) {
    return { verdict: 'drop', reason: `kube-proxy programs no rules for ${q.service.namespace}/${q.service.name} (headless, ExternalName or without an IPv4 cluster IP)`, chains: [], destinations: [] };
  }
  const pkt = packetFor(plan, sp, q);
  if (typeof pkt === 'string') return { verdict: 'drop', reason: pkt, chains: [], destinations: [] };
  return evaluate(plan, sp, proxyRules(plan, opts), pkt, q);
}

function packetFor(plan: ProxyPlan, sp: ServicePortPlan, q: TrafficQuery): Packet | string {
  const node = plan.node;
  let dst: string;
  let dport = sp.port.port;
  let dstLocal = false;
  switch (q.via) {
    case 'clusterIP':
      dst = sp.clusterIP;
      break;
    case 'nodePort':
      if (sp.nodePort === 0) return `${sp.name} has no node port`;
      dst = node.ip || '127.0.0.1';
      dport = sp.nodePort;
      dstLocal = true;
      break;
    case 'externalIP':
      if (sp.externalIPs.length === 0) return `${sp.name} has no external IPs`;
      dst = sp.externalIPs[0];
      dstLocal = dst === node.ip;
      break;
    case 'loadBalancer':
      if (sp.loadBalancerIPs.length === 0) return `${sp.name} has no load-balancer IP in its status`;
      dst = sp.loadBalancerIPs[0];
      break;
  }
  let src: string;
  if (q.sourceIP) src = q.sourceIP;
  else if (q.from === 'node') src = node.ip || '127.0.0.1';
  else if (q.from === 'pod') src = formatIP(cidrAddress(node.podCIDR as Cidr, 2));
  else src = DEFAULT_EXTERNAL_SOURCE;
  return { src, dst, proto: sp.protocol, dport, srcLocal: q.from === 'node', dstLocal, fromBridge: q.from === 'pod' };
}

function evaluate(plan: ProxyPlan, sp: ServicePortPlan, rules: RuleSet, pkt: Packet, q: TrafficQuery): TrafficResult {
  const index = new Map<string, Rule[]>();
  for (const r of rules.rules) {
    const key = `${r.table}/${r.chain}`;
    const list = index.get(key) ?? [];
    list.push(r);
    index.set(key, list);
  }
  const walker = new Walker(index, pkt);
  const natStart = q.from === 'node' ? 'OUTPUT' : 'PREROUTING';
  const natOutcomes = walker.run('nat', natStart, { prob: ONE, mark: 0, chains: [] });

  const finals: Outcome[] = [];
  for (const o of natOutcomes) {
    if (o.dnat) {
      finals.push(o);
      continue;
    }
    // Not DNATed: the filter table sees the original destination.
    const filterStart = q.from === 'node' ? 'OUTPUT' : pkt.dstLocal ? 'INPUT' : 'FORWARD';
    finals.push(...walker.run('filter', filterStart, o.state));
  }

  const chains: string[] = [];
  for (const o of finals) for (const c of o.state.chains) if (!chains.includes(c)) chains.push(c);

  const dnats = finals.filter((o) => o.dnat);
  const via = `${q.via} ${pkt.dst}:${pkt.dport}/${pkt.proto}`;
  if (dnats.length > 0) {
    const byKey = new Map<string, Fraction>();
    for (const o of dnats) byKey.set(o.dnat as string, add(byKey.get(o.dnat as string) ?? fraction(0n, 1n), o.state.prob));
    const endpointByKey = new Map(sp.endpoints.map((ep) => [ep.key, ep] as const));
    const keys = [...byKey.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const destinations = keys.map((key) => {
      const ep = endpointByKey.get(key);
      const { ip, port } = splitHostPort(key);
      const d: TrafficDestination = { ip, port, probability: toNumber(byKey.get(key) as Fraction) };
      if (ep?.pod) d.pod = ep.pod;
      return d;
    });
    const policyChain = chains.find((c) => /^nat\/KUBE-(SVC|SVL|XLB)-/.test(c))?.slice(4) ?? '';
    let reason = `${sp.name} ${via}: ${policyChain} DNATs to ${destinations.length === 1 ? 'its only endpoint' : `one of ${destinations.length} endpoints at random`}`;
    if (sp.affinitySeconds !== undefined) reason += `; sessionAffinity ClientIP keeps a client on the endpoint it first got for ${sp.affinitySeconds}s`;
    if (dnats.length < finals.length) reason += '; some connections are not translated';
    return { verdict: 'dnat', reason, chains, destinations };
  }

  const decided = finals.find((o) => o.target === 'REJECT') ?? finals.find((o) => o.target === 'DROP');
  if (decided) {
    const verdict = decided.target === 'REJECT' ? 'reject' : 'drop';
    const what = decided.comment ? `"${decided.comment}"` : 'a rule';
    const how = verdict === 'reject' ? 'REJECT (icmp-port-unreachable: connection refused)' : 'DROP (the connection times out)';
    return { verdict, reason: `${sp.name} ${via}: ${decided.chain} ${what} → ${how}`, chains, destinations: [] };
  }
  return {
    verdict: 'drop',
    reason: `${sp.name} ${via}: no kube-proxy rule translates this packet, so it goes to ${pkt.dst} unchanged and nothing answers there`,
    chains,
    destinations: [],
  };
}

function splitHostPort(key: string): { ip: string; port: number } {
  const i = key.lastIndexOf(':');
  const host = key.slice(0, i).replace(/^\[|\]$/g, '');
  return { ip: host, port: Number(key.slice(i + 1)) };
}

class Walker {
  private readonly cidrs = new Map<string, Cidr | undefined>();

  constructor(
    private readonly index: Map<string, Rule[]>,
    private readonly pkt: Packet,
  ) {}

  run(table: string, chain: string, state: State): Outcome[] {
    const entered = { ...state, chains: [...state.chains, `${table}/${chain}`] };
    return this.step(table, this.index.get(`${table}/${chain}`) ?? [], 0, entered);
  }

  private step(table: string, rules: Rule[], from: number, state: State): Outcome[] {
    for (let k = from; k < rules.length; k++) {
      const r = rules[k];
      const matched = this.match(r, state);
      if (matched === false) continue;
      if (matched === true) return this.apply(table, rules, k, state);
      // A statistic rule: taken with probability p, skipped otherwise.
      const taken = { ...state, prob: mul(state.prob, matched) };
      const skipped = { ...state, prob: mul(state.prob, complement(matched)) };
      return [...this.apply(table, rules, k, taken), ...this.step(table, rules, k + 1, skipped)];
    }
    return [{ state, done: false }];
  }

  private apply(table: string, rules: Rule[], k: number, state: State): Outcome[] {
    const r = rules[k];
    const target = r.target;
    const comment = r.matches.find((x): x is Extract<Match, { kind: 'comment' }> => x.kind === 'comment')?.text;
    if (!target) return this.step(table, rules, k + 1, state);
    switch (target.kind) {
      case 'jump': {
        const out: Outcome[] = [];
        for (const o of this.run(table, target.chain, state)) {
          if (o.done) out.push(o);
          else out.push(...this.step(table, rules, k + 1, o.state));
        }
        return out;
      }
      case 'RETURN':
        return [{ state, done: false }];
      case 'MARK':
        return this.step(table, rules, k + 1, { ...state, mark: ((state.mark & ~target.mask) ^ target.value) >>> 0 });
      case 'DNAT':
        return [{ state, done: true, target: 'DNAT', dnat: target.to, comment, chain: r.chain }];
      default:
        return [{ state, done: true, target: target.kind, comment, chain: r.chain }];
    }
  }

  private cidr(text: string): Cidr | undefined {
    if (!this.cidrs.has(text)) this.cidrs.set(text, parseCIDR(canonicalAddress(text)));
    return this.cidrs.get(text);
  }

  private inCidr(text: string, ip: string): boolean {
    const c = this.cidr(text);
    const addr = parseIP(ip);
    return !!c && !!addr && cidrContains(c, addr);
  }

  /** true, false, or the probability of a statistic match. */
  private match(r: Rule, state: State): boolean | Fraction {
    const pkt = this.pkt;
    if (r.src && this.inCidr(r.src.cidr, pkt.src) === !!r.src.negate) return false;
    if (r.dst && this.inCidr(r.dst.cidr, pkt.dst) === !!r.dst.negate) return false;
    if (r.proto && r.proto !== pkt.proto) return false;
    let probability: Fraction | undefined;
    for (const mt of r.matches) {
      switch (mt.kind) {
        case 'comment':
        case 'nfacct':
          break;
        case 'l4':
          if (mt.proto !== pkt.proto || (mt.dport !== undefined && mt.dport !== pkt.dport)) return false;
          break;
        case 'addrtype': {
          const local = mt.type === 'src' ? pkt.srcLocal : pkt.dstLocal;
          if (local === !!mt.negate) return false;
          break;
        }
        case 'statistic':
          probability = fraction(1n, BigInt(mt.oneIn));
          break;
        case 'recent':
          // A new client is in no recent list yet; --set only records it.
          if (mt.mode === 'rcheck') return false;
          break;
        case 'conntrack': {
          // A new connection not yet translated: state NEW only.
          const hit = mt.states.split(',').includes('NEW');
          if (hit === !!mt.negate) return false;
          break;
        }
        case 'mark': {
          const hit = ((state.mark & mt.mask) >>> 0) === mt.value;
          if (hit === !!mt.negate) return false;
          break;
        }
        case 'physdev-not-in':
          if (pkt.fromBridge) return false;
          break;
      }
    }
    return probability ?? true;
  }
}
