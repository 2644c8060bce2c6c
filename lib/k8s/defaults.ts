/**
 * API-server defaulting, applied to a copy of what the user wrote before validation and before the
 * cluster model is built — exactly what `kubectl get -o yaml` shows after a create.
 *
 * Every function here returns a defaulted DEEP COPY, never mutates its input and never throws:
 * fields of the wrong JSON type are left as they are so that validation can report them on the
 * right path. A JSON `null` counts as "not set", as it does for Go's decoder.
 *
 * Sources: kubernetes/kubernetes pkg/apis/core/v1/defaults.go (SetDefaults_Service,
 * SetDefaults_Endpoints, SetDefaults_PodSpec, SetDefaults_Pod, SetDefaults_ContainerPort),
 * pkg/apis/discovery/v1/defaults.go (SetDefaults_EndpointPort),
 * pkg/registry/core/service/strategy.go (normalizeClusterIPs, PrepareForCreate).
 */
import { cloneJson, isObject, type Json, type JsonObject } from './json';

/** v1.DefaultClientIPServiceAffinitySeconds. */
export const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;

/** Go decodes a missing key and `null` to the zero value; defaulting treats both as unset. */
function isUnset(value: Json | undefined): boolean {
  return value === undefined || value === null;
}

/** Unset or the empty string: how Go's defaulters test plain (non-pointer) string fields. */
function isUnsetOrEmpty(value: Json | undefined): boolean {
  return isUnset(value) || value === '';
}

function copyOf(raw: JsonObject): JsonObject {
  // The input is anyone's data; a value that cannot be serialized must not make defaulting throw.
  try {
    return isObject(raw) ? cloneJson(raw) : raw;
  } catch {
    return raw;
  }
}

/**
 * pkg/api/v1/service/util.go ExternallyAccessible: NodePort, LoadBalancer, or ClusterIP with at
 * least one externalIP. Evaluated after `type` has been defaulted.
 */
export function isExternallyAccessible(spec: JsonObject): boolean {
  const type = spec.type;
  if (type === 'NodePort' || type === 'LoadBalancer') return true;
  return type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0;
}

/**
 * A Service as the API server stores it on create (before allocation):
 * - `type` → `ClusterIP` when empty (SetDefaults_Service).
 * - `sessionAffinity` → `None` when empty; with `None`, `sessionAffinityConfig` is dropped; with
 *   `ClientIP`, any missing level of `sessionAffinityConfig.clientIP.timeoutSeconds` gives a fresh
 *   config with 10800 (SetDefaults_Service).
 * - `ports[].protocol` → `TCP` when empty; `ports[].targetPort` → `port` when 0, `""` or unset
 *   (only when `port` is an integer: a wrong-typed port is left for validation) (SetDefaults_Service).
 * - `externalTrafficPolicy` → `Cluster` when empty and the Service is externally accessible.
 * - `internalTrafficPolicy` → `Cluster` when unset and type is ClusterIP, NodePort or LoadBalancer.
 * - `allocateLoadBalancerNodePorts` → `true` for LoadBalancer.
 * - `status.loadBalancer.ingress[].ipMode` → `VIP` when `ip` is set (LoadBalancerIPMode gate, GA).
 * - `clusterIPs` → `[clusterIP]` when only the singular field is set (the create strategy's
 *   normalizeClusterIPs); this is why validation reports malformed cluster IPs on `spec.clusterIPs[0]`.
 * Allocation (clusterIP, nodePorts, ipFamilies, ipFamilyPolicy, healthCheckNodePort) is the
 * allocator's job, not this function's.
 */
