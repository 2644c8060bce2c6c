/**
 * statefulset-service-missing: a StatefulSet's `serviceName` is the governing Service that gives
 * its pods stable DNS names (`web-0.nginx.default.svc.cluster.local`). The API server does not
 * check that it exists, and only a headless Service publishes per-pod records. Only those names
 * are affected (the pods run and other Services reach them), so it is a warning.
 */
import { formatSelector } from '../../k8s/labels';
import { objectLabel, serviceLabel } from '../support/describe';
import { ServiceNames } from '../support/lookups';
import { closest } from '../support/near-miss';
import type { SimPod } from '../../cluster/model';
import type { Rule, RuleHit } from '../rule';

function selectsAny(selected: readonly SimPod[], pods: readonly SimPod[]): boolean {
  const names = new Set(selected.map((p) => `${p.namespace}/${p.name}`));
  return pods.some((p) => names.has(`${p.namespace}/${p.name}`));
}

export const statefulSetServiceMissing: Rule = {
  id: 'statefulset-service-missing',
  severity: 'warning',
  title: 'StatefulSet serviceName naming no (headless) Service',
  explanation:
    'A StatefulSet\'s `serviceName` names the governing Service: a headless Service (`clusterIP: None`) in the same ' +
    'namespace whose DNS records give every pod a stable name, `<pod>.<serviceName>.<namespace>.svc.<cluster domain>` ' +
    '(for example `web-0.nginx.default.svc.cluster.local`), which clustered software such as databases uses to find its ' +
    'peers. The API server does not check that the Service exists; without it those names do not resolve, and with a ' +
    'Service that is not headless they do not exist either, because CoreDNS only publishes per-pod records for headless ' +
    'Services. The records are made from the Service\'s endpoints, so a headless Service whose selector matches none of ' +
    'the StatefulSet\'s pods publishes no name for them either. Nothing else depends on it (the pods run, and other ' +
    'Services still reach them), so this is a warning: it matters when the software addresses its peers by those names. ' +
    'Create a headless Service with that name selecting the StatefulSet\'s pods, set `clusterIP: None` on the existing ' +
    'one, or make its selector match the pod template\'s labels.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    let names: ServiceNames | undefined;
    const domain = cluster.settings.clusterDomain;
    for (const w of cluster.workloads) {
      if (w.kind !== 'StatefulSet' || !w.serviceName) continue;
      const ns = w.namespace;
      const podDns = `${w.name}-0.${w.serviceName}.${ns}.svc.${domain}`;
      const svc = cluster.service(ns, w.serviceName);
      if (!svc) {
        names ??= new ServiceNames(cluster);
        const near = closest(w.serviceName, names.inNamespace(ns));
        const hint = near !== undefined ? `did you mean Service ${near}? ` : '';
        hits.push({
          object: w.obj,
          field: 'spec.serviceName',
          message:
            `${objectLabel(w.obj)} names serviceName ${w.serviceName}, but there is no Service ${w.serviceName} in namespace ${ns}, so its pods get no ` +
            `stable DNS names (${podDns} does not resolve); ${hint}create a headless Service (clusterIP: None) named ${w.serviceName} ` +
            `selecting ${formatSelector(w.templateLabels)}`,
        });
      } else if (!svc.headless) {
        hits.push({
          object: w.obj,
          field: 'spec.serviceName',
          message:
            `${objectLabel(w.obj)} uses ${serviceLabel(svc)} as its governing Service, but it is not headless` +
            `${svc.clusterIP && svc.clusterIP !== 'None' ? ` (clusterIP ${svc.clusterIP})` : ''}, so CoreDNS publishes no per-pod records ` +
            `(${podDns} does not resolve); set clusterIP: None on the Service (or add a separate headless Service and name it in serviceName)`,
        });
      } else if (svc.selector !== undefined && w.pods.length > 0 && !selectsAny(svc.selectedPods, w.pods)) {
        // Selector-less Services are left alone: their hand-written endpoints may name the pods.
        hits.push({
          object: w.obj,
          field: 'spec.serviceName',
          message:
            `${objectLabel(w.obj)} uses ${serviceLabel(svc)} as its governing Service, but the Service selects ${formatSelector(svc.selector)} ` +
            `and none of the StatefulSet's pods (labels ${formatSelector(w.templateLabels)}), so they are not its endpoints and get no stable DNS names ` +
            `(${podDns} does not resolve); make the Service select ${formatSelector(w.templateLabels)}`,
        });
      }
    }
    return hits;
  },
};
