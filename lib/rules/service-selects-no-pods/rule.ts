/**
 * service-selects-no-pods: a selector that matches nothing in the Service's namespace, with the
 * near misses that usually explain it (a typo in a value or key, pods in another namespace, a
 * workload scaled to zero, labels split across different pods).
 */
import type { Cluster, SimService, SimWorkload } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { formatSelector, matchesSelector } from '../../k8s/labels';
import { listSome, ownersOf, plural, serviceLabel } from '../support/describe';
import { idleWorkloadLabel, LabelIndexByNamespace, namespacesByPair } from '../support/label-index';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';
import { selectingServices } from '../support/services';
import { apiGroup, isModelled } from '../support/kinds';

export const serviceSelectsNoPods: Rule = {
  id: 'service-selects-no-pods',
  severity: 'error',
  title: 'Service selector matches no pod',
  explanation:
    'A Service with a selector sends traffic to the pods of its own namespace whose labels contain every pair of the ' +
    'selector. When no pod matches, the endpoints controller writes empty Endpoints, kube-proxy rejects connections to ' +
    'the cluster IP ("connection refused") and the DNS name of a headless Service resolves to nothing. The cause is ' +
    'almost always a typo in a label key or value, a pod template that carries different labels, a workload in a ' +
    'different namespace (a Service never selects pods of another namespace), or a workload scaled to zero. Make the ' +
    'selector a subset of the pod template\'s labels; the finding names the closest labels that do exist. When nothing ' +
    'in the input comes close but the namespace holds custom resources (a Prometheus, a Kafka cluster, a database ' +
    'cluster), their operator probably makes the pods: the finding is then a note (info), since lineup does not run operators.',
  check({ cluster }) {
    const missed: { svc: SimService; selector: Record<string, string> }[] = [];
    for (const svc of selectingServices(cluster)) {
      if (Object.keys(svc.selector).length === 0 || svc.selectedPods.length > 0) continue;
      missed.push({ svc, selector: svc.selector });
    }
    if (missed.length === 0) return [];
    // The hints' indexes cover only what the misses ask about: their namespaces and their label pairs.
    const wanted = new Map<string, Set<string>>();
    for (const { selector } of missed) {
      for (const key of Object.keys(selector)) {
        let values = wanted.get(key);
        if (!values) wanted.set(key, (values = new Set()));
        values.add(selector[key]);
      }
    }
    const indexes: Indexes = { index: new LabelIndexByNamespace(cluster), idle: idleWorkloadsByNamespace(cluster), pairs: namespacesByPair(cluster, wanted) };
    let custom: Map<string, string[]> | undefined;
    return missed.map(({ svc, selector }): RuleHit => {
      const miss = describeMiss(cluster, indexes, svc, selector);
      if (!miss.explained) {
        // Nothing of the input comes close; an operator may make these pods from a custom resource.
        custom ??= customResourcesByNamespace(cluster);
        const resources = custom.get(svc.namespace);
        if (resources) {
          return {
            object: svc.obj!,
            field: 'spec.selector',
            severity: 'info',
            message:
              `${miss.head}; no pod or pod template of the input carries ${Object.keys(selector).length === 1 ? 'that label' : 'those labels'}, but custom resources in namespace ` +
              `${svc.namespace} (${listSome(resources, 3)}) may be turned into pods by their operator, which lineup does not run; if one of them makes pods with these labels, nothing is wrong`,
          };
        }
      }
      return { object: svc.obj!, field: 'spec.selector', message: miss.text };
    });
  },
};

interface Indexes {
  index: LabelIndexByNamespace;
  idle: Map<string, SimWorkload[]>;
  pairs: Map<string, Map<string, string[]>>;
}

