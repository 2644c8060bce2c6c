/**
 * Synth benchmark: an App with 1,000 Services, each in front of a cdk8s-plus-27 Deployment, written
 * three ways and synthesized with `app.synth()` as `cdk8s synth` does (construct tree → validations →
 * dist/*.k8s.yaml, here in a scratch directory):
 *
 *   cdk8s-plus-27                   kplus.Service (the baseline users would otherwise write)
 *   lineup constructs (no check)    our ClusterIPService run as `cdk8s synth` runs it when cdk8s.yaml
 *                                   also configures the lineup plugin: the app leaves the judging to
 *                                   the plugin (CDK8S_RECORD_CONSTRUCT_METADATA=true and a cdk8s.yaml
 *                                   naming LineupValidation in the working directory), so synth
 *                                   renders only
 *   lineup constructs (checked)     our ClusterIPService as users get it: synth renders the App once
 *                                   more for the check and runs the engine once
 *
 *   node build/bench/synth.js [RUNS] [SERVICES]  →  {"cdk8s-plus-27": ms, ...} (median of RUNS)
 *   node build/bench/synth.js [RUNS] [SERVICES] --cpu  →  the same with process CPU time (user +
 *                                   system, all threads: steadier than wall time on a loaded machine)
 *
 *   node build/bench/synth.js [RUNS] [SERVICES] --process  →  whole processes, as `cdk8s synth`
 *                                   runs the app: Node start-up, loading cdk8s, cdk8s-plus and the
 *                                   library, building and synthesizing; {"wall": {...}, "cpu": {...}}
 *
 * Variants alternate within each round after one warm-up round, so JIT warm-up and machine noise
 * fall on all of them alike. In-process time covers building the construct tree and synthesizing it.
 */
import { spawnSync } from 'node:child_process';
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
// The working directory of the app, as under `cdk8s synth`: a cdk8s.yaml that configures the plugin.
fs.writeFileSync(path.join(OUTDIR, 'cdk8s.yaml'), 'app: node main.js\nvalidations:\n  - package: cdk8s-lineup\n    version: 0.1.0\n    class: LineupValidation\n');
process.chdir(OUTDIR);

/** Builds the App and synthesizes it into OUTDIR; returns the manifest's size as a sanity check. */
function synthOnce(variant: Variant, services: number): number {
  // No construct-metadata.json in any variant (the deferred one sets the variable that asks for it).
  const app = new App({ outdir: OUTDIR, recordConstructMetadata: false });
  const chart = new Chart(app, 'bench', { disableResourceNameHashes: true });
  const deferred = variant === 'lineup constructs (no check)';
  if (deferred) process.env.CDK8S_RECORD_CONSTRUCT_METADATA = 'true';
  else delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
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
  delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  return fs.statSync(path.join(OUTDIR, 'bench.k8s.yaml')).size;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `--child VARIANT SERVICES`: one synth in this process; prints the process's CPU ms since start. */
function child(variant: Variant, services: number): void {
  synthOnce(variant, services);
  const u = process.cpuUsage();
  fs.rmSync(OUTDIR, { recursive: true, force: true });
  process.stdout.write(`${Math.round((u.user + u.system) / 1000)}\n`);
}

function wholeProcesses(runs: number, services: number): void {
  const wall = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  const cpu = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (let r = -1; r < runs; r++) {
    for (const v of VARIANTS) {
      const start = performance.now();
      const out = spawnSync(process.execPath, [__filename, '--child', v, String(services)], { encoding: 'utf8' });
      const took = performance.now() - start;
      if (out.status !== 0) throw new Error(`${v}: ${out.stderr}`);
      if (r < 0) continue; // warm-up round (file cache)
      wall.get(v)!.push(took);
      cpu.get(v)!.push(Number(out.stdout.trim()));
    }
  }
  const pick = (m: Map<Variant, number[]>): Record<string, number> => Object.fromEntries(VARIANTS.map((v) => [v, Math.round(median(m.get(v)!))]));
  fs.rmSync(OUTDIR, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ wall: pick(wall), cpu: pick(cpu) }) + '\n');
}

function main(): void {
  if (process.argv[2] === '--child') {
    child(process.argv[3] as Variant, Number(process.argv[4]));
    return;
  }
  if (process.argv.includes('--process')) {
    const [runs = '3', services = '1000'] = process.argv.slice(2).filter((a) => a !== '--process');
    wholeProcesses(Number(runs), Number(services));
    return;
  }
  const args = process.argv.slice(2).filter((a) => a !== '--cpu');
  const cpu = process.argv.includes('--cpu');
  const runs = Number(args[0] ?? 3);
  const services = Number(args[1] ?? 1000);
  const now = (): number => {
    if (!cpu) return performance.now();
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const samples = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (const v of VARIANTS) synthOnce(v, Math.min(services, 100)); // warm-up
  for (let r = 0; r < runs; r++) {
    for (const v of VARIANTS) {
      const start = now();
      synthOnce(v, services);
      samples.get(v)!.push(now() - start);
    }
  }
  const out: Record<string, number> = {};
  for (const v of VARIANTS) out[v] = Math.round(median(samples.get(v)!));
  fs.rmSync(OUTDIR, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(out) + '\n');
}

main();
