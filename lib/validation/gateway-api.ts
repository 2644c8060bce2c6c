/**
 * What the Gateway API CRDs (standard channel) make the API server reject, for the fields lineup
 * models: the OpenAPI schema's limits, enums and patterns, and the CEL rules
 * (`x-kubernetes-validations`) of Gateway, HTTPRoute, GRPCRoute and ReferenceGrant. Each error has
 * the field path of the schema node that carries the rule and the message as the CRD states it;
 * rendering follows the apiextensions-apiserver (`<field>: Invalid value: "<type>": <message>` for a
 * CEL rule on a node of that type).
 *
 * Sources: kubernetes-sigs/gateway-api config/crd/standard/gateway.networking.k8s.io_{gateways,
 * httproutes,grpcroutes,referencegrants}.yaml; kubernetes/kubernetes
 * staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go.
 */
import { arr, at, isObject, str, type Json, type JsonObject } from '../k8s/json';

export interface CrdError {
  field: string;
  /** The error as the API server words it after the field path (`Invalid value: "object": …`). */
  detail: string;
}

const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const HOSTNAME_TEXT = '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const HEADER_NAME_TEXT = "^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$";
const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
const EXACT_OR_REGEX = ['Exact', 'RegularExpression'];

function cel(field: string, type: 'object' | 'array' | 'string', message: string): CrdError {
  return { field, detail: `Invalid value: "${type}": ${message}` };
}

function tooMany(field: string, n: number, max: number): CrdError {
  return { field, detail: `Too many: ${n}: must have at most ${max} items` };
}

function unsupported(field: string, value: string, supported: readonly string[]): CrdError {
  return { field, detail: `Unsupported value: "${value}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}` };
}

function pattern(field: string, value: string, text: string): CrdError {
  return { field, detail: `Invalid value: "${value}": ${field} in body should match '${text}'` };
}

function range(field: string, value: unknown, min: number, max: number): CrdError | undefined {
  if (typeof value !== 'number') return undefined;
  if (value < min) return { field, detail: `Invalid value: ${value}: ${field} in body should be greater than or equal to ${min}` };
  if (value > max) return { field, detail: `Invalid value: ${value}: ${field} in body should be less than or equal to ${max}` };
  return undefined;
}

const has = (o: unknown, key: string): boolean => isObject(o) && o[key] !== undefined && o[key] !== null;
const nonEmpty = (o: unknown, key: string): boolean => has(o, key) && at(o, key) !== '';

/** The CEL rules on `spec.parentRefs` (two references to one parent need distinct sectionNames). */
function parentRefs(spec: unknown, out: CrdError[]): void {
  const refs = arr(at(spec, 'parentRefs')).filter(isObject);
  if (refs.length > 32) out.push(tooMany('spec.parentRefs', refs.length, 32));
  const group = (p: JsonObject): Json | undefined => p.group ?? 'gateway.networking.k8s.io';
  const kind = (p: JsonObject): Json | undefined => p.kind ?? 'Gateway';
  const sameParent = (a: JsonObject, b: JsonObject): boolean =>
    group(a) === group(b) && kind(a) === kind(b) && a.name === b.name && ((!nonEmpty(a, 'namespace') && !nonEmpty(b, 'namespace')) || (has(a, 'namespace') && has(b, 'namespace') && a.namespace === b.namespace));
  const sameSection = (a: JsonObject, b: JsonObject): boolean => (!nonEmpty(a, 'sectionName') && !nonEmpty(b, 'sectionName')) || (has(a, 'sectionName') && has(b, 'sectionName') && a.sectionName === b.sectionName);
  if (refs.some((a) => refs.some((b) => sameParent(a, b) && !nonEmpty(a, 'sectionName') !== !nonEmpty(b, 'sectionName')))) {
    out.push(cel('spec.parentRefs', 'array', 'sectionName must be specified when parentRefs includes 2 or more references to the same parent'));
  }
  if (refs.some((a) => refs.filter((b) => sameParent(a, b) && sameSection(a, b)).length !== 1)) {
    out.push(cel('spec.parentRefs', 'array', 'sectionName must be unique when parentRefs includes 2 or more references to the same parent'));
  }
}

