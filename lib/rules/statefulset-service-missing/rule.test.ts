/** statefulset-service-missing: table-driven cases, each with the exact finding expected. */
import { simulate } from '../../simulate';
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

describe('statefulset-service-missing', () => {
  const web = workload('StatefulSet', 'web', { app: 'nginx' }, { serviceName: 'nginx', replicas: 2, ports: [{ name: 'web', containerPort: 80 }] });
  const headless = service('nginx', { app: 'nginx' }, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } });
  const cases: Case[] = [
    ['seed: the governing Service is headless', yamlOf(web, headless), () => []],
    [
      'seed broken: StatefulSet without its Service',
      yamlOf(web),
      // A warning: only the pods' DNS names are affected (StatefulSet docs, "Stable Network ID").
      (t) => [
        {
          rule: 'statefulset-service-missing',
          severity: 'warning',
          field: 'spec.serviceName',
          line: lineOf(t, 'serviceName: nginx'),
          message: [
            'StatefulSet default/web names serviceName nginx, but there is no Service nginx in namespace default, so its pods get no stable DNS names (web-0.nginx.default.svc.cluster.local does not resolve)',
            'create a headless Service (clusterIP: None) named nginx selecting app=nginx',
          ],
        },
      ],
    ],
    [
      'a near miss in the name',
      yamlOf(web, service('ngnix', { app: 'nginx' }, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } })),
      (t) => [{ rule: 'statefulset-service-missing', severity: 'warning', field: 'spec.serviceName', line: lineOf(t, 'serviceName: nginx'), message: ['did you mean Service ngnix?'] }],
    ],
    [
      'a governing Service that is not headless (warning)',
      yamlOf(web, service('nginx', { app: 'nginx' }, [{ name: 'web', port: 80 }])),
      (t) => [
        {
          rule: 'statefulset-service-missing',
          severity: 'warning',
          field: 'spec.serviceName',
          line: lineOf(t, 'serviceName: nginx'),
          message: ['StatefulSet default/web uses Service default/nginx as its governing Service, but it is not headless (clusterIP 10.', 'set clusterIP: None on the Service'],
        },
      ],
    ],
    [
      'a headless governing Service that selects none of its pods',
      yamlOf(web, service('nginx', { app: 'web' }, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } })),
      (t) => [
        {
          rule: 'statefulset-service-missing',
          severity: 'warning',
          field: 'spec.serviceName',
          line: lineOf(t, 'serviceName: nginx'),
          message: [
            "StatefulSet default/web uses Service default/nginx as its governing Service, but the Service selects app=web and none of the StatefulSet's pods (labels app=nginx), so they are not its endpoints and get no stable DNS names (web-0.nginx.default.svc.cluster.local does not resolve); make the Service select app=nginx",
          ],
        },
      ],
    ],
    ['a headless governing Service selecting a subset of labels still selects the pods', yamlOf(workload('StatefulSet', 'web', { app: 'nginx', tier: 'db' }, { serviceName: 'nginx', replicas: 1 }), headless), () => []],
    ['a selector-less headless Service (hand-written endpoints may name the pods) is left alone', yamlOf(web, service('nginx', undefined, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } })), () => []],
    ['no replicas: nothing to name', yamlOf(workload('StatefulSet', 'web', { app: 'nginx' }, { serviceName: 'nginx', replicas: 0 }), service('nginx', { app: 'web' }, [{ port: 80 }], { spec: { clusterIP: 'None' } })), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'statefulset-service-missing'), expected(text)));

  test('the DNS view agrees: the pod name resolves only when the governing Service selects the pod', () => {
    const resolves = (svcSelector: Record<string, string>) => {
      const sim = simulate(yamlOf(web, service('nginx', svcSelector, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } })));
      return sim.dns('web-0.nginx.default.svc.cluster.local').rcode;
    };
    expect([resolves({ app: 'nginx' }), resolves({ app: 'web' })]).toEqual(['NOERROR', 'NXDOMAIN']);
  });
});
