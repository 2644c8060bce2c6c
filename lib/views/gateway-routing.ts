/**
 * Gateway API request routing, as a conformant implementation does it: the listener (port, then
 * the most specific hostname), the routes attached to it whose hostnames match the Host, then the
 * one rule match that the specification's precedence picks among all of them; then the rule's
 * filters and its weighted backendRefs. A pure function of the simulated cluster and the request.
 */
import { compareRouteAge, describeBackendProblem } from '../cluster/gateway-api/build';
import { hostnameMatches, isWildcard, listenerHostnameRank } from '../cluster/gateway-api/hostnames';
import type { GatewayApi, SimBackendResolution, SimFilter, SimGateway, SimGrpcMatch, SimHttpMatch, SimListener, SimRoute, SimRouteRule, SimStringMatch } from '../cluster/gateway-api/model';
import { mirrorBackendRef } from '../cluster/gateway-api/read';
import { at, int, str } from '../k8s/json';

export interface GatewayRequest {
  /** `grpc` is an HTTP/2 cleartext (h2c) POST to `/package.Service/Method`. */
  scheme: 'http' | 'https' | 'grpc';
  /** Lower-case, without port. */
  host: string;
  port: number;
  /** Without the query string. */
  path: string;
  /** Query parameters in order (name, value), as sent. */
  query: [string, string][];
  method: string;
  /** Request headers in order (name as sent, value). */
  headers: [string, string][];
  /** Only this Gateway (`--via gateway/NS/NAME`). */
  gateway?: { namespace: string; name: string };
}

export interface ChosenBackend {
  resolution: SimBackendResolution;
  /** Share of the rule's requests (weight / sum of weights). */
  share: number;
}

export interface GatewayRoute {
  gateway: SimGateway;
  listener: SimListener;
  route: SimRoute;
  rule: SimRouteRule;
  /** Field path of the match that was chosen (`spec.rules[1].matches[0]`, or the rule's own path when it has none). */
  matchField: string;
  /** Backends with a share above 0, in rule order. */
  backends: ChosenBackend[];
  /** RequestRedirect: the answer instead of forwarding. */
  redirect?: { location: string; status: number };
  /** URLRewrite applied: what the backend receives. */
  rewrite?: { host?: string; path?: string };
  /** The filters in effect, one line each, in order (rule filters). */
  filterNotes: string[];
}

export type GatewayRouting =
  /** No Gateway listener serves this port, scheme and host. */
  | { kind: 'no-listener'; reason: string }
  /** A listener serves the request, but no rule of its routes matches: 404 (gRPC UNIMPLEMENTED). */
  | { kind: 'not-found'; gateway: SimGateway; listener: SimListener; reason: string }
  | ({ kind: 'routed' } & GatewayRoute);

/** The listener that serves a request: port and protocol, then the most specific matching hostname. */
export function selectListener(api: GatewayApi, req: Pick<GatewayRequest, 'scheme' | 'host' | 'port' | 'gateway'>): { gateway: SimGateway; listener: SimListener } | undefined {
  const protocol = req.scheme === 'https' ? 'HTTPS' : 'HTTP';
  let best: { gateway: SimGateway; listener: SimListener; rank: number } | undefined;
  for (const gateway of api.gateways) {
    if (req.gateway && (gateway.namespace !== req.gateway.namespace || gateway.name !== req.gateway.name)) continue;
    const status = api.gatewayStatus(gateway);
    if (!status.reconciled) continue;
    for (const ls of status.listeners) {
      const l = ls.listener;
      if (ls.conflict || l.port !== req.port || l.protocol !== protocol) continue;
      if (l.hostname !== undefined && !hostnameMatches(l.hostname, req.host)) continue;
      const rank = listenerHostnameRank(l.hostname);
      // Gateways in namespace/name order, listeners in list order: the first of equals is kept.
      if (!best || rank > best.rank) best = { gateway, listener: l, rank };
    }
  }
  return best && { gateway: best.gateway, listener: best.listener };
}

/** `Exact`, `PathPrefix` (element-wise, trailing `/` of the value ignored) or `RegularExpression` (whole path, ECMAScript). */
export function pathMatches(match: { type: string; value: string }, path: string): boolean {
  switch (match.type) {
    case 'Exact':
      return path === match.value;
    case 'PathPrefix': {
      const prefix = trimTrailingSlash(match.value);
      return prefix === '' || path === prefix || path.startsWith(prefix + '/');
    }
    case 'RegularExpression':
      return fullMatch(match.value, path);
    default:
      return false;
  }
}

