/**
 * The places objects live in: the namespaces that exist (with the labels NetworkPolicy and the
 * Gateway API select them by) and the nodes pods are scheduled onto.
 */
import { at, byString, strMap } from '../../k8s/json';
import type { ClusterSettings, SimNamespace, SimNode } from '../model';
import { buildNodes, readNodeObject, type NodeInput } from '../schedule';
import { guarded } from './guarded';
import type { SortedInput } from './sort-input';

const BASE_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The label the API server sets on every Namespace: its name (SetDefaults_Namespace). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface Namespaces {
  /** Sorted. */
  names: string[];
  byName: ReadonlyMap<string, SimNamespace>;
}

/**
 * Every namespace with its labels: the built-in ones, Namespace objects, and every namespace an
 * object is in. Labels are a Namespace object's own and the name label that the API server's
 * defaulting writes on create (replacing whatever value the object gave it); namespaces the
 * input uses without declaring them exist as if created bare, with only that label.
 */
export function readNamespaces(input: SortedInput): Namespaces {
  const nameSet = new Set<string>(BASE_NAMESPACES);
  for (const o of input.namespaces) nameSet.add(o.name);
  for (const o of input.all) if (o.namespace) nameSet.add(o.namespace);
  const names = [...nameSet].sort(byString);
  const objectByName = new Map(input.namespaces.map((o) => [o.name, o] as const));
  const byName = new Map<string, SimNamespace>();
  for (const name of names) {
    const obj = objectByName.get(name);
    const labels: Record<string, string> = { ...((obj && guarded(strMap, at(obj.raw, 'metadata', 'labels'))) ?? {}) };
    labels[NAMESPACE_NAME_LABEL] = name;
    byName.set(name, obj ? { name, labels, obj } : { name, labels });
  }
  return { names, byName };
}

/**
 * The nodes of the settings, then Node objects of the input, then nodes that only a Pod names: a
 * Pod observed on a node (spec.nodeName, e.g. from `kubectl get pods -o yaml`) proves the node
 * exists, even when neither the settings nor a Node object name it.
 */
export function readNodes(input: SortedInput, settings: ClusterSettings): SimNode[] {
  const nodeInputs: NodeInput[] = [];
  for (const o of input.nodes) {
    const n = guarded(readNodeObject, o.raw, o.name);
    if (n) nodeInputs.push({ ...n, obj: o });
  }
  const knownNodes = new Set([...settings.nodes.map((n) => n.name), ...nodeInputs.map((n) => n.name)]);
  for (const o of input.pods) {
    const nodeName = guarded(at, o.raw, 'spec', 'nodeName');
    if (typeof nodeName === 'string' && nodeName !== '' && !knownNodes.has(nodeName)) {
      knownNodes.add(nodeName);
      nodeInputs.push({ name: nodeName });
    }
  }
  return buildNodes(settings, nodeInputs);
}

