/**
 * The Gateway API example with the mistakes people make, one per Gateway API rule — not part of
 * `npm start` (it would fail the check on purpose); test/apps/gateway-broken.test.ts shows that
 * each is reported. Compare with apps/gateway.ts.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { Gateway, HttpRouteBundle } from '../lib/constructs';

export class GatewayBrokenChart extends Chart {
  public constructor(scope: Construct, id = 'gateway-broken', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ApiObject(this, 'apps-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    new ApiObject(this, 'class', { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'shop' }, spec: { controllerName: 'example.org/gateway-controller' } });

    // gateway-listener-conflict: HTTP and TCP on port 80.
    const gateway = new Gateway(this, 'gateway', {
      metadata: { name: 'shop', namespace: 'shop-infra' },
      gatewayClassName: 'shop',
      listeners: [
        { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.shop.example.org' },
        { name: 'raw', port: 80, protocol: 'TCP' },
        { name: 'admin', port: 8080, protocol: 'HTTP', hostname: 'admin.shop.example.org', allowedRoutes: { namespaces: 'All' } },
      ],
    });
    // gateway-class-missing: the class is `shop`, not `shops`.
    new Gateway(this, 'legacy-gateway', { metadata: { name: 'legacy', namespace: 'shop-infra' }, gatewayClassName: 'shops', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] });

    const web = app(this, 'storefront', 8080);
    // route-not-accepted: the port-80 listeners conflict, and the admin listener serves another hostname.
    // route-backend-port-missing: 8080 is the container port, the Service port is 80.
    const storefront = new HttpRouteBundle(this, 'storefront-route', { metadata: { name: 'storefront', namespace: 'shop' }, parents: [{ gateway }], hostnames: ['www.shop.example.org'] });
    const webSvc = storefront.addService('storefront', { metadata: { name: 'storefront', namespace: 'shop' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    storefront.addRule({ backends: [{ service: webSvc, port: 8080 }] });

    // route-parent-not-found: no listener is named https.
    // route-backend-not-found: the Service is `storefront`, not `store-front`.
    // route-backend-not-permitted: a Service in another namespace without a ReferenceGrant there.
    // route-match-shadowed: the second rule repeats the first one's match.
    // gateway-api-validation: a RequestRedirect next to backendRefs.
    const api = new HttpRouteBundle(this, 'api-route', { metadata: { name: 'api', namespace: 'shop' }, parents: [{ gateway, sectionName: 'https' }, { gateway, sectionName: 'admin' }] });
    api.addRule({ matches: [{ path: '/api' }], backends: [{ service: 'store-front', port: 80 }] });
    api.addRule({ matches: [{ path: '/api', pathType: 'PathPrefix' }], backends: [{ service: 'storefront', namespace: 'payments', port: 80 }] });
    api.addRule({ matches: [{ path: '/old' }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/api' } } }], backends: [{ service: webSvc }] });
  }
}

function app(scope: Construct, name: string, port: number): kplus.Deployment {
  const dep = new kplus.Deployment(scope, name, {
    metadata: { name, namespace: 'shop' },
    replicas: 2,
    select: false,
    podMetadata: { labels: { app: name } },
    containers: [{ name, image: `example/${name}`, ports: [{ number: port, name: 'http' }], securityContext: { ensureNonRoot: false } }],
  });
  dep.select(kplus.LabelSelector.of({ labels: { app: name } }));
  return dep;
}
