/**
 * Services as the API server stores them: defaulted (k8s/defaults.ts), read into the model's
 * shape, then — after allocation — rendered back as the API object (`get svc -o yaml`).
 * Fields that cannot be modelled (a port without a number, an unknown protocol) are skipped here
 * and reported by validation.
 */
import { arr, at, bool, int, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { defaultService, DEFAULT_CLIENT_IP_AFFINITY_SECONDS } from '../k8s/defaults';
import type { IPFamily } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import type { AllocationRequest } from './allocate';
import type { ClusterSettings, ServiceType, SimService, SimServicePort, TrafficPolicy } from './model';
import { asProtocol } from './pods';

const TYPES: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function policy(value: unknown): TrafficPolicy | undefined {
  return value === 'Cluster' || value === 'Local' ? value : undefined;
}

export interface ReadService {
  service: SimService;
  request: AllocationRequest;
  /** The defaulted object, before allocation. */
  defaulted: JsonObject;
}

/** Reads a Service (from the input, or a built-in given as raw data with `obj` undefined). */
export function readService(raw: JsonObject, namespace: string, name: string, obj: ManifestObject | undefined): ReadService {
  const defaulted = defaultService(raw);
  const spec = isObject(defaulted.spec) ? defaulted.spec : {};
  const typeText = str(spec.type);
  // An unknown type is a validation error; the Service is modelled as the default type meanwhile.
  const type: ServiceType = typeText && (TYPES as string[]).includes(typeText) ? (typeText as ServiceType) : 'ClusterIP';
  const requestedClusterIPs = arr(spec.clusterIPs).filter((v): v is string => typeof v === 'string');
  const clusterIPText = str(spec.clusterIP) ?? requestedClusterIPs[0] ?? '';
  const headless = type !== 'ExternalName' && (clusterIPText === 'None' || requestedClusterIPs[0] === 'None');

  // Only NodePort and LoadBalancer Services have node ports; a nodePort on another type is a
  // validation error (reported there) and must not open a port on the nodes here.
  const usesNodePorts = type === 'NodePort' || type === 'LoadBalancer';
  const ports: SimServicePort[] = [];
  arr(spec.ports).forEach((p, index) => {
    if (!isObject(p)) return;
    const port = int(p.port);
    const protocol = asProtocol(p.protocol);
    if (port === undefined || !protocol) return;
    const target = p.targetPort;
    const targetPort = typeof target === 'number' && Number.isInteger(target) ? target : typeof target === 'string' && target !== '' ? target : port;
    const sp: SimServicePort = { index, name: str(p.name) ?? '', port, protocol, targetPort, nodePort: usesNodePorts ? (int(p.nodePort) ?? 0) : 0 };
    const appProtocol = str(p.appProtocol);
    if (appProtocol) sp.appProtocol = appProtocol;
    ports.push(sp);
  });

  const selector = strMap(spec.selector);
  const sessionAffinity = spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None';
  // No `api` here: buildCluster adds it after allocation, rendered on first read (lazy-api.ts), so
  // that `check`, which prints no Service, never renders one.
  const service = {
    namespace,
    name,
    obj,
    type,
    clusterIP: '',
    clusterIPs: [],
    headless,
    selector: selector && Object.keys(selector).length > 0 ? selector : undefined,
    ports,
    externalIPs: arr(spec.externalIPs).filter((v): v is string => typeof v === 'string'),
    loadBalancerIPs: arr(at(defaulted, 'status', 'loadBalancer', 'ingress'))
      .map((i) => str(at(i, 'ip')))
      .filter((ip): ip is string => !!ip),
    loadBalancerSourceRanges: arr(spec.loadBalancerSourceRanges)
      .filter((v): v is string => typeof v === 'string')
      .map((v) => v.trim()),
    sessionAffinity,
    publishNotReadyAddresses: bool(spec.publishNotReadyAddresses) ?? false,
    labels: strMap(at(defaulted, 'metadata', 'labels')) ?? {},
    selectedPods: [],
  } as Omit<SimService, 'api'> as SimService;
  const externalName = str(spec.externalName);
  if (type === 'ExternalName' && externalName !== undefined) service.externalName = externalName;
  const etp = policy(spec.externalTrafficPolicy);
  if (etp) service.externalTrafficPolicy = etp;
  const itp = policy(spec.internalTrafficPolicy);
  if (itp) service.internalTrafficPolicy = itp;
  if (sessionAffinity === 'ClientIP') {
    service.affinityTimeoutSeconds = int(at(spec, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds')) ?? DEFAULT_CLIENT_IP_AFFINITY_SECONDS;
  }

  const request: AllocationRequest = {
    service,
    requestedClusterIPs,
    usesNodePorts,
    allocateNodePorts: type === 'NodePort' || (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false),
    needsHealthCheck: type === 'LoadBalancer' && etp === 'Local',
    requestedHealthCheckNodePort: int(spec.healthCheckNodePort) ?? 0,
  };
  return { service, request, defaulted };
}

/**
 * The Service as stored after allocation: cluster IPs, IP families, node ports, empty LB status.
 * Completes `read.defaulted` in place (it is already a private copy made by defaulting).
 */
export function serviceApi(read: ReadService, settings: ClusterSettings): JsonObject {
  const { service } = read;
  const api = read.defaulted;
  if (api.apiVersion === undefined) api.apiVersion = 'v1';
  if (api.kind === undefined) api.kind = 'Service';
  const metadata: JsonObject = isObject(api.metadata) ? api.metadata : {};
  metadata.namespace = service.namespace;
  api.metadata = metadata;
  const spec: JsonObject = isObject(api.spec) ? api.spec : {};
  api.spec = spec;
  if (service.type !== 'ExternalName') {
    if (service.clusterIP !== '') {
      spec.clusterIP = service.clusterIP;
      spec.clusterIPs = [...service.clusterIPs];
    }
    const families = arr(spec.ipFamilies).filter((f) => f === 'IPv4' || f === 'IPv6');
    if (families.length === 0) spec.ipFamilies = [settings.serviceCIDR.family];
    if (spec.ipFamilyPolicy === undefined || spec.ipFamilyPolicy === null) spec.ipFamilyPolicy = 'SingleStack';
  }
  const rawPorts = arr(spec.ports);
  for (const p of service.ports) {
    const target = rawPorts[p.index];
    if (isObject(target) && p.nodePort !== 0) target.nodePort = p.nodePort;
  }
  if (service.healthCheckNodePort !== undefined) spec.healthCheckNodePort = service.healthCheckNodePort;
  const status: JsonObject = isObject(api.status) ? api.status : {};
  if (!isObject(status.loadBalancer)) status.loadBalancer = {};
  api.status = status;
  return api;
}

/**
 * `spec.ipFamilies` of the Service `serviceApi` would render (known values, once each, in order),
 * without rendering it: the defaulted list, or the service CIDR's family when it names no known
 * family (not for ExternalName, which is not allocated).
 */
export function storedIPFamilies(read: ReadService, settings: ClusterSettings): IPFamily[] {
  const spec = at(read.defaulted, 'spec');
  let listed = arr(isObject(spec) ? spec.ipFamilies : undefined);
  if (read.service.type !== 'ExternalName' && !listed.some((f) => f === 'IPv4' || f === 'IPv6')) listed = [settings.serviceCIDR.family];
  const out: IPFamily[] = [];
  for (const f of listed) {
    if ((f === 'IPv4' || f === 'IPv6') && !out.includes(f)) out.push(f);
  }
  return out;
}
