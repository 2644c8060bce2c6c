/**
 * manifest-invalid-object: documents that are not Kubernetes objects. The loader finds them
 * (lib/load/objects.ts `identify`) and records typed problems; this rule words them.
 */
import type { LoadProblem } from '../../load/problems';
import { describeShapeProblem } from '../support/document-shape';
import type { Rule, RuleHit } from '../rule';

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
  check({ loadProblems }) {
    const hits: RuleHit[] = [];
    for (const p of loadProblems) {
      const message = invalidObjectMessage(p);
      if (message === undefined) continue;
      hits.push({ at: p.at, field: p.type === 'missing-identity' ? p.field : undefined, message, constructPath: p.constructPath });
    }
    return hits;
  },
};

function invalidObjectMessage(p: LoadProblem): string | undefined {
  switch (p.type) {
    case 'not-an-object':
      return `document ${p.documentIndex + 1} is ${p.found}, not a Kubernetes object; each YAML document must be a mapping with apiVersion, kind and metadata.name`;
    case 'missing-identity': {
      const label = p.kind ? `${p.kind}${p.name ? ` ${p.name}` : ''}` : `document ${p.documentIndex + 1}`;
      return `${label} lacks ${p.missing.join(', ')} (must be a non-empty string); add ${p.missing.length === 1 ? 'it' : 'them'} so the API server can accept the object`;
    }
    case 'unsafe-object':
      return `document ${p.documentIndex + 1}: ${describeShapeProblem(p.shape, true)}`;
    default:
      return undefined;
  }
}
