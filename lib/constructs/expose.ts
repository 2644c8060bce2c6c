/**
 * `kubectl expose` as a function: derive a Service from a Pod, ReplicationController, Deployment,
 * ReplicaSet or Service, with kubectl's rules for selector, name, ports, protocols and labels
 * (kubectl pkg/cmd/expose and polymorphichelpers). Like the command, it looks at the object as it
 * is at the moment of the call; the returned construct can be changed afterwards (`addPort`).
 * Where kubectl would refuse, this throws kubectl's message.
 */
import { ApiObject } from 'cdk8s';
import { arr, at, int, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { podSpecOfManifest, type PlusPodLike } from './backend';
import { ClusterIPService } from './cluster-ip-service';
import { HeadlessService } from './headless-service';
import { LoadBalancerService } from './load-balancer-service';
import { NodePortService } from './node-port-service';
import type { ServicePortSpec, ServiceProtocol } from './ports';
import type { ServiceBase, SessionAffinity } from './service-base';
import type { SelectingService } from './selecting-service';

/** What `kubectl expose` accepts, as an object. */
export interface ExposeOptions {
  /**
   * Construct id of the new Service (created next to the exposed object).
   * @default `${name}-service`
   */
  readonly id?: string;
  /**
   * `--name`: the Service's name.
   * @default - the exposed object's name, truncated to 63 characters
   */
  readonly name?: string;
  /**
   * `--port`: the one Service port.
   * @default - every distinct container port of the pod template (Service: its ports)
   */
  readonly port?: number;
  /**
   * `--target-port`: number or container port name, applied to every port.
   * @default - equal to each port
   */
  readonly targetPort?: number | string;
  /**
   * `--protocol`: used for every port.
   * @default - per port, the protocol the exposed object declares for it; else TCP
   */
  readonly protocol?: ServiceProtocol;
  /**
   * `--type`.
   * @default 'ClusterIP'
   */
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /**
   * `--selector`.
   * @default - derived from the exposed object (see kubectl's rules)
   */
  readonly selector?: Record<string, string>;
  /**
   * `--labels` of the Service.
   * @default - the exposed object's own labels
   */
  readonly labels?: Record<string, string>;
  /**
   * `--external-ip`.
   * @default - none
   */
  readonly externalIP?: string;
  /**
   * `--load-balancer-ip` (LoadBalancer only).
   * @default - none
   */
  readonly loadBalancerIP?: string;
  /**
   * `--session-affinity`.
   * @default - unset (API default None)
   */
  readonly sessionAffinity?: SessionAffinity;
  /**
   * `--cluster-ip`; `'None'` makes a headless Service.
   * @default - allocated
   */
  readonly clusterIP?: string;
}

/** Kinds `kubectl expose` can expose (polymorphichelpers/canbeexposed.go). */
const EXPOSABLE = new Set(['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet']);

/** Exposes `target` as a Service, like `kubectl expose <kind>/<name> [options]`. */
export function expose(target: PlusPodLike | ApiObject | ServiceBase, options: ExposeOptions = {}): SelectingService {
  const apiObject = ApiObject.of(target);
  const manifest = apiObject.toJson() as JsonObject;
  const kind = str(manifest.kind) ?? '';
  if (!EXPOSABLE.has(kind)) throw new Error(`cannot expose a ${kind || 'object without kind'}`);

  const selector = options.selector ?? selectorForExpose(manifest, kind);
  const name = options.name ?? (str(at(manifest, 'metadata', 'name')) ?? apiObject.name).slice(0, 63);
  const headless = options.clusterIP === 'None';
  const ports = portsForExpose(manifest, kind, options, headless);
  if (options.sessionAffinity !== undefined && options.sessionAffinity !== 'None' && options.sessionAffinity !== 'ClientIP') {
    throw new Error(`unknown session affinity: ${String(options.sessionAffinity)}`);
  }
  const type = options.type ?? 'ClusterIP';
  if (options.loadBalancerIP !== undefined && type !== 'LoadBalancer') {
    throw new Error(`loadBalancerIP (--load-balancer-ip) only applies to type LoadBalancer, not ${type}`);
  }
  const labels = options.labels ?? strMap(at(manifest, 'metadata', 'labels'));
  const namespace = str(at(manifest, 'metadata', 'namespace'));
  const metadata = { name, namespace, labels: labels && Object.keys(labels).length > 0 ? { ...labels } : undefined };
  const scope = apiObjectScope(target);
  const id = options.id ?? `${name}-service`;
  const common = {
    metadata,
    selector: { ...selector },
    ports,
    sessionAffinity: options.sessionAffinity,
    externalIPs: options.externalIP !== undefined ? [options.externalIP] : undefined,
  };
  if (headless) {
    if (type !== 'ClusterIP') {
      // Written as asked: the engine reports that NodePort/LoadBalancer cannot be headless.
      return type === 'NodePort'
        ? new NodePortService(scope, id, { ...common, clusterIP: 'None' })
        : new LoadBalancerService(scope, id, { ...common, clusterIP: 'None' });
    }
    if (common.externalIPs) return new ClusterIPService(scope, id, { ...common, clusterIP: 'None' });
    return new HeadlessService(scope, id, { metadata, selector: { ...selector }, ports, sessionAffinity: options.sessionAffinity });
  }
  switch (type) {
    case 'NodePort':
      return new NodePortService(scope, id, { ...common, clusterIP: options.clusterIP });
    case 'LoadBalancer':
      return new LoadBalancerService(scope, id, { ...common, clusterIP: options.clusterIP, loadBalancerIP: options.loadBalancerIP });
    default:
      return new ClusterIPService(scope, id, { ...common, clusterIP: options.clusterIP });
  }
}

/** The Service goes next to the exposed object (cdk8s-plus resources: next to the resource). */
function apiObjectScope(target: PlusPodLike | ApiObject | ServiceBase) {
  const parent = target.node.scope;
  if (!parent) throw new Error('cannot expose the root of a construct tree');
  return parent;
}

/** polymorphichelpers/mapbasedselectorforobject.go, with kubectl's messages. */
export function selectorForExpose(manifest: JsonObject, kind: string): Record<string, string> {
  switch (kind) {
    case 'Pod': {
      const labels = strMap(at(manifest, 'metadata', 'labels')) ?? {};
      if (Object.keys(labels).length === 0) throw new Error('the pod has no labels and cannot be exposed');
      return labels;
    }
    case 'Service': {
      const selector = strMap(at(manifest, 'spec', 'selector')) ?? {};
      if (Object.keys(selector).length === 0) throw new Error('the service has no pod selector set');
      return selector;
    }
    case 'ReplicationController': {
      // The API server defaults an RC's selector to its template labels.
      const selector = strMap(at(manifest, 'spec', 'selector'));
      if (selector && Object.keys(selector).length > 0) return selector;
      return strMap(at(manifest, 'spec', 'template', 'metadata', 'labels')) ?? {};
    }
    default: {
      const word = kind === 'Deployment' ? 'deployment' : 'replicaset';
      const selector = at(manifest, 'spec', 'selector');
      const expressions = arr(at(selector, 'matchExpressions'));
      if (expressions.length > 0) {
        throw new Error(`couldn't convert expressions - "${expressions.map(formatExpression).join(',')}" to map-based selector format`);
      }
      const labels = strMap(at(selector, 'matchLabels')) ?? {};
      if (Object.keys(labels).length === 0) throw new Error(`invalid ${word}: no selectors, therefore cannot be exposed`);
      return labels;
    }
  }
}

function formatExpression(e: unknown): string {
  const key = str(at(e, 'key')) ?? '';
  const op = str(at(e, 'operator')) ?? '';
  const values = arr(at(e, 'values')).map((v) => String(v));
  switch (op) {
    case 'In': return `${key} in (${values.join(',')})`;
    case 'NotIn': return `${key} notin (${values.join(',')})`;
    case 'Exists': return key;
    case 'DoesNotExist': return `!${key}`;
    default: return `${key} ${op} (${values.join(',')})`;
  }
}

/** Port numbers in order of first appearance, and the protocols each is declared with. */
function declaredPorts(manifest: JsonObject, kind: string): { numbers: number[]; protocols: Map<number, ServiceProtocol[]> } {
  const numbers: number[] = [];
  const protocols = new Map<number, ServiceProtocol[]>();
  const note = (n: number | undefined, protocol: unknown) => {
    if (n === undefined) return;
    if (!protocols.has(n)) {
      numbers.push(n);
      protocols.set(n, []);
    }
    const p = (str(protocol) ?? 'TCP') as ServiceProtocol;
    const list = protocols.get(n)!;
    if (!list.includes(p)) list.push(p);
  };
  if (kind === 'Service') {
    for (const port of arr(at(manifest, 'spec', 'ports'))) note(int(at(port, 'port')), at(port, 'protocol'));
  } else {
    const spec = podSpecOfManifest(manifest);
    for (const container of arr(spec?.containers)) {
      if (!isObject(container)) continue;
      for (const port of arr(container.ports)) note(int(at(port, 'containerPort')), at(port, 'protocol'));
    }
  }
  return { numbers, protocols };
}

/** kubectl expose's createService port logic. */
function portsForExpose(manifest: JsonObject, kind: string, options: ExposeOptions, headless: boolean): ServicePortSpec[] {
  const declared = declaredPorts(manifest, kind);
  const numbers = options.port !== undefined ? [options.port] : declared.numbers;
  if (numbers.length === 0 && !headless) throw new Error("couldn't find port via --port flag or introspection");
  const ports: ServicePortSpec[] = [];
  numbers.forEach((port, i) => {
    const name = numbers.length > 1 ? `port-${i + 1}` : undefined;
    const targetPort = options.targetPort ?? port;
    if (options.protocol !== undefined) {
      ports.push({ name, port, protocol: options.protocol, targetPort });
      return;
    }
    const protocols = declared.protocols.get(port) ?? [];
    if (protocols.length > 1) {
      // One Service port per protocol, named after its index and protocol.
      for (const protocol of protocols) ports.push({ name: `port-${i + 1}-${protocol.toLowerCase()}`, port, protocol, targetPort });
      return;
    }
    ports.push({ name, port, protocol: protocols[0] ?? 'TCP', targetPort });
  });
  return ports;
}
