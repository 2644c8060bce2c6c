/**
 * The Endpoints and EndpointSlice objects the user wrote (as opposed to the ones the controllers
 * computed), indexed once per check. Rules about manual endpoints read the raw objects because the
 * finding must point at the user's own fields (`subsets[0].ports[1].name`).
 */
import type { Cluster } from '../../cluster/model';
import { obj, str } from '../../k8s/json';
import type { ManifestObject } from '../../load/types';
import { apiGroup } from '../../cluster/kinds';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export function isEndpointsObject(o: ManifestObject): boolean {
  return o.kind === 'Endpoints' && apiGroup(o.apiVersion) === '';
}

export function isEndpointSliceObject(o: ManifestObject): boolean {
  return o.kind === 'EndpointSlice' && apiGroup(o.apiVersion) === 'discovery.k8s.io';
}

/** The `kubernetes.io/service-name` label of a slice, if it is a string. */
export function sliceServiceName(o: ManifestObject): string | undefined {
  return str(obj(obj(o.raw.metadata)?.labels)?.[SERVICE_NAME_LABEL]);
}

export interface ManualEndpoints {
  /** namespace → Endpoints objects, in input order. */
  endpoints: Map<string, ManifestObject[]>;
  /** namespace → EndpointSlice objects, in input order. */
  slices: Map<string, ManifestObject[]>;
}

function push(map: Map<string, ManifestObject[]>, key: string, o: ManifestObject): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}

export function manualEndpoints(cluster: Cluster): ManualEndpoints {
  const out: ManualEndpoints = { endpoints: new Map(), slices: new Map() };
  for (const o of cluster.objectsOfKind('Endpoints')) if (isEndpointsObject(o)) push(out.endpoints, o.namespace, o);
  for (const o of cluster.objectsOfKind('EndpointSlice')) if (isEndpointSliceObject(o)) push(out.slices, o.namespace, o);
  return out;
}
