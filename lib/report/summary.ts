/** The counts every report format ends with (`summary` in docs/findings.md). */
import type { Finding } from '../findings';

export interface ReportSummary {
  /** Objects that were loaded and checked. */
  objects: number;
  /** Documents that are not Kubernetes objects (applications' own config files, kustomize files); present when there are any. */
  skipped?: number;
  errors: number;
  warnings: number;
  infos: number;
}

export function summarize(findings: readonly Finding[], objects: number, skipped = 0): ReportSummary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return skipped > 0 ? { objects, skipped, errors, warnings, infos } : { objects, errors, warnings, infos };
}

/** `1 error`, `2 warnings`, `0 infos`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
