/**
 * `npm run bench`: cdk8s-lineup against the parse floors and the Node peer, on generated manifest
 * sets with planted mistakes. Runs are alternated between tools and the median of N is reported.
 * Writes bench/RESULTS.md and docs/scaling.svg.
 *
 *   npm run bench                       # sizes 1000,4000,10000,50000, 3 runs each (Monokle up to 4000)
 *   npm run bench -- --sizes 1000 --runs 5 --no-monokle
 *   npm run bench -- --netpol-only      # only the NetworkPolicy section (check with policies added, reach)
 *   npm run bench -- --synth-only       # only the synth section
 *
 * A run that skips a section (--no-synth, --no-netpol) keeps that section of the existing
 * RESULTS.md, as it keeps the Gateway API section (written by bench/gateway.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GATEWAY_SECTION_END, GATEWAY_SECTION_START } from './gateway';
import { generate, writeSet, type PlantedMistake } from './generate';
import { writeReachManifests, type ReachFigures } from './reach';

interface Options {
  sizes: number[];
  runs: number;
  monokle: boolean;
  /** Monokle is quadratic: skip it above this many objects (it would take many minutes). */
  monokleMax: number;
  synth: boolean;
  /** Measure only the synth variants and replace that section of the existing RESULTS.md. */
  synthOnly: boolean;
  /** Measure NetworkPolicy costs (check with policies added, reach). */
  netpol: boolean;
  /** Measure only the NetworkPolicy section and replace it in the existing RESULTS.md. */
  netpolOnly: boolean;
  /** Objects of the set that policies are added to. */
  netpolSize: number;
  /** Whole-process `lineup reach` runs are stopped after this long. */
  reachLimitMs: number;
  /** Time the `yaml` (positions) floor too: informative, and the slowest process of a run by far. */
  yamlFloor: boolean;
}

const USAGE =
  'usage: npm run bench [-- --sizes N,N,… --runs N --no-monokle --monokle-max N --no-synth --synth-only ' +
  '--no-netpol --netpol-only --netpol-size N --no-yaml-floor --reach-limit SECONDS]';

/** Thrown for a command line the benchmark cannot run as meant; main prints it with the usage. */
class UsageError extends Error {}

/**
 * The options, or 'help' when the usage is asked for. An unknown option or a count that is not a
 * positive integer throws UsageError rather than being ignored: a run takes minutes and rewrites
 * RESULTS.md.
 */
