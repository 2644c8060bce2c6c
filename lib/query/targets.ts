/**
 * Resolving the objects a question names (a pod, a node, a Service) in the simulated cluster. A name
 * that is not there is a QueryError that lists a few names that are, so a typo is easy to spot.
 */
import type { Cluster, SimPod } from '../cluster/model';
import { QueryError } from '../errors';

/** Names shown in "not found" hints: enough to spot a typo, never a wall of text. */
function someNames(names: string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown}, … (${names.length} in all)` : shown;
}

/** `name` (in `namespace`) or `namespace/name`. */
export function splitRef(ref: string, namespace: string): { namespace: string; name: string } {
  const slash = ref.indexOf('/');
  return slash >= 0 ? { namespace: ref.slice(0, slash), name: ref.slice(slash + 1) } : { namespace, name: ref };
}

/**
 * POD is `name` or `namespace/name`; a workload name (Deployment `kubia`) stands for its first pod.
 * `namespace` is the namespace used when POD does not name one; `argument` is how the question
 * called it (`POD`, `--from`), for the error.
 */
export function resolvePod(cluster: Cluster, ref: string, namespace: string, argument = 'POD'): SimPod {
  const { namespace: ns, name } = splitRef(ref, namespace);
  if (name === '' || ns === '') throw new QueryError(`${argument} "${ref}" is not a pod name`, 'give name or namespace/name');
  const pod = cluster.pod(ns, name);
  if (pod) return pod;
  const workloads = cluster.workloads.filter((w) => w.namespace === ns && w.name === name);
  for (const w of workloads) {
    if (w.pods.length > 0) return w.pods[0]!;
  }
  if (workloads.length > 0) {
    const w = workloads[0]!;
    throw new QueryError(`${w.kind} ${ns}/${name} has no pods (replicas: ${w.replicas})`, 'give a pod, or a workload with at least one replica');
  }
  const inNs = cluster.pods.filter((p) => p.namespace === ns).map((p) => p.name);
  throw new QueryError(`pod "${name}" not found in namespace ${ns}`, `pods there: ${someNames(inNs)} (a workload name or namespace/name works too)`);
}

export function resolveNode(cluster: Cluster, name: string): string {
  if (cluster.nodes.some((n) => n.name === name)) return name;
  throw new QueryError(`node "${name}" not found`, `nodes: ${someNames(cluster.nodes.map((n) => n.name))} (set them with --cluster FILE)`);
}

export function serviceNotFound(cluster: Cluster, name: string, ns: string): QueryError {
  const inNs = cluster.services.filter((s) => s.namespace === ns).map((s) => s.name);
  return new QueryError(`service "${name}" not found in namespace ${ns}`, `services there: ${someNames(inNs)} (use -n NAMESPACE for another namespace)`);
}
