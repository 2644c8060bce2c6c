/** api-validation: upstream validation errors as findings, with the upstream field path and text. */
import { buildCluster } from '../../cluster/build';
import { defaultSettings } from '../../cluster/settings';
import { loadText } from '../../load/load';
import type { FieldError } from '../../validation/field-error';
import { check, type Expected, expectFindings, lineOf, pod, service, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (t: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }]);

const cases: Case[] = [
  ['a valid Service', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }])), () => []],
  [
    'port 0',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 0, targetPort: 80 }])),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ports[0].port', line: lineOf(t, 'port: 0'), message: ['The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] }],
  ],
  [
    'a named targetPort longer than 15 characters',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 80, targetPort: 'http-web-server-1' }])),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ports[0].targetPort', line: lineOf(t, 'targetPort: http-web-server-1'), message: ['spec.ports[0].targetPort: Invalid value: "http-web-server-1": must be no more than 15 characters'] }],
  ],
  [
    'two ports, one without a name',
    yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80 }, { port: 443, targetPort: 80 }])),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ports[1].name', line: lineOf(t, '- port: 443'), message: ['The Service "web" is invalid: spec.ports[1].name: Required value'] }],
  ],
  [
    'a lower-case protocol',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 80, protocol: 'tcp' }])),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ports[0].protocol', line: lineOf(t, 'protocol: tcp'), message: ['spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'] }],
  ],
  [
    'a loopback address in Endpoints',
    yamlOf(service('db', undefined, [{ port: 5432 }]), { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 5432 }] }] }),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'subsets[0].addresses[0].ip', line: lineOf(t, 'ip: 127.0.0.1'), message: ['The Endpoints "db" is invalid: subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'] }],
  ],
  [
    'an Ingress path without pathType',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }]), {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    }),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.rules[0].http.paths[0].pathType', line: lineOf(t, '- path: /'), message: ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'] }],
  ],
  [
    // The build validates each NetworkPolicy to decide which exist; the rule words that verdict.
    'a NetworkPolicy port 0',
    yamlOf({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bad' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 0 }] }] } }),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ingress[0].ports[0].port', line: lineOf(t, 'port: 0'), message: ['The NetworkPolicy "bad" is invalid: spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'] }],
  ],
  [
    // The earlier of two declarations is not read by the build (the later replaces it), but it is still judged.
    'the earlier declaration of a NetworkPolicy declared twice',
    yamlOf(
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'twice' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 70000 }] }] } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'twice' }, spec: { podSelector: {} } },
    ),
    (t) => [{ rule: 'api-validation', severity: 'error', field: 'spec.ingress[0].ports[0].port', line: lineOf(t, 'port: 70000'), message: ['The NetworkPolicy "twice" is invalid: spec.ingress[0].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'] }],
  ],
  ['kinds the API server checks in ways we do not model are left alone', yamlOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }), () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'api-validation'), expected(text)));

test('the ignore annotation silences it', () => {
  const svc = service('web', { app: 'web' }, [{ port: 0, targetPort: 80 }], { annotations: { 'lineup.dev/ignore': 'api-validation' } });
  expect(check(yamlOf(web, svc), 'api-validation')).toEqual([]);
});

test('the build keeps the verdict on each NetworkPolicy it read: errors for the rejected one, none for the accepted one', () => {
  const text = yamlOf(
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'bad' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 0 }] }] } },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'good' }, spec: { podSelector: {} } },
  );
  const cluster = buildCluster(loadText(text, 'p.yaml').objects, defaultSettings());
  const verdicts = [...(cluster.networkPolicyErrors ?? new Map()).entries()].map(([o, errors]) => [o.name, errors.map((e: FieldError) => e.field)]);
  expect(verdicts).toEqual([['bad', ['spec.ingress[0].ports[0].port']], ['good', []]]);
  expect(cluster.networkPolicies.map((p) => p.name)).toEqual(['good']);
});
