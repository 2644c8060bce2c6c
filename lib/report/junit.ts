/**
 * `check -o junit`: JUnit XML for CI test tabs. One testsuite per input file, one testcase per
 * object (passing objects too, when the caller lists them), one failure per testcase that has
 * errors or warnings; info findings go to the testcase's system-out.
 */
import { compareFindings, type Finding, type ObjectRef } from '../findings';
import { formatDeclaredAt, formatLocation, formatObjectRef, objectKey } from './location';
import type { ReportSummary } from './summary';

/** An object that was checked (so objects without findings appear as passing testcases). */
export interface CheckedObject {
  ref: ObjectRef;
  file: string;
  line: number;
}

export interface JunitOptions {
  objects?: readonly CheckedObject[];
}

interface Case {
  name: string;
  line: number;
  findings: Finding[];
  /** The app's line that declared the object (`file`/`line` attributes, which CI test reporters link). */
  origin?: { file: string; line: number };
}

export function formatJunit(findings: readonly Finding[], _summary: ReportSummary, opts: JunitOptions = {}): string {
  const suites = new Map<string, Map<string, Case>>();
  const suite = (file: string): Map<string, Case> => {
    let s = suites.get(file);
    if (!s) suites.set(file, (s = new Map()));
    return s;
  };
  for (const o of opts.objects ?? []) {
    const cases = suite(o.file);
    const key = objectKey(o.ref);
    if (!cases.has(key)) cases.set(key, { name: formatObjectRef(o.ref), line: o.line, findings: [] });
  }
  for (const f of [...findings].sort(compareFindings)) {
    const file = f.source?.file ?? f.constructPath ?? '(no source)';
    const line = f.source?.line ?? 0;
    const cases = suite(file);
    // Findings without an object (parse errors) become a testcase per document position.
    const key = f.object ? objectKey(f.object) : `\u0001line ${line}`;
    let c = cases.get(key);
    if (!c) cases.set(key, (c = { name: f.object ? formatObjectRef(f.object) : `document at line ${line}`, line, findings: [] }));
    c.findings.push(f);
    if (f.origin && !c.origin) c.origin = { file: f.origin.file, line: f.origin.line };
  }

  let totalTests = 0;
  let totalFailures = 0;
  const body: string[] = [];
  for (const file of [...suites.keys()].sort()) {
    const cases = [...suites.get(file)!.values()].sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const failures = cases.filter(failing).length;
    totalTests += cases.length;
    totalFailures += failures;
    body.push(`  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`);
    for (const c of cases) body.push(...testcase(file, c));
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cdk8s-lineup" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function failing(c: Case): boolean {
  return c.findings.some((f) => f.severity !== 'info');
}

function testcase(file: string, c: Case): string[] {
  const at = c.origin ? ` file="${attr(c.origin.file)}" line="${c.origin.line}"` : '';
  const open = `    <testcase name="${attr(c.name)}" classname="${attr(file)}"${at}`;
  if (c.findings.length === 0) return [`${open}/>`];
  const lines = [`${open}>`];
  const problems = c.findings.filter((f) => f.severity !== 'info');
  const notes = c.findings.filter((f) => f.severity === 'info');
  if (problems.length > 0) {
    const first = problems[0]!;
    const message = problems.length === 1 ? first.message : `${problems.length} problems; first: ${first.message}`;
    const type = problems.some((f) => f.severity === 'error') ? 'error' : 'warning';
    lines.push(`      <failure message="${attr(message)}" type="${type}">${text(problems.map(describe).join('\n'))}</failure>`);
  }
  if (notes.length > 0) lines.push(`      <system-out>${text(notes.map(describe).join('\n'))}</system-out>`);
  lines.push('    </testcase>');
  return lines;
}

function describe(f: Finding): string {
  const declared = formatDeclaredAt(f);
  const from = declared !== undefined && declared !== f.source?.file ? `\n    declared by ${declared}` : '';
  return `${formatLocation(f)}  ${f.severity}  ${f.rule}  ${f.message}${from}`;
}

/** XML 1.0 cannot carry most control characters at all, even escaped: drop them. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
