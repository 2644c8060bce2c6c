/** `lineup get KIND`: the get question's answer as kubectl tables (no AGE column) or a rendered `-o yaml|json` List. */
import type { JsonObject } from '../../k8s/json';
import type { GetAnswer, GetKind, Listed } from '../../query/get';
import { ENDPOINTS_COLUMNS, endpointsRow } from './endpoints';
import { GATEWAY_COLUMNS, gatewayRow, ROUTE_COLUMNS, routeRow } from './gateway-api';
import { ENDPOINTSLICE_COLUMNS, endpointSliceRow } from './endpointslices';
import { INGRESS_COLUMNS, ingressRow } from './ingresses';
import { NETWORKPOLICY_COLUMNS, networkPolicyRow } from './networkpolicies';
import { POD_COLUMNS, POD_WIDE_COLUMNS, podRow } from './pods';
import { SERVICE_COLUMNS, SERVICE_WIDE_COLUMNS, serviceRow } from './services';
import { GET_TABWRITER, tabwriteRows } from './tabwriter';

export interface TableOptions {
  wide?: boolean;
}

function row(item: Listed, wide: boolean): string[] {
  switch (item.kind) {
    case 'services':
      return serviceRow(item.model, wide);
    case 'endpoints':
      return endpointsRow(item.model);
    case 'endpointslices':
      return endpointSliceRow(item.model);
    case 'pods':
      return podRow(item.model, wide);
    case 'ingresses':
      return ingressRow(item.model, wide);
    case 'networkpolicies':
      return networkPolicyRow(item.model);
    case 'gateways':
      return gatewayRow(item.model, item.status);
    case 'httproutes':
    case 'grpcroutes':
      return routeRow(item.model);
  }
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

/** The table, or `''` when there is nothing to list (kubectl then says "No resources found" on stderr). Every namespace asked → a NAMESPACE column. */
export function getTable(answer: GetAnswer, opts: TableOptions = {}): string {
  const wide = !!opts.wide;
  if (answer.items.length === 0) return '';
  const all = answer.namespace === undefined;
  const head = headers(answer.kind, wide);
  const rows = [all ? ['NAMESPACE', ...head] : head, ...answer.items.map((i) => (all ? [i.namespace, ...row(i, wide)] : row(i, wide)))];
  return tabwriteRows(rows, GET_TABWRITER);
}

/** kubectl's message when a list is empty. */
export function noResourcesMessage(namespace: string | undefined): string {
  return namespace === undefined ? 'No resources found' : `No resources found in ${namespace} namespace.`;
}

/** `-o json|yaml`: a List (listObjects), rendered. */
export function renderList(list: JsonObject, format: 'json' | 'yaml'): string {
  if (format === 'json') return JSON.stringify(list, null, 4) + '\n';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  // Block sequences unindented and no line folding, like kubectl's (go-yaml) output.
  return YAML.stringify(list, { indentSeq: false, lineWidth: 0 });
}
