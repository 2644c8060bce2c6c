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
