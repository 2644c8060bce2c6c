/**
 * `npm run fuzz -- --seconds N [--seed S]`: a time-boxed fuzzing campaign. Each case is a generated
 * cluster (test/reliability/arbitraries.ts), mutated structurally (wrong types, missing fields,
 * odd keys) and then as raw text (byte flips, YAML tokens dropped in, truncation, lines
 * duplicated or deleted, documents spliced from other cases). Every case goes through everything
 * lineup does (exercise.ts). A case that throws, trips a rule, breaks an invariant or takes too
 * long is saved to test/fuzz/crashes/<hash>.yaml; test/reliability/regressions.test.ts replays
 * every saved file. Deterministic for a given seed (the case order; not how many fit in N s).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { applyMutation, clusterObjects, mutation } from '../reliability/arbitraries';
import { exercise } from './exercise';
import { mulberry32 } from '../../bench/prng';

/** A case slower than this is a problem too (a hang in the making). */
const SLOW_MS = 5000;
/** Crashes kept per distinct problem signature: one reproducer is enough, three show the pattern. */
const KEEP_PER_SIGNATURE = 3;

const TOKENS = [
  '&a ', '*a', '{', '}', '[', ']', ',', '---\n', '...\n', '\t', ': ', '- ', '"', "'", '|\n', '>-\n', '!!binary ', '!!str ', '!!int ', '!!map ',
  '<<: *a\n', '\ufeff', '\u0000', '\u001b', '? ', '%YAML 1.2\n', '#', ' #', '\r\n', '\n', '  ', '9007199254740993', '-1', '1e400', '0x1F', '0o17',
  '.inf', '.nan', 'null', '~', 'true', 'yes', '__proto__', 'constructor', '"\\u0000"', '😀', 'Ü', '\u2028', '*', 'None', '65536', '0', '""', '[]', '{}',
];

function toYaml(objects: unknown[]): string {
  return objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n');
}

type Mutator = (text: string, rnd: () => number, other: string) => string;

const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;
const at = (text: string, rnd: () => number): number => Math.floor(rnd() * (text.length + 1));

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export const MUTATORS: Record<string, Mutator> = {
  flipByte: (t, rnd) => {
    const i = Math.floor(rnd() * t.length);
    return t.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 256)) + t.slice(i + 1);
  },
  insertToken: (t, rnd) => {
    const i = at(t, rnd);
    return t.slice(0, i) + pick(TOKENS, rnd) + t.slice(i);
  },
  truncate: (t, rnd) => t.slice(0, at(t, rnd)),
  deleteLine: (t, rnd) => {
    const s = lineStarts(t);
    const k = Math.floor(rnd() * s.length);
    return t.slice(0, s[k]) + (k + 1 < s.length ? t.slice(s[k + 1]) : '');
  },
  duplicateLine: (t, rnd) => {
    const s = lineStarts(t);
    const k = Math.floor(rnd() * s.length);
    const end = k + 1 < s.length ? s[k + 1]! : t.length;
    return t.slice(0, end) + t.slice(s[k], end) + (end === t.length ? '\n' : '') + t.slice(end);
  },
  reindent: (t, rnd) => {
    const s = lineStarts(t);
    const k = s[Math.floor(rnd() * s.length)]!;
    return rnd() < 0.5 ? t.slice(0, k) + ' '.repeat(1 + Math.floor(rnd() * 3)) + t.slice(k) : t.slice(0, k) + t.slice(k).replace(/^ {1,2}/, '');
  },
  splice: (t, rnd, other) => {
    const a = lineStarts(t);
    const b = lineStarts(other);
    return t.slice(0, a[Math.floor(rnd() * a.length)]) + other.slice(b[Math.floor(rnd() * b.length)]);
  },
  appendDocument: (t, rnd, other) => {
    const docs = other.split(/^---$/m);
    return `${t}\n---\n${pick(docs, rnd)}`;
  },
};

