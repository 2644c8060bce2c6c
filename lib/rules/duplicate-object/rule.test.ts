/** duplicate-object: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);

const cases: Case[] = [
  [
    'duplicate-object',
    'the same Service twice',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }]), service('web', { app: 'web' }, [{ port: 8080, targetPort: 80 }])),
    (t) => [{ rule: 'duplicate-object', severity: 'error', field: 'metadata.name', line: lineOf(t, 'name: web', 4), message: ['Service default/web is declared twice (first at test.yaml:'] }],
  ],
  ['duplicate-object', 'the same name in two namespaces', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }]), service('web', { app: 'web' }, [{ port: 80 }], { namespace: 'shop' })), () => []],
  ['duplicate-object', 'the same name, different kinds', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }])), () => []],
  [
    'duplicate-object',
    'objects of kinds lineup does not model are left alone',
    yamlOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    () => [],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
