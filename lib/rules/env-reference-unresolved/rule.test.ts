/** env-reference-unresolved: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

describe('env-reference-unresolved', () => {
  const redis = [pod('redis', { app: 'redis' }, [{ containerPort: 6379 }]), service('redis', { app: 'redis' }, [{ port: 6379 }])];
  const app = (value: string, opts: { namespace?: string; links?: boolean; env?: { name: string; value: string }[] } = {}) => {
    const p = pod('app', { app: 'app' }, [], { namespace: opts.namespace, env: [...(opts.env ?? []), { name: 'TARGET', value }] }) as { spec: Record<string, unknown> };
    if (opts.links === false) p.spec.enableServiceLinks = false;
    return p;
  };
  const cases: Case[] = [
    ['variables of a Service of the namespace', yamlOf(...redis, app('$(REDIS_SERVICE_HOST):$(REDIS_SERVICE_PORT) $(REDIS_PORT_6379_TCP_ADDR)')), () => []],
    ['the kubernetes Service is always there', yamlOf(app('https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT_HTTPS)', { links: false })), () => []],
    ['escaped references are literal text', yamlOf(app('$$(REDIS_MASTER_SERVICE_HOST)')), () => []],
    ['names the container defines itself', yamlOf(app('$(CACHE_SERVICE_HOST)', { env: [{ name: 'CACHE_SERVICE_HOST', value: 'cache.example.com' }] })), () => []],
    [
      'a misnamed Service',
      yamlOf(...redis, app('$(REDIS_MASTER_SERVICE_HOST)')),
      (t) => [
        {
          rule: 'env-reference-unresolved',
          severity: 'warning',
          field: 'spec.containers[0].env[0].value',
          line: lineOf(t, 'value: $(REDIS_MASTER'),
          message: [
            'Pod default/app container app refers to $(REDIS_MASTER_SERVICE_HOST), but no Service in namespace default provides it, so the kubelet leaves the text "$(REDIS_MASTER_SERVICE_HOST)" unexpanded',
            'there is no Service named redis-master in namespace default (Services of namespace default with variables: kubernetes (KUBERNETES_...), redis (REDIS_...))',
          ],
        },
      ],
    ],
    [
      'a wrong port in the variable',
      yamlOf(...redis, app('$(REDIS_PORT_6380_TCP_ADDR)')),
      (t) => [{ rule: 'env-reference-unresolved', severity: 'warning', field: 'spec.containers[0].env[0].value', line: lineOf(t, 'value: $(REDIS_PORT'), message: ['Service redis provides', 'did you mean $(REDIS_PORT_6379_TCP_ADDR)?'] }],
    ],
    [
      'a headless Service has no variables',
      yamlOf(pod('redis', { app: 'redis' }, [{ containerPort: 6379 }]), service('redis', { app: 'redis' }, [{ port: 6379 }], { spec: { clusterIP: 'None' } }), app('$(REDIS_SERVICE_HOST)')),
      (t) => [{ rule: 'env-reference-unresolved', severity: 'warning', field: 'spec.containers[0].env[0].value', line: lineOf(t, 'value: $(REDIS'), message: ['Service redis is headless (clusterIP: None), and such Services get no variables — use its DNS name redis instead'] }],
    ],
    [
      'enableServiceLinks: false',
      yamlOf(...redis, app('$(REDIS_SERVICE_HOST)', { links: false })),
      (t) => [{ rule: 'env-reference-unresolved', severity: 'warning', field: 'spec.containers[0].env[0].value', line: lineOf(t, 'value: $(REDIS'), message: ['the pod sets enableServiceLinks: false'] }],
    ],
    [
      'a Service of another namespace',
      yamlOf(...redis, app('$(REDIS_SERVICE_HOST)', { namespace: 'web' })),
      (t) => [{ rule: 'env-reference-unresolved', severity: 'warning', field: 'spec.containers[0].env[0].value', line: lineOf(t, 'value: $(REDIS'), message: ["Service redis is in namespace default; service variables only cover the pod's own namespace — use the DNS name redis.default instead"] }],
    ],
    [
      'references in a Deployment template',
      yamlOf(
        ...redis,
        (() => {
          const w = workload('Deployment', 'app', { app: 'app' }) as { spec: { template: { spec: { containers: Record<string, unknown>[] } } } };
          w.spec.template.spec.containers[0].args = ['--redis=$(REDIS_HOST)', '--cache=$(CACHE_SERVICE_HOST)'];
          return w;
        })(),
      ),
      (t) => [{ rule: 'env-reference-unresolved', severity: 'warning', field: 'spec.template.spec.containers[0].args[1]', line: lineOf(t, '--cache='), message: ['Deployment default/app container app refers to $(CACHE_SERVICE_HOST)'] }],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'env-reference-unresolved'), expected(text)));
});
