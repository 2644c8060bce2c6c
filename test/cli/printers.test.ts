import { describeService, formatEndpointSlices } from '../../lib/cli/printers/describe-service';
import { endpointsRow, formatEndpoints } from '../../lib/cli/printers/endpoints';
import { formatSliceEndpoints, formatSlicePorts } from '../../lib/cli/printers/endpointslices';
import { getTable, renderList } from '../../lib/cli/printers/get';
import { listObjects, queryGet, resolveKind } from '../../lib/query/get';
import { formatHosts } from '../../lib/cli/printers/ingresses';
import { podRow } from '../../lib/cli/printers/pods';
import { serviceRow } from '../../lib/cli/printers/services';
import * as fc from 'fast-check';
import { DESCRIBE_TABWRITER, GET_TABWRITER, tabwrite, tabwriteRows, writeTabwrittenRows } from '../../lib/cli/printers/tabwriter';
import type { Protocol } from '../../lib/cluster/model';
import type { JsonObject } from '../../lib/k8s/json';
import { cluster, endpoints, pod, port, service, slice } from './fixtures';

describe('tabwriter', () => {
  it('reproduces the layout of kubectl get (k8s.io/cli-runtime printers, text/tabwriter)', () => {
    const rows = [
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['kubernetes', 'ClusterIP', '10.43.0.1', '<none>', '443/TCP', '22h'],
    ];
    expect(tabwriteRows(rows, GET_TABWRITER)).toBe(
      'NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' + 'kubernetes   ClusterIP   10.43.0.1    <none>        443/TCP   22h\n',
    );
  });

  it('applies the minimum width of 6 to narrow columns', () => {
    expect(tabwriteRows([['A', 'B'], ['x', 'y']], GET_TABWRITER)).toBe('A     B\nx     y\n');
  });

  it('computes column widths per block of consecutive lines (Go text/tabwriter)', () => {
    // The middle line has no second column cell, so the first and last lines align independently.
    expect(tabwrite('a:\tb\tc\nlonger line\nxxxxx:\tyy\tz\n', DESCRIBE_TABWRITER)).toBe('a:  b  c\nlonger line\nxxxxx:  yy  z\n');
    // Only tab-terminated cells form columns: the last cell is never padded.
    expect(tabwrite('a\tb\nccc\td\n', DESCRIBE_TABWRITER)).toBe('a    b\nccc  d\n');
  });

  it('lays out rows as it lays out the same text, and writes them a line at a time', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'bb', 'é', '名', '𝔸', ' ', '-'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 12 }), fc.constantFrom(GET_TABWRITER, DESCRIBE_TABWRITER), (rows, opts) => {
        const text = rows.length === 0 ? '' : tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', opts);
        expect(tabwriteRows(rows, opts)).toBe(text);
        const lines: string[] = [];
        writeTabwrittenRows(rows, opts, (line) => lines.push(line));
        expect(lines).toHaveLength(rows.length);
        expect(lines.every((l) => l.endsWith('\n') && l.indexOf('\n') === l.length - 1)).toBe(true);
        expect(lines.join('')).toBe(text);
      }),
    );
  });

  it('splits a cell holding a tab or a line break as Go does the text it is given', () => {
    expect(tabwriteRows([['a', 'x\ty'], ['bbbbbbbb', 'z']], GET_TABWRITER)).toBe('a          x     y\nbbbbbbbb   z\n');
    expect(tabwriteRows([['a', 'two\nlines'], ['b', 'c']], DESCRIBE_TABWRITER)).toBe('a  two\nlines\nb  c\n');
  });

  it('counts characters, not bytes', () => {
    expect(tabwriteRows([['名前', 'X'], ['ab', 'Y']], GET_TABWRITER)).toBe('名前    X\nab    Y\n');
  });
});

