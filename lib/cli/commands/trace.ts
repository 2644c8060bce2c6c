/** `lineup trace TARGET [PATH...] (--from POD | --from-node NODE | --from-external [--via …]) [--method M] [--header 'N: v']...`. */
import { parseIP } from '../../k8s/ip';
import { parseHeader } from '../../views/gateway-trace';
import { DEFAULT_CLIENT_IP, TARGET_FORMS, formatTrace, traceJson, type TraceOptions } from '../../views/trace';
import { queryTrace, type TraceStart } from '../../query/trace';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export interface TraceCommandOptions extends CommonOptions {
  from?: string;
  fromNode?: string;
  fromExternal?: boolean;
  via?: string;
  method?: string;
  header?: string[];
  clientIp?: string;
}

const SOURCE_HINT = 'give exactly one of --from POD, --from-node NODE or --from-external';

/** `--via ingress|gateway|gateway/NS/NAME|gateway/NAME` (NAME in -n's namespace). */
function parseVia(text: string, namespace: string): TraceOptions['via'] {
  if (text === 'ingress' || text === 'gateway') return text;
  const m = /^gateway\/(?:([^/]+)\/)?([^/]+)$/.exec(text);
  if (m) return { namespace: m[1] ?? namespace, name: m[2] };
  throw new CliError(`unknown --via "${text}"`, 'give ingress, gateway or gateway/NAMESPACE/NAME');
}

export function runTrace(target: string, paths: string[], opts: TraceCommandOptions, io: CliIO): number {
  const given = [opts.from !== undefined, opts.fromNode !== undefined, !!opts.fromExternal].filter(Boolean).length;
  if (given !== 1) throw new CliError(given === 0 ? 'trace needs a starting point' : 'trace takes one starting point', SOURCE_HINT);
  if (opts.via !== undefined && !opts.fromExternal) throw new CliError('--via needs --from-external', 'a request enters through a Gateway or an ingress controller from outside the cluster');
  const options: TraceOptions = {};
  if (opts.via !== undefined) options.via = parseVia(opts.via, namespaceOf(opts));
  if (opts.method !== undefined) {
    if (!/^[A-Za-z]+$/.test(opts.method)) throw new CliError(`invalid --method "${opts.method}"`, 'give an HTTP method such as GET, POST or PUT');
    options.method = opts.method.toUpperCase();
  }
  if (opts.header) {
    options.headers = opts.header.map((h) => {
      const parsed = parseHeader(h);
      if (!parsed) throw new CliError(`invalid --header "${h}"`, "write it as 'Name: value'");
      return parsed;
    });
  }
  if (opts.fromExternal && opts.clientIp !== undefined && !parseIP(opts.clientIp)) throw new CliError(`--client-ip "${opts.clientIp}" is not an IP address`, 'give an address such as 203.0.113.10');
  const { cluster } = open(paths, opts);
  let from: TraceStart;
  if (opts.from !== undefined) from = { pod: opts.from };
  else if (opts.fromNode !== undefined) from = { node: opts.fromNode };
  else from = { external: true, clientIP: opts.clientIp ?? DEFAULT_CLIENT_IP };
  const result = queryTrace(cluster, {
    ...options,
    target,
    from,
    namespace: namespaceOf(opts),
    fromArgument: '--from',
  });
  if (!result) {
    const grpc = /^grpc:\/\//i.test(target);
    throw new CliError(`cannot parse target "${target}"`, grpc ? 'grpc:// targets are traced from outside (--from-external) as grpc://host[:port]/package.Service/Method' : `give ${TARGET_FORMS}`);
  }
  if (opts.output === 'json') {
    io.stdout.write(JSON.stringify(traceJson(result), null, 2) + '\n');
  } else {
    io.stdout.write(formatTrace(result));
  }
  return EXIT_OK;
}
