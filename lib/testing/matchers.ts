/**
 * Jest helpers: `expect(chart).toLineUp()` fails with the findings, one per line, when the chart's
 * objects do not line up. Register once with `import 'cdk8s-lineup/testing'` or
 * `expect.extend(lineupMatchers)` in a setup file.
 */
import type { Finding, Severity } from '../findings';
import { SEVERITY_RANK } from '../findings';

export interface ToLineUpOptions {
  /** Lowest severity that fails the assertion (default `error`). */
  failOn?: Severity;
  /** Cluster settings, as in `--cluster FILE`. */
  settings?: unknown;
}

/** The manifests of a cdk8s Chart or App (duck-typed so that jest setups need no cdk8s import). */
export function manifestsOf(input: unknown): { docs: unknown[]; constructPaths: (string | undefined)[] } {
  const docs: unknown[] = [];
  const constructPaths: (string | undefined)[] = [];
  const charts = isApp(input) ? input.charts : [input];
  for (const chart of charts) {
    if (!isConstruct(chart)) throw new TypeError('expected a cdk8s Chart or App');
    const apiObjects = chart.node.findAll().filter(isApiObject);
    for (const o of apiObjects) {
      docs.push(o.toJson());
      constructPaths.push(o.node.path);
    }
  }
  return { docs, constructPaths };
}

interface ConstructLike {
  node: { path: string; findAll(): unknown[] };
}
interface ApiObjectLike extends ConstructLike {
  apiVersion: string;
  kind: string;
  toJson(): unknown;
}

function isConstruct(x: unknown): x is ConstructLike {
  return typeof x === 'object' && x !== null && typeof (x as ConstructLike).node?.findAll === 'function';
}
function isApp(x: unknown): x is { charts: unknown[] } {
  return typeof x === 'object' && x !== null && Array.isArray((x as { charts?: unknown }).charts);
}
function isApiObject(x: unknown): x is ApiObjectLike {
  return isConstruct(x) && typeof (x as ApiObjectLike).toJson === 'function' && typeof (x as ApiObjectLike).kind === 'string' && typeof (x as ApiObjectLike).apiVersion === 'string';
}

export function formatFinding(f: Finding): string {
  const where = f.constructPath ?? (f.source ? `${f.source.file}:${f.source.line}:${f.source.column}` : '');
  return `${f.severity} [${f.rule}] ${where}${f.field ? ` ${f.field}` : ''}: ${f.message}`;
}

export const lineupMatchers = {
  toLineUp(this: { isNot: boolean }, received: unknown, options: ToLineUpOptions = {}) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { checkObjects } = require('../engine') as typeof import('../engine');
    const { docs, constructPaths } = manifestsOf(received);
    const failOn = options.failOn ?? 'error';
    const findings = checkObjects(docs, { constructPaths, settings: options.settings });
    const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
    const pass = failing.length === 0;
    return {
      pass,
      message: () =>
        pass
          ? `expected the chart not to line up, but it has no findings at or above ${failOn}`
          : `expected the chart to line up, but it has ${failing.length} finding(s) at or above ${failOn}:\n` + failing.map((f) => `  ${formatFinding(f)}`).join('\n'),
    };
  },
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The chart's Services, Endpoints and Ingresses line up: no findings at or above `failOn` (default error). */
      toLineUp(options?: ToLineUpOptions): R;
    }
  }
}
