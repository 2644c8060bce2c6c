/**
 * What locating the findings of a set costs, by the two ways a position can be found: the `yaml`
 * syntax tree of each document (with the composed document where the tree hands over), and the
 * line walk first (lib/load/block-locate.ts), the tree only where the walk hands over.
 *
 *   node build/bench/locate.js DIR [ROUNDS]          A/B alternating in one process (warm after round 1)
 *   node build/bench/locate.js DIR 1 tree|walk       one pass of one way in a fresh process (as in a run)
 *
 * The look-ups are the ones `lineup check DIR` makes: every rule's hits, located at
 * `sourceField ?? field` in their object's document. Prints CPU (user + system) and wall per pass,
 * and how many look-ups the walk answered.
 */
import { buildCluster } from '../lib/cluster/build';
import { defaultSettings } from '../lib/cluster/settings';
import { parsePath, type PathStep } from '../lib/k8s/field-path';
import { reachInBlockText } from '../lib/load/block-locate';
import { loadPaths } from '../lib/load/load';
import { lineAndColumn, LocatableText, reachInDocument, reachInTree, type Reached } from '../lib/load/locate';
import { rules } from '../lib/rules/registry';

interface LookUp {
  text: string;
  steps: PathStep[];
}

function lookUps(dir: string): LookUp[] {
  const load = loadPaths([dir]);
  const cluster = buildCluster(load.objects, defaultSettings());
  const out: LookUp[] = [];
  for (const rule of rules) {
    for (const hit of rule.check({ cluster, loadProblems: load.problems, input: { kustomizations: [] } })) {
      if (hit.object === undefined) continue;
      const field = hit.sourceField ?? hit.field;
      const source = hit.object.source;
      const text = source instanceof LocatableText ? source.text() : undefined;
      if (!field || text === undefined) continue;
      out.push({ text, steps: parsePath(field) });
    }
  }
  return out;
}

function byTree(text: string, steps: readonly PathStep[]): Reached | null | undefined {
  // Required here, as locate.ts does: a run whose look-ups the walk answers never loads `yaml`.
  const yaml = require('yaml') as typeof import('yaml');
  let tree;
  for (const token of new yaml.Parser().parse(text)) if (token.type === 'document') tree = token.value;
  return reachInTree(tree, steps) ?? reachInDocument(yaml.parseDocument(text, { keepSourceTokens: false, uniqueKeys: false }), steps);
}

let walked = 0;
function pass(items: readonly LookUp[], way: 'tree' | 'walk'): { cpu: number; wall: number } {
  walked = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let sum = 0;
  for (const { text, steps } of items) {
    let reached: Reached | null | undefined = way === 'walk' ? reachInBlockText(text, steps) : null;
    if (reached) walked++;
    else reached = byTree(text, steps);
    const at = reached ? (reached.resolved === steps.length ? reached.value : reached.named) : undefined;
    if (at !== undefined) sum += lineAndColumn(text, at).line;
  }
  const cpu = process.cpuUsage(cpu0);
  if (sum < 0) throw new Error('unreachable');
  return { cpu: (cpu.user + cpu.system) / 1000, wall: performance.now() - wall0 };
}

const [dir, roundsArg, only] = process.argv.slice(2);
const items = lookUps(dir);
const rounds = Number(roundsArg ?? 5);
const fmt = (r: { cpu: number; wall: number }): string => `${r.cpu.toFixed(1)} ms CPU, ${r.wall.toFixed(1)} ms wall`;
process.stdout.write(`${items.length} look-ups\n`);
for (let round = 1; round <= rounds; round++) {
  for (const way of only ? [only as 'tree' | 'walk'] : round % 2 ? (['tree', 'walk'] as const) : (['walk', 'tree'] as const)) {
    const r = pass(items, way);
    process.stdout.write(`round ${round} ${way}: ${fmt(r)}${way === 'walk' ? ` (walk answered ${walked})` : ''}\n`);
  }
}
