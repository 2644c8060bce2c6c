/**
 * The rule layout of kube-proxy v1.24 and later (KUBE-EXT / KUBE-SVL / KUBE-PROXY-FIREWALL),
 * following pkg/proxy/iptables/proxier.go syncProxyRules and writeServiceToEndpointRules of
 * v1.31. Fixed settings of the simulated kube-proxy: masquerade bit 14 (mark 0x4000), local
 * traffic detected by cluster CIDR, localhost nodeports on (IPv4), no --masquerade-all, no
 * --random-fully, nfacct counters only when asked for (they depend on the kernel).
 */
import { cidrContains, parseCIDR, parseIP } from '../../k8s/ip';
import { Emitter, declareBuiltins, writeJumps, type JumpChain } from './emitter';
import type { PlanEndpoint, ProxyPlan, ServicePortPlan } from './plan';
import { kubeProxyProbability } from './probability';
import { m, t, type Match, type RuleSet } from './rules';

export interface LayoutOptions {
  /** Kernel supports nfacct: kube-proxy adds packet counters to two rules. */
  nfacct?: boolean;
}

const MASQ = 0x4000;
/** Large-cluster mode drops per-service comments on SVC/SEP rules (largeClusterEndpointsThreshold). */
const LARGE_CLUSTER_ENDPOINTS = 1000;

