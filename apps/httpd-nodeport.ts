/**
 * The httpd example as a NodePort Service: `httpd-svc` on node port 31688. It keeps the ClusterIP
 * example's names, so it lives in its own namespace (with its own httpd Deployment) to sit next to
 * that example in dist/.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { NodePortService } from '../lib/constructs';

export const HTTPD_NODEPORT_NAMESPACE = 'httpd-nodeport';

export class HttpdNodePortChart extends Chart {
  public constructor(scope: Construct, id = 'httpd-nodeport', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, namespace: HTTPD_NODEPORT_NAMESPACE, ...props });
    new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: HTTPD_NODEPORT_NAMESPACE } });
    const httpd = new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'httpd' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { run: 'httpd' } },
        template: {
          metadata: { labels: { run: 'httpd' } },
          spec: { containers: [{ name: 'httpd', image: 'httpd', ports: [{ containerPort: 80 }] }] },
        },
      },
    });
    new NodePortService(this, 'service', {
      metadata: { name: 'httpd-svc' },
      selector: httpd,
      ports: [{ protocol: 'TCP', port: 8080, targetPort: 80, nodePort: 31688 }],
    });
  }
}
