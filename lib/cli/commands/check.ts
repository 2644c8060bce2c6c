/** `lineup check [PATH...]`: findings in the chosen format; exit 1 at or above --fail-on. */
import { SEVERITY_RANK } from '../../findings';
import { checkCluster } from '../../engine';
import { unmodelledKinds } from '../../cluster/kinds';
import { formatReport, type ReportFormat } from '../../report/format-report';
import { summarize } from '../../report/summary';
import type { CheckedObject } from '../../report/junit';
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from '../io';
import { open, type CommonOptions } from './common';

export interface CheckOptions extends CommonOptions {
  failOn?: 'error' | 'warning' | 'never';
}

export function runCheck(paths: string[], opts: CheckOptions, io: CliIO): number {
  const { cluster, load } = open(paths, opts);
  const findings = checkCluster(cluster, load);
  const summary = summarize(findings, load.objects.length, load.skipped.length, unmodelledKinds(load.objects));
  const format = (opts.output ?? 'text') as ReportFormat;
  const env = io.env ?? process.env;
  // Only JUnit lists the objects that passed; the other formats never read them.
  const objects: CheckedObject[] | undefined =
    format === 'junit'
      ? load.objects.map((o) => ({
          ref: o.namespace ? { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: o.name } : { apiVersion: o.apiVersion, kind: o.kind, name: o.name },
          file: o.source.file,
          line: o.source.line,
        }))
      : undefined;
  io.stdout.write(formatReport(format, findings, summary, { color: !!io.stdout.isTTY && env.NO_COLOR === undefined, objects }));
  const failOn = opts.failOn ?? 'error';
  if (failOn === 'never') return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  return findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}
