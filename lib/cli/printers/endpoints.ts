/** `get endpoints` rows (printers.go printEndpoints / formatEndpoints): NAME ENDPOINTS. */
import { joinHostPort } from '../../k8s/ip';
import type { SimEndpoints } from '../../cluster/model';
import { LIST_MAX } from './more';

export const ENDPOINTS_COLUMNS = ['NAME', 'ENDPOINTS'];

export function endpointsRow(ep: SimEndpoints): string[] {
  return [ep.name, formatEndpoints(ep)];
}

/**
 * Ready addresses only, `ip:port` per subset × port (bare IPs for port-less subsets), the first
 * three then ` + N more...`. No subsets → `<none>`; subsets without ready addresses → empty.
 */
export function formatEndpoints(ep: SimEndpoints, portNames?: ReadonlySet<string>): string {
  if (ep.subsets.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of ep.subsets) {
    if (ss.ports.length === 0) {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === LIST_MAX) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      if (portNames && !portNames.has(port.name)) continue;
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === LIST_MAX) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - LIST_MAX} more...` : ret;
}
