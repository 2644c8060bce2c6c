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

/**
 * A finding in two lines, for a person reading it outside `check`'s report (a failed jest matcher,
 * a failed synth): severity, rule, the object, where it was declared (construct path or file
 * position, then the line of the app's code that created it) and the field; then the message,
 * which says how to fix it.
 *
 *   error service-selects-no-pods: Service default/web (shop/web/Resource at main.ts:12:5) spec.selector
 *       Service default/web selects app=wbe, but no pod in namespace default has that label; ...
 */
export function formatFinding(f: Finding): string {
  const obj = f.object ? formatObjectRef(f.object) : 'document';
  const origin = f.origin ? `${f.origin.file}:${f.origin.line}:${f.origin.column}` : undefined;
  // Input given in-process is named `<text>`, `<objects>` or `<chart>`: no file a person can open.
  const path = f.constructPath ?? (f.source && !f.source.file.startsWith('<') ? `${f.source.file}:${f.source.line}:${f.source.column}` : undefined);
  const at = path && origin ? `${path} at ${origin}` : (path ?? origin);
  return `${f.severity} ${f.rule}: ${obj}${at ? ` (${at})` : ''}${f.field ? ` ${f.field}` : ''}\n    ${f.message}`;
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
