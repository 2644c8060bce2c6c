/**
 * Rendering an `api` object (what `kubectl get -o yaml` shows) on first read instead of at build
 * time. `lineup check` never prints most Endpoints and EndpointSlices of a large input, and
 * building their JSON up front was a large share of the allocation (and so of the garbage
 * collection) of a cluster build. Once rendered, the value is kept; assigning replaces it.
 *
 * Every object gets the same getter and setter (the per-object state lives in WeakMaps): V8 can
 * share a hidden class only between objects whose accessors are the same functions, so a fresh
 * closure pair per object put each of them into slow dictionary mode.
 */
import type { JsonObject } from '../k8s/json';

const renders = new WeakMap<object, () => JsonObject>();
const values = new WeakMap<object, JsonObject>();

function getApi(this: object): JsonObject {
  let value = values.get(this);
  if (value === undefined || value === null) {
    value = renders.get(this)!();
    values.set(this, value);
  }
  return value;
}

function setApi(this: object, value: JsonObject): void {
  values.set(this, value);
}

const API_PROPERTY: PropertyDescriptor = { enumerable: true, configurable: true, get: getApi, set: setApi };

export function defineLazyApi<T extends object>(target: T, render: () => JsonObject): T & { api: JsonObject } {
  renders.set(target, render);
  Object.defineProperty(target, 'api', API_PROPERTY);
  return target as T & { api: JsonObject };
}
