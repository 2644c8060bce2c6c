/**
 * manifest-invalid-object: reported by the loader (lib/load/objects.ts `identify`) for documents that
 * are not Kubernetes objects; this module gives the rule its ID and explanation.
 */
import type { Rule } from '../rule';

export const manifestInvalidObject: Rule = {
  id: 'manifest-invalid-object',
  severity: 'error',
  title: 'A document that is not a Kubernetes object',
  explanation:
    'Every YAML document must be a mapping with a non-empty `apiVersion`, `kind` and `metadata.name`; the API server ' +
    'identifies an object by these fields and rejects a document without them. A document that is a list, a scalar, ' +
    'or lacks one of the three is skipped by lineup, so anything that depends on it (a Service selecting its pods, an ' +
    'Ingress naming it) is checked as if it did not exist. Add the missing field, or remove the stray document ' +
    '(a lone `---` followed by text is a common cause).',
  check: () => [],
};
