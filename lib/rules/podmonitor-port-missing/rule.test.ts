/**
 * podmonitor-port-missing: table-driven cases, each with the exact finding expected.
 * Prometheus Operator (Documentation/api.md PodMetricsEndpoint; pkg/prometheus/promcfg.go
 * generatePodMonitorConfig): `port` keeps the targets whose `__meta_kubernetes_pod_container_port_name`
 * equals it, `portNumber` those whose container port number does.
 */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const monitor = (endpoints: unknown[], selector: Record<string, unknown> = { matchLabels: { app: 'web' } }) => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: { name: 'web' }, spec: { selector, podMetricsEndpoints: endpoints } });
const app = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 9090 }] });

describe('podmonitor-port-missing', () => {
  const cases: Case[] = [
    ['a declared port name', yamlOf(app, monitor([{ port: 'http' }])), () => []],
    ['a declared port number (portNumber)', yamlOf(app, monitor([{ portNumber: 9090 }])), () => []],
    ['no port: every declared port is scraped', yamlOf(app, monitor([{ path: '/metrics' }])), () => []],
    ['no pod selected: nothing to judge', yamlOf(app, monitor([{ port: 'metrics' }], { matchLabels: { app: 'other' } })), () => []],
    [
      'the port exists but has no name',
      yamlOf(app, monitor([{ port: 'metrics' }])),
      (t) => [
        {
          rule: 'podmonitor-port-missing',
          severity: 'error',
          field: 'spec.podMetricsEndpoints[0].port',
          line: lineOf(t, 'port: metrics'),
          message: ['PodMonitor default/web scrapes the container port named "metrics", but no selected pod (Deployment web) declares it (they declare 9090/TCP, http (8080/TCP)), so this endpoint yields no targets; declare the port with name metrics in the pod template'],
        },
      ],
    ],
    [
      'a portNumber nobody declares',
      yamlOf(app, monitor([{ portNumber: 9100 }])),
      (t) => [{ rule: 'podmonitor-port-missing', severity: 'error', field: 'spec.podMetricsEndpoints[0].portNumber', line: lineOf(t, 'portNumber: 9100'), message: ['scrapes the container port 9100, but no selected pod (Deployment web) declares it'] }],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'podmonitor-port-missing'), expected(text)));
});
