/**
 * The rule layout of kube-proxy before v1.24: KUBE-SVC / KUBE-SEP / KUBE-FW / KUBE-XLB chains,
 * the off-cluster masquerade rule in KUBE-SERVICES, KUBE-MARK-DROP for dropped external traffic.
 * Written after pkg/proxy/iptables/proxier.go of v1.12 and v1.18–v1.19; the release-by-release
 * differences that are modelled are flagged where they apply (see `LegacyFlags`).
 *
 * kubelet (not kube-proxy) owned KUBE-MARK-DROP and KUBE-FIREWALL in these releases; they are
 * rendered too because a real node's iptables-save shows them and the XLB rules depend on them.
 */
import { cidrContains, parseCIDR, parseIP } from '../../k8s/ip';
import type { KubernetesVersion } from '../../cluster/model';
import { versionAtLeast } from '../../k8s/version';
import { Emitter, declareBuiltins, writeJumps, type JumpChain } from './emitter';
import type { PlanEndpoint, ProxyPlan, ServicePortPlan } from './plan';
import { kubeProxyProbability } from './probability';
import { m, t, type Match, type RuleSet } from './rules';
import type { LayoutOptions } from './layout-current';

const MASQ = 0x4000;
const DROP_MARK = 0x8000;
const LARGE_CLUSTER_ENDPOINTS = 1000;

interface LegacyFlags {
  /** Balancing rules in KUBE-SVC carry the service comment (appendServiceCommentLocked works from ~v1.18). */
  balancingComment: boolean;
  /** KUBE-FORWARD drops ctstate INVALID (v1.15, kubernetes#74840). */
  dropInvalid: boolean;
  /** KUBE-XLB masquerades and routes host-originated traffic (v1.15+). */
  xlbLocalSource: boolean;
  /** KUBE-POSTROUTING in three rules (RETURN unless marked, clear the mark, MASQUERADE), v1.20+. */
  postroutingReturn: boolean;
  /** One "kubernetes forwarding conntrack rule" instead of pod source/destination rules, v1.21+. */
  singleConntrackRule: boolean;
  /** filter KUBE-NODEPORTS accepts health-check node ports, v1.20+. */
  healthCheckRules: boolean;
  /** Where REJECT rules for LB IPs of endpoint-less services go. */
  lbRejectChain: string;
  jumps: JumpChain[];
}

