/**
 * A headless Service (`clusterIP: None`): no virtual IP, DNS answers with the pods' own addresses.
 * The governing Service of a StatefulSet (`<pod>.<service>` names); ports are optional.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { isObject } from '../k8s/json';
import { isPlusPod, type ServiceBackend } from './backend';
import { SelectingService, type SelectingServiceProps } from './selecting-service';

/**
 * Options of a headless Service. Ports may be left out (DNS still lists the pods); StatefulSets
 * usually want `publishNotReadyAddresses: true` so peers find each other while starting.
 */
export interface HeadlessServiceProps extends SelectingServiceProps {}

/** The StatefulSets already governed, and by which Service (the first HeadlessService that selects one). */
const governors = new WeakMap<ApiObject, HeadlessService>();

/**
 * `clusterIP: None` Service. Given a StatefulSet as a backend (cdk8s-plus of any version, or an
 * ApiObject of kind StatefulSet), it becomes that StatefulSet's governing Service: the
 * StatefulSet's `spec.serviceName` is set to this Service's name, and the headless Service that
 * cdk8s-plus creates for every StatefulSet on its own is removed from the tree, so the output holds
 * one headless Service and `<pod>-0.<this service>` resolves. A StatefulSet already governed by
 * another HeadlessService keeps the first one.
 */
export class HeadlessService extends SelectingService {
  public constructor(scope: Construct, id: string, props: HeadlessServiceProps = {}) {
    super(scope, id, props);
    const given = props.selector;
    for (const backend of given === undefined ? [] : Array.isArray(given) ? given : [given]) this.govern(backend);
  }

  public override select(...backends: ServiceBackend[]): this {
    super.select(...backends);
    for (const backend of backends) this.govern(backend);
    return this;
  }

  protected renderSpec(): Record<string, unknown> {
    const spec = this.renderSelectingSpec();
    spec.type = 'ClusterIP';
    spec.clusterIP = 'None';
    return spec;
  }

  /** Makes this Service the governing Service of `backend` when it is a StatefulSet not yet governed. */
  private govern(backend: ServiceBackend): void {
    const statefulSet = statefulSetObjectOf(backend);
    if (!statefulSet || governors.has(statefulSet)) return;
    governors.set(statefulSet, this);
    // `add` sets the field whether or not it was there (cdk8s-plus renders its own Service's name);
    // a raw object written without a spec gets one rather than failing to render.
    statefulSet.addJsonPatch(hasSpec(statefulSet) ? JsonPatch.add('/spec/serviceName', this.name) : JsonPatch.add('/spec', { serviceName: this.name }));
    // The Service is written before the StatefulSet, as cdk8s-plus does with its own.
    statefulSet.addDependency(this.apiObject);
    if (isPlusPod(backend)) removePlusGoverningService(backend);
  }
}

function hasSpec(object: ApiObject): boolean {
  try {
    return isObject((object.toJson() as { spec?: unknown }).spec);
  } catch {
    // Not renderable yet: assume the usual shape; synth reports whatever is wrong with it.
    return true;
  }
}

/** The StatefulSet ApiObject a backend renders, if it is one. */
function statefulSetObjectOf(backend: ServiceBackend): ApiObject | undefined {
  const object = isPlusPod(backend) ? backend.node.defaultChild : backend;
  return ApiObject.isApiObject(object) && object.kind === 'StatefulSet' ? object : undefined;
}

/**
 * cdk8s-plus gives each StatefulSet a headless Service of its own (its child `Service`, also its
 * `service` member) unless one was passed in its props. That one is removed from the construct tree
 * through the public construct API; a Service the user passed in is theirs and stays.
 */
function removePlusGoverningService(statefulSet: IConstruct): void {
  const own = statefulSet.node.tryFindChild('Service');
  if (own !== undefined && (statefulSet as unknown as { service?: unknown }).service === own) statefulSet.node.tryRemoveChild('Service');
}
