/**
 * `npm run bench`: cdk8s-lineup against the parse floors and the Node peer, on generated manifest
 * sets with planted mistakes. Runs are alternated between tools and the median of N is reported.
 * Writes bench/RESULTS.md and docs/scaling.svg.
 *
 *   npm run bench                       # sizes 1000,4000,10000,50000, 3 runs each (Monokle up to 4000)
 *   npm run bench -- --sizes 1000 --runs 5 --no-monokle
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GATEWAY_SECTION_END, GATEWAY_SECTION_START } from './gateway';
import { generate, writeSet, type PlantedMistake } from './generate';

interface Options {
  sizes: number[];
  runs: number;
  monokle: boolean;
  /** Monokle is quadratic: skip it above this many objects (it would take many minutes). */
  monokleMax: number;
  synth: boolean;
  /** Measure only the synth variants and replace that section of the existing RESULTS.md. */
  synthOnly: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { sizes: [1000, 4000, 10000, 50000], runs: 3, monokle: true, monokleMax: 4000, synth: true, synthOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--no-monokle') o.monokle = false;
    else if (a === '--monokle-max') o.monokleMax = Number(argv[++i]);
    else if (a === '--no-synth') o.synth = false;
    else if (a === '--synth-only') o.synthOnly = true;
  }
  return o;
}

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'lib', 'cli', 'main.js');
const FLOOR = path.join(ROOT, 'build', 'bench', 'floor.js');
const PHASES = path.join(ROOT, 'build', 'bench', 'phases.js');
const MONOKLE = path.join(ROOT, 'bench', 'monokle.mjs');

