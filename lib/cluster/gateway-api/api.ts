/**
 * Gateway API objects as the API server and a conformant controller would hold them: the CRDs'
 * structural defaults filled in, and the status the controller writes (Gateway conditions and
 * listeners, each route's `status.parents`). Rendered on request (`get … -o yaml|json`) from the
 * model; the model itself is not changed.
 */
import { arr, cloneJson, isObject, type Json, type JsonObject } from '../../k8s/json';
import { GATEWAY_GROUP, type GatewayApi, type SimCondition, type SimGateway, type SimRoute } from './model';

/** `metadata.generation` of an object that was created once. */
const GENERATION = 1;

function conditionsJson(conditions: readonly SimCondition[]): JsonObject[] {
  return conditions.map((c) => ({ lastTransitionTime: '1970-01-01T00:00:00Z', message: c.message, observedGeneration: GENERATION, reason: c.reason, status: c.status, type: c.type }));
}

function withMetadata(raw: JsonObject, namespace: string): JsonObject {
  const out = cloneJson(raw);
  const meta = isObject(out.metadata) ? out.metadata : (out.metadata = {});
  if (namespace !== '') meta.namespace = namespace;
  meta.generation = GENERATION;
  return out;
}

function defaultBackendRef(ref: Json, weight: boolean): void {
  if (!isObject(ref)) return;
  ref.group ??= '';
  ref.kind ??= 'Service';
  if (weight) ref.weight ??= 1;
}

function defaultFilters(filters: Json | undefined): void {
  for (const f of arr(filters)) {
    if (!isObject(f)) continue;
    if (isObject(f.requestRedirect)) f.requestRedirect.statusCode ??= 302;
    if (isObject(f.requestMirror)) defaultBackendRef(f.requestMirror.backendRef, false);
  }
}

function defaultRouteSpec(kind: SimRoute['kind'], spec: JsonObject): void {
  for (const p of arr(spec.parentRefs)) {
    if (!isObject(p)) continue;
    p.group ??= GATEWAY_GROUP;
    p.kind ??= 'Gateway';
  }
  const http = kind === 'HTTPRoute';
  if (http && spec.rules === undefined) spec.rules = [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }];
  for (const rule of arr(spec.rules)) {
    if (!isObject(rule)) continue;
    if (http && rule.matches === undefined) rule.matches = [{ path: { type: 'PathPrefix', value: '/' } }];
    for (const m of arr(rule.matches)) {
      if (!isObject(m)) continue;
      if (http) {
        if (m.path === undefined) m.path = { type: 'PathPrefix', value: '/' };
        if (isObject(m.path)) {
          m.path.type ??= 'PathPrefix';
          m.path.value ??= '/';
        }
        for (const q of arr(m.queryParams)) if (isObject(q)) q.type ??= 'Exact';
      } else if (isObject(m.method)) {
        m.method.type ??= 'Exact';
      }
      for (const h of arr(m.headers)) if (isObject(h)) h.type ??= 'Exact';
    }
    defaultFilters(rule.filters);
    for (const b of arr(rule.backendRefs)) {
      defaultBackendRef(b, true);
      if (isObject(b)) defaultFilters(b.filters);
    }
  }
}

/** A Gateway with the listener defaults and the status its controller writes. */
export function gatewayObject(api: GatewayApi, gw: SimGateway): JsonObject {
  const out = withMetadata(gw.obj.raw, gw.namespace);
  const spec = isObject(out.spec) ? out.spec : (out.spec = {});
  for (const l of arr(spec.listeners)) {
    if (!isObject(l)) continue;
    if (!isObject(l.allowedRoutes)) l.allowedRoutes = {};
    const allowed = l.allowedRoutes as JsonObject;
    if (!isObject(allowed.namespaces)) allowed.namespaces = {};
    (allowed.namespaces as JsonObject).from ??= 'Same';
    for (const k of arr(allowed.kinds)) if (isObject(k)) k.group ??= GATEWAY_GROUP;
    if (isObject(l.tls)) {
      l.tls.mode ??= 'Terminate';
      for (const c of arr(l.tls.certificateRefs)) {
        if (!isObject(c)) continue;
        c.group ??= '';
        c.kind ??= 'Secret';
      }
    }
  }
  const status = api.gatewayStatus(gw);
  const st: JsonObject = { conditions: conditionsJson(status.conditions) };
  if (gw.addresses.length > 0) st.addresses = arr(isObject(gw.obj.raw.status) ? gw.obj.raw.status.addresses : []).map((a) => cloneJson(a));
  if (status.listeners.length > 0) {
    st.listeners = status.listeners.map((l) => ({
      attachedRoutes: l.attachedRoutes,
      conditions: conditionsJson(l.conditions),
      name: l.listener.name,
      supportedKinds: l.supportedKinds.map((k) => ({ group: k.group, kind: k.kind })),
    }));
  }
  out.status = st;
  return out;
}

/** An HTTPRoute or GRPCRoute with its defaults and `status.parents` (one entry per reconciled parent). */
export function routeObject(api: GatewayApi, route: SimRoute, controllerName: (gw: SimGateway) => string): JsonObject {
  const out = withMetadata(route.obj.raw, route.namespace);
  const spec = isObject(out.spec) ? out.spec : (out.spec = {});
  defaultRouteSpec(route.kind, spec);
  out.status = {
    parents: api.routeParents(route).map((p) => {
      const ref: JsonObject = { group: p.ref.group, kind: p.ref.kind, name: p.ref.name, namespace: p.ref.namespace };
      if (p.ref.sectionName !== undefined) ref.sectionName = p.ref.sectionName;
      if (p.ref.port !== undefined) ref.port = p.ref.port;
      return { conditions: conditionsJson([p.accepted, p.resolvedRefs]), controllerName: controllerName(p.gateway), parentRef: ref };
    }),
  };
  return out;
}
