/**
 * `get gateways|httproutes|grpcroutes` rows: the CRDs' additionalPrinterColumns without AGE, as the
 * API server's table convertor fills them for custom resources — only the first result of a
 * string column (so ADDRESS shows the first address), lists as compact JSON, a missing value as an
 * empty cell.
 */
import type { SimGateway, SimGatewayStatus, SimRoute } from '../../cluster/gateway-api/model';

export const GATEWAY_COLUMNS = ['NAME', 'CLASS', 'ADDRESS', 'PROGRAMMED'];
export const ROUTE_COLUMNS = ['NAME', 'HOSTNAMES'];

export function gatewayRow(gw: SimGateway, status: SimGatewayStatus): string[] {
  const programmed = status.conditions.find((c) => c.type === 'Programmed');
  return [gw.name, gw.className, gw.addresses[0] ?? '', programmed?.status ?? ''];
}

export function routeRow(route: SimRoute): string[] {
  const hostnames = route.obj.raw.spec && typeof route.obj.raw.spec === 'object' && !Array.isArray(route.obj.raw.spec) ? route.obj.raw.spec.hostnames : undefined;
  return [route.name, Array.isArray(hostnames) ? JSON.stringify(hostnames) : ''];
}