interface Timed {
  ms: number;
  /** User + system CPU time of the process (all threads): robust to other load on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
}

/** Runs a whole process under /usr/bin/time for wall time, CPU time and peak RSS. */
function timed(args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: ROOT });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb, user, sys] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(secs)) throw new Error(`${args.join(' ')} failed (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms: secs * 1000, cpuMs: (user + sys) * 1000, maxRssMb: kb / 1024, stdout: r.stdout };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Reported {
  rule?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  source?: { file: string; line: number; column: number };
}

function reports(f: Reported, m: PlantedMistake, sameRule: boolean): boolean {
  return f.kind === m.kind && (f.namespace ?? 'default') === m.namespace && f.name === m.name && (!sameRule || f.rule === m.rule);
}

function detected(findings: Reported[], planted: PlantedMistake[], sameRule: boolean): number {
  return planted.filter((m) => findings.some((f) => reports(f, m, sameRule))).length;
}

/** Planted mistakes reported by the right rule with `file:line:column` pointing exactly at the planted text. */
function positioned(findings: Reported[], planted: PlantedMistake[]): number {
  const lines = new Map<string, string[]>();
  const textAt = (src: { file: string; line: number; column: number }): string => {
    let l = lines.get(src.file);
    if (!l) lines.set(src.file, (l = fs.readFileSync(path.resolve(ROOT, src.file), 'utf8').split('\n')));
    return (l[src.line - 1] ?? '').slice(src.column - 1);
  };
  return planted.filter((m) => findings.some((f) => reports(f, m, true) && f.source !== undefined && textAt(f.source).startsWith(m.at))).length;
}

interface Row {
  size: number;
  bytes: number;
  planted: number;
  jsyamlMs: number;
  yamlMs: number;
  jsyamlCpuMs: number;
  lineupMs: number;
  lineupCpuMs: number;
  lineupRssMb: number;
  lineupFound: number;
  lineupPositioned: number;
  phases: Record<string, number>;
  monokleMs?: number;
  monokleFound?: number;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.synthOnly) {
    rewriteSynthSection(opts);
    return;
  }
  const rows: Row[] = [];
  for (const size of opts.sizes) {
    const dir = path.join(ROOT, 'bench', 'out', `set-${size}`);
    const set = generate(size);
    writeSet(dir, set);
    const bytes = set.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    const samples: Record<string, number[]> = { jsyaml: [], jsyamlCpu: [], yaml: [], lineup: [], lineupCpu: [], rss: [], monokle: [] };
    const phaseSamples: Record<string, number[]> = {};
    let lineupFound = 0;
    let lineupPositioned = 0;
    let monokleFound: number | undefined;
    const runMonokle = opts.monokle && size <= opts.monokleMax;
    for (let run = 0; run < opts.runs; run++) {
      // Alternate tools within each round so that machine noise spreads evenly.
      // The floors' own `ms` is parse time in-process; whole-process wall time is what lineup is compared with.
      const floor = timed([FLOOR, 'js-yaml', dir]);
      samples.jsyaml.push(floor.ms);
      samples.jsyamlCpu.push(floor.cpuMs);
      samples.yaml.push(timed([FLOOR, 'yaml', dir]).ms);
      const t = timed([CLI, 'check', dir, '-o', 'json', '--fail-on', 'never']);
      samples.lineup.push(t.ms);
      samples.lineupCpu.push(t.cpuMs);
      samples.rss.push(t.maxRssMb);
      const findings = (JSON.parse(t.stdout) as { findings: { rule: string; object?: { kind: string; namespace?: string; name: string }; source?: { file: string; line: number; column: number } }[] }).findings;
      const reported = findings.map((f) => ({ rule: f.rule, ...f.object, source: f.source }));
      lineupFound = detected(reported, set.mistakes, true);
      lineupPositioned = positioned(reported, set.mistakes);
      const phases = JSON.parse(execFileSync(process.execPath, [PHASES, dir], { encoding: 'utf8', maxBuffer: 1 << 28 })) as Record<string, number>;
      for (const [k, v] of Object.entries(phases)) (phaseSamples[k] ??= []).push(v);
      if (runMonokle) {
        const m = timed([MONOKLE, dir]);
        const out = JSON.parse(m.stdout) as { ms: number; findings: { kind?: string; namespace?: string; name?: string }[] };
        samples.monokle.push(m.ms);
        monokleFound = detected(out.findings, set.mistakes, false);
      }
    }
    rows.push({
      size,
      bytes,
      planted: set.mistakes.length,
      jsyamlMs: median(samples.jsyaml),
      jsyamlCpuMs: median(samples.jsyamlCpu),
      yamlMs: median(samples.yaml),
      lineupMs: median(samples.lineup),
      lineupCpuMs: median(samples.lineupCpu),
      lineupRssMb: Math.max(...samples.rss),
      lineupFound,
      lineupPositioned,
      phases: Object.fromEntries(Object.entries(phaseSamples).map(([k, v]) => [k, median(v)])),
      monokleMs: runMonokle ? median(samples.monokle) : undefined,
      monokleFound,
    });
    process.stdout.write(`${size}: ${JSON.stringify(rows[rows.length - 1])}\n`);
  }
  writeResults(rows, opts.synth ? measureSynth(opts.runs) : undefined, opts);
}

/** The synth benchmark three ways: in-process wall time, in-process CPU time, whole processes. */
interface SynthFigures {
  /** 1-minute load average before and after (a shared machine skews wall time most). */
  load: [number, number];
  wall: Record<string, number>;
  cpu: Record<string, number>;
  process: { wall: Record<string, number>; cpu: Record<string, number> };
}

function measureSynth(runs: number): SynthFigures {
  const run = (...args: string[]): unknown => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'build', 'bench', 'synth.js'), String(runs), '1000', ...args], { encoding: 'utf8' });
    process.stdout.write(`synth ${args.join(' ')}: ${out}`);
    return JSON.parse(out);
  };
  const before = os.loadavg()[0];
  const wall = run() as Record<string, number>;
  const cpu = run('--cpu') as Record<string, number>;
  const whole = run('--process') as SynthFigures['process'];
  return { load: [before, os.loadavg()[0]], wall, cpu, process: whole };
}

const SYNTH_HEADING = '## Synth: 1,000 Services';
const PROFILES_LINE = 'Profiles (`node --cpu-prof`) and what was changed because of them: bench/PROFILE.md.';

function synthSection(synth: SynthFigures, runs: number): string[] {
  const lines = [SYNTH_HEADING, ''];
  lines.push(
    `\`node build/bench/synth.js ${runs} 1000 [--cpu | --process]\` (bench/synth.ts): build the construct tree and \`app.synth()\` it, as \`cdk8s synth\` does; ` +
      'median of the runs, variants alternating after a warm-up round. In-process figures cover building and synthesizing; whole-process figures add ' +
      'Node start-up and loading cdk8s, cdk8s-plus-27 and the library, as a `cdk8s synth` of the app does. CPU = user + system time (all threads). ' +
      `Load average (1 min) ${synth.load[0].toFixed(1)} before and ${synth.load[1].toFixed(1)} after, on ${os.cpus().length} cores.`,
    '',
  );
  lines.push('| app | in-process wall | in-process CPU | whole process wall | whole process CPU |', '|---|---:|---:|---:|---:|');
  for (const k of Object.keys(synth.wall)) lines.push(`| ${k} | ${fmt(synth.wall[k])} | ${fmt(synth.cpu[k])} | ${fmt(synth.process.wall[k])} | ${fmt(synth.process.cpu[k])} |`);
  const pct = (m: Record<string, number>): string => `${Math.round((m['lineup constructs (checked)'] / m['lineup constructs (no check)'] - 1) * 100)}%`;
  lines.push(
    '',
    `Synth-time checking adds, over the same constructs unchecked: in-process ${pct(synth.wall)} wall, ${pct(synth.cpu)} CPU; whole process ${pct(synth.process.wall)} wall, ${pct(synth.process.cpu)} CPU.`,
    'The check renders every object once more (cdk8s has no supported way to let a validation share its rendering) and runs the engine once; see docs/synth-checking.md.',
  );
  return lines;
}

