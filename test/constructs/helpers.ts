/** Shared set-up for construct tests: a chart in a fresh App (no output directory is written). */
import { App, Chart, Testing } from 'cdk8s';

export function newChart(id = 'test'): Chart {
  // `new App()` instead of Testing.app(): nothing is written unless app.synth() is called, so no
  // temporary output directory is left behind per test.
  return new Chart(new App(), id);
}

/** Synthesized manifests of a chart, with the ones of `kind` picked out. */
export function synth(chart: Chart): any[] {
  return Testing.synth(chart);
}

export function ofKind(chart: Chart, kind: string): any[] {
  return synth(chart).filter((o) => o.kind === kind);
}

export function only(chart: Chart, kind: string): any {
  const list = ofKind(chart, kind);
  if (list.length !== 1) throw new Error(`expected one ${kind}, got ${list.length}`);
  return list[0];
}

/** One finding as a failed synth shows it: the head line's parts and the detail line. */
export interface ReportedFinding {
  severity: string;
  rule: string;
  at: string;
  /** The `(file:line:column)` after the path: where the app's code created the construct. */
  origin?: string;
  detail: string;
}

/**
 * The findings in a synth failure's lineup block, in order. Each is two lines (formatFinding):
 * `<severity> <rule>: <Kind ns/name> (<path>[ at <origin>]) [<field>]`, then the indented message;
 * `detail` joins them back as `field: message`.
 */
export function reportedFindings(message: string): ReportedFinding[] {
  const lines = message.split('\n');
  const out: ReportedFinding[] = [];
  lines.forEach((line, i) => {
    const m = /^ {4}(error|warning|info) (\S+): (?:document|\S+ \S+) \((\S+?)(?: at (\S+:\d+:\d+))?\)(?: (\S+))?$/.exec(line);
    if (!m) return;
    const text = (lines[i + 1] ?? '').replace(/^ {8}/, '');
    out.push({ severity: m[1]!, rule: m[2]!, at: m[3]!, ...(m[4] ? { origin: m[4] } : {}), detail: m[5] ? `${m[5]}: ${text}` : text });
  });
  return out;
}

/** The message of the error a synth of `chart` throws. */
export function synthError(chart: Chart): string {
  try {
    Testing.synth(chart);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('synth did not fail');
}
