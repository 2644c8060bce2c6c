/** ingress-backend-missing-service: table-driven cases, each with the exact finding expected. */
import { backend, check, type Expected, expectFindings, ingress, lineOf, pod, route, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const webPod = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);

const cases: Case[] = [
  ['ingress-backend-missing-service', 'a backend to an existing Service', yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'web', 80)] })), () => []],
  [
    'ingress-backend-missing-service',
    'seed broken: a rule backend naming no Service',
    yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'wbe', 80)] })),
    (t) => [
      {
        rule: 'ingress-backend-missing-service',
        severity: 'error',
        field: 'spec.rules[0].http.paths[0].backend.service.name',
        line: lineOf(t, 'name: wbe'),
        message: ['Ingress default/web routes example.com / (Prefix) to Service wbe, which does not exist in namespace default, so the controller cannot serve that route; did you mean Service web?'],
      },
    ],
  ],
  [
    'ingress-backend-missing-service',
    'a default backend naming a Service of another namespace',
    yamlOf(pod('web', { app: 'web' }, [{ containerPort: 80 }], { namespace: 'shop' }), service('web', { app: 'web' }, [{ port: 80 }], { namespace: 'shop' }), ingress('web', { defaultBackend: backend('web', 80) })),
    (t) => [
      {
        rule: 'ingress-backend-missing-service',
        severity: 'error',
        field: 'spec.defaultBackend.service.name',
        line: lineOf(t, 'name: web', 5),
        message: ['routes its default backend to Service web', 'Service web exists in namespace shop, but an Ingress only routes to Services in its own namespace (default)'],
      },
    ],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
