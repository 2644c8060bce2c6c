/**
 * NetworkPolicy from the Service's point of view: `service.allowFrom(peer, { ports })` writes a
 * networking.k8s.io/v1 NetworkPolicy that selects the Service's pods and admits the peer on the
 * ports those pods receive the Service's traffic on.
 *
 * Policies are enforced after kube-proxy has translated a connection: the endpoint pod is judged on
 * the targetPort, never on the Service `port` or the cluster IP. So the policy lists each chosen
 * Service port's targetPort with that port's protocol — a number as the number, a container port
 * NAME as the name, which the network plugin resolves on each pod, so pods that number the port
 * differently are all covered (writing one pod's number would leave the others out).
 *
 * Each call writes its own policy. NetworkPolicies add up (a pod admits what any policy selecting
 * it admits), so several calls admit exactly what one policy with one rule per call would, and each
 * policy keeps the line of its own call as its origin: a finding about it leads there.
 */
import { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { apiObjectOfBackend, describeBackendValue, isPlusPod, POD_MAKING_KINDS, selectorOf, type LabelMap, type PlusPodLike } from './backend';
import type { ServicePortSpec } from './ports';
import { RenderedResource } from './rendered-resource';

/** The label every namespace carries with its own name (set by the API server, not changeable). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Where objects without a namespace land (what `kubectl apply` without `-n` and lineup assume). */
const DEFAULT_NAMESPACE = 'default';

/** A mistake in an `allowFrom` call: what is wrong, on which construct, and how to fix it. */
export class AllowFromError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllowFromError';
  }
}

/** Options of `Peer.pods`. */
export interface PodsPeerOptions {
  /**
   * The namespace of the pods.
   * @default - the Service's namespace
   */
  readonly namespace?: string;
}

/** Options of `Peer.cidr`. */
export interface CidrPeerOptions {
  /**
   * Ranges inside the CIDR that stay shut out.
   * @default - none
   * @example ['10.0.5.0/24']
   */
  readonly except?: string[];
}

/** The `from` entry of a rule, computed at synth in the policy's namespace. */
type RenderPeer = (policyNamespace: string | undefined, where: string) => Record<string, unknown>;

/**
 * Who a Service's NetworkPolicy admits (see `allowFrom` on the Service constructs). A cdk8s-plus
 * workload or a raw workload ApiObject can also be passed to `allowFrom` directly.
 */
export class Peer {
  /**
   * The pods of a workload: a cdk8s-plus workload or pod of any version (Deployment, StatefulSet,
   * DaemonSet, Job, Pod, …) or a raw ApiObject that makes pods. Its pods are picked by the labels
   * its controller selects them by, read at synth; when its namespace differs from the Service's,
   * the namespace is picked by name too.
   */
  public static workload(workload: PlusPodLike | ApiObject): Peer {
    const object = workloadObject(workload);
    if (object === undefined) throw new AllowFromError(`Peer.workload: ${notAWorkload(workload)}`);
    return new Peer(object.name, (policyNamespace, where) => {
      const labels = selectorOf(workload);
      if (Object.keys(labels).length === 0) {
        throw new AllowFromError(`${where}: workload ${describeBackendValue(workload)} has no labels that pick its pods, so no peer can name them; ` +
          'give its pod template labels (and a selector)');
      }
      return podsPeer(labels, object.metadata.namespace, policyNamespace);
    });
  }

  /** Pods with these labels (all of them), in the Service's namespace or the one given. */
  public static pods(labels: LabelMap, options: PodsPeerOptions = {}): Peer {
    const keys = typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? Object.keys(labels).sort() : undefined;
    if (keys === undefined || keys.some((k) => typeof labels[k] !== 'string')) {
      throw new AllowFromError(`Peer.pods: labels must be a map of strings such as { app: 'web' } (got ${describeBackendValue(labels)})`);
    }
    if (keys.length === 0) {
      throw new AllowFromError("Peer.pods: no labels would pick every pod of the namespace; say so with Peer.namespace('<name>'), or give labels");
    }
    const copy: Record<string, string> = {};
    for (const k of keys) copy[k] = labels[k]!;
    const namespace = options.namespace;
    return new Peer(`pods-${keys.map((k) => `${k}-${copy[k]}`).join('-')}`, (policyNamespace) => podsPeer(copy, namespace ?? policyNamespace, policyNamespace));
  }

