/**
 * Jest matchers on a cdk8s Chart or App (or parsed objects, or YAML text):
 *
 *   expect(chart).toLineUp()                                   // no finding at or above error
 *   expect(chart).toRoute('web', { port: 80, targetPort: 8080, toPods: ['web-…'], count: 3 })
 *   expect(chart).toResolve('web', { from: 'client', to: '10.96…' })
 *   expect(chart).toReach('web', { from: 'frontend', port: 'http' })  // NetworkPolicy admits every pod
 *
 * Register once: `import 'cdk8s-lineup/testing'` in a jest setup file (setupFilesAfterEnv), or
 * `expect.extend(lineupMatchers)`. Failure messages say what the simulated cluster does instead,
 * with the findings that explain it.
 */
import type { LineupSettings } from '../cluster/settings';
import type { Severity } from '../findings';
import { SEVERITY_RANK } from '../findings';
import { formatFinding } from '../report/location';
import { gatewayRouteOf, reachOf, routeOf, resolveOf, matchesPattern, showPattern, type Connection, type Pattern, type RouteAnswer } from './questions';
import type { DnsType, DnsResult } from '../views/dns';
import type { Simulation } from '../simulate';

export { manifestsOf } from '../load/chart';
export { formatFinding };

export interface SimulationOptions {
  /**
   * The simulated cluster (the fields of a `--cluster` file).
   * @default - every field at its default (see `LineupSettings`)
   */
  settings?: LineupSettings;
  /** Namespace of objects that name none, and of names given to the matcher (default `default`). */
  namespace?: string;
}

export interface ToLineUpOptions extends SimulationOptions {
  /** Lowest severity that fails the assertion (default `error`). */
  failOn?: Severity;
}

export interface ToRouteExpectation extends SimulationOptions {
  /** The Service port, by number or name (may be omitted when the Service has one). */
  port?: number | string;
  /** Every connection lands on this container port. */
  targetPort?: number;
  /** The pods reached, exactly: names, `'web-…'`/`'web-*'` prefixes or RegExps (each must match a pod, each pod a pattern). */
  toPods?: Pattern[];
  /** How many distinct pods are reached. */
  count?: number;
  /** Ask from this pod instead of from the first node. */
  from?: string;
  /**
   * `'gateway'`: the request enters through a Gateway API Gateway from outside the cluster, with
   * `host`, `path`, `method` and `headers`, and must be routed to this Service (one of the chosen
   * rule's backends); the Service port is the one the route names.
   */
  via?: 'gateway';
  /** With `via: 'gateway'`: the Host of the request (default `localhost`, which only a listener without hostname serves). */
  host?: string;
  /** With `via: 'gateway'`: the request path, with an optional `?query` (default `/`). */
  path?: string;
  /** With `via: 'gateway'`: the listener port the request arrives on (default 80, or 443 with `scheme: 'https'`). */
  gatewayPort?: number;
  /** With `via: 'gateway'`: `http` (default), `https` or `grpc` (then `path` is `/package.Service/Method`). */
  scheme?: 'http' | 'https' | 'grpc';
  /** With `via: 'gateway'`: the HTTP method (default GET). */
  method?: string;
  /** With `via: 'gateway'`: request headers. */
  headers?: Record<string, string>;
}

export interface ToResolveExpectation extends SimulationOptions {
  /** The asking pod (`name`, `namespace/name` or workload name); default a ClusterFirst pod in `default`. */
  from?: string;
  type?: DnsType;
  /** The answers: one pattern (some answer matches) or a list (the answers, exactly, in any order). `'10.96…'` matches by prefix. */
  to?: Pattern | Pattern[];
  /** Expected response code (default `NOERROR` with at least one answer). */
  rcode?: 'NOERROR' | 'NXDOMAIN';
}

export interface ToReachExpectation extends SimulationOptions {
  /** The client: a workload name (`frontend`), `namespace/Kind/name`, or a pod (`name` or `namespace/name`). */
  from: string;
  /** The Service port, by number or name (may be omitted when the Service has one). */
  port?: number | string;
}

