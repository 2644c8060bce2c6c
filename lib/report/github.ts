/**
 * `check -o github`: GitHub Actions workflow commands, one per finding
 * (`::error file=…,line=…,col=…,title=<rule>::<message>`), which the runner turns into annotations.
 */
import { compareFindings, type Finding, type Severity } from '../findings';
import { formatLocation, relativePath } from './location';
import type { ReportSummary } from './summary';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export interface GithubOptions {
  /** Directory that file paths are made relative to (default: the process's working directory). */
  cwd?: string;
}

export function formatGithub(findings: readonly Finding[], _summary: ReportSummary, opts: GithubOptions = {}): string {
  const cwd = opts.cwd ?? process.cwd();
  const lines = [...findings].sort(compareFindings).map((f) => {
    const props: string[] = [];
    // Annotate the line of the app that declared the object when it is known (pull requests show
    // the source, not the synthesized manifests); the message then says which manifest and construct.
    const at = f.origin ?? f.source;
    const file = f.origin?.file ?? f.source?.file ?? f.constructPath;
    if (file) props.push(`file=${escapeProperty(relativePath(file, cwd))}`);
    if (at) props.push(`line=${at.line}`, `col=${at.column}`);
    props.push(`title=${escapeProperty(f.rule)}`);
    const context: string[] = [];
    if (f.constructPath !== undefined) context.push(`construct ${f.constructPath}`);
    if (f.origin && f.source && f.source.file !== f.constructPath) context.push(`manifest ${formatLocation(f)}`);
    const message = context.length ? `${f.message} (${context.join(', ')})` : f.message;
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(message)}`;
  });
  return lines.length ? lines.join('\n') + '\n' : '';
}

/** Message text: `%`, CR and LF must be encoded or the runner cuts the command short. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally encode `:` and `,`, which separate the properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
