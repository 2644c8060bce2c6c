/**
 * Synth benchmark: an App with 1,000 Services, each in front of a cdk8s-plus-27 Deployment, written
 * three ways and synthesized with `app.synth()` as `cdk8s synth` does (construct tree → validations →
 * dist/*.k8s.yaml, here in a scratch directory):
 *
 *   cdk8s-plus-27                   kplus.Service (the baseline users would otherwise write)
 *   lineup constructs (no check)    our ClusterIPService, with the chart-level engine validation
 *                                   suppressed (the constructs register it on the Chart; here the
 *                                   Chart refuses chart-level validations, so synth renders only)
 *   lineup constructs (checked)     our ClusterIPService as users get it: synth runs the engine once
 *
 *   node build/bench/synth.js [RUNS] [SERVICES]  →  {"cdk8s-plus-27": ms, ...} (median of RUNS)
 *
 * Variants alternate within each round after one warm-up round, so JIT warm-up and machine noise
 * fall on all of them alike. Time covers building the construct tree and synthesizing it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterIPService } from '../lib/constructs';

type Variant = 'cdk8s-plus-27' | 'lineup constructs (no check)' | 'lineup constructs (checked)';
const VARIANTS: Variant[] = ['cdk8s-plus-27', 'lineup constructs (no check)', 'lineup constructs (checked)'];

function deployment(chart: Chart, i: number): kplus.Deployment {
  return new kplus.Deployment(chart, `app-${i}`, {
    metadata: { name: `app-${i}` },
    replicas: 2,
    containers: [
      {
        image: `registry.example.com/app-${i}:1.0.0`,
        ports: [
          { name: 'http', number: 8080 },
          { name: 'metrics', number: 9090 },
        ],
        securityContext: { ensureNonRoot: false },
      },
    ],
  });
}

const OUTDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-synth-'));

/** Builds the App and synthesizes it into OUTDIR; returns the manifest's size as a sanity check. */
function synthOnce(variant: Variant, services: number): number {
  const app = new App({ outdir: OUTDIR });
  const chart = new Chart(app, 'bench', { disableResourceNameHashes: true });
  if (variant === 'lineup constructs (no check)') {
    // The only chart-level validation in this App is lineup's engine check: refuse it.
    chart.node.addValidation = (): void => undefined;
  }
  for (let i = 0; i < services; i++) {
    const backend = deployment(chart, i);
    const ports = [
      { name: 'http', port: 80, targetPort: 'http' },
      { name: 'metrics', port: 9090, targetPort: 9090 },
    ];
    if (variant === 'cdk8s-plus-27') {
      new kplus.Service(chart, `svc-${i}`, {
        metadata: { name: `app-${i}` },
        selector: backend,
        ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name === 'http' ? 8080 : p.targetPort as number })),
      });
    } else {
      new ClusterIPService(chart, `svc-${i}`, { metadata: { name: `app-${i}` }, selector: backend, ports });
    }
  }
  app.synth();
  return fs.statSync(path.join(OUTDIR, 'bench.k8s.yaml')).size;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const runs = Number(process.argv[2] ?? 3);
  const services = Number(process.argv[3] ?? 1000);
  const samples = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (const v of VARIANTS) synthOnce(v, Math.min(services, 100)); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const v of VARIANTS) {
      const start = performance.now();
      synthOnce(v, services);
      samples.get(v)!.push(performance.now() - start);
    }
  }
  const out: Record<string, number> = {};
  for (const v of VARIANTS) out[v] = Math.round(median(samples.get(v)!));
  fs.rmSync(OUTDIR, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(out) + '\n');
}

main();
