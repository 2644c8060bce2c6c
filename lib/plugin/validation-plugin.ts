/**
 * A cdk8s-cli validation plugin (cdk8s.yaml `validations:`): `cdk8s synth` runs the same engine as
 * `lineup check` on the synthesized manifests and fails (exit 2) when findings reach `failOn`.
 *
 *   validations:
 *     - package: ./node_modules/cdk8s-lineup   # or ./ inside this repository
 *       version: 0.1.0
 *       class: LineupValidation
 *       properties: { failOn: error, cluster: cluster.yaml }
 *
 * `version:` must be this package's version: the cdk8s CLI installs that version for npm package
 * names but loads local paths (`./…`) as they are, so a mismatch would mean the plugin that runs is
 * not the one cdk8s.yaml asks for; it fails the validation with a report that says so.
 *
 * The types of cdk8s-cli/plugins are restated structurally so that the library does not depend on
 * the (heavy) CLI package at run time.
 */
import type { LineupSettings } from '../cluster/settings';
import type { Finding, Severity } from '../findings';
import { SEVERITY_RANK } from '../findings';
import { ruleDocsLink, toolVersion } from '../report/version';

interface ViolatingResource {
  resourceName: string;
  locations: string[];
  manifestPath: string;
}

interface Violation {
  ruleName: string;
  recommendation: string;
  fix: string;
  violatingResources: ViolatingResource[];
}

interface PluginContext {
  readonly manifests: readonly string[];
  /** `package:` and `version:` of the cdk8s.yaml entry. */
  readonly pkg?: string;
  readonly version?: string;
  readonly report: { addViolation(v: Violation): void; submit(status: 'success' | 'failure', metadata?: Record<string, string>): void };
  readonly logger?: { log(message: string): void };
}

/** `properties:` of the cdk8s.yaml entry. */
export interface LineupValidationProperties {
  /**
   * Lowest severity that fails synth; `never` reports without failing.
   * @default 'error'
   */
  readonly failOn?: Severity | 'never';
  /**
   * A settings file (as `lineup check --cluster`), relative to the directory `cdk8s synth` runs in.
   * @default - no file (see `settings`)
   */
  readonly cluster?: string;
  /**
   * The simulated cluster, written inline (the fields of a settings file). Not together with `cluster`.
   * @default - every field at its default
   */
  readonly settings?: LineupSettings;
}

/** Exported under this name for `class:` in cdk8s.yaml. */
export class LineupValidation {
  private readonly failOn: Severity | 'never';
  private readonly cluster?: string;
  private readonly settings?: LineupSettings;

  constructor(props: LineupValidationProperties = {}) {
    const failOn = props.failOn ?? 'error';
    if (!['error', 'warning', 'info', 'never'].includes(failOn)) {
      throw new Error(`LineupValidation: failOn must be error, warning, info or never (got ${JSON.stringify(failOn)})`);
    }
    if (props.cluster !== undefined && props.settings !== undefined) {
      throw new Error('LineupValidation: give either properties.cluster (a settings file) or properties.settings, not both');
    }
    if (props.settings !== undefined) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { assertLineupSettings } = require('../settings') as typeof import('../settings');
      assertLineupSettings(props.settings, 'LineupValidation: properties.settings');
    }
    this.failOn = failOn;
    this.cluster = props.cluster;
    this.settings = props.settings;
  }

  async validate(context: PluginContext): Promise<void> {
    const own = toolVersion();
    if (context.version !== undefined && context.version !== own) {
      context.report.addViolation({
        ruleName: 'plugin-version-mismatch',
        recommendation: `cdk8s.yaml asks for cdk8s-lineup ${context.version} (version: ${context.version}), but ${context.pkg ?? 'the package'} is cdk8s-lineup ${own}`,
        fix: `set version: ${own} in the validations entry of cdk8s.yaml (or install cdk8s-lineup ${context.version})`,
        violatingResources: [],
      });
      context.report.submit('failure', { expected: context.version, found: own });
      return;
    }
    // Loaded lazily: the plugin module is required by the cdk8s CLI before it knows whether it runs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { openCluster, checkCluster } = require('../engine') as typeof import('../engine');
    const { cluster, load } = openCluster([...context.manifests], { clusterFile: this.cluster, settings: this.settings });
    const findings = checkCluster(cluster, load);
    for (const v of toViolations(findings)) context.report.addViolation(v);
    const failing = this.failOn !== 'never' && findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[this.failOn as Severity]);
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const f of findings) counts[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
    context.report.submit(failing ? 'failure' : 'success', {
      objects: String(cluster.objects.length),
      errors: String(counts.errors),
      warnings: String(counts.warnings),
    });
  }
}

/**
 * `Service default/web spec.selector (dist/app.k8s.yaml:14:5)`. The kind is spelled out because the
 * cdk8s CLI maps resources to construct paths by `metadata.name` alone, so a Deployment and a Service
 * both named `web` share one construct path in its table.
 */
export function locationOf(f: Finding): string {
  const obj = f.object ? `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}` : 'document';
  const file = f.source ? ` (${f.source.file}:${f.source.line}:${f.source.column})` : '';
  // The line of the app that created the object, read from the origins file `cdk8s synth` wrote.
  const origin = f.origin ? `, declared at ${f.origin.file}:${f.origin.line}:${f.origin.column}` : '';
  return `${obj}${f.field ? ` ${f.field}` : ''}${file}${origin}`;
}

/** One violation per (rule, message): the CLI's report table shows the resources under each. */
export function toViolations(findings: Finding[]): Violation[] {
  const byKey = new Map<string, Violation>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.message}`;
    let v = byKey.get(key);
    if (!v) {
      v = { ruleName: `${f.rule} (${f.severity})`, recommendation: f.message, fix: `see ${ruleDocsLink(f.rule)}`, violatingResources: [] };
      byKey.set(key, v);
    }
    v.violatingResources.push({ resourceName: f.object?.name ?? '<document>', manifestPath: f.source?.file ?? '', locations: [locationOf(f)] });
  }
  return [...byKey.values()];
}
