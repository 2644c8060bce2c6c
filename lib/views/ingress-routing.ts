/**
 * How an ingress controller routes an HTTP request over the served Ingresses (ingress-nginx's matching, see docs/cli.md `trace`).
 *
 * 1. Host: rules whose host equals the request host (port stripped, case-insensitive) beat wildcard
 *    rules (`*.foo.com` matches exactly one extra label), which beat rules without a host. Like a
 *    controller's virtual servers, only the most specific host that has rules is considered.
 * 2. Path, among the rules of that host across all Ingresses: the longest matching path wins; on
 *    equal length Exact beats Prefix (and Prefix beats ImplementationSpecific).
 *    ImplementationSpecific is matched like Prefix, as ingress-nginx does for plain paths.
 * 3. No path matches (or no rule matches the host): the `defaultBackend` of an Ingress that has
 *    rules for the chosen host, else a `defaultBackend` of any served Ingress, else HTTP 404.
 * Ties between Ingresses: ingress-nginx prefers the oldest Ingress, but creation times are not known
 * offline, so Ingresses are taken in namespace/name order; within one, in rule and path order.
 */
import type { Cluster, SimIngress, SimIngressBackend, SimIngressPath, SimIngressRule } from '../cluster/model';
import { byString } from '../k8s/json';

export type PathType = SimIngressPath['pathType'];

export interface RouteRequest {
  host: string;
  path: string;
  scheme?: 'http' | 'https';
}

export interface RouteResult {
  ingress?: SimIngress;
  rule?: SimIngressRule;
  path?: SimIngressPath;
  backend?: SimIngressBackend;
  status: 200 | 404;
  reason: string;
}

/** The Host header without port, lower-cased (`Foo.com:8080` → `foo.com`, `[::1]:80` → `::1`). */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end > 0 ? h.slice(1, end) : h;
  }
  const colon = h.indexOf(':');
  if (colon >= 0 && h.indexOf(':', colon + 1) < 0) h = h.slice(0, colon);
  return h.replace(/\.$/, '');
}

/** Whether a rule's host accepts a request host. `''` accepts any host. */
export function matchHost(ruleHost: string, requestHost: string): boolean {
  const rule = ruleHost.trim().toLowerCase();
  if (rule === '') return true;
  const host = normalizeHost(requestHost);
  if (rule.startsWith('*.')) {
    const dot = host.indexOf('.');
    // The wildcard stands for exactly one non-empty label.
    return dot > 0 && host.slice(dot + 1) === rule.slice(2);
  }
  return rule === host;
}

function elements(path: string): string[] {
  return path.split('/').filter((e) => e !== '');
}

/** The request path without query string or fragment; `/` when empty. */
export function requestPathOf(path: string): string {
  const cut = path.search(/[?#]/);
  const p = cut >= 0 ? path.slice(0, cut) : path;
  return p === '' ? '/' : p;
}

/**
 * Whether a rule path accepts a request path. Exact: equal strings (case and trailing slash
 * significant). Prefix: the rule's `/`-separated elements are a prefix of the request's, empty
 * elements ignored (`/foo` does not match `/foobar`). ImplementationSpecific: as Prefix; an empty
 * path there matches everything.
 */
export function matchPath(pathType: PathType, path: string, requestPath: string): boolean {
  const req = requestPathOf(requestPath);
  if (pathType === 'Exact') return path === req;
  const want = elements(path);
  const got = elements(req);
  if (want.length > got.length) return false;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return false;
  return true;
}

type HostClass = 'exact' | 'wildcard' | 'any';

function hostClass(ruleHost: string): HostClass {
  if (ruleHost === '') return 'any';
  return ruleHost.startsWith('*.') ? 'wildcard' : 'exact';
}

const TYPE_RANK: Record<PathType, number> = { Exact: 0, Prefix: 1, ImplementationSpecific: 2 };

function describeBackend(b: SimIngressBackend): string {
  if (b.serviceName !== undefined) return `service ${b.serviceName}:${b.portName ?? b.portNumber ?? '?'}`;
  if (b.resource) return `resource ${b.resource.kind ?? '?'}/${b.resource.name ?? '?'}`;
  return 'an empty backend';
}

function ingressName(ing: SimIngress): string {
  return `${ing.namespace}/${ing.name}`;
}

/** Served Ingresses in the documented tie-break order. */
function servedIngresses(cluster: Cluster): SimIngress[] {
  return cluster.ingresses
    .filter((i) => i.served)
    .slice()
    .sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));
}

/** Routes one request through the served Ingresses. */
export function routeRequest(cluster: Cluster, req: RouteRequest): RouteResult {
  const host = normalizeHost(req.host);
  const reqPath = requestPathOf(req.path);
  const ingresses = servedIngresses(cluster);
  if (ingresses.length === 0) {
    return { status: 404, reason: 'no Ingress is served by an ingress controller (check ingressClassName and IngressClasses): the controller answers 404' };
  }

  // 1. The most specific host class with a rule for this host.
  const candidates: { ingress: SimIngress; rule: SimIngressRule }[] = [];
  for (const cls of ['exact', 'wildcard', 'any'] as HostClass[]) {
    for (const ingress of ingresses) {
      for (const rule of ingress.rules) {
        if (hostClass(rule.host) === cls && matchHost(rule.host, host)) candidates.push({ ingress, rule });
      }
    }
    if (candidates.length > 0) break;
  }

  // 2. Best path among them; the first found wins ties (ingress order, then rule and path order).
  let best: { ingress: SimIngress; rule: SimIngressRule; path: SimIngressPath } | undefined;
  for (const c of candidates) {
    for (const p of c.rule.paths) {
      if (!matchPath(p.pathType, p.path, reqPath)) continue;
      if (
        !best ||
        p.path.length > best.path.path.length ||
        (p.path.length === best.path.path.length && TYPE_RANK[p.pathType] < TYPE_RANK[best.path.pathType])
      ) {
        best = { ...c, path: p };
      }
    }
  }
  const hostText = host === '' ? '(no host)' : `"${host}"`;
  if (best) {
    const ruleHost = best.rule.host === '' ? 'any host' : `host "${best.rule.host}"`;
    return {
      ingress: best.ingress,
      rule: best.rule,
      path: best.path,
      backend: best.path.backend,
      status: 200,
      reason: `Ingress ${ingressName(best.ingress)} routes ${ruleHost} path "${best.path.path}" (${best.path.pathType}) to ${describeBackend(best.path.backend)}`,
    };
  }

  // 3. Default backends.
  const withHost = candidates.map((c) => c.ingress).find((i) => i.defaultBackend !== undefined);
  const fallback = withHost ?? ingresses.find((i) => i.defaultBackend !== undefined);
  const why = candidates.length > 0 ? `no path of the rules for ${hostText} matches "${reqPath}"` : `no Ingress rule matches host ${hostText}`;
  if (fallback) {
    return {
      ingress: fallback,
      backend: fallback.defaultBackend,
      status: 200,
      reason: `${why}; the defaultBackend of Ingress ${ingressName(fallback)} (${describeBackend(fallback.defaultBackend!)}) answers`,
    };
  }
  return { status: 404, reason: `${why} and no served Ingress has a defaultBackend: the controller answers 404` };
}
