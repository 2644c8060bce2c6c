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
 * The registered rules' metadata. Required lazily so that only `check -o sarif` pays for loading
 * the rule modules' metadata path.
 */
export function registeredRules(): RuleInfo[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { rules } = require('../rules/registry') as typeof import('../rules/registry');
  return rules.map((r) => ({ id: r.id, severity: r.severity, title: r.title, explanation: r.explanation }));
}
