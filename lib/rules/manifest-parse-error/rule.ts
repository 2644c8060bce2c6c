/**
 * manifest-parse-error: the loader reports these (it is the only place that sees the text); the
 * module exists so the rule has an ID, a severity and an explanation like every other rule.
 */
import type { Rule } from '../rule';

export const manifestParseError: Rule = {
  id: 'manifest-parse-error',
  severity: 'error',
  title: 'YAML or JSON that does not parse',
  explanation:
    'A file (or one document of a multi-document YAML file) is not valid YAML or JSON. Nothing in that document can be ' +
    'checked, and `kubectl apply` would refuse the whole file, so none of its objects reach the cluster. The finding ' +
    'points at the line and column where the parser gave up; the usual causes are tabs used for indentation, a missing ' +
    '`:` or a list item indented differently from its siblings. Fix the syntax at that position.',
  check: () => [],
};
