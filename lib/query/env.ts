/** `env POD`: the service-link environment variables the kubelet injects into one container. */
import type { Cluster, SimPod } from '../cluster/model';
import { serviceEnv, type EnvVar } from '../views/env';
import { QueryError } from '../errors';
import { resolvePod } from './targets';

export interface EnvQuery {
  /** `name` or `namespace/name`, or a workload name (its first pod). */
  pod: string;
  /** The container (default: the first regular one). */
  container?: string;
  /** Namespace of `pod` when it names none (default `default`). */
  namespace?: string;
}

export interface EnvAnswer {
  pod: SimPod;
  /** In the order the kubelet writes them. */
  variables: EnvVar[];
}

export function queryEnv(cluster: Cluster, query: EnvQuery): EnvAnswer {
  const pod = resolvePod(cluster, query.pod, query.namespace ?? 'default');
  // The view answers [] for a container the pod does not have; a question naming one is a mistake.
  if (query.container !== undefined && !pod.containers.some((c) => c.name === query.container)) {
    throw new QueryError(`container "${query.container}" not found in pod ${pod.namespace}/${pod.name}`, `containers: ${pod.containers.map((c) => c.name).join(', ') || 'none'}`);
  }
  return { pod, variables: serviceEnv(cluster, pod, query.container) };
}