export function parseArgs(argv: string[]): Options | 'help' {
  const o: Options = { sizes: [1000, 4000, 10000, 50000], runs: 3, monokle: true, monokleMax: 4000, synth: true, synthOnly: false, netpol: true, netpolOnly: false, netpolSize: 50000, reachLimitMs: 120_000, yamlFloor: true };
  const count = (option: string, text: string | undefined): number => {
    const n = Number(text);
    if (!text || !Number.isInteger(n) || n <= 0) throw new UsageError(`${option} takes a positive integer, not ${text ? JSON.stringify(text) : 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--sizes') o.sizes = (argv[++i] ?? '').split(',').map((size) => count(a, size));
    else if (a === '--runs') o.runs = count(a, argv[++i]);
    else if (a === '--no-monokle') o.monokle = false;
    else if (a === '--monokle-max') o.monokleMax = count(a, argv[++i]);
    else if (a === '--no-synth') o.synth = false;
    else if (a === '--synth-only') o.synthOnly = true;
    else if (a === '--no-netpol') o.netpol = false;
    else if (a === '--netpol-only') o.netpolOnly = true;
    else if (a === '--netpol-size') o.netpolSize = count(a, argv[++i]);
    else if (a === '--no-yaml-floor') o.yamlFloor = false;
    else if (a === '--reach-limit') o.reachLimitMs = count(a, argv[++i]) * 1000;
    else throw new UsageError(`unknown option ${a}`);
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

const load1 = (): number => os.loadavg()[0];

/** Runs a whole process under /usr/bin/time for wall time, CPU time and peak RSS; `discard`: its output is not kept. */
function timed(args: string[], discard = false): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: ROOT, stdio: ['ignore', discard ? 'ignore' : 'pipe', 'pipe'] });
  return timing(r, args);
}

/**
 * Wall time of a whole process with a time limit: undefined when it had not finished by then (it is
 * killed). Without /usr/bin/time, which a kill on the limit would leave its child running past.
 */
function wallWithin(args: string[], limitMs: number): number | undefined {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], timeout: limitMs, killSignal: 'SIGKILL' });
  if (r.error !== undefined || r.signal !== null) return undefined;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed (status ${r.status}): ${String(r.stderr).slice(0, 500)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function timing(r: ReturnType<typeof spawnSync>, args: string[]): Timed {
  const stderr = String(r.stderr);
  const last = stderr.trim().split('\n').pop() ?? '';
  const [secs, kb, user, sys] = last.split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(secs)) throw new Error(`${args.join(' ')} failed (status ${r.status}): ${stderr.slice(0, 500)}`);
  return { ms: secs * 1000, cpuMs: (user + sys) * 1000, maxRssMb: kb / 1024, stdout: r.stdout === null ? '' : String(r.stdout) };
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
  yamlMs?: number;
  jsyamlCpuMs: number;
  lineupMs: number;
  lineupCpuMs: number;
  /** The lowest and highest wall-time ratio of one run's `lineup check` to the same run's js-yaml floor. */
  wallRatioRange: [number, number];
  lineupRssMb: number;
  lineupFound: number;
  lineupPositioned: number;
  phases: Record<string, number>;
  monokleMs?: number;
  monokleFound?: number;
}

/** Lowest and highest of `a[i] / b[i]`: how far one run's ratio strays from the medians' on this machine. */
function ratioRange(a: number[], b: number[]): [number, number] {
  const ratios = a.map((x, i) => x / b[i]);
  return [Math.min(...ratios), Math.max(...ratios)];
}

function main(): void {
  let parsed: Options | 'help';
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`bench: ${e.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const opts = parsed;
  if (opts.synthOnly) {
    rewriteSynthSection(opts);
    return;
  }
  if (opts.netpolOnly) {
    replaceSection(NETPOL_SECTION_START, NETPOL_SECTION_END, networkPolicySection(measureNetworkPolicies(opts), opts));
    return;
  }
  const rows: Row[] = [];
  const loadBefore = load1();
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
      if (opts.yamlFloor) samples.yaml.push(timed([FLOOR, 'yaml', dir]).ms);
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
      yamlMs: opts.yamlFloor ? median(samples.yaml) : undefined,
      lineupMs: median(samples.lineup),
      lineupCpuMs: median(samples.lineupCpu),
      wallRatioRange: ratioRange(samples.lineup, samples.jsyaml),
      lineupRssMb: Math.max(...samples.rss),
      lineupFound,
      lineupPositioned,
      phases: Object.fromEntries(Object.entries(phaseSamples).map(([k, v]) => [k, median(v)])),
      monokleMs: runMonokle ? median(samples.monokle) : undefined,
      monokleFound,
    });
    process.stdout.write(`${size}: ${JSON.stringify(rows[rows.length - 1])}\n`);
  }
  const conditions: [number, number] = [loadBefore, load1()];
  const synth = opts.synth ? measureSynth(opts.runs) : undefined;
  const netpol = opts.netpol ? networkPolicySection(measureNetworkPolicies(opts), opts) : undefined;
  writeResults(rows, conditions, synth, netpol, opts);
}

export const NETPOL_SECTION_START = '<!-- networkpolicy-bench:start -->';
export const NETPOL_SECTION_END = '<!-- networkpolicy-bench:end -->';

type PolicySet = 'without policies' | 'per-namespace' | 'per-app';
const POLICY_SETS: PolicySet[] = ['without policies', 'per-namespace', 'per-app'];

