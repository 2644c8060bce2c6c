/**
 * Bounds on the shape of a parsed document, checked before anything walks it. Parsers, deep
 * copies, `JSON.stringify` and the positioned re-parse (locate.ts) all recurse: a document nested
 * thousands of levels deep overflows the stack in one of them, or worse, aborts V8 outright (a
 * regular expression compiled near the stack limit fails with a fatal "out of memory"). A
 * document whose aliases expand it to millions of nodes (billion laughs) exhausts memory in the
 * first walk. So each document is measured once, without recursion, and refused if it is beyond
 * what any Kubernetes object needs.
 */

/**
 * Deeper than any Kubernetes object: CRD schemas, the deepest manifests there are, stay within
 * ~60 levels. Far below the depth (~1,000) at which the recursive code above starts to fail.
 */
export const MAX_DOCUMENT_DEPTH = 256;

/**
 * Values (scalars, lists, mappings) one document may expand to, counting every alias use as a
 * copy. A few hundred thousand is already a huge manifest; billion laughs is 10^9.
 */
export const MAX_DOCUMENT_NODES = 2_000_000;

export type ShapeProblem = { kind: 'too-deep'; depth: number } | { kind: 'too-large'; nodes: number };

/**
 * Walks a value iteratively and reports the first bound it breaks. Shared references (YAML
 * aliases, JS objects reused in a chart) are counted once per use, as every later copy will see
 * them; a cycle is reported as too deep. Never throws: a getter that throws counts as a scalar.
 */
export function documentShapeProblem(value: unknown, maxDepth = MAX_DOCUMENT_DEPTH, maxNodes = MAX_DOCUMENT_NODES): ShapeProblem | undefined {
  return documentShape(value, maxDepth, maxNodes).problem;
}

export interface DocumentShape {
  problem?: ShapeProblem;
  /** Every number is one JSON can write (no NaN, no infinity, no -0): a JSON round trip copies the value exactly. */
  numbersAreJson: boolean;
}

const JSON_EXACT: DocumentShape = { numbersAreJson: true };

function numberIsJson(n: number): boolean {
  return Number.isFinite(n) && !Object.is(n, -0);
}

/** documentShapeProblem, and whether the value's numbers survive a JSON round trip, in the same walk. */
export function documentShape(value: unknown, maxDepth = MAX_DOCUMENT_DEPTH, maxNodes = MAX_DOCUMENT_NODES): DocumentShape {
  if (value === null || typeof value !== 'object') return typeof value === 'number' && !numberIsJson(value) ? { numbersAreJson: false } : JSON_EXACT;
  // Nearly every document is within bounds: a plain recursive walk (its depth capped by maxDepth)
  // says so with no stacks to fill; it runs once per document of every input and per object of a
  // synth-time check, mostly before the JIT has warmed up. Only a document that breaks a bound (or
  // throws) is walked again below, which says which bound and where, as it always did.
  if (maxDepth <= MAX_DOCUMENT_DEPTH && !walking) {
    walking = true;
    walkNodes = 1;
    walkNumbersAreJson = true;
    walkMaxDepth = maxDepth;
    walkMaxNodes = maxNodes;
    let within = false;
    try {
      within = objectWithin(value, 1);
    } catch {
      // a throwing getter or proxy: the walk below handles it
    } finally {
      walking = false;
    }
    if (within) return walkNumbersAreJson ? JSON_EXACT : { numbersAreJson: false };
  }
  return boundedShape(value, maxDepth, maxNodes);
}

/*
 * The state of the recursive walk, module-level rather than an object passed down: the walk is
 * synchronous, and `walking` sends a nested call (a getter that checks a document of its own) to
 * the iterative walk instead.
 */
let walking = false;
let walkNodes = 0;
let walkNumbersAreJson = true;
let walkMaxDepth = 0;
let walkMaxNodes = 0;

/**
 * True when the object `v` at `depth` is within both bounds, its values included. It counts the
 * same values as boundedShape and fails exactly when that finds a problem: an object deeper than
 * maxDepth, or more than maxNodes values in all.
 */
function objectWithin(v: object, depth: number): boolean {
  if (depth > walkMaxDepth) return false;
  const isArray = Array.isArray(v);
  const keys = isArray ? undefined : Object.keys(v);
  const length = isArray ? (v as unknown[]).length : keys!.length;
  for (let i = 0; i < length; i++) {
    const child: unknown = isArray ? (v as unknown[])[i] : (v as Record<string, unknown>)[keys![i]];
    if (++walkNodes > walkMaxNodes) return false;
    if (child === null || typeof child !== 'object') {
      if (typeof child === 'number' && !numberIsJson(child)) walkNumbersAreJson = false;
    } else if (!objectWithin(child, depth + 1)) {
      return false;
    }
  }
  return true;
}

/** The iterative walk: which bound the value breaks first, whatever its shape. */
function boundedShape(value: object, maxDepth: number, maxNodes: number): DocumentShape {
  // Parallel stacks of pending values and their depths: no recursion, no per-entry allocation.
  const values: unknown[] = [value];
  const depths: number[] = [1];
  let nodes = 0;
  let numbersAreJson = true;
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    nodes++;
    if (nodes > maxNodes) return { problem: { kind: 'too-large', nodes }, numbersAreJson };
    if (v === null || typeof v !== 'object') {
      if (typeof v === 'number' && !numberIsJson(v)) numbersAreJson = false;
      continue;
    }
    if (depth > maxDepth) return { problem: { kind: 'too-deep', depth }, numbersAreJson };
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          values.push(v[i]);
          depths.push(depth + 1);
        }
      } else {
        for (const key of Object.keys(v)) {
          values.push((v as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    } catch {
      // A proxy or throwing getter (only possible for in-process objects): nothing more to walk.
    }
    if (values.length > maxNodes) return { problem: { kind: 'too-large', nodes: nodes + values.length }, numbersAreJson };
  }
  return numbersAreJson ? JSON_EXACT : { numbersAreJson };
}
