/**
 * Rendering an `api` object (what `kubectl get -o yaml` shows) on first read instead of at build
 * time. `lineup check` never prints most Services, Endpoints and EndpointSlices of a large input,
 * and building their JSON up front was a large share of the allocation (and so of the garbage
 * collection) of a cluster build. Once rendered, the value is kept; assigning replaces it.
 *
 * Every object gets the same getter and setter (the per-object state lives in WeakMaps): V8 can
 * share a hidden class only between objects whose accessors are the same functions, so a fresh
 * closure pair per object put each of them into slow dictionary mode.
 *
 * What renders an object is an ApiRenderer — a small object holding only what the rendering needs,
 * with the rendering as a method — never a closure: a closure keeps its whole scope alive (the
 * controllers' intermediate lists, name sets, option objects), and the model lives as long as the
 * run, so every byte a closure kept was copied by the garbage collector for nothing. One renderer
 * may serve many objects (all EndpointSlices of a Service share one).
 */
import type { JsonObject } from '../k8s/json';

export interface ApiRenderer<T> {
  /** The API object of `target`; called at most once per object (unless `api` was assigned). */
  render(target: T): JsonObject;
}

const renderers = new WeakMap<object, ApiRenderer<object>>();
const values = new WeakMap<object, JsonObject>();

function getApi(this: object): JsonObject {
  let value = values.get(this);
  if (value === undefined || value === null) {
    value = renderers.get(this)!.render(this);
    values.set(this, value);
  }
  return value;
}

function setApi(this: object, value: JsonObject): void {
  values.set(this, value);
}

const API_PROPERTY: PropertyDescriptor = { enumerable: true, configurable: true, get: getApi, set: setApi };

export function defineLazyApi<T extends object>(target: T, renderer: ApiRenderer<T>): T & { api: JsonObject } {
  renderers.set(target, renderer as ApiRenderer<object>);
  Object.defineProperty(target, 'api', API_PROPERTY);
  return target as T & { api: JsonObject };
}
