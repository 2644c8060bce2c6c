/**
 * Synth-time checking for charts that use our constructs. The constructs never check anything
 * themselves: each chart holding one of them gets ONE validation (`node.addValidation` on the
 * Chart, cdk8s's supported hook) that runs the same engine as `lineup check` and reports its
 * findings about the chart's own objects as one block, all at once.
 *
 * The engine sees every ApiObject of the App, not only the chart's: a Service in one chart may
 * select pods declared in another chart of the same App (they are deployed together and
 * `lineup check dist/` judges the files together). Only findings about the chart's own objects are
 * reported by its validation, so nothing is reported twice.
 *
 * With the cdk8s CLI's validation plugin (`LineupValidation` in cdk8s.yaml) enabled as well, the
 * app leaves the judging to the plugin (see `lineupPluginWillJudge`), so each finding is reported
 * once, by the plugin, after the manifests are written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { checkObjects } from '../engine';
import { originLookup } from '../load/chart';
import type { OriginLookup } from '../load/types';
import { ensureOriginsFile } from './origins-writer';
import { SEVERITY_RANK, compareFindings, type Finding, type Severity } from '../findings';
import { formatFinding } from '../report/location';

export { formatFinding };
import type { LineupSettings } from '../cluster/settings';

/** The lowest severity that fails synth, or `never` to only report. */
export type FailOn = Exclude<Severity, 'info'> | 'never';

/** How synth-time checking behaves. */
export interface LineupOptions {
  /**
   * The simulated cluster the findings are computed for.
   * @default - every field at its default (see `LineupSettings`)
   */
  readonly settings?: LineupSettings;
  /**
   * The lowest severity that fails synth. `never` makes the check report-only: the findings are
   * printed to stderr and synth goes on (leave the verdict to the cdk8s CLI plugin or to
   * `lineup check`).
   * @default 'error'
   */
  readonly failOn?: FailOn;
}

const registered = new WeakSet<Chart>();
/** The charts of each App that lineup checks, so the check reads their settings without looking at every construct. */
const checkedCharts = new WeakMap<IConstruct, Chart[]>();
const chartOptions = new WeakMap<IConstruct, LineupOptions>();

const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];

/**
 * Sets how synth checks the chart that holds `scope` (or, given the App, every chart of it that
 * has no options of its own), and registers the check if it was not yet.
 */
export function configureLineup(scope: IConstruct, options: LineupOptions): void {
  if (options.failOn !== undefined && !FAIL_ON.includes(options.failOn)) {
    throw new TypeError(`configureLineup: failOn must be 'error', 'warning' or 'never' (got ${JSON.stringify(options.failOn)})`);
  }
  if (options.settings !== undefined) {
    // Settings are checked now, where the user wrote them, with the same validator as everywhere.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { assertLineupSettings } = require('../settings') as typeof import('../settings');
    assertLineupSettings(options.settings, 'configureLineup: settings');
  }
  if (scope.node.scope === undefined) {
    chartOptions.set(scope, options);
    for (const c of scope.node.findAll()) if (Chart.isChart(c)) ensureLineupValidation(c);
    return;
  }
  const chart = Chart.of(scope);
  chartOptions.set(chart, options);
  ensureLineupValidation(chart);
}

function optionsOf(chart: Chart): LineupOptions {
  return chartOptions.get(chart) ?? chartOptions.get(rootOf(chart)) ?? {};
}

/** Registers the chart-level validation for the chart that holds `scope`; idempotent. */
export function ensureLineupValidation(scope: IConstruct): void {
  const chart = Chart.of(scope);
  if (registered.has(chart)) return;
  registered.add(chart);
  const app = rootOf(chart);
  const charts = checkedCharts.get(app);
  if (charts) charts.push(chart);
  else checkedCharts.set(app, [chart]);
  ensureOriginsFile(app);
  chart.node.addValidation({ validate: () => validateChart(chart) });
}

