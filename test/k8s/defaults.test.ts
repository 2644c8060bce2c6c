import { defaultEndpointSlice, defaultEndpoints, defaultPodSpec, defaultService } from '../../lib/k8s/defaults';
import type { JsonObject } from '../../lib/k8s/json';

function svc(spec: unknown, extra: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: spec as JsonObject, ...extra };
}

describe('defaultService (SetDefaults_Service + normalizeClusterIPs)', () => {
  const cases: { name: string; spec: unknown; expected: unknown }[] = [
    {
      name: 'minimal ClusterIP service',
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
      expected: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'targetPort 0 and "" become port; named targetPort kept',
      spec: { ports: [{ port: 80, targetPort: 0 }, { port: 81, targetPort: '' }, { port: 82, targetPort: 'http' }] },
      expected: {
        ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }, { port: 81, targetPort: 81, protocol: 'TCP' }, { port: 82, targetPort: 'http', protocol: 'TCP' }],
        sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster',
      },
    },
    {
      name: 'NodePort gets externalTrafficPolicy Cluster',
      spec: { type: 'NodePort', ports: [{ port: 80, protocol: 'UDP' }] },
      expected: { type: 'NodePort', ports: [{ port: 80, protocol: 'UDP', targetPort: 80 }], sessionAffinity: 'None', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'LoadBalancer gets allocateLoadBalancerNodePorts',
      spec: { type: 'LoadBalancer', ports: [{ port: 443 }], externalTrafficPolicy: 'Local' },
      expected: { type: 'LoadBalancer', ports: [{ port: 443, protocol: 'TCP', targetPort: 443 }], sessionAffinity: 'None', externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true },
    },
    {
      name: 'ClusterIP with externalIPs is externally accessible',
      spec: { externalIPs: ['1.2.3.4'], ports: [{ port: 80 }] },
      expected: { externalIPs: ['1.2.3.4'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], sessionAffinity: 'None', type: 'ClusterIP', externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ExternalName: no traffic policies',
      spec: { type: 'ExternalName', externalName: 'example.com' },
      expected: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' },
    },
    {
      name: 'ExternalName with externalIPs is not externally accessible',
      spec: { type: 'ExternalName', externalName: 'example.com', externalIPs: ['1.2.3.4'] },
      expected: { type: 'ExternalName', externalName: 'example.com', externalIPs: ['1.2.3.4'], sessionAffinity: 'None' },
    },
    {
      name: 'sessionAffinity None clears the config',
      spec: { sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } },
      expected: { sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP without config gets 10800',
      spec: { sessionAffinity: 'ClientIP' },
      expected: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP with an empty clientIP level gets 10800',
      spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} } },
      expected: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'ClientIP with an explicit timeout keeps it',
      spec: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } },
      expected: { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'clusterIP copied into clusterIPs',
      spec: { clusterIP: 'None' },
      expected: { clusterIP: 'None', clusterIPs: ['None'], sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'explicit clusterIPs left alone',
      spec: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'] },
      expected: { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'], sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'empty internalTrafficPolicy string is kept (pointer field)',
      spec: { internalTrafficPolicy: '' },
      expected: { internalTrafficPolicy: '', sessionAffinity: 'None', type: 'ClusterIP' },
    },
    {
      name: 'null fields count as unset',
      spec: { type: null, sessionAffinity: null, ports: [{ port: 80, protocol: null, targetPort: null }] },
      expected: { type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], internalTrafficPolicy: 'Cluster' },
    },
    {
      name: 'wrong-typed fields are left for validation',
      spec: { type: 5, ports: [{ port: '80' }, 'x', null] },
      expected: { type: 5, ports: [{ port: '80', protocol: 'TCP' }, 'x', null], sessionAffinity: 'None' },
    },
    {
      name: 'ports as a string',
      spec: { ports: '80' },
      expected: { ports: '80', sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' },
    },
  ];
  test.each(cases)('$name', ({ spec, expected }) => {
    const input = svc(spec);
    const before = JSON.stringify(input);
    const out = defaultService(input);
    expect(out.spec).toEqual(expected);
    expect(JSON.stringify(input)).toBe(before);
  });

  test('a missing spec is defaulted as an empty one', () => {
    expect(defaultService({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }).spec).toEqual({ sessionAffinity: 'None', type: 'ClusterIP', internalTrafficPolicy: 'Cluster' });
  });

  test('LoadBalancer ingress ip gets ipMode VIP, hostname does not', () => {
    const out = defaultService(svc({ type: 'LoadBalancer' }, { status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }, { ip: '5.6.7.8', ipMode: 'Proxy' }] } } }));
    expect(out.status).toEqual({ loadBalancer: { ingress: [{ ip: '1.2.3.4', ipMode: 'VIP' }, { hostname: 'lb.example.com' }, { ip: '5.6.7.8', ipMode: 'Proxy' }] } });
  });

  test.each([null, 'x', [], { spec: 'x' }, { spec: [1] }, { spec: null }])('never throws on %p', (raw) => {
    expect(() => defaultService(raw as unknown as JsonObject)).not.toThrow();
  });
});

describe('defaultEndpoints / defaultEndpointSlice / defaultPodSpec', () => {
  test('Endpoints ports get TCP', () => {
    const out = defaultEndpoints({ subsets: [{ addresses: [{ ip: '10.1.1.1' }], ports: [{ port: 80 }, { port: 53, protocol: 'UDP' }] }, 'x', { ports: 'y' }] });
    expect(out.subsets).toEqual([{ addresses: [{ ip: '10.1.1.1' }], ports: [{ port: 80, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] }, 'x', { ports: 'y' }]);
  });
  test('EndpointSlice ports get name "" and TCP, explicit "" protocol kept', () => {
    const out = defaultEndpointSlice({ addressType: 'IPv4', ports: [{ port: 80 }, { name: 'dns', port: 53, protocol: 'UDP' }, { port: 1, protocol: '' }] });
    expect(out.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: '', port: 1, protocol: '' }]);
  });
  test('pod spec defaults', () => {
    const input: JsonObject = { hostNetwork: true, containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 53, protocol: 'UDP', hostPort: 5353 }] }] };
    expect(defaultPodSpec(input)).toEqual({
      hostNetwork: true, dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', enableServiceLinks: true,
      containers: [{ name: 'c', ports: [{ containerPort: 8080, protocol: 'TCP', hostPort: 8080 }, { containerPort: 53, protocol: 'UDP', hostPort: 5353 }] }],
    });
    expect((input as any).containers[0].ports[0]).toEqual({ containerPort: 8080 });
  });
  test('pod spec keeps enableServiceLinks false and dnsPolicy Default', () => {
    expect(defaultPodSpec({ enableServiceLinks: false, dnsPolicy: 'Default', containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] })).toEqual({
      enableServiceLinks: false, dnsPolicy: 'Default', restartPolicy: 'Always', containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
    });
  });
});
