/** `iptables-save`: the nat and filter tables kube-proxy (iptables mode) programs on one node, as iptables-save prints them. */
import type { Cluster } from '../cluster/model';
import { iptablesSave } from '../views/kube-proxy';
import { resolveNode } from './targets';

export interface IptablesSaveQuery {
  /** The node (default: the first). */
  node?: string;
}

/** The tables as text: iptables-save's format is the answer itself. */
export function queryIptablesSave(cluster: Cluster, query: IptablesSaveQuery = {}): string {
  return iptablesSave(cluster, query.node === undefined ? undefined : resolveNode(cluster, query.node));
}
