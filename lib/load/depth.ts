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
