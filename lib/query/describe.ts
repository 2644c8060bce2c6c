/**
 * `describe service NAME`: the Service as the API server holds it, with what kubectl describe reads
 * beside it — the EndpointSlices labelled with its name, or, on clusters whose kubectl predates
 * EndpointSlices, the Endpoints object.
 */
import type { Cluster, KubernetesVersion, SimEndpoints, SimEndpointSlice, SimService } from '../cluster/model';
import { versionAtLeast } from '../k8s/version';
import { QueryError } from '../errors';
import { serviceNotFound } from './targets';

const SERVICE_KINDS = new Set(['service', 'services', 'svc']);

export interface DescribeQuery {
  /** `service`, `services` or `svc`: only Services can be described. */
  kind: string;
  name: string;
  namespace: string;
}

export interface DescribeAnswer {
  service: SimService;
  slices: readonly SimEndpointSlice[];
  /** The cluster's version: the fields kubectl prints depend on its era. */
  version: KubernetesVersion;
  /** Set when kubectl of the cluster's version reads the Endpoints object instead of the slices. */
  legacyEndpoints?: SimEndpoints;
}

/** Throws unless KIND names Services; asked before the inputs are read, so a wrong kind is reported first. */
export function checkDescribable(kind: string): void {
  if (!SERVICE_KINDS.has(kind.toLowerCase())) throw new QueryError(`cannot describe "${kind}"`, 'only services can be described: lineup describe service NAME');
}

export function queryDescribe(cluster: Cluster, query: DescribeQuery): DescribeAnswer {
  checkDescribable(query.kind);
  const { name, namespace } = query;
  const service = cluster.service(namespace, name);
  if (!service) throw serviceNotFound(cluster, name, namespace);
  const version = cluster.settings.kubernetesVersion;
  const slices = cluster.slicesOf(namespace, name);
  // kubectl read Endpoints before EndpointSlices existed (GA in 1.21); clusters that old may have no slices.
  const ep = cluster.endpointsOf(namespace, name);
  return !versionAtLeast(version, 1, 21) && ep !== undefined ? { service, slices, version, legacyEndpoints: ep } : { service, slices, version };
}
