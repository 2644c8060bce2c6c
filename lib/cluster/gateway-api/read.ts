/**
 * Readers from manifests to the model's Gateway API shapes, with the defaults the CRDs' structural
 * schemas write into the stored object (parentRef group/kind, backendRef group/kind/weight, a rule
 * without matches meaning `PathPrefix /`, header and query matches `Exact`, `allowedRoutes.from:
 * Same`, `tls.mode: Terminate`). Anything of the wrong shape is skipped here (it is a
 * gateway-api-validation finding); nothing throws.
 */
import { arr, at, int, isObject, str, strMap, type Json, type JsonObject } from '../../k8s/json';
import { labelsSatisfy } from '../../k8s/label-selector';
import type { ManifestObject } from '../../load/types';
import {
  GATEWAY_GROUP,
  type RouteKind,
  type SimBackendRef,
  type SimFilter,
  type SimGateway,
  type SimGatewayClass,
  type SimGrpcMatch,
  type SimHttpMatch,
  type SimLabelSelector,
  type SimListener,
  type SimParentRef,
  type SimReferenceGrant,
  type SimRoute,
  type SimRouteRule,
  type SimStringMatch,
} from './model';

export const GATEWAY_API_VERSIONS = [`${GATEWAY_GROUP}/v1`, `${GATEWAY_GROUP}/v1beta1`, `${GATEWAY_GROUP}/v1alpha2`];

export function isGatewayApiKind(o: ManifestObject, kind: string): boolean {
  return o.kind === kind && GATEWAY_API_VERSIONS.includes(o.apiVersion);
}

export function readGatewayClass(o: ManifestObject): SimGatewayClass {
  const c: SimGatewayClass = { name: o.name, obj: o };
  const controllerName = str(at(o.raw, 'spec', 'controllerName'));
  if (controllerName !== undefined) c.controllerName = controllerName;
  const description = str(at(o.raw, 'spec', 'description'));
  if (description !== undefined) c.description = description;
  return c;
}

export function readLabelSelector(value: Json | undefined): SimLabelSelector | undefined {
  if (!isObject(value)) return undefined;
  return {
    matchLabels: strMap(value.matchLabels) ?? {},
    matchExpressions: arr(value.matchExpressions)
      .filter(isObject)
      .map((e) => ({ key: str(e.key) ?? '', operator: str(e.operator) ?? '', values: arr(e.values).filter((v): v is string => typeof v === 'string') })),
  };
}

/** Does a label set satisfy a selector? An expression with an unknown operator matches nothing (the API server rejects it). */
export function selectorMatches(selector: SimLabelSelector, labels: Record<string, string>): boolean {
  return labelsSatisfy(labels, selector.matchLabels, selector.matchExpressions);
}

function readListener(value: JsonObject, index: number): SimListener | undefined {
  const name = str(value.name);
  const port = int(value.port);
  const protocol = str(value.protocol);
  if (name === undefined || port === undefined || protocol === undefined) return undefined;
  const listener: SimListener = {
    index,
    name,
    port,
    protocol,
    certificateRefs: [],
    allowedFrom: str(at(value, 'allowedRoutes', 'namespaces', 'from')) ?? 'Same',
    field: `spec.listeners[${index}]`,
  };
  const hostname = str(value.hostname);
  if (hostname !== undefined && hostname !== '') listener.hostname = hostname.toLowerCase();
  if (isObject(value.tls)) {
    listener.tlsMode = str(value.tls.mode) ?? 'Terminate';
    for (const ref of arr(value.tls.certificateRefs)) {
      if (!isObject(ref) || str(ref.name) === undefined) continue;
      const c: SimListener['certificateRefs'][number] = { group: str(ref.group) ?? '', kind: str(ref.kind) ?? 'Secret', name: str(ref.name)! };
      const ns = str(ref.namespace);
      if (ns !== undefined) c.namespace = ns;
      listener.certificateRefs.push(c);
    }
  }
  const selector = readLabelSelector(at(value, 'allowedRoutes', 'namespaces', 'selector'));
  if (selector) listener.allowedSelector = selector;
  const kinds = at(value, 'allowedRoutes', 'kinds');
  if (Array.isArray(kinds) && kinds.length > 0) {
    listener.allowedKinds = kinds.filter(isObject).map((k) => ({ group: str(k.group) ?? GATEWAY_GROUP, kind: str(k.kind) ?? '' }));
  }
  return listener;
}

