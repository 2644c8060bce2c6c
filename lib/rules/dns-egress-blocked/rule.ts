/**
 * dns-egress-blocked: pods isolated for egress whose policies admit no DNS query to the cluster
 * DNS pods. Every name lookup then times out, whatever else the policies allow.
 */
import type { SimNetworkPolicy, SimPod, SimService } from '../../cluster/model';
import { findPort } from '../../cluster/find-port';
import { isolatingPolicies, judgeConnection } from '../../views/network-policy';
import { listSome, podOwnerLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

const ALLOW_DNS =
  '{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}], ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}';

/** The cluster DNS Service (the one at the DNS address) and its pods with their UDP 53 target. */
function dnsEndpoints(dns: SimService | undefined): { pod: SimPod; port: number }[] {
  const port = dns?.ports.find((p) => p.protocol === 'UDP' && p.port === 53);
  if (!dns || !port) return [];
  const out: { pod: SimPod; port: number }[] = [];
  for (const pod of dns.selectedPods) {
    const target = findPort(pod, port);
    if (target !== undefined && pod.ip !== '' && pod.ready) out.push({ pod, port: target });
  }
  return out;
}

export const dnsEgressBlocked: Rule = {
  id: 'dns-egress-blocked',
  severity: 'error',
  title: 'Egress policies block DNS lookups',
  explanation:
    'A pod that a NetworkPolicy isolates for egress may only open the connections some egress rule allows, and that ' +
    'includes its DNS queries: the resolver sends them to the kube-dns Service on UDP 53, which kube-proxy translates ' +
    'to a CoreDNS pod in kube-system. Without an egress rule that admits UDP 53 to those pods, every name lookup times ' +
    'out, so the pods cannot reach any Service by name even where other rules allow the connection. Add an egress rule ' +
    'such as `to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: ' +
    '{matchLabels: {k8s-app: kube-dns}}}]` with `ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]` ' +
    '(a rule naming the DNS Service\'s cluster IP in an ipBlock does not work: policies see the translated address).',
  check({ cluster }) {
    const dns = cluster.services.find((s) => s.clusterIP === cluster.dnsServiceIP && !s.headless);
    const servers = dnsEndpoints(dns);
    if (servers.length === 0 || cluster.networkPolicies.length === 0) return [];
    // Pods judged once per label set (a workload's replicas share one label map).
    const judged = new Map<Record<string, string>, { policies: SimNetworkPolicy[]; ok: boolean }>();
    const blocked = new Map<SimNetworkPolicy, { owners: Set<string>; policies: SimNetworkPolicy[] }>();
    for (const pod of cluster.pods) {
      if (pod.hostNetwork || pod.ip === '' || (pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns')) continue;
      // Only pods that ask the cluster DNS (every dnsPolicy but Default and None; hostNetwork pods were left out above).
      if (pod.dnsPolicy === 'Default' || pod.dnsPolicy === 'None') continue;
      let entry = judged.get(pod.labels);
      if (!entry) {
        const policies = isolatingPolicies(cluster, pod, 'egress');
        const ok = policies.length === 0 || servers.some((s) => judgeConnection(cluster, { from: { pod }, to: { pod: s.pod }, port: s.port, protocol: 'UDP' }).egress.allowed);
        judged.set(pod.labels, (entry = { policies, ok }));
      }
      if (entry.ok) continue;
      for (const policy of entry.policies) {
        let found = blocked.get(policy);
        if (!found) blocked.set(policy, (found = { owners: new Set(), policies: entry.policies }));
        found.owners.add(podOwnerLabel(pod));
      }
    }
    const hits: RuleHit[] = [];
    for (const [policy, entry] of blocked) {
      const owners = [...entry.owners].sort();
      const others = entry.policies.filter((p) => p !== policy).map((p) => `${p.namespace}/${p.name}`);
      const explicitTypes = Array.isArray((policy.obj.raw.spec as { policyTypes?: unknown } | undefined)?.policyTypes);
      hits.push({
        object: policy.obj,
        field: explicitTypes ? 'spec.policyTypes' : 'spec.egress',
        message:
          `NetworkPolicy ${policy.namespace}/${policy.name} isolates ${listSome(owners)} in namespace ${policy.namespace} for egress, and no egress rule` +
          `${others.length > 0 ? ` (of it or ${others.join(', ')})` : ''} allows UDP 53 to the cluster DNS pods: every name lookup times out — add the egress rule ${ALLOW_DNS}`,
      });
    }
    return hits.sort((a, b) => (a.object.namespace + '/' + a.object.name < b.object.namespace + '/' + b.object.name ? -1 : 1));
  },
};