function trimTrailingSlash(value: string): string {
  return value.endsWith('/') ? value.replace(/\/+$/, '') : value;
}

const regexCache = new Map<string, RegExp | null>();

/** Does the whole text match the pattern? An invalid pattern matches nothing. */
function fullMatch(pattern: string, text: string): boolean {
  let re = regexCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(pattern, re);
  }
  return re !== null && re.test(text);
}

function valueMatches(m: SimStringMatch, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (m.type === 'Exact') return value === m.value;
  if (m.type === 'RegularExpression') return fullMatch(m.value, value);
  return false;
}

/** Header names are case-insensitive; the first header of a name is the one compared. */
function headerValue(headers: readonly [string, string][], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

/** Query parameter names are case-sensitive; the first value of a repeated parameter counts. */
function queryValue(query: readonly [string, string][], name: string): string | undefined {
  for (const [n, v] of query) if (n === name) return v;
  return undefined;
}

export function httpMatchMatches(m: SimHttpMatch, req: Pick<GatewayRequest, 'path' | 'method' | 'headers' | 'query'>): boolean {
  if (!pathMatches(m.path, req.path)) return false;
  if (m.method !== undefined && m.method !== req.method) return false;
  for (const h of firstOfEachName(m.headers, true)) if (!valueMatches(h, headerValue(req.headers, h.name))) return false;
  for (const q of firstOfEachName(m.queryParams, false)) if (!valueMatches(q, queryValue(req.query, q.name))) return false;
  return true;
}

/** Of conditions naming the same header (case-insensitively) or query parameter, only the first counts. */
function firstOfEachName(list: readonly SimStringMatch[], caseInsensitive: boolean): SimStringMatch[] {
  if (list.length < 2) return list as SimStringMatch[];
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = caseInsensitive ? m.name.toLowerCase() : m.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function grpcMatchMatches(m: SimGrpcMatch, service: string, method: string, headers: readonly [string, string][]): boolean {
  if (m.method) {
    const exact = m.method.type === 'Exact';
    if (!exact && m.method.type !== 'RegularExpression') return false;
    if (m.method.service !== undefined && !(exact ? m.method.service === service : fullMatch(m.method.service, service))) return false;
    if (m.method.method !== undefined && !(exact ? m.method.method === method : fullMatch(m.method.method, method))) return false;
  }
  for (const h of m.headers) if (!valueMatches(h, headerValue(headers, h.name))) return false;
  return true;
}

/**
 * Precedence of an HTTPRoute match, as a tuple compared left to right (greater wins): characters of
 * the matching non-wildcard hostname, of any matching hostname; Exact path; PathPrefix length
 * (RegularExpression after every prefix); method; header count; query count.
 */
export function httpMatchRank(m: SimHttpMatch): number[] {
  const kind = m.path.type === 'Exact' ? 2 : m.path.type === 'PathPrefix' ? 1 : 0;
  const length = m.path.type === 'RegularExpression' ? 0 : m.path.value.length;
  return [kind, length, m.method !== undefined ? 1 : 0, firstOfEachName(m.headers, true).length, firstOfEachName(m.queryParams, false).length];
}

export function grpcMatchRank(m: SimGrpcMatch): number[] {
  return [m.method?.service?.length ?? 0, m.method?.method?.length ?? 0, m.headers.length];
}

/** Hostname part of the precedence: longest matching precise hostname, then longest matching hostname. */
function hostnameRank(hostnames: readonly string[], host: string): number[] | undefined {
  if (hostnames.length === 0) return [0, 0];
  let precise = 0;
  let any = -1;
  for (const h of hostnames) {
    if (!hostnameMatches(h, host)) continue;
    if (!isWildcard(h)) precise = Math.max(precise, h.length);
    any = Math.max(any, h.length);
  }
  return any < 0 ? undefined : [precise, any];
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i] ? 1 : -1;
  return 0;
}

interface Candidate {
  route: SimRoute;
  rule: SimRouteRule;
  matchField: string;
  matchPath?: SimHttpMatch['path'];
  rank: number[];
}

/** Better candidate first: rank, then oldest route, namespace/name, rule order, match order (the order seen). */
function better(a: Candidate, b: Candidate): boolean {
  const r = compareRanks(a.rank, b.rank);
  if (r !== 0) return r > 0;
  if (a.route !== b.route) return compareRouteAge(a.route, b.route) < 0;
  return false;
}

/** Route a request through the Gateway API objects. */
export function routeGatewayRequest(api: GatewayApi, req: GatewayRequest): GatewayRouting {
  const chosen = selectListener(api, req);
  if (!chosen) {
    const what = req.gateway ? `Gateway ${req.gateway.namespace}/${req.gateway.name}` : 'no Gateway';
    return { kind: 'no-listener', reason: `${what} has no ${req.scheme === 'https' ? 'HTTPS' : 'HTTP'} listener on port ${req.port} for host ${req.host}` };
  }
  const { gateway, listener } = chosen;
  const wantKind = req.scheme === 'grpc' ? 'GRPCRoute' : 'HTTPRoute';
  let grpc: { service: string; method: string } | undefined;
  if (req.scheme === 'grpc') {
    const m = /^\/([^/]+)\/([^/]+)$/.exec(req.path);
    grpc = m ? { service: m[1], method: m[2] } : { service: '', method: '' };
  }
  let best: Candidate | undefined;
  let routesForHost = 0;
  for (const { route, attachment } of api.attachedTo(gateway, listener)) {
    if (route.kind !== wantKind) continue;
    const host = hostnameRank(attachment.hostnames, req.host);
    if (!host) continue;
    routesForHost++;
    for (const rule of route.rules) {
      if (grpc) {
        for (const m of rule.grpcMatches) {
          if (!grpcMatchMatches(m, grpc.service, grpc.method, req.headers)) continue;
          const c: Candidate = { route, rule, matchField: m.field, rank: [...host, ...grpcMatchRank(m)] };
          if (!best || better(c, best)) best = c;
        }
      } else {
        for (const m of rule.httpMatches) {
          if (!httpMatchMatches(m, req)) continue;
          const c: Candidate = { route, rule, matchField: m.field, matchPath: m.path, rank: [...host, ...httpMatchRank(m)] };
          if (!best || better(c, best)) best = c;
        }
      }
    }
  }
  if (!best) {
    const reason = routesForHost === 0 ? `no ${wantKind} attached to this listener serves host ${req.host}` : `no rule of the ${routesForHost} ${wantKind}${routesForHost > 1 ? 's' : ''} for host ${req.host} matches`;
    return { kind: 'not-found', gateway, listener, reason };
  }
  return { kind: 'routed', ...applyRule(api, req, gateway, listener, best) };
}

function applyRule(api: GatewayApi, req: GatewayRequest, gateway: SimGateway, listener: SimListener, c: Candidate): GatewayRoute {
  const { route, rule } = c;
  const out: GatewayRoute = { gateway, listener, route, rule, matchField: c.matchField, backends: [], filterNotes: [] };
  for (const f of rule.filters) {
    if (f.type === 'RequestRedirect') {
      out.redirect = redirectOf(f, req, listener, c.matchPath);
      out.filterNotes.push(`RequestRedirect: ${out.redirect.status} Location ${out.redirect.location}`);
    } else if (f.type === 'URLRewrite') {
      const rewrite: { host?: string; path?: string } = {};
      const hostname = str(at(f.raw, 'urlRewrite', 'hostname'));
      if (hostname) rewrite.host = hostname;
      const path = rewrittenPath(at(f.raw, 'urlRewrite', 'path'), req.path, c.matchPath);
      if (path !== undefined) rewrite.path = path;
      out.rewrite = rewrite;
      out.filterNotes.push(`URLRewrite: ${[rewrite.host ? `Host ${rewrite.host}` : '', rewrite.path ? `path ${rewrite.path}` : ''].filter(Boolean).join(', ') || 'nothing changed'}`);
    } else {
      out.filterNotes.push(describeFilter(f, route.namespace));
    }
  }
  if (out.redirect) return out;
  const total = rule.backendRefs.reduce((s, b) => s + Math.max(0, b.weight), 0);
  if (total > 0) {
    for (const ref of rule.backendRefs) {
      if (ref.weight <= 0) continue;
      out.backends.push({ resolution: api.resolveBackend(route, ref), share: ref.weight / total });
    }
  }
  return out;
}

function headerNames(list: unknown): string {
  return Array.isArray(list)
    ? list
        .map((h) => (typeof h === 'string' ? h : `${str(at(h, 'name')) ?? '?'}: ${str(at(h, 'value')) ?? ''}`))
        .join(', ')
    : '';
}

function describeFilter(f: SimFilter, namespace: string): string {
  switch (f.type) {
    case 'RequestHeaderModifier':
    case 'ResponseHeaderModifier': {
      const key = f.type === 'RequestHeaderModifier' ? 'requestHeaderModifier' : 'responseHeaderModifier';
      const parts: string[] = [];
      const set = headerNames(at(f.raw, key, 'set'));
      const add = headerNames(at(f.raw, key, 'add'));
      const remove = headerNames(at(f.raw, key, 'remove'));
      if (set) parts.push(`set ${set}`);
      if (add) parts.push(`add ${add}`);
      if (remove) parts.push(`remove ${remove}`);
      return `${f.type}: ${parts.join('; ') || 'no change'}`;
    }
    case 'RequestMirror': {
      const ref = mirrorBackendRef(f, namespace);
      const percent = int(at(f.raw, 'requestMirror', 'percent'));
      const fraction = at(f.raw, 'requestMirror', 'fraction');
      const share = percent !== undefined ? `${percent}%` : int(at(fraction, 'numerator')) !== undefined ? `${int(at(fraction, 'numerator'))}/${int(at(fraction, 'denominator')) ?? 100}` : '100%';
      return `RequestMirror: a copy of ${share} of requests to ${ref ? `${ref.kind} ${ref.namespace}/${ref.name}${ref.port !== undefined ? `:${ref.port}` : ''}` : '?'} (responses ignored)`;
    }
    case 'ExtensionRef':
      return `ExtensionRef: ${str(at(f.raw, 'extensionRef', 'kind')) ?? '?'} ${str(at(f.raw, 'extensionRef', 'name')) ?? '?'} (implementation-specific, not simulated)`;
    default:
      return `${f.type} (not simulated)`;
  }
}

/**
 * ReplacePrefixMatch: the matched prefix (element-wise, trailing `/` ignored) replaced, keeping the
 * rest of the path; an empty result is `/`.
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = trimTrailingSlash(prefix);
  const rest = path.slice(p.length);
  const out = trimTrailingSlash(replacement) + rest;
  return out === '' ? '/' : out;
}

function rewrittenPath(modifier: unknown, path: string, matched: SimHttpMatch['path'] | undefined): string | undefined {
  const type = str(at(modifier, 'type'));
  if (type === 'ReplaceFullPath') return str(at(modifier, 'replaceFullPath'));
  if (type === 'ReplacePrefixMatch') {
    const replacement = str(at(modifier, 'replacePrefixMatch'));
    if (replacement === undefined || !matched || matched.type !== 'PathPrefix') return undefined;
    return replacePrefix(path, matched.value, replacement);
  }
  return undefined;
}

const WELL_KNOWN_PORT: Record<string, number> = { http: 80, https: 443 };

/** The Location a RequestRedirect answers with, built as the HTTPRequestRedirectFilter fields say. */
function redirectOf(f: SimFilter, req: GatewayRequest, listener: SimListener, matched: SimHttpMatch['path'] | undefined): { location: string; status: number } {
  const r = at(f.raw, 'requestRedirect');
  const schemeSet = str(at(r, 'scheme'));
  const scheme = schemeSet ?? (req.scheme === 'https' ? 'https' : 'http');
  const host = str(at(r, 'hostname')) ?? req.host;
  const port = int(at(r, 'port')) ?? (schemeSet ? WELL_KNOWN_PORT[scheme] : listener.port);
  const path = rewrittenPath(at(r, 'path'), req.path, matched) ?? req.path;
  const query = req.query.length > 0 ? `?${req.query.map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join('&')}` : '';
  const portText = port === WELL_KNOWN_PORT[scheme] ? '' : `:${port}`;
  return { location: `${scheme}://${host}${portText}${path}${query}`, status: int(at(r, 'statusCode')) ?? 302 };
}

/** One line about an invalid backend, for the trace. */
export function backendProblemText(b: SimBackendResolution): string {
  return describeBackendProblem(b);
}