export function readGateway(o: ManifestObject): SimGateway {
  const listeners: SimListener[] = [];
  arr(at(o.raw, 'spec', 'listeners')).forEach((l, i) => {
    if (!isObject(l)) return;
    const listener = readListener(l, i);
    if (listener) listeners.push(listener);
  });
  return {
    namespace: o.namespace,
    name: o.name,
    obj: o,
    className: str(at(o.raw, 'spec', 'gatewayClassName')) ?? '',
    listeners,
    addresses: arr(at(o.raw, 'status', 'addresses'))
      .map((a) => str(at(a, 'value')))
      .filter((v): v is string => v !== undefined),
  };
}

function readParentRef(value: JsonObject, index: number, namespace: string): SimParentRef | undefined {
  const name = str(value.name);
  if (name === undefined) return undefined;
  const ref: SimParentRef = {
    index,
    group: str(value.group) ?? GATEWAY_GROUP,
    kind: str(value.kind) ?? 'Gateway',
    namespace: str(value.namespace) ?? namespace,
    name,
    field: `spec.parentRefs[${index}]`,
  };
  const sectionName = str(value.sectionName);
  if (sectionName !== undefined) ref.sectionName = sectionName;
  const port = int(value.port);
  if (port !== undefined) ref.port = port;
  return ref;
}

