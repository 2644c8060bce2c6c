/** ingress-path-conflict: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, ingress, lineOf, pod, route, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const webPod = pod('web', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const webSvc = service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]);

const cases: Case[] = [
  [
    'ingress-path-conflict',
    'the same host and path in two Ingresses',
    yamlOf(webPod, webSvc, ingress('a', { rules: [route('example.com', '/api', 'web', 80)] }), ingress('b', { rules: [route('example.com', '/api', 'web', 'http')] })),
    (t) => [
      {
        rule: 'ingress-path-conflict',
        severity: 'warning',
        field: 'spec.rules[0].http.paths[0].path',
        line: lineOf(t, 'path: /api', 2),
        message: ['Ingress default/b routes example.com /api (Prefix) like Ingress default/a (the same controller)'],
      },
    ],
  ],
  ['ingress-path-conflict', 'a different pathType is another route', yamlOf(webPod, webSvc, ingress('a', { rules: [route('example.com', '/api', 'web', 80)] }), ingress('b', { rules: [route('example.com', '/api', 'web', 80, 'Exact')] })), () => []],
  [
    'ingress-path-conflict',
    'different classes are different controllers',
    yamlOf(
      webPod,
      webSvc,
      ingress('a', { ingressClassName: 'nginx', rules: [route('example.com', '/', 'web', 80)] }),
      ingress('b', { ingressClassName: 'traefik', rules: [route('example.com', '/', 'web', 80)] }),
    ),
    () => [],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
