/**
 * Synth-time checking for charts that use our constructs. The constructs never check anything
 * themselves: each chart holding one of them gets ONE validation (registered on the Chart) that
 * runs the same engine as `lineup check` and turns its findings into synth errors, all at once.
 *
 * The engine sees every ApiObject of the App, not only the chart's: a Service in one chart may
 * select pods declared in another chart of the same App (they are deployed together and
 * `lineup check dist/` judges the files together). Only findings about the chart's own objects are
 * reported by its validation, so nothing is reported twice.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { checkObjects } from '../engine';
import { SEVERITY_RANK, compareFindings, type Finding, type Severity } from '../findings';

/** How a chart's synth-time check behaves. */
export interface LineupChartOptions {
  /**
   * Cluster settings (the `--cluster FILE` shape of CONTRACT §3) the engine simulates with.
   * @default - the engine's defaults (1.31, cluster.local, 10.96.0.0/12, three nodes)
   */
  readonly settings?: unknown;
  /**
   * The lowest severity that fails synth.
   * @default 'error'
   */
  readonly failOn?: Exclude<Severity, 'info'>;
}

const registered = new WeakSet<Chart>();
const chartOptions = new WeakMap<Chart, LineupChartOptions>();

/** Sets how `chart` is checked at synth (and registers the check if it was not yet). */
export function configureLineup(chart: Chart, options: LineupChartOptions): void {
  chartOptions.set(chart, options);
  ensureLineupValidation(chart);
}

/** Registers the chart-level validation for the chart that holds `scope`; idempotent. */
export function ensureLineupValidation(scope: IConstruct): void {
  const chart = Chart.of(scope);
  if (registered.has(chart)) return;
  registered.add(chart);
  chart.node.addValidation({ validate: () => validateChart(chart) });
}

/** The messages that fail synth for `chart` (empty when it lines up). */
export function validateChart(chart: Chart): string[] {
  const failOn = chartOptions.get(chart)?.failOn ?? 'error';
  const { findings, renderErrors } = lineupFindings(chart);
  const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return [...renderErrors, ...failing.map(formatFinding)];
}

/** `[rule] <construct path> <field>: <message>` — the line a synth failure shows per finding. */
export function formatFinding(f: Finding): string {
  const where = f.constructPath ?? f.source?.file ?? f.object?.name ?? '';
  const field = f.field ? ` ${f.field}` : '';
  return `[${f.rule}] ${where}${field}: ${f.message}`;
}

/**
 * Every finding the engine reports about the chart's own objects (all severities, sorted), and the
 * objects that could not even be rendered.
 */
export function lineupFindings(chart: Chart): { findings: Finding[]; renderErrors: string[] } {
  const app = appOf(chart);
  const docs: unknown[] = [];
  const paths: string[] = [];
  const renderErrors: string[] = [];
  const own = new Set<string>();
  for (const c of app.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    const path = c.node.path;
    const mine = Chart.of(c) === chart;
    try {
      docs.push(c.toJson());
      paths.push(path);
      if (mine) own.add(path);
    } catch (e) {
      if (mine) renderErrors.push(`[render] ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const all = checkCached(app, docs, paths, chartOptions.get(chart)?.settings);
  const findings = all
    .filter((f) => {
      const path = f.constructPath ?? f.source?.file;
      return path !== undefined && own.has(path);
    })
    .sort(compareFindings);
  return { findings, renderErrors };
}

/**
 * cdk8s validates the whole App once per synthesized chart (Chart.toJson re-validates), and each
 * chart's validation judges the same App: without this cache `app.synth()` of N charts would run
 * the engine N·(N+1) times on identical input. Keyed by the rendered objects, so any change made
 * between two syntheses is seen.
 */
const engineCache = new WeakMap<IConstruct, { key: string; findings: Finding[] }>();

function checkCached(app: IConstruct, docs: unknown[], paths: string[], settings: unknown): Finding[] {
  const key = JSON.stringify({ docs, paths, settings: settings ?? null });
  const hit = engineCache.get(app);
  if (hit && hit.key === key) return hit.findings;
  const findings = checkObjects(docs, { constructPaths: paths, settings });
  engineCache.set(app, { key, findings });
  return findings;
}

function appOf(chart: Chart): IConstruct {
  try {
    return App.of(chart);
  } catch {
    // A chart outside an App (unusual, but constructs allow it): judge the chart alone.
    return chart;
  }
}
