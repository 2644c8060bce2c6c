/**
 * From the user's notes: `externalTrafficPolicy: Local` — a node port that only forwards to pods on the node
 * that received the connection (no extra hop, client IP preserved). On a node without a kubia pod,
 * connections from outside are dropped; `lineup trace --from-external` shows it.
 */
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { NodePortService } from '../lib/constructs';

export class KubiaLocalChart extends Chart {
  public constructor(scope: Construct, id = 'kubia-local', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new NodePortService(this, 'service', {
      metadata: { name: 'kubia-local' },
      selector: { app: 'kubia' },
      externalTrafficPolicy: 'Local',
      ports: [{ port: 80, targetPort: 'http', nodePort: 30124 }],
    });
  }
}
