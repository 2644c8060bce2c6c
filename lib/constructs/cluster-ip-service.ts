/** A ClusterIP Service: one virtual IP inside the cluster, balanced over the selected pods. */
import { Construct } from 'constructs';
import { SelectingService, type SelectingServiceProps, type TrafficPolicy } from './selecting-service';
import { setDefined } from './spec-fields';

/** Options of a ClusterIP Service. */
export interface ClusterIPServiceProps extends SelectingServiceProps {
  /**
   * Pin the cluster IP (it must lie in the service CIDR and be free).
   * @default - allocated by the API server
   * @example '10.96.0.50'
   */
  readonly clusterIP?: string;
  /**
   * Extra IPs (of nodes or routers) on which kube-proxy also accepts the Service's ports.
   * @default - none
   * @example ['192.0.2.10']
   */
  readonly externalIPs?: string[];
  /**
   * Whether traffic arriving from outside (node ports, load balancer, external IPs) may leave the
   * node it arrived on (`Cluster`) or only reaches local endpoints (`Local`, keeps the client IP).
   * Only valid for externally reachable Services (NodePort, LoadBalancer, or with externalIPs).
   * @default 'Cluster' for externally reachable Services, unset otherwise
   */
  readonly externalTrafficPolicy?: TrafficPolicy;
}

/** `type: ClusterIP` Service with named-port, affinity and traffic-policy support. */
export class ClusterIPService extends SelectingService {
  protected readonly props: ClusterIPServiceProps;

  public constructor(scope: Construct, id: string, props: ClusterIPServiceProps = {}) {
    super(scope, id, props);
    this.props = props;
  }

  /** The `spec.type` this construct writes. */
  protected get serviceType(): string {
    return 'ClusterIP';
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.props;
    const spec = this.renderSelectingSpec();
    spec.type = this.serviceType;
    setDefined(spec, 'clusterIP', p.clusterIP);
    if (p.externalIPs) spec.externalIPs = [...p.externalIPs];
    setDefined(spec, 'externalTrafficPolicy', p.externalTrafficPolicy);
    return spec;
  }
}
