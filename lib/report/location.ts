/** How a finding's position is written in every format: `file:line:column`, paths with forward slashes. */
import * as path from 'path';
import type { Finding, ObjectRef } from '../findings';

/** `dist/app.yaml:14:5`; the construct path or `-` when the finding has no source position. */
export function formatLocation(f: Finding): string {
  if (f.source) return `${f.source.file}:${f.source.line}:${f.source.column}`;
  return f.constructPath ?? '-';
}

/**
 * Where the object behind a finding was declared in the app: `app/web/Resource at main.ts:12:5`,
 * the construct path alone, or undefined for objects not synthesized by a cdk8s app.
 */
export function formatDeclaredAt(f: Finding): string | undefined {
  const origin = f.origin ? `${f.origin.file}:${f.origin.line}:${f.origin.column}` : undefined;
  if (f.constructPath !== undefined && origin) return `${f.constructPath} at ${origin}`;
  return f.constructPath ?? origin;
}

/** `Service default/web`, `Node node-1` (cluster-scoped objects have no namespace). */
export function formatObjectRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** Identity of an object for grouping: apiVersion, kind, namespace and name. */
export function objectKey(ref: ObjectRef): string {
  return `${ref.apiVersion}\u0000${ref.kind}\u0000${ref.namespace ?? ''}\u0000${ref.name}`;
}

/**
 * A file path as a relative URI reference with forward slashes, for SARIF and annotations:
 * absolute paths under `cwd` become relative, Windows separators become `/`.
 */
export function relativePath(file: string, cwd: string): string {
  let p = file;
  if (path.isAbsolute(p)) {
    const rel = path.relative(cwd, p);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) p = rel;
  }
  p = p.replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  return p;
}
