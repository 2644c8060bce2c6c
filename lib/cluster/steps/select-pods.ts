/**
 * Each Service's pods: the pods of its namespace whose labels carry every pair of its selector,
 * whatever their readiness (the controllers judge that). This step makes the model's Services
 * from the admitted ones, and points the allocation problems at them.
 */
import type { AllocationProblem, ClusterSettings, SimPod, SimService } from '../model';
import { compareNsName } from '../cluster-index';
import { PodIndex } from '../index-pods';
import { defineLazyApi } from '../lazy-api';
import { ServiceApi, type AdmittedService } from '../services';
import type { Admission } from './admit-services';

export interface Selection {
  /** Sorted by namespace, then name. */
  services: SimService[];
  /** The admission's problems, about the model's Services. */
  allocationProblems: AllocationProblem[];
  /** The pods by labels, which answered the selections. */
  podIndex: PodIndex;
}

/** The shared list of Services that select nothing. Frozen: nothing may add to it. */
const NO_PODS = Object.freeze([]) as unknown as SimPod[];

export function selectPods(admission: Admission, pods: SimPod[], settings: ClusterSettings): Selection {
  const podIndex = new PodIndex(pods);
  const serviceOf = new Map<AdmittedService, SimService>();
  for (const r of admission.admitted) {
    const admitted = r.service;
    const service = withSelectedPods(admitted, admitted.selector ? podIndex.matching(admitted.namespace, admitted.selector) : NO_PODS);
    // The controllers need only the stored ipFamilies and uid (read into the model); the API object
    // itself is rendered on first read (get/describe), from its own copy, so that the defaulted
    // Service stays unallocated for the API validation rule to check without defaulting it again.
    defineLazyApi(service, new ServiceApi(r.defaulted, settings));
    serviceOf.set(admitted, service);
  }
  const allocationProblems = admission.allocationProblems.map((p): AllocationProblem => {
    const problem: AllocationProblem = { resource: p.resource, reason: p.reason, service: serviceOf.get(p.service)!, field: p.field, message: p.message };
    if (p.holder) problem.holder = serviceOf.get(p.holder)!;
    return problem;
  });
  return { services: [...serviceOf.values()].sort(compareNsName), allocationProblems, podIndex };
}

/**
 * The admitted Service with its selected pods, field by field (every Service built by the same
 * literal shares one hidden class; the optional fields come last, only when set).
 */
function withSelectedPods(a: AdmittedService, selectedPods: SimPod[]): SimService {
  const s = {
    namespace: a.namespace,
    name: a.name,
    obj: a.obj,
    type: a.type,
    clusterIP: a.clusterIP,
    clusterIPs: a.clusterIPs,
    headless: a.headless,
    selector: a.selector,
    ports: a.ports,
    externalIPs: a.externalIPs,
    loadBalancerIPs: a.loadBalancerIPs,
    loadBalancerSourceRanges: a.loadBalancerSourceRanges,
    sessionAffinity: a.sessionAffinity,
    publishNotReadyAddresses: a.publishNotReadyAddresses,
    labels: a.labels,
    selectedPods,
    apiUid: a.apiUid,
    apiIPFamilies: a.apiIPFamilies,
    defaulted: a.defaulted,
  } as Omit<SimService, 'api'> as SimService;
  if (a.externalName !== undefined) s.externalName = a.externalName;
  if (a.externalTrafficPolicy !== undefined) s.externalTrafficPolicy = a.externalTrafficPolicy;
  if (a.internalTrafficPolicy !== undefined) s.internalTrafficPolicy = a.internalTrafficPolicy;
  if (a.affinityTimeoutSeconds !== undefined) s.affinityTimeoutSeconds = a.affinityTimeoutSeconds;
  if (a.healthCheckNodePort !== undefined) s.healthCheckNodePort = a.healthCheckNodePort;
  return s;
}
