/**
 * What a rule is. kube-linter style: one folder per rule (`lib/rules/<id>/`: `rule.ts`, `broken.yaml`,
 * `fixed.yaml`, `rule.test.ts`), registered in registry.ts, which is the only coupling between rules
 * and the rest of the engine. Rules read the simulated cluster, computed once;
 * they never re-derive selections or allocations themselves.
 */
import type { Cluster } from '../cluster/model';
import type { Severity } from '../findings';
import type { SourceLocation } from '../findings';
import type { LoadResult, ManifestObject } from '../load/types';

/** What the loader noticed about the input besides its objects. */
export type InputFacts = Pick<LoadResult, 'kustomizations'>;

export interface RuleContext {
  cluster: Cluster;
  input: InputFacts;
}

/** One problem on one object. The runner turns it into a located Finding. */
export interface RuleHit {
  object: ManifestObject;
  /** Upstream-style field path within the object (`spec.ports[0].targetPort`), used to locate the source line. */
  field?: string;
  /**
   * Where to point in the text when it differs from `field`: the API reports `spec.clusterIPs`,
   * but users write `spec.clusterIP`.
   */
  sourceField?: string;
  message: string;
  /** Overrides the rule's default severity (e.g. a warning when only some selected pods are affected). */
  severity?: Severity;
}

/** A problem with the input rather than with one object (a folder read as plain files), located at a file. */
export interface InputHit {
  at: SourceLocation;
  message: string;
  severity?: Severity;
}

export interface Rule {
  /** Stable ID, the name of the rule's folder; also what `lineup.dev/ignore` names. */
  id: string;
  severity: Severity;
  /** One line, for listings. */
  title: string;
  /** One paragraph for the docs: what it means, why traffic breaks, how to fix it. */
  explanation: string;
  check(ctx: RuleContext): (RuleHit | InputHit)[];
}
