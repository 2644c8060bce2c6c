/**
 * endpoints-without-service: manual Endpoints or EndpointSlices that no Service uses. They do
 * nothing at all; usually the Service is misnamed, in another namespace, or the slice lacks its label.
 */
import { obj, str } from '../../k8s/json';
import { listSome, objectLabel } from '../support/describe';
import { isEndpointSliceObject, isEndpointsObject, SERVICE_NAME_LABEL, sliceServiceName } from '../support/endpoint-objects';
import { ServiceNames } from '../support/lookups';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

/** Endpoints used as leader-election locks (pre-Lease clients) are not service backends. */
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export const endpointsWithoutService: Rule = {
  id: 'endpoints-without-service',
  severity: 'warning',
  title: 'Endpoints or EndpointSlice naming no Service',
  explanation:
    'Manual Endpoints belong to the Service with exactly the same name in the same namespace, and an EndpointSlice to ' +
    'the Service named by its `kubernetes.io/service-name` label. An Endpoints object without such a Service, or a slice ' +
    'whose label is missing or names no Service, is ignored by kube-proxy and CoreDNS: the addresses in it receive no ' +
    'traffic, and the Service it was meant for (if any) has no endpoints. Rename the object (or fix the label) to match ' +
    'the Service, create the missing selector-less Service, or delete the leftover object.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    let names: ServiceNames | undefined;
    const near = (ns: string, name: string): string => {
      names ??= new ServiceNames(cluster);
      const hints: string[] = [];
      const n = closest(name, names.inNamespace(ns));
      if (n !== undefined) hints.push(`did you mean Service ${n}?`);
      const elsewhere = names.otherNamespacesWith(ns, name);
      if (elsewhere.length > 0) hints.push(`Service ${name} exists in namespace ${listSome(elsewhere, 3)}, but endpoints only back a Service of their own namespace (${ns})`);
      return hints.length > 0 ? `; ${hints.join('; ')}` : '';
    };
    for (const o of cluster.objectsOfKind('Endpoints')) {
      if (!isEndpointsObject(o) || cluster.service(o.namespace, o.name)) continue;
      if (str(obj(obj(o.raw.metadata)?.annotations)?.[LEADER_ANNOTATION]) !== undefined) continue;
      hits.push({
        object: o,
        field: 'metadata.name',
        message:
          `${objectLabel(o)} names no Service: there is no Service ${o.name} in namespace ${o.namespace}, so these addresses receive no traffic` +
          `${near(o.namespace, o.name)}; Endpoints must have exactly the name of the selector-less Service they back`,
      });
    }
    for (const o of cluster.objectsOfKind('EndpointSlice')) {
      if (!isEndpointSliceObject(o)) continue;
      const svcName = sliceServiceName(o);
      if (svcName === undefined) {
        hits.push({
          object: o,
          field: 'metadata.labels',
          message:
            `${objectLabel(o)} has no ${SERVICE_NAME_LABEL} label, so kube-proxy and CoreDNS ignore it; ` +
            `add the label ${SERVICE_NAME_LABEL}: <service name> naming the Service it backs`,
        });
      } else if (!cluster.service(o.namespace, svcName)) {
        hits.push({
          object: o,
          field: `metadata.labels[${SERVICE_NAME_LABEL}]`,
          message:
            `${objectLabel(o)} is labelled ${SERVICE_NAME_LABEL}: ${svcName}, but there is no Service ${svcName} in namespace ${o.namespace}, ` +
            `so these addresses receive no traffic${near(o.namespace, svcName)}`,
        });
      }
    }
    return hits;
  },
};