/**
 * What the chart's validation returns to cdk8s: nothing when the chart lines up, when the check is
 * report-only (then the findings go to stderr), or when the cdk8s CLI plugin will judge; else one
 * block with every failing finding.
 */
export function validateChart(chart: Chart): string[] {
  const { failOn = 'error' } = optionsOf(chart);
  if (lineupPluginWillJudge()) return [];
  const state = checkedApp(rootOf(chart));
  const { findings, renderErrors } = findingsOfChart(chart, state);
  if (failOn === 'never') {
    const report = findings.length + renderErrors.length > 0 ? formatSynthReport(findings, renderErrors, 'never') : '';
    if (report !== '' && state.printed.get(chart) !== report) {
      state.printed.set(chart, report);
      process.stderr.write(`${chart.node.path}: ${report}\n`);
    }
    return [];
  }
  const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  if (failing.length + renderErrors.length === 0) return [];
  // cdk8s throws now; whatever the user changes before the next synth must be looked at again.
  state.stale = true;
  return [formatSynthReport(failing, renderErrors, failOn)];
}

/**
 * The block a synth failure (or a report-only synth) shows: a head line, then each finding as a
 * failed matcher shows it (formatFinding): severity, rule, object, construct path and, when known,
 * the TypeScript line that created the object, the field; then the message (which says how to fix it).
 *
 *   lineup: 1 finding at or above error
 *     error service-selects-no-pods: Service default/web (shop/web/Resource at main.ts:12:5) spec.selector
 *         Service default/web selects app=wbe, but no pod ...; did you mean app=web?
 */
export function formatSynthReport(findings: readonly Finding[], renderErrors: readonly string[], failOn: FailOn): string {
  const count = findings.length + renderErrors.length;
  const head = failOn === 'never'
    ? `lineup: ${plural(count, 'finding')} (report only, synth goes on)`
    : `lineup: ${plural(count, 'finding')} at or above ${failOn}`;
  const lines = [head];
  for (const r of renderErrors) lines.push(`    ${r}`);
  for (const f of findings) lines.push(...formatFinding(f).split('\n').map((l) => `    ${l}`));
  return lines.join('\n');
}


function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Every finding the engine reports about the chart's own objects (all severities, sorted), and the
 * objects that could not even be rendered. Always computed afresh from the tree as it is now.
 */
export function lineupFindings(chart: Chart): { findings: Finding[]; renderErrors: string[] } {
  return findingsOfChart(chart, checkApp(rootOf(chart), [optionsOf(chart).settings]));
}

function findingsOfChart(chart: Chart, state: AppCheck): { findings: Finding[]; renderErrors: string[] } {
  const findings = state.findingsFor(optionsOf(chart).settings).get(chart) ?? [];
  return { findings, renderErrors: state.renderErrors.get(chart) ?? [] };
}

/** One ApiObject of the App as rendered for the check: its JSON, or why it could not be rendered. */
interface Rendered {
  path: string;
  /** Where the app's code created the object (see load/construct-origins.ts). */
  origin: OriginLookup;
  chart: Chart | undefined;
  doc?: unknown;
  error?: string;
}

/** The App rendered once for checking, and the engine's results on it per settings. */
interface AppCheck {
  /** Per chart, its objects that could not be rendered (`render <path>: <why>`), in tree order. */
  renderErrors: Map<Chart, string[]>;
  /** Per chart, the findings about its own objects, sorted; computed once per settings. */
  findingsFor(settings: LineupSettings | undefined): Map<Chart | undefined, Finding[]>;
  /** Set when the tree may have changed since it was rendered. */
  stale: boolean;
  /** Objects of our constructs in this rendering, and those cdk8s has rendered since. */
  watched: Set<ApiObject>;
  renderedSince: Set<ApiObject>;
  /** Report-only blocks already printed, per chart. */
  printed: Map<Chart, string>;
}

function settingsKey(settings: LineupSettings | undefined): string {
  return JSON.stringify(settings ?? null);
}