  /** Every pod of the namespace with this name (picked by its `kubernetes.io/metadata.name` label). */
  public static namespace(name: string): Peer {
    if (typeof name !== 'string' || name === '') throw new AllowFromError(`Peer.namespace: give the namespace's name (got ${describeBackendValue(name)})`);
    return new Peer(`namespace-${name}`, () => ({ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: name } } }));
  }

  /** Every pod of every namespace (not addresses outside the pod network: use `Peer.cidr` for those). */
  public static allPods(): Peer {
    return new Peer('all-pods', () => ({ namespaceSelector: {} }));
  }

  /**
   * Addresses in `cidr` outside every `except` range: clients outside the cluster, nodes (pod
   * addresses count too). The values are judged at synth like any NetworkPolicy's.
   */
  public static cidr(cidr: string, options: CidrPeerOptions = {}): Peer {
    if (typeof cidr !== 'string' || cidr === '') throw new AllowFromError(`Peer.cidr: give a CIDR such as '10.0.0.0/8' (got ${describeBackendValue(cidr)})`);
    const except = options.except ?? [];
    if (!Array.isArray(except) || except.some((e) => typeof e !== 'string')) {
      throw new AllowFromError(`Peer.cidr: except must be a list of CIDRs such as ['10.0.5.0/24'] (got ${describeBackendValue(except)})`);
    }
    const kept = [...except];
    return new Peer(`cidr-${cidr}`, () => ({ ipBlock: { cidr, except: kept.length > 0 ? [...kept] : undefined } }));
  }

  private constructor(slug: string, render: RenderPeer) {
    peerParts.set(this, { slug, render });
  }
}

/** What the default policy name calls a peer, and how its `from` entry is rendered (kept off the public API). */
const peerParts = new WeakMap<Peer, { slug: string; render: RenderPeer }>();

/** The object a workload renders, or undefined when the value is no workload. */
function workloadObject(value: unknown): ApiObject | undefined {
  if (isPlusPod(value)) return apiObjectOfBackend(value);
  if (ApiObject.isApiObject(value) && POD_MAKING_KINDS.includes(value.kind)) return value;
  return undefined;
}

function notAWorkload(value: unknown): string {
  return `${describeBackendValue(value)} is not a workload; accepted are a cdk8s-plus workload or pod of any version, ` +
    `or an ApiObject of kind ${POD_MAKING_KINDS.join(', ')} (for pods by label use Peer.pods, for a whole namespace Peer.namespace)`;
}

/** `podSelector`, plus a `namespaceSelector` by name when the pods live in another namespace. */
function podsPeer(labels: Record<string, string>, podsNamespace: string | undefined, policyNamespace: string | undefined): Record<string, unknown> {
  const podSelector = { matchLabels: { ...labels } };
  const theirs = podsNamespace ?? DEFAULT_NAMESPACE;
  if (theirs === (policyNamespace ?? DEFAULT_NAMESPACE)) return { podSelector };
  return { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: theirs } }, podSelector };
}

/** What `allowFrom` accepts as a peer: a `Peer`, or a workload given directly. */
export type AllowFromPeer = Peer | PlusPodLike | ApiObject;

/** Options of `allowFrom`. */
export interface AllowFromOptions {
  /**
   * The Service ports to admit the peer on, by name (`'http'`) or number (`80`: every Service port
   * with that number, such as DNS's 53/UDP and 53/TCP). The policy lists the targetPorts they
   * resolve to.
   * @default - every port of the Service, as it is at synth
   */
  readonly ports?: (string | number)[];
  /**
   * `metadata.name` of the NetworkPolicy.
   * @default - `<service name>-from-<peer>`: the workload's name, `namespace-<name>`, `pods-<labels>`,
   *   `cidr-<range>` or `all-pods`; `-2`, `-3`, … when one Service admits the same peer twice
   */
  readonly name?: string;
}

/** What the policy needs from the Service it is declared on. */
export interface PolicyTargetService extends IConstruct {
  /** The Service's name. */
  readonly name: string;
  /** The v1 Service object (its namespace is the policy's). */
  readonly apiObject: ApiObject;
  /** The Service's ports as they are now. */
  readonly ports: ServicePortSpec[];
  /** The Service's selector as it is now; undefined when it selects nothing. */
  readonly selector: Record<string, string> | undefined;
}

/** Properties of an AllowFromPolicy (made by `allowFrom`). */
export interface AllowFromPolicyProps {
  /** The Service whose pods the policy protects. */
  readonly service: PolicyTargetService;
  /** Who is admitted. */
  readonly peer: Peer;
  /** The policy's name. */
  readonly name: string;
  /**
   * The Service ports to admit, by name or number.
   * @default - every port of the Service
   */
  readonly ports?: (string | number)[];
}

/**
 * The NetworkPolicy `allowFrom` writes: it selects the Service's pods (the Service's selector, read
 * at synth), isolates them for ingress, and admits one peer on the targetPorts of the chosen
 * Service ports.
 */
export class AllowFromPolicy extends RenderedResource {
  private readonly props: AllowFromPolicyProps;

