/**
 * The Docker-links-style service variables the kubelet injects into a container
 * (kubelet getServiceEnvVarMap + makeEnvironmentVariables, envvars.FromServices).
 *
 * Order. The kubelet collects the services into a map keyed by service name and appends the
 * resulting variables from another map, so on a real node the order changes from one container
 * start to the next; only the set is defined. We fix one order: services by name (byte order),
 * and within a service the order FromServices produces (`_SERVICE_HOST`, `_SERVICE_PORT`, named
 * `_SERVICE_PORT_<NAME>`, `_PORT`, then per port `_PORT_<p>_<PROTO>`, `_PROTO`, `_PORT`, `_ADDR`).
 */
import type { Cluster, SimPod, SimService } from '../cluster/model';
import { byString } from '../k8s/json';
import { joinHostPort } from '../k8s/ip';

export interface EnvVar {
  name: string;
  value: string;
}

/** Services that get variables (IsServiceIPSet): an allocated cluster IP, not headless, not ExternalName. */
export function hasServiceIP(service: SimService): boolean {
  return service.clusterIP !== '' && service.clusterIP !== 'None';
}

/** `foo-bar` → `FOO_BAR` (makeEnvVariableName). */
function envName(name: string): string {
  return name.toUpperCase().split('-').join('_');
}

/** The variables one Service contributes, in FromServices order; none without a cluster IP. */
export function serviceVariables(service: SimService): EnvVar[] {
  if (!hasServiceIP(service) || service.ports.length === 0) return [];
  const prefix = envName(service.name);
  const host = service.clusterIP;
  const first = service.ports[0];
  const url = (protocol: string, port: number): string => `${protocol.toLowerCase()}://${joinHostPort(host, port)}`;
  const out: EnvVar[] = [
    { name: `${prefix}_SERVICE_HOST`, value: host },
    { name: `${prefix}_SERVICE_PORT`, value: String(first.port) },
  ];
  for (const p of service.ports) {
    if (p.name !== '') out.push({ name: `${prefix}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
  }
  out.push({ name: `${prefix}_PORT`, value: url(first.protocol || 'TCP', first.port) });
  for (const p of service.ports) {
    const protocol = (p.protocol || 'TCP').toUpperCase();
    const base = `${prefix}_PORT_${p.port}_${protocol}`;
    out.push(
      { name: base, value: url(protocol, p.port) },
      { name: `${base}_PROTO`, value: protocol.toLowerCase() },
      { name: `${base}_PORT`, value: String(p.port) },
      { name: `${base}_ADDR`, value: host },
    );
  }
  return out;
}

/** Names of the variables a Service provides (for env-reference-unresolved); `[]` without a cluster IP. */
export function serviceVariableNames(service: SimService): string[] {
  return serviceVariables(service).map((v) => v.name);
}

/**
 * Services whose variables a pod gets, in our fixed order (by name). `kubernetes` from `default`
 * always; the pod's own namespace only with enableServiceLinks. A Service of the pod's namespace
 * that is itself called `kubernetes` replaces default/kubernetes (the kubelet's map is keyed by name
 * and a same-namespace entry overwrites, while the master entry is only added when absent).
 */
export function servicesForPod(cluster: Cluster, pod: SimPod): SimService[] {
  const byName = new Map<string, SimService>();
  for (const svc of cluster.services) {
    if (!hasServiceIP(svc)) continue;
    if (svc.namespace === 'default' && svc.name === 'kubernetes') {
      if (!byName.has(svc.name)) byName.set(svc.name, svc);
    } else if (svc.namespace === pod.namespace && pod.enableServiceLinks) {
      byName.set(svc.name, svc);
    }
  }
  return [...byName.keys()].sort(byString).map((k) => byName.get(k)!);
}

/**
 * The service variables the kubelet adds to a container, without those the container defines
 * itself in `env` (container env wins). `containerName` defaults to the first container; an unknown
 * name yields `[]` (callers report it). Names that would come from `envFrom` cannot be known
 * offline and are not removed.
 */
export function serviceEnv(cluster: Cluster, pod: SimPod, containerName?: string): EnvVar[] {
  const container = containerName === undefined ? pod.containers.find((c) => !c.sidecar) ?? pod.containers[0] : pod.containers.find((c) => c.name === containerName);
  if (containerName !== undefined && !container) return [];
  const own = new Set((container?.env ?? []).map((e) => e.name));
  const out: EnvVar[] = [];
  const seen = new Set<string>();
  for (const svc of servicesForPod(cluster, pod)) {
    for (const v of serviceVariables(svc)) {
      if (own.has(v.name) || seen.has(v.name)) continue;
      seen.add(v.name);
      out.push(v);
    }
  }
  return out;
}
