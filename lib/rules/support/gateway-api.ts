/**
 * How the Gateway API rules name routes, parents and backends in messages, and the route objects
 * each rule visits: `HTTPRoute default/web`, `Gateway infra/public`, `Service default/web port 80`.
 */
import type { GatewayApi, SimBackendRef, SimBackendResolution, SimParentRef, SimRoute } from '../../cluster/gateway-api/model';

export function routeLabel(route: SimRoute): string {
  return `${route.kind} ${route.namespace}/${route.name}`;
}

/** `Gateway infra/public`, with its sectionName and port when the parentRef gives them. */
export function parentLabel(ref: SimParentRef): string {
  const parts = [`${ref.kind} ${ref.namespace}/${ref.name}`];
  if (ref.sectionName !== undefined) parts.push(`sectionName ${ref.sectionName}`);
  if (ref.port !== undefined) parts.push(`port ${ref.port}`);
  return parts.join(' ');
}

/** `Service default/web port 80`, or another kind with its group. */
export function backendRefLabel(ref: SimBackendRef): string {
  const kind = ref.group === '' ? ref.kind : `${ref.kind}.${ref.group}`;
  return `${kind} ${ref.namespace}/${ref.name}${ref.port !== undefined ? ` port ${ref.port}` : ''}`;
}

export function isServiceRef(ref: SimBackendRef): boolean {
  return ref.group === '' && ref.kind === 'Service';
}

/** Every backendRef of every route, resolved, with its route: routes in model order, then each route's backends in order. */
export function* routeBackendRefs(api: GatewayApi): Generator<{ route: SimRoute; backend: SimBackendResolution }> {
  for (const route of api.routes) {
    for (const backend of api.routeBackends(route)) yield { route, backend };
  }
}
