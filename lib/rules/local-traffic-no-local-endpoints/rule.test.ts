/** local-traffic-no-local-endpoints: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, pod, service, workload, yamlOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

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
