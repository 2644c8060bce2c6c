/** `lineup dns NAME [PATH...] [--from POD] [--type TYPE]`: resolution as the pod's resolver does it. */
import type { DnsType } from '../../views/dns';
import { queryDns } from '../../query/dns';
import { EXIT_OK, type CliIO } from '../io';
import { namespaceOf, open, type CommonOptions } from './common';

export interface DnsOptions extends CommonOptions {
  from?: string;
  type?: string;
}

export function runDns(name: string, paths: string[], opts: DnsOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const type = (opts.type ?? 'A').toUpperCase() as DnsType;
  const { result: r, from, resolvConf } = queryDns(cluster, { name, type, from: opts.from, fromArgument: '--from', namespace: namespaceOf(opts), podlessNamespace: namespaceOf(opts) });
  if (opts.output === 'json') {
    const doc = { query: r.query, rcode: r.rcode, name: r.name, answers: r.answers.map((a) => ({ name: a.name, type: a.type, data: a.data })) };
    io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
    return EXIT_OK;
  }
  const lines: string[] = [];
  lines.push(`;; ${r.query} ${type} from ${from ? `pod ${from.namespace}/${from.name}` : `a ClusterFirst pod in namespace ${namespaceOf(opts)}`}`);
  if (resolvConf !== undefined) for (const l of resolvConf.trimEnd().split('\n')) lines.push(`;; resolv.conf: ${l}`);
  for (const t of r.tried) lines.push(`;; asked ${t.name} → ${t.rcode}${t.answers > 0 ? ` (${t.answers} answer${t.answers === 1 ? '' : 's'})` : ''}${t.server === 'upstream' ? ' [upstream]' : ''}`);
  lines.push(`status: ${r.rcode}, name: ${r.name}`);
  for (const a of r.answers) lines.push(`${a.name}\t${a.type}\t${a.data}`);
  for (const a of r.extras ?? []) lines.push(`${a.name}\t${a.type}\t${a.data}\t; additional`);
  io.stdout.write(lines.join('\n') + '\n');
  return EXIT_OK;
}
