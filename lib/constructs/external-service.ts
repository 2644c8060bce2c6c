/**
 * A Service for something outside the cluster reached by IP: a selector-less Service plus the
 * Endpoints (or an EndpointSlice) that list the addresses. Endpoint ports carry the Service port
 * NAMES, because kube-proxy pairs Service and endpoint ports by name, not by number.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { parseIP } from '../k8s/ip';
import type { ServicePortSpec } from './ports';
import { ServiceBase, type ServiceBaseProps, type SessionAffinity } from './service-base';
import { addSessionAffinity } from './session-affinity';
import { setDefined } from './spec-fields';

/** Which object lists the addresses. */
export type EndpointsKind = 'Endpoints' | 'EndpointSlice';

/** Address family of an EndpointSlice. */
export type EndpointSliceAddressType = 'IPv4' | 'IPv6' | 'FQDN';

/** Options of an ExternalService. */
export interface ExternalServiceProps extends ServiceBaseProps {
  /**
   * The ready addresses traffic goes to (IPs; FQDNs only in an FQDN EndpointSlice).
   * @default - none yet (add them with `addAddress()`)
   * @example ['11.11.11.11', '22.22.22.22']
   */
  readonly addresses?: string[];
  /**
   * Addresses that are listed but receive no traffic.
   * @default - none
   */
  readonly notReadyAddresses?: string[];
  /**
   * Write the addresses as v1 Endpoints (named like the Service) or as a discovery.k8s.io/v1
   * EndpointSlice (labelled `kubernetes.io/service-name`).
   * @default 'Endpoints'
   */
  readonly endpointsKind?: EndpointsKind;
  /**
   * `addressType` of the EndpointSlice.
   * @default - IPv4 or IPv6 when every address is one, else FQDN
   */
  readonly addressType?: EndpointSliceAddressType;
  /**
   * Pin the Service's cluster IP.
   * @default - allocated by the API server
   */
  readonly clusterIP?: string;
  /**
   * Keep each client on the same address.
   * @default 'None'
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * ClientIP affinity timeout in seconds; implies `sessionAffinity: 'ClientIP'`.
   * @default 10800 (API server default for ClientIP)
   */
  readonly sessionAffinityTimeoutSeconds?: number;
}

/** Selector-less Service with manual Endpoints or an EndpointSlice. */
export class ExternalService extends ServiceBase {
  /** The Endpoints or EndpointSlice object listing the addresses. */
  public readonly endpointsObject: ApiObject;
  public readonly endpointsKind: EndpointsKind;
  private readonly _addresses: string[];
  private readonly _notReady: string[];
  private readonly props: ExternalServiceProps;

  public constructor(scope: Construct, id: string, props: ExternalServiceProps = {}) {
    super(scope, id, props);
    this.props = props;
    this._addresses = [...(props.addresses ?? [])];
    this._notReady = [...(props.notReadyAddresses ?? [])];
    this.endpointsKind = props.endpointsKind ?? 'Endpoints';
    const namespace = props.metadata?.namespace;
    if (this.endpointsKind === 'Endpoints') {
      // The Endpoints must carry the Service's name: that is the only link between them.
      this.endpointsObject = new ApiObject(this, 'Endpoints', {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: this.name, namespace },
        subsets: Lazy.any({ produce: () => this.renderSubsets() }),
      });
    } else {
      this.endpointsObject = new ApiObject(this, 'EndpointSlice', {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: this.name,
          namespace,
          labels: {
            'kubernetes.io/service-name': this.name,
            // Not the controller's value: the EndpointSlice controller leaves this slice alone.
            'endpointslice.kubernetes.io/managed-by': 'cdk8s-lineup',
          },
        },
        addressType: Lazy.any({ produce: () => this.addressType }),
        endpoints: Lazy.any({ produce: () => this.renderSliceEndpoints() }),
        ports: Lazy.any({ produce: () => this.renderSlicePorts() }),
      });
    }
  }

  /** Adds a ready address. */
  public addAddress(...addresses: string[]): this {
    this._addresses.push(...addresses);
    return this;
  }

  /** A copy of the ready addresses. */
  public get addresses(): string[] {
    return [...this._addresses];
  }

  /** The EndpointSlice address type (given, or inferred from the addresses). */
  public get addressType(): EndpointSliceAddressType {
    if (this.props.addressType) return this.props.addressType;
    const all = [...this._addresses, ...this._notReady];
    const families = new Set(all.map((a) => parseIP(a)?.family ?? 'FQDN'));
    if (families.size === 1) return [...families][0] as EndpointSliceAddressType;
    // Mixed or empty: IPv4 is what a plain selector-less Service gets by default.
    return families.has('FQDN') ? 'FQDN' : 'IPv4';
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    const spec: Record<string, unknown> = { type: 'ClusterIP' };
    setDefined(spec, 'clusterIP', p.clusterIP);
    setDefined(spec, 'ports', this.renderPorts());
    return addSessionAffinity(spec, p.sessionAffinity, p.sessionAffinityTimeoutSeconds);
  }

  private renderSubsets(): unknown {
    if (this._addresses.length === 0 && this._notReady.length === 0) return undefined;
    const ports = this.ports.map((spec) => ({ ...endpointPort(spec), name: spec.name }));
    return [{
      addresses: this._addresses.length > 0 ? this._addresses.map((ip) => ({ ip })) : undefined,
      notReadyAddresses: this._notReady.length > 0 ? this._notReady.map((ip) => ({ ip })) : undefined,
      ports: ports.length > 0 ? ports : undefined,
    }];
  }

  private renderSliceEndpoints(): unknown {
    return [
      ...this._addresses.map((a) => ({ addresses: [a], conditions: { ready: true } })),
      ...this._notReady.map((a) => ({ addresses: [a], conditions: { ready: false } })),
    ];
  }

  private renderSlicePorts(): unknown {
    // An unnamed Service port is matched by the empty name in a slice.
    return this.ports.map((spec) => ({ ...endpointPort(spec), name: spec.name ?? '' }));
  }
}

/**
 * Where the addresses listen: the numeric targetPort, else the Service port. A named targetPort
 * means nothing without pods; the Service keeps it as written and the endpoint uses `port`.
 */
function endpointPort(spec: ServicePortSpec): Record<string, unknown> {
  return {
    port: typeof spec.targetPort === 'number' ? spec.targetPort : spec.port,
    protocol: spec.protocol,
    appProtocol: spec.appProtocol,
  };
}
