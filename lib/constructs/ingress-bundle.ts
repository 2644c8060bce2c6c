/**
 * One Ingress together with the Services it fronts. Routes name their backend Service by construct
 * (or by name, for Services declared elsewhere) and its port by name or number, so renaming a port
 * in one place is seen by the engine everywhere it is used.
 */
import type { ApiObject, ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';
import { RoutingBundle } from './routing-bundle';
import { ServiceBase } from './service-base';

/** How an Ingress path is compared with the request path. */
export type IngressPathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/** The Service (and port) a route sends traffic to. */
export interface IngressBackendSpec {
  /**
   * The Service: one of our Service constructs, or the name of a Service in the Ingress's namespace.
   * @example api
   */
  readonly service: ServiceBase | string;
  /**
   * The Service port, by name (`'http'`) or number (`80`).
   * @default - the Service's only port (by name when it has one); required when it has several
   */
  readonly port?: number | string;
}

/** One path of a rule. */
export interface IngressPathSpec {
  /**
   * The request path (absolute for Prefix and Exact).
   * @default '/'
   */
  readonly path?: string;
  /**
   * How the path is matched: `Prefix` by whole path elements, `Exact` literally, or as the
   * controller sees fit.
   * @default 'Prefix'
   */
  readonly pathType?: IngressPathType;
  /** Where matching requests go. */
  readonly backend: IngressBackendSpec;
}

/** The paths of one host. */
export interface IngressRuleSpec {
  /**
   * The host this rule applies to (a DNS name or `*.domain` wildcard).
   * @default - every host
   * @example 'foo.example.com'
   */
  readonly host?: string;
  /** Its paths, in order. */
  readonly paths: IngressPathSpec[];
}

/** TLS termination for some hosts. */
export interface IngressTlsSpec {
  /**
   * Hosts the certificate covers.
   * @default - the controller's default (all hosts)
   */
  readonly hosts?: string[];
  /**
   * The kubernetes.io/tls Secret holding certificate and key.
   * @default - the controller's default certificate
   */
  readonly secretName?: string;
}

/** Options of an IngressBundle. */
export interface IngressBundleProps {
  /**
   * Metadata of the Ingress.
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The IngressClass whose controller serves this Ingress.
   * @default - the cluster's default IngressClass
   * @example 'nginx'
   */
  readonly ingressClassName?: string;
  /**
   * Where requests that match no rule go.
   * @default - the controller's own default (usually HTTP 404)
   */
  readonly defaultBackend?: IngressBackendSpec;
  /**
   * Host and path rules; more can be added with `addHostRule()`/`addRule()`.
   * @default - none
   */
  readonly rules?: IngressRuleSpec[];
  /**
   * TLS settings; more with `addTls()`.
   * @default - no TLS
   */
  readonly tls?: IngressTlsSpec[];
}

interface MutableRule {
  host?: string;
  paths: IngressPathSpec[];
}

/** An Ingress plus the Services behind it. */
export class IngressBundle extends RoutingBundle {
  private readonly rules: MutableRule[];
  private readonly tls: IngressTlsSpec[];
  private defaultBackend?: IngressBackendSpec;
  private readonly ingressClassName?: string;

  public constructor(scope: Construct, id: string, props: IngressBundleProps = {}) {
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }, props.metadata);
    this.rules = (props.rules ?? []).map((r) => ({ host: r.host, paths: [...r.paths] }));
    this.tls = (props.tls ?? []).map((t) => ({ ...t }));
    this.defaultBackend = props.defaultBackend;
    this.ingressClassName = props.ingressClassName;
  }

  /** The networking.k8s.io/v1 Ingress (the same object as `apiObject`). */
  public get ingress(): ApiObject {
    return this.apiObject;
  }

  /** Routes `path` of `host` to `backend` (appends to that host's rule). */
  public addHostRule(host: string, path: string, backend: IngressBackendSpec, pathType?: IngressPathType): this {
    return this.addPath(host, { path, pathType, backend });
  }

  /** Routes `path` of every host to `backend`. */
  public addRule(path: string, backend: IngressBackendSpec, pathType?: IngressPathType): this {
    return this.addPath(undefined, { path, pathType, backend });
  }

  /** Sets the backend for requests no rule matches. */
  public setDefaultBackend(backend: IngressBackendSpec): this {
    this.defaultBackend = backend;
    return this;
  }

  /** Terminates TLS for `hosts` with the certificate in `secretName`. */
  public addTls(hosts: string[], secretName?: string): this {
    this.tls.push({ hosts: [...hosts], secretName });
    return this;
  }

  private addPath(host: string | undefined, path: IngressPathSpec): this {
    const rule = this.rules.find((r) => r.host === host);
    if (rule) rule.paths.push(path);
    else this.rules.push({ host, paths: [path] });
    return this;
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      ingressClassName: this.ingressClassName,
      defaultBackend: this.defaultBackend ? renderBackend(this.defaultBackend) : undefined,
      rules: this.rules.length > 0
        ? this.rules.map((r) => ({
          host: r.host,
          http: {
            paths: r.paths.map((p) => ({
              path: p.path ?? '/',
              pathType: p.pathType ?? 'Prefix',
              backend: renderBackend(p.backend),
            })),
          },
        }))
        : undefined,
      tls: this.tls.length > 0 ? this.tls.map((t) => ({ hosts: t.hosts ? [...t.hosts] : undefined, secretName: t.secretName })) : undefined,
    };
  }
}

/** `{ service: { name, port: { name } | { number } } }`; the port chosen at synth time. */
export function renderBackend(backend: IngressBackendSpec): Record<string, unknown> {
  const name = typeof backend.service === 'string' ? backend.service : backend.service.name;
  const port = backend.port ?? defaultPort(backend.service);
  return {
    service: {
      name,
      port: port === undefined ? undefined : typeof port === 'number' ? { number: port } : { name: port },
    },
  };
}

function defaultPort(service: ServiceBase | string): number | string | undefined {
  if (typeof service === 'string') return undefined;
  const ports = service.ports;
  if (ports.length !== 1) return undefined;
  return ports[0].name ?? ports[0].port;
}