function hostnames(spec: unknown, out: CrdError[]): void {
  const list = arr(at(spec, 'hostnames'));
  if (list.length > 16) out.push(tooMany('spec.hostnames', list.length, 16));
  list.forEach((h, i) => {
    if (typeof h === 'string' && !HOSTNAME.test(h)) out.push(pattern(`spec.hostnames[${i}]`, h, HOSTNAME_TEXT));
  });
}

/** A Service backendRef (also a mirror's) needs `port`; weight and port ranges. */
function backendRef(ref: unknown, field: string, out: CrdError[]): void {
  if (!isObject(ref)) return;
  const group = ref.group ?? '';
  const kind = ref.kind ?? 'Service';
  if (group === '' && kind === 'Service' && !has(ref, 'port')) out.push(cel(field, 'object', 'Must have port for Service reference'));
  const port = range(`${field}.port`, ref.port, 1, 65535);
  if (port) out.push(port);
  const weight = range(`${field}.weight`, ref.weight, 0, 1000000);
  if (weight) out.push(weight);
}

function stringMatches(list: Json | undefined, field: string, out: CrdError[]): void {
  arr(list).forEach((m, k) => {
    if (!isObject(m)) return;
    const f = `${field}[${k}]`;
    const type = str(m.type);
    if (type !== undefined && !EXACT_OR_REGEX.includes(type)) out.push(unsupported(`${f}.type`, type, EXACT_OR_REGEX));
    const name = str(m.name);
    if (name !== undefined && !HEADER_NAME.test(name)) out.push(pattern(`${f}.name`, name, HEADER_NAME_TEXT));
  });
}

/** The path-modifier twins on `….path` of RequestRedirect and URLRewrite. */
function pathModifier(path: unknown, field: string, out: CrdError[]): void {
  if (!isObject(path)) return;
  const type = path.type;
  if (type === 'ReplaceFullPath' && !has(path, 'replaceFullPath')) out.push(cel(field, 'object', "replaceFullPath must be specified when type is set to 'ReplaceFullPath'"));
  if (has(path, 'replaceFullPath') && type !== 'ReplaceFullPath') out.push(cel(field, 'object', "type must be 'ReplaceFullPath' when replaceFullPath is set"));
  if (type === 'ReplacePrefixMatch' && !has(path, 'replacePrefixMatch')) out.push(cel(field, 'object', "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"));
  if (has(path, 'replacePrefixMatch') && type !== 'ReplacePrefixMatch') out.push(cel(field, 'object', "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"));
}

const HTTP_FILTER_FIELDS: [string, string][] = [
  ['CORS', 'cors'],
  ['RequestHeaderModifier', 'requestHeaderModifier'],
  ['ResponseHeaderModifier', 'responseHeaderModifier'],
  ['RequestMirror', 'requestMirror'],
  ['RequestRedirect', 'requestRedirect'],
  ['URLRewrite', 'urlRewrite'],
  ['ExtensionRef', 'extensionRef'],
];
const GRPC_FILTER_FIELDS: [string, string][] = [
  ['RequestHeaderModifier', 'requestHeaderModifier'],
  ['ResponseHeaderModifier', 'responseHeaderModifier'],
  ['RequestMirror', 'requestMirror'],
  ['ExtensionRef', 'extensionRef'],
];

