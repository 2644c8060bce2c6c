/**
 * What every Service construct shares: it owns one v1 Service ApiObject, keeps its ports, renders
 * its spec lazily (so `addPort`/`select` calls made after construction reach the manifest), and
 * registers its chart for the synth-time lineup check.
 */
import { ApiObject, Lazy, type ApiObjectMetadata, type ApiObjectMetadataDefinition } from 'cdk8s';
import { Construct } from 'constructs';
import { copyPort, renderServicePort, type ServicePortSpec } from './ports';
import { addSessionAffinity } from './session-affinity';
import { recordConstructOrigin } from '../load/construct-origins';
import { ensureLineupValidation, noteRendered, watchObject } from './validation';

/** Session affinity of a Service. */
export type SessionAffinity = 'None' | 'ClientIP';

/** Options every Service construct takes. */
export interface ServiceBaseProps {
  /**
   * Metadata of the Service: name, namespace, labels, annotations.
   * @default - name generated from the construct path (cdk8s convention), no labels
   * @example { name: 'kubia', labels: { app: 'kubia' } }
   */
  readonly metadata?: ApiObjectMetadata;
  /**
   * The Service's ports; more can be added with `addPort()`.
   * @default - none (add them with `addPort()`)
   */
  readonly ports?: ServicePortSpec[];
}

export abstract class ServiceBase extends Construct {
  /** The v1 Service this construct renders. */
  public readonly apiObject: ApiObject;
  private readonly _ports: ServicePortSpec[];

  protected constructor(scope: Construct, id: string, props: ServiceBaseProps) {
    super(scope, id);
    // Where the user's code created it, for findings about what it renders.
    recordConstructOrigin(this);
    this._ports = (props.ports ?? []).map(copyPort);
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: props.metadata,
      spec: Lazy.any({
        produce: () => {
          noteRendered(this.apiObject);
          return this.renderSpec();
        },
      }),
    });
    watchObject(this.apiObject);
    ensureLineupValidation(this);
  }

  /** The Service's name (what DNS, Ingress backends and Endpoints refer to). */
  public get name(): string {
    return this.apiObject.name;
  }

  /** The Service's metadata, for adding labels or annotations later. */
  public get metadata(): ApiObjectMetadataDefinition {
    return this.apiObject.metadata;
  }

  /** A copy of the ports declared so far. */
  public get ports(): ServicePortSpec[] {
    return this._ports.map(copyPort);
  }

  /** Adds a port; it is rendered at synth together with those given in the props. */
  public addPort(port: ServicePortSpec): this {
    this._ports.push(copyPort(port));
    return this;
  }

  /** The `spec` of the Service, produced at synth time. */
  protected abstract renderSpec(): Record<string, unknown>;

  /** `spec.ports`, or undefined when there are none (so no empty list is written). */
  protected renderPorts(): Record<string, unknown>[] | undefined {
    return this._ports.length > 0 ? this._ports.map(renderServicePort) : undefined;
  }
}

/**
 * `sessionAffinity` and `sessionAffinityConfig`. A timeout on its own means ClientIP affinity (the
 * only mode that has one); an explicit `None` with a timeout is written as given, for the engine to
 * judge, rather than dropping either value.
 */
export function renderSessionAffinity(affinity: SessionAffinity | undefined, timeoutSeconds: number | undefined): Record<string, unknown> {
  return addSessionAffinity({}, affinity, timeoutSeconds);
}