/** The message, its opening, and whether any hint explains the miss (else only the generic advice is given). */
function describeMiss(cluster: Cluster, { index, idle: idleByNs, pairs }: Indexes, svc: SimService, selector: Record<string, string>): { text: string; head: string; explained: boolean } {
  const ns = svc.namespace;
  const keys = Object.keys(selector).sort(byString);
  const head =
    `${serviceLabel(svc)} selects ${formatSelector(selector)}, but no pod in namespace ${ns} has ` +
    `${keys.length === 1 ? 'that label' : 'all of those labels'}`;
  const hints: string[] = [];
  const nsIndex = index.get(ns);

  // 1. Typos: replace every pair that exists nowhere by its closest existing pair (same key, close
  //    value; else close key, same value) and see whether the corrected selector selects something.
  const corrected: Record<string, string> = { ...selector };
  const changed: Record<string, string> = {};
  const unknownPairs: string[] = [];
  for (const key of keys) {
    const value = selector[key];
    if (nsIndex.get(key)?.has(value)) continue;
    const values = nsIndex.get(key);
    const nearValue = values ? closest(value, values.keys()) : undefined;
    if (nearValue !== undefined) {
      corrected[key] = nearValue;
      changed[key] = nearValue;
      continue;
    }
    const keysWithValue = [...nsIndex.keys()].filter((k) => nsIndex.get(k)!.has(value));
    const nearKey = closest(key, keysWithValue);
    if (nearKey !== undefined && !(nearKey in selector)) {
      delete corrected[key];
      corrected[nearKey] = value;
      changed[nearKey] = value;
      continue;
    }
    unknownPairs.push(key);
  }
  if (Object.keys(changed).length > 0) {
    const pods = cluster.podsMatching(ns, corrected);
    const idle = idleWorkloadsMatching(idleByNs, ns, corrected);
    if (pods.length > 0 || idle.length > 0) {
      hints.push(`did you mean ${formatSelector(changed)} (${[...ownersOf(pods), ...idle].join(', ')})?`);
    } else {
      hints.push(`did you mean ${formatSelector(changed)}?`);
    }
  }
  // 2. A key that exists with other values only: list what the pods do carry.
  for (const key of unknownPairs) {
    const values = nsIndex.get(key);
    if (values && values.size > 0) {
      const carried = [...values.keys()].sort(byString).map((v) => `${key}=${v}`);
      hints.push(`pods in namespace ${ns} carry ${listSome(carried)}`);
    }
  }
  // 3. Every pair exists, but on different pods: name the workload that comes closest.
  if (Object.keys(changed).length === 0 && unknownPairs.length === 0 && keys.length > 1) {
    const score = new Map<string, number>();
    for (const key of keys) for (const owner of nsIndex.get(key)?.get(selector[key]) ?? []) score.set(owner, (score.get(owner) ?? 0) + 1);
    const best = [...score.entries()].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]))[0];
    if (best) {
      const missing = keys.filter((k) => !nsIndex.get(k)?.get(selector[k])?.has(best[0])).map((k) => `${k}=${selector[k]}`);
      // Nothing missing: the owner carries every pair but runs no pod with all of them (a workload
      // scaled to zero, said by the hint below, or pairs spread over one workload's pods).
      if (missing.length > 0) hints.push(`each label exists, but on different pods: ${best[0]} lacks ${missing.join(',')}`);
    }
  }
  // 4. Workloads with these labels but no pods.
  const idle = idleWorkloadsMatching(idleByNs, ns, selector);
  if (idle.length > 0) hints.push(`${listSome(idle)} ${plural(idle.length, 'has', 'have')} these labels but ${plural(idle.length, 'runs', 'run')} no pod`);
  // 5. The same labels in other namespaces.
  const elsewhere: string[] = [];
  // Only namespaces where the rarest pair occurs at all can hold matching pods.
  let candidates: string[] | undefined;
  for (const key of keys) {
    const list = pairs.get(key)?.get(selector[key]) ?? [];
    if (!candidates || list.length < candidates.length) candidates = list;
  }
  for (const other of candidates ?? []) {
    if (other === ns) continue;
    const pods = cluster.podsMatching(other, selector);
    if (pods.length > 0) elsewhere.push(`${other} (${listSome(ownersOf(pods), 3)})`);
  }
  if (elsewhere.length > 0) {
    hints.push(
      `pods in ${plural(elsewhere.length, 'namespace', 'namespaces')} ${listSome(elsewhere, 3)} have these labels; ` +
        `a Service only selects pods in its own namespace`,
    );
  }
  const explained = hints.length > 0;
  if (!explained) hints.push(`no pod or pod template in namespace ${ns} carries ${keys.length === 1 ? 'this label' : 'these labels'}; add ${keys.length === 1 ? 'it' : 'them'} to the pod template or fix the selector`);
  return { text: `${head}; ${hints.join('; ')}`, head, explained };
}

/**
 * Objects of custom resource kinds (an API group that is not one of Kubernetes' own, `*.k8s.io` or
 * unqualified), by namespace, as `Prometheus k8s`: operators such as the Prometheus Operator,
 * Strimzi or CloudNativePG turn them into pods that the input does not hold.
 */
function customResourcesByNamespace(cluster: Cluster): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of cluster.objects) {
    const group = apiGroup(o.apiVersion);
    if (!o.namespace || isModelled(o) || !group.includes('.') || group.endsWith('.k8s.io')) continue;
    const list = out.get(o.namespace);
    const label = `${o.kind} ${o.name}`;
    if (!list) out.set(o.namespace, [label]);
    else if (!list.includes(label)) list.push(label);
  }
  return out;
}

/** Workloads that run no pods (0 replicas, CronJobs), by namespace; normally very few. */
function idleWorkloadsByNamespace(cluster: Cluster): Map<string, SimWorkload[]> {
  const out = new Map<string, SimWorkload[]>();
  for (const w of cluster.workloads) {
    if (w.pods.length > 0) continue;
    const list = out.get(w.namespace);
    if (list) list.push(w);
    else out.set(w.namespace, [w]);
  }
  return out;
}

function idleWorkloadsMatching(idleByNs: Map<string, SimWorkload[]>, ns: string, selector: Record<string, string>): string[] {
  const out: string[] = [];
  for (const w of idleByNs.get(ns) ?? []) if (matchesSelector(w.templateLabels, selector)) out.push(idleWorkloadLabel(w));
  return out.sort(byString);
}
