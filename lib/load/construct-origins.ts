/**
 * Where each construct of a cdk8s app was declared: the `file:line:column` of the `new …(scope, id)`
 * in the user's source, so that a finding about a synthesized object leads back to the code.
 *
 * Two ways in, both through public behaviour only:
 * - lineup's own constructs record the call stack when they are created (`recordConstructOrigin`);
 *   the first frame outside this package and outside node_modules is the user's line. Under ts-node
 *   and jest the stack is already mapped to the TypeScript source (both install source-map support),
 *   and plain Node maps it with `--enable-source-maps`. The stack is only formatted when an origin is
 *   asked for, so constructs that never get a finding cost one captured stack each.
 * - any other construct (a cdk8s-plus Deployment, a raw ApiObject) is created without code of ours
 *   running, so its origin is read from the source files the app loaded: the one place that creates a
 *   construct with its id (`new X(scope, 'web'`), see declared-in-source.ts. When the id is declared in
 *   more than one place and nothing tells them apart, the construct gets no origin rather than a guess.
 *
 * Constructs are duck-typed (the engine has no cdk8s or constructs import).
 */
import * as path from 'node:path';
import type { SourceLocation } from '../findings';
import { findDeclarations, type Declaration } from './declared-in-source';

interface NodeLike {
  readonly id: string;
  readonly path: string;
  readonly scopes: readonly unknown[];
}

interface ConstructLike {
  readonly node: NodeLike;
}

/** The package's own sources (lib/ in this repository, build/lib/ when installed): never the user's line. */
const OWN_SOURCES = path.resolve(__dirname, '..') + path.sep;

/** Frames of a captured stack, kept unformatted until an origin is needed. */
interface CapturedStack {
  stack?: string;
}

const captured = new WeakMap<object, CapturedStack>();
const resolved = new WeakMap<object, SourceLocation | null>();

/** Frames kept per construct: lineup's constructs nest at most ~8 deep before the user's frame (IngressBundle.addService → LoadBalancerService → … → ServiceBase); more frames cost more to capture. */
const STACK_FRAMES = 16;

/** Records the call stack of a construct being created (called from lineup's construct constructors). */
export function recordConstructOrigin(construct: object): void {
  if (captured.has(construct)) return;
  const holder: CapturedStack = {};
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = STACK_FRAMES;
    Error.captureStackTrace(holder, recordConstructOrigin);
  } finally {
    Error.stackTraceLimit = limit;
  }
  captured.set(construct, holder);
  recordedCount++;
}

/** How many constructs have recorded their origin so far (see claimedLocations). */
let recordedCount = 0;

/** One `at …` line of a V8 stack: `file:line:column`, with or without a function name in front. */
const FRAME = /^\s*at (?:.*? \()?(?:file:\/\/)?(.+?):(\d+):(\d+)\)?$/;

