/**
 * Which objects the simulator models (docs/cli.md, inputs). Rules report only on these: objects of other
 * kinds (and same-named kinds of other API groups, like Knative's `serving.knative.dev` Service) are
 * counted by the loader and otherwise left alone.
 */
const MODELLED_GROUPS: Record<string, readonly string[]> = {
  Service: [''],
  Endpoints: [''],
  Pod: [''],
  ReplicationController: [''],
  Namespace: [''],
  Node: [''],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  DaemonSet: ['apps', 'extensions'],
  Job: ['batch'],
  CronJob: ['batch'],
  EndpointSlice: ['discovery.k8s.io'],
  Ingress: ['networking.k8s.io', 'extensions'],
  IngressClass: ['networking.k8s.io'],
  NetworkPolicy: ['networking.k8s.io'],
  ServiceMonitor: ['monitoring.coreos.com'],
  PodMonitor: ['monitoring.coreos.com'],
  GatewayClass: ['gateway.networking.k8s.io'],
  Gateway: ['gateway.networking.k8s.io'],
  HTTPRoute: ['gateway.networking.k8s.io'],
  GRPCRoute: ['gateway.networking.k8s.io'],
  ReferenceGrant: ['gateway.networking.k8s.io'],
};

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isModelled(o: { apiVersion: string; kind: string }): boolean {
  if (!Object.prototype.hasOwnProperty.call(MODELLED_GROUPS, o.kind)) return false;
  return MODELLED_GROUPS[o.kind].includes(apiGroup(o.apiVersion));
}
