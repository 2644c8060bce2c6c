/**
 * The parse floors the benchmark compares against, each run as its own process:
 *   node build/bench/floor.js js-yaml DIR   — js-yaml loadAll (fastest YAML parser on npm, no positions)
 *   node build/bench/floor.js yaml DIR      — yaml parseAllDocuments + LineCounter + toJS (positions on every node)
 * Prints `{"ms": <parse time>, "documents": N}`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';

function files(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

const [which, dir] = process.argv.slice(2);
const start = process.hrtime.bigint();
let documents = 0;
for (const file of files(dir)) {
  const text = fs.readFileSync(file, 'utf8');
  if (which === 'js-yaml') {
    jsyaml.loadAll(text, () => documents++);
  } else {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter });
    for (const d of Array.isArray(docs) ? docs : []) {
      d.toJS();
      documents++;
    }
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, documents }) + '\n');
