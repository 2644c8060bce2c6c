/** `lineup reach [PATH...] [--from POD|WORKLOAD|NAMESPACE/] [--to SERVICE[:PORT]]`: the client × Service-port matrix. */
import type { Cluster, SimService, SimServicePort } from '../../cluster/model';
import { reach, reachRows, type ReachMatrix, type ReachRow } from '../../views/reach';
import { CliError, EXIT_OK, type CliIO } from '../io';
import { GET_TABWRITER, tabwriteRows } from '../printers/tabwriter';
import { serviceNotFound } from '../targets';
import { namespaceOf, open, type CommonOptions } from './common';

export interface ReachCommandOptions extends CommonOptions {
  from?: string;
  to?: string;
}

/**
 * `--from`: a row's label (`ns/Kind/name`, `node/N`, `external`, `ingress/C`), a workload or pod
 * (`name` or `ns/name`: the row that holds it), or `NAMESPACE/` (every client workload there).
 */
function fromFilter(cluster: Cluster, text: string, namespace: string): (row: ReachRow) => boolean {
  const rows = reachRows(cluster);
  if (rows.some((r) => r.label === text)) return (row) => row.label === text;
  if (text.endsWith('/')) {
    const ns = text.slice(0, -1);
    if (!rows.some((r) => r.kind === 'pods' && r.label.startsWith(`${ns}/`))) throw new CliError(`no client workloads in namespace "${ns}"`, 'give NAMESPACE/ of a namespace with workloads or pods');
    return (row) => row.kind === 'pods' && row.label.startsWith(`${ns}/`);
  }
  const slash = text.indexOf('/');
  const ns = slash >= 0 ? text.slice(0, slash) : namespace;
  const name = slash >= 0 ? text.slice(slash + 1) : text;
  const matches = (row: ReachRow): boolean =>
    row.kind === 'pods' && row.label.startsWith(`${ns}/`) && (row.label.endsWith(`/${name}`) || row.pods.some((p) => p.name === name));
  if (!rows.some(matches)) throw new CliError(`no client "${text}" (workload, pod or row) in namespace ${ns}`, 'give a workload or pod (name or namespace/name), NAMESPACE/, node/NAME, external or ingress/CLASS');
  return matches;
}

/** `--to`: `ns/name[:port]` or `name[:port]` in -n's namespace; the port by number or name. */
function toFilter(cluster: Cluster, text: string, namespace: string): (service: SimService, port: SimServicePort) => boolean {
  const colon = text.lastIndexOf(':');
  const ref = colon >= 0 ? text.slice(0, colon) : text;
  const portText = colon >= 0 ? text.slice(colon + 1) : undefined;
  const slash = ref.indexOf('/');
  const ns = slash >= 0 ? ref.slice(0, slash) : namespace;
  const name = slash >= 0 ? ref.slice(slash + 1) : ref;
  const service = cluster.service(ns, name);
  if (!service) throw serviceNotFound(cluster, name, ns);
  const portMatches = (p: SimServicePort): boolean => portText === undefined || p.name === portText || String(p.port) === portText;
  if (!service.ports.some(portMatches)) {
    throw new CliError(`service ${ns}/${name} has no port "${portText}"`, `its ports: ${service.ports.map((p) => (p.name ? `${p.name} (${p.port})` : String(p.port))).join(', ') || 'none'}`);
  }
  return (s, p) => s === service && portMatches(p);
}

export function formatReach(matrix: ReachMatrix): string {
  if (matrix.rows.length === 0 || matrix.columns.length === 0) return '';
  return tabwriteRows([['FROM', ...matrix.columns], ...matrix.rows.map((r, i) => [r, ...matrix.verdicts[i]])], GET_TABWRITER);
}

/** `-o json`, written a row at a time: a full matrix has millions of cells. */
function writeJson(matrix: ReachMatrix, io: CliIO): void {
  const indent = (value: unknown, depth: number): string => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  io.stdout.write(`{\n  "rows": ${indent(matrix.rows, 1)},\n  "columns": ${indent(matrix.columns, 1)},\n  "cells": [`);
  let first = true;
  for (let r = 0; r < matrix.rows.length; r++) {
    const chunk: string[] = [];
    for (let c = 0; c < matrix.columns.length; c++) {
      chunk.push(`${first ? '' : ','}\n    ${indent({ from: matrix.rows[r], to: matrix.columns[c], verdict: matrix.verdicts[r][c] }, 2)}`);
      first = false;
    }
    if (chunk.length > 0) io.stdout.write(chunk.join(''));
  }
  io.stdout.write(first ? ']\n}\n' : '\n  ]\n}\n');
}

export function runReach(paths: string[], opts: ReachCommandOptions, io: CliIO): number {
  const { cluster } = open(paths, opts);
  const namespace = namespaceOf(opts);
  const matrix = reach(cluster, {
    from: opts.from !== undefined ? fromFilter(cluster, opts.from, namespace) : undefined,
    to: opts.to !== undefined ? toFilter(cluster, opts.to, namespace) : undefined,
  });
  if (opts.output === 'json') {
    writeJson(matrix, io);
    return EXIT_OK;
  }
  const text = formatReach(matrix);
  if (text === '') io.stderr.write('No Service ports with ready endpoints to reach.\n');
  else io.stdout.write(text);
  return EXIT_OK;
}
