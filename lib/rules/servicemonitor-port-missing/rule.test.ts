/**
 * servicemonitor-port-missing: table-driven cases, each with the exact finding expected.
 * Prometheus Operator (pkg/prometheus/promcfg.go, generateServiceMonitorConfig): `port` keeps the
 * targets whose `__meta_kubernetes_endpoint_port_name` equals it (Endpoints ports carry the Service
 * port's name); `targetPort` keeps `__meta_kubernetes_pod_container_port_number` (a number) or
 * `..._port_name` (a name).
 */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const monitor = (endpoints: unknown[]) => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'mon' }, spec: { selector: { matchLabels: { app: 'web' } }, endpoints } });
const app = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'metrics', containerPort: 9090 }] });
const svc = (ports: { name?: string; port: number; targetPort?: number | string }[]) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } }, spec: { selector: { app: 'web' }, ports } });

describe('servicemonitor-port-missing', () => {
  const cases: Case[] = [
    ['the Service port of that name exists', yamlOf(app, svc([{ name: 'metrics', port: 9090 }]), monitor([{ port: 'metrics' }])), () => []],
    ['targetPort by number that a container declares', yamlOf(app, svc([{ port: 9090 }]), monitor([{ targetPort: 9090 }])), () => []],
    ['targetPort by name that a container declares', yamlOf(app, svc([{ port: 9090 }]), monitor([{ targetPort: 'metrics' }])), () => []],
    [
      'kubernetes/examples vLLM once labelled: port http against an unnamed Service port',
      yamlOf(app, svc([{ port: 8080 }]), monitor([{ port: 'http' }])),
      (t) => [
        {
          rule: 'servicemonitor-port-missing',
          severity: 'error',
          field: 'spec.endpoints[0].port',
          line: lineOf(t, 'port: http'),
          message: [
            'ServiceMonitor default/mon scrapes the Service port named "http", but none of the selected Services has a port of that name (Service default/web has 8080/TCP (unnamed)), so this endpoint yields no targets',
            'an unnamed port never matches: name the Service port "http"',
          ],
        },
      ],
    ],
    [
      'a port name with a typo',
      yamlOf(app, svc([{ name: 'metrics', port: 9090 }]), monitor([{ port: 'metrics' }, { port: 'metric' }])),
      (t) => [{ rule: 'servicemonitor-port-missing', severity: 'error', field: 'spec.endpoints[1].port', line: lineOf(t, 'port: metric', 2), message: ['(Service default/web has metrics (9090/TCP))'] }],
    ],
    [
      'a targetPort no container declares',
      yamlOf(app, svc([{ port: 9090 }]), monitor([{ targetPort: 9100 }])),
      (t) => [{ rule: 'servicemonitor-port-missing', severity: 'error', field: 'spec.endpoints[0].targetPort', line: lineOf(t, 'targetPort: 9100'), message: ['scrapes container port 9100 of the selected Services\' pods, but none of them declares it (they declare metrics (9090/TCP))'] }],
    ],
    ['no Service selected: the other rule says so', yamlOf(app, monitor([{ port: 'http' }])), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'servicemonitor-port-missing'), expected(text)));
});
