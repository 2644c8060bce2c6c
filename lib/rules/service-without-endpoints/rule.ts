/**
 * service-without-endpoints: a selector-less Service is backed only by Endpoints/EndpointSlices the
 * user creates. Without them it has a cluster IP and a DNS name, but every connection is refused.
 */
import type { SimService } from '../../cluster/model';
import { byString, isObject, at } from '../../k8s/json';
import { listSome, serviceLabel } from '../support/describe';
import { manualEndpoints, sliceServiceName, type ManualEndpoints } from '../support/endpoint-objects';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const serviceWithoutEndpoints: Rule = {
  id: 'service-without-endpoints',
  severity: 'error',
  title: 'Selector-less Service without Endpoints or EndpointSlice',
  explanation:
    'A Service without a selector (or with an empty `selector: {}`, which the API server stores as no selector) is ' +
    'ignored by the endpoints controllers: its backends are whatever Endpoints object of exactly the same name, or ' +
    'EndpointSlices labelled `kubernetes.io/service-name: <service>`, the user creates in the same namespace. With ' +
    'neither, the Service still gets a cluster IP and a DNS name, but kube-proxy rejects every connection and headless ' +
    'lookups return nothing. Create the Endpoints (same name and namespace as the Service) or an EndpointSlice with the ' +
    'label; or add a selector if the backends are pods in the cluster; or use `type: ExternalName` for an external DNS name.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    let manual: ManualEndpoints | undefined;
    for (const svc of cluster.services) {
      if (!svc.obj || svc.selector || svc.type === 'ExternalName') continue;
      if (cluster.endpointsOf(svc.namespace, svc.name) || cluster.slicesOf(svc.namespace, svc.name).length > 0) continue;
      manual ??= manualEndpoints(cluster);
      hits.push({ object: svc.obj, field: 'metadata.name', message: describe(svc, manual, cluster.namespaces) });
    }
    return hits;
  },
};

function describe(svc: SimService, manual: ManualEndpoints, namespaces: string[]): string {
  const ns = svc.namespace;
  const emptySelector = isObject(at(svc.obj?.raw, 'spec', 'selector'));
  const head =
    `${serviceLabel(svc)} has no selector${emptySelector ? ' (an empty selector: {} is stored as no selector)' : ''} and no Endpoints or EndpointSlice ` +
    `in namespace ${ns} backs it, so connections to it are refused`;
  const hints: string[] = [];
  const epNames = (manual.endpoints.get(ns) ?? []).map((o) => o.name);
  const nearEp = closest(svc.name, epNames);
  if (nearEp !== undefined) hints.push(`did you mean Endpoints ${nearEp}? Endpoints must have exactly the Service's name (${svc.name})`);
  const sliceNames = (manual.slices.get(ns) ?? []).map((o) => sliceServiceName(o)).filter((n): n is string => n !== undefined);
  const nearSlice = closest(svc.name, sliceNames);
  if (nearSlice !== undefined) hints.push(`an EndpointSlice is labelled kubernetes.io/service-name: ${nearSlice}; did you mean ${svc.name}?`);
  const unlabelled = (manual.slices.get(ns) ?? []).filter((o) => sliceServiceName(o) === undefined).map((o) => o.name);
  if (unlabelled.length > 0) hints.push(`EndpointSlice ${listSome(unlabelled.sort(byString), 3)} lacks the label kubernetes.io/service-name: ${svc.name}`);
  const elsewhere = namespaces.filter((other) => other !== ns && (manual.endpoints.get(other) ?? []).some((o) => o.name === svc.name));
  if (elsewhere.length > 0) hints.push(`Endpoints ${svc.name} exists in namespace ${listSome(elsewhere, 3)}; it must be in the Service's namespace (${ns})`);
  if (hints.length === 0) {
    hints.push(
      `create an Endpoints object named ${svc.name} in namespace ${ns} (or an EndpointSlice labelled kubernetes.io/service-name: ${svc.name}), ` +
        `add a selector for in-cluster pods, or use type ExternalName for an external DNS name`,
    );
  }
  return `${head}; ${hints.join('; ')}`;
}