export interface CampaignOptions {
  seconds: number;
  seed: number;
  crashDir: string;
  log?: (line: string) => void;
}

export interface CampaignResult {
  cases: number;
  crashes: number;
  signatures: string[];
  saved: string[];
}

function signatureOf(problem: string): string {
  // Numbers and quoted names vary between reproducers of the same bug.
  return problem.replace(/"[^"]*"/g, '""').replace(/\d+/g, 'N').slice(0, 160);
}

export function runCampaign(opts: CampaignOptions): CampaignResult {
  const log = opts.log ?? ((line: string) => process.stdout.write(line + '\n'));
  const rnd = mulberry32(opts.seed);
  const deadline = Date.now() + opts.seconds * 1000;
  const kept = new Map<string, number>();
  const saved: string[] = [];
  let cases = 0;
  let crashes = 0;
  let previous = 'apiVersion: v1\nkind: Service\nmetadata: {name: seed}\nspec: {ports: [{port: 80}]}\n';
  let batch = 0;
  while (Date.now() < deadline) {
    // A batch of generated clusters per round, from the seeded stream.
    const generated = fc.sample(fc.tuple(clusterObjects, fc.array(mutation, { maxLength: 3 })), { seed: (opts.seed + batch++) | 0, numRuns: 20 });
    for (const [objects, mutations] of generated) {
      if (Date.now() >= deadline) break;
      let mutated: unknown[] = objects;
      for (const m of mutations) mutated = applyMutation(mutated, m);
      let text = toYaml(mutated);
      const names = Object.keys(MUTATORS);
      const rounds = Math.floor(rnd() * 4);
      for (let i = 0; i < rounds; i++) text = MUTATORS[pick(names, rnd)]!(text, rnd, previous);
      previous = text;
      cases++;
      const start = Date.now();
      const { problems } = exercise(text);
      const ms = Date.now() - start;
      if (ms > SLOW_MS) problems.push(`slow: ${ms} ms for one case`);
      if (problems.length === 0) continue;
      crashes++;
      const signature = signatureOf(problems[0]!);
      const count = kept.get(signature) ?? 0;
      kept.set(signature, count + 1);
      if (count >= KEEP_PER_SIGNATURE) continue;
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
      fs.mkdirSync(opts.crashDir, { recursive: true });
      const file = path.join(opts.crashDir, `${hash}.yaml`);
      fs.writeFileSync(file, text);
      saved.push(file);
      log(`crash ${hash}: ${problems[0]}`);
    }
  }
  return { cases, crashes, signatures: [...kept.keys()].sort(), saved };
}

function repoRoot(from: string): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function parseArgs(argv: string[]): CampaignOptions {
  const opts: CampaignOptions = { seconds: 60, seed: Date.now() % 2 ** 31, crashDir: path.join(repoRoot(__dirname), 'test', 'fuzz', 'crashes') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if ((arg === '--seconds' || arg === '--seed') && value !== undefined && /^\d+$/.test(value)) {
      if (arg === '--seconds') opts.seconds = Number(value);
      else opts.seed = Number(value);
      i++;
    } else if (arg === '--out' && value !== undefined) {
      opts.crashDir = path.resolve(value);
      i++;
    } else {
      throw new Error(`unknown or incomplete argument ${arg}; usage: npm run fuzz -- [--seconds N] [--seed N] [--out DIR]`);
    }
  }
  return opts;
}

if (require.main === module) {
  let opts: CampaignOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fuzz: ${(e as Error).message}\n`);
    process.exit(2);
  }
  process.stdout.write(`fuzz: ${opts.seconds} s, seed ${opts.seed}, crashes to ${path.relative(process.cwd(), opts.crashDir) || '.'}\n`);
  const r = runCampaign(opts);
  process.stdout.write(`fuzz: ${r.cases} cases run, ${r.crashes} crashing (${r.signatures.length} distinct), ${r.saved.length} saved\n`);
  process.exitCode = r.crashes > 0 ? 1 : 0;
}