function filters(list: Json | undefined, field: string, kinds: [string, string][], unrepeatable: string[], http: boolean, out: CrdError[]): void {
  const items = arr(list).filter(isObject);
  if (items.length > 16) out.push(tooMany(field, items.length, 16));
  if (http && items.some((f) => f.type === 'RequestRedirect') && items.some((f) => f.type === 'URLRewrite')) {
    out.push(cel(field, 'array', 'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both'));
  }
  for (const type of unrepeatable) {
    if (items.filter((f) => f.type === type).length > 1) out.push(cel(field, 'array', `${type} filter cannot be repeated`));
  }
  arr(list).forEach((f, k) => {
    if (!isObject(f)) return;
    const ff = `${field}[${k}]`;
    const type = str(f.type);
    if (type !== undefined && !kinds.some(([t]) => t === type)) {
      out.push(unsupported(`${ff}.type`, type, kinds.map(([t]) => t)));
      return;
    }
    for (const [t, key] of kinds) {
      if (has(f, key) && type !== t) out.push(cel(ff, 'object', `filter.${key} must be nil if the filter.type is not ${t}`));
      if (!has(f, key) && type === t) out.push(cel(ff, 'object', `filter.${key} must be specified for ${t} filter.type`));
    }
    const redirect = f.requestRedirect;
    if (isObject(redirect)) {
      const code = redirect.statusCode;
      if (typeof code === 'number' && ![301, 302, 303, 307, 308].includes(code)) out.push({ field: `${ff}.requestRedirect.statusCode`, detail: `Unsupported value: ${code}: supported values: "301", "302", "303", "307", "308"` });
      const scheme = str(redirect.scheme);
      if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') out.push(unsupported(`${ff}.requestRedirect.scheme`, scheme, ['http', 'https']));
      const port = range(`${ff}.requestRedirect.port`, redirect.port, 1, 65535);
      if (port) out.push(port);
      pathModifier(redirect.path, `${ff}.requestRedirect.path`, out);
    }
    if (isObject(f.urlRewrite)) pathModifier(f.urlRewrite.path, `${ff}.urlRewrite.path`, out);
    const mirror = f.requestMirror;
    if (isObject(mirror)) {
      backendRef(mirror.backendRef, `${ff}.requestMirror.backendRef`, out);
      if (has(mirror, 'percent') && has(mirror, 'fraction')) out.push(cel(`${ff}.requestMirror`, 'object', 'Only one of percent or fraction may be specified in HTTPRequestMirrorFilter'));
    }
  });
}

function usesReplacePrefix(fs: unknown, key: 'requestRedirect' | 'urlRewrite'): boolean {
  return arr(fs).filter((f) => isObject(f) && at(f, key, 'path', 'type') === 'ReplacePrefixMatch' && has(at(f, key, 'path'), 'replacePrefixMatch')).length === 1;
}

function httpPath(path: unknown, field: string, out: CrdError[]): void {
  if (!isObject(path)) return;
  const type = str(path.type) ?? 'PathPrefix';
  const value = str(path.value) ?? '/';
  if (value.length > 1024) out.push({ field: `${field}.value`, detail: `Too long: may not be more than 1024 bytes` });
  const onPaths = (message: string, bad: boolean): void => {
    if ((type === 'Exact' || type === 'PathPrefix') && bad) out.push(cel(field, 'object', `${message} when type one of ['Exact', 'PathPrefix']`));
  };
  if ((type === 'Exact' || type === 'PathPrefix') && !value.startsWith('/')) out.push(cel(field, 'object', "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"));
  onPaths("must not contain '//'", value.includes('//'));
  onPaths("must not contain '/./'", value.includes('/./'));
  onPaths("must not contain '/../'", value.includes('/../'));
  onPaths("must not contain '%2f'", value.includes('%2f'));
  onPaths("must not contain '%2F'", value.includes('%2F'));
  onPaths("must not contain '#'", value.includes('#'));
  onPaths("must not end with '/..'", value.endsWith('/..'));
  onPaths("must not end with '/.'", value.endsWith('/.'));
  if (type !== 'Exact' && type !== 'PathPrefix' && type !== 'RegularExpression') out.push(cel(field, 'object', "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']"));
  if ((type === 'Exact' || type === 'PathPrefix') && !PATH_CHARS.test(value)) {
    out.push(cel(field, 'object', "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']"));
  }
}