  public constructor(scope: Construct, id: string, props: AllowFromPolicyProps) {
    // The origin recorded is the line that called allowFrom, for findings about this policy.
    super(scope, id, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }, { name: props.name, namespace: props.service.apiObject.metadata.namespace });
    this.props = { ...props, ports: props.ports ? [...props.ports] : undefined };
  }

  protected renderSpec(): Record<string, unknown> {
    const { service, peer } = this.props;
    const where = `${this.node.path} (allowFrom on Service ${service.name})`;
    const selector = service.selector;
    if (selector === undefined || Object.keys(selector).length === 0) {
      throw new AllowFromError(`${where}: the Service has no selector, so no policy can pick its pods (an empty podSelector would pick every pod of the namespace); ` +
        'give the Service a selector, or write a NetworkPolicy for the pods behind its Endpoints yourself');
    }
    return {
      podSelector: { matchLabels: { ...selector } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [peerParts.get(peer)!.render(this.apiObject.metadata.namespace, where)], ports: policyPorts(service.ports, this.props.ports, where) }],
    };
  }
}

/**
 * The policy's `ports`: for each chosen Service port, its targetPort (default: the port number)
 * with its protocol (default TCP), each pair once, in the order chosen. Never empty: an empty list
 * would admit every port.
 */
function policyPorts(servicePorts: readonly ServicePortSpec[], wanted: readonly (string | number)[] | undefined, where: string): Record<string, unknown>[] {
  if (servicePorts.length === 0) throw new AllowFromError(`${where}: the Service has no ports to admit the peer on; add its ports first`);
  const chosen: ServicePortSpec[] = [];
  if (wanted === undefined) {
    chosen.push(...servicePorts);
  } else {
    for (const w of wanted) {
      const hits = servicePorts.filter((p) => (typeof w === 'number' ? p.port === w : p.name === w));
      if (hits.length === 0) throw new AllowFromError(`${where}: ${unknownPort(w, servicePorts)}`);
      chosen.push(...hits);
    }
  }
  const seen = new Set<string>();
  const out: Record<string, unknown>[] = [];
  for (const p of chosen) {
    const protocol = p.protocol ?? 'TCP';
    const port = p.targetPort ?? p.port;
    const key = `${protocol}/${typeof port}/${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ protocol, port });
  }
  return out;
}

/** One line: the port that is not there, the ones that are, and (for a targetPort number) which to use. */
function unknownPort(wanted: string | number, ports: readonly ServicePortSpec[]): string {
  const listed = ports.map((p) => `${p.name !== undefined ? `${p.name} (${p.port}/${p.protocol ?? 'TCP'})` : `${p.port}/${p.protocol ?? 'TCP'}`}`).join(', ');
  const what = typeof wanted === 'number' ? `port ${wanted}` : `port "${wanted}"`;
  const asTarget = ports.find((p) => p.targetPort === wanted);
  const hint = asTarget !== undefined
    ? ` — ${JSON.stringify(wanted)} is the targetPort of Service port ${asTarget.name ?? asTarget.port}; allowFrom takes Service ports and writes their targetPorts, so give ${asTarget.name !== undefined ? `'${asTarget.name}' or ` : ''}${asTarget.port}`
    : '; give one of these names or numbers';
  return `the Service has no ${what}; its ports are ${listed}${hint}`;
}

/** A lowercase DNS-subdomain-friendly form of a name part. */
function nameSlug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * `service.allowFrom(peer, options)`: checks what can be checked now (the peer, the shape of
 * `ports`) and adds the policy under the Service. Ports are resolved at synth, so ports added to
 * the Service later count.
 */
export function declareAllowFrom(service: PolicyTargetService & Construct, peer: AllowFromPeer, options: AllowFromOptions): AllowFromPolicy {
  const where = `${service.node.path}: allowFrom`;
  let resolved: Peer;
  if (peer instanceof Peer) resolved = peer;
  else if (workloadObject(peer) !== undefined) resolved = Peer.workload(peer);
  else {
    throw new AllowFromError(`${where}: ${ApiObject.isApiObject(peer) || isPlusPod(peer) ? notAWorkload(peer) : `${describeBackendValue(peer)} is not a peer`}; ` +
      'give a workload, or Peer.workload(…), Peer.pods(labels), Peer.namespace(name), Peer.cidr(range) or Peer.allPods()');
  }
  const ports = options.ports;
  if (ports !== undefined) {
    if (!Array.isArray(ports)) throw new AllowFromError(`${where}: ports must be a list of Service port names or numbers (got ${describeBackendValue(ports)})`);
    if (ports.length === 0) throw new AllowFromError(`${where}: ports: [] would admit the peer on no port; leave ports out to admit it on every Service port`);
    const bad = ports.find((p) => !(typeof p === 'string' && p !== '') && !(typeof p === 'number' && Number.isInteger(p)));
    if (bad !== undefined) throw new AllowFromError(`${where}: ports holds ${describeBackendValue(bad)}, which is neither a Service port name nor a port number`);
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
    throw new AllowFromError(`${where}: name must be a non-empty string (got ${describeBackendValue(options.name)})`);
  }
  const slug = nameSlug(peerParts.get(resolved)!.slug) || 'peer';
  let id = `from-${slug}`;
  for (let n = 2; service.node.tryFindChild(id) !== undefined; n++) id = `from-${slug}-${n}`;
  return new AllowFromPolicy(service, id, { service, peer: resolved, name: options.name ?? `${service.name}-${id}`, ports });
}
