/** Collects chains and rules in the order kube-proxy writes them. */
import type { Address, ChainDecl, Match, Rule, RuleSet, Table, Target } from './rules';

export interface RuleParts {
  src?: Address;
  dst?: Address;
  proto?: string;
  matches?: Match[];
  target?: Target;
}

export class Emitter {
  private readonly chains = new Map<string, ChainDecl>();
  private readonly rules: Rule[] = [];

  declare(table: Table, name: string, policy?: 'ACCEPT' | 'DROP'): void {
    const key = `${table}/${name}`;
    if (!this.chains.has(key)) this.chains.set(key, { table, name, policy });
  }

  add(table: Table, chain: string, parts: RuleParts): void {
    this.declare(table, chain);
    this.rules.push({ table, chain, src: parts.src, dst: parts.dst, proto: parts.proto, matches: parts.matches ?? [], target: parts.target });
  }

  nat(chain: string, parts: RuleParts): void {
    this.add('nat', chain, parts);
  }

  filter(chain: string, parts: RuleParts): void {
    this.add('filter', chain, parts);
  }

  result(): RuleSet {
    return { chains: [...this.chains.values()], rules: [...this.rules] };
  }
}

export const BUILTIN_CHAINS: Record<Table, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

export function declareBuiltins(e: Emitter): void {
  for (const table of ['filter', 'nat'] as Table[]) for (const c of BUILTIN_CHAINS[table]) e.declare(table, c, 'ACCEPT');
}

export interface JumpChain {
  table: Table;
  dst: string;
  src: string;
  comment?: string;
  /** `-m conntrack --ctstate NEW` before the comment. */
  newOnly?: boolean;
}

/**
 * kube-proxy installs its jumps with `iptables -I` (prepend), one after the other, so in each
 * built-in chain they end up in reverse list order. Jumps kubelet installed before kube-proxy
 * started (`preexisting`) stay behind them.
 */
export function writeJumps(e: Emitter, jumps: JumpChain[], preexisting: JumpChain[]): void {
  const bySource = new Map<string, JumpChain[]>();
  for (const j of [...jumps].reverse()) {
    const key = `${j.table}/${j.src}`;
    bySource.set(key, [...(bySource.get(key) ?? []), j]);
  }
  for (const j of preexisting) {
    const key = `${j.table}/${j.src}`;
    bySource.set(key, [...(bySource.get(key) ?? []), j]);
  }
  const keys = [...bySource.keys()].sort();
  for (const key of keys) {
    for (const j of bySource.get(key) ?? []) {
      e.declare(j.table, j.dst);
      const matches: Match[] = [];
      if (j.newOnly) matches.push({ kind: 'conntrack', states: 'NEW' });
      if (j.comment) matches.push({ kind: 'comment', text: j.comment });
      e.add(j.table, j.src, { matches, target: { kind: 'jump', chain: j.dst } });
    }
  }
}
