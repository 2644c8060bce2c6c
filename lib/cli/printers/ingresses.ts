/** `get ingresses` rows (printers.go printIngress): NAME CLASS HOSTS ADDRESS PORTS. */
import { arr, at, isObject, str } from '../../k8s/json';
import type { SimIngress } from '../../cluster/model';
import { LIST_MAX } from './more';

export const INGRESS_COLUMNS = ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS'];

const LOAD_BALANCER_WIDTH = 16;

export function ingressRow(ing: SimIngress, wide: boolean): string[] {
  // kubectl shows spec.ingressClassName only (as stored: DefaultIngressClass admission may have set it), not the legacy annotation.
  const className = ing.ingressClassName ?? '<none>';
  return [ing.name, className, formatHosts(ing.rules.map((r) => r.host)), ingressAddress(ing, wide), ing.tls.length > 0 ? '80, 443' : '80'];
}

/** Hosts of the rules (empty hosts skipped), first three + ` + N more...` (N counts rules); none → `*`. */
export function formatHosts(hosts: readonly string[]): string {
  const list: string[] = [];
  let more = false;
  for (const h of hosts) {
    if (list.length === LIST_MAX) more = true;
    if (!more && h !== '') list.push(h);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${hosts.length - LIST_MAX} more...` : ret;
}

function ingressAddress(ing: SimIngress, wide: boolean): string {
  const set = new Set<string>();
  for (const x of arr(at(ing.obj.raw, 'status', 'loadBalancer', 'ingress'))) {
    if (!isObject(x)) continue;
    const v = str(x.ip) || str(x.hostname);
    if (v) set.add(v);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}
