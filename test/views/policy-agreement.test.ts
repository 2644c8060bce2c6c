/**
 * reach, trace, toReach's question and check answer the same question — may these pods open that
 * connection? — through different paths: reach over classes of pods, trace per connection through
 * DNS and kube-proxy, the connect query per (client pod, destination), and the rules
 * (service-unreachable, ingress-backend-blocked, dns-egress-blocked) over the policies. On the
 * README's example, on Argo CD's install with its own policies, on every rule example that holds a
 * policy, and on random policies, they must agree; and reach keeps the two properties additive
 * policies imply. The semantics they share are upstream's (kubernetes staging/src/k8s.io/api/networking/v1/types.go;
 * the e2e suite test/e2e/network/netpol, whose truth tables test/views/network-policy-e2e.test.ts checks).
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import YAML from 'yaml';
import type { Cluster, SimService, SimServicePort } from '../../lib/cluster/model';
import { queryConnections } from '../../lib/query/connect';
import { ruleExample } from '../../lib/rules/examples';
import { rules } from '../../lib/rules/registry';
import { simulate, type Simulation } from '../../lib/simulate';
import { isolatingPolicies } from '../../lib/views/network-policy';
import { reach, reachCells, reachRows, type ReachVerdict } from '../../lib/views/reach';

function verdictOf(allowed: number, denied: number): ReachVerdict {
  return denied === 0 ? 'allowed' : allowed === 0 ? 'denied' : 'partial';
}

function columnsOf(cluster: Cluster): Map<string, { service: SimService; port: SimServicePort }> {
  const out = new Map<string, { service: SimService; port: SimServicePort }>();
  for (const service of cluster.services) for (const port of service.ports) out.set(`${service.namespace}/${service.name}:${port.port}/${port.protocol}`, { service, port });
  return out;
}

/** What each path says; every disagreement as a line, so a failure shows all of them. */
function disagreements(sim: Simulation): string[] {
  const { cluster } = sim;
  const out: string[] = [];
  const rows = new Map(reachRows(cluster).map((r) => [r.label, r] as const));
  const columns = columnsOf(cluster);
  const cells = [...reachCells(reach(cluster))];
  const unreachable = sim.findings.filter((f) => f.rule === 'service-unreachable');
  const backendBlocked = sim.findings.filter((f) => f.rule === 'ingress-backend-blocked');
  for (const cell of cells) {
    const row = rows.get(cell.from)!;
    const { service, port } = columns.get(cell.to)!;
    const ref = `${service.namespace}/${service.name}`;
    if (row.kind === 'pods' && row.pods.length > 0) {
      // toReach's question, for the same client and Service port.
      const answer = queryConnections(sim, ref, { from: cell.from, port: port.name || port.port });
      const connect = answer.problem ?? verdictOf(answer.connections.filter((c) => c.allowed).length, answer.connections.filter((c) => !c.allowed).length);
      if (connect !== cell.verdict) out.push(`connect ${cell.from} → ${cell.to}: ${connect}, reach: ${cell.verdict}`);
      // trace, pod by pod, to the cluster IP (no name lookup: reach judges the connection itself).
      if (!service.headless) {
        let delivered = 0;
        let denied = 0;
        for (const pod of row.pods) {
          const t = sim.trace(`${port.protocol.toLowerCase()}://${service.clusterIP}:${port.port}`, { pod: `${pod.namespace}/${pod.name}` });
          if (t.outcome === 'delivered') delivered++;
          else if (t.outcome === 'denied') denied++;
          else {
            delivered++;
            denied++;
          }
        }
        const traced = verdictOf(delivered, denied);
        if (traced !== cell.verdict) out.push(`trace ${cell.from} → ${cell.to}: ${traced}, reach: ${cell.verdict}`);
      }
    }
    // check: an unreachable Service port admits no other workload, no ingress controller.
    const index = service.ports.indexOf(port);
    const unreachableHere = unreachable.some((f) => f.object?.kind === 'Service' && `${f.object.namespace}/${f.object.name}` === ref && f.field === `spec.ports[${index}]`);
    const selfOrNode = row.kind === 'node' || row.kind === 'external' || row.pods.some((p) => service.selectedPods.includes(p));
    if (unreachableHere && !selfOrNode && cell.verdict !== 'denied') out.push(`check: service-unreachable on ${cell.to}, but reach ${cell.from}: ${cell.verdict}`);
    // check: the ingress controller's row against every Ingress backend it serves on this Service port.
    if (row.kind === 'ingress') {
      const cls = cell.from.slice('ingress/'.length);
      for (const ing of cluster.ingresses) {
        if (!ing.served || (ing.className ?? cluster.settings.ingressControllers[0]?.class) !== cls || ing.namespace !== service.namespace) continue;
        const backends = [ing.defaultBackend, ...ing.rules.flatMap((r) => r.paths.map((p) => p.backend))].filter((b) => b && b.serviceName === service.name && (b.portName !== undefined ? b.portName === port.name : b.portNumber === port.port));
        for (const b of backends) {
          const reported = backendBlocked.some((f) => f.object?.kind === 'Ingress' && f.object.name === ing.name && f.field === b!.field);
          if (reported !== (cell.verdict !== 'allowed')) out.push(`check: ingress-backend-blocked ${reported ? 'reports' : 'misses'} ${ing.name} ${b!.field}, reach ${cell.from} → ${cell.to}: ${cell.verdict}`);
        }
      }
    }
  }
  // check and trace on name lookups: dns-egress-blocked reports a policy when some pod it isolates
  // for egress cannot look names up, so a trace by name from that pod stops at the DNS hop.
  const dnsBlocked = sim.findings.filter((f) => f.rule === 'dns-egress-blocked').map((f) => `${f.object?.namespace}/${f.object?.name}`);
  const target = cluster.services.find((s) => s.obj && s.clusterIP !== 'None' && s.ports.length > 0);
  const stoppedBy = new Set<string>();
  for (const row of rows.values()) {
    if (row.kind !== 'pods' || row.pods.length === 0 || !target) continue;
    const pod = row.pods[0];
    if (pod.dnsPolicy === 'Default' || pod.dnsPolicy === 'None') continue;
    const t = sim.trace(`tcp://${target.name}.${target.namespace}:${target.ports[0].port}`, { pod: `${pod.namespace}/${pod.name}` });
    if (!(t.outcome === 'denied' && t.hops.length === 1 && t.hops[0].type === 'dns')) continue;
    const policies = isolatingPolicies(cluster, pod, 'egress').map((p) => `${p.namespace}/${p.name}`);
    policies.forEach((p) => stoppedBy.add(p));
    const unreported = policies.filter((p) => !dnsBlocked.includes(p));
    if (unreported.length > 0) out.push(`dns: a trace by name from ${row.label} stops at the lookup, but dns-egress-blocked does not report ${unreported.join(', ')}`);
  }
  for (const policy of dnsBlocked) if (!stoppedBy.has(policy)) out.push(`dns: dns-egress-blocked reports ${policy}, but no trace by name from a pod it isolates stops at the lookup`);
  return out;
}

