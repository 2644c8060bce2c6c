/**
 * The shape shared by the constructs that render one object whose spec grows after construction
 * (an Ingress gains paths, a route rules, a Gateway listeners): the spec is produced at synth, so
 * what a later method call adds is in the output, and the construct records where the user's code
 * created it, for findings about what it renders.
 */
import { ApiObject, Lazy, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterIPService, type ClusterIPServiceProps } from './cluster-ip-service';
import type { ServiceBase } from './service-base';
import { ensureLineupValidation } from './validation';
import { recordConstructOrigin } from '../load/construct-origins';

/** One object of `apiVersion`/`kind`, as the child `Resource`, with a spec rendered at synth. */
export abstract class RenderedResource extends Construct {
  /** The rendered object. */
  public readonly apiObject: ApiObject;

  protected constructor(scope: Construct, id: string, type: { apiVersion: string; kind: string }, metadata?: ApiObjectMetadata) {
    super(scope, id);
    recordConstructOrigin(this);
    this.apiObject = new ApiObject(this, 'Resource', { ...type, metadata, spec: Lazy.any({ produce: () => this.renderSpec() }) });
    ensureLineupValidation(this);
  }

  /** The object's name. */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The spec as it stands when the chart is synthesized. */
  protected abstract renderSpec(): Record<string, unknown>;
}

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
