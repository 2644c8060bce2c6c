/**
 * The model's Endpoints and EndpointSlices (Services: services.ts; pods: pods.ts), each with the
 * object the API server would hold for it (what `kubectl get -o yaml` shows) behind an explicit
 * method, `apiObject()`. Controllers' objects render it when first asked for and keep it in a
 * private field: `lineup check` never prints most of the Endpoints and slices of a large input,
 * and building their JSON up front was a large share of the allocation (and so of the garbage
 * collection) of a cluster build.
 *
 * What renders an object is an ApiRenderer — a small object holding only what the rendering needs,
 * with the rendering as a method — never a closure: a closure keeps its whole scope alive (the
 * controllers' intermediate lists, name sets, option objects), and the model lives as long as the
 * run. One renderer may serve many objects (all EndpointSlices of a Service share one).
 */
import type { JsonObject } from '../k8s/json';
import type { ManifestObject } from '../load/types';
import type { SimEndpoints, SimEndpointSlice, SimEndpointSubset, SimEndpointPort, SimSliceEndpoint } from './model';

export interface ApiRenderer<T> {
  /** The API object of `target`; called at most once per object. */
  render(target: T): JsonObject;
}

/** The renderer of an object whose API form was built with it (the input's Endpoints and slices). */
export class Rendered implements ApiRenderer<unknown> {
  constructor(private readonly api: JsonObject) {}

  render(): JsonObject {
    return this.api;
  }
}

export class EndpointsObject implements SimEndpoints {
  readonly namespace: string;
  readonly name: string;
  readonly origin: SimEndpoints['origin'];
  readonly obj?: ManifestObject;
  readonly subsets: SimEndpointSubset[];
  readonly #renderer: ApiRenderer<SimEndpoints>;
  #api?: JsonObject;

  constructor(fields: Omit<SimEndpoints, 'apiObject'>, renderer: ApiRenderer<SimEndpoints>) {
    this.namespace = fields.namespace;
    this.name = fields.name;
    this.origin = fields.origin;
    this.obj = fields.obj;
    this.subsets = fields.subsets;
    this.#renderer = renderer;
  }

  apiObject(): JsonObject {
    return (this.#api ??= this.#renderer.render(this));
  }
}

export class EndpointSliceObject implements SimEndpointSlice {
  readonly namespace: string;
  readonly name: string;
  readonly serviceName?: string;
  readonly addressType: SimEndpointSlice['addressType'];
  readonly origin: SimEndpointSlice['origin'];
  readonly obj?: ManifestObject;
  readonly ports: SimEndpointPort[];
  readonly endpoints: SimSliceEndpoint[];
  readonly #renderer: ApiRenderer<SimEndpointSlice>;
  #api?: JsonObject;

  constructor(fields: Omit<SimEndpointSlice, 'apiObject'>, renderer: ApiRenderer<SimEndpointSlice>) {
    this.namespace = fields.namespace;
    this.name = fields.name;
    this.serviceName = fields.serviceName;
    this.addressType = fields.addressType;
    this.origin = fields.origin;
    this.obj = fields.obj;
    this.ports = fields.ports;
    this.endpoints = fields.endpoints;
    this.#renderer = renderer;
  }

  apiObject(): JsonObject {
    return (this.#api ??= this.#renderer.render(this));
  }
}
