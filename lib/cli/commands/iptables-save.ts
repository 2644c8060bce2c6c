/** `lineup iptables-save [PATH...] [--node NODE]`: kube-proxy's rules on one node. */
import { queryIptablesSave } from '../../query/iptables-save';
import { EXIT_OK, type CliIO } from '../io';
import { open, type CommonOptions } from './common';

export interface IptablesOptions extends CommonOptions {
  node?: string;
}

export function runIptablesSave(paths: string[], opts: IptablesOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  io.stdout.write(queryIptablesSave(cluster, { node: opts.node }));
  return EXIT_OK;
}
