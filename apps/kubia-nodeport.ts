/** From the user's notes: NodePort Service `kubia-nodeport` (80 → 8080, node port 30123) for the kubia pods. */
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { NodePortService } from '../lib/constructs';

/** The pods are the kubia chart's (same App, same namespace). */
export class KubiaNodePortChart extends Chart {
  public constructor(scope: Construct, id = 'kubia-nodeport', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new NodePortService(this, 'service', {
      metadata: { name: 'kubia-nodeport' },
      selector: { app: 'kubia' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }],
    });
  }
}
