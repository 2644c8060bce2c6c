/**
 * The default `check` output: findings grouped by object, one line each
 * (`file:line:column  severity  rule  message`), then a summary line.
 */
import { compareFindings, type Finding } from '../findings';
import { formatDeclaredAt, formatLocation, formatObjectRef, objectKey } from './location';
import { plural, unmodelledCount, type ReportSummary } from './summary';

export interface TextOptions {
  /** ANSI colours; the CLI turns them on only for a TTY without NO_COLOR. */
  color?: boolean;
}

const SEVERITY_COLOR = { error: '31', warning: '33', info: '36' } as const;

/** Shown kinds of an unmodelled count: enough to see what was ignored, never a wall of text. */
const KINDS_SHOWN = 5;

/** `v1/ConfigMap ×2, v1/Secret, … (7 kinds)`, in key order. */
function kindCounts(counts: Record<string, number>): string {
  const keys = Object.keys(counts);
  const shown = keys.slice(0, KINDS_SHOWN).map((k) => (counts[k]! > 1 ? `${k} ×${counts[k]}` : k));
  return keys.length > KINDS_SHOWN ? `${shown.join(', ')}, … (${keys.length} kinds)` : shown.join(', ');
}

export function formatText(findings: readonly Finding[], summary: ReportSummary, opts: TextOptions = {}): string {
  const paint = (code: string, s: string): string => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sorted = [...findings].sort(compareFindings);
  // Groups appear in the order of their first finding, so the output reads top to bottom through the files.
  const groups = new Map<string, { title: string; items: Finding[] }>();
  for (const f of sorted) {
    const key = f.object ? `o\u0000${objectKey(f.object)}` : `f\u0000${f.source?.file ?? f.constructPath ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { title: f.object ? formatObjectRef(f.object) : (f.source?.file ?? f.constructPath ?? '(no source)'), items: [] };
      groups.set(key, g);
    }
    g.items.push(f);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    out.push(paint('1', g.title));
    for (const f of g.items) {
      out.push(`  ${formatLocation(f)}  ${paint(SEVERITY_COLOR[f.severity], f.severity)}  ${f.rule}  ${f.message}`);
      // Objects synthesized by a cdk8s app: the construct and the line of code that declared it.
      const declared = formatDeclaredAt(f);
      if (declared !== undefined && declared !== f.source?.file) out.push(`      declared by ${declared}`);
    }
    out.push('');
  }
  const counts = findings.length === 0 ? 'no problems found' : `${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')}`;
  const notes: string[] = [];
  if (summary.skipped) notes.push(`${plural(summary.skipped, 'document')} skipped: not Kubernetes objects`);
  if (summary.unmodelled) notes.push(`${unmodelledCount(summary)} of kinds not simulated: ${kindCounts(summary.unmodelled)}`);
  out.push(`${plural(summary.objects, 'object')} checked${notes.length > 0 ? ` (${notes.join('; ')})` : ''}: ${counts}`);
  return out.join('\n') + '\n';
}