interface NetworkPolicyFigures {
  load: [number, number];
  size: number;
  check: Record<PolicySet, { objects: number; policies: number; cpu: number[]; wall: number[]; rss: number[]; errors: number; warnings: number }>;
  /** `lineup reach` as a whole process (wall ms, undefined: not finished within the limit), and the matrix alone in-process. */
  reach: { limitMs: number; without: (number | undefined)[]; with: (number | undefined)[]; inProcess: ReachFigures[] };
}

/** `check` on the Helm-like set without and with NetworkPolicies, alternating; then `lineup reach` on bench/reach.ts's cluster. */
function measureNetworkPolicies(opts: Options): NetworkPolicyFigures {
  const before = load1();
  const dirs = {} as Record<PolicySet, string>;
  const check = {} as NetworkPolicyFigures['check'];
  for (const variant of POLICY_SETS) {
    const policies = variant === 'without policies' ? undefined : variant;
    const set = generate(opts.netpolSize, { policies });
    dirs[variant] = path.join(ROOT, 'bench', 'out', `set-${opts.netpolSize}${policies ? `-${policies}` : ''}`);
    writeSet(dirs[variant], set);
    const policyCount = (set.files.map((f) => f.text).join('').match(/^kind: NetworkPolicy$/gm) ?? []).length;
    check[variant] = { objects: set.objects, policies: policyCount, cpu: [], wall: [], rss: [], errors: 0, warnings: 0 };
  }
  for (let run = 0; run < opts.runs; run++) {
    for (const variant of POLICY_SETS) {
      const t = timed([CLI, 'check', dirs[variant], '-o', 'json', '--fail-on', 'never']);
      const c = check[variant];
      c.cpu.push(t.cpuMs);
      c.wall.push(t.ms);
      c.rss.push(t.maxRssMb);
      const findings = (JSON.parse(t.stdout) as { findings: { severity: string }[] }).findings;
      c.errors = findings.filter((f) => f.severity === 'error').length;
      c.warnings = findings.filter((f) => f.severity === 'warning').length;
      process.stdout.write(`netpol ${variant}: ${Math.round(t.cpuMs)} ms CPU, ${Math.round(t.ms)} ms wall\n`);
    }
  }
  const reachDirs = writeReachManifests(path.join(ROOT, 'bench', 'out', 'reach'));
  const reach: NetworkPolicyFigures['reach'] = { limitMs: opts.reachLimitMs, without: [], with: [], inProcess: [] };
  for (let run = 0; run < opts.runs; run++) {
    for (const variant of ['without', 'with'] as const) {
      const ms = wallWithin([CLI, 'reach', reachDirs[variant]], opts.reachLimitMs);
      reach[variant].push(ms);
      process.stdout.write(`reach ${variant}: ${ms === undefined ? `not finished in ${opts.reachLimitMs} ms` : `${Math.round(ms)} ms wall`}\n`);
    }
  }
  const inProcess = execFileSync(process.execPath, [path.join(ROOT, 'build', 'bench', 'reach.js'), '--runs', String(opts.runs), '--json'], { encoding: 'utf8' });
  reach.inProcess = inProcess.trim().split('\n').map((l) => JSON.parse(l) as ReachFigures);
  return { load: [before, load1()], size: opts.netpolSize, check, reach };
}

function runsOf(xs: number[]): string {
  return xs.map((x) => fmt(x)).join(', ');
}

