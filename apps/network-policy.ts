/**
 * NetworkPolicy declared from the Services: a bookshop namespace whose pods accept nothing by
 * default (one default-deny policy), and each Service admits its own clients with `allowFrom` — the
 * ingress controller to the storefront, the storefront to the orders API, the orders API to its
 * database, Prometheus (namespace `monitoring`) to the API's metrics port. The storefront cannot
 * open the database: that path is shut on purpose, and `lineup trace` and `lineup reach` show it.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterIPService, IngressBundle, Peer } from '../lib/constructs';

export const BOOKSHOP_NAMESPACE = 'bookshop';
const MONITORING_NAMESPACE = 'monitoring';

export class NetworkPolicyChart extends Chart {
  public readonly storefront: ClusterIPService;
  public readonly orders: ClusterIPService;
  public readonly database: ClusterIPService;

  public constructor(scope: Construct, id = 'network-policy', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, ...props });
    new ApiObject(this, 'bookshop-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: BOOKSHOP_NAMESPACE } });
    new ApiObject(this, 'monitoring-namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: MONITORING_NAMESPACE } });
    // Every pod of the namespace is isolated for ingress: what no policy admits is dropped.
    new ApiObject(this, 'default-deny', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace: BOOKSHOP_NAMESPACE },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });

    const storefront = app(this, 'storefront', BOOKSHOP_NAMESPACE, 2, [{ number: 8080, name: 'http' }]);
    const orders = app(this, 'orders', BOOKSHOP_NAMESPACE, 2, [{ number: 9000, name: 'http' }, { number: 9100, name: 'metrics' }]);
    const postgres = app(this, 'postgres', BOOKSHOP_NAMESPACE, 1, [{ number: 5432, name: 'postgres' }]);
    app(this, 'prometheus', MONITORING_NAMESPACE, 1, [{ number: 9090, name: 'web' }]);

    const ingress = new IngressBundle(this, 'ingress', { metadata: { name: 'bookshop', namespace: BOOKSHOP_NAMESPACE }, ingressClassName: 'nginx' });
    this.storefront = ingress.addService('storefront', {
      metadata: { name: 'storefront', namespace: BOOKSHOP_NAMESPACE },
      selector: storefront,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
    ingress.addHostRule('books.example.org', '/', { service: this.storefront, port: 'http' });
    this.orders = new ClusterIPService(this, 'orders-service', {
      metadata: { name: 'orders', namespace: BOOKSHOP_NAMESPACE },
      selector: orders,
      ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }],
    });
    this.database = new ClusterIPService(this, 'postgres-service', {
      metadata: { name: 'postgres', namespace: BOOKSHOP_NAMESPACE },
      selector: postgres,
      ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }],
    });

    // Requests reach the storefront through the ingress controller's pods (ingress-nginx).
    this.storefront.allowFrom(Peer.pods({ 'app.kubernetes.io/name': 'ingress-nginx' }, { namespace: 'ingress-nginx' }));
    this.orders.allowFrom(storefront, { ports: ['http'] });
    this.orders.allowFrom(Peer.namespace(MONITORING_NAMESPACE), { ports: ['metrics'] });
    // Only the orders API talks to the database: the storefront has no way in.
    this.database.allowFrom(orders);
  }
}

/** A Deployment `<name>` whose pods carry app=<name> and the given named ports. */
function app(scope: Construct, name: string, namespace: string, replicas: number, ports: kplus.ContainerPort[]): kplus.Deployment {
  const dep = new kplus.Deployment(scope, name, {
    metadata: { name, namespace },
    replicas,
    select: false,
    podMetadata: { labels: { app: name } },
    containers: [{ name, image: `example/${name}`, ports, securityContext: { ensureNonRoot: false } }],
  });
  dep.select(kplus.LabelSelector.of({ labels: { app: name } }));
  return dep;
}
