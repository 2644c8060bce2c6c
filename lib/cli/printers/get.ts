/** `lineup get KIND`: kubectl tables (no AGE column) and `-o yaml|json` Lists of the simulated objects. */
import { isObject, type Json, type JsonObject } from '../../k8s/json';
import type { Cluster, SimIngress } from '../../cluster/model';
import { gatewayObject, routeObject } from '../../cluster/gateway-api/api';
import type { SimGateway } from '../../cluster/gateway-api/model';
import { ENDPOINTS_COLUMNS, endpointsRow } from './endpoints';
import { GATEWAY_COLUMNS, gatewayRow, ROUTE_COLUMNS, routeRow } from './gateway-api';
import { ENDPOINTSLICE_COLUMNS, endpointSliceRow } from './endpointslices';
import { INGRESS_COLUMNS, ingressRow } from './ingresses';
import { NETWORKPOLICY_COLUMNS, networkPolicyRow } from './networkpolicies';
import { POD_COLUMNS, POD_WIDE_COLUMNS, podRow } from './pods';
import { SERVICE_COLUMNS, SERVICE_WIDE_COLUMNS, serviceRow } from './services';
import { GET_TABWRITER, tabwriteRows } from './tabwriter';

export type GetKind = 'services' | 'endpoints' | 'endpointslices' | 'pods' | 'ingresses' | 'networkpolicies' | 'gateways' | 'httproutes' | 'grpcroutes';

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

/** `status.parents[].controllerName` when the input has no GatewayClass to name the controller. */
const SIMULATED_CONTROLLER = 'lineup.dev/simulated-gateway-controller';

export interface GetOptions {
  /** Only this namespace; undefined = all namespaces (adds a NAMESPACE column). */
  namespace?: string;
  wide?: boolean;
}

interface Item {
  namespace: string;
  name: string;
  row: (wide: boolean) => string[];
  api: () => JsonObject;
}

function items(cluster: Cluster, kind: GetKind, namespace: string | undefined): Item[] {
  let list: Item[];
  switch (kind) {
    case 'services':
      list = cluster.services.map((s) => ({ namespace: s.namespace, name: s.name, row: (w) => serviceRow(s, w), api: () => s.api }));
      break;
    case 'endpoints':
      list = cluster.endpoints().map((e) => ({ namespace: e.namespace, name: e.name, row: () => endpointsRow(e), api: () => e.api }));
      break;
    case 'endpointslices':
      list = cluster.endpointSlices().map((e) => ({ namespace: e.namespace, name: e.name, row: () => endpointSliceRow(e), api: () => e.api }));
      break;
    case 'pods':
      list = cluster.pods.map((p) => ({ namespace: p.namespace, name: p.name, row: (w) => podRow(p, w), api: () => p.api }));
      break;
    case 'ingresses':
      // The model keeps Ingresses as given: show them with the resolved namespace filled in.
      list = cluster.ingresses.map((i) => ({ namespace: i.namespace, name: i.name, row: (w) => ingressRow(i, w), api: () => ingressApi(i) }));
      break;
    case 'networkpolicies':
      list = cluster.networkPolicies.map((p) => ({ namespace: p.namespace, name: p.name, row: () => networkPolicyRow(p), api: () => p.api }));
      break;
    case 'gateways': {
      const api = cluster.gatewayApi;
      list = api.gateways.map((g) => ({ namespace: g.namespace, name: g.name, row: () => gatewayRow(api, g), api: () => gatewayObject(api, g) }));
      break;
    }
    case 'httproutes':
    case 'grpcroutes': {
      const api = cluster.gatewayApi;
      const routeKind = kind === 'httproutes' ? 'HTTPRoute' : 'GRPCRoute';
      // The controller that reconciles a Gateway names itself with its GatewayClass's controllerName.
      const controllerOf = (gw: SimGateway): string => api.classes.find((c) => c.name === gw.className)?.controllerName ?? SIMULATED_CONTROLLER;
      list = api.routes.filter((r) => r.kind === routeKind).map((r) => ({ namespace: r.namespace, name: r.name, row: () => routeRow(r), api: () => routeObject(api, r, controllerOf) }));
      break;
    }
  }
  return list
    .filter((i) => namespace === undefined || i.namespace === namespace)
    .sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
}

function headers(kind: GetKind, wide: boolean): string[] {
  switch (kind) {
    case 'services':
      return wide ? [...SERVICE_COLUMNS, ...SERVICE_WIDE_COLUMNS] : SERVICE_COLUMNS;
    case 'endpoints':
      return ENDPOINTS_COLUMNS;
    case 'endpointslices':
      return ENDPOINTSLICE_COLUMNS;
    case 'pods':
      return wide ? [...POD_COLUMNS, ...POD_WIDE_COLUMNS] : POD_COLUMNS;
    case 'ingresses':
      return INGRESS_COLUMNS;
    case 'networkpolicies':
      return NETWORKPOLICY_COLUMNS;
    case 'gateways':
      return GATEWAY_COLUMNS;
    case 'httproutes':
    case 'grpcroutes':
      return ROUTE_COLUMNS;
  }
}

/** The table, or `''` when there is nothing to list (kubectl then says "No resources found" on stderr). */
export function getTable(cluster: Cluster, kind: GetKind, opts: GetOptions = {}): string {
  const wide = !!opts.wide;
  const found = items(cluster, kind, opts.namespace);
  if (found.length === 0) return '';
  const all = opts.namespace === undefined;
  const head = headers(kind, wide);
  const rows = [all ? ['NAMESPACE', ...head] : head, ...found.map((i) => (all ? [i.namespace, ...i.row(wide)] : i.row(wide)))];
  return tabwriteRows(rows, GET_TABWRITER);
}

/** kubectl's message when a list is empty. */
export function noResourcesMessage(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.`;
}

/** The simulated objects of a kind as a `v1` `List`, keys sorted at every level as kubectl prints unstructured objects. */
export function listObjects(cluster: Cluster, kind: GetKind, opts: GetOptions = {}): JsonObject {
  return {
    apiVersion: 'v1',
    items: items(cluster, kind, opts.namespace).map((i) => sortKeys(i.api())),
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

/** `-o json|yaml`: listObjects, rendered. */
export function getList(cluster: Cluster, kind: GetKind, format: 'json' | 'yaml', opts: GetOptions = {}): string {
  const list = listObjects(cluster, kind, opts);
  if (format === 'json') return JSON.stringify(list, null, 4) + '\n';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  // Block sequences unindented and no line folding, like kubectl's (go-yaml) output.
  return YAML.stringify(list, { indentSeq: false, lineWidth: 0 });
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
