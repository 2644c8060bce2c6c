/**
 * First step of the build: the loaded objects by the role the model gives them (kinds.ts), with
 * repeated declarations recorded. Of duplicates (same kind, namespace, name) the later one is kept,
 * in the place of the first: `kubectl apply` creates the object from the first document and the
 * second replaces its content (a create-then-update, so it keeps the first one's creation order).
 */
import type { ManifestObject } from '../../load/types';
import { modelledRole, type ModelledRole } from '../kinds';
import type { DuplicateObject } from '../model';

export interface SortedInput {
  /** Every loaded object, in input order (Gateway API objects are read from here). */
  all: readonly ManifestObject[];
  /** Every loaded object by kind, each list in input order (duplicates included). */
  byKind: Map<string, ManifestObject[]>;
  /** Later declarations of a modelled object, each with the first one. */
  duplicates: DuplicateObject[];
  services: ManifestObject[];
  endpoints: ManifestObject[];
  slices: ManifestObject[];
  pods: ManifestObject[];
  nodes: ManifestObject[];
  namespaces: ManifestObject[];
  workloads: ManifestObject[];
  ingresses: ManifestObject[];
  ingressClasses: ManifestObject[];
  networkPolicies: ManifestObject[];
  serviceMonitors: ManifestObject[];
  podMonitors: ManifestObject[];
}

export function sortInput(objects: readonly ManifestObject[]): SortedInput {
  const s: SortedInput = { all: objects, byKind: new Map(), duplicates: [], services: [], endpoints: [], slices: [], pods: [], nodes: [], namespaces: [], workloads: [], ingresses: [], ingressClasses: [], networkPolicies: [], serviceMonitors: [], podMonitors: [] };
  // Seen (kind, namespace, name) triples of modelled objects in nested maps (no key string built per
  // object), each with the first declaration and the list and index where the kept object went.
  const seen = new Map<string, Map<string, Map<string, { first: ManifestObject; list?: ManifestObject[]; index: number }>>>();
  for (const o of objects) {
    const ofKind = s.byKind.get(o.kind);
    if (ofKind) ofKind.push(o);
    else s.byKind.set(o.kind, [o]);
    const role = modelledRole(o);
    if (role === undefined) continue;
    let byNamespace = seen.get(o.kind);
    if (!byNamespace) seen.set(o.kind, (byNamespace = new Map()));
    let names = byNamespace.get(o.namespace);
    if (!names) byNamespace.set(o.namespace, (names = new Map()));
    const list = listFor(s, role);
    const earlier = names.get(o.name);
    if (earlier) {
      s.duplicates.push({ object: o, first: earlier.first });
      // Same kind and role decide the list, so the later object takes the earlier one's place.
      if (list !== undefined && earlier.list === list) list[earlier.index] = o;
      continue;
    }
    names.set(o.name, { first: o, list, index: list?.length ?? 0 });
    list?.push(o);
  }
  return s;
}

/** The input list objects of a role go to; undefined for kinds whose own step reads the whole input (gateway-api/build.ts). */
function listFor(s: SortedInput, role: ModelledRole): ManifestObject[] | undefined {
  switch (role) {
    case 'service': return s.services;
    case 'endpoints': return s.endpoints;
    case 'endpointSlice': return s.slices;
    case 'pod': return s.pods;
    case 'node': return s.nodes;
    case 'namespace': return s.namespaces;
    case 'workload': return s.workloads;
    case 'ingress': return s.ingresses;
    case 'ingressClass': return s.ingressClasses;
    case 'networkPolicy': return s.networkPolicies;
    case 'serviceMonitor': return s.serviceMonitors;
    case 'podMonitor': return s.podMonitors;
    case 'gatewayApi': return undefined;
  }
}
