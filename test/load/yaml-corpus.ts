/**
 * The YAML the block-style readers (lib/load/block-locate.ts, lib/load/block-read.ts) are held
 * equal to a full parser on: every YAML file of the repository, and random small edits of
 * documents that make text those readers must read exactly or hand over.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '../../bench/generate';

export const ROOT = path.join(__dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** The example apps' output (if synthesized), docs/examples, test fixtures and real-world manifests, each rule's examples. */
export function repositoryYamlFiles(): string[] {
  return [
    ...yamlFiles(path.join(ROOT, 'dist')),
    ...yamlFiles(path.join(ROOT, 'docs')),
    ...yamlFiles(path.join(ROOT, 'test', 'fixtures')),
    ...yamlFiles(path.join(ROOT, 'test', 'real-world')),
    ...yamlFiles(path.join(ROOT, 'lib', 'rules')),
  ];
}

/** Texts to compare a reader on, and how a disagreement names where it is (a text's index, a document's first line). */
export interface Corpus {
  texts: string[];
  label: (text: number, line: number) => string;
}

/** The bench's generated Helm-like set of about `objects` objects. */
export function generatedCorpus(objects: number): Corpus {
  const set = generate(objects);
  return { texts: set.files.map((f) => f.text), label: (t, line) => `${set.files[t]!.name}:${line}` };
}

/** repositoryYamlFiles, read. */
export function repositoryCorpus(): Corpus {
  const files = repositoryYamlFiles();
  return { texts: files.map((f) => fs.readFileSync(f, 'utf8')), label: (t, line) => `${path.relative(ROOT, files[t]!)}:${line}` };
}

/** What mutate inserts: YAML's indicators, blanks, tabs, carriage returns, byte order marks, Unicode line breaks and spaces. */
export const STRUCTURE_EDITS = [...' \n"\'#:-[]{}|>&*!\ta\r,?%@`\\~0', '\ufeff', '\u0085', '\u2028', '\u00a0', '- ', ': ', ' #', '<<: '];

/** Small edits: a character removed or inserted, a line repeated, indented or dedented, a line broken. */
export function mutate(text: string, rnd: () => number, inserts: readonly string[] = STRUCTURE_EDITS): string {
  const pick = (n: number): number => Math.floor(rnd() * n);
  const at = pick(text.length + 1);
  const lines = text.split('\n');
  const line = pick(lines.length);
  switch (pick(6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + inserts[pick(inserts.length)] + text.slice(at);
    case 2:
      lines.splice(line, 0, lines[line]);
      return lines.join('\n');
    case 3:
      lines[line] = ' '.repeat(1 + pick(3)) + lines[line];
      return lines.join('\n');
    case 4:
      lines[line] = lines[line].replace(/^ {1,2}/, '');
      return lines.join('\n');
    default:
      return text.slice(0, at) + '\n' + ' '.repeat(pick(6)) + text.slice(at);
  }
}
