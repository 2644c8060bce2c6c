/** service-selects-multiple-workloads: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web', tier: 'frontend' }, { replicas: 2, ports: [{ containerPort: 80 }] });

// Positions point at the selector's value: its first entry, on the line under `selector:`.
describe('service-selects-multiple-workloads', () => {
  const canary = workload('Deployment', 'web-canary', { app: 'web', track: 'canary' }, { ports: [{ containerPort: 80 }] });
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'a selector spanning two Deployments',
      yamlOf(web, canary, service('web', { app: 'web' }, [{ port: 80 }])),
      (t) => [
        {
          rule: 'service-selects-multiple-workloads',
          severity: 'warning',
          field: 'spec.selector',
          line: lineOf(t, 'selector:', 3) + 1,
          message: ['Service default/web selects app=web, which matches pods of 2 workloads: Deployment web (2 pods), Deployment web-canary (1 pod)'],
        },
      ],
    ],
    ['a selector narrowed to one workload', yamlOf(web, canary, service('web', { app: 'web', tier: 'frontend' }, [{ port: 80 }])), () => []],
    ['one workload plus a bare pod', yamlOf(web, pod('debug', { app: 'web' }, [{ containerPort: 80 }]), service('web', { app: 'web' }, [{ port: 80 }])), () => []],
    [
      'silenced for a canary by annotation',
      yamlOf(web, canary, service('web', { app: 'web' }, [{ port: 80 }], { annotations: { 'lineup.dev/ignore': 'service-selects-multiple-workloads' } })),
      () => [],
    ],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, 'service-selects-multiple-workloads'), expected(text));
  });
});
