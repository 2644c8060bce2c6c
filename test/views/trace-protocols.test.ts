/**
 * `lineup trace` targets by scheme: tcp://, udp:// and sctp:// choose the transport protocol, which
 * picks the Service port (a Service port is one protocol; 53/UDP and 53/TCP are two ports, as
 * CoreDNS's kube-dns Service declares them). URLs and host:port are TCP.
 */
import { simulate } from '../../lib/simulate';
import { parseTarget } from '../../lib/views/trace';
import { service, workload, yamlOf } from '../rules/helpers';

describe('parseTarget', () => {
  test.each([
    ['tcp://database:5432', { protocol: 'TCP', host: 'database', port: 5432, path: '/' }],
    ['udp://kube-dns.kube-system:53', { protocol: 'UDP', host: 'kube-dns.kube-system', port: 53, path: '/' }],
    ['SCTP://10.96.0.20:9899', { protocol: 'SCTP', host: '10.96.0.20', port: 9899, path: '/' }],
    ['udp://[fd00::10]:53', { protocol: 'UDP', host: 'fd00::10', port: 53, path: '/' }],
    ['tcp://database:5432/', { protocol: 'TCP', host: 'database', port: 5432, path: '/' }],
    ['database:5432', { protocol: 'TCP', host: 'database', port: 5432, path: '/' }],
    ['http://web/api', { scheme: 'http', protocol: 'TCP', host: 'web', port: 80, path: '/api' }],
    ['https://web', { scheme: 'https', protocol: 'TCP', host: 'web', port: 443, path: '/' }],
  ])('%s', (target, expected) => {
    expect(parseTarget(target)).toEqual(expected);
  });

  test.each([
    ['tcp://database', 'no port: tcp:// has no default port'],
    ['udp://dns:0', 'port out of range'],
    ['udp://dns:65536', 'port out of range'],
    ['quic://web:443', 'unknown transport'],
    ['tcp://db:5432/path', 'a path means nothing to a transport'],
  ])('%s is refused (%s)', (target) => {
    expect(parseTarget(target)).toBeUndefined();
  });
});

describe('trace by protocol', () => {
  const yaml = yamlOf(
    workload('Deployment', 'dns', { app: 'dns' }, { replicas: 1, ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53 }] }),
    service('dns', { app: 'dns' }, [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }]),
    workload('Deployment', 'syslog', { app: 'syslog' }, { replicas: 1, ports: [{ containerPort: 514, protocol: 'UDP' }] }),
    service('syslog', { app: 'syslog' }, [{ port: 514, protocol: 'UDP' }]),
    workload('Deployment', 'client', { app: 'client' }, { replicas: 1 }),
  );
  const sim = simulate(yaml);
  const client = sim.cluster.pods.find((p) => p.name.startsWith('client-'))!.name;

  test('udp:// reaches the UDP port, tcp:// the TCP port of the same number', () => {
    const udp = sim.trace('udp://dns:53', { pod: client });
    const tcp = sim.trace('tcp://dns:53', { pod: client });
    expect([udp.protocol, udp.outcome, tcp.protocol, tcp.outcome]).toEqual(['UDP', 'delivered', 'TCP', 'delivered']);
    expect(udp.hops.find((h) => h.type === 'service')!.detail).toMatch(/^Service default\/dns port 53\/UDP \(dns\) → targetPort 53, via clusterIP$/);
    expect(tcp.hops.find((h) => h.type === 'service')!.detail).toMatch(/^Service default\/dns port 53\/TCP \(dns-tcp\) → targetPort 53, via clusterIP$/);
  });

  test('a UDP-only Service: tcp:// (and host:port) find no port, udp:// is delivered', () => {
    const ip = sim.cluster.service('default', 'syslog')!.clusterIP;
    for (const target of ['tcp://syslog:514', 'syslog:514']) {
      const t = sim.trace(target, { pod: client });
      expect(t.outcome).toBe('dropped');
      expect(t.hops.find((h) => h.type === 'service')!.detail).toBe(`Service default/syslog has no TCP port 514; nothing answers on ${ip}:514 and the connection times out`);
    }
    expect(sim.trace('udp://syslog:514', { pod: client }).outcome).toBe('delivered');
    const sctp = sim.trace('sctp://syslog:514', { pod: client });
    expect(sctp.outcome).toBe('dropped');
    expect(sctp.hops.find((h) => h.type === 'service')!.detail).toBe(`Service default/syslog has no SCTP port 514; nothing answers on ${ip}:514 and the connection times out`);
  });

  test('a target that does not parse says which forms are accepted', () => {
    expect(() => sim.trace('quic://dns:53', { pod: client })).toThrow(
      'trace(): cannot parse target "quic://dns:53"; give http(s)://host[:port]/path, grpc://host[:port]/package.Service/Method, tcp://host:port, udp://host:port, sctp://host:port, host:port or ip:port',
    );
  });
});
