/**
 * The rule runner: every registered rule once over the simulated cluster, hits turned into located
 * Findings (the loader's typed problems are worded by their rules like any other), silenced per
 * object, sorted and de-duplicated.
 */
import type { Cluster } from '../cluster/model';
import { compareFindings, type Finding, type ObjectRef } from '../findings';
import type { LoadProblem } from '../load/problems';
import type { ManifestObject } from '../load/types';
import { OpenFiles } from '../load/file-text';
import { isIgnored } from './ignore';
import { rules } from './registry';
import type { InputFacts, Rule, RuleHit } from './rule';

export interface RunOptions {
  /** Run only these rule IDs. */
  only?: string[];
  /** What the loader noticed besides the objects (none when not given). */
  input?: InputFacts;
}

const NO_INPUT_FACTS: InputFacts = { kustomizations: [] };

export function objectRef(o: ManifestObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: o.apiVersion, kind: o.kind, name: o.name };
  if (o.namespace !== '') ref.namespace = o.namespace;
  return ref;
}

export function hitToFinding(rule: Rule, hit: RuleHit, files?: OpenFiles): Finding {
  if (hit.object === undefined) {
    const located: Finding = { rule: rule.id, severity: hit.severity ?? rule.severity, message: hit.message };
    if (hit.field !== undefined) located.field = hit.field;
    located.source = hit.at;
    if (hit.constructPath !== undefined) located.constructPath = hit.constructPath;
    if (hit.origin !== undefined) located.origin = hit.origin;
    return located;
  }
  const f: Finding = {
    rule: rule.id,
    severity: hit.severity ?? rule.severity,
    message: hit.message,
    object: objectRef(hit.object),
  };
  if (hit.field !== undefined) f.field = hit.field;
  f.source = hit.object.source.locate(hit.sourceField ?? hit.field, files);
  if (hit.object.source.constructPath !== undefined) f.constructPath = hit.object.source.constructPath;
  const origin = hit.object.source.locateOrigin?.();
  if (origin) f.origin = origin;
  return f;
}

/** Everything about a finding, in a fixed key order, for de-duplication. */
function identity(f: Finding): string {
  return JSON.stringify([f.rule, f.severity, f.message, f.object?.apiVersion, f.object?.kind, f.object?.namespace, f.object?.name, f.field, f.source?.file, f.source?.line, f.source?.column, f.constructPath]);
}

export function runRules(cluster: Cluster, loadProblems: readonly LoadProblem[], opts: RunOptions = {}): Finding[] {
  const only = opts.only ? new Set(opts.only) : undefined;
  // A hit's place is kept (undefined) until every rule has run; then hits become findings in the
  // order of their objects' files, so that locating them reads each file's documents in one go
  // (see OpenFiles).
  const out: (Finding | undefined)[] = [];
  const hits: { rule: Rule; hit: RuleHit; at: number }[] = [];
  const ignoreCache = new Map<ManifestObject, Set<string>>();
  for (const rule of rules) {
    if (only && !only.has(rule.id)) continue;
    let ruleHits: RuleHit[];
    try {
      ruleHits = rule.check({ cluster, loadProblems, input: opts.input ?? NO_INPUT_FACTS });
    } catch (err) {
      // A rule must never take the whole check down; say which one failed so it can be fixed.
      out.push({
        rule: rule.id,
        severity: 'error',
        message: `lineup could not run rule ${rule.id}: ${err instanceof Error ? err.message : String(err)} (this is a bug in lineup; please report it)`,
      });
      continue;
    }
    for (const hit of ruleHits) {
      if (hit.object !== undefined && isIgnored(hit.object, rule.id, ignoreCache)) continue;
      hits.push({ rule, hit, at: out.length });
      out.push(undefined);
    }
  }
  const files = new OpenFiles();
  try {
    for (const { rule, hit, at } of hits.sort(byObjectFile)) out[at] = hitToFinding(rule, hit, files);
  } finally {
    files.close();
  }
  const seen = new Set<string>();
  const unique: Finding[] = [];
  // Every place is filled by now.
  for (const f of out as Finding[]) {
    const key = identity(f);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(f);
  }
  // Array.prototype.sort is stable: ties keep rule-registry order, then hit order.
  return unique.sort(compareFindings);
}

/** By the file of the hit's object (hits without one first); Array.prototype.sort is stable. */
function byObjectFile(a: { hit: RuleHit }, b: { hit: RuleHit }): number {
  const fa = a.hit.object?.source.file ?? '';
  const fb = b.hit.object?.source.file ?? '';
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}