/** `--synth-only`: measures the synth variants and replaces their section in the existing RESULTS.md. */
function rewriteSynthSection(opts: Options): void {
  const file = path.join(ROOT, 'bench', 'RESULTS.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(SYNTH_HEADING);
  const end = text.indexOf(PROFILES_LINE);
  if (start < 0 || end < start) throw new Error(`${file}: no "${SYNTH_HEADING}" section before the profiles line`);
  const section = synthSection(measureSynth(opts.runs), opts.runs).join('\n');
  fs.writeFileSync(file, `${text.slice(0, start)}${section}\n\n${text.slice(end)}`);
}

function fmt(ms: number | undefined): string {
  return ms === undefined ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function writeResults(rows: Row[], synth: SynthFigures | undefined, opts: Options): void {
  const version = (name: string): string => {
    try {
      return (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines: string[] = [];
  lines.push('# Benchmark results', '');
  lines.push(`Generated by \`npm run bench -- --sizes ${opts.sizes.join(',')} --runs ${opts.runs}\` (bench/run.ts). Median of ${opts.runs} alternating runs; wall time of whole processes (Node start-up included); peak RSS from \`/usr/bin/time\`.`, '');
  lines.push(`Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Versions: js-yaml ${version('js-yaml')}, yaml ${version('yaml')}, @monokle/validation ${version('@monokle/validation')}.`, '');
  lines.push('Input: `bench/generate.ts`, shaped like `helm template` output — per app a ServiceAccount, a Deployment or StatefulSet with the Helm labels, probes, quoted and folded env values, flow-list args and now and then an anchor shared with a sidecar; a multi-port Service by the Helm selector labels; ConfigMaps of block scalars (`|`, `>-`) and quoted strings; Secrets; sometimes an Ingress with TLS, a selector-less Service with Endpoints, an ExternalName Service, an HPA; `# Source:` comments. One app in two carries one planted mistake (6 % of the objects).', '');
  lines.push('Every time is a whole process (Node start-up included): the floors read and parse every file and do nothing else. CPU = user + system time of the process, all threads (less sensitive than wall time to other load on a shared machine). "exact" = planted mistakes reported by the planted rule with `file:line:column` pointing exactly at the planted text.', '');
  lines.push('| objects | YAML | js-yaml floor | yaml (positions) floor | `lineup check` | ratio to js-yaml (wall) | js-yaml CPU | lineup CPU | ratio (CPU) | peak RSS | planted | lineup found | exact | Monokle | Monokle found |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    lines.push(
      `| ${r.size.toLocaleString('en')} | ${(r.bytes / 2 ** 20).toFixed(1)} MB | ${fmt(r.jsyamlMs)} | ${fmt(r.yamlMs)} | ${fmt(r.lineupMs)} | ${(r.lineupMs / r.jsyamlMs).toFixed(2)}× | ` +
        `${fmt(r.jsyamlCpuMs)} | ${fmt(r.lineupCpuMs)} | ${(r.lineupCpuMs / r.jsyamlCpuMs).toFixed(2)}× | ${Math.round(r.lineupRssMb)} MB | ${r.planted} | ${r.lineupFound} | ${r.lineupPositioned} | ` +
        `${r.monokleMs === undefined ? `skipped (> ${opts.monokleMax.toLocaleString('en')})` : fmt(r.monokleMs)} | ${r.monokleFound ?? '—'} |`,
    );
  }
  lines.push('', '## Where the time goes (in-process phases, ms)', '');
  const phaseNames = Object.keys(rows[0]?.phases ?? {});
  lines.push(`| objects | ${phaseNames.join(' | ')} |`);
  lines.push(`|---:|${phaseNames.map(() => '---:').join('|')}|`);
  for (const r of rows) lines.push(`| ${r.size.toLocaleString('en')} | ${phaseNames.map((p) => Math.round(r.phases[p])).join(' | ')} |`);
  if (rows.length >= 2) {
    lines.push('', '## Scaling of `lineup check` (whole process, start-up included)', '');
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      lines.push(`- ${a.size.toLocaleString('en')} → ${b.size.toLocaleString('en')} objects (${(b.size / a.size).toFixed(1)}×): wall ${(b.lineupMs / a.lineupMs).toFixed(1)}×, CPU ${(b.lineupCpuMs / a.lineupCpuMs).toFixed(1)}×`);
    }
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (rows.length > 2) lines.push(`- ${first.size.toLocaleString('en')} → ${last.size.toLocaleString('en')} objects (${(last.size / first.size).toFixed(0)}×): wall ${(last.lineupMs / first.lineupMs).toFixed(1)}×, CPU ${(last.lineupCpuMs / first.lineupCpuMs).toFixed(1)}×`);
  }
  if (synth) lines.push('', ...synthSection(synth, opts.runs));
  lines.push('', PROFILES_LINE, '');
  // The Gateway API section is written by bench/gateway.ts; keep it.
  const resultsFile = path.join(ROOT, 'bench', 'RESULTS.md');
  const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  const gatewayStart = previous.indexOf(GATEWAY_SECTION_START);
  const gatewayEnd = previous.indexOf(GATEWAY_SECTION_END);
  if (gatewayStart >= 0 && gatewayEnd > gatewayStart) lines.push(previous.slice(gatewayStart, gatewayEnd + GATEWAY_SECTION_END.length), '');
  fs.writeFileSync(resultsFile, lines.join('\n'));
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'docs', 'scaling.svg'), scalingSvg(rows));
}

/** A log-log plot of wall time against object count for each tool. */
function scalingSvg(rows: Row[]): string {
  const W = 640;
  const H = 400;
  const m = { l: 70, r: 150, t: 30, b: 50 };
  const series: { name: string; color: string; pts: [number, number][] }[] = [
    { name: 'js-yaml floor', color: '#888', pts: rows.map((r) => [r.size, r.jsyamlMs]) },
    { name: 'yaml floor (positions)', color: '#c90', pts: rows.map((r) => [r.size, r.yamlMs]) },
    { name: 'lineup check', color: '#1a7f37', pts: rows.map((r) => [r.size, r.lineupMs]) },
    { name: '@monokle/validation', color: '#cf222e', pts: rows.filter((r) => r.monokleMs !== undefined).map((r) => [r.size, r.monokleMs!]) },
  ];
  const all = series.flatMap((s) => s.pts);
  const xs = all.map((p) => Math.log10(p[0]));
  const ys = all.map((p) => Math.log10(p[1]));
  const [x0, x1] = [Math.min(...xs) - 0.1, Math.max(...xs) + 0.1];
  const [y0, y1] = [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))];
  const X = (v: number): number => m.l + ((Math.log10(v) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (v: number): number => H - m.b - ((Math.log10(v) - y0) / (y1 - y0 || 1)) * (H - m.t - m.b);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  for (let e = y0; e <= y1; e++) {
    const y = Y(10 ** e);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y}" y2="${y}" stroke="#eee"/><text x="${m.l - 8}" y="${y + 4}" text-anchor="end">${10 ** e >= 1000 ? `${10 ** (e - 3)} s` : `${10 ** e} ms`}</text>`);
  }
  for (const r of rows) out.push(`<text x="${X(r.size)}" y="${H - m.b + 18}" text-anchor="middle">${r.size.toLocaleString('en')}</text>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">objects (log scale)</text>`);
  out.push(`<text x="16" y="${(m.t + H - m.b) / 2}" transform="rotate(-90 16 ${(m.t + H - m.b) / 2})" text-anchor="middle">wall time, whole process (log scale)</text>`);
  series.forEach((s, i) => {
    if (s.pts.length === 0) return;
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${s.pts.map(([x, y]) => `${X(x)},${Y(y)}`).join(' ')}"/>`);
    for (const [x, y] of s.pts) out.push(`<circle cx="${X(x)}" cy="${Y(y)}" r="3" fill="${s.color}"/>`);
    out.push(`<rect x="${W - m.r + 12}" y="${m.t + i * 20}" width="12" height="3" fill="${s.color}"/><text x="${W - m.r + 30}" y="${m.t + i * 20 + 5}">${s.name}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

main();
