/** Shared set-up for rule tests: YAML text → loaded objects → simulated cluster → findings. */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import type { Finding } from '../../lib/findings';
import { loadText } from '../../lib/load/load';
import { runRules } from '../../lib/rules/run';

export function clusterOf(yaml: string): { cluster: Cluster; loadFindings: Finding[] } {
  const load = loadText(yaml, 'test.yaml');
  return { cluster: buildCluster(load.objects, defaultSettings()), loadFindings: load.findings };
}

/** Findings of the given rules only (all rules when none are named). */
export function check(yaml: string, ...only: string[]): Finding[] {
  const { cluster, loadFindings } = clusterOf(yaml);
  return runRules(cluster, loadFindings, only.length > 0 ? { only } : {});
}

/** The comparable part of a finding for table-driven expectations. */
export interface Expected {
  rule: string;
  severity: string;
  field?: string;
  line: number;
  /** Substrings the message must contain. */
  message: string[];
}

export function expectFindings(actual: Finding[], expected: Expected[]): void {
  expect(actual.map((f) => [f.rule, f.severity, f.field, f.source?.line])).toEqual(expected.map((e) => [e.rule, e.severity, e.field, e.line]));
  expected.forEach((e, i) => {
    for (const part of e.message) expect(actual[i].message).toContain(part);
  });
}

/** Joins YAML documents. */
export function docs(...parts: string[]): string {
  return parts.map((p) => p.replace(/^\n/, '').replace(/\n$/, '')).join('\n---\n') + '\n';
}
