/**
 * Writes the origins file (see load/origins-file.ts) when `cdk8s synth` synthesizes an App that uses
 * lineup, so that `lineup check dist/` leads to the same construct paths and
 * TypeScript lines as the synth-time check. It is a validation of the App (a supported hook): cdk8s
 * runs the App's validations in `app.synth()` after creating the output directory, before writing
 * the manifests. It reports no problems of its own, except when the file cannot be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { constructOrigin } from '../load/construct-origins';
import { ORIGINS_FILE, originsFileText, type OriginsEntry } from '../load/origins-file';
import type { SourceLocation } from '../findings';

const watched = new WeakSet<IConstruct>();
/** The text last written per App, so the validations of one synth (cdk8s runs them per chart) write once. */
const written = new WeakMap<IConstruct, string>();

/** Registers the App-level validation that keeps the origins file next to the manifests; idempotent. */
export function ensureOriginsFile(app: IConstruct): void {
  if (!(app instanceof App) || watched.has(app)) return;
  watched.add(app);
  app.node.addValidation({ validate: () => writeOriginsFile(app) });
}

function writeOriginsFile(app: App): string[] {
  if (!isCliSynth(app)) return [];
  const dir = path.resolve(app.outdir);
  const entries: OriginsEntry[] = [];
  for (const c of app.node.findAll()) {
    if (!ApiObject.isApiObject(c)) continue;
    const entry: OriginsEntry = { apiVersion: c.apiVersion, kind: c.kind, name: c.name, constructPath: c.node.path };
    if (c.metadata.namespace !== undefined) entry.namespace = c.metadata.namespace;
    const origin = constructOrigin(c);
    if (origin) entry.origin = relativeTo(dir, origin);
    entries.push(entry);
  }
  const text = originsFileText(entries);
  const file = path.join(dir, ORIGINS_FILE);
  if (written.get(app) === text && fs.existsSync(file)) return [];
  try {
    fs.writeFileSync(file, text);
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));
    return [`cannot write ${file} (${reason}): lineup records there where each object was declared; make the output directory writable`];
  }
  written.set(app, text);
  return [];
}

/**
 * True when the cdk8s CLI runs this App to synthesize it: `cdk8s synth` passes the output directory
 * as CDK8S_OUTDIR, and `app.synth()` has created it before validating. Tests (`Testing.synth`, a
 * chart's `toJson()`) and `synthYaml()` validate too, but write nothing, so no file is written for
 * them either. Running the app without the CLI, set CDK8S_OUTDIR to the output directory to get it.
 */
function isCliSynth(app: App): boolean {
  const outdir = process.env.CDK8S_OUTDIR;
  if (outdir === undefined || outdir === '' || path.resolve(outdir) !== path.resolve(app.outdir)) return false;
  try {
    return fs.statSync(app.outdir).isDirectory();
  } catch {
    return false;
  }
}

function relativeTo(dir: string, origin: SourceLocation): SourceLocation {
  return { file: path.relative(dir, origin.file).split(path.sep).join('/'), line: origin.line, column: origin.column };
}
