/**
 * Rendering an `api` object (what `kubectl get -o yaml` shows) on first read instead of at build
 * time. `lineup check` never prints most Endpoints and EndpointSlices of a large input, and
 * building their JSON up front was a large share of the allocation (and so of the garbage
 * collection) of a cluster build. Once rendered, the value is kept; assigning replaces it.
 */
import type { JsonObject } from '../k8s/json';

export function defineLazyApi<T extends object>(target: T, render: () => JsonObject): T & { api: JsonObject } {
  let value: JsonObject | undefined;
  Object.defineProperty(target, 'api', {
    enumerable: true,
    configurable: true,
    get: () => (value ??= render()),
    set: (v: JsonObject) => {
      value = v;
    },
  });
  return target as T & { api: JsonObject };
}
