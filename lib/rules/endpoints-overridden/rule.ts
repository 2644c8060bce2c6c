/**
 * endpoints-overridden: hand-written Endpoints for a Service that has a selector. The endpoints
 * controller owns Endpoints of selector Services and rewrites them from the selected pods, so the
 * hand-written addresses disappear as soon as the controller syncs.
 */
import { formatSelector } from '../../k8s/labels';
import { objectLabel, serviceLabel } from '../support/describe';
import { isEndpointsObject } from '../support/endpoint-objects';
import type { Rule, RuleHit } from '../rule';

export const endpointsOverridden: Rule = {
  id: 'endpoints-overridden',
  severity: 'warning',
  title: 'Manual Endpoints for a Service that has a selector',
  explanation:
    'Endpoints named like a Service that has a selector are managed by the endpoints controller: it recomputes them ' +
    'from the selected pods and overwrites whatever was applied, so hand-written addresses (an external database, a VM) ' +
    'vanish within seconds and tools that read them see something else than the manifest says. To route to fixed ' +
    'addresses, remove the selector from the Service (a selector-less Service keeps user-managed Endpoints); to route ' +
    'to pods, delete the Endpoints object.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const o of cluster.objectsOfKind('Endpoints')) {
      if (!isEndpointsObject(o)) continue;
      const svc = cluster.service(o.namespace, o.name);
      if (!svc || !svc.selector || svc.type === 'ExternalName') continue;
      hits.push({
        object: o,
        field: 'subsets',
        message:
          `${objectLabel(o)} is overwritten by the endpoints controller because ${serviceLabel(svc)} has a selector (${formatSelector(svc.selector)}); ` +
          `the hand-written addresses are replaced by the selected pods — remove the selector from the Service to keep these endpoints, or delete this object`,
      });
    }
    return hits;
  },
};
