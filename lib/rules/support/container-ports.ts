/**
 * What the selected containers of a Service declare, summarised once per Service port for the two
 * targetPort rules: which pods resolve the target, and which ports exist instead (for hints).
 */
import type { Protocol, SimPod } from '../../cluster/model';
import { byString } from '../../k8s/json';

export interface DeclaredPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  container: string;
}

/** Whether any container of the pod declares this number with this protocol (any name). */
export function declaresNumber(pod: SimPod, port: number, protocol: Protocol): boolean {
  for (const c of pod.containers) for (const p of c.ports) if (p.containerPort === port && p.protocol === protocol) return true;
  return false;
}

/** Whether any container of the pod declares a port at all. */
export function declaresAnyPort(pod: SimPod): boolean {
  for (const c of pod.containers) if (c.ports.length > 0) return true;
  return false;
}

/** Every distinct declared port of the pods, sorted by name, number, protocol, container. */
export function declaredPorts(pods: readonly SimPod[]): DeclaredPort[] {
  const seen = new Map<string, DeclaredPort>();
  for (const pod of pods) {
    for (const c of pod.containers) {
      for (const p of c.ports) {
        const key = `${p.name ?? ''}/${p.containerPort}/${p.protocol}/${c.name}`;
        if (!seen.has(key)) seen.set(key, { name: p.name, containerPort: p.containerPort, protocol: p.protocol, container: c.name });
      }
    }
  }
  return [...seen.values()].sort(
    (a, b) => byString(a.name ?? '', b.name ?? '') || a.containerPort - b.containerPort || byString(a.protocol, b.protocol) || byString(a.container, b.container),
  );
}

/** `http (8080/TCP)` or `8080/TCP`. */
export function declaredPortLabel(p: DeclaredPort): string {
  return p.name ? `${p.name} (${p.containerPort}/${p.protocol})` : `${p.containerPort}/${p.protocol}`;
}

/** Distinct labels in order (several containers may declare the same port). */
export function distinctLabels(ports: readonly DeclaredPort[]): string[] {
  const out: string[] = [];
  for (const p of ports) {
    const l = declaredPortLabel(p);
    if (!out.includes(l)) out.push(l);
  }
  return out;
}
