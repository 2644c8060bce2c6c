/**
 * From the user's notes: one Ingress in front of several Services, by host and path — foo.example.com /,
 * bar.example.com /api (Prefix, port by name) and /healthz (Exact, port by number), a default
 * backend and TLS for both hosts. Includes the IngressClass and the TLS Secret it refers to.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IngressBundle } from '../lib/constructs';

export class IngressChart extends Chart {
  public readonly bundle: IngressBundle;

  public constructor(scope: Construct, id = 'ingress', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ApiObject(this, 'class', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    new ApiObject(this, 'tls-secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'example-tls' },
      type: 'kubernetes.io/tls',
      // Placeholders: a real certificate comes from cert-manager or the operator.
      data: { 'tls.crt': '', 'tls.key': '' },
    });

    const foo = app(this, 'foo', [{ number: 8080, name: 'http' }]);
    const bar = app(this, 'bar', [{ number: 8080, name: 'http' }, { number: 8081, name: 'health' }]);
    const fallback = app(this, 'default-backend', [{ number: 8080, name: 'http' }]);

    this.bundle = new IngressBundle(this, 'web', { metadata: { name: 'web' }, ingressClassName: 'nginx' });
    const fooSvc = this.bundle.addService('foo', { metadata: { name: 'foo' }, selector: foo, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const barSvc = this.bundle.addService('bar', {
      metadata: { name: 'bar' },
      selector: bar,
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'health', port: 8081, targetPort: 'health' },
      ],
    });
    const fallbackSvc = this.bundle.addService('default-backend', {
      metadata: { name: 'default-http-backend' },
      selector: fallback,
      ports: [{ port: 80, targetPort: 'http' }],
    });
    this.bundle.addHostRule('foo.example.com', '/', { service: fooSvc });
    this.bundle.addHostRule('bar.example.com', '/api', { service: barSvc, port: 'http' }, 'Prefix');
    this.bundle.addHostRule('bar.example.com', '/healthz', { service: barSvc, port: 8081 }, 'Exact');
    this.bundle.setDefaultBackend({ service: fallbackSvc });
    this.bundle.addTls(['foo.example.com', 'bar.example.com'], 'example-tls');
  }
}

/** A two-replica Deployment `<name>` whose pods carry app=<name> and the given named ports. */
function app(scope: Construct, name: string, ports: kplus.ContainerPort[]): kplus.Deployment {
  const dep = new kplus.Deployment(scope, name, {
    metadata: { name },
    replicas: 2,
    select: false,
    podMetadata: { labels: { app: name } },
    containers: [{ name, image: `example/${name}`, ports }],
  });
  dep.select(kplus.LabelSelector.of({ labels: { app: name } }));
  return dep;
}
