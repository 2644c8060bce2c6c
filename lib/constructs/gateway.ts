/**
 * A Gateway API Gateway, for platform teams: listeners with their ports, protocols, hostnames, TLS
 * certificates and the routes they admit. Typed props for gateway.networking.k8s.io/v1 without
 * `cdk8s import`; the lineup engine judges the result at synth like every other object.
 */
import type { ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';
import { RenderedResource } from './rendered-resource';

/** The protocols of the Gateway API's standard channel. */
export type GatewayListenerProtocol = 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';

/** A certificate a listener presents: a `kubernetes.io/tls` Secret. */
export interface GatewayCertificateRef {
  /** The Secret's name. */
  readonly name: string;
  /**
   * The Secret's namespace; another namespace than the Gateway's needs a ReferenceGrant there.
   * @default - the Gateway's namespace
   */
  readonly namespace?: string;
}

/** TLS settings of a listener. */
export interface GatewayListenerTls {
  /**
   * `Terminate` (the Gateway decrypts; needs certificates) or `Passthrough` (TLS listeners only).
   * @default 'Terminate'
   */
  readonly mode?: 'Terminate' | 'Passthrough';
  /**
   * Certificates, by Secret name or reference.
   * @default - none
   */
  readonly certificateRefs?: (string | GatewayCertificateRef)[];
}

/** Which routes a listener accepts. */
export interface GatewayAllowedRoutes {
  /**
   * Namespaces whose routes may attach: `Same` (the Gateway's), `All`, or those whose labels
   * match a selector (`{ matchLabels }`).
   * @default 'Same'
   * @example { matchLabels: { 'gateway-access': 'shared' } }
   */
  readonly namespaces?: 'Same' | 'All' | { readonly matchLabels: Record<string, string> };
  /**
   * Route kinds (in gateway.networking.k8s.io) that may attach.
   * @default - the kinds of the protocol: HTTPRoute and GRPCRoute for HTTP and HTTPS
   * @example ['HTTPRoute']
   */
  readonly kinds?: string[];
}

/** One listener: where the Gateway accepts connections. */
export interface GatewayListenerSpec {
  /** Unique name within the Gateway; routes select it with `sectionName`. */
  readonly name: string;
  /** The port (1-65535). */
  readonly port: number;
  /** The protocol. */
  readonly protocol: GatewayListenerProtocol;
  /**
   * The host it serves: a DNS name or a `*.` wildcard (one or more labels).
   * @default - every host
   */
  readonly hostname?: string;
  /**
   * TLS settings (required for HTTPS and TLS).
   * @default - none
   */
  readonly tls?: GatewayListenerTls;
  /**
   * The routes it accepts.
   * @default - routes of the Gateway's own namespace, of the protocol's kinds
   */
  readonly allowedRoutes?: GatewayAllowedRoutes;
}

/** Options of a Gateway. */
export interface GatewayProps {
  /**
   * Metadata of the Gateway.
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The GatewayClass: which controller implements this Gateway.
   * @example 'eg'
   */
  readonly gatewayClassName: string;
  /**
   * Listeners; more with `addListener()`. A Gateway needs at least one.
   * @default - none
   */
  readonly listeners?: GatewayListenerSpec[];
}

/** A gateway.networking.k8s.io/v1 Gateway. */
export class Gateway extends RenderedResource {
  private readonly listeners: GatewayListenerSpec[];
  private readonly className: string;

  public constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id, { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' }, props.metadata);
    this.className = props.gatewayClassName;
    this.listeners = [...(props.listeners ?? [])];
  }

  /** The Gateway's namespace, when its metadata gives one. */
  public get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  /** Adds a listener. */
  public addListener(listener: GatewayListenerSpec): this {
    this.listeners.push(listener);
    return this;
  }

  protected renderSpec(): Record<string, unknown> {
    return {
      gatewayClassName: this.className,
      listeners: this.listeners.map(renderListener),
    };
  }
}

function renderListener(l: GatewayListenerSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname };
  if (l.tls) {
    out.tls = {
      mode: l.tls.mode,
      certificateRefs: l.tls.certificateRefs?.map((c) => (typeof c === 'string' ? { name: c } : { name: c.name, namespace: c.namespace })),
    };
  }
  if (l.allowedRoutes) {
    const ns = l.allowedRoutes.namespaces;
    out.allowedRoutes = {
      namespaces: ns === undefined ? undefined : typeof ns === 'string' ? { from: ns } : { from: 'Selector', selector: { matchLabels: { ...ns.matchLabels } } },
      kinds: l.allowedRoutes.kinds?.map((kind) => ({ kind })),
    };
  }
  return out;
}