const J = {
  extInput: { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'INPUT', comment: 'kubernetes externally-visible service portals', newOnly: true },
  extForward: { table: 'filter', dst: 'KUBE-EXTERNAL-SERVICES', src: 'FORWARD', comment: 'kubernetes externally-visible service portals', newOnly: true },
  hcInput: { table: 'filter', dst: 'KUBE-NODEPORTS', src: 'INPUT', comment: 'kubernetes health check service ports' },
  svcForward: { table: 'filter', dst: 'KUBE-SERVICES', src: 'FORWARD', comment: 'kubernetes service portals', newOnly: true },
  svcOutput: { table: 'filter', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals', newOnly: true },
  svcInput: { table: 'filter', dst: 'KUBE-SERVICES', src: 'INPUT', comment: 'kubernetes service portals', newOnly: true },
  forward: { table: 'filter', dst: 'KUBE-FORWARD', src: 'FORWARD', comment: 'kubernetes forwarding rules' },
  natOutput: { table: 'nat', dst: 'KUBE-SERVICES', src: 'OUTPUT', comment: 'kubernetes service portals' },
  natPrerouting: { table: 'nat', dst: 'KUBE-SERVICES', src: 'PREROUTING', comment: 'kubernetes service portals' },
  natPostrouting: { table: 'nat', dst: 'KUBE-POSTROUTING', src: 'POSTROUTING', comment: 'kubernetes postrouting rules' },
} satisfies Record<string, JumpChain>;

function flagsFor(v: KubernetesVersion): LegacyFlags {
  const at = (minor: number) => versionAtLeast(v, 1, minor);
  let jumps: JumpChain[];
  if (at(20)) jumps = [J.extInput, J.extForward, J.hcInput, J.svcForward, J.svcOutput, J.forward, J.natOutput, J.natPrerouting, J.natPostrouting];
  else if (at(15)) jumps = [J.extInput, J.svcForward, J.svcOutput, J.svcInput, J.forward, J.natOutput, J.natPrerouting, J.natPostrouting];
  else jumps = [J.extInput, J.svcOutput, J.natOutput, J.natPrerouting, J.natPostrouting, J.forward];
  return {
    balancingComment: at(18),
    dropInvalid: at(15),
    xlbLocalSource: at(15),
    postroutingReturn: at(20),
    singleConntrackRule: at(21),
    healthCheckRules: at(20),
    lbRejectChain: at(15) ? 'KUBE-SERVICES' : 'KUBE-EXTERNAL-SERVICES',
    jumps,
  };
}

/** kubelet's own chains, present on every node of these releases. */
const KUBELET_JUMPS: JumpChain[] = [
  { table: 'filter', dst: 'KUBE-FIREWALL', src: 'INPUT' },
  { table: 'filter', dst: 'KUBE-FIREWALL', src: 'OUTPUT' },
];

export function legacyLayout(plan: ProxyPlan, _opts: LayoutOptions = {}): RuleSet {
  const f = flagsFor(plan.version);
  const e = new Emitter();
  declareBuiltins(e);
  writeJumps(e, f.jumps, KUBELET_JUMPS);
  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-FIREWALL']) e.declare('filter', c);
  if (f.healthCheckRules) e.declare('filter', 'KUBE-NODEPORTS');
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ', 'KUBE-MARK-DROP']) e.declare('nat', c);

  if (f.postroutingReturn) {
    e.nat('KUBE-POSTROUTING', { matches: [m.mark(MASQ, MASQ, true)], target: t.ret() });
    e.nat('KUBE-POSTROUTING', { target: t.mark(MASQ, 0) });
    e.nat('KUBE-POSTROUTING', { matches: [m.comment('kubernetes service traffic requiring SNAT')], target: t.masquerade() });
  } else {
    e.nat('KUBE-POSTROUTING', { matches: [m.comment('kubernetes service traffic requiring SNAT'), m.mark(MASQ, MASQ)], target: t.masquerade() });
  }
  e.nat('KUBE-MARK-MASQ', { target: t.mark(MASQ, MASQ) });
  e.nat('KUBE-MARK-DROP', { target: t.mark(DROP_MARK, DROP_MARK) });
  e.filter('KUBE-FIREWALL', { matches: [m.comment('kubernetes firewall for dropping marked packets'), m.mark(DROP_MARK, DROP_MARK)], target: t.drop() });

  const totalEndpoints = plan.services.reduce((n, s) => n + s.clusterEndpoints.length, 0);
  const large = versionAtLeast(plan.version, 1, 18) && totalEndpoints > LARGE_CLUSTER_ENDPOINTS;
  for (const sp of plan.services) writeService(e, plan, sp, f, large);

  e.nat('KUBE-SERVICES', {
    matches: [m.comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), m.dstLocal()],
    target: t.jump('KUBE-NODEPORTS'),
  });

  if (f.dropInvalid) e.filter('KUBE-FORWARD', { matches: [m.ctstate('INVALID')], target: t.drop() });
  e.filter('KUBE-FORWARD', { matches: [m.comment('kubernetes forwarding rules'), m.mark(MASQ, MASQ)], target: t.accept() });
  if (f.singleConntrackRule) {
    e.filter('KUBE-FORWARD', { matches: [m.comment('kubernetes forwarding conntrack rule'), m.ctstate('RELATED,ESTABLISHED')], target: t.accept() });
  } else {
    e.filter('KUBE-FORWARD', { src: { cidr: plan.clusterCIDR }, matches: [m.comment('kubernetes forwarding conntrack pod source rule'), m.ctstate('RELATED,ESTABLISHED')], target: t.accept() });
    e.filter('KUBE-FORWARD', { dst: { cidr: plan.clusterCIDR }, matches: [m.comment('kubernetes forwarding conntrack pod destination rule'), m.ctstate('RELATED,ESTABLISHED')], target: t.accept() });
  }
  return e.result();
}

