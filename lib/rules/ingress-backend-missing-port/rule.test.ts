/** ingress-backend-missing-port: table-driven cases, each with the exact finding expected. */
import { backend, check, type Expected, expectFindings, ingress, lineOf, pod, route, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const webPod = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);

const cases: Case[] = [
  [
    'ingress-backend-missing-port',
    'a port number that is the targetPort',
    yamlOf(webPod, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 8080 }]), ingress('web', { rules: [route(undefined, '/', 'web', 8080)] })),
    (t) => [
      {
        rule: 'ingress-backend-missing-port',
        severity: 'error',
        field: 'spec.rules[0].http.paths[0].backend.service.port.number',
        line: lineOf(t, 'number: 8080'),
        message: ['Ingress default/web routes any host / (Prefix) to Service default/web port 8080, but the Service has no such port (its ports: 80 (http))', '8080 is the targetPort of Service port 80; a backend names the Service port: use number 80 or name http'],
      },
    ],
  ],
  [
    'ingress-backend-missing-port',
    'seed broken: a port name the Service does not have',
    yamlOf(webPod, webSvc, ingress('web', { rules: [route('example.com', '/', 'web', 'htp')] })),
    (t) => [{ rule: 'ingress-backend-missing-port', severity: 'error', field: 'spec.rules[0].http.paths[0].backend.service.port.name', line: lineOf(t, 'name: htp'), message: ['port "htp", but the Service has no such port', 'did you mean "http"?'] }],
  ],
  [
    'ingress-backend-missing-port',
    'a port name for an unnamed Service port',
    yamlOf(webPod, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), ingress('web', { defaultBackend: backend('web', 'http') })),
    (t) => [{ rule: 'ingress-backend-missing-port', severity: 'error', field: 'spec.defaultBackend.service.port.name', line: lineOf(t, 'name: http', 2), message: ["the Service's ports are unnamed; use port.number instead"] }],
  ],
  ['ingress-backend-missing-port', 'port by name and by number', yamlOf(webPod, webSvc, ingress('web', { rules: [route('a.example.com', '/', 'web', 'http'), route('b.example.com', '/', 'web', 80)] })), () => []],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
