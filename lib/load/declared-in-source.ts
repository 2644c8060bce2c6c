/**
 * Finding `new X(scope, 'id'` in source files: where a construct with a given id is created, for
 * constructs whose creation ran no code of ours (see construct-origins.ts). A file is read and indexed
 * once per process; the index holds every `new` call whose second argument is a plain string literal.
 */
import * as fs from 'node:fs';

export interface Declaration {
  file: string;
  /** 1-based, at the `new` keyword (where a stack frame of the call points too). */
  line: number;
  column: number;
}

/**
 * `new Name(` or `new ns.Name<T>(`, a first argument without commas or calls (`this`, `chart`,
 * `this.scope`), then the id as a string literal without interpolation.
 */
const NEW_CALL = /\bnew\s+[A-Za-z_$][\w$.]*\s*(?:<[^<>()]*>)?\s*\(\s*[A-Za-z_$][\w$.]*\s*,\s*(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`)/g;

const indexByFile = new Map<string, Map<string, Declaration[]>>();

function indexFile(file: string): Map<string, Declaration[]> {
  const hit = indexByFile.get(file);
  if (hit) return hit;
  const byId = new Map<string, Declaration[]>();
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    // A module that is no longer on disk declares nothing we can point at.
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const m of text.matchAll(NEW_CALL)) {
    const id = m[1] ?? m[2] ?? m[3] ?? '';
    const at = m.index;
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const list = byId.get(id) ?? [];
    list.push({ file, line: lo + 1, column: at - lineStarts[lo]! + 1 });
    byId.set(id, list);
  }
  indexByFile.set(file, byId);
  return byId;
}

/** Every place in `files` that creates a construct with this id, in file and position order. */
export function findDeclarations(id: string, files: readonly string[]): Declaration[] {
  const out: Declaration[] = [];
  for (const file of files) out.push(...(indexFile(file).get(id) ?? []));
  return out;
}
