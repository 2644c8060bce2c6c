/**
 * Services as the API server stores them: defaulted (k8s/defaults.ts), read into the model's
 * shape, then — after allocation — rendered back as the API object (`get svc -o yaml`).
 * Fields that cannot be modelled (a port without a number, an unknown protocol) are skipped here
 * and reported by validation.
 */
import { arr, at, bool, cloneJson, int, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { defaultService, DEFAULT_CLIENT_IP_AFFINITY_SECONDS } from '../k8s/defaults';
import type { IPFamily } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import type { AllocationRequest } from './allocate';
import type { ClusterSettings, ServiceType, SimPod, SimService, SimServicePort, TrafficPolicy } from './model';
import { stableUid } from './hash';
import { asProtocol } from './pods';
import { ownerKey } from './workloads';

const TYPES: ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

function policy(value: unknown): TrafficPolicy | undefined {
  return value === 'Cluster' || value === 'Local' ? value : undefined;
}

/**
 * A Service as admission leaves it: defaulted and allocated, before it selects any pods (the
 * select-pods step makes the model's SimService from it).
 */
export type AdmittedService = Omit<SimService, 'selectedPods' | 'apiObject'>;

export interface ReadService {
  service: AdmittedService;
  request: AllocationRequest;
  /** The defaulted object, before allocation. */
  defaulted: JsonObject;
}

/**
 * `value` itself when it already is what strMap would copy it into (an object whose every value
 * is a string, without a `__proto__` key), else strMap's copy. The defaulted Service is the model's
 * private copy and nothing modifies it, so its label and selector maps can serve the model as they
 * are instead of being copied once more per Service.
 */
function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) return strMap(value);
    if (key === '__proto__' || typeof value[key] !== 'string') return strMap(value);
  }
  return Object.getPrototypeOf(value) === Object.prototype ? (value as Record<string, string>) : strMap(value);
}

/**
 * Reads a Service (from the input, or a built-in given as raw data with `obj` undefined). The
 * model object is complete from the start (allocation only changes values): fields added to a
 * long-lived object after it was made go to an out-of-object property store.
 */
export function readService(raw: JsonObject, namespace: string, name: string, obj: ManifestObject | undefined, settings: ClusterSettings): ReadService {
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
    const nodePort = usesNodePorts ? (int(p.nodePort) ?? 0) : 0;
    const appProtocol = str(p.appProtocol);
    ports.push(appProtocol ? { index, name: str(p.name) ?? '', port, protocol, targetPort, nodePort, appProtocol } : { index, name: str(p.name) ?? '', port, protocol, targetPort, nodePort });
  });

  const selector = stringMap(spec.selector);
  const sessionAffinity = spec.sessionAffinity === 'ClientIP' ? 'ClientIP' : 'None';
  const givenUid = at(defaulted, 'metadata', 'uid');
  // No API object here: the model's Service renders it when first asked for, after allocation,
  // so that `check`, which prints no Service, never renders one.
  const service: AdmittedService = {
    namespace,
    name,
    obj,
    type,
    clusterIP: '',
    clusterIPs: NO_STRINGS,
    headless,
    selector: selector && Object.keys(selector).length > 0 ? selector : undefined,
    // Exact size: a list grown by push keeps room for 17 ports.
    ports: ports.slice(),
    externalIPs: stringsOf(spec.externalIPs),
    loadBalancerIPs: loadBalancerIPsOf(defaulted),
    loadBalancerSourceRanges: stringsOf(spec.loadBalancerSourceRanges, true),
    sessionAffinity,
    publishNotReadyAddresses: bool(spec.publishNotReadyAddresses) ?? false,
    labels: stringMap(at(defaulted, 'metadata', 'labels')) ?? {},
    apiUid: typeof givenUid === 'string' ? givenUid : stableUid(ownerKey(namespace, 'Service', name)),
    apiIPFamilies: storedIPFamilies(spec, type, settings),
    defaulted: obj ? defaulted : undefined,
  };
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
 * The empty list shared by every Service that has nothing there (most have no external IPs and no
 * load balancer). Frozen: nothing may add to it, and a mistake would throw.
 */
const NO_STRINGS = Object.freeze([]) as unknown as string[];

/** The strings of a list (trimmed when asked); the shared empty list when there are none. */
function stringsOf(value: unknown, trim = false): string[] {
  const list = arr(value);
  if (list.length === 0) return NO_STRINGS;
  const out = list.filter((v): v is string => typeof v === 'string').map((v) => (trim ? v.trim() : v));
  return out.length > 0 ? out : NO_STRINGS;
}

function loadBalancerIPsOf(defaulted: JsonObject): string[] {
  const ingress = arr(at(defaulted, 'status', 'loadBalancer', 'ingress'));
  if (ingress.length === 0) return NO_STRINGS;
  const out = ingress.map((i) => str(at(i, 'ip'))).filter((ip): ip is string => !!ip);
  return out.length > 0 ? out : NO_STRINGS;
}

