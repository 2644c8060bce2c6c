/** statefulset-service-missing, local-traffic-no-local-endpoints, env-reference-unresolved. */
import { check, expectFindings, lineOf, pod, service, workload, yamlOf, type Expected } from './helpers';

type Case = [string, string, (text: string) => Expected[]];

describe('statefulset-service-missing', () => {
  const web = workload('StatefulSet', 'web', { app: 'nginx' }, { serviceName: 'nginx', replicas: 2, ports: [{ name: 'web', containerPort: 80 }] });
  const headless = service('nginx', { app: 'nginx' }, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } });
  const cases: Case[] = [
    ['seed: the governing Service is headless', yamlOf(web, headless), () => []],
    [
      'seed broken: StatefulSet without its Service',
      yamlOf(web),
      // A warning: only the pods' DNS names are affected (StatefulSet docs, "Stable Network ID").
      (t) => [
        {
          rule: 'statefulset-service-missing',
          severity: 'warning',
          field: 'spec.serviceName',
          line: lineOf(t, 'serviceName: nginx'),
          message: [
            'StatefulSet default/web names serviceName nginx, but there is no Service nginx in namespace default, so its pods get no stable DNS names (web-0.nginx.default.svc.cluster.local does not resolve)',
            'create a headless Service (clusterIP: None) named nginx selecting app=nginx',
          ],
        },
      ],
    ],
    [
      'a near miss in the name',
      yamlOf(web, service('ngnix', { app: 'nginx' }, [{ name: 'web', port: 80 }], { spec: { clusterIP: 'None' } })),
      (t) => [{ rule: 'statefulset-service-missing', severity: 'warning', field: 'spec.serviceName', line: lineOf(t, 'serviceName: nginx'), message: ['did you mean Service ngnix?'] }],
    ],
    [
      'a governing Service that is not headless (warning)',
      yamlOf(web, service('nginx', { app: 'nginx' }, [{ name: 'web', port: 80 }])),
      (t) => [
        {
          rule: 'statefulset-service-missing',
          severity: 'warning',
          field: 'spec.serviceName',
          line: lineOf(t, 'serviceName: nginx'),
          message: ['StatefulSet default/web uses Service default/nginx as its governing Service, but it is not headless (clusterIP 10.', 'set clusterIP: None on the Service'],
        },
      ],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'statefulset-service-missing'), expected(text)));
});

describe('local-traffic-no-local-endpoints', () => {
  const local = (name: string, type = 'NodePort') => service(name, { app: 'web' }, [{ port: 80 }], { spec: { type, externalTrafficPolicy: 'Local' } });
  const cases: Case[] = [
    [
      'seed broken: one replica, three nodes',
      yamlOf(workload('Deployment', 'web', { app: 'web' }, { replicas: 1, ports: [{ containerPort: 80 }] }), local('web')),
      (t) => [
        {
          rule: 'local-traffic-no-local-endpoints',
          severity: 'warning',
          field: 'spec.externalTrafficPolicy',
          line: lineOf(t, 'externalTrafficPolicy: Local'),
          message: ['Service default/web has externalTrafficPolicy Local, but nodes node-2, node-3 run no ready endpoint of it, so external connections arriving there are dropped (ready endpoints only on node-1)'],
        },
      ],
    ],
    // kube-proxy answers a load balancer's health check on healthCheckNodePort with 503 on nodes
    // without a local ready endpoint (kubernetes/kubernetes pkg/proxy/healthcheck/service_health.go,
    // hcHandler.ServeHTTP), so the load balancer sends nothing there.
    ['LoadBalancer: one replica is enough, the load balancer avoids the other nodes', yamlOf(workload('Deployment', 'web', { app: 'web' }, { replicas: 1, ports: [{ containerPort: 80 }] }), local('web', 'LoadBalancer')), () => []],
    [
      'LoadBalancer with no ready endpoint on any node',
      yamlOf(
        pod('web', { app: 'web' }, [{ containerPort: 80 }], { nodeName: 'node-1', status: { phase: 'Running', podIP: '10.244.1.7', conditions: [{ type: 'Ready', status: 'False' }] } }),
        local('web', 'LoadBalancer'),
      ),
      (t) => [{ rule: 'local-traffic-no-local-endpoints', severity: 'warning', field: 'spec.externalTrafficPolicy', line: lineOf(t, 'externalTrafficPolicy'), message: ['no endpoint is ready on any node'] }],
    ],
    ['a DaemonSet covers every node', yamlOf(workload('DaemonSet', 'web', { app: 'web' }, { ports: [{ containerPort: 80 }] }), local('web', 'LoadBalancer')), () => []],
    [
      'pods that are not ready do not count',
      yamlOf(
        pod('web', { app: 'web' }, [{ containerPort: 80 }], { nodeName: 'node-1', status: { phase: 'Running', podIP: '10.244.1.7', conditions: [{ type: 'Ready', status: 'False' }] } }),
        local('web'),
      ),
      (t) => [{ rule: 'local-traffic-no-local-endpoints', severity: 'warning', field: 'spec.externalTrafficPolicy', line: lineOf(t, 'externalTrafficPolicy'), message: ['nodes node-1, node-2, node-3 run no ready endpoint', 'no endpoint is ready on any node'] }],
    ],
    ['Cluster policy forwards between nodes', yamlOf(workload('Deployment', 'web', { app: 'web' }, { ports: [{ containerPort: 80 }] }), service('web', { app: 'web' }, [{ port: 80 }], { spec: { type: 'NodePort' } })), () => []],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'local-traffic-no-local-endpoints'), expected(text)));
});

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