function writeService(e: Emitter, plan: ProxyPlan, sp: ServicePortPlan, f: LegacyFlags, large: boolean): void {
  const p = sp.protocol;
  const S = sp.name;
  const svcChain = sp.chains.svc;
  const xlbChain = sp.chains.xlb;
  // internalTrafficPolicy Local (v1.21–v1.23) balanced the service chain over local endpoints only.
  const endpoints = sp.internalLocal ? sp.localEndpoints : sp.clusterEndpoints;
  const hasEndpoints = endpoints.length > 0;
  const onlyLocal = sp.externalLocal;

  if (hasEndpoints) e.declare('nat', svcChain);
  if (onlyLocal) e.declare('nat', xlbChain);

  const vipParts = (ip: string, port: number) => ({ dst: { cidr: ip }, proto: p });
  const cip = vipParts(sp.clusterIP, sp.port.port);
  if (hasEndpoints) {
    const matches = [m.comment(`${S} cluster IP`), m.l4(p, sp.port.port)];
    e.nat('KUBE-SERVICES', { src: { cidr: plan.clusterCIDR, negate: true }, ...cip, matches, target: t.jump('KUBE-MARK-MASQ') });
    e.nat('KUBE-SERVICES', { ...cip, matches, target: t.jump(svcChain) });
  } else {
    e.filter('KUBE-SERVICES', { ...cip, matches: [m.comment(`${S} has no endpoints`), m.l4(p, sp.port.port)], target: t.reject() });
  }

  for (const ip of sp.externalIPs) {
    const v = vipParts(ip, sp.port.port);
    if (hasEndpoints) {
      const base = [m.comment(`${S} external IP`), m.l4(p, sp.port.port)];
      e.nat('KUBE-SERVICES', { ...v, matches: base, target: t.jump('KUBE-MARK-MASQ') });
      // Traffic from off the machine (not from a bridge, not from a local process), and traffic to local external IPs.
      e.nat('KUBE-SERVICES', { ...v, matches: [...base, { kind: 'physdev-not-in' }, m.srcLocal(true)], target: t.jump(svcChain) });
      e.nat('KUBE-SERVICES', { ...v, matches: [...base, m.dstLocal()], target: t.jump(svcChain) });
    } else {
      e.filter('KUBE-EXTERNAL-SERVICES', { ...v, matches: [m.comment(`${S} has no endpoints`), m.l4(p, sp.port.port)], target: t.reject() });
    }
  }

  const fwChain = sp.chains.fw;
  for (const ip of sp.loadBalancerIPs) {
    const v = vipParts(ip, sp.port.port);
    if (hasEndpoints) {
      e.declare('nat', fwChain);
      e.nat('KUBE-SERVICES', { ...v, matches: [m.comment(`${S} loadbalancer IP`), m.l4(p, sp.port.port)], target: t.jump(fwChain) });
      const c = [m.comment(`${S} loadbalancer IP`)];
      let chosen = xlbChain;
      if (!onlyLocal) {
        e.nat(fwChain, { matches: c, target: t.jump('KUBE-MARK-MASQ') });
        chosen = svcChain;
      }
      if (sp.loadBalancerSourceRanges.length === 0) {
        e.nat(fwChain, { matches: c, target: t.jump(chosen) });
      } else {
        const nodeIP = parseIP(plan.node.ip);
        let allowFromNode = false;
        for (const range of sp.loadBalancerSourceRanges) {
          e.nat(fwChain, { src: { cidr: range }, matches: c, target: t.jump(chosen) });
          const cidr = parseCIDR(range);
          if (cidr && nodeIP && cidrContains(cidr, nodeIP)) allowFromNode = true;
        }
        if (allowFromNode) e.nat(fwChain, { src: { cidr: ip }, matches: c, target: t.jump(chosen) });
      }
      e.nat(fwChain, { matches: c, target: t.jump('KUBE-MARK-DROP') });
    } else {
      e.filter(f.lbRejectChain, { ...v, matches: [m.comment(`${S} has no endpoints`), m.l4(p, sp.port.port)], target: t.reject() });
    }
  }

  if (sp.nodePort !== 0) {
    const base = [m.comment(S), m.l4(p, sp.nodePort)];
    if (hasEndpoints) {
      if (!onlyLocal) {
        e.nat('KUBE-NODEPORTS', { proto: p, matches: base, target: t.jump('KUBE-MARK-MASQ') });
        e.nat('KUBE-NODEPORTS', { proto: p, matches: base, target: t.jump(svcChain) });
      } else {
        // Fix localhost martian source error.
        e.nat('KUBE-NODEPORTS', { src: { cidr: '127.0.0.0/8' }, proto: p, matches: base, target: t.jump('KUBE-MARK-MASQ') });
        e.nat('KUBE-NODEPORTS', { proto: p, matches: base, target: t.jump(xlbChain) });
      }
    } else {
      e.filter('KUBE-EXTERNAL-SERVICES', { proto: p, matches: [m.comment(`${S} has no endpoints`), m.dstLocal(), m.l4(p, sp.nodePort)], target: t.reject() });
    }
  }

  if (f.healthCheckRules && sp.healthCheckNodePort !== 0) {
    e.filter('KUBE-NODEPORTS', { proto: 'tcp', matches: [m.comment(`${S} health check node port`), m.l4('tcp', sp.healthCheckNodePort)], target: t.accept() });
  }

  if (!hasEndpoints) return;

  const comment = (text: string): Match[] => (large ? [] : [m.comment(text)]);
  if (sp.affinitySeconds !== undefined) {
    for (const ep of endpoints) e.nat(svcChain, { matches: [...comment(S), m.rcheck(ep.chain, sp.affinitySeconds)], target: t.jump(ep.chain) });
  }
  const n = endpoints.length;
  endpoints.forEach((ep, i) => {
    const matches: Match[] = f.balancingComment ? comment(S) : [];
    if (i < n - 1) matches.push(m.statistic(kubeProxyProbability(n - i, plan.version), n - i));
    e.nat(svcChain, { matches, target: t.jump(ep.chain) });
    writeEndpointChain(e, sp, ep, comment(S));
  });

  if (!onlyLocal) return;
  const local = endpoints.filter((ep) => ep.local);
  e.nat(xlbChain, { src: { cidr: plan.clusterCIDR }, matches: [m.comment('Redirect pods trying to reach external loadbalancer VIP to clusterIP')], target: t.jump(svcChain) });
  if (f.xlbLocalSource) {
    e.nat(xlbChain, { matches: [m.comment(`masquerade LOCAL traffic for ${S} LB IP`), m.srcLocal()], target: t.jump('KUBE-MARK-MASQ') });
    e.nat(xlbChain, { matches: [m.comment(`route LOCAL traffic for ${S} LB IP to service chain`), m.srcLocal()], target: t.jump(svcChain) });
  }
  if (local.length === 0) {
    e.nat(xlbChain, { matches: [m.comment(`${S} has no local endpoints`)], target: t.jump('KUBE-MARK-DROP') });
    return;
  }
  if (sp.affinitySeconds !== undefined) {
    for (const ep of local) e.nat(xlbChain, { matches: [m.comment(S), m.rcheck(ep.chain, sp.affinitySeconds)], target: t.jump(ep.chain) });
  }
  local.forEach((ep, i) => {
    const matches: Match[] = [m.comment(`Balancing rule ${i} for ${S}`)];
    if (i < local.length - 1) matches.push(m.statistic(kubeProxyProbability(local.length - i, plan.version), local.length - i));
    e.nat(xlbChain, { matches, target: t.jump(ep.chain) });
  });
}

function writeEndpointChain(e: Emitter, sp: ServicePortPlan, ep: PlanEndpoint, comment: Match[]): void {
  e.declare('nat', ep.chain);
  e.nat(ep.chain, { src: { cidr: ep.ip }, matches: comment, target: t.jump('KUBE-MARK-MASQ') });
  const matches = [...comment];
  if (sp.affinitySeconds !== undefined) matches.push(m.rset(ep.chain));
  matches.push(m.l4(sp.protocol));
  e.nat(ep.chain, { proto: sp.protocol, matches, target: t.dnat(ep.key) });
}
