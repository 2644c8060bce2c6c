/** ingress-tls-secret-missing: table-driven cases, each with the exact finding expected. */
import { backend, check, type Expected, expectFindings, ingress, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const webPod = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);

const cases: Case[] = [
  [
    'ingress-tls-secret-missing',
    'a TLS secret that is not among the inputs',
    yamlOf(webPod, webSvc, ingress('web', { tls: [{ hosts: ['example.com'], secretName: 'web-tls' }], defaultBackend: backend('web', 80) })),
    (t) => [
      {
        rule: 'ingress-tls-secret-missing',
        severity: 'warning',
        field: 'spec.tls[0].secretName',
        line: lineOf(t, 'secretName: web-tls'),
        message: ['Ingress default/web uses TLS secret web-tls, which is not among the inputs (namespace default); without it the controller serves its default self-signed certificate for example.com'],
      },
    ],
  ],
  [
    'ingress-tls-secret-missing',
    'the Secret is among the inputs',
    yamlOf(webPod, webSvc, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-tls' }, type: 'kubernetes.io/tls' }, ingress('web', { tls: [{ secretName: 'web-tls' }], defaultBackend: backend('web', 80) })),
    () => [],
  ],
  [
    'ingress-tls-secret-missing',
    'cert-manager will issue it',
    yamlOf(webPod, webSvc, ingress('web', { tls: [{ secretName: 'web-tls' }], defaultBackend: backend('web', 80) }, { annotations: { 'cert-manager.io/cluster-issuer': 'le' } })),
    () => [],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
