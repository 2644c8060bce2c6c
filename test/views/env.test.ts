/**
 * Service environment variables: pkg/kubelet/envvars/envvars_test.go's TestFromServices vectors, the
 * docs' redis-primary example, and the kubelet's choice of services (kubernetes always, own
 * namespace with enableServiceLinks, container env wins).
 */
import type { Cluster, SimContainer, SimPod, SimService } from '../../lib/cluster/model';
import { parseCIDR } from '../../lib/k8s/ip';
import { serviceEnv, serviceVariableNames, serviceVariables } from '../../lib/views/env';
import { simService } from './fixtures';

type Port = [name: string, port: number, protocol?: string];

function svc(ns: string, name: string, clusterIP: string, ports: Port[]): SimService {
  return simService(ns, name, { clusterIP, ports });
}

function pod(ns: string, opts: { enableServiceLinks?: boolean; containers?: Partial<SimContainer>[] } = {}): SimPod {
  return {
    namespace: ns,
    name: 'p',
    enableServiceLinks: opts.enableServiceLinks ?? true,
    containers: (opts.containers ?? [{ name: 'app' }]).map((c) => ({ name: 'app', sidecar: false, ports: [], env: [], hasEnvFrom: false, ...c })),
  } as unknown as SimPod;
}

function cluster(services: SimService[]): Cluster {
  return {
    settings: { clusterDomain: 'cluster.local', serviceCIDR: parseCIDR('10.96.0.0/12')! },
    services,
  } as unknown as Cluster;
}

/** `NAME=value` lines. */
const text = (vars: { name: string; value: string }[]): string[] => vars.map((v) => `${v.name}=${v.value}`);

