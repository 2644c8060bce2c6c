/** manifest-parse-error: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const cases: Case[] = [
  [
    'a list entry indented one column short (js-yaml: "bad indentation of a sequence entry")',
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    ports:\n    - containerPort: 80\n     protocol: TCP\n',
    (t) => [{ rule: 'manifest-parse-error', severity: 'error', field: undefined, line: lineOf(t, '     protocol: TCP'), message: ['test.yaml:10:6: bad indentation of a sequence entry; fix the YAML/JSON syntax at that position'] }],
  ],
  ['the same document correctly indented', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    ports:\n    - containerPort: 80\n      protocol: TCP\n', () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'manifest-parse-error'), expected(text)));
