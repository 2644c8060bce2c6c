/** `lineup reach [PATH...] [--from POD|WORKLOAD|NAMESPACE/] [--to SERVICE[:PORT]]`: the client × Service-port matrix. */
import { queryReach } from '../../query/reach';
import { writeReach, writeReachJson } from '../printers/reach';
import { EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export interface ReachCommandOptions extends CommonOptions {
  from?: string;
  to?: string;
}

export function runReach(paths: string[], opts: ReachCommandOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const matrix = queryReach(cluster, { from: opts.from, to: opts.to, namespace: namespaceOf(opts) });
  if (opts.output === 'json') {
    writeReachJson(matrix, io.stdout);
    return EXIT_OK;
  }
  if (!writeReach(matrix, io.stdout)) io.stderr.write('No Service ports with ready endpoints to reach.\n');
  return EXIT_OK;
}