/** A small random world: three workloads, two Services, an Ingress, up to three random policies. */
  const labelArb = fc.constantFrom('web', 'api', 'batch');
  const selectorArb = fc.oneof(fc.constant({}), labelArb.map((v) => ({ matchLabels: { app: v } })));
  const peerArb = fc.oneof(
    selectorArb.map((s) => ({ podSelector: s })),
    fc.constantFrom('default', 'ingress-nginx', 'kube-system').map((n) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': n } } })),
    fc.constant({ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }),
  );
  const portArb = fc.oneof(fc.constant({ port: 8080 }), fc.constant({ port: 'http' }), fc.constant({ port: 80 }), fc.constant({ port: 53, protocol: 'UDP' }));
  const ruleArb = fc.record({ from: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) });
  const policyArb = fc.record({
    podSelector: selectorArb,
    ingress: fc.array(ruleArb, { maxLength: 2 }),
    egress: fc.option(fc.array(ruleArb.map((r) => ({ to: r.from, ports: r.ports })), { maxLength: 2 }), { nil: undefined }),
  });
  const deployment = (name: string, replicas: number, port: number) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: name, ports: [{ name: 'http', containerPort: port }] }] } } },
  });
  const service = (name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
  const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }, { path: '/api', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: 80 } } } }] } }] } };
  /** web and api behind Services and an Ingress, batch a client only. */
