/**
 * Property-based tests: generated clusters and hostile mutations of them. Whatever the input, no
 * exception escapes, every problem is a located finding, output is deterministic, and the
 * simulated cluster keeps Kubernetes' invariants.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadText } from '../../lib/load/load';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { runRules } from '../../lib/rules/run';
import { cidrContains, parseIP } from '../../lib/k8s/ip';
import { matchesSelector } from '../../lib/k8s/labels';
import { trace } from '../../lib/views/trace';
import { applyMutation, clusterObjects, mutation } from './arbitraries';

const RUNS = Number(process.env.LINEUP_PROPERTY_RUNS ?? 150);

function toYaml(objects: unknown[]): string {
  return objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n');
}

function analyze(text: string) {
  const load = loadText(text, 'gen.yaml');
  const cluster = buildCluster(load.objects, defaultSettings());
  const findings = runRules(cluster, load.problems);
  return { load, cluster, findings };
}

describe('properties', () => {
  test('no exception escapes, every finding is located, output is deterministic', () => {
    fc.assert(
      fc.property(clusterObjects, fc.array(mutation, { maxLength: 4 }), (objects, mutations) => {
        let mutated: unknown[] = objects;
        for (const m of mutations) mutated = applyMutation(mutated, m);
        const text = toYaml(mutated);
        const a = analyze(text);
        for (const f of a.findings) {
          expect(typeof f.rule).toBe('string');
          expect(['error', 'warning', 'info']).toContain(f.severity);
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.source).toBeDefined();
          expect(f.source!.file).toBe('gen.yaml');
          expect(f.source!.line).toBeGreaterThanOrEqual(1);
        }
        const b = analyze(text);
        expect(JSON.stringify(b.findings)).toBe(JSON.stringify(a.findings));
        expect(JSON.stringify(b.cluster.services.map((s) => s.apiObject()))).toBe(JSON.stringify(a.cluster.services.map((s) => s.apiObject())));
      }),
      { numRuns: RUNS },
    );
  });

  test('simulated cluster invariants hold for valid clusters', () => {
    fc.assert(
      fc.property(clusterObjects, (objects) => {
        const { cluster, findings } = analyze(toYaml(objects));
        const settings = cluster.settings;
        // Allocated cluster IPs are unique and inside the service CIDR.
        const ips = cluster.services.filter((s) => s.clusterIP !== '' && s.clusterIP !== 'None').map((s) => s.clusterIP);
        expect(new Set(ips).size).toBe(ips.length);
        for (const ip of ips) expect(cidrContains(settings.serviceCIDR, parseIP(ip)!)).toBe(true);
        // Node ports are unique across Services and inside the range.
        const owners = new Map<number, string>();
        for (const s of cluster.services) {
          const mine = new Set(s.ports.map((p) => p.nodePort).filter((n) => n > 0));
          for (const n of mine) {
            expect(n).toBeGreaterThanOrEqual(settings.nodePortRange.min);
            expect(n).toBeLessThanOrEqual(settings.nodePortRange.max);
            expect(owners.get(n)).toBeUndefined();
            owners.set(n, `${s.namespace}/${s.name}`);
          }
        }
        for (const s of cluster.services) {
          if (!s.selector || s.type === 'ExternalName') continue;
          const ep = cluster.endpointsOf(s.namespace, s.name);
          const ready = ep ? ep.subsets.flatMap((sub) => sub.addresses) : [];
          // Endpoints come only from pods of the namespace that the selector selects and that are ready (or published anyway).
          for (const a of ready) {
            expect(a.pod).toBeDefined();
            expect(a.pod!.namespace).toBe(s.namespace);
            expect(matchesSelector(a.pod!.labels, s.selector)).toBe(true);
            if (!s.publishNotReadyAddresses) expect(a.pod!.ready).toBe(true);
          }
          // check agrees with the endpoints: selecting no pods ⇔ the rule fires (unless silenced).
          const reported = findings.some((f) => f.rule === 'service-selects-no-pods' && f.object?.name === s.name && f.object?.namespace === s.namespace);
          if (s.obj && Object.keys(s.selector).length > 0 && cluster.objects.filter((o) => o.kind === 'Service' && o.name === s.name && o.namespace === s.namespace).length === 1) {
            expect(reported).toBe(s.selectedPods.length === 0);
          }
          // trace agrees too: delivered probabilities sum to 1; no endpoints means refused.
          const port = s.ports.find((p) => p.protocol === 'TCP');
          if (port && !s.headless && s.clusterIP) {
            const from = cluster.pods[0];
            if (!from) continue;
            const t = trace(cluster, `${s.clusterIP}:${port.port}`, { pod: from });
            expect(t).toBeDefined();
            if (t!.outcome === 'delivered') {
              const sum = t!.destinations.reduce((acc, d) => acc + d.probability, 0);
              expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
            }
            const anyEndpoint = cluster.slicesOf(s.namespace, s.name).some((sl) => sl.endpoints.some((e) => e.ready) && sl.ports.some((p) => p.name === port.name));
            if (!anyEndpoint && s.internalTrafficPolicy !== 'Local') expect(t!.outcome).toBe('refused');
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('regressions found by the properties', () => {
  test('a kind named __proto__ is an unknown kind, not a crash', () => {
    const a = analyze('apiVersion: v1\nkind: __proto__\nmetadata:\n  name: web\n');
    expect(a.cluster.workloads.filter((w) => w.namespace === 'default')).toEqual([]);
    expect(a.findings).toEqual([]);
  });
});
