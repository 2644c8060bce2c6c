/** A LoadBalancer Service: the NodePort Service plus an external load balancer from the cloud. */
import { Construct } from 'constructs';
import { NodePortService, type NodePortServiceProps } from './node-port-service';
import { setDefined } from './spec-fields';

/** Options of a LoadBalancer Service. */
export interface LoadBalancerServiceProps extends NodePortServiceProps {
  /**
   * Client CIDRs the load balancer admits.
   * @default - any client
   * @example ['203.0.113.0/24']
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * The load balancer implementation to use (a label-key style name).
   * @default - the cloud provider's default implementation
   * @example 'service.k8s.aws/nlb'
   */
  readonly loadBalancerClass?: string;
  /**
   * Whether node ports are allocated; some load balancers send traffic to pods directly.
   * @default true
   */
  readonly allocateLoadBalancerNodePorts?: boolean;
  /**
   * Node port for the load balancer's health checks (only with `externalTrafficPolicy: 'Local'`).
   * @default - allocated by the API server when the policy is Local
   * @example 32000
   */
  readonly healthCheckNodePort?: number;
  /**
   * Requested load balancer IP (deprecated upstream; honoured by some providers).
   * @default - chosen by the provider
   */
  readonly loadBalancerIP?: string;
}

/** `type: LoadBalancer` Service. */
export class LoadBalancerService extends NodePortService {
  private readonly lbProps: LoadBalancerServiceProps;

  public constructor(scope: Construct, id: string, props: LoadBalancerServiceProps = {}) {
    super(scope, id, props);
    this.lbProps = props;
  }

  protected get serviceType(): string {
    return 'LoadBalancer';
  }

  protected renderSpec(): Record<string, unknown> {
    const p = this.lbProps;
    const spec = super.renderSpec();
    if (p.loadBalancerSourceRanges) spec.loadBalancerSourceRanges = [...p.loadBalancerSourceRanges];
    setDefined(spec, 'loadBalancerClass', p.loadBalancerClass);
    setDefined(spec, 'allocateLoadBalancerNodePorts', p.allocateLoadBalancerNodePorts);
    setDefined(spec, 'healthCheckNodePort', p.healthCheckNodePort);
    setDefined(spec, 'loadBalancerIP', p.loadBalancerIP);
    return spec;
  }
}
