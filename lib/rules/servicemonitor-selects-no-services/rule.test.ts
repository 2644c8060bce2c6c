/**
 * servicemonitor-selects-no-services: table-driven cases, each with the exact finding expected.
 * Semantics from the Prometheus Operator (Documentation/api.md, ServiceMonitorSpec and
 * NamespaceSelector; pkg/prometheus/promcfg.go generateServiceMonitorConfig): Services are matched
 * by their own labels; `any: true` watches every namespace, `matchNames` the ones named, neither the
 * ServiceMonitor's own namespace; an empty selector selects every Service.
 */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const monitor = (spec: Record<string, unknown>, namespace = 'monitoring') => ({ apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'mon', namespace }, spec: { endpoints: [{ port: 'http' }], ...spec } });
const app = workload('Deployment', 'app', { app: 'gemma-server' }, { namespace: 'vllm-example' });
const vllmService = (labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'vllm-service', namespace: 'vllm-example', ...(labels ? { labels } : {}) },
  spec: { selector: { app: 'gemma-server' }, ports: [{ name: 'http', port: 8080 }] },
});
const labelled = vllmService({ app: 'gemma-server' });
const unlabelled = vllmService();

describe('servicemonitor-selects-no-services', () => {
  const cases: Case[] = [
    ['a labelled Service in a named namespace', yamlOf(app, labelled, monitor({ namespaceSelector: { matchNames: ['vllm-example'] }, selector: { matchLabels: { app: 'gemma-server' } } })), () => []],
    ['any: true watches every namespace', yamlOf(app, labelled, monitor({ namespaceSelector: { any: true }, selector: { matchLabels: { app: 'gemma-server' } } })), () => []],
    ['matchExpressions select too', yamlOf(app, labelled, monitor({ namespaceSelector: { any: true }, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['gemma-server', 'other'] }] } })), () => []],
    ['an empty selector selects every Service', yamlOf(app, labelled, monitor({ namespaceSelector: { matchNames: ['vllm-example'] }, selector: {} })), () => []],
    [
      'kubernetes/examples vLLM: the Service selects the pods but carries no labels',
      yamlOf(app, unlabelled, monitor({ namespaceSelector: { matchNames: ['vllm-example'] }, selector: { matchLabels: { app: 'gemma-server' } } })),
      (t) => [
        {
          rule: 'servicemonitor-selects-no-services',
          severity: 'warning',
          field: 'spec.selector',
          line: lineOf(t, 'matchLabels:', 2),
          message: [
            'ServiceMonitor monitoring/mon selects Services labelled app=gemma-server in namespace vllm-example, but no Service there has those labels, so Prometheus scrapes nothing for it',
            'Service vllm-example/vllm-service selects pods labelled app=gemma-server but does not carry that label itself; a ServiceMonitor matches a Service\'s own labels (metadata.labels)',
          ],
        },
      ],
    ],
    [
      'without a namespaceSelector only its own namespace is watched',
      yamlOf(app, labelled, monitor({ selector: { matchLabels: { app: 'gemma-server' } } })),
      (t) => [
        {
          rule: 'servicemonitor-selects-no-services',
          severity: 'warning',
          field: 'spec.selector',
          line: lineOf(t, 'matchLabels:', 2),
          message: ['in namespace monitoring, but no Service there', 'Service vllm-example/vllm-service has these labels in a namespace it does not watch; name the namespace in spec.namespaceSelector.matchNames'],
        },
      ],
    ],
    [
      'a typo in a label value',
      yamlOf(app, labelled, monitor({ namespaceSelector: { any: true }, selector: { matchLabels: { app: 'gemma-sever' } } })),
      (t) => [{ rule: 'servicemonitor-selects-no-services', severity: 'warning', field: 'spec.selector', line: lineOf(t, 'matchLabels:', 2), message: ['did you mean app=gemma-server (Service vllm-example/vllm-service)?'] }],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'servicemonitor-selects-no-services'), expected(text)));
});
