/**
 * Bounds on the shape of a parsed document, checked before anything walks it. Parsers, deep
 * copies, `JSON.stringify` and the positioned re-parse (locate.ts) all recurse: a document nested
 * thousands of levels deep overflows the stack in one of them, or worse, aborts V8 outright (a
 * regular expression compiled near the stack limit fails with a fatal "out of memory"). A
 * document whose aliases expand it to millions of nodes (billion laughs) exhausts memory in the
 * first walk. So each document is measured once, by a walk whose recursion stops at the depth
 * bound, and refused if it is beyond what any Kubernetes object needs.
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
  // Nearly every document is within bounds: a plain recursive walk (its depth capped by maxDepth,
  // far below where recursion fails) says so without filling stacks; it runs once per document of
  // every input and per object of a synth-time check (bench/PROFILE.md, round 9). Only a document
  // that breaks a bound (or throws) is walked again below, which says which bound and where.
  if (maxDepth <= MAX_DOCUMENT_DEPTH) {
    const walk = new WithinBounds(maxDepth, maxNodes);
    let within = false;
    try {
      within = walk.object(value, 1);
    } catch {
      // a throwing getter or proxy: the walk below handles it
    }
    if (within) return walk.numbersAreJson ? JSON_EXACT : { numbersAreJson: false };
  }
  return boundedShape(value, maxDepth, maxNodes);
}

/** The recursive walk of a document that is expected to be within bounds. */
class WithinBounds {
  private nodes = 1;
  numbersAreJson = true;

  constructor(
    private readonly maxDepth: number,
    private readonly maxNodes: number,
  ) {}

  /**
   * True when the object `v` at `depth` is within both bounds, its values included. It counts the
   * same values as boundedShape and fails exactly when that finds a problem: an object deeper than
   * maxDepth, or more than maxNodes values in all.
   */
  object(v: object, depth: number): boolean {
    if (depth > this.maxDepth) return false;
    // A mapping's values in one call: this walk reads every value of every document once, and
    // reading them key by key was most of its time (bench/PROFILE.md, round 12).
    const children: readonly unknown[] = Array.isArray(v) ? v : Object.values(v);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (++this.nodes > this.maxNodes) return false;
      if (child === null || typeof child !== 'object') {
        if (typeof child === 'number' && !numberIsJson(child)) this.numbersAreJson = false;
      } else if (!this.object(child, depth + 1)) {
        return false;
      }
    }
    return true;
  }
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