const JUMPS: JumpChain[] = [
  { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'INPUT', comment: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'FORWARD', comment: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', dst: 'KUBE-NODEPORTS', src: 'INPUT', comment: 'kubernetes health check service ports' },
  { table: 'filter', dst: 'KUBE-SERVICES', src: 'FORWARD', comment: 'kubernetes service portals', newOnly: true },
  { table: 'filter', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals', newOnly: true },
  { table: 'filter', dst: 'KUBE-FORWARD', src: 'FORWARD', comment: 'kubernetes forwarding rules' },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'INPUT', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'OUTPUT', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', dst: 'KUBE-PROXY-FIREWALL', src: 'FORWARD', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'nat', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals' },
  { table: 'nat', dst: 'KUBE-SERVICES', src: 'PREROUTING', comment: 'kubernetes service portals' },
  { table: 'nat', dst: 'KUBE-POSTROUTING', src: 'POSTROUTING', comment: 'kubernetes postrouting rules' },
];

/** kube-proxy's copies of kubelet's KUBE-FIREWALL jumps; kubelet created them first. */
const KUBELET_JUMPS: JumpChain[] = [
  { table: 'filter', dst: 'KUBE-FIREWALL', src: 'INPUT' },
  { table: 'filter', dst: 'KUBE-FIREWALL', src: 'OUTPUT' },
];

export function currentLayout(plan: ProxyPlan, opts: LayoutOptions = {}): RuleSet {
  const e = new Emitter();
  declareBuiltins(e);
  writeJumps(e, JUMPS, KUBELET_JUMPS);
  for (const c of ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL']) e.declare('filter', c);
  for (const c of ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-MARK-MASQ', 'KUBE-POSTROUTING']) e.declare('nat', c);

  e.nat('KUBE-POSTROUTING', { matches: [m.mark(MASQ, MASQ, true)], target: t.ret() });
  e.nat('KUBE-POSTROUTING', { target: t.mark(MASQ, 0) }); // --xor-mark
  e.nat('KUBE-POSTROUTING', { matches: [m.comment('kubernetes service traffic requiring SNAT')], target: t.masquerade() });
  e.nat('KUBE-MARK-MASQ', { target: t.mark(MASQ, MASQ) }); // --or-mark

  const totalEndpoints = plan.services.reduce((n, s) => n + s.endpoints.length, 0);
  const large = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  for (const sp of plan.services) writeService(e, plan, sp, large, opts);

  e.nat('KUBE-SERVICES', {
    matches: [m.comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), m.dstLocal()],
    target: t.jump('KUBE-NODEPORTS'),
  });

  e.filter('KUBE-FORWARD', {
    matches: [m.ctstate('INVALID'), ...(opts.nfacct ? [{ kind: 'nfacct', name: 'ct_state_invalid_dropped_pkts' } as Match] : [])],
    target: t.drop(),
  });
  e.filter('KUBE-FORWARD', { matches: [m.comment('kubernetes forwarding rules'), m.mark(MASQ, MASQ)], target: t.accept() });
  e.filter('KUBE-FORWARD', { matches: [m.comment('kubernetes forwarding conntrack rule'), m.ctstate('RELATED,ESTABLISHED')], target: t.accept() });
  // Localhost nodeports need route_localnet; this guards it (IPv4 only).
  e.filter('KUBE-FIREWALL', {
    src: { cidr: '127.0.0.0/8', negate: true },
    dst: { cidr: '127.0.0.0/8' },
    matches: [m.comment('block incoming localnet connections'), m.ctstate('RELATED,ESTABLISHED,DNAT', true)],
    target: t.drop(),
  });
  return e.result();
}

function svcComment(large: boolean, text: string): Match[] {
  return large ? [] : [m.comment(text)];
}

function writeService(e: Emitter, plan: ProxyPlan, sp: ServicePortPlan, large: boolean, opts: LayoutOptions): void {
  const p = sp.protocol;
  const S = sp.name;
  const usesClusterEndpoints = !sp.internalLocal || sp.externallyAccessible;
  const usesLocalEndpoints = sp.internalLocal || (sp.externallyAccessible && sp.externalLocal);
  const usesClusterPolicyChain = sp.clusterEndpoints.length > 0 && usesClusterEndpoints;
  const usesLocalPolicyChain = sp.localEndpoints.length > 0 && usesLocalEndpoints;
  const clusterPolicyChain = sp.chains.svc;
  const localPolicyChain = sp.chains.svl;

  const hasEndpoints = sp.hasEndpoints;
  let hasInternalEndpoints = hasEndpoints;
  let internalPolicyChain = clusterPolicyChain;
  if (sp.internalLocal) {
    internalPolicyChain = localPolicyChain;
    if (sp.localEndpoints.length === 0) hasInternalEndpoints = false;
  }
  let hasExternalEndpoints = hasEndpoints;
  let externalPolicyChain = clusterPolicyChain;
  if (sp.externalLocal) {
    externalPolicyChain = localPolicyChain;
    if (sp.localEndpoints.length === 0) hasExternalEndpoints = false;
  }
  const extChain = sp.chains.ext;
  const usesExternalTrafficChain = hasEndpoints && sp.externallyAccessible;
  const usesFWChain = hasEndpoints && sp.loadBalancerIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? sp.chains.fw : extChain;

  const internalFilter = !hasEndpoints ? { target: t.reject(), comment: `${S} has no endpoints` } : { target: t.drop(), comment: `${S} has no local endpoints` };
  const externalFilter = internalFilter;

  const vip = (ip: string, port: number) => ({ dst: { cidr: ip }, proto: p, l4: m.l4(p, port) });

  // Capture the clusterIP.
  const cip = vip(sp.clusterIP, sp.port.port);
  if (hasInternalEndpoints) {
    e.nat('KUBE-SERVICES', { dst: cip.dst, proto: p, matches: [m.comment(`${S} cluster IP`), cip.l4], target: t.jump(internalPolicyChain) });
  } else {
    e.filter('KUBE-SERVICES', { dst: cip.dst, proto: p, matches: [m.comment(internalFilter.comment), cip.l4], target: internalFilter.target });
  }

  for (const ip of sp.externalIPs) {
    const v = vip(ip, sp.port.port);
    if (hasEndpoints) e.nat('KUBE-SERVICES', { dst: v.dst, proto: p, matches: [m.comment(`${S} external IP`), v.l4], target: t.jump(extChain) });
    if (!hasExternalEndpoints) e.filter('KUBE-EXTERNAL-SERVICES', { dst: v.dst, proto: p, matches: [m.comment(externalFilter.comment), v.l4], target: externalFilter.target });
  }

  for (const ip of sp.loadBalancerIPs) {
    const v = vip(ip, sp.port.port);
    if (hasEndpoints) e.nat('KUBE-SERVICES', { dst: v.dst, proto: p, matches: [m.comment(`${S} loadbalancer IP`), v.l4], target: t.jump(loadBalancerTrafficChain) });
    if (usesFWChain) {
      e.filter('KUBE-PROXY-FIREWALL', { dst: v.dst, proto: p, matches: [m.comment(`${S} traffic not accepted by ${sp.chains.fw}`), v.l4], target: t.drop() });
    }
  }
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerIPs) {
      const v = vip(ip, sp.port.port);
      e.filter('KUBE-EXTERNAL-SERVICES', { dst: v.dst, proto: p, matches: [m.comment(externalFilter.comment), v.l4], target: externalFilter.target });
    }
  }

  if (sp.nodePort !== 0) {
    if (hasEndpoints) {
      if (opts.nfacct) {
        e.nat('KUBE-NODEPORTS', {
          dst: { cidr: '127.0.0.0/8' },
          proto: p,
          matches: [m.comment(S), m.l4(p, sp.nodePort), { kind: 'nfacct', name: 'localhost_nps_accepted_pkts' }],
          target: t.jump(extChain),
        });
      }
      e.nat('KUBE-NODEPORTS', { proto: p, matches: [m.comment(S), m.l4(p, sp.nodePort)], target: t.jump(extChain) });
    }
    if (!hasExternalEndpoints) {
      e.filter('KUBE-EXTERNAL-SERVICES', { proto: p, matches: [m.comment(externalFilter.comment), m.dstLocal(), m.l4(p, sp.nodePort)], target: externalFilter.target });
    }
  }

  if (sp.healthCheckNodePort !== 0) {
    e.filter('KUBE-NODEPORTS', { proto: 'tcp', matches: [m.comment(`${S} health check node port`), m.l4('tcp', sp.healthCheckNodePort)], target: t.accept() });
  }

  // Internal traffic: masquerade off-cluster sources (local traffic detected by cluster CIDR).
  if (hasInternalEndpoints) {
    e.nat(internalPolicyChain, {
      src: { cidr: plan.clusterCIDR, negate: true },
      dst: cip.dst,
      proto: p,
      matches: [m.comment(`${S} cluster IP`), cip.l4],
      target: t.jump('KUBE-MARK-MASQ'),
    });
  }

  if (usesExternalTrafficChain) {
    e.declare('nat', extChain);
    if (!sp.externalLocal) {
      e.nat(extChain, { matches: [m.comment(`masquerade traffic for ${S} external destinations`)], target: t.jump('KUBE-MARK-MASQ') });
    } else {
      // Pod → external destination traffic is subject to neither policy: it behaves as if it went out to the LB and back.
      e.nat(extChain, { src: { cidr: plan.clusterCIDR }, matches: [m.comment(`pod traffic for ${S} external destinations`)], target: t.jump(clusterPolicyChain) });
      e.nat(extChain, { matches: [m.comment(`masquerade LOCAL traffic for ${S} external destinations`), m.srcLocal()], target: t.jump('KUBE-MARK-MASQ') });
      e.nat(extChain, { matches: [m.comment(`route LOCAL traffic for ${S} external destinations`), m.srcLocal()], target: t.jump(clusterPolicyChain) });
    }
    if (hasExternalEndpoints) e.nat(extChain, { target: t.jump(externalPolicyChain) });
  }

  if (usesFWChain) {
    const fw = sp.chains.fw;
    e.declare('nat', fw);
    const nodeIP = parseIP(plan.node.ip);
    let allowFromNode = false;
    for (const range of sp.loadBalancerSourceRanges) {
      e.nat(fw, { src: { cidr: range }, matches: [m.comment(`${S} loadbalancer IP`)], target: t.jump(extChain) });
      const c = parseCIDR(range);
      if (c && nodeIP && cidrContains(c, nodeIP)) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const ip of sp.loadBalancerIPs) e.nat(fw, { src: { cidr: ip }, matches: [m.comment(`${S} loadbalancer IP`)], target: t.jump(extChain) });
    }
    e.nat(fw, { matches: [m.comment(`other traffic to ${S} will be dropped by KUBE-PROXY-FIREWALL`)] });
  }

  if (usesClusterPolicyChain) writeServiceToEndpointRules(e, sp, clusterPolicyChain, sp.clusterEndpoints, large, plan);
  if (usesLocalPolicyChain) writeServiceToEndpointRules(e, sp, localPolicyChain, sp.localEndpoints, large, plan);

  const reachable = new Map<string, PlanEndpoint>();
  if (usesClusterEndpoints) for (const ep of sp.clusterEndpoints) reachable.set(ep.key, ep);
  if (usesLocalEndpoints) for (const ep of sp.localEndpoints) reachable.set(ep.key, ep);
  const seps = [...reachable.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const ep of seps) {
    e.declare('nat', ep.chain);
    e.nat(ep.chain, { src: { cidr: ep.ip }, matches: svcComment(large, S), target: t.jump('KUBE-MARK-MASQ') });
    const matches = [...svcComment(large, S)];
    if (sp.affinitySeconds !== undefined) matches.push(m.rset(ep.chain));
    matches.push(m.l4(p));
    e.nat(ep.chain, { proto: p, matches, target: t.dnat(ep.key) });
  }
}

function writeServiceToEndpointRules(e: Emitter, sp: ServicePortPlan, chain: string, endpoints: PlanEndpoint[], large: boolean, plan: ProxyPlan): void {
  e.declare('nat', chain);
  if (sp.affinitySeconds !== undefined) {
    for (const ep of endpoints) {
      e.nat(chain, { matches: [...svcComment(large, `${sp.name} -> ${ep.key}`), m.rcheck(ep.chain, sp.affinitySeconds)], target: t.jump(ep.chain) });
    }
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const matches = [...svcComment(large, `${sp.name} -> ${ep.key}`)];
    if (i < n - 1) matches.push(m.statistic(kubeProxyProbability(n - i, plan.version), n - i));
    e.nat(chain, { matches, target: t.jump(ep.chain) });
  });
}
