/**
 * ingress-path-conflict: two Ingresses served by the same controller claim the same host, path and
 * pathType. Controllers merge Ingresses into one routing table and keep only one of the two routes
 * (which one is controller-specific: oldest first in ingress-nginx), so the other never gets traffic.
 */
import { byString } from '../../k8s/json';
import { objectLabel } from '../support/describe';
import { ingressRoutes } from '../support/ingress-backends';
import type { Rule, RuleHit } from '../rule';

export const ingressPathConflict: Rule = {
  id: 'ingress-path-conflict',
  severity: 'warning',
  title: 'The same host, path and pathType in two Ingresses of one class',
  explanation:
    'An ingress controller merges every Ingress of its class, across namespaces, into one routing table. When two ' +
    'Ingresses route the same host, path and pathType, only one route can win; which one is up to the controller ' +
    '(ingress-nginx keeps the oldest Ingress), so requests may reach a different Service than the Ingress you are ' +
    'reading says, and the result can change when the objects are re-created. Merge the routes into one Ingress, or ' +
    'give them different hosts or paths.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    const ingresses = cluster.ingresses.filter((i) => i.served).sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name));
    const first = new Map<string, string>();
    for (const ing of ingresses) {
      const cls = ing.className ?? '';
      const own = new Set<string>();
      for (const r of ingressRoutes(ing)) {
        if (r.path === undefined) continue;
        const key = `${cls}\u0000${r.host}\u0000${r.path}\u0000${r.pathType}`;
        if (own.has(key)) continue;
        own.add(key);
        const holder = first.get(key);
        if (holder === undefined) {
          first.set(key, objectLabel(ing.obj));
          continue;
        }
        const classText = cls ? `class ${cls}` : 'the same controller';
        hits.push({
          object: ing.obj,
          field: r.backend.field.replace(/\.backend$/, '.path'),
          message:
            `${objectLabel(ing.obj)} routes ${r.route} like ${holder} (${classText}); the controller keeps only one of the two routes, ` +
            `so one of the backends never gets these requests — merge the routes into one Ingress or change the host or path`,
        });
      }
    }
    return hits;
  },
};
