/**
 * How the monitor rules describe a Prometheus Operator monitor: the object, the namespaces it
 * watches, and the ports its targets offer.
 */
import type { SimPod, SimService } from '../../cluster/model';
import type { SimPodMonitor, SimServiceMonitor } from '../../cluster/monitors';
import { byString } from '../../k8s/json';
import { listSome, plural } from './describe';

/** `namespace vllm-example`, `namespaces a, b`, or `any namespace`. */
export function watchedText(m: SimServiceMonitor | SimPodMonitor): string {
  if (!m.namespaces) return 'any namespace';
  return `${plural(m.namespaces.length, 'namespace', 'namespaces')} ${listSome(m.namespaces, 5)}`;
}

export function watches(m: SimServiceMonitor | SimPodMonitor, namespace: string): boolean {
  return !m.namespaces || m.namespaces.includes(namespace);
}

/** `http (8080/TCP)` for a named Service port, `8080/TCP (unnamed)` for an unnamed one. */
export function servicePortsText(svc: SimService): string {
  if (svc.ports.length === 0) return 'no ports';
  return svc.ports.map((p) => (p.name ? `${p.name} (${p.port}/${p.protocol})` : `${p.port}/${p.protocol} (unnamed)`)).join(', ');
}

/** The distinct container ports of some pods: `metrics (9153/TCP)` for named ones, `8080/TCP` for unnamed ones, sorted. */
export function containerPortsText(pods: readonly SimPod[]): string[] {
  const out = new Set<string>();
  for (const pod of pods) for (const c of pod.containers) for (const p of c.ports) out.add(p.name ? `${p.name} (${p.containerPort}/${p.protocol})` : `${p.containerPort}/${p.protocol}`);
  return [...out].sort(byString);
}

/** Whether any container of the pods declares a port with this name (or number). */
export function podsDeclare(pods: readonly SimPod[], port: string | number): boolean {
  for (const pod of pods) for (const c of pod.containers) for (const p of c.ports) if (typeof port === 'number' ? p.containerPort === port : p.name === port) return true;
  return false;
}