const app = [deployment('web', 2, 8080), deployment('api', 2, 9000), deployment('batch', 1, 7000), service('web'), service('api'), ingress];
const policyDoc = (p: { podSelector: unknown; ingress: unknown[]; egress?: unknown[] }, i: number) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}` }, spec: { podSelector: p.podSelector, ingress: p.ingress, ...(p.egress ? { egress: p.egress } : {}) } });

describe('reach, trace, the connect query and check agree', () => {
  test("the README's example (docs/examples/shop-netpol.yaml)", () => {
    const sim = simulate(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'examples', 'shop-netpol.yaml'), 'utf8'));
    expect(sim.cluster.networkPolicies.length).toBe(2);
    expect(disagreements(sim)).toEqual([]);
  });

  test("Argo CD's install with its seven policies (test/real-world/argocd-network-policies)", () => {
    const sim = simulate(fs.readFileSync(path.join(__dirname, '..', 'real-world', 'argocd-network-policies', 'manifests', 'install.yaml'), 'utf8'));
    expect(sim.cluster.networkPolicies.length).toBe(7);
    expect(disagreements(sim)).toEqual([]);
  });

  const withPolicies = rules.flatMap((r) => (['broken', 'fixed'] as const).map((which) => [`${r.id} ${which}`, ruleExample(r.id)[which]] as const)).filter(([, text]) => YAML.parseAllDocuments(text).some((d) => (d.toJSON() as { kind?: string } | null)?.kind === 'NetworkPolicy'));

  test('the rule examples with policies are there', () => {
    expect(withPolicies.length).toBeGreaterThanOrEqual(12);
  });

  test.each(withPolicies)('rule example %s', (_name, text) => {
    expect(disagreements(simulate(text))).toEqual([]);
  });

  test('random policies over a small app with an Ingress', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), (policies) => {
        expect(disagreements(simulate([...app, ...policies.map(policyDoc)]))).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

/**
 * The two properties upstream's model implies (website "Network Policies": policies are additive,
 * and a policy isolates only the pods it selects), on reach's class-based matrix, which computes
 * its answers differently from the pair-by-pair view test/views/network-policy.test.ts checks them on.
 */
describe('reach: properties', () => {
  const rank: Record<ReachVerdict, number> = { denied: 0, partial: 1, allowed: 2 };
  const matrixOf = (policies: { podSelector: unknown; ingress: unknown[]; egress?: unknown[] }[]) => [...reachCells(reach(simulate([...app, ...policies.map(policyDoc)]).cluster))];

  test('adding an allow rule to a policy never makes a cell worse', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), ruleArb, fc.boolean(), (policies, extra, asEgress) => {
        const first = policies[0];
        // An egress rule only widens a policy that already isolates for egress (one without egress rules would start to).
        const widened = asEgress && first.egress && first.egress.length > 0 ? { ...first, egress: [...first.egress, { to: extra.from, ports: extra.ports }] } : { ...first, ingress: [...first.ingress, extra] };
        const before = matrixOf(policies);
        const after = matrixOf([widened, ...policies.slice(1)]);
        expect(after.map((c) => [c.from, c.to])).toEqual(before.map((c) => [c.from, c.to]));
        const worse = after.filter((c, i) => rank[c.verdict] < rank[before[i].verdict]).map((c, i) => `${c.from} → ${c.to}: ${before[i].verdict} → ${c.verdict}`);
        expect(worse).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  test('a policy that selects no pod changes no cell', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), policyArb, (policies, inert) => {
        const nothing = { ...inert, podSelector: { matchLabels: { app: 'nobody' } } };
        expect(matrixOf([...policies, nothing])).toEqual(matrixOf(policies));
      }),
      { numRuns: 25 },
    );
  });
});
