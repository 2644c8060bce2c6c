/**
 * One Gateway API HTTPRoute together with the Services it fronts, like IngressBundle for Ingress.
 * Backends name their Service by construct (or by name) and its port by name or number; the route
 * is written with the Service port NUMBER the API requires, looked up at synth time, so renaming or
 * renumbering a port in one place reaches every route that uses it.
 */
import type { ApiObject, ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Gateway } from './gateway';
import { RoutingBundle } from './routing-bundle';
import { ServiceBase } from './service-base';

/** The Gateway (and listener) a route attaches to. */
export interface HttpRouteParent {
  /** The Gateway: our construct, or its name. */
  readonly gateway: Gateway | string;
  /**
   * The Gateway's namespace (its listener's `allowedRoutes` decides whether a route from another
   * namespace is accepted).
   * @default - the Gateway construct's namespace, else the route's
   */
  readonly namespace?: string;
  /**
   * Only the listener of this name.
   * @default - every listener that accepts the route
   */
  readonly sectionName?: string;
  /**
   * Only listeners on this port.
   * @default - any port
   */
  readonly port?: number;
}

/** A Service a rule sends requests to. */
export interface HttpRouteBackend {
  /** The Service: one of our Service constructs, or the name of a Service. */
  readonly service: ServiceBase | string;
  /**
   * The Service's namespace (another namespace needs a ReferenceGrant there).
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * The Service port, by name (`'http'`, looked up on the Service construct) or number (`80`);
   * written as the Service port number. Not the container's targetPort.
   * @default - the Service construct's only port
   */
  readonly port?: number | string;
  /**
   * Share of the rule's requests, relative to the other backends (0 = none).
   * @default 1
   */
  readonly weight?: number;
}

/** A header or query parameter condition. */
export interface HttpRouteValueMatch {
  /** The header (case-insensitive) or query parameter (case-sensitive) name. */
  readonly name: string;
  /** The value to compare with. */
  readonly value: string;
  /**
   * `Exact` or `RegularExpression`.
   * @default 'Exact'
   */
  readonly type?: 'Exact' | 'RegularExpression';
}

/** One match: all its conditions must hold. */
export interface HttpRouteMatch {
  /**
   * The request path.
   * @default '/'
   */
  readonly path?: string;
  /**
   * `PathPrefix` (by whole path elements), `Exact`, or `RegularExpression`.
   * @default 'PathPrefix'
   */
  readonly pathType?: 'PathPrefix' | 'Exact' | 'RegularExpression';
  /**
   * The HTTP method.
   * @default - any method
   */
  readonly method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'CONNECT' | 'OPTIONS' | 'TRACE' | 'PATCH';
  /**
   * Headers the request must carry: a map of exact values, or a list of conditions.
   * @default - none
   */
  readonly headers?: Record<string, string> | HttpRouteValueMatch[];
  /**
   * Query parameters the request must carry.
   * @default - none
   */
  readonly queryParams?: Record<string, string> | HttpRouteValueMatch[];
}

/** One rule: where requests that match any of its matches go. */
export interface HttpRouteRule {
  /**
   * Matches (any of them).
   * @default - every request (`PathPrefix /`)
   */
  readonly matches?: HttpRouteMatch[];
  /**
   * Weighted backends.
   * @default - none (requests get HTTP 500 unless a filter answers them)
   */
  readonly backends?: HttpRouteBackend[];
  /**
   * Filters in the API's shape (`{ type: 'RequestRedirect', requestRedirect: { … } }`, …), passed through as written.
   * @default - none
   */
  readonly filters?: Record<string, unknown>[];
}

/** Options of an HttpRouteBundle. */
export interface HttpRouteBundleProps {
  /**
   * Metadata of the HTTPRoute.
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * Gateways (and listeners) to attach to; more with `addParent()`.
   * @default - none
   */
  readonly parents?: HttpRouteParent[];
  /**
   * Hostnames the route serves (precise or `*.` wildcards).
   * @default - every host the listener serves
   */
  readonly hostnames?: string[];
  /**
   * Rules; more with `addRule()`.
   * @default - none
   */
  readonly rules?: HttpRouteRule[];
}

/** An HTTPRoute plus the Services behind it. */
export class HttpRouteBundle extends RoutingBundle {
  private readonly parents: HttpRouteParent[];
  private readonly hostnames: string[];
  private readonly rules: HttpRouteRule[];

  public constructor(scope: Construct, id: string, props: HttpRouteBundleProps = {}) {
    super(scope, id, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' }, props.metadata);
    this.parents = [...(props.parents ?? [])];
    this.hostnames = [...(props.hostnames ?? [])];
    this.rules = [...(props.rules ?? [])];
  }

  /** The gateway.networking.k8s.io/v1 HTTPRoute (the same object as `apiObject`). */
  public get route(): ApiObject {
    return this.apiObject;
  }

  /** Attaches the route to a Gateway (or one of its listeners). */
  public addParent(parent: HttpRouteParent): this {
    this.parents.push(parent);
    return this;
  }

  /** Adds a hostname the route serves. */
  public addHostname(hostname: string): this {
    this.hostnames.push(hostname);
    return this;
  }

  /** Adds a rule. */
  public addRule(rule: HttpRouteRule): this {
    this.rules.push(rule);
    return this;
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      parentRefs: this.parents.length > 0 ? this.parents.map(renderParent) : undefined,
      hostnames: this.hostnames.length > 0 ? [...this.hostnames] : undefined,
      rules: this.rules.length > 0 ? this.rules.map(renderRule) : undefined,
    };
  }
}

function renderParent(p: HttpRouteParent): Record<string, unknown> {
  const name = typeof p.gateway === 'string' ? p.gateway : p.gateway.name;
  const namespace = p.namespace ?? (typeof p.gateway === 'string' ? undefined : p.gateway.namespace);
  return { name, namespace, sectionName: p.sectionName, port: p.port };
}

function renderValueMatches(m: Record<string, string> | HttpRouteValueMatch[] | undefined): Record<string, unknown>[] | undefined {
  if (m === undefined) return undefined;
  const list = Array.isArray(m) ? m : Object.keys(m).map((name) => ({ name, value: m[name] }));
  return list.map((x) => ({ name: x.name, value: x.value, type: 'type' in x ? x.type : undefined }));
}

function renderRule(r: HttpRouteRule): Record<string, unknown> {
  return {
    matches: r.matches?.map((m) => ({
      path: m.path !== undefined || m.pathType !== undefined ? { type: m.pathType ?? 'PathPrefix', value: m.path ?? '/' } : undefined,
      method: m.method,
      headers: renderValueMatches(m.headers),
      queryParams: renderValueMatches(m.queryParams),
    })),
    filters: r.filters?.map((f) => ({ ...f })),
    backendRefs: r.backends?.map(renderBackendRef),
  };
}

/**
 * `{ name, namespace, port, weight }` with the port as the Service port NUMBER. A port name is
 * looked up on the Service construct; a name that is not one of its ports (or a name given for a
 * Service known only by name) is left out, so the engine reports the backendRef without a port
 * rather than a guessed number.
 */
export function renderBackendRef(b: HttpRouteBackend): Record<string, unknown> {
  const name = typeof b.service === 'string' ? b.service : b.service.name;
  return { name, namespace: b.namespace, port: servicePortNumber(b.service, b.port), weight: b.weight };
}

function servicePortNumber(service: ServiceBase | string, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  if (typeof service === 'string') return undefined;
  const ports = service.ports;
  if (port === undefined) return ports.length === 1 ? ports[0].port : undefined;
  return ports.find((p) => p.name === port)?.port;
}
