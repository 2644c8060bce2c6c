/**
 * Rule metadata as the reporters need it (SARIF `rules[]`, junit failure types). The catalogue
 * itself lives in rules/registry.ts; reporters take it as a parameter so they stay pure and
 * testable with small fixtures.
 */
import type { Severity } from '../findings';

export interface RuleInfo {
  id: string;
  severity: Severity;
  /** One line, e.g. "Service selector matches no pod". */
  title: string;
  /** One paragraph: what the rule means and how to fix it. */
  explanation: string;
}

/**
 * Rules the loader and allocator report without a rule module of their own; used when the registry
 * does not list them, so every ruleId in a SARIF log has a descriptor.
 */
const BUILT_IN: RuleInfo[] = [
  { id: 'manifest-parse-error', severity: 'error', title: 'Manifest does not parse', explanation: 'The file is not valid YAML or JSON. Fix the syntax at the reported line and column.' },
  { id: 'manifest-invalid-object', severity: 'error', title: 'Document is not a Kubernetes object', explanation: 'Each document must be a mapping with apiVersion, kind and metadata.name. Add the missing fields or remove the document.' },
];

/**
 * The registered rules plus the built-in descriptors they lack. Required lazily so that only
 * `check -o sarif` pays for loading the rule modules' metadata path.
 */
export function registeredRules(): RuleInfo[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../rules/registry') as typeof import('../rules/registry');
  const listed = rules.map((r) => ({ id: r.id, severity: r.severity, title: r.title, explanation: r.explanation }));
  const ids = new Set(listed.map((r) => r.id));
  return [...listed, ...BUILT_IN.filter((r) => !ids.has(r.id))];
}
