/** `lineup trace TARGET [PATH...] (--from POD | --from-node NODE | --from-external)`. */
import { parseIP } from '../../k8s/ip';
import { DEFAULT_CLIENT_IP, formatTrace, trace, type TraceSource } from '../../views/trace';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { resolveNode, resolvePod } from '../targets';
import { namespaceOf, open, type CommonOptions } from './common';

export interface TraceOptions extends CommonOptions {
  from?: string;
  fromNode?: string;
  fromExternal?: boolean;
  clientIp?: string;
}

const SOURCE_HINT = 'give exactly one of --from POD, --from-node NODE or --from-external';

export function runTrace(target: string, paths: string[], opts: TraceOptions, io: CliIO): number {
  const given = [opts.from !== undefined, opts.fromNode !== undefined, !!opts.fromExternal].filter(Boolean).length;
  if (given !== 1) throw new CliError(given === 0 ? 'trace needs a starting point' : 'trace takes one starting point', SOURCE_HINT);
  const { cluster } = open(paths, opts);
  let source: TraceSource;
  if (opts.from !== undefined) source = { pod: resolvePod(cluster, opts.from, namespaceOf(opts), '--from') };
  else if (opts.fromNode !== undefined) source = { node: resolveNode(cluster, opts.fromNode) };
  else {
    if (opts.clientIp !== undefined && !parseIP(opts.clientIp)) throw new CliError(`--client-ip "${opts.clientIp}" is not an IP address`, 'give an address such as 203.0.113.10');
    source = { external: true, clientIP: opts.clientIp ?? DEFAULT_CLIENT_IP };
  }
  const result = trace(cluster, target, source);
  if (!result) throw new CliError(`cannot parse target "${target}"`, 'give http://host[:port]/path, tcp|udp|sctp://host:port, host:port or ip:port');
  if (opts.output === 'json') {
    io.stdout.write(JSON.stringify({ outcome: result.outcome, hops: result.hops, destinations: result.destinations, deniedProbability: result.deniedProbability }, null, 2) + '\n');
  } else {
    io.stdout.write(formatTrace(result));
  }
  return EXIT_OK;
}