describe('get services rows (printers_test TestPrintService, without AGE)', () => {
  const tcp = 'tcp' as Protocol; // the upstream test uses a lower-case protocol literally
  const cases: [string, Parameters<typeof service>[0], string[]][] = [
    ['ClusterIP', { name: 'test1', type: 'ClusterIP', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' }, ports: [port({ port: 2233, protocol: tcp })] }, ['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp']],
    ['NodePort', { name: 'test2', type: 'NodePort', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], selector: { foo: 'bar' }, ports: [port({ port: 8888, nodePort: 9999, protocol: tcp })] }, ['test2', 'NodePort', '10.9.8.7', '<none>', '8888:9999/tcp']],
    ['LoadBalancer pending', { name: 'test3', type: 'LoadBalancer', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], ports: [port({ port: 8888, nodePort: 9999, protocol: tcp })] }, ['test3', 'LoadBalancer', '10.9.8.7', '<pending>', '8888:9999/tcp']],
    ['LoadBalancer + externalIP', { name: 'test4', type: 'LoadBalancer', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'], ports: [port({ port: 8888, nodePort: 9999, protocol: tcp })] }, ['test4', 'LoadBalancer', '10.9.8.7', '80.11.12.10', '8888:9999/tcp']],
    ['LoadBalancer ingress + externalIP', { name: 'test5', type: 'LoadBalancer', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10'], loadBalancerIPs: ['3.4.5.6'], ports: [port({ port: 8888, nodePort: 9999, protocol: tcp })] }, ['test5', 'LoadBalancer', '10.9.8.7', '3.4.5.6,80.11.12.10', '8888:9999/tcp']],
    ['LoadBalancer two ingresses + two externalIPs', { name: 'test6', type: 'LoadBalancer', clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], externalIPs: ['80.11.12.10', '80.11.12.11'], loadBalancerIPs: ['3.4.5.6', '2.3.4.5'], ports: [port({ port: 8888, nodePort: 9999, protocol: tcp })] }, ['test6', 'LoadBalancer', '10.9.8.7', '2.3.4.5,3.4.5.6,80.11.12.10,80.11.12.11', '8888:9999/tcp']],
    ['ExternalName', { name: 'test7', type: 'ExternalName', externalName: 'my.database.example.com' }, ['test7', 'ExternalName', '<none>', 'my.database.example.com', '<none>']],
  ];
  it.each(cases)('%s', (_label, svc, expected) => {
    expect(serviceRow(service(svc), false)).toEqual(expected);
  });

  it('adds SELECTOR in wide output', () => {
    expect(serviceRow(service(cases[0]![1]), true)).toEqual(['test1', 'ClusterIP', '10.9.8.7', '<none>', '2233/tcp', 'foo=bar']);
    expect(serviceRow(service(cases[6]![1]), true)[5]).toBe('<none>');
  });

  it('cuts long load-balancer ingress lists to 16 characters unless wide; hostnames stand in for IPs', () => {
    const api: JsonObject = { status: { loadBalancer: { ingress: [{ ip: '10.0.0.3' }, { hostname: 'lb.example.com' }, { ip: '10.0.0.1' }, { ip: '10.0.0.1' }] } } };
    const svc = service({ name: 'lb', type: 'LoadBalancer', clusterIP: '10.0.0.9', clusterIPs: ['10.0.0.9'], apiObject: () => api });
    expect(serviceRow(svc, false)[3]).toBe('10.0.0.1,10.0...');
    expect(serviceRow(svc, true)[3]).toBe('10.0.0.1,10.0.0.3,lb.example.com');
  });

  it('shows None for headless services', () => {
    expect(serviceRow(service({ name: 'h', clusterIP: 'None', clusterIPs: ['None'], headless: true, ports: [port({ port: 80 })] }), false)).toEqual(['h', 'ClusterIP', 'None', '<none>', '80/TCP']);
  });
});

describe('get endpoints (formatEndpoints)', () => {
  const p80 = [{ name: '', port: 80 }];
  it.each<[string, Parameters<typeof endpoints>[1], string]>([
    ['no subsets', [], '<none>'],
    ['three ready', [{ ready: ['10.0.0.1', '10.0.0.2', '10.0.0.3'], ports: p80 }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80'],
    ['five ready → + 2 more', [{ ready: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'], ports: p80 }], '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...'],
    ['not-ready addresses are never shown', [{ ready: ['10.0.0.1'], notReady: ['10.0.0.9'], ports: p80 }], '10.0.0.1:80'],
    ['only not-ready → empty', [{ ready: [], notReady: ['10.0.0.9'], ports: p80 }], ''],
    ['port-less subset → bare IPs', [{ ready: ['10.0.0.1', '10.0.0.2'], ports: [] }], '10.0.0.1,10.0.0.2'],
    ['ports × addresses', [{ ready: ['10.0.0.1', '10.0.0.2'], ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...'],
    ['IPv6 bracketed', [{ ready: ['fd00::1'], ports: p80 }], '[fd00::1]:80'],
    ['across subsets', [{ ready: ['10.0.0.1', '10.0.0.2'], ports: p80 }, { ready: ['10.0.1.1', '10.0.1.2'], ports: [{ name: '', port: 8080 }] }], '10.0.0.1:80,10.0.0.2:80,10.0.1.1:8080 + 1 more...'],
  ])('%s', (_label, subsets, expected) => {
    expect(formatEndpoints(endpoints('e', subsets))).toBe(expected);
    expect(endpointsRow(endpoints('e', subsets))).toEqual(['e', expected]);
  });
});

describe('get endpointslices', () => {
  it('lists ports and all addresses, capped at three', () => {
    const s = slice('web-abc', [{ name: 'a', port: 80 }, { name: 'b', port: 81 }, { name: 'c', port: 82 }, { name: 'd', port: 83 }], [['10.0.0.1', true], ['10.0.0.2', false], ['10.0.0.3', true], ['10.0.0.4', true], ['10.0.0.5', true]]);
    expect(formatSlicePorts(s)).toBe('80,81,82 + 1 more...');
    expect(formatSliceEndpoints(s)).toBe('10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...');
  });
  it('prints <unset> for empty lists and * for a nil port', () => {
    const s = slice('x', [], []);
    expect(formatSlicePorts(s)).toBe('<unset>');
    expect(formatSliceEndpoints(s)).toBe('<unset>');
    const nil = { ...s, ports: [{ name: '', port: undefined as unknown as number, protocol: 'TCP' as const }] };
    expect(formatSlicePorts(nil)).toBe('*');
  });
});

describe('get ingresses hosts', () => {
  it.each<[string[], string]>([
    [[], '*'],
    [[''], '*'],
    [['a.com'], 'a.com'],
    [['a.com', '', 'b.com'], 'a.com,b.com'],
    [['a.com', 'b.com', 'c.com', 'd.com', 'e.com'], 'a.com,b.com,c.com + 2 more...'],
  ])('%j → %s', (hosts, expected) => {
    expect(formatHosts(hosts)).toBe(expected);
  });
});

describe('get pods', () => {
  it('prints READY, STATUS, RESTARTS and the wide columns', () => {
    const p = pod({ name: 'httpd-0', ip: '10.244.2.35', nodeName: 'k8s-n2' });
    expect(podRow(p, false)).toEqual(['httpd-0', '1/1', 'Running', '0']);
    expect(podRow(p, true)).toEqual(['httpd-0', '1/1', 'Running', '0', '10.244.2.35', 'k8s-n2', '<none>', '<none>']);
  });
  it('shows pending pods without IP or node, and sidecars in the count', () => {
    const p = pod({ name: 'p', phase: 'Pending', ready: false, containers: [
      { name: 'a', sidecar: false, ports: [], env: [], hasEnvFrom: false },
      { name: 'b', sidecar: true, ports: [], env: [], hasEnvFrom: false },
    ] });
    expect(podRow(p, true)).toEqual(['p', '0/2', 'Pending', '0', '<none>', '<none>', '<none>', '<none>']);
  });
  it('reads observed container statuses, readiness gates and deletion', () => {
    const api: JsonObject = {
      spec: { readinessGates: [{ conditionType: 'x/ready' }, { conditionType: 'y/ready' }] },
      status: {
        conditions: [{ type: 'x/ready', status: 'True' }, { type: 'y/ready', status: 'False' }],
        containerStatuses: [
          { name: 'a', ready: false, restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          { name: 'b', ready: true, restartCount: 1, state: { running: {} } },
        ],
      },
    };
    const p = pod({ name: 'q', ip: '10.0.0.1', nodeName: 'n', ready: false, containers: [
      { name: 'a', sidecar: false, ports: [], env: [], hasEnvFrom: false },
      { name: 'b', sidecar: false, ports: [], env: [], hasEnvFrom: false },
    ] }, api);
    expect(podRow(p, true)).toEqual(['q', '1/2', 'CrashLoopBackOff', '4', '10.0.0.1', 'n', '<none>', '1/2']);
    expect(podRow({ ...p, terminating: true }, false)[2]).toBe('Terminating');
  });
});

describe('get tables', () => {
  // Seed 003 (`kubectl get svc`), without the AGE column.
  const c = cluster({
    services: [
      service({ name: 'httpd-svc', clusterIP: '10.110.212.171', clusterIPs: ['10.110.212.171'], selector: { run: 'httpd' }, ports: [port({ port: 8080, targetPort: 80 })] }),
      service({ name: 'kubernetes', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [port({ name: 'https', port: 443, targetPort: 6443 })] }),
      service({ name: 'kube-dns', namespace: 'kube-system', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], selector: { 'k8s-app': 'kube-dns' }, ports: [port({ name: 'dns', port: 53, protocol: 'UDP' }), port({ name: 'dns-tcp', port: 53 })] }),
    ],
  });

  it('lists the namespace like seed 003', () => {
    expect(getTable(queryGet(c, 'services', { namespace: 'default' }))).toBe(
      ['NAME         TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)', 'httpd-svc    ClusterIP   10.110.212.171   <none>        8080/TCP', 'kubernetes   ClusterIP   10.96.0.1        <none>        443/TCP', ''].join('\n'),
    );
  });

  it('adds NAMESPACE for all namespaces and SELECTOR when wide', () => {
    expect(getTable(queryGet(c, 'services'), { wide: true })).toBe(
      [
        'NAMESPACE     NAME         TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)         SELECTOR',
        'default       httpd-svc    ClusterIP   10.110.212.171   <none>        8080/TCP        run=httpd',
        'default       kubernetes   ClusterIP   10.96.0.1        <none>        443/TCP         <none>',
        'kube-system   kube-dns     ClusterIP   10.96.0.10       <none>        53/UDP,53/TCP   k8s-app=kube-dns',
        '',
      ].join('\n'),
    );
  });

  it('is empty when nothing matches', () => {
    expect(getTable(queryGet(c, 'pods', { namespace: 'default' }))).toBe('');
  });

  it('prints -o json as a v1 List with sorted keys', () => {
    const list = JSON.parse(renderList(listObjects(c, 'services', { namespace: 'default' }), 'json'));
    expect(Object.keys(list)).toEqual(['apiVersion', 'items', 'kind', 'metadata']);
    expect(list.kind).toBe('List');
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['httpd-svc', 'kubernetes']);
    expect(Object.keys(list.items[0])).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('prints -o yaml like kubectl (unindented sequences)', () => {
    const y = renderList(listObjects(c, 'services', { namespace: 'kube-system' }), 'yaml');
    expect(y).toBe(['apiVersion: v1', 'items:', '- apiVersion: v1', '  kind: Service', '  metadata:', '    name: kube-dns', '    namespace: kube-system', '  spec: {}', 'kind: List', 'metadata:', '  resourceVersion: ""', ''].join('\n'));
  });

  it.each([
    ['svc', 'services'], ['services', 'services'], ['ep', 'endpoints'], ['endpointslices', 'endpointslices'], ['po', 'pods'], ['ing', 'ingresses'], ['Pods', 'pods'], ['deployments', undefined],
  ])('resolves kind %s', (text, kind) => {
    expect(resolveKind(text)).toBe(kind);
  });
});

describe('describe service (kubectl describe_test TestDescribeService)', () => {
  const lb = service({
    name: 'bar',
    namespace: 'foo',
    type: 'LoadBalancer',
    selector: { blah: 'heh' },
    clusterIP: '1.2.3.4',
    clusterIPs: [],
    ports: [port({ name: 'port-tcp', port: 8080, targetPort: 'targetPort', nodePort: 31111 })],
    externalTrafficPolicy: 'Local',
    internalTrafficPolicy: 'Local',
    healthCheckNodePort: 32222,
    apiObject: () => ({ spec: { ipFamilies: ['IPv4'], loadBalancerIP: '5.6.7.8' }, status: { loadBalancer: { ingress: [{ ip: '5.6.7.8' }] } } }),
  });
  const slices = [
    slice('bar-abc', [{ name: 'port-tcp', port: 9527 }], [['10.244.0.1', true], ['10.244.0.2', true]]),
    slice('bar-def', [{ name: 'port-tcp', port: 9527 }], [['10.244.0.3', false], ['10.244.0.4', true], ['10.244.0.5', true]]),
  ];

  it('matches test2 exactly', () => {
    expect(describeService(lb, slices)).toBe(`Name:                     bar
Namespace:                foo
Labels:                   <none>
Annotations:              <none>
Selector:                 blah=heh
Type:                     LoadBalancer
IP Families:              IPv4
IP:                       1.2.3.4
IPs:                      <none>
Desired LoadBalancer IP:  5.6.7.8
LoadBalancer Ingress:     5.6.7.8
Port:                     port-tcp  8080/TCP
TargetPort:               targetPort/TCP
NodePort:                 port-tcp  31111/TCP
Endpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.4:9527 + 1 more...
Session Affinity:         None
External Traffic Policy:  Local
Internal Traffic Policy:  Local
HealthCheck NodePort:     32222
Events:                   <none>
`);
  });

  it('matches the test1 variant (ipMode, three ready endpoints)', () => {
    const vip = { ...lb, apiObject: () => ({ spec: { ipFamilies: ['IPv4'], loadBalancerIP: '5.6.7.8' }, status: { loadBalancer: { ingress: [{ ip: '5.6.7.8', ipMode: 'VIP' }] } } }) };
    const out = describeService(vip, [slice('bar-abc', [{ name: 'port-tcp', port: 9527 }], [['10.244.0.1', true], ['10.244.0.2', true], ['10.244.0.3', true]])]);
    expect(out).toContain('\nLoadBalancer Ingress:     5.6.7.8 (VIP)\n');
    expect(out).toContain('\nEndpoints:                10.244.0.1:9527,10.244.0.2:9527,10.244.0.3:9527\n');
  });

  it('reproduces seed 003 with a 1.12 cluster (no dual-stack lines)', () => {
    const svc = service({ name: 'httpd-svc', selector: { run: 'httpd' }, clusterIP: '10.110.212.171', clusterIPs: ['10.110.212.171'], ports: [port({ port: 8080, targetPort: 80 })] });
    const s = slice('httpd-svc-x', [{ name: '', port: 80 }], [['10.244.1.101', true], ['10.244.1.102', true], ['10.244.2.35', true], ['10.244.2.36', true]]);
    expect(describeService(svc, [s], { version: { major: 1, minor: 12 } })).toBe(`Name:              httpd-svc
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          run=httpd
Type:              ClusterIP
IP:                10.110.212.171
Port:              <unset>  8080/TCP
TargetPort:        80/TCP
Endpoints:         10.244.1.101:80,10.244.1.102:80,10.244.2.35:80 + 1 more...
Session Affinity:  None
Events:            <none>
`);
  });

  it('prints labels and annotations one per line, hiding last-applied-configuration', () => {
    const svc = service({ name: 'x', labels: { b: '2', a: '1' }, apiObject: () => ({ metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', note: 'hi' } } }) });
    const out = describeService(svc, []);
    expect(out).toContain('Labels:            a=1\n                   b=2\nAnnotations:       note: hi\n');
  });

  it.each<[string, [string, boolean][], string]>([
    ['three ready + a fourth not ready → + 0 more (kubectl quirk)', [['a', true], ['b', true], ['c', true], ['d', false]], 'a:1,b:1,c:1 + 0 more...'],
    ['none ready → empty', [['a', false]], ''],
    ['five ready', [['a', true], ['b', true], ['c', true], ['d', true], ['e', true]], 'a:1,b:1,c:1 + 2 more...'],
  ])('endpoints line: %s', (_label, eps, expected) => {
    expect(formatEndpointSlices([slice('s', [{ name: 'p', port: 1 }], eps)], 'p')).toBe(expected);
  });

  it('endpoints line: no slices, other port names, port-less slices', () => {
    expect(formatEndpointSlices([], 'p')).toBe('<none>');
    expect(formatEndpointSlices([slice('s', [{ name: 'q', port: 1 }], [['a', true]])], 'p')).toBe('');
    expect(formatEndpointSlices([slice('s', [], [['10.0.0.1', true], ['10.0.0.2', false]])], '')).toBe('10.0.0.1');
  });
});
