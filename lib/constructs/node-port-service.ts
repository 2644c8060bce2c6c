/** A NodePort Service: the ClusterIP Service plus one port opened on every node. */
import { Construct } from 'constructs';
import { ClusterIPService, type ClusterIPServiceProps } from './cluster-ip-service';

/**
 * Options of a NodePort Service. Pin node ports per port with `ServicePortSpec.nodePort`;
 * `externalTrafficPolicy: 'Local'` keeps client IPs but drops traffic on nodes without a pod.
 */
export interface NodePortServiceProps extends ClusterIPServiceProps {}

/** `type: NodePort` Service. */
export class NodePortService extends ClusterIPService {
  public constructor(scope: Construct, id: string, props: NodePortServiceProps = {}) {
    super(scope, id, props);
  }

  protected get serviceType(): string {
    return 'NodePort';
  }
}
