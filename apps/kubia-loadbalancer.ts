/** From the user's notes: LoadBalancer Service `kubia-loadbalancer` (80 → 8080) for the kubia pods. */
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { LoadBalancerService } from '../lib/constructs';

/** The pods are the kubia chart's (same App, same namespace). */
export class KubiaLoadBalancerChart extends Chart {
  public constructor(scope: Construct, id = 'kubia-loadbalancer', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new LoadBalancerService(this, 'service', {
      metadata: { name: 'kubia-loadbalancer' },
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080 }],
    });
  }
}
