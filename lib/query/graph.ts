/** `graph`: the topology picture's nodes and edges, with the links that `check`'s findings mark broken. */
import type { Cluster } from '../cluster/model';
import type { Finding } from '../findings';
import { buildGraph, type Graph } from '../views/graph';

/** `findings` are the check's (the same rules), so the broken links are exactly what `check` reports. */
export function queryGraph(cluster: Cluster, findings: Finding[]): Graph {
  return buildGraph(cluster, findings);
}
