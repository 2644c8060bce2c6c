/**
 * The parse floors the benchmark compares against, each run as its own process:
 *   node build/bench/floor.js js-yaml DIR   — js-yaml loadAll (fastest YAML parser on npm, no positions)
 *   node build/bench/floor.js yaml DIR      — yaml parseAllDocuments + LineCounter + toJS (positions on every node)
 * Prints `{"ms": <parse time>, "documents": N}`.
 *
 * Each floor loads only its own parser: the whole process is what lineup is compared with, and
 * loading `yaml` as well cost the js-yaml floor ≈ 20–30 ms of start-up it has no use for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

function files(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => path.join(dir, f));
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** js-yaml loadAll: the number of documents in a text. */
function jsYamlParser(): (text: string) => number {
  const jsyaml = require('js-yaml') as typeof import('js-yaml');
  return (text) => {
    let documents = 0;
    jsyaml.loadAll(text, () => documents++);
    return documents;
  };
}

/** yaml parseAllDocuments with a LineCounter, each document made a JavaScript value. */
function yamlParser(): (text: string) => number {
  const { LineCounter, parseAllDocuments } = require('yaml') as typeof import('yaml');
  return (text) => {
    const docs = parseAllDocuments(text, { lineCounter: new LineCounter() });
    const list = Array.isArray(docs) ? docs : [];
    for (const d of list) d.toJS();
    return list.length;
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

const [which, dir] = process.argv.slice(2);
const parse = which === 'js-yaml' ? jsYamlParser() : yamlParser();
const start = process.hrtime.bigint();
let documents = 0;
for (const file of files(dir)) documents += parse(fs.readFileSync(file, 'utf8'));
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(JSON.stringify({ ms, documents }) + '\n');
