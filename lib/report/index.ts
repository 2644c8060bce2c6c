/** Report formats for `check -o …`, and the one entry point that picks among them. */
import type { Finding } from '../findings';
import { formatGithub } from './github';
import { formatJson } from './json';
import { formatJunit, type CheckedObject } from './junit';
import { registeredRules, type RuleInfo } from './rule-info';
import { formatSarif } from './sarif';
import type { ReportSummary } from './summary';
import { formatText } from './text';
import { toolHomepage, toolVersion } from './version';

export { formatText } from './text';
export { formatJson, findingJson } from './json';
export { formatSarif } from './sarif';
export { formatJunit, type CheckedObject } from './junit';
export { formatGithub, escapeData, escapeProperty } from './github';
export { summarize, type ReportSummary } from './summary';
export { registeredRules, type RuleInfo } from './rule-info';
export { toolVersion } from './version';

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
      return formatText(findings, summary, { color: opts.color });
    case 'json':
      return formatJson(findings, summary);
    case 'sarif':
      return formatSarif(findings, summary, { rules: opts.rules ?? registeredRules(), version: toolVersion(), cwd: opts.cwd, informationUri: toolHomepage() });
    case 'junit':
      return formatJunit(findings, summary, { objects: opts.objects });
    case 'github':
      return formatGithub(findings, summary, { cwd: opts.cwd });
  }
}
