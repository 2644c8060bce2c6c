/** The one shape every layer reports problems in (docs/findings.md). */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface SourceLocation {
  /** File path as given on the command line (or a construct path for in-process charts). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  /** Omitted for cluster-scoped kinds (Namespace, Node, IngressClass). */
  namespace?: string;
  name: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  object?: ObjectRef;
  /** Upstream-style field path, e.g. `spec.ports[0].targetPort`. */
  field?: string;
  source?: SourceLocation;
  /** cdk8s construct path of the object, when it came from a chart. */
  constructPath?: string;
  /**
   * Where the object was declared in the app's source: the `file:line:column` of the construct's
   * creation (`new ClusterIPService(this, 'web', …)`), file relative to the working directory.
   */
  origin?: SourceLocation;
}

/** Orders findings for output: by file, line, column, then rule and message (stable, deterministic). */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.source?.file ?? '';
  const fb = b.source?.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.source?.line ?? 0;
  const lb = b.source?.line ?? 0;
  if (la !== lb) return la - lb;
  const ca = a.source?.column ?? 0;
  const cb = b.source?.column ?? 0;
  if (ca !== cb) return ca - cb;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
