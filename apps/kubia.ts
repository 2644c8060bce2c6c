/**
 * Seed 000/001 (Kubernetes in Action ch. 5): ReplicationController `kubia` with named container
 * ports, and Service `kubia` whose ports target those NAMES, with ClientIP session affinity.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterIPService } from '../lib/constructs';

export class KubiaChart extends Chart {
  public readonly service: ClusterIPService;

  public constructor(scope: Construct, id = 'kubia', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const rc = new ApiObject(this, 'rc', {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'kubia' },
      spec: {
        replicas: 3,
        selector: { app: 'kubia' },
        template: {
          metadata: { labels: { app: 'kubia' } },
          spec: {
            containers: [{
              name: 'kubia',
              image: 'luksa/kubia',
              ports: [
                { name: 'http', containerPort: 8080 },
                { name: 'https', containerPort: 8443 },
              ],
            }],
          },
        },
      },
    });
    this.service = new ClusterIPService(this, 'service', {
      metadata: { name: 'kubia' },
      selector: rc,
      sessionAffinity: 'ClientIP',
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'https', port: 443, targetPort: 'https' },
      ],
    });
  }
}