function networkPolicySection(f: NetworkPolicyFigures, opts: Options): string {
  const base = median(f.check['without policies'].cpu);
  const lines = [NETPOL_SECTION_START, '## NetworkPolicy', ''];
  lines.push(
    `\`npm run bench -- --netpol-only --runs ${opts.runs}\` (bench/run.ts), ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores shared with other work: ` +
      `load average (1 min) ${f.load[0].toFixed(1)} before and ${f.load[1].toFixed(1)} after. Whole processes, runs alternating; CPU = user + system time ` +
      '(all threads), the steadier figure on a loaded machine; the median, with every run.',
    '',
    `**\`lineup check\` on the Helm-like ${f.size.toLocaleString('en')}-object set with policies added** (\`node build/bench/generate.js ${f.size} DIR [--policies | --policies-per-app]\`): ` +
      'per namespace a default deny of both directions and a DNS allowance, plus one allow policy per namespace (`per-namespace`) or per app (`per-app`).',
    '',
    '| set | objects | NetworkPolicies | CPU, median (runs) | CPU vs without | wall, median | peak RSS | findings (errors, warnings) |',
    '|---|---:|---:|---|---:|---:|---:|---:|',
  );
  for (const v of POLICY_SETS) {
    const c = f.check[v];
    const cpu = median(c.cpu);
    const vs = v === 'without policies' ? '—' : `${cpu >= base ? '+' : ''}${Math.round((cpu / base - 1) * 100)}%`;
    lines.push(`| ${v} | ${c.objects.toLocaleString('en')} | ${c.policies.toLocaleString('en')} | ${fmt(cpu)} (${runsOf(c.cpu)}) | ${vs} | ${fmt(median(c.wall))} | ${Math.round(Math.max(...c.rss))} MB | ${c.errors}, ${c.warnings} |`);
  }
  const [without, withPolicies] = [f.reach.inProcess.find((r) => r.policies === 0), f.reach.inProcess.find((r) => r.policies > 0)];
  lines.push(
    '',
    `**\`lineup reach\`, full matrix** (bench/reach.ts: 100 namespaces × 25 Deployments × 4 replicas = ${withPolicies?.pods.toLocaleString('en') ?? '?'} pods, 2,500 Services; ` +
      `with policies, per namespace a default deny of both directions, a DNS egress allowance, 9 ingress and 9 egress allow rules: ${withPolicies?.policies.toLocaleString('en') ?? '?'} policies; ` +
      `${withPolicies?.cells.toLocaleString('en') ?? '?'} cells). Whole process: \`lineup reach DIR\` (text table) on the cluster written as one JSON \`List\`: load, build, matrix, output, ` +
      `stopped after ${fmt(f.reach.limitMs)}; in-process: the matrix alone on a built cluster (\`node build/bench/reach.js --runs ${opts.runs}\`).`,
    '',
    '| cluster | whole process wall (runs) | matrix in-process CPU, median (runs) | matrix in-process wall, median |',
    '|---|---|---|---:|',
  );
  const walls = (xs: (number | undefined)[]): string => xs.map((x) => (x === undefined ? `not finished in ${fmt(f.reach.limitMs)}` : fmt(x))).join(', ');
  for (const [label, whole, inProc] of [['without policies', f.reach.without, without], [`with ${withPolicies?.policies.toLocaleString('en') ?? '?'} policies`, f.reach.with, withPolicies]] as const) {
    lines.push(`| ${label} | ${walls(whole)} | ${inProc ? `${fmt(inProc.cpuMs)} (${runsOf(inProc.cpuRuns)})` : '—'} | ${inProc ? fmt(inProc.wallMs) : '—'} |`);
  }
  lines.push('', NETPOL_SECTION_END);
  return lines.join('\n');
}

/** Replaces the marked section of RESULTS.md (appends it when missing). */
function replaceSection(startMarker: string, endMarker: string, section: string): void {
  const file = path.join(ROOT, 'bench', 'RESULTS.md');
  const current = fs.readFileSync(file, 'utf8');
  const start = current.indexOf(startMarker);
  const end = current.indexOf(endMarker);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + endMarker.length) : `${current.replace(/\n*$/, '\n\n')}${section}\n`;
  fs.writeFileSync(file, next);
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
  const end = text.indexOf(PROFILES_LINE);
  if (end < 0) throw new Error(`${file}: no "${PROFILES_LINE}" line to put the synth section before`);
  // Replace the section, or add it before the profiles line when no run has written one yet.
  const found = text.indexOf(SYNTH_HEADING);
  const start = found >= 0 && found < end ? found : end;
  const section = synthSection(measureSynth(opts.runs), opts.runs).join('\n');
  fs.writeFileSync(file, `${text.slice(0, start)}${section}\n\n${text.slice(end)}`);
}

