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
 * The registered rules, read lazily so that commands which print no rule metadata never load the
 * rule modules. Falls back to the built-in descriptors when the registry is not available.
 */
export function registeredRules(): RuleInfo[] {
  let listed: RuleInfo[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../rules/registry') as { rules?: unknown };
    if (Array.isArray(mod.rules)) listed = mod.rules.filter(isRuleInfo).map((r) => ({ id: r.id, severity: r.severity, title: r.title, explanation: r.explanation }));
  } catch (err) {
    if (!isMissingModule(err)) throw err;
  }
  const ids = new Set(listed.map((r) => r.id));
  return [...listed, ...BUILT_IN.filter((r) => !ids.has(r.id))];
}

function isRuleInfo(value: unknown): value is RuleInfo {
  const r = value as Partial<RuleInfo> | null;
  return !!r && typeof r.id === 'string' && typeof r.title === 'string' && typeof r.explanation === 'string' && (r.severity === 'error' || r.severity === 'warning' || r.severity === 'info');
}

function isMissingModule(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && e.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes('rules/registry');
}
