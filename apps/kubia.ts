/**
 * The Kubernetes in Action example (chapter 5): ReplicationController `kubia` with named container
 * ports, and Service `kubia` whose ports target those NAMES, with ClientIP session affinity.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterIPService } from '../lib/constructs';

export class KubiaChart extends Chart {
  public readonly service: ClusterIPService;
  public readonly database: ClusterIPService;

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
    // The notes' DNS example: clients reach the database by its FQDN,
    // backend-database.default.svc.cluster.local, instead of an environment variable.
    const db = new ApiObject(this, 'backend-database-deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'backend-database' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'backend-database' } },
        template: {
          metadata: { labels: { app: 'backend-database' } },
          spec: { containers: [{ name: 'postgres', image: 'postgres:16', ports: [{ name: 'postgres', containerPort: 5432 }] }] },
        },
      },
    });
    this.database = new ClusterIPService(this, 'backend-database', {
      metadata: { name: 'backend-database' },
      selector: db,
      ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }],
    });
  }
}
