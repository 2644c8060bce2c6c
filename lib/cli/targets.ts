/** Resolving the objects named on the command line (POD, NODE) in the simulated cluster. */
import type { Cluster, SimPod } from '../cluster/model';
import { CliError } from './io';

/** Names shown in "not found" hints: enough to spot a typo, never a wall of text. */
function someNames(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}, … (${names.length} in all)` : shown;
}

/**
 * POD is `name` or `namespace/name`; a workload name (Deployment `kubia`) stands for its first pod.
 * `namespace` is the `-n` namespace used when POD does not name one.
 */
export function resolvePod(cluster: Cluster, ref: string, namespace: string, flag = 'POD'): SimPod {
  const slash = ref.indexOf('/');
  const ns = slash >= 0 ? ref.slice(0, slash) : namespace;
  const name = slash >= 0 ? ref.slice(slash + 1) : ref;
  if (name === '' || ns === '') throw new CliError(`${flag} "${ref}" is not a pod name`, 'give name or namespace/name');
  const pod = cluster.pod(ns, name);
  if (pod) return pod;
  const workloads = cluster.workloads.filter((w) => w.namespace === ns && w.name === name);
  for (const w of workloads) {
    if (w.pods.length > 0) return w.pods[0]!;
  }
  if (workloads.length > 0) {
    const w = workloads[0]!;
    throw new CliError(`${w.kind} ${ns}/${name} has no pods (replicas: ${w.replicas})`, 'give a pod, or a workload with at least one replica');
  }
  const inNs = cluster.pods.filter((p) => p.namespace === ns).map((p) => p.name);
  throw new CliError(`pod "${name}" not found in namespace ${ns}`, `pods there: ${someNames(inNs)} (a workload name or namespace/name works too)`);
}

export function resolveNode(cluster: Cluster, name: string): string {
  if (cluster.nodes.some((n) => n.name === name)) return name;
  throw new CliError(`node "${name}" not found`, `nodes: ${someNames(cluster.nodes.map((n) => n.name))} (set them with --cluster FILE)`);
}

export function serviceNotFound(cluster: Cluster, name: string, ns: string): CliError {
  const inNs = cluster.services.filter((s) => s.namespace === ns).map((s) => s.name);
  return new CliError(`service "${name}" not found in namespace ${ns}`, `services there: ${someNames(inNs)} (use -n NAMESPACE for another namespace)`);
}
