/**
 * manifest-parse-error: text that does not parse. The loader finds it (it is the only place that
 * sees the text) and records it as a typed problem; this rule words it.
 */
import type { LoadProblem } from '../../load/problems';
import { describePlaceholder } from '../../load/template-placeholder';
import { describeShapeProblem } from '../support/document-shape';
import type { Rule, RuleHit } from '../rule';

export const manifestParseError: Rule = {
  id: 'manifest-parse-error',
  severity: 'error',
  title: 'YAML or JSON that does not parse',
  explanation:
    'A file (or one document of a multi-document YAML file) is not valid YAML or JSON. Nothing in that document can be ' +
    'checked, and `kubectl apply` would refuse the whole file, so none of its objects reach the cluster. The finding ' +
    'points at the line and column where the parser gave up; the usual causes are tabs used for indentation, a missing ' +
    '`:` or a list item indented differently from its siblings. Fix the syntax at that position.',
  check({ loadProblems }) {
    const hits: RuleHit[] = [];
    for (const p of loadProblems) {
      const message = parseErrorMessage(p);
      if (message !== undefined) hits.push({ at: p.at, message, constructPath: p.constructPath });
    }
    return hits;
  },
};

function parseErrorMessage(p: LoadProblem): string | undefined {
  const { file, line, column } = p.at;
  switch (p.type) {
    case 'syntax':
      return `${file}:${line}:${column}: ${p.reason}; fix the YAML/JSON syntax at that position`;
    case 'template-placeholder':
      return `${file}:${line}:${column}: ${describePlaceholder(p.placeholder)}`;
    case 'shape':
      return `${file}:${line}:${column}: ${describeShapeProblem(p.shape)}`;
    case 'encoding':
      if (p.encoding === 'utf-16') return `${file} is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8`;
      if (p.encoding === 'binary') return `${file} contains NUL bytes: it is a binary file, not YAML or JSON; remove it from the inputs`;
      return `${file}:${line}:${column}: not valid UTF-8; save the file as UTF-8`;
    default:
      return undefined;
  }
}
