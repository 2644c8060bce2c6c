/** node-port-out-of-range, node-port-conflict, cluster-ip-out-of-range, cluster-ip-conflict, duplicate-object. */
import { check, expectFindings, lineOf, pod, service, yamlOf, type Expected } from './helpers';

type Case = [string, string, string, (text: string) => Expected[]];

const web = pod('web', { app: 'web' }, [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }]);
const nodePort = (name: string, np: number, protocol = 'TCP', port = 80) => service(name, { app: 'web' }, [{ port, nodePort: np, protocol }], { spec: { type: 'NodePort' } });
const withIP = (name: string, ip: string) => service(name, { app: 'web' }, [{ port: 80 }], { spec: { clusterIP: ip } });

const cases: Case[] = [
  [
    'node-port-out-of-range',
    'a nodePort below the range',
    yamlOf(web, nodePort('web', 8080)),
    (t) => [
      {
        rule: 'node-port-out-of-range',
        severity: 'error',
        field: 'spec.ports[0].nodePort',
        line: lineOf(t, 'nodePort: 8080'),
        message: ['Service default/web is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767', 'choose a port in 30000-32767'],
      },
    ],
  ],
  ['node-port-out-of-range', 'the edges of the range are fine', yamlOf(web, nodePort('a', 30000), nodePort('b', 32767)), () => []],
  [
    'node-port-conflict',
    'seed broken: the same nodePort twice',
    yamlOf(web, nodePort('web', 30080), nodePort('web-dup', 30080)),
    (t) => [
      {
        rule: 'node-port-conflict',
        severity: 'error',
        field: 'spec.ports[0].nodePort',
        line: lineOf(t, 'nodePort: 30080', 2),
        message: ['Service default/web-dup is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated (held by Service default/web)', 'all protocols'],
      },
    ],
  ],
  [
    'node-port-conflict',
    'the same nodePort with another protocol still clashes',
    yamlOf(web, nodePort('web', 30053, 'TCP', 53), nodePort('dns', 30053, 'UDP', 53)),
    (t) => [{ rule: 'node-port-conflict', severity: 'error', field: 'spec.ports[0].nodePort', line: lineOf(t, 'nodePort: 30053', 2), message: ['Service default/dns is invalid', 'provided port is already allocated (held by Service default/web)'] }],
  ],
  [
    'cluster-ip-out-of-range',
    'a clusterIP outside the service CIDR',
    yamlOf(web, withIP('web', '192.168.0.10')),
    (t) => [
      {
        rule: 'cluster-ip-out-of-range',
        severity: 'error',
        field: 'spec.clusterIPs',
        line: lineOf(t, 'spec:', 2) + 1, // spec.clusterIPs is absent: spec's value, its first entry (`clusterIP:`)
        message: ['failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12', 'choose an address in 10.96.0.0/12'],
      },
    ],
  ],
  [
    'cluster-ip-conflict',
    'the cluster DNS address',
    yamlOf(web, withIP('web', '10.96.0.10')),
    (t) => [
      {
        rule: 'cluster-ip-conflict',
        severity: 'error',
        field: 'spec.clusterIPs',
        line: lineOf(t, 'spec:', 2) + 1, // spec.clusterIPs is absent: spec's value, its first entry (`clusterIP:`)
        message: ['spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated (held by Service kube-system/kube-dns)'],
      },
    ],
  ],
  [
    'cluster-ip-conflict',
    'two Services asking for one address',
    yamlOf(web, withIP('a', '10.96.0.20'), withIP('b', '10.96.0.20')),
    (t) => [{ rule: 'cluster-ip-conflict', severity: 'error', field: 'spec.clusterIPs', line: lineOf(t, 'spec:', 3) + 1, message: ['Service default/b is invalid', '(held by Service default/a)'] }],
  ],
  [
    'duplicate-object',
    'the same Service twice',
    yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }]), service('web', { app: 'web' }, [{ port: 8080, targetPort: 80 }])),
    (t) => [{ rule: 'duplicate-object', severity: 'error', field: 'metadata.name', line: lineOf(t, 'name: web', 4), message: ['Service default/web is declared twice (first at test.yaml:'] }],
  ],
  ['duplicate-object', 'the same name in two namespaces', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }]), service('web', { app: 'web' }, [{ port: 80 }], { namespace: 'shop' })), () => []],
  ['duplicate-object', 'the same name, different kinds', yamlOf(web, service('web', { app: 'web' }, [{ port: 80 }])), () => []],
  [
    'duplicate-object',
    'objects of kinds lineup does not model are left alone',
    yamlOf({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }),
    () => [],
  ],
];

test.each(cases)('%s: %s', (rule, _n, text, expected) => expectFindings(check(text, rule), expected(text)));
