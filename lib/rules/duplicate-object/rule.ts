/**
 * duplicate-object: two objects with the same identity. `kubectl apply` applies both and the later
 * one silently wins, so what the author reads in the first is not what runs; the simulation keeps
 * the later one too.
 */
import { isModelled } from '../support/kinds';
import { objectLabel } from '../support/describe';
import type { ManifestObject } from '../../load/types';
import type { Rule, RuleHit } from '../rule';

export const duplicateObject: Rule = {
  id: 'duplicate-object',
  severity: 'error',
  title: 'The same kind, namespace and name twice',
  explanation:
    'Two documents declare the same object (same kind, namespace and name). The API server holds one object per ' +
    'identity: `kubectl apply` applies them in order and the later one replaces the earlier, and `kubectl create` ' +
    'fails on the second. Whatever the first document says (its selector, ports, replicas) is lost, and lineup ' +
    'simulates the later declaration for the same reason. Legacy API groups ' +
    'count as the same resource (`extensions/v1beta1` and `apps/v1` Deployments). Rename one of them or delete the ' +
    'duplicate; a missing `metadata.namespace` puts an object in `default` (or the `-n` namespace), which often causes ' +
    'the clash.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    // kind → namespace → name → first object: nested maps, so no key string is built per object.
    const first = new Map<string, Map<string, Map<string, ManifestObject>>>();
    for (const o of cluster.objects) {
      if (!isModelled(o)) continue;
      let byNamespace = first.get(o.kind);
      if (!byNamespace) first.set(o.kind, (byNamespace = new Map()));
      let byName = byNamespace.get(o.namespace);
      if (!byName) byNamespace.set(o.namespace, (byName = new Map()));
      const earlier = byName.get(o.name);
      if (!earlier) {
        byName.set(o.name, o);
        continue;
      }
      const where = `${earlier.source.file}:${earlier.source.line}`;
      hits.push({
        object: o,
        field: 'metadata.name',
        message: `${objectLabel(o)} is declared twice (first at ${where}); the later declaration replaces the earlier one when applied, and lineup simulates the later one, as a second kubectl apply would — rename one of them or delete the duplicate`,
      });
    }
    return hits;
  },
};
