/**
 * Each Service's pods: the pods of its namespace whose labels carry every pair of its selector,
 * whatever their readiness (the controllers judge that). This step makes the model's Services
 * from the admitted ones, and points the allocation problems at them.
 */
import type { AllocationProblem, ClusterSettings, SimPod, SimService } from '../model';
import { compareNsName } from '../cluster-index';
import { PodIndex } from '../index-pods';
import { ServiceObject, ServiceApi, type AdmittedService } from '../services';
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
    const selected = admitted.selector ? podIndex.matching(admitted.namespace, admitted.selector) : NO_PODS;
    serviceOf.set(admitted, new ServiceObject(admitted, selected, new ServiceApi(r.defaulted, settings)));
  }
  const allocationProblems = admission.allocationProblems.map((p): AllocationProblem => {
    const problem: AllocationProblem = { resource: p.resource, reason: p.reason, service: serviceOf.get(p.service)!, field: p.field, message: p.message };
    if (p.holder) problem.holder = serviceOf.get(p.holder)!;
    return problem;
  });
  return { services: [...serviceOf.values()].sort(compareNsName), allocationProblems, podIndex };
}
