/**
 * The part of a Service that picks pods: backends (cdk8s-plus workloads, raw ApiObjects with a pod
 * template, label maps) are turned into one equality selector at synth time, so labels and
 * `select()` calls made later still count.
 */
import { Construct } from 'constructs';
import { declareAllowFrom, type AllowFromOptions, type AllowFromPeer, type AllowFromPolicy } from './allow-from';
import { backendProblem, selectorOf, type ServiceBackend } from './backend';
import { ServiceBase, type ServiceBaseProps, type SessionAffinity } from './service-base';
import { addSessionAffinity } from './session-affinity';
import { setDefined } from './spec-fields';

/** How traffic from inside (internal) or outside (external) the cluster picks endpoints. */
export type TrafficPolicy = 'Cluster' | 'Local';

/** Options of Services that select pods (ClusterIP, NodePort, LoadBalancer, headless). */
export interface SelectingServiceProps extends ServiceBaseProps {
  /**
   * The pods behind the Service: a cdk8s-plus workload or pod of any cdk8s-plus version (its real pod labels, including
   * `cdk8s.io/metadata.addr`), an ApiObject with a pod template (the workload's selector, else the
   * template labels), or a label map. Several backends are ANDed, like repeated `select()` calls.
   * @default - no selector: the Service needs manual Endpoints (see `ExternalService`)
   * @example deployment
   */
  readonly selector?: ServiceBackend | ServiceBackend[];
  /**
   * Keep sending traffic to the same pod for each client IP.
   * @default 'None'
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * How long a ClientIP affinity lasts (1..86400 s). Setting it implies `sessionAffinity: 'ClientIP'`.
   * @default 10800 (set by the API server for ClientIP)
   */
  readonly sessionAffinityTimeoutSeconds?: number;
  /**
   * Route in-cluster traffic only to endpoints on the client's node (`Local`).
   * @default 'Cluster'
   */
  readonly internalTrafficPolicy?: TrafficPolicy;
  /**
   * Publish pods before they are ready (DNS for StatefulSet peers, for instance).
   * @default false
   */
  readonly publishNotReadyAddresses?: boolean;
}

export abstract class SelectingService extends ServiceBase {
  private readonly backends: ServiceBackend[];
  private readonly baseProps: SelectingServiceProps;

  protected constructor(scope: Construct, id: string, props: SelectingServiceProps) {
    super(scope, id, props);
    this.baseProps = props;
    const given = props.selector;
    this.backends = given === undefined ? [] : Array.isArray(given) ? [...given] : [given as ServiceBackend];
    this.node.addValidation({ validate: () => this.selectorConflicts() });
  }

  /** Adds backends; their selectors are ANDed with the ones already given. */
  public select(...backends: ServiceBackend[]): this {
    this.backends.push(...backends);
    return this;
  }

  /** Requires one more label on the selected pods. */
  public selectLabel(key: string, value: string): this {
    this.backends.push({ [key]: value });
    return this;
  }

  /**
   * Admits `peer` to this Service's pods with a NetworkPolicy (networking.k8s.io/v1) of its own,
   * named `<service name>-from-<peer>` unless `options.name` says otherwise, in the Service's
   * namespace. It selects the pods by the Service's selector and admits the peer on the
   * targetPorts that the chosen Service ports resolve to (policies judge traffic after kube-proxy
   * has translated it to the pod's port); a targetPort given by name stays a name, so pods that
   * number it differently are all covered. Protocols are kept.
   *
   * Like any NetworkPolicy that selects them, it isolates the pods for ingress: from then on only
   * what this or another policy admits gets in (the pods themselves and their own nodes always do).
   *
   * @param peer a cdk8s-plus workload or pod of any version, a raw workload ApiObject, or a `Peer`
   *   (`Peer.workload`, `Peer.pods`, `Peer.namespace`, `Peer.cidr`, `Peer.allPods`)
   * @returns the policy construct (its `apiObject` is the NetworkPolicy)
   * @throws AllowFromError for a value that is no peer or malformed `ports`; a port name or number
   *   the Service does not have is reported at synth, with the Service's ports
   */
  public allowFrom(peer: AllowFromPeer, options: AllowFromOptions = {}): AllowFromPolicy {
    return declareAllowFrom(this, peer, options);
  }

  /** The selector as it stands now; undefined when the Service selects nothing (selector-less). */
  public get selector(): Record<string, string> | undefined {
    if (this.backends.length === 0) return undefined;
    const merged: Record<string, string> = {};
    for (const backend of this.backends) Object.assign(merged, selectorOf(backend));
    return merged;
  }

  /** Fields shared by every selecting Service type. */
  protected renderSelectingSpec(): Record<string, unknown> {
    const p = this.baseProps;
    // Subclasses add their fields to this object by assignment (see addSessionAffinity).
    const spec: Record<string, unknown> = {};
    setDefined(spec, 'selector', this.selector);
    setDefined(spec, 'ports', this.renderPorts());
    setDefined(spec, 'internalTrafficPolicy', p.internalTrafficPolicy);
    setDefined(spec, 'publishNotReadyAddresses', p.publishNotReadyAddresses);
    return addSessionAffinity(spec, p.sessionAffinity, p.sessionAffinityTimeoutSeconds);
  }

  /**
   * A value that selects no pods is reported here, once (the rendered selector leaves it out).
   * Two backends that want different values for one label cannot both be written into a map: say
   * so instead of letting the later one silently win.
   */
  private selectorConflicts(): string[] {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const backend of this.backends) {
      const problem = backendProblem(backend);
      if (problem !== undefined) {
        problems.push(`selector: ${problem}`);
        continue;
      }
      const labels = selectorOf(backend);
      for (const key of Object.keys(labels).sort()) {
        const before = seen.get(key);
        if (before !== undefined && before !== labels[key]) {
          problems.push(`selector label ${key} is required to be both "${before}" and "${labels[key]}" by different backends; no pod can match, select only one of them`);
        }
        seen.set(key, labels[key]);
      }
    }
    return problems;
  }
}
