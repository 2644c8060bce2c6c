/**
 * A StatefulSet behind its governing headless Service (after the Kubernetes docs' example; the
 * Service is called `web` because the nginx example's `nginx` Service exists): pods web-0, web-1 get DNS
 * names web-0.web.default.svc.cluster.local. The StatefulSet
 * is a raw ApiObject because cdk8s-plus always adds its own headless Service (cdk8s#2893).
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { HeadlessService } from '../lib/constructs';

export class StatefulSetChart extends Chart {
  public constructor(scope: Construct, id = 'statefulset', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const web = new ApiObject(this, 'statefulset', {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'web',
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8', ports: [{ name: 'web', containerPort: 80 }] }] },
        },
      },
    });
    new HeadlessService(this, 'service', {
      metadata: { name: 'web', labels: { app: 'web' } },
      selector: web,
      publishNotReadyAddresses: true,
      ports: [{ name: 'web', port: 80, targetPort: 'web' }],
    });
  }
}