export function defaultService(raw: JsonObject): JsonObject {
  const out = copyOf(raw);
  if (!isObject(out)) return out;
  // A Service without a spec decodes to an empty spec, which is then defaulted like any other.
  if (isUnset(out.spec)) out.spec = {};
  if (!isObject(out.spec)) return out;
  const spec = out.spec;

  if (isUnsetOrEmpty(spec.sessionAffinity)) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const config = spec.sessionAffinityConfig;
    const clientIP = isObject(config) ? config.clientIP : undefined;
    const timeout = isObject(clientIP) ? clientIP.timeoutSeconds : undefined;
    // Upstream tests each level for nil; a wrong-typed level is not nil, so it is kept for validation.
    if (isUnset(config) || (isObject(config) && isUnset(clientIP)) || (isObject(clientIP) && isUnset(timeout))) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
    }
  }

  if (isUnsetOrEmpty(spec.type)) spec.type = 'ClusterIP';

  if (Array.isArray(spec.ports)) {
    for (const port of spec.ports) {
      if (!isObject(port)) continue;
      if (isUnsetOrEmpty(port.protocol)) port.protocol = 'TCP';
      if ((isUnset(port.targetPort) || port.targetPort === 0 || port.targetPort === '') && Number.isInteger(port.port)) {
        port.targetPort = port.port;
      }
    }
  }

  if (isExternallyAccessible(spec) && isUnsetOrEmpty(spec.externalTrafficPolicy)) {
    spec.externalTrafficPolicy = 'Cluster';
  }
  // internalTrafficPolicy is a pointer upstream: only nil is defaulted, `""` stays (and is invalid).
  if (isUnset(spec.internalTrafficPolicy) && (spec.type === 'ClusterIP' || spec.type === 'NodePort' || spec.type === 'LoadBalancer')) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    if (isUnset(spec.allocateLoadBalancerNodePorts)) spec.allocateLoadBalancerNodePorts = true;
    const status = out.status;
    const lb = isObject(status) ? status.loadBalancer : undefined;
    const ingress = isObject(lb) ? lb.ingress : undefined;
    if (Array.isArray(ingress)) {
      for (const entry of ingress) {
        if (isObject(entry) && typeof entry.ip === 'string' && entry.ip !== '' && isUnset(entry.ipMode)) entry.ipMode = 'VIP';
      }
    }
  }

  // Create strategy (normalizeClusterIPs): an old-style client sets only the singular field.
  const clusterIP = spec.clusterIP;
  if (typeof clusterIP === 'string' && clusterIP !== '' && (isUnset(spec.clusterIPs) || (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 0))) {
    spec.clusterIPs = [clusterIP];
  }
  return out;
}

/** Endpoints: `subsets[].ports[].protocol` → `TCP` when empty (SetDefaults_Endpoints). */
export function defaultEndpoints(raw: JsonObject): JsonObject {
  const out = copyOf(raw);
  if (!isObject(out) || !Array.isArray(out.subsets)) return out;
  for (const subset of out.subsets) {
    if (!isObject(subset) || !Array.isArray(subset.ports)) continue;
    for (const port of subset.ports) {
      if (isObject(port) && isUnsetOrEmpty(port.protocol)) port.protocol = 'TCP';
    }
  }
  return out;
}

/**
 * EndpointSlice (discovery.k8s.io/v1): `ports[].name` → `""` and `ports[].protocol` → `TCP` when
 * nil (SetDefaults_EndpointPort; both are pointers, so an explicit `""` protocol is kept).
 */
export function defaultEndpointSlice(raw: JsonObject): JsonObject {
  const out = copyOf(raw);
  if (!isObject(out) || !Array.isArray(out.ports)) return out;
  for (const port of out.ports) {
    if (!isObject(port)) continue;
    if (isUnset(port.name)) port.name = '';
    if (isUnset(port.protocol)) port.protocol = 'TCP';
  }
  return out;
}

function defaultContainerPorts(containers: Json | undefined, hostNetwork: boolean): void {
  if (!Array.isArray(containers)) return;
  for (const container of containers) {
    if (!isObject(container) || !Array.isArray(container.ports)) continue;
    for (const port of container.ports) {
      if (!isObject(port)) continue;
      // SetDefaults_ContainerPort.
      if (isUnsetOrEmpty(port.protocol)) port.protocol = 'TCP';
      // SetDefaults_PodSpec → defaultHostNetworkPorts: on the host network the host port is the container port.
      if (hostNetwork && (isUnset(port.hostPort) || port.hostPort === 0) && Number.isInteger(port.containerPort)) {
        port.hostPort = port.containerPort;
      }
    }
  }
}

/**
 * A pod spec (of a Pod or a workload template) with the defaults the networking views rely on:
 * `dnsPolicy` → `ClusterFirst`, `restartPolicy` → `Always`, `enableServiceLinks` → `true`
 * (SetDefaults_PodSpec, SetDefaults_Pod), `containers[].ports[].protocol` → `TCP`
 * (SetDefaults_ContainerPort, also for initContainers), and with `hostNetwork: true` each port's
 * `hostPort` → `containerPort`. Other pod defaults (scheduler, grace period, ...) are not modelled.
 */
export function defaultPodSpec(raw: JsonObject): JsonObject {
  const out = copyOf(raw);
  if (!isObject(out)) return out;
  if (isUnsetOrEmpty(out.dnsPolicy)) out.dnsPolicy = 'ClusterFirst';
  if (isUnsetOrEmpty(out.restartPolicy)) out.restartPolicy = 'Always';
  if (isUnset(out.enableServiceLinks)) out.enableServiceLinks = true;
  const hostNetwork = out.hostNetwork === true;
  defaultContainerPorts(out.containers, hostNetwork);
  defaultContainerPorts(out.initContainers, hostNetwork);
  return out;
}