interface MatcherContext {
  /** Optional: jest 29's types declare it so (`boolean | undefined`), jest 30's as a boolean. */
  isNot?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function simulation(received: unknown, opts: SimulationOptions): Simulation {
  // Loaded lazily so that registering the matchers costs nothing until one runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { simulate } = require('../simulate') as typeof import('../simulate');
  return simulate(received, { settings: opts.settings, namespace: opts.namespace });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function callText(matcher: string, args: unknown[], isNot: boolean | undefined): string {
  const shown = args.filter((a) => a !== undefined).map((a) => (typeof a === 'string' ? JSON.stringify(a) : showArg(a)));
  return `expect(received)${isNot ? '.not' : ''}.${matcher}(${shown.join(', ')})`;
}

function showArg(a: unknown): string {
  if (a instanceof RegExp) return String(a);
  if (Array.isArray(a)) return `[${a.map(showArg).join(', ')}]`;
  if (typeof a === 'object' && a !== null) {
    const entries = Object.entries(a).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${k}: ${showArg(v)}`).join(', ')} }`;
  }
  return JSON.stringify(a);
}

function toLineUp(this: MatcherContext, received: unknown, options: ToLineUpOptions = {}): MatcherResult {
  const failOn = options.failOn ?? 'error';
  const findings = simulation(received, options).findings;
  const failing = findings.filter((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]);
  const pass = failing.length === 0;
  const head = callText('toLineUp', [Object.keys(options).length ? options : undefined], this.isNot);
  return {
    pass,
    message: () =>
      pass
        ? `${head}\n\nexpected findings at or above ${failOn}, but there are none (${plural(findings.length, 'finding')} below it)`
        : `${head}\n\n${plural(failing.length, 'finding')} at or above ${failOn}:\n\n${failing.map((f) => `  ${formatFinding(f)}`).join('\n')}`,
  };
}

function describeRoute(r: RouteAnswer): string {
  const lines: string[] = [];
  if (r.problem) lines.push(r.problem);
  else {
    const pods = new Set(r.destinations.map((d) => d.pod ?? d.ip));
    lines.push(`Service ${r.service} port ${r.servicePort} reaches ${plural(pods.size, 'pod')}:`);
    for (const d of r.destinations) lines.push(`  ${d.pod ?? '(not a pod)'}  ${d.ip}:${d.port}  ${Math.round(d.probability * 1000) / 10}%`);
  }
  if (r.findings.length > 0) {
    lines.push('', `Findings on Service ${r.service ?? ''}:`.replace(/ :$/, ':'));
    for (const f of r.findings) lines.push(`  ${formatFinding(f)}`);
  }
  return lines.join('\n');
}

function toRoute(this: MatcherContext, received: unknown, service: string, expected: ToRouteExpectation = {}): MatcherResult {
  const sim = simulation(received, expected);
  const r =
    expected.via === 'gateway'
      ? gatewayRouteOf(sim, service, { host: expected.host, path: expected.path, port: expected.gatewayPort, scheme: expected.scheme, method: expected.method, headers: expected.headers }, expected.namespace ?? 'default')
      : routeOf(sim, service, { port: expected.port, from: expected.from }, expected.namespace ?? 'default');
  const failures: string[] = [];
  if (r.problem) failures.push('no route');
  else {
    const pods = [...new Set(r.destinations.map((d) => d.pod ?? d.ip))];
    if (expected.targetPort !== undefined) {
      const wrong = r.destinations.filter((d) => d.port !== expected.targetPort);
      if (wrong.length > 0) failures.push(`expected every connection on port ${expected.targetPort}, but ${wrong.map((d) => `${d.pod ?? d.ip} gets ${d.port}`).join(', ')}`);
    }
    if (expected.count !== undefined && pods.length !== expected.count) failures.push(`expected ${plural(expected.count, 'pod')}, got ${pods.length}`);
    if (expected.toPods !== undefined) {
      const unmatched = expected.toPods.filter((p) => !pods.some((pod) => matchesPattern(pod, p)));
      const extra = pods.filter((pod) => !expected.toPods!.some((p) => matchesPattern(pod, p)));
      if (unmatched.length > 0) failures.push(`no pod reached matches ${unmatched.map(showPattern).join(', ')}`);
      if (extra.length > 0) failures.push(`also reaches ${extra.join(', ')}`);
    }
  }
  const pass = failures.length === 0;
  const head = callText('toRoute', [service, Object.keys(expected).length ? expected : undefined], this.isNot);
  return {
    pass,
    message: () => (pass ? `${head}\n\nexpected no such route, but:\n${describeRoute(r)}` : `${head}\n\n${describeRoute(r)}\n\n${failures.filter((f) => f !== 'no route').map((f) => `✗ ${f}`).join('\n')}`.trimEnd()),
  };
}

function describeDns(r: DnsResult, from: string | undefined): string {
  const lines = [`${r.query} (${r.type}) from ${from ? `pod ${from}` : 'a ClusterFirst pod in namespace default'}: ${r.rcode}, name ${r.name}`];
  for (const a of r.answers) lines.push(`  ${a.name}  ${a.type}  ${a.data}`);
  if (r.answers.length === 0) lines.push('  (no answers)');
  lines.push(`asked: ${r.tried.map((t) => `${t.name} → ${t.rcode}`).join(', ')}`);
  return lines.join('\n');
}

function toResolve(this: MatcherContext, received: unknown, name: string, expected: ToResolveExpectation = {}): MatcherResult {
  const sim = simulation(received, expected);
  const head = callText('toResolve', [name, Object.keys(expected).length ? expected : undefined], this.isNot);
  let r: DnsResult;
  try {
    r = resolveOf(sim, name, { from: expected.from, type: expected.type });
  } catch (e) {
    // An unknown `from` pod: the question cannot be asked; that is a failure either way.
    const message = `${head}\n\n${(e as Error).message}${(e as { hint?: string }).hint ? `; ${(e as { hint?: string }).hint}` : ''}`;
    return { pass: this.isNot ? true : false, message: () => message };
  }
  const failures: string[] = [];
  const rcode = expected.rcode ?? 'NOERROR';
  if (r.rcode !== rcode) failures.push(`expected ${rcode}, got ${r.rcode}`);
  else if (rcode === 'NOERROR' && r.answers.length === 0) failures.push('expected at least one answer');
  const data = r.answers.map((a) => a.data);
  if (expected.to !== undefined && !Array.isArray(expected.to)) {
    const p = expected.to;
    if (!data.some((d) => matchesPattern(d, p))) failures.push(`no answer matches ${showPattern(p)}`);
  } else if (Array.isArray(expected.to)) {
    const patterns = expected.to;
    const unmatched = patterns.filter((p) => !data.some((d) => matchesPattern(d, p)));
    const extra = data.filter((d) => !patterns.some((p) => matchesPattern(d, p)));
    if (unmatched.length > 0) failures.push(`no answer matches ${unmatched.map(showPattern).join(', ')}`);
    if (extra.length > 0) failures.push(`unexpected answers ${extra.join(', ')}`);
  }
  const pass = failures.length === 0;
  return {
    pass,
    message: () => (pass ? `${head}\n\nexpected otherwise, but:\n${describeDns(r, expected.from)}` : `${head}\n\n${describeDns(r, expected.from)}\n\n${failures.map((f) => `✗ ${f}`).join('\n')}`),
  };
}

/** At most this many connections of each verdict in a failure message; the rest are counted. */
const SHOWN_CONNECTIONS = 10;

function describeConnections(list: Connection[], verdict: 'allowed' | 'denied'): string[] {
  const lines = list.slice(0, SHOWN_CONNECTIONS).map((c) => `  ${c.from} → ${c.to} ${c.ip}:${c.port}: ${verdict === 'denied' ? `denied — ${c.why}` : `allowed (${c.why})`}`);
  if (list.length > SHOWN_CONNECTIONS) lines.push(`  … and ${list.length - SHOWN_CONNECTIONS} more ${verdict} connections`);
  return lines;
}

function toReach(this: MatcherContext, received: unknown, service: string, expected: ToReachExpectation): MatcherResult {
  const head = callText('toReach', [service, expected], this.isNot);
  if (!expected || typeof expected.from !== 'string') {
    const message = `${head}\n\ntoReach needs { from }: the client, as a workload name, namespace/Kind/name or a pod`;
    return { pass: !!this.isNot, message: () => message };
  }
  const sim = simulation(received, expected);
  const r = reachOf(sim, service, { from: expected.from, port: expected.port }, expected.namespace ?? 'default');
  if (r.problem) {
    // The question has no answer (nothing to connect from or to): a failure either way.
    const message = `${head}\n\n${r.problem}`;
    return { pass: !!this.isNot, message: () => message };
  }
  const allowed = r.connections.filter((c) => c.allowed);
  const denied = r.connections.filter((c) => !c.allowed);
  const total = r.connections.length;
  const what = `${r.client} → Service ${r.service} port ${r.servicePort}`;
  let verdict: string;
  if (denied.length === 0) verdict = `${what}: every connection is allowed (${plural(total, 'connection')})`;
  else if (allowed.length === 0) verdict = `${what}: every connection is denied (${plural(total, 'connection')})`;
  else verdict = `${what}: ${denied.length} of ${plural(total, 'connection')} denied, ${allowed.length} allowed`;
  const lines = [head, '', verdict, ...describeConnections(denied, 'denied'), ...describeConnections(allowed, 'allowed')];
  const message = lines.join('\n');
  // Some allowed and some denied: neither toReach nor .not.toReach holds.
  const pass = denied.length === 0 ? true : allowed.length === 0 ? false : !!this.isNot;
  return { pass, message: () => message };
}

export const lineupMatchers = { toLineUp, toRoute, toResolve, toReach };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** The chart's Services, Endpoints and Ingresses line up: no findings at or above `failOn` (default error). */
      toLineUp(options?: ToLineUpOptions): R;
      /** Connections to the Service's port reach these pods on this container port (through kube-proxy's rules). */
      toRoute(service: string, expected?: ToRouteExpectation): R;
      /** The name resolves (from the pod, through its search path) to these answers. */
      toResolve(name: string, expected?: ToResolveExpectation): R;
      /**
       * Every pod of the client may open connections to the Service port: kube-proxy's destinations,
       * each allowed by NetworkPolicy on its targetPort. `.not`: every such connection is denied.
       * When some are allowed and some denied, both fail.
       */
      toReach(service: string, expected: ToReachExpectation): R;
    }
  }
}
