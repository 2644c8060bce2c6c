/**
 * NetworkPolicies that cdk8s-plus writes itself — `pod.connections.allowFrom(...)` and its
 * `NetworkPolicy` construct — are judged like any other policy: the simulator traces through them
 * as a cluster enforces them. Run against cdk8s-plus-27, -30 and -33.
 *
 * What cdk8s-plus writes (src/pod.ts PodConnections.allow in cdk8s-team/cdk8s-plus, the same in
 * every line tested): `allowFrom(peer)` without `isolation` writes TWO policies — an ingress policy
 * selecting this pod that admits the peer, and an egress policy selecting the PEER that lets it
 * reach this pod — both on the port NUMBERS of this pod's containers (the targetPort, which is what
 * policies see after kube-proxy's translation). The egress policy isolates the peer for egress, so
 * its DNS lookups are dropped (upstream network-policies.md: an egress-isolated pod may open only
 * what a rule allows; the e2e suite's GetDenyAllWithEgressDNS policy exists for that reason): by
 * name the peer cannot reach anything, by cluster IP it reaches this pod.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { simulate } from '../../lib/simulate';
import { PLUS_VERSIONS, type Plus } from './plus-versions';

const NO_ROOT_CHECK = { ensureNonRoot: false };

function shop(kplus: Plus, isolation?: 'POD') {
  const chart = new Chart(new App(), 'test', { namespace: 'shop' });
  const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web' }, replicas: 1, containers: [{ image: 'web', ports: [{ number: 8080, name: 'http' }], securityContext: NO_ROOT_CHECK }] });
  const redis = new kplus.Deployment(chart, 'redis', { metadata: { name: 'redis' }, replicas: 2, containers: [{ image: 'redis', portNumber: 6379, securityContext: NO_ROOT_CHECK }] });
  new kplus.Deployment(chart, 'batch', { metadata: { name: 'batch' }, replicas: 1, containers: [{ image: 'batch', securityContext: NO_ROOT_CHECK }] });
  redis.exposeViaService({ name: 'redis', ports: [{ port: 80, targetPort: 6379 }] });
  redis.connections.allowFrom(web, isolation ? { isolation: kplus.PodConnectionsIsolation.POD } : {});
  return chart;
}

const WEB_PODS = { 'cdk8s.io/metadata.addr': 'test-web-c8694308' };
const REDIS_PODS = { 'cdk8s.io/metadata.addr': 'test-redis-c801fa7d' };
const IN_SHOP = { 'kubernetes.io/metadata.name': 'shop' };

describe.each(PLUS_VERSIONS)('%s connections.allowFrom', (_version, kplus) => {
  test('writes an ingress policy for the pod and an egress policy for the peer, on the pod\'s port number', () => {
    const policies = Testing.synth(shop(kplus)).filter((o) => o.kind === 'NetworkPolicy');
    expect(policies.map((p) => [p.metadata.namespace, p.spec])).toEqual([
      ['shop', {
        podSelector: { matchLabels: REDIS_PODS },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: IN_SHOP }, podSelector: { matchLabels: WEB_PODS } }], ports: [{ port: 6379, protocol: 'TCP' }] }],
      }],
      ['shop', {
        podSelector: { matchLabels: WEB_PODS },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: IN_SHOP }, podSelector: { matchLabels: REDIS_PODS } }], ports: [{ port: 6379, protocol: 'TCP' }] }],
      }],
    ]);
  });

  test('the peer reaches the Service by cluster IP on every endpoint; another pod is denied by the ingress policy', () => {
    const sim = simulate(shop(kplus));
    const clusterIP = sim.cluster.services.find((s) => s.namespace === 'shop' && s.name === 'redis')!.clusterIP;
    const fromWeb = sim.trace(`tcp://${clusterIP}:80`, { pod: 'shop/web' });
    expect([fromWeb.outcome, fromWeb.destinations.map((d) => [d.port, d.probability, d.verdict])]).toEqual(['delivered', [[6379, 0.5, 'allowed'], [6379, 0.5, 'allowed']]]);

    const fromBatch = sim.trace('tcp://redis:80', { pod: 'shop/batch' });
    expect(fromBatch.outcome).toBe('denied');
    expect(fromBatch.destinations.map((d) => [d.verdict, d.deniedBy?.direction])).toEqual([['denied', 'ingress'], ['denied', 'ingress']]);
    expect(fromBatch.destinations[0]!.deniedBy!.policies).toEqual([`shop/${Testing.synth(shop(kplus)).find((o) => o.kind === 'NetworkPolicy' && o.spec.ingress).metadata.name}`]);
  });

  test('the egress policy cdk8s-plus puts on the peer drops its DNS lookups: by name it reaches nothing, and dns-egress-blocked says why', () => {
    const sim = simulate(shop(kplus));
    const byName = sim.trace('tcp://redis:80', { pod: 'shop/web' });
    expect([byName.outcome, byName.hops.map((h) => h.type), byName.destinations]).toEqual(['denied', ['dns'], []]);
    const egressPolicy = Testing.synth(shop(kplus)).find((o) => o.kind === 'NetworkPolicy' && o.spec.egress).metadata.name;
    expect(sim.findings.map((f) => [f.rule, f.severity, `${f.object?.namespace}/${f.object?.name}`])).toEqual([['dns-egress-blocked', 'error', `shop/${egressPolicy}`]]);
  });

  test('isolation POD writes only the ingress policy: the peer resolves the name and gets in', () => {
    const chart = shop(kplus, 'POD');
    expect(Testing.synth(chart).filter((o) => o.kind === 'NetworkPolicy').map((p) => p.spec.policyTypes)).toEqual([['Ingress']]);
    const sim = simulate(chart);
    expect(sim.findings).toEqual([]);
    expect(sim.trace('tcp://redis:80', { pod: 'shop/web' }).outcome).toBe('delivered');
    expect(sim.trace('tcp://redis:80', { pod: 'shop/batch' }).outcome).toBe('denied');
  });

  test('the NetworkPolicy construct: a default-deny for the namespace plus a namespace peer', () => {
    const chart = shop(kplus, 'POD');
    new kplus.NetworkPolicy(chart, 'default-deny', { metadata: { name: 'default-deny' }, selector: kplus.Pods.all(chart, 'all'), ingress: { default: kplus.NetworkPolicyTrafficDefault.DENY } });
    const web = chart.node.findChild('web') as InstanceType<Plus['Deployment']>;
    web.connections.allowFrom(kplus.Namespaces.select(chart, 'monitoring', { names: ['monitoring'] }), { isolation: kplus.PodConnectionsIsolation.POD });
    new ApiObject(chart, 'prometheus', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'prometheus', namespace: 'monitoring', labels: { app: 'prometheus' } },
      spec: { containers: [{ name: 'prometheus', image: 'prom/prometheus' }] },
    });
    const written = Testing.synth(chart).filter((o) => o.kind === 'NetworkPolicy');
    expect(written.find((p) => p.metadata.name === 'default-deny').spec).toEqual({ podSelector: {}, policyTypes: ['Ingress'] });
    expect(written.find((p) => p.spec.podSelector.matchLabels?.['cdk8s.io/metadata.addr'] === WEB_PODS['cdk8s.io/metadata.addr']).spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: {} }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);

    const sim = simulate(chart);
    const webIP = sim.cluster.pods.find((p) => p.namespace === 'shop' && p.name.startsWith('web-'))!.ip;
    expect(sim.trace(`tcp://${webIP}:8080`, { pod: 'monitoring/prometheus' }).outcome).toBe('delivered');
    expect(sim.trace(`tcp://${webIP}:8080`, { pod: 'shop/batch' }).outcome).toBe('denied');
    // The default-deny shuts batch out of everything, including the pods no allowFrom speaks for.
    const batchIP = sim.cluster.pods.find((p) => p.namespace === 'shop' && p.name.startsWith('batch-'))!.ip;
    const toBatch = sim.trace(`tcp://${batchIP}:80`, { pod: 'shop/web' });
    expect([toBatch.outcome, toBatch.destinations.map((d) => [d.verdict, d.deniedBy?.direction, d.deniedBy?.policies])]).toEqual(['denied', [['denied', 'ingress', ['shop/default-deny']]]]);
  });
});
