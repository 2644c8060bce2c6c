/**
 * The origins file: what links a synthesized manifest back to the app that declared it, so that
 * `lineup check dist/` after `cdk8s synth` reports construct paths and TypeScript lines too.
 *
 * A synth of an app that uses lineup writes `cdk8s-lineup.origins` next to the manifests (a JSON
 * document; the name has no `.yaml`/`.json` extension, so `kubectl apply -f dist/` and the loader
 * never take it for a manifest). Nothing is added to the manifests themselves. Format (version 1):
 *
 *   { "version": 1,
 *     "objects": [ { "apiVersion": "v1", "kind": "Service", "namespace": "shop", "name": "web",
 *                    "constructPath": "shop/web/Resource",
 *                    "origin": { "file": "../main.ts", "line": 12, "column": 5 } } ] }
 *
 * `namespace` is the object's `metadata.namespace` as written (absent when the manifest has none);
 * `origin.file` is relative to the directory of the origins file, with forward slashes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceLocation } from '../findings';
import { isObject, str } from '../k8s/json';
import type { LoadResult, ManifestObject } from './types';

export const ORIGINS_FILE = 'cdk8s-lineup.origins';

export interface OriginsEntry {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  constructPath: string;
  origin?: SourceLocation;
}

/** The file's text: entries sorted by construct path, so a synth of the same app writes the same bytes. */
export function originsFileText(entries: readonly OriginsEntry[]): string {
  const objects = [...entries]
    .sort((a, b) => (a.constructPath < b.constructPath ? -1 : a.constructPath > b.constructPath ? 1 : 0))
    .map((e) => {
      const o: Record<string, unknown> = { apiVersion: e.apiVersion, kind: e.kind };
      if (e.namespace !== undefined) o.namespace = e.namespace;
      o.name = e.name;
      o.constructPath = e.constructPath;
      if (e.origin) o.origin = { file: e.origin.file, line: e.origin.line, column: e.origin.column };
      return o;
    });
  return JSON.stringify({ version: 1, objects }, null, 1) + '\n';
}

function identity(apiVersion: string, kind: string, namespace: string | undefined, name: string): string {
  return `${apiVersion}\u0000${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

interface Link {
  constructPath: string;
  /** Relative to the working directory. */
  origin?: SourceLocation;
}

/**
 * The links of one directory's origins file, by object identity; undefined when there is no such
 * file or it is not one we wrote (then objects simply have no origin). An identity listed twice
 * links nowhere: which of the two a manifest object is cannot be told.
 */
function readLinks(dir: string, cwd: string): Map<string, Link | null> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, ORIGINS_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc) || doc.version !== 1 || !Array.isArray(doc.objects)) return undefined;
  const links = new Map<string, Link | null>();
  for (const e of doc.objects) {
    if (!isObject(e)) continue;
    const apiVersion = str(e.apiVersion);
    const kind = str(e.kind);
    const name = str(e.name);
    const constructPath = str(e.constructPath);
    if (!apiVersion || !kind || !name || !constructPath) continue;
    const key = identity(apiVersion, kind, str(e.namespace), name);
    if (links.has(key)) {
      links.set(key, null);
      continue;
    }
    const link: Link = { constructPath };
    const o = e.origin;
    if (isObject(o) && typeof o.file === 'string' && Number.isInteger(o.line) && Number.isInteger(o.column)) {
      const abs = path.resolve(dir, o.file);
      const rel = path.relative(cwd, abs);
      const file = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
      link.origin = { file: file.split(path.sep).join('/'), line: o.line as number, column: o.column as number };
    }
    links.set(key, link);
  }
  return links;
}

/**
 * Gives loaded objects the construct path and origin that an origins file beside their manifest
 * records. Objects from standard input, or from a directory without the file, are left as they are.
 */
export function attachOrigins(result: LoadResult, cwd = process.cwd()): void {
  const byDir = new Map<string, Map<string, Link | null> | undefined>();
  // Objects come file by file: the links of the last file's folder serve the next object too.
  let lastFile: string | undefined;
  let links: Map<string, Link | null> | undefined;
  for (const o of result.objects) {
    const file = o.source.file;
    if (file === '<stdin>' || file.startsWith('<')) continue;
    if (file !== lastFile) {
      lastFile = file;
      const dir = path.dirname(file);
      links = byDir.get(dir);
      if (!byDir.has(dir)) byDir.set(dir, (links = readLinks(dir, cwd)));
    }
    if (!links) continue;
    const link = links.get(identityOf(o));
    if (!link) continue;
    o.source.constructPath = link.constructPath;
    const origin = link.origin;
    if (origin) o.source.locateOrigin = () => origin;
  }
}

function identityOf(o: ManifestObject): string {
  const metadata = o.raw.metadata;
  return identity(o.apiVersion, o.kind, isObject(metadata) ? str(metadata.namespace) : undefined, o.name);
}
