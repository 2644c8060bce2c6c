/**
 * The Prometheus Operator's ServiceMonitor and PodMonitor (monitoring.coreos.com/v1), read into
 * what they select: the operator turns each into a Prometheus scrape job over Kubernetes service
 * discovery, keeping only the targets that match.
 *
 * - Namespaces: `spec.namespaceSelector.any: true` watches every namespace, `matchNames` the ones
 *   named; without either, the monitor's own namespace.
 * - A ServiceMonitor selects Services by their own labels (`spec.selector`, a LabelSelector; empty
 *   selects all) and scrapes, per `spec.endpoints[]`, the Endpoints port named `port` (Endpoints
 *   ports carry the Service port's name, so an unnamed Service port never matches), or with
 *   `targetPort` the container port of that number or name.
 * - A PodMonitor selects pods by their labels and scrapes, per `spec.podMetricsEndpoints[]`, the
 *   container port named `port` (or numbered `portNumber`; the deprecated `targetPort` either way).
 *
 * Malformed parts are skipped; nothing here throws on user data.
 */
import { arr, at, byString, int, isObject, str } from '../k8s/json';
import { matchesLabelSelector, readLabelSelector, type LabelSelector } from '../k8s/label-selector';
import type { ManifestObject } from '../load/types';
import type { SimPod, SimService } from './model';

export const MONITORING_API_VERSION = 'monitoring.coreos.com/v1';

export interface SimMonitorEndpoint {
  /** Field path of the endpoint (`spec.endpoints[0]`). */
  field: string;
  /** A Service port name (ServiceMonitor) or container port name (PodMonitor). */
  port?: string;
  /** PodMonitor `portNumber`: a container port number. */
  portNumber?: number;
  /** The deprecated `targetPort`: a container port number or name. */
  targetPort?: number | string;
}

interface MonitorBase {
  namespace: string;
  name: string;
  obj: ManifestObject;
  selector: LabelSelector;
  /** The namespaces it watches, sorted; undefined for every namespace (`any: true`). */
  namespaces?: string[];
  endpoints: SimMonitorEndpoint[];
}

export interface SimServiceMonitor extends MonitorBase {
  /** Services in the watched namespaces whose labels match the selector, by namespace and name. */
  selectedServices: SimService[];
}

export interface SimPodMonitor extends MonitorBase {
  /** Pods in the watched namespaces whose labels match the selector, by namespace and name. */
  selectedPods: SimPod[];
}

export function isServiceMonitor(o: ManifestObject): boolean {
  return o.kind === 'ServiceMonitor' && o.apiVersion === MONITORING_API_VERSION;
}

export function isPodMonitor(o: ManifestObject): boolean {
  return o.kind === 'PodMonitor' && o.apiVersion === MONITORING_API_VERSION;
}

function watchedNamespaces(o: ManifestObject): string[] | undefined {
  const ns = at(o.raw, 'spec', 'namespaceSelector');
  if (isObject(ns) && ns.any === true) return undefined;
  const names = arr(isObject(ns) ? ns.matchNames : undefined).filter((n): n is string => typeof n === 'string' && n !== '');
  return names.length > 0 ? [...new Set(names)].sort(byString) : [o.namespace];
}

function readEndpoints(o: ManifestObject, listField: 'endpoints' | 'podMetricsEndpoints'): SimMonitorEndpoint[] {
  const out: SimMonitorEndpoint[] = [];
  arr(at(o.raw, 'spec', listField)).forEach((e, i) => {
    if (!isObject(e)) return;
    const endpoint: SimMonitorEndpoint = { field: `spec.${listField}[${i}]` };
    const port = str(e.port);
    if (port) endpoint.port = port;
    const portNumber = int(e.portNumber);
    if (portNumber !== undefined) endpoint.portNumber = portNumber;
    const targetPort = typeof e.targetPort === 'string' && e.targetPort !== '' ? e.targetPort : int(e.targetPort);
    if (targetPort !== undefined) endpoint.targetPort = targetPort;
    out.push(endpoint);
  });
  return out;
}

function inNamespaces(namespace: string, namespaces: string[] | undefined): boolean {
  return namespaces === undefined || namespaces.includes(namespace);
}

function compareNsName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return byString(a.namespace, b.namespace) || byString(a.name, b.name);
}

/** `services` sorted by namespace and name (the model's order). */
export function readServiceMonitor(o: ManifestObject, services: readonly SimService[]): SimServiceMonitor {
  const selector = readLabelSelector(at(o.raw, 'spec', 'selector'));
  const namespaces = watchedNamespaces(o);
  const selectedServices = services.filter((s) => inNamespaces(s.namespace, namespaces) && matchesLabelSelector(s.labels, selector));
  const monitor: SimServiceMonitor = { namespace: o.namespace, name: o.name, obj: o, selector, endpoints: readEndpoints(o, 'endpoints'), selectedServices };
  if (namespaces) monitor.namespaces = namespaces;
  return monitor;
}

/** `podsOf(namespace)`: the pods of a namespace; `allPods` for `any: true`. */
export function readPodMonitor(o: ManifestObject, podsOf: (namespace: string) => readonly SimPod[], allPods: readonly SimPod[]): SimPodMonitor {
  const selector = readLabelSelector(at(o.raw, 'spec', 'selector'));
  const namespaces = watchedNamespaces(o);
  const candidates = namespaces ? namespaces.flatMap((ns) => podsOf(ns)) : allPods;
  const selectedPods = candidates.filter((p) => matchesLabelSelector(p.labels, selector)).sort(compareNsName);
  const monitor: SimPodMonitor = { namespace: o.namespace, name: o.name, obj: o, selector, endpoints: readEndpoints(o, 'podMetricsEndpoints'), selectedPods };
  if (namespaces) monitor.namespaces = namespaces;
  return monitor;
}
