import type { JsonObject } from '../k8s/json';
import type { SourceLocation } from '../findings';
import type { OpenFiles } from './file-text';
import type { LoadProblem } from './problems';
import type { Yaml11Reading } from './yaml11';

/** Where a construct was created, relative to the working directory; resolved when first asked. */
export type OriginLookup = () => SourceLocation | undefined;

/**
 * Where an object came from. Positions are computed lazily: the model is built from a fast parse,
 * and only objects that get a finding pay for locating a field (see load/locate.ts).
 */
export interface ManifestSource {
  /** File path as given (or `<stdin>`, or a construct path for objects from a cdk8s chart). */
  file: string;
  /** 0-based index of the YAML document within the file. */
  documentIndex: number;
  /** 1-based line/column where the object starts. */
  line: number;
  column: number;
  /** cdk8s construct path, for objects synthesized from a chart (or recorded next to `dist/`). */
  constructPath?: string;
  /**
   * Where the object's construct was created in the app's source (relative to the working
   * directory), when known; resolved on demand because only objects with findings need it.
   */
  locateOrigin?: OriginLookup;
  /**
   * Exact position of a field path (`spec.ports[0].targetPort`) within this object. Falls back to
   * the nearest ancestor that exists in the text, and finally to the object's start. `files`:
   * where the files of many look-ups in a row stay open (see OpenFiles).
   */
  locate(fieldPath?: string, files?: OpenFiles): SourceLocation;
}

/** One Kubernetes object as read from the input. `raw` is exactly what the user wrote. */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  name: string;
  /** Resolved namespace: `metadata.namespace`, else the default (`default` or `-n`); `''` for cluster-scoped kinds. */
  namespace: string;
  raw: JsonObject;
  source: ManifestSource;
  /** Plain scalars that kubectl reads as another type or number (YAML 1.1); absent when there are none. */
  yaml11?: readonly Yaml11Reading[];
}

/** A document that is not a Kubernetes object: skipped, not judged, and counted. */
export interface SkippedDocument {
  file: string;
  line: number;
  column: number;
  /** `not-a-manifest`: neither apiVersion nor kind (an application's own config file); `kustomize`: a kustomize file. */
  reason: 'not-a-manifest' | 'kustomize';
}

/** A folder holding a kustomization, whose files were read as they are rather than as kustomize renders them. */
export interface KustomizationFolder {
  dir: string;
  /** The kustomization file and where its document starts. */
  file: string;
  line: number;
  column: number;
}

export interface LoadResult {
  objects: ManifestObject[];
  /** Text that does not parse and documents that are not objects, typed; the rules word them. */
  problems: LoadProblem[];
  files: string[];
  /** Documents that are not Kubernetes objects (the summary counts them). */
  skipped: SkippedDocument[];
  /** Folders read as plain files although kustomize would render them. */
  kustomizations: KustomizationFolder[];
}

export interface LoadOptions {
  /** Namespace for objects without `metadata.namespace` (default `default`). */
  defaultNamespace?: string;
}

/** Kinds without a namespace. */
export const CLUSTER_SCOPED_KINDS = new Set(['Namespace', 'Node', 'IngressClass', 'GatewayClass', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass']);

/** An empty result, so that every producer (files, text, objects built in code) starts from one shape. */
export function emptyLoadResult(files: string[] = []): LoadResult {
  return { objects: [], problems: [], files, skipped: [], kustomizations: [] };
}