function readStringMatches(value: Json | undefined): SimStringMatch[] {
  const out: SimStringMatch[] = [];
  for (const m of arr(value)) {
    if (!isObject(m)) continue;
    const name = str(m.name);
    const v = m.value;
    if (name === undefined || (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) continue;
    out.push({ type: str(m.type) ?? 'Exact', name, value: String(v) });
  }
  return out;
}

function readFilters(value: Json | undefined, field: string): SimFilter[] {
  const out: SimFilter[] = [];
  arr(value).forEach((f, i) => {
    if (!isObject(f)) return;
    const type = str(f.type);
    if (type !== undefined) out.push({ type, raw: f, field: `${field}[${i}]` });
  });
  return out;
}

function readBackendRef(value: JsonObject, index: number, namespace: string, field: string): SimBackendRef | undefined {
  const name = str(value.name);
  if (name === undefined) return undefined;
  const weight = value.weight === undefined ? 1 : int(value.weight);
  if (weight === undefined) return undefined;
  const ref: SimBackendRef = {
    index,
    group: str(value.group) ?? '',
    kind: str(value.kind) ?? 'Service',
    namespace: str(value.namespace) ?? namespace,
    name,
    weight,
    filters: readFilters(value.filters, `${field}.filters`),
    field,
  };
  const port = int(value.port);
  if (port !== undefined) ref.port = port;
  return ref;
}

/** The backendRef of a RequestMirror filter, as a backend with weight 1. */
export function mirrorBackendRef(filter: SimFilter, namespace: string): SimBackendRef | undefined {
  const ref = at(filter.raw, 'requestMirror', 'backendRef');
  return isObject(ref) ? readBackendRef(ref, 0, namespace, `${filter.field}.requestMirror.backendRef`) : undefined;
}

function readHttpMatch(value: JsonObject, index: number, field: string): SimHttpMatch {
  const path = isObject(value.path) ? value.path : {};
  const match: SimHttpMatch = {
    index,
    path: { type: str(path.type) ?? 'PathPrefix', value: str(path.value) ?? '/' },
    headers: readStringMatches(value.headers),
    queryParams: readStringMatches(value.queryParams),
    field,
    written: true,
  };
  const method = str(value.method);
  if (method !== undefined) match.method = method;
  return match;
}

function readGrpcMatch(value: JsonObject, index: number, field: string): SimGrpcMatch {
  const match: SimGrpcMatch = { index, headers: readStringMatches(value.headers), field, written: true };
  if (isObject(value.method)) {
    const m: NonNullable<SimGrpcMatch['method']> = { type: str(value.method.type) ?? 'Exact' };
    const service = str(value.method.service);
    if (service !== undefined) m.service = service;
    const method = str(value.method.method);
    if (method !== undefined) m.method = method;
    match.method = m;
  }
  return match;
}

function readRule(value: JsonObject, index: number, kind: RouteKind, namespace: string): SimRouteRule {
  const field = `spec.rules[${index}]`;
  const rule: SimRouteRule = { index, httpMatches: [], grpcMatches: [], filters: readFilters(value.filters, `${field}.filters`), backendRefs: [], field };
  const name = str(value.name);
  if (name !== undefined) rule.name = name;
  const matches = arr(value.matches);
  if (kind === 'HTTPRoute') {
    matches.forEach((m, j) => {
      if (isObject(m)) rule.httpMatches.push(readHttpMatch(m, j, `${field}.matches[${j}]`));
    });
    if (matches.length === 0) rule.httpMatches.push({ index: 0, path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [], field, written: false });
  } else {
    matches.forEach((m, j) => {
      if (isObject(m)) rule.grpcMatches.push(readGrpcMatch(m, j, `${field}.matches[${j}]`));
    });
    if (matches.length === 0) rule.grpcMatches.push({ index: 0, headers: [], field, written: false });
  }
  arr(value.backendRefs).forEach((b, j) => {
    if (!isObject(b)) return;
    const ref = readBackendRef(b, j, namespace, `${field}.backendRefs[${j}]`);
    if (ref) rule.backendRefs.push(ref);
  });
  return rule;
}

function timestamp(value: Json | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

export function readRoute(o: ManifestObject): SimRoute {
  const kind = o.kind as RouteKind;
  const spec = at(o.raw, 'spec');
  const route: SimRoute = {
    kind,
    namespace: o.namespace,
    name: o.name,
    obj: o,
    hostnames: arr(at(spec, 'hostnames'))
      .filter((h): h is string => typeof h === 'string')
      .map((h) => h.toLowerCase()),
    parentRefs: [],
    rules: [],
  };
  const created = timestamp(at(o.raw, 'metadata', 'creationTimestamp'));
  if (created !== undefined) route.created = created;
  arr(at(spec, 'parentRefs')).forEach((p, i) => {
    if (!isObject(p)) return;
    const ref = readParentRef(p, i, o.namespace);
    if (ref) route.parentRefs.push(ref);
  });
  const rules = at(spec, 'rules');
  if (Array.isArray(rules)) {
    rules.forEach((r, i) => {
      if (isObject(r)) route.rules.push(readRule(r, i, kind, o.namespace));
    });
  } else if (rules === undefined) {
    // The CRD's default: one rule matching every request (and without backends).
    route.rules.push(readRule({}, 0, kind, o.namespace));
  }
  return route;
}

export function readReferenceGrant(o: ManifestObject): SimReferenceGrant {
  const spec = at(o.raw, 'spec');
  return {
    namespace: o.namespace,
    name: o.name,
    obj: o,
    from: arr(at(spec, 'from'))
      .filter(isObject)
      .map((f) => ({ group: str(f.group) ?? '', kind: str(f.kind) ?? '', namespace: str(f.namespace) ?? '' })),
    to: arr(at(spec, 'to'))
      .filter(isObject)
      .map((t) => {
        const entry: SimReferenceGrant['to'][number] = { group: str(t.group) ?? '', kind: str(t.kind) ?? '' };
        const name = str(t.name);
        if (name !== undefined) entry.name = name;
        return entry;
      }),
  };
}
