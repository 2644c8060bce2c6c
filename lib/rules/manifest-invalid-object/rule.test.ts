/** manifest-invalid-object: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const cases: Case[] = [
  [
    'a Service without metadata.name',
    'apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    app: web\nspec:\n  ports:\n  - port: 80\n',
    (t) => [{ rule: 'manifest-invalid-object', severity: 'error', field: 'metadata.name', line: lineOf(t, 'labels:'), message: ['Service lacks metadata.name (must be a non-empty string); add it so the API server can accept the object'] }],
  ],
  ['the same Service with a name', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  ports:\n  - port: 80\n', () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'manifest-invalid-object'), expected(text)));
