/**
 * What one more replica costs: a Deployment of N replicas behind a Service with a named port,
 * checked (`lineup check`) and listed (`lineup get endpointslices`) as whole processes, for growing
 * N. Memory per extra replica = (peak RSS at the largest N − peak RSS at N = 1) / (N − 1).
 *
 *   node build/bench/replicas.js [RUNS] [SIZES]     # defaults: 3 runs, 1,1000,10000,50000
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replicatedApp } from './replicated-app';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');


interface Run {
  ms: number;
  maxRssMb: number;
  lines: number;
}

/** One whole process under /usr/bin/time: wall time, peak RSS, lines printed. */
function run(args: string[]): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const [secs, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(secs)) throw new Error(`lineup ${args.join(' ')} failed (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms: secs * 1000, maxRssMb: kb / 1024, lines: r.stdout.split('\n').length - 1 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function main(): void {
  const runs = Number(process.argv[2] ?? 3);
  const sizes = (process.argv[3] ?? '1,1000,10000,50000').split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-replicas-'));
  const rows: { n: number; check: Run; slices: Run }[] = [];
  for (const n of sizes) {
    const file = path.join(dir, `web-${n}.yaml`);
    fs.writeFileSync(file, replicatedApp(n));
    const checks: Run[] = [];
    const lists: Run[] = [];
    for (let i = 0; i < runs; i++) {
      checks.push(run(['check', file]));
      lists.push(run(['get', 'endpointslices', file]));
    }
    const pick = (xs: Run[]): Run => ({ ms: median(xs.map((x) => x.ms)), maxRssMb: median(xs.map((x) => x.maxRssMb)), lines: xs[0].lines });
    rows.push({ n, check: pick(checks), slices: pick(lists) });
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const out: string[] = ['| replicas | `check` wall | `check` peak RSS | `get endpointslices` wall | peak RSS | lines printed |', '|---:|---:|---:|---:|---:|---:|'];
  for (const r of rows) {
    out.push(`| ${r.n.toLocaleString('en-US')} | ${Math.round(r.check.ms)} ms | ${r.check.maxRssMb.toFixed(0)} MB | ${Math.round(r.slices.ms)} ms | ${r.slices.maxRssMb.toFixed(0)} MB | ${r.slices.lines} |`);
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (last.n > first.n) {
    const per = (mb: number): string => `${Math.round(((mb * 1024 * 1024) / (last.n - first.n)))} bytes`;
    out.push('', `Memory per extra replica (peak RSS, ${first.n.toLocaleString('en-US')} → ${last.n.toLocaleString('en-US')} replicas): check ${per(last.check.maxRssMb - first.check.maxRssMb)}, get endpointslices ${per(last.slices.maxRssMb - first.slices.maxRssMb)}.`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
