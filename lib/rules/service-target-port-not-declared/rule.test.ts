/** service-target-port-not-declared: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

describe('service-target-port-not-declared', () => {
  const web = (ports: { name?: string; containerPort: number; protocol?: string }[] | undefined) => workload('Deployment', 'web', { app: 'web' }, { ports });
  const cases: Case[] = [
    ['the targetPort is declared', yamlOf(web([{ containerPort: 8080 }]), service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }])), () => []],
    [
      'targetPort left out, so it is the Service port',
      yamlOf(web([{ containerPort: 8080 }]), service('web', { app: 'web' }, [{ port: 80 }])),
      (t) => [
        {
          rule: 'service-target-port-not-declared',
          severity: 'warning',
          field: 'spec.ports[0].targetPort',
          line: lineOf(t, 'port: 80'),
          message: ['Service default/web port 80/TCP forwards to targetPort 80 (targetPort defaults to port), but no selected container declares 80/TCP; the selected containers declare 8080/TCP'],
        },
      ],
    ],
    [
      'declared with another protocol',
      yamlOf(web([{ containerPort: 53, protocol: 'UDP' }]), service('web', { app: 'web' }, [{ port: 53, targetPort: 53 }])),
      (t) => [{ rule: 'service-target-port-not-declared', severity: 'warning', field: 'spec.ports[0].targetPort', line: lineOf(t, 'targetPort: 53'), message: ['53 is declared as UDP (container web), not TCP'] }],
    ],
    // Declaring ports is optional: the Container.ports API doc says not specifying a port there does
    // not prevent it from being exposed (k8s.io/api core/v1 types.go, Container.Ports). Containers
    // that declare none are not judged.
    ['containers that declare no ports are not judged', yamlOf(web(undefined), service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }])), () => []],
    [
      'pods that declare ports are judged even when other selected pods declare none',
      yamlOf(web([{ containerPort: 9090 }]), workload('Deployment', 'web-canary', { app: 'web', track: 'canary' }), service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }])),
      (t) => [{ rule: 'service-target-port-not-declared', severity: 'warning', field: 'spec.ports[0].targetPort', line: lineOf(t, 'targetPort: 8080'), message: ['no selected container declares 8080/TCP; the selected containers declare 9090/TCP'] }],
    ],
    ['a named targetPort is the other rule', yamlOf(web([{ containerPort: 8080 }]), service('web', { app: 'web' }, [{ port: 80, targetPort: 'http' }])), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => expectFindings(check(text, 'service-target-port-not-declared'), expected(text)));
});