function fmt(ms: number | undefined): string {
  return ms === undefined ? '—' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function writeResults(rows: Row[], load: [number, number], synth: SynthFigures | undefined, netpol: string | undefined, opts: Options): void {
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
  lines.push(`Generated by \`npm run bench -- --sizes ${opts.sizes.join(',')} --runs ${opts.runs}\` (bench/run.ts). Median of ${opts.runs} alternating runs; wall time of whole processes (Node start-up included); peak RSS from \`/usr/bin/time\`. "Ratio, run by run": the lowest and the highest ratio of one run's \`lineup check\` to the same run's floor.`, '');
  lines.push(`Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}. Versions: js-yaml ${version('js-yaml')}, yaml ${version('yaml')}, @monokle/validation ${version('@monokle/validation')}.`, '');
  lines.push(
    `Conditions: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load average (1 min) ${load[0].toFixed(1)} when the sets started and ${load[1].toFixed(1)} when they ended, on ${os.cpus().length} cores shared with other work. ` +
      'Other load inflates wall times most; the CPU columns are the steadier figures.',
    '',
  );
  lines.push('Input: `bench/generate.ts`, shaped like `helm template` output — per app a ServiceAccount, a Deployment or StatefulSet with the Helm labels, probes, quoted and folded env values, flow-list args and now and then an anchor shared with a sidecar; a multi-port Service by the Helm selector labels; ConfigMaps of block scalars (`|`, `>-`) and quoted strings; Secrets; sometimes an Ingress with TLS, a selector-less Service with Endpoints, an ExternalName Service, an HPA; `# Source:` comments. One app in two carries one planted mistake (6 % of the objects).', '');
  lines.push('Every time is a whole process (Node start-up included): the floors read and parse every file and do nothing else. CPU = user + system time of the process, all threads (less sensitive than wall time to other load on a shared machine). "exact" = planted mistakes reported by the planted rule with `file:line:column` pointing exactly at the planted text.', '');
  lines.push('| objects | YAML | js-yaml floor | yaml (positions) floor | `lineup check` | ratio to js-yaml (wall) | ratio, run by run (wall) | js-yaml CPU | lineup CPU | ratio (CPU) | peak RSS | planted | lineup found | exact | Monokle | Monokle found |');
  lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    lines.push(
      `| ${r.size.toLocaleString('en')} | ${(r.bytes / 2 ** 20).toFixed(1)} MB | ${fmt(r.jsyamlMs)} | ${fmt(r.yamlMs)} | ${fmt(r.lineupMs)} | ${(r.lineupMs / r.jsyamlMs).toFixed(2)}× | ${r.wallRatioRange.map((x) => x.toFixed(2)).join('–')}× | ` +
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
  const resultsFile = path.join(ROOT, 'bench', 'RESULTS.md');
  const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  if (synth) {
    lines.push('', ...synthSection(synth, opts.runs));
  } else {
    // Not measured in this run: keep the section of the run that did.
    const start = previous.indexOf(SYNTH_HEADING);
    const end = previous.indexOf(PROFILES_LINE);
    if (start >= 0 && end > start) lines.push('', previous.slice(start, end).trimEnd());
  }
  lines.push('', PROFILES_LINE, '');
  // The Gateway API section is written by bench/gateway.ts, the NetworkPolicy one by this script
  // when asked (not with --no-netpol); each is kept from the previous file otherwise.
  for (const [startMarker, endMarker, fresh] of [[GATEWAY_SECTION_START, GATEWAY_SECTION_END, undefined], [NETPOL_SECTION_START, NETPOL_SECTION_END, netpol]] as const) {
    if (fresh !== undefined) {
      lines.push(fresh, '');
      continue;
    }
    const start = previous.indexOf(startMarker);
    const end = previous.indexOf(endMarker);
    if (start >= 0 && end > start) lines.push(previous.slice(start, end + endMarker.length), '');
  }
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
    { name: 'yaml floor (positions)', color: '#c90', pts: rows.filter((r) => r.yamlMs !== undefined).map((r) => [r.size, r.yamlMs!]) },
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

if (require.main === module) main();
