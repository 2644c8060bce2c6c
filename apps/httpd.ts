/**
 * Deployment `httpd` (4 replicas, label run=httpd, port 80) behind `httpd-svc` (8080 → 80), labelled
 * as `kubectl run` labels its pods. The Deployment is a cdk8s-plus one that selects on run=httpd.
 */
import { Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterIPService } from '../lib/constructs';

export class HttpdChart extends Chart {
  public constructor(scope: Construct, id = 'httpd', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const httpd = new kplus.Deployment(this, 'deployment', {
      metadata: { name: 'httpd' },
      replicas: 4,
      select: false,
      podMetadata: { labels: { run: 'httpd' } },
      containers: [{ name: 'httpd', image: 'httpd', portNumber: 80 }],
    });
    httpd.select(kplus.LabelSelector.of({ labels: { run: 'httpd' } }));
    new ClusterIPService(this, 'service', {
      metadata: { name: 'httpd-svc' },
      selector: httpd,
      ports: [{ protocol: 'TCP', port: 8080, targetPort: 80 }],
    });
  }
}
