/**
 * Every Service backend of an Ingress with a human description of the route that uses it, and the
 * field paths of its parts in whichever backend shape the user wrote (v1 `service.name` /
 * `service.port.number`, or the legacy v1beta1 `serviceName` / `servicePort`).
 */
import type { SimIngress, SimIngressBackend } from '../../cluster/model';
import { parsePath } from '../../k8s/field-path';
import { at, isObject } from '../../k8s/json';

export interface IngressRoute {
  backend: SimIngressBackend;
  /** `its default backend`, or `example.com/api (Prefix)`, `any host /api (Prefix)`. */
  route: string;
  host: string;
  path?: string;
  pathType?: string;
}

export function ingressRoutes(ing: SimIngress): IngressRoute[] {
  const out: IngressRoute[] = [];
  if (ing.defaultBackend) out.push({ backend: ing.defaultBackend, route: 'its default backend', host: '' });
  for (const rule of ing.rules) {
    for (const p of rule.paths) {
      out.push({ backend: p.backend, route: `${rule.host || 'any host'} ${p.path || '/'} (${p.pathType})`, host: rule.host, path: p.path, pathType: p.pathType });
    }
  }
  return out;
}

/** Field path of the backend's service name. */
export function serviceNameField(ing: SimIngress, b: SimIngressBackend): string {
  return isLegacy(ing, b) ? `${b.field}.serviceName` : `${b.field}.service.name`;
}

/** Field path of the backend's port (number or name). */
export function servicePortField(ing: SimIngress, b: SimIngressBackend): string {
  if (isLegacy(ing, b)) return `${b.field}.servicePort`;
  return b.portName !== undefined ? `${b.field}.service.port.name` : `${b.field}.service.port.number`;
}

function isLegacy(ing: SimIngress, b: SimIngressBackend): boolean {
  const raw = at(ing.obj.raw, ...parsePath(b.field));
  return !isObject(at(raw, 'service')) && at(raw, 'serviceName') !== undefined;
}

/** `port 80` or `port "http"`. */
export function backendPortText(b: SimIngressBackend): string {
  return b.portName !== undefined ? `port "${b.portName}"` : `port ${b.portNumber}`;
}
