/**
 * ingress-backend-missing-service: an Ingress route to a Service that does not exist in the
 * Ingress's namespace. The controller answers such routes with 503 (or 404), whatever the pods do.
 */
import { listSome, objectLabel } from '../support/describe';
import { ingressRoutes, serviceNameField } from '../support/ingress-backends';
import { ServiceNames } from '../support/lookups';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const ingressBackendMissingService: Rule = {
  id: 'ingress-backend-missing-service',
  severity: 'error',
  title: 'Ingress backend naming no Service',
  explanation:
    'Every backend of an Ingress (each path of each rule, and `defaultBackend`) names a Service in the Ingress\'s own ' +
    'namespace; an Ingress cannot route to a Service of another namespace. When the named Service does not exist, the ' +
    'ingress controller has no upstream for that route and answers with an error (ingress-nginx returns 503) while the ' +
    'rest of the Ingress keeps working, which makes the mistake easy to miss. Fix the Service name (the finding suggests ' +
    'the closest existing one), create the Service, or move the Ingress into the Service\'s namespace.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    let names: ServiceNames | undefined;
    for (const ing of cluster.ingresses) {
      for (const r of ingressRoutes(ing)) {
        const name = r.backend.serviceName;
        if (name === undefined || cluster.service(ing.namespace, name)) continue;
        names ??= new ServiceNames(cluster);
        const hints: string[] = [];
        const near = closest(name, names.inNamespace(ing.namespace));
        if (near !== undefined) hints.push(`did you mean Service ${near}?`);
        const elsewhere = names.otherNamespacesWith(ing.namespace, name);
        if (elsewhere.length > 0) hints.push(`Service ${name} exists in namespace ${listSome(elsewhere, 3)}, but an Ingress only routes to Services in its own namespace (${ing.namespace})`);
        if (hints.length === 0) hints.push(`create the Service or fix the name`);
        hits.push({
          object: ing.obj,
          field: serviceNameField(ing, r.backend),
          message: `${objectLabel(ing.obj)} routes ${r.route} to Service ${name}, which does not exist in namespace ${ing.namespace}, so the controller cannot serve that route; ${hints.join('; ')}`,
        });
      }
    }
    return hits;
  },
};
