/** `get services` rows (printers.go printService): NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) [+ SELECTOR]. */
import { arr, at, obj, str } from '../../k8s/json';
import { formatSelector } from '../../k8s/labels';
import type { SimService, SimServicePort } from '../../cluster/model';

export const SERVICE_COLUMNS = ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)'];
export const SERVICE_WIDE_COLUMNS = ['SELECTOR'];

/** Load-balancer ingress longer than this is cut to 13 characters + `...` (not in wide output). */
const LOAD_BALANCER_WIDTH = 16;

export function serviceRow(svc: SimService, wide: boolean): string[] {
  const clusterIP = svc.clusterIPs.length > 0 ? svc.clusterIPs[0]! : svc.clusterIP !== '' ? svc.clusterIP : '<none>';
  const ports = portsCell(svc.ports);
  const row = [svc.name, svc.type, clusterIP, externalIPCell(svc, wide), ports === '' ? '<none>' : ports];
  if (wide) row.push(formatSelector(svc.selector));
  return row;
}

/** `80/TCP`, `80:30080/TCP`, joined by `,` without spaces. */
export function portsCell(ports: readonly SimServicePort[]): string {
  return ports.map((p) => (p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(',');
}

export function externalIPCell(svc: SimService, wide: boolean): string {
  switch (svc.type) {
    case 'ClusterIP':
    case 'NodePort':
      return svc.externalIPs.length > 0 ? svc.externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatus(svc, wide);
      if (svc.externalIPs.length > 0) return [...(lb ? lb.split(',') : []), ...svc.externalIPs].join(',');
      return lb !== '' ? lb : '<pending>';
    }
    case 'ExternalName':
      return svc.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** Sorted, de-duplicated ingress IPs (hostname when an entry has no IP). */
function loadBalancerStatus(svc: SimService, wide: boolean): string {
  const set = new Set<string>(svc.loadBalancerIPs);
  for (const ing of loadBalancerIngress(svc.apiObject())) {
    const v = str(ing.ip) || str(ing.hostname);
    if (v) set.add(v);
  }
  let r = [...set].sort().join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

export function loadBalancerIngress(api: unknown): { ip?: unknown; hostname?: unknown; ipMode?: unknown }[] {
  return arr(at(api, 'status', 'loadBalancer', 'ingress')).map((x) => obj(x) ?? {});
}
