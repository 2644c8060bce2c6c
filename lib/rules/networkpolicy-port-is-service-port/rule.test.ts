/** networkpolicy-port-is-service-port: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const policy = (ports: object[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports }] } });

describe('networkpolicy-port-is-service-port', () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'the Service port (80) where the pods listen on 8080 by name',
      yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 80 }])),
      (t) => [
        {
          rule: 'networkpolicy-port-is-service-port',
          severity: 'warning',
          field: 'spec.ingress[0].ports[0]',
          line: lineOf(t, '- port: 80', 1),
          message: ["allows TCP 80 (spec.ingress[0].ports[0]), which is Service default/web's port; its pods (Deployment web) listen on targetPort 8080", 'allow 8080 or the port name http'],
        },
      ],
    ],
    [
      'a numeric targetPort',
      yamlOf(web, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), policy([{ port: 80 }])),
      (t) => [{ rule: 'networkpolicy-port-is-service-port', severity: 'warning', field: 'spec.ingress[0].ports[0]', line: lineOf(t, '- port: 80', 2), message: ['listen on targetPort 8080', '— allow 8080'] }],
    ],
    ['the targetPort by number', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 8080 }])), () => []],
    ['the targetPort by name', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 'http' }])), () => []],
    ['both the Service port and the targetPort', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 80 }, { port: 8080 }])), () => []],
    ['port equals targetPort', yamlOf(web, service('web', { app: 'web' }, [{ port: 8080 }]), policy([{ port: 8080 }])), () => []],
    ['another protocol', yamlOf(web, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), policy([{ port: 80, protocol: 'UDP' }])), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, 'networkpolicy-port-is-service-port'), expected(text));
  });
});