/**
 * Renders every ApiObject of the App (the engine sees them all) and collects the settings of the
 * charts that lineup checks.
 */
function renderApp(app: IConstruct): { rendered: Rendered[]; watched: Set<ApiObject>; settings: Map<string, LineupSettings | undefined> } {
  const rendered: Rendered[] = [];
  const watched = new Set<ApiObject>();
  const settings = new Map<string, LineupSettings | undefined>();
  for (const chart of checkedCharts.get(app) ?? []) {
    const s = optionsOf(chart).settings;
    settings.set(settingsKey(s), s);
  }
  rendering = true;
  try {
    for (const c of app.node.findAll()) {
      if (!ApiObject.isApiObject(c)) continue;
      // An ApiObject finds its chart when it is created (and cannot be created outside one).
      const chart: Chart | undefined = c.chart;
      try {
        rendered.push({ path: c.node.path, origin: originLookup(c), chart, doc: c.toJson() });
        if (ownObjects.has(c)) watched.add(c);
      } catch (e) {
        rendered.push({ path: c.node.path, origin: originLookup(c), chart, error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    }
  } finally {
    rendering = false;
  }
  return { rendered, watched, settings };
}

/**
 * Renders the App and runs the engine on it, once per settings value asked for: those of every
 * chart lineup checks, and `also`. The rendered objects are let go as soon as the engine has run
 * for all of them: they are as large as the manifests, and kept alive through the rest of the
 * synth (cdk8s's own rendering and YAML output) they cost more than rendering them did.
 */
function checkApp(app: IConstruct, also: readonly (LineupSettings | undefined)[] = []): AppCheck {
  const { rendered, watched, settings } = renderApp(app);
  for (const s of also) settings.set(settingsKey(s), s);
  const chartOfPath = new Map<string, Chart | undefined>();
  const renderErrors = new Map<Chart, string[]>();
  // Released (undefined) once the engine has run for every settings value asked for.
  let docs: unknown[] | undefined = [];
  let paths: string[] = [];
  let origins: OriginLookup[] = [];
  for (const r of rendered) {
    if (r.error !== undefined) {
      if (r.chart === undefined) continue;
      let errors = renderErrors.get(r.chart);
      if (!errors) renderErrors.set(r.chart, (errors = []));
      errors.push(`render ${r.path}: ${r.error}`);
      continue;
    }
    chartOfPath.set(r.path, r.chart);
    docs.push(r.doc);
    paths.push(r.path);
    origins.push(r.origin);
  }
  const bySettings = new Map<string, Map<Chart | undefined, Finding[]>>();
  const run = (key: string, s: LineupSettings | undefined): Map<Chart | undefined, Finding[]> => {
    const byChart = docs === undefined
      ? // Settings nobody had when the App was rendered, asked for after the rest were done: render again.
        checkApp(app, [s]).findingsFor(s)
      : findingsByChart(checkObjects(docs, { constructPaths: paths, origins, settings: s }), chartOfPath);
    bySettings.set(key, byChart);
    if ([...settings.keys()].every((k) => bySettings.has(k))) {
      docs = undefined;
      paths = [];
      origins = [];
    }
    return byChart;
  };
  return {
    renderErrors,
    watched,
    renderedSince: new Set(),
    printed: new Map(),
    stale: false,
    findingsFor(s) {
      const key = settingsKey(s);
      return bySettings.get(key) ?? run(key, s);
    },
  };
}

/** The findings about each chart's own objects, sorted; a finding about no rendered object belongs to none. */
function findingsByChart(findings: readonly Finding[], chartOfPath: ReadonlyMap<string, Chart | undefined>): Map<Chart | undefined, Finding[]> {
  const byChart = new Map<Chart | undefined, Finding[]>();
  for (const f of findings) {
    const p = f.constructPath ?? f.source?.file;
    if (p === undefined || !chartOfPath.has(p)) continue;
    const chart = chartOfPath.get(p);
    let own = byChart.get(chart);
    if (!own) byChart.set(chart, (own = []));
    own.push(f);
  }
  for (const own of byChart.values()) own.sort(compareFindings);
  return byChart;
}

/**
 * cdk8s validates the whole App before the synth and again before writing each chart (each
 * `Chart.toJson()` re-validates), and every chart's validation judges the same App: without reuse
 * `app.synth()` of N charts would render the App and run the engine N·(N+1) times. A check is reused
 * until the tree may have changed, which is when any of these happened since it was made:
 * - the current task ended (user code runs between two synths: a later task may change anything);
 * - a validation failed (cdk8s throws; the user may fix the tree and synthesize again);
 * - cdk8s rendered every object of our constructs (that is the end of one synth; within one synth it
 *   renders each object once, after the validations that came before it).
 * An App without objects of our constructs has no such signal and is checked afresh every time.
 */
const checks = new WeakMap<IConstruct, AppCheck>();
let rendering = false;
const ownObjects = new WeakSet<ApiObject>();
const ownerApp = new WeakMap<ApiObject, IConstruct>();

function checkedApp(app: IConstruct): AppCheck {
  const cached = checks.get(app);
  if (cached && !cached.stale && cached.watched.size > 0) return cached;
  const state = checkApp(app);
  checks.set(app, state);
  queueMicrotask(() => {
    state.stale = true;
  });
  return state;
}

/**
 * Called by our constructs' lazy values whenever their object is rendered; renders made by the
 * check itself do not count.
 */
export function noteRendered(object: ApiObject): void {
  if (rendering) return;
  let app = ownerApp.get(object);
  if (app === undefined) {
    app = rootOf(object);
    ownerApp.set(object, app);
  }
  const state = checks.get(app);
  if (!state || state.stale || !state.watched.has(object)) return;
  state.renderedSince.add(object);
  if (state.renderedSince.size === state.watched.size) state.stale = true;
}

/** Marks an object rendered by one of our constructs (see `noteRendered`). */
export function watchObject(object: ApiObject): void {
  ownObjects.add(object);
}

function rootOf(c: IConstruct): IConstruct {
  let cur = c;
  while (cur.node.scope) cur = cur.node.scope;
  return cur;
}

/**
 * True when this process is an app run by `cdk8s synth` that will, once the app has written its
 * manifests, run cdk8s-lineup's validation plugin on them. The CLI says it will run plugins by
 * setting CDK8S_RECORD_CONSTRUCT_METADATA=true for the app (only when cdk8s.yaml lists
 * `validations:` and `--no-validate` is not given); the plugin is ours when an entry of those
 * validations (in `cdk8s.yaml` of the working directory, or the file it names) has
 * `class: LineupValidation`. Then the synth-time check stays silent and the plugin reports, so
 * every finding is reported once.
 */
export function lineupPluginWillJudge(env: { readonly [name: string]: string | undefined } = process.env, cwd: string = process.cwd()): boolean {
  if (env.CDK8S_RECORD_CONSTRUCT_METADATA !== 'true') return false;
  const key = cwd;
  const known = pluginConfigured.get(key);
  if (known !== undefined) return known;
  const answer = configuresLineupPlugin(cwd);
  pluginConfigured.set(key, answer);
  return answer;
}

const pluginConfigured = new Map<string, boolean>();

function configuresLineupPlugin(cwd: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  const read = (file: string): unknown => {
    try {
      return YAML.parse(fs.readFileSync(path.resolve(cwd, file), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const config = read('cdk8s.yaml') as { validations?: unknown } | undefined;
  let validations = config?.validations;
  // `validations: <file>` names a YAML list; a URL cannot be read here (no network), so the app keeps judging.
  if (typeof validations === 'string') validations = /^https?:/.test(validations) ? undefined : read(validations);
  return Array.isArray(validations) && validations.some((v) => typeof v === 'object' && v !== null && (v as { class?: unknown }).class === 'LineupValidation');
}