function routeRules(spec: unknown, kind: 'HTTPRoute' | 'GRPCRoute', out: CrdError[]): void {
  const rules = at(spec, 'rules');
  if (!Array.isArray(rules)) return;
  const http = kind === 'HTTPRoute';
  if (rules.length > 16) out.push(tooMany('spec.rules', rules.length, 16));
  // Counted after defaulting: an HTTPRoute rule without matches holds the default `PathPrefix /`.
  const total = rules.reduce<number>((n, r) => n + (Array.isArray(at(r, 'matches')) ? (at(r, 'matches') as Json[]).length : http ? 1 : 0), 0);
  if (total > 128) out.push(cel('spec.rules', 'array', 'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128'));
  rules.forEach((rule, i) => {
    if (!isObject(rule)) return;
    const rf = `spec.rules[${i}]`;
    const matches = arr(rule.matches);
    if (matches.length > 64) out.push(tooMany(`${rf}.matches`, matches.length, 64));
    matches.forEach((m, j) => {
      if (!isObject(m)) return;
      const mf = `${rf}.matches[${j}]`;
      stringMatches(m.headers, `${mf}.headers`, out);
      if (http) {
        httpPath(m.path, `${mf}.path`, out);
        stringMatches(m.queryParams, `${mf}.queryParams`, out);
        const method = str(m.method);
        if (method !== undefined && !METHODS.includes(method)) out.push(unsupported(`${mf}.method`, method, METHODS));
      } else if (isObject(m.method)) {
        const mm = m.method;
        const type = str(mm.type);
        if (type !== undefined && !EXACT_OR_REGEX.includes(type)) out.push(unsupported(`${mf}.method.type`, type, EXACT_OR_REGEX));
        if (!has(mm, 'service') && !has(mm, 'method')) out.push(cel(`${mf}.method`, 'object', "One or both of 'service' or 'method' must be specified"));
        const exact = type === undefined || type === 'Exact';
        if (exact && typeof mm.service === 'string' && !GRPC_SERVICE.test(mm.service)) out.push(cel(`${mf}.method`, 'object', 'service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)'));
        if (exact && typeof mm.method === 'string' && !GRPC_METHOD.test(mm.method)) out.push(cel(`${mf}.method`, 'object', 'method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)'));
      }
    });
    const kinds = http ? HTTP_FILTER_FIELDS : GRPC_FILTER_FIELDS;
    const unrepeatable = http ? ['CORS', 'RequestHeaderModifier', 'ResponseHeaderModifier', 'RequestRedirect', 'URLRewrite'] : ['RequestHeaderModifier', 'ResponseHeaderModifier'];
    filters(rule.filters, `${rf}.filters`, kinds, unrepeatable, http, out);
    const backends = arr(rule.backendRefs);
    if (backends.length > 16) out.push(tooMany(`${rf}.backendRefs`, backends.length, 16));
    backends.forEach((b, j) => {
      backendRef(b, `${rf}.backendRefs[${j}]`, out);
      if (isObject(b)) filters(b.filters, `${rf}.backendRefs[${j}].filters`, kinds, unrepeatable, http, out);
    });
    if (!http) return;
    if (backends.length > 0 && arr(rule.filters).some((f) => has(f, 'requestRedirect'))) out.push(cel(rf, 'object', 'RequestRedirect filter must not be used together with backendRefs'));
    const onePrefix = (() => {
      const list = Array.isArray(rule.matches) ? rule.matches : [{ path: { type: 'PathPrefix', value: '/' } }];
      // A match without path, or a path without type, is defaulted to PathPrefix before the rule runs.
      return list.length === 1 && (at(list[0], 'path', 'type') ?? 'PathPrefix') === 'PathPrefix';
    })();
    if (usesReplacePrefix(rule.filters, 'requestRedirect') && !onePrefix) out.push(cel(rf, 'object', 'When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'));
    if (usesReplacePrefix(rule.filters, 'urlRewrite') && !onePrefix) out.push(cel(rf, 'object', 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'));
    const inBackends = (key: 'requestRedirect' | 'urlRewrite'): boolean => backends.filter((b) => usesReplacePrefix(at(b, 'filters'), key)).length === 1;
    if (inBackends('requestRedirect') && !onePrefix) out.push(cel(rf, 'object', 'Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'));
    if (inBackends('urlRewrite') && !onePrefix) out.push(cel(rf, 'object', 'Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'));
  });
}

function gateway(raw: JsonObject, out: CrdError[]): void {
  const listeners = at(raw, 'spec', 'listeners');
  if (!Array.isArray(listeners)) return;
  if (listeners.length === 0) out.push({ field: 'spec.listeners', detail: 'Invalid value: 0: spec.listeners in body should have at least 1 items' });
  if (listeners.length > 64) out.push(tooMany('spec.listeners', listeners.length, 64));
  const ls = listeners.filter(isObject);
  const protocol = (l: JsonObject): Json | undefined => l.protocol;
  if (ls.some((l) => ['HTTP', 'TCP', 'UDP'].includes(String(protocol(l))) && has(l, 'tls'))) out.push(cel('spec.listeners', 'array', "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"));
  if (ls.some((l) => protocol(l) === 'HTTPS' && has(l, 'tls') && !(at(l, 'tls', 'mode') === undefined || at(l, 'tls', 'mode') === '' || at(l, 'tls', 'mode') === 'Terminate'))) out.push(cel('spec.listeners', 'array', 'tls mode must be Terminate for protocol HTTPS'));
  if (ls.some((l) => protocol(l) === 'TLS' && !nonEmpty(l.tls, 'mode'))) out.push(cel('spec.listeners', 'array', 'tls mode must be set for protocol TLS'));
  if (ls.some((l) => ['TCP', 'UDP'].includes(String(protocol(l))) && nonEmpty(l, 'hostname'))) out.push(cel('spec.listeners', 'array', "hostname must not be specified for protocols ['TCP', 'UDP']"));
  if (ls.some((a) => ls.filter((b) => a.name === b.name).length !== 1)) out.push(cel('spec.listeners', 'array', 'Listener name must be unique within the Gateway'));
  const sameHost = (a: JsonObject, b: JsonObject): boolean => (has(a, 'hostname') && has(b, 'hostname') ? a.hostname === b.hostname : !has(a, 'hostname') && !has(b, 'hostname'));
  if (ls.some((a) => ls.filter((b) => a.port === b.port && a.protocol === b.protocol && sameHost(a, b)).length !== 1)) out.push(cel('spec.listeners', 'array', 'Combination of port, protocol and hostname must be unique for each listener'));
  listeners.forEach((l, i) => {
    if (!isObject(l)) return;
    const lf = `spec.listeners[${i}]`;
    const port = range(`${lf}.port`, l.port, 1, 65535);
    if (port) out.push(port);
    const hostname = str(l.hostname);
    if (hostname !== undefined && !HOSTNAME.test(hostname)) out.push(pattern(`${lf}.hostname`, hostname, HOSTNAME_TEXT));
    const tls = l.tls;
    if (isObject(tls)) {
      const mode = str(tls.mode) ?? 'Terminate';
      if (mode !== 'Terminate' && mode !== 'Passthrough') out.push(unsupported(`${lf}.tls.mode`, mode, ['Terminate', 'Passthrough']));
      if (mode === 'Terminate' && arr(tls.certificateRefs).length === 0 && !(isObject(tls.options) && Object.keys(tls.options).length > 0)) out.push(cel(`${lf}.tls`, 'object', 'certificateRefs or options must be specified when mode is Terminate'));
    }
    const from = str(at(l, 'allowedRoutes', 'namespaces', 'from'));
    if (from !== undefined && !['All', 'Selector', 'Same'].includes(from)) out.push(unsupported(`${lf}.allowedRoutes.namespaces.from`, from, ['All', 'Selector', 'Same']));
  });
}

function referenceGrant(raw: JsonObject, out: CrdError[]): void {
  for (const key of ['from', 'to']) {
    const list = at(raw, 'spec', key);
    if (!Array.isArray(list)) continue;
    if (list.length === 0) out.push({ field: `spec.${key}`, detail: `Invalid value: 0: spec.${key} in body should have at least 1 items` });
    if (list.length > 16) out.push(tooMany(`spec.${key}`, list.length, 16));
  }
}

/** CRD validation errors of a Gateway API object (empty for other kinds). */
export function validateGatewayApiObject(kind: string, raw: JsonObject): CrdError[] {
  const out: CrdError[] = [];
  const spec = at(raw, 'spec');
  if (kind === 'HTTPRoute' || kind === 'GRPCRoute') {
    parentRefs(spec, out);
    hostnames(spec, out);
    routeRules(spec, kind, out);
  } else if (kind === 'Gateway') {
    gateway(raw, out);
  } else if (kind === 'ReferenceGrant') {
    referenceGrant(raw, out);
  }
  return out;
}
