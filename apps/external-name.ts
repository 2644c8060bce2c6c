/**
 * From the user's notes: an ExternalName alias for someapi.somecompany.com. Named `someapi` because the
 * notes' name, `external-service`, is taken by the manual-Endpoints scenario in the same namespace.
 */
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ExternalNameService } from '../lib/constructs';

export class ExternalNameChart extends Chart {
  public constructor(scope: Construct, id = 'external-name', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ExternalNameService(this, 'service', {
      metadata: { name: 'someapi' },
      externalName: 'someapi.somecompany.com',
      ports: [{ port: 80 }],
    });
  }
}
