/** Report formats for `check -o …`, and the one entry point that picks among them. */

export { formatText } from './text';
export { formatJson, findingJson } from './json';
export { formatSarif } from './sarif';
export { formatJunit, type CheckedObject } from './junit';
export { formatGithub, escapeData, escapeProperty } from './github';
export { summarize, type ReportSummary } from './summary';
export { registeredRules, type RuleInfo } from './rule-info';
export { toolVersion } from './version';
export { REPORT_FORMATS, formatReport, type ReportFormat, type ReportOptions } from './format-report';
