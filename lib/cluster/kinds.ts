/**
 * Every kind the simulator models, with the API versions it reads: the one list. The build sorts
 * its input by it, and rules ask it whether an object is one the model knows. Objects of other kinds
 * (and same-named kinds of other API groups, like Knative's `serving.knative.dev` Service) are
 * counted (unmodelledKinds, shown in the check's summary) and otherwise left to the rules that read
 * them as input (a ConfigMap's values, an Ingress's TLS Secret).
 *
 * Adding a kind: one entry here with its role, then the step of the build that models it.
 */
import { GATEWAY_API_VERSIONS } from './gateway-api/read';
import { MONITORING_API_VERSION } from './monitors';

/** Which step of the build reads objects of a kind (`gatewayApi`: gateway-api/build.ts, which reads the whole input). */
export type ModelledRole = 'service' | 'endpoints' | 'endpointSlice' | 'pod' | 'node' | 'namespace' | 'workload' | 'ingress' | 'ingressClass' | 'networkPolicy' | 'serviceMonitor' | 'podMonitor' | 'gatewayApi';

interface ModelledKind {
  role: ModelledRole;
  apiVersions: readonly string[];
}

const MODELLED_KINDS: Record<string, ModelledKind> = {
  Service: { role: 'service', apiVersions: ['v1'] },
  Endpoints: { role: 'endpoints', apiVersions: ['v1'] },
  EndpointSlice: { role: 'endpointSlice', apiVersions: ['discovery.k8s.io/v1', 'discovery.k8s.io/v1beta1'] },
  Pod: { role: 'pod', apiVersions: ['v1'] },
  Node: { role: 'node', apiVersions: ['v1'] },
  Namespace: { role: 'namespace', apiVersions: ['v1'] },
  Deployment: { role: 'workload', apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'] },
  ReplicaSet: { role: 'workload', apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'] },
  DaemonSet: { role: 'workload', apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'] },
  StatefulSet: { role: 'workload', apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'] },
  ReplicationController: { role: 'workload', apiVersions: ['v1'] },
  Job: { role: 'workload', apiVersions: ['batch/v1'] },
  CronJob: { role: 'workload', apiVersions: ['batch/v1', 'batch/v1beta1', 'batch/v2alpha1'] },
  Ingress: { role: 'ingress', apiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1', 'extensions/v1beta1'] },
  IngressClass: { role: 'ingressClass', apiVersions: ['networking.k8s.io/v1', 'networking.k8s.io/v1beta1'] },
  NetworkPolicy: { role: 'networkPolicy', apiVersions: ['networking.k8s.io/v1'] },
  ServiceMonitor: { role: 'serviceMonitor', apiVersions: [MONITORING_API_VERSION] },
  PodMonitor: { role: 'podMonitor', apiVersions: [MONITORING_API_VERSION] },
  GatewayClass: { role: 'gatewayApi', apiVersions: GATEWAY_API_VERSIONS },
  Gateway: { role: 'gatewayApi', apiVersions: GATEWAY_API_VERSIONS },
  HTTPRoute: { role: 'gatewayApi', apiVersions: GATEWAY_API_VERSIONS },
  GRPCRoute: { role: 'gatewayApi', apiVersions: GATEWAY_API_VERSIONS },
  ReferenceGrant: { role: 'gatewayApi', apiVersions: GATEWAY_API_VERSIONS },
};

/** What the model does with an object of this apiVersion and kind; undefined when it is not modelled. */
export function modelledRole(o: { apiVersion: string; kind: string }): ModelledRole | undefined {
  // `kind` is user data (`__proto__` included): only own entries count.
  if (!Object.prototype.hasOwnProperty.call(MODELLED_KINDS, o.kind)) return undefined;
  const k = MODELLED_KINDS[o.kind];
  return k.apiVersions.includes(o.apiVersion) ? k.role : undefined;
}

/**
 * Whether the kind of this API group is one the model knows, at any version: a Deployment of a
 * version the build does not read is still the Kubernetes Deployment, not another product's kind.
 */
export function isModelled(o: { apiVersion: string; kind: string }): boolean {
  if (!Object.prototype.hasOwnProperty.call(MODELLED_KINDS, o.kind)) return false;
  const group = apiGroup(o.apiVersion);
  return MODELLED_KINDS[o.kind].apiVersions.some((v) => apiGroup(v) === group);
}

/**
 * The objects the build does not read, counted by `apiVersion/kind` (keys sorted): the kinds the
 * simulator ignores, so a summary can say how much of the input it did not simulate.
 */
export function unmodelledKinds(objects: readonly { apiVersion: string; kind: string }[]): Record<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) {
    if (modelledRole(o) !== undefined) continue;
    const key = `${o.apiVersion}/${o.kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const key of [...counts.keys()].sort()) out[key] = counts.get(key)!;
  return out;
}

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
