/**
 * Gateway API: a platform team's Gateway (HTTP on 80 for *.shop.example.org, HTTPS on 443 with its
 * certificate, routes admitted from namespaces labelled `shop-gateway: allowed`) and an app team's
 * routes in their own namespace — the storefront with a 90/10 canary, the API with a redirect of
 * the old path, and a gRPC inventory service.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gateway, HttpRouteBundle } from '../lib/constructs';

const APPS_NAMESPACE = 'shop';
const INFRA_NAMESPACE = 'shop-infra';

export class GatewayChart extends Chart {
  public readonly gateway: Gateway;
  public readonly storefront: HttpRouteBundle;
  public readonly api: HttpRouteBundle;

  public constructor(scope: Construct, id = 'gateway', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ApiObject(this, 'apps-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: APPS_NAMESPACE, labels: { 'shop-gateway': 'allowed' } } });
    new ApiObject(this, 'infra-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: INFRA_NAMESPACE } });
    new ApiObject(this, 'class', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'shop' },
      spec: { controllerName: 'example.org/gateway-controller' },
    });
    new ApiObject(this, 'tls-secret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'shop-tls', namespace: INFRA_NAMESPACE },
      type: 'kubernetes.io/tls',
      // Placeholders: a real certificate comes from cert-manager or the operator.
      data: { 'tls.crt': '', 'tls.key': '' },
    });

    const allowed = { namespaces: { matchLabels: { 'shop-gateway': 'allowed' } } } as const;
    this.gateway = new Gateway(this, 'gateway', {
      metadata: { name: 'shop', namespace: INFRA_NAMESPACE },
      gatewayClassName: 'shop',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.shop.example.org', allowedRoutes: allowed },
        { name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.shop.example.org', tls: { certificateRefs: ['shop-tls'] }, allowedRoutes: allowed },
      ],
    });

    const web = app(this, 'storefront', [{ number: 8080, name: 'http' }]);
    const canary = app(this, 'storefront-canary', [{ number: 8080, name: 'http' }]);
    const api = app(this, 'api', [{ number: 9000, name: 'http' }]);
    const inventory = app(this, 'inventory', [{ number: 50051, name: 'grpc' }]);

    this.storefront = new HttpRouteBundle(this, 'storefront-route', {
      metadata: { name: 'storefront', namespace: APPS_NAMESPACE },
      parents: [{ gateway: this.gateway }],
      hostnames: ['www.shop.example.org'],
    });
    const webSvc = this.storefront.addService('storefront', { metadata: { name: 'storefront', namespace: APPS_NAMESPACE }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    const canarySvc = this.storefront.addService('storefront-canary', { metadata: { name: 'storefront-canary', namespace: APPS_NAMESPACE }, selector: canary, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    this.storefront.addRule({
      backends: [
        { service: webSvc, port: 'http', weight: 90 },
        { service: canarySvc, port: 'http', weight: 10 },
      ],
    });

    this.api = new HttpRouteBundle(this, 'api-route', {
      metadata: { name: 'api', namespace: APPS_NAMESPACE },
      parents: [{ gateway: this.gateway, sectionName: 'https' }, { gateway: this.gateway, sectionName: 'http' }],
      hostnames: ['api.shop.example.org'],
    });
    const apiSvc = this.api.addService('api', { metadata: { name: 'api', namespace: APPS_NAMESPACE }, selector: api, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    this.api.addRule({
      matches: [{ path: '/v1', pathType: 'PathPrefix' }],
      filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' }, statusCode: 301 } }],
    });
    this.api.addRule({ matches: [{ path: '/v2', pathType: 'PathPrefix' }], backends: [{ service: apiSvc, port: 'http' }] });

    // gRPC: the GRPCRoute in the API's own shape (the construct library covers HTTPRoute).
    const inventorySvc = new kplus.Service(this, 'inventory-service', {
      metadata: { name: 'inventory', namespace: APPS_NAMESPACE },
      selector: inventory,
      ports: [{ name: 'grpc', port: 50051, targetPort: 50051 }],
    });
    new ApiObject(this, 'inventory-route', {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'inventory', namespace: APPS_NAMESPACE },
      spec: {
        parentRefs: [{ name: this.gateway.name, namespace: INFRA_NAMESPACE, sectionName: 'http' }],
        hostnames: ['grpc.shop.example.org'],
        rules: [
          {
            matches: [{ method: { service: 'shop.inventory.v1.Inventory' } }],
            backendRefs: [{ name: inventorySvc.name, port: 50051 }],
          },
        ],
      },
    });
  }
}

/** A two-replica Deployment `<name>` in the apps namespace whose pods carry app=<name> and the given named ports. */
function app(scope: Construct, name: string, ports: kplus.ContainerPort[]): kplus.Deployment {
  const dep = new kplus.Deployment(scope, name, {
    metadata: { name, namespace: APPS_NAMESPACE },
    replicas: 2,
    select: false,
    podMetadata: { labels: { app: name } },
    containers: [{ name, image: `example/${name}`, ports, securityContext: { ensureNonRoot: false } }],
  });
  dep.select(kplus.LabelSelector.of({ labels: { app: name } }));
  return dep;
}