/** The first frame of a stack that lies in the user's code, as an absolute location. */
export function userFrame(stack: string): SourceLocation | undefined {
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line);
    if (!m) continue;
    const file = m[1]!;
    if (!path.isAbsolute(file)) continue; // node:internal frames, eval, native
    if (file.startsWith(OWN_SOURCES) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function recordedOrigin(construct: object): SourceLocation | undefined {
  const holder = captured.get(construct);
  if (!holder) return undefined;
  return userFrame(holder.stack ?? '');
}

/**
 * Where the object was declared, or undefined when that cannot be known for sure: its own recorded
 * origin, else that of the nearest enclosing lineup construct (the object is part of it), else the
 * one declaration in the loaded sources of the ids on its path (lowest first, the chart excluded).
 * Locations are absolute; cached per construct.
 */
export function constructOrigin(construct: unknown): SourceLocation | undefined {
  if (!isConstruct(construct)) return undefined;
  const hit = resolved.get(construct);
  if (hit !== undefined) return hit ?? undefined;
  const origin = resolveOrigin(construct);
  resolved.set(construct, origin ?? null);
  return origin;
}

function resolveOrigin(construct: ConstructLike): SourceLocation | undefined {
  const scopes = construct.node.scopes.filter(isConstruct);
  for (let i = scopes.length - 1; i >= 0; i--) {
    const own = recordedOrigin(scopes[i]!);
    if (own) return own;
  }
  // scopes[0] is the App (or the root), scopes[1] the chart: ids below it were given by the user's code.
  for (let i = scopes.length - 1; i >= 2; i--) {
    const found = uniqueDeclaration(scopes[i]!.node.id, scopes[0]!, scopes[i - 1]!);
    if (found) return found;
  }
  return undefined;
}

/**
 * The one declaration of `id` that no lineup construct claims. When several remain (two charts
 * both create a `deployment`), the one in the file where lineup constructs of the same parent were
 * created, if exactly one is there.
 */
function uniqueDeclaration(id: string, root: ConstructLike, parent: ConstructLike): SourceLocation | undefined {
  const declarations = findDeclarations(id, loadedSourceFiles());
  // Most ids built at run time (`app-${i}`) are declared nowhere: nothing to tell apart.
  if (declarations.length === 0) return undefined;
  const claimed = claimedLocations(root);
  let candidates = declarations.filter((d) => !claimed.has(key(d)));
  if (candidates.length > 1) {
    const siblingsFiles = new Set<string>();
    for (const c of findAll(parent)) {
      const own = recordedOrigin(c);
      if (own) siblingsFiles.add(own.file);
    }
    candidates = candidates.filter((d) => siblingsFiles.has(d.file));
  }
  if (candidates.length !== 1) return undefined;
  const d = candidates[0]!;
  return { file: d.file, line: d.line, column: d.column };
}

function findAll(scope: ConstructLike): object[] {
  const all = (scope.node as unknown as { findAll?: () => unknown[] }).findAll?.() ?? [];
  return all.filter((c): c is object => typeof c === 'object' && c !== null);
}

function key(d: Declaration | SourceLocation): string {
  return `${d.file}:${d.line}:${d.column}`;
}

/** The lines that lineup's constructs of this tree were created at: those declare them, not plain objects. */
const claimedByRoot = new WeakMap<object, { recorded: number; claimed: Set<string> }>();

/**
 * Kept per tree until another lineup construct records its origin (only those add a claimed
 * line; constructs join a tree when they are created). Checking the tree's size instead cost a
 * walk of the whole tree per look-up: the origins file looks up every object of the App, which
 * made writing it quadratic (1.4 s for 1,000 Deployments).
 */
function claimedLocations(root: ConstructLike): ReadonlySet<string> {
  const hit = claimedByRoot.get(root);
  if (hit && hit.recorded === recordedCount) return hit.claimed;
  const claimed = new Set<string>();
  for (const c of findAll(root)) {
    const own = recordedOrigin(c);
    if (own) claimed.add(key(own));
  }
  claimedByRoot.set(root, { recorded: recordedCount, claimed });
  return claimed;
}

/**
 * The app's own modules: what Node (or jest's module registry) has loaded, outside node_modules and
 * outside this package. That is where the app's `new …(scope, id)` calls are written.
 */
function loadedSourceFiles(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cache: Record<string, unknown> = (typeof require !== 'undefined' && require.cache) || {};
  const modules = Object.keys(cache);
  // The same modules as at the last look-up (compared name by name, far cheaper than the filter
  // and sort): the same files. The origins file looks up every object of the App.
  if (sourceFiles && sameStrings(sourceFiles.modules, modules)) return sourceFiles.files;
  const files = modules
    .filter((f) => path.isAbsolute(f) && !f.startsWith(OWN_SOURCES) && !f.includes(`${path.sep}node_modules${path.sep}`) && /\.[cm]?[tj]sx?$/.test(f))
    .sort();
  sourceFiles = { modules, files };
  return files;
}

let sourceFiles: { modules: string[]; files: string[] } | undefined;

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isConstruct(x: unknown): x is ConstructLike {
  const node = typeof x === 'object' && x !== null ? (x as ConstructLike).node : undefined;
  return typeof node === 'object' && node !== null && typeof node.id === 'string' && Array.isArray(node.scopes);
}

/** `main.ts:12:5`-style location relative to `cwd` (forward slashes); absolute when outside it. */
export function relativeOrigin(origin: SourceLocation, cwd = process.cwd()): SourceLocation {
  const rel = path.relative(cwd, origin.file);
  const file = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : origin.file;
  return { file: file.split(path.sep).join('/'), line: origin.line, column: origin.column };
}
