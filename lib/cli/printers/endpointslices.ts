/** `get endpointslices` rows (printers.go printEndpointSlice): NAME ADDRESSTYPE PORTS ENDPOINTS. */
import type { SimEndpointSlice } from '../../cluster/model';
import { LIST_MAX, listWithMore } from './more';

export const ENDPOINTSLICE_COLUMNS = ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS'];

export function endpointSliceRow(slice: SimEndpointSlice): string[] {
  return [slice.name, slice.addressType, formatSlicePorts(slice), formatSliceEndpoints(slice)];
}

/** Port numbers (`*` for a nil port, else its name), first three + ` + N more...`; none → `<unset>`. */
export function formatSlicePorts(slice: SimEndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of slice.ports) {
    if (list.length < LIST_MAX) {
      const hasPort = typeof p.port === 'number' && p.port > 0;
      list.push(hasPort ? String(p.port) : p.name ? p.name : '*');
    } else if (list.length === LIST_MAX) {
      more = true;
    }
    count++;
  }
  return listWithMore(list, more, count);
}

/** Every address of every endpoint, ready or not, first three + ` + N more...`; none → `<unset>`. */
export function formatSliceEndpoints(slice: SimEndpointSlice): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of slice.endpoints) {
    for (const a of e.addresses) {
      if (list.length < LIST_MAX) list.push(a);
      else if (list.length === LIST_MAX) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count);
}
