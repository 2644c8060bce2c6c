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
import { originLookup } from '../load/chart';
import { ensureOriginsFile } from './origins-writer';
import type { OriginLookup } from '../load/types';
import { SEVERITY_RANK, compareFindings, type Finding, type Severity } from '../findings';

/** How a chart's synth-time check behaves. */
export interface LineupChartOptions {
  /**
   * Cluster settings (the `--cluster FILE` fields, docs/settings.md) the engine simulates with.
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
  watchSynth(appOf(chart));
  ensureOriginsFile(appOf(chart));
  chart.node.addValidation({ validate: () => validateChart(chart) });
}

/** The messages that fail synth for `chart` (empty when it lines up). */
export function validateChart(chart: Chart): string[] {
  const failOn = chartOptions.get(chart)?.failOn ?? 'error';
  const { findings, renderErrors } = lineupFindings(chart);
  const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  return [...renderErrors, ...failing.map(formatFinding)];
}

/** `[rule] <construct path> <field>: <message> (declared at main.ts:12:5)` — the line a synth failure shows per finding. */
export function formatFinding(f: Finding): string {
  const where = f.constructPath ?? f.source?.file ?? f.object?.name ?? '';
  const field = f.field ? ` ${f.field}` : '';
  const origin = f.origin ? ` (declared at ${f.origin.file}:${f.origin.line}:${f.origin.column})` : '';
  return `[${f.rule}] ${where}${field}: ${f.message}${origin}`;
}

/**
 * Every finding the engine reports about the chart's own objects (all severities, sorted), and the
 * objects that could not even be rendered.
 */
export function lineupFindings(chart: Chart): { findings: Finding[]; renderErrors: string[] } {
  const app = appOf(chart);
  const rendered = renderedApp(app);
  const docs: unknown[] = [];
  const paths: string[] = [];
  const origins: OriginLookup[] = [];
  const renderErrors: string[] = [];
  const own = new Set<string>();
  for (const r of rendered) {
    const mine = r.chart === chart;
    if (r.error !== undefined) {
      if (mine) renderErrors.push(`[render] ${r.path}: ${r.error}`);
      continue;
    }
    docs.push(r.doc);
    paths.push(r.path);
    origins.push(r.origin);
    if (mine) own.add(r.path);
  }
  const all = checkCached(app, docs, paths, origins, chartOptions.get(chart)?.settings);
  const findings = all
    .filter((f) => {
      const path = f.constructPath ?? f.source?.file;
      return path !== undefined && own.has(path);
    })
    .sort(compareFindings);
  return { findings, renderErrors };
}

/** One ApiObject of the App as rendered for the check: its JSON, or why it could not be rendered. */
interface Rendered {
  path: string;
  origin: OriginLookup;
  chart: Chart | undefined;
  doc?: unknown;
  error?: string;
}

/**
 * One `app.synth()` (or `synthYaml()`): while it runs, no user code runs between cdk8s's
 * validation passes and its own rendering, so the construct tree cannot change — the objects are
 * rendered once for the check, and cdk8s's own rendering of each object for the manifest reuses
 * that same JSON instead of rendering again. Outside a synth (a bare `chart.toJson()`,
 * `Testing.synth`, a direct call) every validation renders afresh, so later mutations are seen.
 */
interface SynthSession {
  rendered?: Rendered[];
  /** Engine results of this synth, by settings (charts of one App may be configured differently). */
  engine: Map<string, Finding[]>;
  /** ApiObjects whose `toJson` answers from `rendered` until the synth ends. */
  shortcut: ApiObject[];
}

const sessions = new WeakMap<IConstruct, SynthSession>();
const wrappedApps = new WeakSet<IConstruct>();

/**
 * Marks the App's `synth()` and `synthYaml()` calls as synth sessions (once per App instance; the
 * methods keep their behaviour and result). Nested calls share the outer session.
 */
function watchSynth(app: IConstruct): void {
  if (!(app instanceof App) || wrappedApps.has(app)) return;
  wrappedApps.add(app);
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = app[method] as (this: App) => unknown;
    if (typeof original !== 'function') continue;
    Object.defineProperty(app, method, {
      configurable: true,
      writable: true,
      value: function (this: App): unknown {
        if (sessions.has(app)) return original.call(this);
        const session: SynthSession = { engine: new Map(), shortcut: [] };
        sessions.set(app, session);
        try {
          return original.call(this);
        } finally {
          sessions.delete(app);
          // Own `toJson` shortcuts go; the prototype's rendering is back for any later call.
          for (const o of session.shortcut) delete (o as unknown as { toJson?: unknown }).toJson;
        }
      },
    });
  }
}

function renderedApp(app: IConstruct): Rendered[] {
  const session = sessions.get(app);
  if (session?.rendered) return session.rendered;
  const rendered: Rendered[] = [];
  const shortcut: { o: ApiObject; doc: unknown }[] = [];
  for (const c of app.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    const path = c.node.path;
    let chart: Chart | undefined;
    try {
      chart = Chart.of(c);
    } catch {
      chart = undefined;
    }
    try {
      const doc: unknown = c.toJson();
      rendered.push({ path, origin: originLookup(c), chart, doc });
      shortcut.push({ o: c, doc });
    } catch (e) {
      rendered.push({ path, origin: originLookup(c), chart, error: e instanceof Error ? e.message : String(e) });
    }
  }
  if (session) {
    session.rendered = rendered;
    // cdk8s renders each object once more to write the manifest, right after validating; within
    // this synth that rendering is the one just done (the engine never mutates its input).
    for (const { o, doc } of shortcut) {
      Object.defineProperty(o, 'toJson', { configurable: true, writable: true, value: () => doc });
      session.shortcut.push(o);
    }
  }
  return rendered;
}

/**
 * cdk8s validates the whole App once per synthesized chart (Chart.toJson re-validates), and each
 * chart's validation judges the same App: without this cache `app.synth()` of N charts would run
 * the engine N·(N+1) times on identical input. Within a synth session the result is kept per
 * settings; outside one it is keyed by the rendered objects, so any change made between two
 * syntheses is seen.
 */
const engineCache = new WeakMap<IConstruct, { key: string; findings: Finding[] }>();

function checkCached(app: IConstruct, docs: unknown[], paths: string[], origins: OriginLookup[], settings: unknown): Finding[] {
  const session = sessions.get(app);
  if (session) {
    const settingsKey = JSON.stringify(settings ?? null);
    const hit = session.engine.get(settingsKey);
    if (hit) return hit;
    const findings = checkObjects(docs, { constructPaths: paths, origins, settings });
    session.engine.set(settingsKey, findings);
    return findings;
  }
  const key = JSON.stringify({ docs, paths, settings: settings ?? null });
  const hit = engineCache.get(app);
  if (hit && hit.key === key) return hit.findings;
  const findings = checkObjects(docs, { constructPaths: paths, origins, settings });
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
