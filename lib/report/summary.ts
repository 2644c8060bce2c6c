/** The counts every report format ends with (`summary` in docs/findings.md). */
import type { Finding } from '../findings';

export interface ReportSummary {
  /** Objects that were loaded and checked. */
  objects: number;
  /** Documents that are not Kubernetes objects (applications' own config files, kustomize files); present when there are any. */
  skipped?: number;
  /** Objects of kinds the simulator does not model, by `apiVersion/kind` (keys sorted); present when there are any. */
  unmodelled?: Record<string, number>;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(findings: readonly Finding[], objects: number, skipped = 0, unmodelled: Record<string, number> = {}): ReportSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return {
    objects,
    ...(skipped > 0 ? { skipped } : {}),
    ...(Object.keys(unmodelled).length > 0 ? { unmodelled } : {}),
    errors,
    warnings,
    infos,
  };
}

/** How many objects of kinds the simulator does not model. */
export function unmodelledCount(summary: ReportSummary): number {
  let n = 0;
  for (const count of Object.values(summary.unmodelled ?? {})) n += count;
  return n;
}

/** `1 error`, `2 warnings`, `0 infos`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
