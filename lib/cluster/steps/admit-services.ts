/**
 * Admission of Services, as the API server does it on create: the built-in `kubernetes` and
 * `kube-dns` Services first (they exist before anything is applied, unless the input declares its
 * own), then the input's in order; each defaulted, then cluster IPs and node ports allocated.
 * Allocation failures are returned as typed problems (the rules that own them word them).
 */
import { allocate, type AllocationRequest } from '../allocate';
import { kubeDnsServiceRaw, kubernetesServiceRaw } from '../builtin';
import type { AllocationProblem, ClusterSettings } from '../model';
import { readService, type AdmittedService, type ReadService } from '../services';
import { guarded } from './guarded';
import type { SortedInput } from './sort-input';

export interface Admission {
  /** In creation order: built-ins, then the input's. */
  admitted: ReadService[];
  allocationProblems: AllocationProblem<AdmittedService>[];
  /** Whether the built-in `default/kubernetes` Service exists (the input does not declare one). */
  builtinKubernetes: boolean;
}

export function admitServices(input: SortedInput, settings: ClusterSettings): Admission {
  const declared = new Set<string>();
  for (const o of input.services) if (o.name === 'kubernetes' || o.name === 'kube-dns') declared.add(`${o.namespace}/${o.name}`);
  const admitted: ReadService[] = [];
  const builtinKubernetes = !declared.has('default/kubernetes');
  if (builtinKubernetes) admitted.push(readService(kubernetesServiceRaw(settings), 'default', 'kubernetes', undefined, settings));
  if (!declared.has('kube-system/kube-dns')) admitted.push(readService(kubeDnsServiceRaw(settings), 'kube-system', 'kube-dns', undefined, settings));
  for (const o of input.services) {
    const r = guarded(readService, o.raw, o.namespace, o.name, o, settings);
    if (r) admitted.push(r);
  }
  const allocationProblems = allocate(
    admitted.map((r): AllocationRequest => r.request),
    settings,
  );
  return { admitted, allocationProblems, builtinKubernetes };
}
