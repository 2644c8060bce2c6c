/**
 * The reach matrix at scale: a 10,000-pod cluster with 2,000 NetworkPolicies (100 namespaces of
 * 25 Deployments × 4 replicas, each with a Service; per namespace a default deny of both
 * directions, a DNS egress allowance and 9 ingress and 9 egress allow rules between tiers, from
 * other namespaces, from the ingress controller and from an ipBlock), against the same cluster without policies. Times the matrix computation in-process
 * (the cluster is built once per variant; building is the load bench's subject), median of runs.
 *
 *   node build/bench/reach.js [--runs 3] [--json]
 *   node build/bench/reach.js --write DIR   # DIR/without and DIR/with, one manifest each, for
 *                                           # timing `lineup reach DIR/with` as a whole process
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildCluster } from '../lib/cluster/build';
import { defaultSettings } from '../lib/cluster/settings';
import { fromObjects } from '../lib/load/objects';
import { reach } from '../lib/views/reach';

const NAMESPACES = 100;
const APPS = 25;
const REPLICAS = 4;
const TIERS = ['web', 'api', 'worker', 'db', 'cache'];

function deployment(ns: string, name: string, tier: string): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name, tier } }, spec: { containers: [{ name: 'main', image: 'img', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }] }] } },
    },
  };
}

function policy(ns: string, name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec };
}

/** The cluster's manifests; `withPolicies` adds the 20 policies per namespace. */
export function reachBenchObjects(withPolicies: boolean): unknown[] {
  const docs: unknown[] = [];
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { team: ns, zone: n % 2 === 0 ? 'blue' : 'green' } } });
    for (let a = 0; a < APPS; a++) {
      const name = `app-${a}`;
      docs.push(deployment(ns, name, TIERS[a % TIERS.length]));
      docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    }
    if (!withPolicies) continue;
    docs.push(policy(ns, 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }));
    docs.push(
      policy(ns, 'allow-dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] }],
      }),
    );
    for (let i = 0; i < 9; i++) {
      const to = TIERS[i % TIERS.length];
      const from = TIERS[(i + 1) % TIERS.length];
      const peers: unknown[] = [{ podSelector: { matchLabels: { tier: from } } }];
      if (i % 3 === 0) peers.push({ namespaceSelector: { matchLabels: { zone: 'blue' } }, podSelector: { matchLabels: { tier: from } } });
      if (i % 6 === 0) peers.push({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } });
      if (i % 9 === 0) peers.push({ ipBlock: { cidr: '10.0.0.0/8', except: ['10.244.0.0/16'] } });
      docs.push(policy(ns, `allow-${i}-ingress`, { podSelector: { matchLabels: { tier: to } }, ingress: [{ from: peers, ports: [{ port: i % 2 === 0 ? 'http' : 8080 }] }] }));
      docs.push(policy(ns, `allow-${i}-egress`, { podSelector: { matchLabels: { tier: from } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { tier: to } } }], ports: [{ port: 8080 }] }] }));
    }
  }
  return docs;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** In-process figures of one variant (what `--json` prints, one object per variant). */
export interface ReachFigures {
  policies: number;
  pods: number;
  cells: number;
  denied: number;
  /** Median and every run, ms. */
  wallMs: number;
  cpuMs: number;
  wallRuns: number[];
  cpuRuns: number[];
}

/** Writes both variants as manifests: DIR/without/cluster.json and DIR/with/cluster.json (a `kind: List`). */
export function writeReachManifests(dir: string): { without: string; with: string } {
  const out = { without: path.join(dir, 'without'), with: path.join(dir, 'with') };
  for (const withPolicies of [false, true]) {
    const sub = withPolicies ? out.with : out.without;
    fs.rmSync(sub, { recursive: true, force: true });
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'cluster.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: reachBenchObjects(withPolicies) }));
  }
  return out;
}

function measure(withPolicies: boolean, runs: number): ReachFigures {
  const cluster = buildCluster(fromObjects(reachBenchObjects(withPolicies)).objects, defaultSettings());
  const pods = cluster.pods.filter((p) => p.namespace.startsWith('team-')).length;
  const times: number[] = [];
  const cpu: number[] = [];
  let cells = 0;
  let denied = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const m = reach(cluster);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1000);
    cells = m.rows.length * m.columns.length;
    denied = 0;
    for (const row of m.verdicts) for (const v of row) if (v === 'denied') denied++;
  }
  return { policies: cluster.networkPolicies.length, pods, cells, denied, wallMs: median(times), cpuMs: median(cpu), wallRuns: times, cpuRuns: cpu };
}

function main(): void {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const write = arg('--write');
  if (write !== undefined) {
    const dirs = writeReachManifests(write);
    console.log(JSON.stringify(dirs));
    return;
  }
  const runs = Number(arg('--runs') ?? 3);
  for (const withPolicies of [false, true]) {
    const f = measure(withPolicies, runs);
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ withPolicies, ...f }));
      continue;
    }
    console.log(`${withPolicies ? 'with' : 'without'} policies: ${f.pods} pods, ${f.policies} policies, ${f.cells} cells (${f.denied} denied): wall median ${f.wallMs.toFixed(0)} ms (${f.wallRuns.map((t) => t.toFixed(0)).join(', ')}), CPU median ${f.cpuMs.toFixed(0)} ms (${f.cpuRuns.map((t) => t.toFixed(0)).join(', ')}), ${runs} runs`);
  }
}

if (require.main === module) main();
