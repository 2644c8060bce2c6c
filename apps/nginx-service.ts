/**
 * The nginx Deployment (app=nginx) exposed twice: `nginx-service`, a NodePort Service 88 → 80
 * declared as a construct, and `nginx`, what `kubectl expose deployment/nginx --type=NodePort
 * --port 80` creates, done with expose(). Node ports are left to the allocator (30123 belongs to
 * kubia-nodeport).
 */
import { Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { NodePortService, expose } from '../lib/constructs';

export class NginxServiceChart extends Chart {
  public constructor(scope: Construct, id = 'nginx-service', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    const nginx = new kplus.Deployment(this, 'deployment', {
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      replicas: 1,
      select: false,
      podMetadata: { labels: { app: 'nginx' } },
      containers: [{ name: 'nginx', image: 'nginx:latest', portNumber: 80 }],
    });
    nginx.select(kplus.LabelSelector.of({ labels: { app: 'nginx' } }));
    new NodePortService(this, 'service', {
      metadata: { name: 'nginx-service', labels: { app: 'nginx' } },
      selector: { app: 'nginx' },
      ports: [{ port: 88, targetPort: 80 }],
    });
    expose(nginx, { type: 'NodePort', port: 80 });
  }
}
