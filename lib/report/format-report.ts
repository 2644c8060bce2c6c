/**
 * The one entry point that writes findings in a `check -o …` format. Each format's module is
 * loaded when it is first asked for: a run writes one format, and loading the other four (SARIF's
 * with node:crypto) cost ≈ 10 ms of every `lineup check` (bench/PROFILE.md, round 13).
 */
import type { Finding } from '../findings';
import type { CheckedObject } from './junit';
import type { RuleInfo } from './rule-info';
import type { ReportSummary } from './summary';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  color?: boolean;
  /** Checked objects, so junit lists passing ones. */
  objects?: readonly CheckedObject[];
  /** Rule metadata for SARIF (default: the rule registry). */
  rules?: readonly RuleInfo[];
  cwd?: string;
}

export function formatReport(format: ReportFormat, findings: readonly Finding[], summary: ReportSummary, opts: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return load<typeof import('./text')>('./text').formatText(findings, summary, { color: opts.color });
    case 'json':
      return load<typeof import('./json')>('./json').formatJson(findings, summary);
    case 'sarif': {
      const { toolHomepage, toolVersion } = load<typeof import('./version')>('./version');
      const rules = opts.rules ?? load<typeof import('./rule-info')>('./rule-info').registeredRules();
      return load<typeof import('./sarif')>('./sarif').formatSarif(findings, summary, { rules, version: toolVersion(), cwd: opts.cwd, informationUri: toolHomepage() });
    }
    case 'junit':
      return load<typeof import('./junit')>('./junit').formatJunit(findings, summary, { objects: opts.objects });
    case 'github':
      return load<typeof import('./github')>('./github').formatGithub(findings, summary, { cwd: opts.cwd });
  }
}

function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}
