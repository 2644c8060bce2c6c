/** `lineup iptables-save [PATH...] [--node NODE]`: kube-proxy's rules on one node. */
import { iptablesSave } from '../../views/kube-proxy';
import { EXIT_OK, type CliIO } from '../io';
import { resolveNode } from '../targets';
import { open, type CommonOptions } from './common';

export interface IptablesOptions extends CommonOptions {
  node?: string;
}

export function runIptablesSave(paths: string[], opts: IptablesOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const node = opts.node !== undefined ? resolveNode(cluster, opts.node) : undefined;
  io.stdout.write(iptablesSave(cluster, node));
  return EXIT_OK;
}
