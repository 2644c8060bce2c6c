/**
 * The base of the constructs that route to Services (IngressBundle, HttpRouteBundle): a rendered
 * object that can also create, inside itself, the ClusterIP Services it routes to.
 */
import { ClusterIPService, type ClusterIPServiceProps } from './cluster-ip-service';
import { RenderedResource } from './rendered-resource';
import type { ServiceBase } from './service-base';

/** An Ingress or a route: it can create, inside itself, the ClusterIP Services it routes to. */
export abstract class RoutingBundle extends RenderedResource {
  private readonly ownServices: ServiceBase[] = [];

  /** Services created with `addService()`. */
  public get services(): ServiceBase[] {
    return [...this.ownServices];
  }

  /** Creates a ClusterIP Service inside the bundle, to be used as a backend. */
  public addService(id: string, props: ClusterIPServiceProps = {}): ClusterIPService {
    const svc = new ClusterIPService(this, id, props);
    this.ownServices.push(svc);
    return svc;
  }
}
