/** From the user's notes: selector-less Service `external-service` plus manual Endpoints 11.11.11.11 / 22.22.22.22 port 80. */
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ExternalService } from '../lib/constructs';

export class ExternalServiceChart extends Chart {
  public constructor(scope: Construct, id = 'external-service', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ExternalService(this, 'service', {
      metadata: { name: 'external-service' },
      ports: [{ port: 80 }],
      addresses: ['11.11.11.11', '22.22.22.22'],
    });
  }
}
