/**
 * The shape shared by the constructs that render one object whose spec grows after construction
 * (an Ingress gains paths, a route rules, a Gateway listeners): the spec is produced at synth, so
 * what a later method call adds is in the output, and the construct records where the user's code
 * created it, for findings about what it renders. (A NetworkPolicy from `allowFrom` is one too: the
 * Service's selector and ports are read at synth.)
 *
 * This module imports no Service construct, so that the Services' own modules can build on it.
 */
import { ApiObject, Lazy, type ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
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
