/**
 * Turning parsed documents into ManifestObjects: identity (apiVersion, kind, name, namespace) and
 * the typed problems of documents that are not Kubernetes objects (worded by a rule).
 */
import { isObject, str, type JsonObject } from '../k8s/json';
import type { SourceLocation } from '../findings';
import { documentShapeProblem } from './depth';
import type { LoadProblem } from './problems';
import { CLUSTER_SCOPED_KINDS, emptyLoadResult, type LoadResult, type ManifestObject, type ManifestSource, type OriginLookup, type SkippedDocument } from './types';

export interface IdentifyResult {
  object?: ManifestObject;
  problem?: LoadProblem;
  /** Not a Kubernetes object at all: skipped, not judged. */
  skipped?: SkippedDocument['reason'];
}

/** kustomize's own kinds; Flux's `Kustomization` (another API group) is a real API object. */
const KUSTOMIZE_KINDS = new Set(['Kustomization', 'Component']);
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io/';

/** Validates the identity fields of one document and wraps it; never throws. */
export function identify(doc: unknown, source: ManifestSource, defaultNamespace: string): IdentifyResult {
  const where: SourceLocation = { file: source.file, line: source.line, column: source.column };
  if (!isObject(doc)) {
    const what = Array.isArray(doc) ? 'a list' : doc === null ? 'empty' : `a ${typeof doc}`;
    return { problem: { type: 'not-an-object', at: where, documentIndex: source.documentIndex, found: what } };
  }
  // An application's own config file (a YAML file that is no manifest) names neither.
  if (doc.apiVersion === undefined && doc.kind === undefined) return { skipped: 'not-a-manifest' };
  const apiVersion = str(doc.apiVersion);
  const kind = str(doc.kind);
  if (kind !== undefined && KUSTOMIZE_KINDS.has(kind) && (apiVersion === undefined || apiVersion.startsWith(KUSTOMIZE_GROUP))) return { skipped: 'kustomize' };
  const metadata = isObject(doc.metadata) ? doc.metadata : undefined;
  const name = metadata ? str(metadata.name) : undefined;
  const missing: string[] = [];
  if (!apiVersion) missing.push('apiVersion');
  if (!kind) missing.push('kind');
  if (!name) missing.push('metadata.name');
  if (missing.length > 0) {
    return {
      problem: {
        type: 'missing-identity',
        at: source.locate(missing[0] === 'metadata.name' && metadata ? 'metadata' : undefined),
        documentIndex: source.documentIndex,
        kind,
        name,
        missing,
        field: missing[0],
      },
    };
  }
  const ns = metadata ? str(metadata.namespace) : undefined;
  const namespace = CLUSTER_SCOPED_KINDS.has(kind!) ? '' : ns && ns !== '' ? ns : defaultNamespace;
  return { object: { apiVersion: apiVersion!, kind: kind!, name: name!, namespace, raw: doc as JsonObject, source } };
}

/**
 * Wraps already-parsed objects (tests, cdk8s charts) without text positions: every field locates
 * to the object's own start. `label(i)` names the origin, e.g. a construct path.
 */
export function fromObjects(docs: unknown[], file = '<objects>', defaultNamespace = 'default', constructPaths?: (string | undefined)[], origins?: readonly (OriginLookup | undefined)[]): LoadResult {
  const result = emptyLoadResult();
  docs.forEach((doc, i) => {
    const constructPath = constructPaths?.[i];
    const sourceFile = constructPath ?? file;
    const source: ManifestSource = {
      file: sourceFile,
      documentIndex: i,
      line: 1,
      column: 1,
      constructPath,
      locate: () => ({ file: sourceFile, line: 1, column: 1 }),
    };
    const origin = origins?.[i];
    if (origin) source.locateOrigin = origin;
    // Objects built in code can nest without end or refer to themselves; refuse them before
    // anything recursive (copies, JSON output) walks them.
    const shape = documentShapeProblem(doc);
    const r: IdentifyResult = shape
      ? { problem: { type: 'unsafe-object', at: source.locate(), documentIndex: i, shape } }
      : identify(doc, source, defaultNamespace);
    if (r.object) result.objects.push(r.object);
    if (r.problem) {
      const p: LoadProblem = constructPath ? { ...r.problem, constructPath } : r.problem;
      const at = origin?.();
      result.problems.push(at ? { ...p, origin: at } : p);
    }
    if (r.skipped) result.skipped.push({ file: sourceFile, line: 1, column: 1, reason: r.skipped });
  });
  return result;
}