describe('envvars.FromServices vectors (TestFromServices)', () => {
  test.each([
    [
      svc('default', 'foo-bar', '1.2.3.4', [['', 8080]]),
      [
        'FOO_BAR_SERVICE_HOST=1.2.3.4',
        'FOO_BAR_SERVICE_PORT=8080',
        'FOO_BAR_PORT=tcp://1.2.3.4:8080',
        'FOO_BAR_PORT_8080_TCP=tcp://1.2.3.4:8080',
        'FOO_BAR_PORT_8080_TCP_PROTO=tcp',
        'FOO_BAR_PORT_8080_TCP_PORT=8080',
        'FOO_BAR_PORT_8080_TCP_ADDR=1.2.3.4',
      ],
    ],
    [
      svc('default', 'abc-123', '5.6.7.8', [['u-d-p', 8081, 'UDP'], ['t-c-p', 8081, 'TCP']]),
      [
        'ABC_123_SERVICE_HOST=5.6.7.8',
        'ABC_123_SERVICE_PORT=8081',
        'ABC_123_SERVICE_PORT_U_D_P=8081',
        'ABC_123_SERVICE_PORT_T_C_P=8081',
        'ABC_123_PORT=udp://5.6.7.8:8081',
        'ABC_123_PORT_8081_UDP=udp://5.6.7.8:8081',
        'ABC_123_PORT_8081_UDP_PROTO=udp',
        'ABC_123_PORT_8081_UDP_PORT=8081',
        'ABC_123_PORT_8081_UDP_ADDR=5.6.7.8',
        'ABC_123_PORT_8081_TCP=tcp://5.6.7.8:8081',
        'ABC_123_PORT_8081_TCP_PROTO=tcp',
        'ABC_123_PORT_8081_TCP_PORT=8081',
        'ABC_123_PORT_8081_TCP_ADDR=5.6.7.8',
      ],
    ],
    [
      svc('default', 'q-u-u-x', '9.8.7.6', [['', 8082], ['8083', 8083]]),
      [
        'Q_U_U_X_SERVICE_HOST=9.8.7.6',
        'Q_U_U_X_SERVICE_PORT=8082',
        'Q_U_U_X_SERVICE_PORT_8083=8083',
        'Q_U_U_X_PORT=tcp://9.8.7.6:8082',
        'Q_U_U_X_PORT_8082_TCP=tcp://9.8.7.6:8082',
        'Q_U_U_X_PORT_8082_TCP_PROTO=tcp',
        'Q_U_U_X_PORT_8082_TCP_PORT=8082',
        'Q_U_U_X_PORT_8082_TCP_ADDR=9.8.7.6',
        'Q_U_U_X_PORT_8083_TCP=tcp://9.8.7.6:8083',
        'Q_U_U_X_PORT_8083_TCP_PROTO=tcp',
        'Q_U_U_X_PORT_8083_TCP_PORT=8083',
        'Q_U_U_X_PORT_8083_TCP_ADDR=9.8.7.6',
      ],
    ],
    [svc('default', 'svrc-clusterip-none', 'None', [['', 8082]]), []],
    [svc('default', 'svrc-clusterip-empty', '', [['', 8082]]), []],
    [
      svc('default', 'super-ipv6', '2001:DB8::', [['u-d-p', 8084, 'UDP'], ['t-c-p', 8084, 'TCP']]),
      [
        'SUPER_IPV6_SERVICE_HOST=2001:DB8::',
        'SUPER_IPV6_SERVICE_PORT=8084',
        'SUPER_IPV6_SERVICE_PORT_U_D_P=8084',
        'SUPER_IPV6_SERVICE_PORT_T_C_P=8084',
        'SUPER_IPV6_PORT=udp://[2001:DB8::]:8084',
        'SUPER_IPV6_PORT_8084_UDP=udp://[2001:DB8::]:8084',
        'SUPER_IPV6_PORT_8084_UDP_PROTO=udp',
        'SUPER_IPV6_PORT_8084_UDP_PORT=8084',
        'SUPER_IPV6_PORT_8084_UDP_ADDR=2001:DB8::',
        'SUPER_IPV6_PORT_8084_TCP=tcp://[2001:DB8::]:8084',
        'SUPER_IPV6_PORT_8084_TCP_PROTO=tcp',
        'SUPER_IPV6_PORT_8084_TCP_PORT=8084',
        'SUPER_IPV6_PORT_8084_TCP_ADDR=2001:DB8::',
      ],
    ],
    [
      svc('default', 'sctp-1', '1.2.3.4', [['', 777, 'SCTP']]),
      [
        'SCTP_1_SERVICE_HOST=1.2.3.4',
        'SCTP_1_SERVICE_PORT=777',
        'SCTP_1_PORT=sctp://1.2.3.4:777',
        'SCTP_1_PORT_777_SCTP=sctp://1.2.3.4:777',
        'SCTP_1_PORT_777_SCTP_PROTO=sctp',
        'SCTP_1_PORT_777_SCTP_PORT=777',
        'SCTP_1_PORT_777_SCTP_ADDR=1.2.3.4',
      ],
    ],
    [
      // Docs vector (website service.md #environment-variables).
      svc('default', 'redis-primary', '10.0.0.11', [['', 6379]]),
      [
        'REDIS_PRIMARY_SERVICE_HOST=10.0.0.11',
        'REDIS_PRIMARY_SERVICE_PORT=6379',
        'REDIS_PRIMARY_PORT=tcp://10.0.0.11:6379',
        'REDIS_PRIMARY_PORT_6379_TCP=tcp://10.0.0.11:6379',
        'REDIS_PRIMARY_PORT_6379_TCP_PROTO=tcp',
        'REDIS_PRIMARY_PORT_6379_TCP_PORT=6379',
        'REDIS_PRIMARY_PORT_6379_TCP_ADDR=10.0.0.11',
      ],
    ],
  ].map(([s, w]) => [(s as SimService).name, s, w]) as [string, SimService, string[]][])('%s', (_name, service, want) => {
    expect(text(serviceVariables(service))).toEqual(want);
    expect(serviceVariableNames(service)).toEqual(want.map((l) => l.slice(0, l.indexOf('='))));
  });
});

const KUBERNETES = [
  'KUBERNETES_SERVICE_HOST=10.96.0.1',
  'KUBERNETES_SERVICE_PORT=443',
  'KUBERNETES_SERVICE_PORT_HTTPS=443',
  'KUBERNETES_PORT=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
  'KUBERNETES_PORT_443_TCP_PROTO=tcp',
  'KUBERNETES_PORT_443_TCP_PORT=443',
  'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1',
];

