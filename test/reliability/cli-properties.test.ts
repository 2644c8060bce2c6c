/**
 * Properties of the CLI as users see it: output is byte-identical run after run (in-process and
 * across real processes), and what `check` says about a Service agrees with `get endpoints` and
 * `trace`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { clusterObjects } from './arbitraries';
import { ensureBuilt, expectNoStackTrace, lineup, spawnLineup } from './cli-harness';

const RUNS = Math.max(5, Math.round(Number(process.env.LINEUP_PROPERTY_RUNS ?? 60) / 3));

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-cliprop-'));
  ensureBuilt();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeCase(objects: unknown[]): string {
  const file = path.join(dir, `case-${counter++}.yaml`);
  fs.writeFileSync(file, objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n'));
  return file;
}

const COMMANDS = (file: string): string[][] => [
  ['check', file, '-o', 'json'],
  ['check', file, '-o', 'sarif'],
  ['check', file],
  ['get', 'svc', file, '-A', '-o', 'wide'],
  ['get', 'ep', file, '-A', '-o', 'json'],
  ['get', 'endpointslices', file, '-A', '-o', 'yaml'],
  ['get', 'pods', file, '-A', '-o', 'json'],
  ['iptables-save', file],
];

interface Item {
  metadata: { name: string; namespace: string };
  spec?: Record<string, unknown>;
  subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[];
}

describe('CLI properties', () => {
  test('property: every command prints byte-identical output on a second run', async () => {
    await fc.assert(
      fc.asyncProperty(clusterObjects, async (objects) => {
        const file = writeCase(objects);
        for (const argv of COMMANDS(file)) {
          const a = await lineup(argv);
          const b = await lineup(argv);
          expectNoStackTrace(a);
          expect(b).toEqual(a);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('two real processes print the same bytes', () => {
    const [objects] = fc.sample(clusterObjects.filter((o) => o.length >= 6), { seed: 42, numRuns: 1 });
    const file = writeCase(objects!);
    for (const argv of [['check', file, '-o', 'json'], ['get', 'svc', file, '-A', '-o', 'yaml'], ['iptables-save', file]]) {
      const a = spawnLineup(argv);
      const b = spawnLineup(argv);
      expectNoStackTrace(a);
      expect([0, 1]).toContain(a.code);
      expect(b.out).toBe(a.out);
      expect(b.code).toBe(a.code);
    }
  });

  test('property: check, get endpoints and trace agree about each Service', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(clusterObjects, async (objects) => {
        const file = writeCase(objects);
        const check = JSON.parse((await lineup(['check', file, '-o', 'json'])).out) as { findings: { rule: string; object?: { kind: string; namespace?: string; name: string } }[] };
        const services = (JSON.parse((await lineup(['get', 'svc', file, '-A', '-o', 'json'])).out) as { items: Item[] }).items;
        const endpoints = (JSON.parse((await lineup(['get', 'ep', file, '-A', '-o', 'json'])).out) as { items: Item[] }).items;
        const pods = (JSON.parse((await lineup(['get', 'pods', file, '-A', '-o', 'json'])).out) as { items: Item[] }).items.filter((p) => p.metadata.namespace !== 'kube-system');
        const from = pods[0];
        if (!from) return;
        for (const svc of services) {
          const { name, namespace } = svc.metadata;
          if (namespace === 'kube-system' || name === 'kubernetes') continue;
          const spec = svc.spec ?? {};
          const ports = (spec.ports as { name?: string; port: number; protocol?: string }[] | undefined) ?? [];
          const port = ports.find((p) => (p.protocol ?? 'TCP') === 'TCP');
          const clusterIP = spec.clusterIP as string | undefined;
          if (!port || !clusterIP || clusterIP === 'None' || spec.type === 'ExternalName' || spec.internalTrafficPolicy === 'Local') continue;
          const selectsNone = check.findings.some((f) => f.rule === 'service-selects-no-pods' && f.object?.kind === 'Service' && f.object.name === name && f.object.namespace === namespace);
          const ep = endpoints.find((e) => e.metadata.name === name && e.metadata.namespace === namespace);
          // An endpoint port belongs to a Service port by name AND protocol (two ports may share a name
          // when the Service is invalid; kube-proxy still tells them apart by protocol).
          const ready = (ep?.subsets ?? []).filter((s) => (s.ports ?? []).some((p) => (p.name ?? '') === (port.name ?? '') && ((p as { protocol?: string }).protocol ?? 'TCP') === 'TCP')).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
          compared++;
          const t = await lineup(['trace', `${clusterIP}:${port.port}`, file, '--from', `${from.metadata.namespace}/${from.metadata.name}`, '-o', 'json']);
          expectNoStackTrace(t);
          expect(t.code).toBe(0);
          const result = JSON.parse(t.out) as { outcome: string; destinations: { ip: string; probability: number }[] };
          if (selectsNone && spec.selector) {
            // check says no pod is selected: get endpoints lists none, trace is refused.
            expect(ready).toEqual([]);
            expect(result.outcome).toBe('refused');
          }
          if (ready.length > 0) {
            expect(result.outcome).toBe('delivered');
            for (const d of result.destinations) expect(ready).toContain(d.ip);
            expect(Math.abs(result.destinations.reduce((a, d) => a + d.probability, 0) - 1)).toBeLessThan(1e-9);
          } else {
            expect(result.outcome).toBe('refused');
          }
        }
      }),
      { numRuns: RUNS },
    );
    // The property compared real Services, not only skipped ones.
    expect(compared).toBeGreaterThan(0);
  });
});