/**
 * The Service as stored after allocation: cluster IPs, IP families, node ports, empty LB status.
 * Completes `read.defaulted` in place (it is already a private copy made by defaulting).
 */
export function serviceApi(read: Pick<ReadService, 'service' | 'defaulted'>, settings: ClusterSettings): JsonObject {
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

/** The ipFamilies lists the model holds, one shared frozen list each (nothing modifies them). */
const FAMILY_LISTS: Record<string, IPFamily[]> = {
  '': Object.freeze([]) as unknown as IPFamily[],
  IPv4: Object.freeze(['IPv4']) as unknown as IPFamily[],
  IPv6: Object.freeze(['IPv6']) as unknown as IPFamily[],
  'IPv4,IPv6': Object.freeze(['IPv4', 'IPv6']) as unknown as IPFamily[],
  'IPv6,IPv4': Object.freeze(['IPv6', 'IPv4']) as unknown as IPFamily[],
};

/**
 * `spec.ipFamilies` of the Service `serviceApi` would render (known values, once each, in order),
 * without rendering it: the defaulted list, or the service CIDR's family when it names no known
 * family (not for ExternalName, which is not allocated).
 */
export function storedIPFamilies(spec: JsonObject, type: ServiceType, settings: ClusterSettings): IPFamily[] {
  let listed = arr(spec.ipFamilies);
  if (type !== 'ExternalName' && !listed.some((f) => f === 'IPv4' || f === 'IPv6')) listed = [settings.serviceCIDR.family];
  const out: IPFamily[] = [];
  for (const f of listed) {
    if ((f === 'IPv4' || f === 'IPv6') && !out.includes(f)) out.push(f);
  }
  return FAMILY_LISTS[out.join(',')];
}

/**
 * The model's Service: the admitted Service with the pods it selects. Its API object (defaulted and
 * allocated) is rendered when first asked for, from its own copy of the defaulted object: the
 * model's copy stays unallocated, for the API validation rule to check without defaulting the
 * Service again; `check`, which prints no Service, renders none.
 */
export class ServiceObject implements SimService {
  readonly namespace: string;
  readonly name: string;
  readonly obj?: ManifestObject;
  readonly type: ServiceType;
  readonly clusterIP: string;
  readonly clusterIPs: string[];
  readonly headless: boolean;
  readonly selector?: Record<string, string>;
  readonly ports: SimServicePort[];
  readonly externalName?: string;
  readonly externalIPs: string[];
  readonly loadBalancerIPs: string[];
  readonly loadBalancerSourceRanges: string[];
  readonly externalTrafficPolicy?: TrafficPolicy;
  readonly internalTrafficPolicy?: TrafficPolicy;
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly affinityTimeoutSeconds?: number;
  readonly healthCheckNodePort?: number;
  readonly publishNotReadyAddresses: boolean;
  readonly labels: Record<string, string>;
  readonly selectedPods: SimPod[];
  readonly apiIPFamilies?: IPFamily[];
  readonly apiUid?: string;
  readonly defaulted?: JsonObject;
  readonly #renderer: ServiceApi;
  #api?: JsonObject;

  constructor(a: AdmittedService, selectedPods: SimPod[], renderer: ServiceApi) {
    this.namespace = a.namespace;
    this.name = a.name;
    this.obj = a.obj;
    this.type = a.type;
    this.clusterIP = a.clusterIP;
    this.clusterIPs = a.clusterIPs;
    this.headless = a.headless;
    this.selector = a.selector;
    this.ports = a.ports;
    this.externalName = a.externalName;
    this.externalIPs = a.externalIPs;
    this.loadBalancerIPs = a.loadBalancerIPs;
    this.loadBalancerSourceRanges = a.loadBalancerSourceRanges;
    this.externalTrafficPolicy = a.externalTrafficPolicy;
    this.internalTrafficPolicy = a.internalTrafficPolicy;
    this.sessionAffinity = a.sessionAffinity;
    this.affinityTimeoutSeconds = a.affinityTimeoutSeconds;
    this.healthCheckNodePort = a.healthCheckNodePort;
    this.publishNotReadyAddresses = a.publishNotReadyAddresses;
    this.labels = a.labels;
    this.selectedPods = selectedPods;
    this.apiIPFamilies = a.apiIPFamilies;
    this.apiUid = a.apiUid;
    this.defaulted = a.defaulted;
    this.#renderer = renderer;
  }

  apiObject(): JsonObject {
    return (this.#api ??= this.#renderer.render(this));
  }
}

/** Renders a Service as stored from its own copy of the defaulted object (see ServiceObject). */
export class ServiceApi {
  constructor(
    private readonly defaulted: JsonObject,
    private readonly settings: ClusterSettings,
  ) {}

  render(service: SimService): JsonObject {
    const api = serviceApi({ service, defaulted: cloneJson(this.defaulted) }, this.settings);
    (api.metadata as Record<string, unknown>).uid = service.apiUid;
    return api;
  }
}
