/**
 * `get KIND`: the simulated objects of one kind, as the API server and its controllers would hold
 * them (defaulted, allocated, reconciled), sorted by namespace and name. The answer carries each
 * model object for the kubectl-style tables and, on request, its API object for `-o json|yaml`.
 */
import { isObject, type Json, type JsonObject } from '../k8s/json';
import type { Cluster, SimEndpoints, SimEndpointSlice, SimIngress, SimNetworkPolicy, SimPod, SimService } from '../cluster/model';
import { gatewayObject, routeObject } from '../cluster/gateway-api/api';
import type { SimGateway, SimGatewayStatus, SimRoute } from '../cluster/gateway-api/model';
import { QueryError } from '../errors';

/** The kinds `get` lists, in the order help texts name them. */
export const GET_KINDS = ['services', 'endpoints', 'endpointslices', 'pods', 'ingresses', 'networkpolicies', 'gateways', 'httproutes', 'grpcroutes'] as const;
export type GetKind = (typeof GET_KINDS)[number];

/** Names kubectl accepts for each kind (plural, singular, short name). */
const KIND_NAMES: Record<string, GetKind> = {
  services: 'services', service: 'services', svc: 'services',
  endpoints: 'endpoints', ep: 'endpoints',
  endpointslices: 'endpointslices', endpointslice: 'endpointslices',
  pods: 'pods', pod: 'pods', po: 'pods',
  ingresses: 'ingresses', ingress: 'ingresses', ing: 'ingresses',
  networkpolicies: 'networkpolicies', networkpolicy: 'networkpolicies', netpol: 'networkpolicies',
  gateways: 'gateways', gateway: 'gateways', gtw: 'gateways',
  httproutes: 'httproutes', httproute: 'httproutes',
  grpcroutes: 'grpcroutes', grpcroute: 'grpcroutes',
};

export const GET_KINDS_HELP = 'services|svc, endpoints|ep, endpointslices, pods|po, ingresses|ing, networkpolicies|netpol, gateways|gtw, httproutes, grpcroutes';

export function resolveKind(text: string): GetKind | undefined {
  const k = text.toLowerCase();
  return Object.prototype.hasOwnProperty.call(KIND_NAMES, k) ? KIND_NAMES[k] : undefined;
}

/** resolveKind, or a QueryError naming the kinds there are. */
export function getKind(text: string): GetKind {
  const kind = resolveKind(text);
  if (!kind) throw new QueryError(`unknown resource type "${text}"`, `use one of ${GET_KINDS_HELP}`);
  return kind;
}

/** `status.parents[].controllerName` when the input has no GatewayClass to name the controller. */
const SIMULATED_CONTROLLER = 'lineup.dev/simulated-gateway-controller';

interface ListedBase {
  namespace: string;
  name: string;
  /** The object as the API server stores it (keys in input order; listObjects sorts them). */
  apiObject(): JsonObject;
}

/** One listed object: its kind and the model object the tables read. */
export type Listed = ListedBase &
  (
    | { kind: 'services'; model: SimService }
    | { kind: 'endpoints'; model: SimEndpoints }
    | { kind: 'endpointslices'; model: SimEndpointSlice }
    | { kind: 'pods'; model: SimPod }
    | { kind: 'ingresses'; model: SimIngress }
    | { kind: 'networkpolicies'; model: SimNetworkPolicy }
    | { kind: 'gateways'; model: SimGateway; status: SimGatewayStatus }
    | { kind: 'httproutes' | 'grpcroutes'; model: SimRoute }
  );

export interface GetQuery {
  /** Only this namespace; undefined = every namespace. */
  namespace?: string;
}

export interface GetAnswer {
  kind: GetKind;
  /** The namespace asked about; undefined when every namespace was. */
  namespace?: string;
  /** Sorted by namespace, then name. */
  items: Listed[];
}

export function queryGet(cluster: Cluster, kind: GetKind, query: GetQuery = {}): GetAnswer {
  let list: Listed[];
  switch (kind) {
    case 'services':
      list = cluster.services.map((s) => ({ kind, namespace: s.namespace, name: s.name, model: s, apiObject: () => s.apiObject() }));
      break;
    case 'endpoints':
      list = cluster.endpoints().map((e) => ({ kind, namespace: e.namespace, name: e.name, model: e, apiObject: () => e.apiObject() }));
      break;
    case 'endpointslices':
      list = cluster.endpointSlices().map((e) => ({ kind, namespace: e.namespace, name: e.name, model: e, apiObject: () => e.apiObject() }));
      break;
    case 'pods':
      list = cluster.pods.map((p) => ({ kind, namespace: p.namespace, name: p.name, model: p, apiObject: () => p.apiObject() }));
      break;
    case 'ingresses':
      // The model keeps Ingresses as given: show them with the resolved namespace filled in.
      list = cluster.ingresses.map((i) => ({ kind, namespace: i.namespace, name: i.name, model: i, apiObject: () => ingressApi(i) }));
      break;
    case 'networkpolicies':
      list = cluster.networkPolicies.map((p) => ({ kind, namespace: p.namespace, name: p.name, model: p, apiObject: () => p.api }));
      break;
    case 'gateways': {
      const api = cluster.gatewayApi;
      list = api.gateways.map((g) => ({ kind, namespace: g.namespace, name: g.name, model: g, status: api.gatewayStatus(g), apiObject: () => gatewayObject(api, g) }));
      break;
    }
    case 'httproutes':
    case 'grpcroutes': {
      const api = cluster.gatewayApi;
      const routeKind = kind === 'httproutes' ? 'HTTPRoute' : 'GRPCRoute';
      // The controller that reconciles a Gateway names itself with its GatewayClass's controllerName.
      const controllerOf = (gw: SimGateway): string => api.classes.find((c) => c.name === gw.className)?.controllerName ?? SIMULATED_CONTROLLER;
      list = api.routes.filter((r) => r.kind === routeKind).map((r) => ({ kind, namespace: r.namespace, name: r.name, model: r, apiObject: () => routeObject(api, r, controllerOf) }));
      break;
    }
  }
  const items = list.filter((i) => query.namespace === undefined || i.namespace === query.namespace).sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  return query.namespace === undefined ? { kind, items } : { kind, namespace: query.namespace, items };
}

/** The simulated objects of a kind as a `v1` `List`, keys sorted at every level as kubectl prints unstructured objects. */
export function listObjects(cluster: Cluster, kind: GetKind, query: GetQuery = {}): JsonObject {
  return {
    apiVersion: 'v1',
    items: queryGet(cluster, kind, query).items.map((i) => sortKeys(i.apiObject())),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

function withNamespace(raw: JsonObject, namespace: string): JsonObject {
  const meta = isObject(raw.metadata) ? raw.metadata : {};
  return { ...raw, metadata: { ...meta, namespace } };
}

/** The Ingress as stored: its namespace filled in and the class DefaultIngressClass admission gave it. */
function ingressApi(i: SimIngress): JsonObject {
  const api = withNamespace(i.obj.raw, i.namespace);
  if (i.ingressClassName === undefined) return api;
  if (api.spec === undefined) api.spec = { ingressClassName: i.ingressClassName };
  else if (isObject(api.spec) && api.spec.ingressClassName === undefined) api.spec = { ...api.spec, ingressClassName: i.ingressClassName };
  return api;
}

function sortKeys(v: Json): Json;
function sortKeys(v: JsonObject): JsonObject;
function sortKeys(v: Json): Json {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(cmp)) {
    const x = v[k];
    if (x !== undefined) out[k] = sortKeys(x);
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
