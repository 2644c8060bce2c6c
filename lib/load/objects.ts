/**
 * Turning parsed documents into ManifestObjects: identity (apiVersion, kind, name, namespace) and
 * the manifest-invalid-object findings for documents that are not Kubernetes objects.
 */
import { isObject, str, type JsonObject } from '../k8s/json';
import type { Finding, SourceLocation } from '../findings';
import { describeShapeProblem, documentShapeProblem } from './depth';
import { CLUSTER_SCOPED_KINDS, type ManifestObject, type ManifestSource, type OriginLookup, type SkippedDocument } from './types';

export interface IdentifyResult {
  object?: ManifestObject;
  finding?: Finding;
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
    return {
      finding: {
        rule: 'manifest-invalid-object',
        severity: 'error',
        message: `document ${source.documentIndex + 1} is ${what}, not a Kubernetes object; each YAML document must be a mapping with apiVersion, kind and metadata.name`,
        source: where,
      },
    };
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
    const label = kind ? `${kind}${name ? ` ${name}` : ''}` : `document ${source.documentIndex + 1}`;
    return {
      finding: {
        rule: 'manifest-invalid-object',
        severity: 'error',
        message: `${label} lacks ${missing.join(', ')} (must be a non-empty string); add ${missing.length === 1 ? 'it' : 'them'} so the API server can accept the object`,
        field: missing[0],
        source: source.locate(missing[0] === 'metadata.name' && metadata ? 'metadata' : undefined),
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
export function fromObjects(docs: unknown[], file = '<objects>', defaultNamespace = 'default', constructPaths?: (string | undefined)[], origins?: readonly (OriginLookup | undefined)[]): { objects: ManifestObject[]; findings: Finding[]; skipped: SkippedDocument[] } {
  const objects: ManifestObject[] = [];
  const findings: Finding[] = [];
  const skipped: SkippedDocument[] = [];
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
      ? { finding: { rule: 'manifest-invalid-object', severity: 'error', message: `document ${i + 1}: ${describeShapeProblem(shape, true)}`, source: source.locate() } }
      : identify(doc, source, defaultNamespace);
    if (r.object) objects.push(r.object);
    if (r.finding) {
      const f: Finding = constructPath ? { ...r.finding, constructPath } : r.finding;
      const at = origin?.();
      findings.push(at ? { ...f, origin: at } : f);
    }
    if (r.skipped) skipped.push({ file: sourceFile, line: 1, column: 1, reason: r.skipped });
  });
  return { objects, findings, skipped };
}
