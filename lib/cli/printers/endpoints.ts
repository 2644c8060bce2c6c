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
    // Every address counts; the first LIST_MAX are shown, as `text` writes them.
    const take = (text: (ip: string) => string): void => {
      count += ss.addresses.length;
      for (const a of ss.addresses) {
        if (list.length === LIST_MAX) {
          more = true;
          break;
        }
        list.push(text(a.ip));
      }
    };
    if (ss.ports.length === 0) {
      take((ip) => ip);
      continue;
    }
    for (const port of ss.ports) {
      if (!portNames || portNames.has(port.name)) take((ip) => joinHostPort(ip, port.port));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - LIST_MAX} more...` : ret;
}