describe('serviceEnv: which services, in what order', () => {
  const c = cluster([
    svc('default', 'kubernetes', '10.96.0.1', [['https', 443]]),
    svc('default', 'zeta', '10.96.0.40', [['', 80]]),
    svc('shop', 'kubia', '10.111.249.153', [['http', 80], ['https', 443]]),
    svc('shop', 'db', 'None', [['', 5432]]),
    svc('other', 'elsewhere', '10.96.0.77', [['', 80]]),
  ]);

  test('kubia (seed 001): own namespace services by name, then kubernetes; headless and other namespaces left out', () => {
    expect(text(serviceEnv(c, pod('shop')))).toEqual([
      ...KUBERNETES,
      'KUBIA_SERVICE_HOST=10.111.249.153',
      'KUBIA_SERVICE_PORT=80',
      'KUBIA_SERVICE_PORT_HTTP=80',
      'KUBIA_SERVICE_PORT_HTTPS=443',
      'KUBIA_PORT=tcp://10.111.249.153:80',
      'KUBIA_PORT_80_TCP=tcp://10.111.249.153:80',
      'KUBIA_PORT_80_TCP_PROTO=tcp',
      'KUBIA_PORT_80_TCP_PORT=80',
      'KUBIA_PORT_80_TCP_ADDR=10.111.249.153',
      'KUBIA_PORT_443_TCP=tcp://10.111.249.153:443',
      'KUBIA_PORT_443_TCP_PROTO=tcp',
      'KUBIA_PORT_443_TCP_PORT=443',
      'KUBIA_PORT_443_TCP_ADDR=10.111.249.153',
    ]);
  });

  test('enableServiceLinks: false keeps only kubernetes', () => {
    expect(text(serviceEnv(c, pod('shop', { enableServiceLinks: false })))).toEqual(KUBERNETES);
    expect(text(serviceEnv(c, pod('default', { enableServiceLinks: false })))).toEqual(KUBERNETES);
  });

  test('a pod in default sees default services sorted by name', () => {
    expect(serviceEnv(c, pod('default')).map((v) => v.name.split('_')[0])).toEqual([...KUBERNETES.map(() => 'KUBERNETES'), ...Array(7).fill('ZETA')]);
  });

  test('container env wins over service variables', () => {
    const p = pod('shop', { containers: [{ name: 'app', env: [{ name: 'KUBIA_SERVICE_HOST', value: 'x' }, { name: 'KUBERNETES_PORT' }] }] });
    const names = serviceEnv(c, p).map((v) => v.name);
    expect(names).not.toContain('KUBIA_SERVICE_HOST');
    expect(names).not.toContain('KUBERNETES_PORT');
    expect(names).toContain('KUBIA_SERVICE_PORT');
    expect(names).toHaveLength(KUBERNETES.length + 13 - 2);
  });

  test('containerName selects the container; an unknown one gives nothing', () => {
    const p = pod('shop', {
      containers: [
        { name: 'app', env: [{ name: 'KUBIA_SERVICE_HOST', value: 'x' }] },
        { name: 'side', env: [] },
      ],
    });
    expect(serviceEnv(c, p, 'side').map((v) => v.name)).toContain('KUBIA_SERVICE_HOST');
    expect(serviceEnv(c, p).map((v) => v.name)).not.toContain('KUBIA_SERVICE_HOST');
    expect(serviceEnv(c, p, 'nope')).toEqual([]);
  });

  test('a Service named kubernetes in the pod namespace replaces default/kubernetes', () => {
    const k = cluster([svc('default', 'kubernetes', '10.96.0.1', [['https', 443]]), svc('shop', 'kubernetes', '10.96.0.99', [['', 8080]])]);
    expect(text(serviceEnv(k, pod('shop'))).slice(0, 2)).toEqual(['KUBERNETES_SERVICE_HOST=10.96.0.99', 'KUBERNETES_SERVICE_PORT=8080']);
    expect(text(serviceEnv(k, pod('shop', { enableServiceLinks: false })))).toEqual(KUBERNETES);
  });
});
