/** endpoints-overridden: table-driven cases, each with the exact finding expected. */
import { check, endpoints, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const external = service('external-service', undefined, [{ port: 80 }]);

describe('endpoints-overridden', () => {
  const cases: Case[] = [
    [
      'manual Endpoints for a Service with a selector',
      yamlOf(pod('db', { app: 'db' }, [{ containerPort: 5432 }]), service('db', { app: 'db' }, [{ port: 5432 }]), endpoints('db', [{ port: 5432 }], { ips: ['10.0.5.20'] })),
      (t) => [
        {
          rule: 'endpoints-overridden',
          severity: 'warning',
          field: 'subsets',
          line: lineOf(t, 'subsets:') + 1,
          message: ['Endpoints default/db is overwritten by the endpoints controller because Service default/db has a selector (app=db)', 'remove the selector from the Service'],
        },
      ],
    ],
    ['manual Endpoints for a selector-less Service', yamlOf(external, endpoints('external-service', [{ port: 80 }])), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'endpoints-overridden'), expected(text)));
});
