/**
 * The one engine behind every entry point (CLI, simulate(), constructs' synth-time validation,
 * jest matcher, cdk8s-cli plugin): load → cluster → rules. Views (dns, env, kube-proxy, trace) read
 * the Cluster this returns.
 */
import type { Finding } from './findings';
import type { Cluster, ClusterSettings } from './cluster/model';
import type { LoadResult, OriginLookup } from './load/types';
import { fromObjects } from './load/objects';
import { buildCluster } from './cluster/build';
import { defaultSettings, loadSettingsFile, resolveSettings, settingsErrorLine, type LineupSettings } from './cluster/settings';
import { runRules } from './rules/run';
import { UsageError } from './errors';

export { UsageError };

export interface OpenOptions {
  /** `--cluster FILE`. */
  clusterFile?: string;
  /** Settings given in-process (instead of a file). */
  settings?: LineupSettings;
  /** `-n/--namespace`: namespace of objects that do not name one. */
  namespace?: string;
}

export interface Opened {
  cluster: Cluster;
  load: LoadResult;
}

/** Settings from `--cluster FILE`, or the defaults; a bad file is a usage error (exit 2). */
export function settingsFromFile(clusterFile: string | undefined): ClusterSettings {
  if (clusterFile === undefined) return defaultSettings();
  const { settings, errors } = loadSettingsFile(clusterFile);
  if (errors.length > 0) throw new UsageError(settingsErrorLine(clusterFile, errors));
  return settings;
}

/**
 * Settings given in-process (simulate(), constructs, plugin): an object, or undefined for defaults.
 * `where` names the call and property in the error (`simulate() settings`).
 */
export function settingsFromValue(input: LineupSettings | undefined, where = 'cluster settings'): ClusterSettings {
  if (input === undefined || input === null) return defaultSettings();
  const { settings, errors } = resolveSettings(input);
  if (errors.length > 0) throw new UsageError(settingsErrorLine(where, errors));
  return settings;
}

/**
 * Reading files, with the YAML parser: loaded by the first openCluster. The constructs' check at
 * synth reads no file, and every `cdk8s synth` of an app that uses the constructs loads this
 * module.
 */
function fileLoader(): typeof import('./load/load') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./load/load') as typeof import('./load/load');
}

/** Loads the paths (default `dist`) and builds the simulated cluster. Throws UsageError for I/O problems. */
export function openCluster(paths: string[], opts: OpenOptions = {}): Opened {
  const settings = opts.settings !== undefined ? settingsFromValue(opts.settings) : settingsFromFile(opts.clusterFile);
  const load = fileLoader().loadPaths(paths.length > 0 ? paths : ['dist'], { defaultNamespace: opts.namespace });
  const cluster = buildCluster(load.objects, settings);
  return { cluster, load };
}

/** Every finding for a loaded and built cluster: load findings plus every rule. */
export function checkCluster(cluster: Cluster, load: LoadResult): Finding[] {
  return runRules(cluster, load.problems, { input: load });
}

export interface CheckObjectsOptions {
  /** Construct path of each document (cdk8s), used as the finding's location. */
  constructPaths?: (string | undefined)[];
  /** Where each document's construct was created in the app's source (findings carry it as `origin`). */
  origins?: readonly (OriginLookup | undefined)[];
  /** The simulated cluster (the fields of a `--cluster` file). */
  settings?: LineupSettings;
  namespace?: string;
}

/** Checks already-parsed objects (a cdk8s chart's manifests) and returns the findings. */
export function checkObjects(docs: unknown[], opts: CheckObjectsOptions = {}): Finding[] {
  const settings = settingsFromValue(opts.settings);
  const load = fromObjects(docs, '<objects>', opts.namespace ?? 'default', opts.constructPaths, opts.origins);
  const cluster = buildCluster(load.objects, settings);
  return checkCluster(cluster, load);
}
