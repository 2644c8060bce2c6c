/**
 * One iptables rule, held structurally so it can be both printed the way `iptables-save` prints
 * it and evaluated against a packet (traffic.ts). iptables-save does not echo the command line:
 * it prints what the kernel holds, in a fixed order — source, destination, protocol, then each
 * `-m` match in the order it was given with that module's canonical options, then the target.
 */
import { formatCIDR, parseCIDR, parseIP } from '../../k8s/ip';
import { savedProbability } from './probability';

export type Table = 'filter' | 'nat';

export type Match =
  | { kind: 'comment'; text: string }
  /** `-m tcp|udp|sctp [--dport N]` */
  | { kind: 'l4'; proto: string; dport?: number }
  | { kind: 'addrtype'; type: 'src' | 'dst'; negate?: boolean }
  /** probability as kube-proxy wrote it, and the n of 1/n it stands for. */
  | { kind: 'statistic'; probability: string; oneIn: number }
  | { kind: 'recent'; name: string; mode: 'rcheck' | 'set'; seconds?: number }
  | { kind: 'conntrack'; states: string; negate?: boolean }
  | { kind: 'mark'; value: number; mask: number; negate?: boolean }
  | { kind: 'physdev-not-in' }
  | { kind: 'nfacct'; name: string };

export type Target =
  | { kind: 'jump'; chain: string }
  | { kind: 'REJECT' }
  | { kind: 'DROP' }
  | { kind: 'ACCEPT' }
  | { kind: 'RETURN' }
  | { kind: 'DNAT'; to: string }
  /** MARK --set-xmark value/mask: what --or-mark and --xor-mark are stored as. */
  | { kind: 'MARK'; value: number; mask: number }
  | { kind: 'MASQUERADE' };

export interface Address {
  /** An address or CIDR as kube-proxy wrote it; printed with its prefix length. */
  cidr: string;
  negate?: boolean;
}

export interface Rule {
  table: Table;
  chain: string;
  src?: Address;
  dst?: Address;
  proto?: string;
  matches: Match[];
  /** Absent for kube-proxy's comment-only rule at the end of KUBE-FW chains. */
  target?: Target;
}

export interface ChainDecl {
  table: Table;
  name: string;
  /** Built-in chains have a policy; user chains print `-`. */
  policy?: 'ACCEPT' | 'DROP';
}

/** Everything kube-proxy programs on one node. */
export interface RuleSet {
  chains: ChainDecl[];
  rules: Rule[];
}

/** `10.0.0.1` → `10.0.0.1/32`, `10.0.0.0/8` unchanged (network form), as the kernel stores them. */
export function canonicalAddress(text: string): string {
  if (text.includes('/')) {
    const c = parseCIDR(text);
    return c ? formatCIDR(c) : text;
  }
  const ip = parseIP(text);
  if (!ip) return text;
  return `${text}/${ip.family === 'IPv4' ? 32 : 128}`;
}

/** libxtables' xtables_save_string: quoting is skipped only for `[A-Za-z0-9_-]+`; we always quote (docs/cli.md `iptables-save`). */
function quote(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}

function renderMatch(m: Match): string {
  switch (m.kind) {
    case 'comment':
      return `-m comment --comment ${quote(m.text)}`;
    case 'l4':
      return m.dport === undefined ? `-m ${m.proto}` : `-m ${m.proto} --dport ${m.dport}`;
    case 'addrtype':
      return `-m addrtype ${m.negate ? '! ' : ''}--${m.type}-type LOCAL`;
    case 'statistic':
      return `-m statistic --mode random --probability ${savedProbability(m.probability)}`;
    case 'recent':
      // libxt_recent prints the action, then --seconds, --reap, the name, the mask and the side.
      return m.mode === 'rcheck'
        ? `-m recent --rcheck --seconds ${m.seconds ?? 0} --reap --name ${m.name} --mask 255.255.255.255 --rsource`
        : `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'conntrack':
      return `-m conntrack ${m.negate ? '! ' : ''}--ctstate ${m.states}`;
    case 'mark':
      return `-m mark ${m.negate ? '! ' : ''}--mark ${hex(m.value)}/${hex(m.mask)}`;
    case 'physdev-not-in':
      return '-m physdev ! --physdev-is-in';
    case 'nfacct':
      return `-m nfacct --nfacct-name ${m.name}`;
  }
}

function renderTarget(t: Target): string {
  switch (t.kind) {
    case 'jump':
      return `-j ${t.chain}`;
    case 'REJECT':
      return '-j REJECT --reject-with icmp-port-unreachable';
    case 'DNAT':
      return `-j DNAT --to-destination ${t.to}`;
    case 'MARK':
      return `-j MARK --set-xmark ${hex(t.value)}/${hex(t.mask)}`;
    default:
      return `-j ${t.kind}`;
  }
}

/** One `-A` line exactly as iptables-save prints it. */
export function renderRule(rule: Rule): string {
  const parts = [`-A ${rule.chain}`];
  if (rule.src) parts.push(`${rule.src.negate ? '! ' : ''}-s ${canonicalAddress(rule.src.cidr)}`);
  if (rule.dst) parts.push(`${rule.dst.negate ? '! ' : ''}-d ${canonicalAddress(rule.dst.cidr)}`);
  if (rule.proto) parts.push(`-p ${rule.proto}`);
  for (const m of rule.matches) parts.push(renderMatch(m));
  if (rule.target) parts.push(renderTarget(rule.target));
  return parts.join(' ');
}

/** Small builders so layouts read like kube-proxy's own argument lists. */
export const m = {
  comment: (text: string): Match => ({ kind: 'comment', text }),
  l4: (proto: string, dport?: number): Match => ({ kind: 'l4', proto, dport }),
  srcLocal: (negate = false): Match => ({ kind: 'addrtype', type: 'src', negate }),
  dstLocal: (): Match => ({ kind: 'addrtype', type: 'dst' }),
  statistic: (probability: string, oneIn: number): Match => ({ kind: 'statistic', probability, oneIn }),
  rcheck: (name: string, seconds: number): Match => ({ kind: 'recent', name, mode: 'rcheck', seconds }),
  rset: (name: string): Match => ({ kind: 'recent', name, mode: 'set' }),
  ctstate: (states: string, negate = false): Match => ({ kind: 'conntrack', states, negate }),
  mark: (value: number, mask: number, negate = false): Match => ({ kind: 'mark', value, mask, negate }),
};

export const t = {
  jump: (chain: string): Target => ({ kind: 'jump', chain }),
  reject: (): Target => ({ kind: 'REJECT' }),
  drop: (): Target => ({ kind: 'DROP' }),
  accept: (): Target => ({ kind: 'ACCEPT' }),
  ret: (): Target => ({ kind: 'RETURN' }),
  dnat: (to: string): Target => ({ kind: 'DNAT', to }),
  mark: (value: number, mask: number): Target => ({ kind: 'MARK', value, mask }),
  masquerade: (): Target => ({ kind: 'MASQUERADE' }),
};
