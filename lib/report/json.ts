/** `check -o json`: the shape docs/findings.md documents, keys in that order. */
import { compareFindings, type Finding } from '../findings';
import type { ReportSummary } from './summary';

export function formatJson(findings: readonly Finding[], summary: ReportSummary): string {
  // `skipped` (documents that are not Kubernetes objects) and `unmodelled` (objects of kinds the
  // simulator ignores) only when there were any; `unmodelled` last, so the keys before it keep their order.
  const counts = summary.skipped ? { objects: summary.objects, skipped: summary.skipped } : { objects: summary.objects };
  const unmodelled = summary.unmodelled ? { unmodelled: summary.unmodelled } : {};
  const doc = {
    summary: { ...counts, errors: summary.errors, warnings: summary.warnings, infos: summary.infos, ...unmodelled },
    findings: [...findings].sort(compareFindings).map(findingJson),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** One finding with its optional parts omitted when absent (never `null`). */
export function findingJson(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { rule: f.rule, severity: f.severity, message: f.message };
  if (f.object) {
    const o: Record<string, string> = { apiVersion: f.object.apiVersion, kind: f.object.kind };
    if (f.object.namespace !== undefined && f.object.namespace !== '') o.namespace = f.object.namespace;
    o.name = f.object.name;
    out.object = o;
  }
  if (f.field !== undefined) out.field = f.field;
  if (f.source) out.source = { file: f.source.file, line: f.source.line, column: f.source.column };
  if (f.constructPath !== undefined) out.constructPath = f.constructPath;
  if (f.origin) out.origin = { file: f.origin.file, line: f.origin.line, column: f.origin.column };
  return out;
}
