import { emptyGatewayApi } from '../../lib/cluster/gateway-api/build';
import type { Cluster, SimEndpointSlice, SimNode, SimService, SimServicePort } from '../../lib/cluster/model';
import { parseCIDR, subnet } from '../../lib/k8s/ip';
import { iptablesSave, proxyPlan, savedProbability, serviceTraffic } from '../../lib/views/kube-proxy';

/**
 * Upstream TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go), as kube-proxy writes
 * the rules (its own argument order, unquoted comments, `--or-mark`, 10-decimal probabilities).
 */
const UPSTREAM = `*filter
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXTERNAL-SERVICES - [0:0]
:KUBE-FIREWALL - [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-PROXY-FIREWALL - [0:0]
-A KUBE-NODEPORTS -m comment --comment "ns2/svc2:p80 health check node port" -m tcp -p tcp --dport 30000 -j ACCEPT
-A KUBE-SERVICES -m comment --comment "ns6/svc6:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.46 --dport 80 -j REJECT
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j DROP
-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns2/svc2:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 3001 -j DROP
-A KUBE-FIREWALL -m comment --comment "block incoming localnet connections" -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name ct_state_invalid_dropped_pkts -j DROP
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-PROXY-FIREWALL -m comment --comment "ns5/svc5:p80 traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j DROP
COMMIT
*nat
:KUBE-NODEPORTS - [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-EXT-4SW47YFZTEDKD3PK - [0:0]
:KUBE-EXT-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-EXT-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-EXT-X27LE4BHSL4DOUIK - [0:0]
:KUBE-FW-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-SEP-C6EBXVWJJZMIWKLZ - [0:0]
:KUBE-SEP-I77PXRDZVX7PMWMN - [0:0]
:KUBE-SEP-OYPFS5VJICHGATKP - [0:0]
:KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
:KUBE-SEP-SXIVWICOYRO3J4NJ - [0:0]
:KUBE-SEP-UKSFD7AGPMPPLUHC - [0:0]
:KUBE-SVC-4SW47YFZTEDKD3PK - [0:0]
:KUBE-SVC-GNZBNJ2PO5MGZ6GT - [0:0]
:KUBE-SVC-NUKIZ6OKUXPJNT4C - [0:0]
:KUBE-SVC-X27LE4BHSL4DOUIK - [0:0]
:KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3003 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns3/svc3:p80 -m tcp -p tcp --dport 3003 -j KUBE-EXT-X27LE4BHSL4DOUIK
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3002 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-NODEPORTS -m comment --comment ns5/svc5:p80 -m tcp -p tcp --dport 3002 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 external IP" -m tcp -p tcp -d 192.168.99.22 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 loadbalancer IP" -m tcp -p tcp -d 1.2.3.4 --dport 80 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT
-A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 external IP" -m tcp -p tcp -d 192.168.99.33 --dport 80 -j KUBE-EXT-4SW47YFZTEDKD3PK
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "ns5/svc5:p80 loadbalancer IP" -m tcp -p tcp -d 5.6.7.8 --dport 80 -j KUBE-FW-NUKIZ6OKUXPJNT4C
-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-EXT-4SW47YFZTEDKD3PK -m comment --comment "masquerade traffic for ns4/svc4:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-4SW47YFZTEDKD3PK -j KUBE-SVC-4SW47YFZTEDKD3PK
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "pod traffic for ns2/svc2:p80 external destinations" -s 10.0.0.0/8 -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "masquerade LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ
-A KUBE-EXT-GNZBNJ2PO5MGZ6GT -m comment --comment "route LOCAL traffic for ns2/svc2:p80 external destinations" -m addrtype --src-type LOCAL -j KUBE-SVC-GNZBNJ2PO5MGZ6GT
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -m comment --comment "masquerade traffic for ns5/svc5:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-NUKIZ6OKUXPJNT4C -j KUBE-SVC-NUKIZ6OKUXPJNT4C
-A KUBE-EXT-X27LE4BHSL4DOUIK -m comment --comment "masquerade traffic for ns3/svc3:p80 external destinations" -j KUBE-MARK-MASQ
-A KUBE-EXT-X27LE4BHSL4DOUIK -j KUBE-SVC-X27LE4BHSL4DOUIK
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 loadbalancer IP" -s 203.0.113.0/25 -j KUBE-EXT-NUKIZ6OKUXPJNT4C
-A KUBE-FW-NUKIZ6OKUXPJNT4C -m comment --comment "other traffic to ns5/svc5:p80 will be dropped by KUBE-PROXY-FIREWALL"
-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000
-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -s 10.180.0.5 -j KUBE-MARK-MASQ
-A KUBE-SEP-C6EBXVWJJZMIWKLZ -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.5:80
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-I77PXRDZVX7PMWMN -m comment --comment ns5/svc5:p80 -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -s 10.180.0.3 -j KUBE-MARK-MASQ
-A KUBE-SEP-OYPFS5VJICHGATKP -m comment --comment ns3/svc3:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.3:80
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -s 10.180.0.2 -j KUBE-MARK-MASQ
-A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ
-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -s 10.180.0.4 -j KUBE-MARK-MASQ
-A KUBE-SEP-UKSFD7AGPMPPLUHC -m comment --comment ns4/svc4:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.4:80
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 cluster IP" -m tcp -p tcp -d 172.30.0.44 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.4:80" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-UKSFD7AGPMPPLUHC
-A KUBE-SVC-4SW47YFZTEDKD3PK -m comment --comment "ns4/svc4:p80 -> 10.180.0.5:80" -j KUBE-SEP-C6EBXVWJJZMIWKLZ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 cluster IP" -m tcp -p tcp -d 172.30.0.42 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-GNZBNJ2PO5MGZ6GT -m comment --comment "ns2/svc2:p80 -> 10.180.0.2:80" -j KUBE-SEP-RS4RBKLTHTF2IUXJ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 cluster IP" -m tcp -p tcp -d 172.30.0.45 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -m recent --name KUBE-SEP-I77PXRDZVX7PMWMN --rcheck --seconds 10800 --reap -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-NUKIZ6OKUXPJNT4C -m comment --comment "ns5/svc5:p80 -> 10.180.0.3:80" -j KUBE-SEP-I77PXRDZVX7PMWMN
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 cluster IP" -m tcp -p tcp -d 172.30.0.43 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-X27LE4BHSL4DOUIK -m comment --comment "ns3/svc3:p80 -> 10.180.0.3:80" -j KUBE-SEP-OYPFS5VJICHGATKP
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ
-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ
COMMIT`;

/** Split a kube-proxy rule line into words, keeping "quoted strings" whole. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let mt: RegExpExecArray | null;
  while ((mt = re.exec(line)) !== null) out.push(mt[1] !== undefined ? `"${mt[1]}"` : mt[2]);
  return out;
}

function hostCidr(a: string): string {
  return a.includes('/') ? a : `${a}/32`;
}

/**
 * What iptables-save prints back for a rule kube-proxy wrote: -s, -d, -p first (with `!`), then
 * the -m matches in order with each module's saved form, then the target.
 */
function toSaveForm(line: string): string {
  const w = words(line);
  const chain = w[1];
  let src = '';
  let dst = '';
  let proto = '';
  const rest: string[] = [];
  for (let i = 2; i < w.length; i++) {
    const neg = w[i] === '!' && ['-s', '-d', '-p'].includes(w[i + 1]);
    const flag = neg ? w[i + 1] : w[i];
    if (['-s', '-d', '-p'].includes(flag)) {
      const value = neg ? w[i + 2] : w[i + 1];
      const text = `${neg ? '! ' : ''}${flag} ${flag === '-p' ? value : hostCidr(value)}`;
      if (flag === '-s') src = text;
      else if (flag === '-d') dst = text;
      else proto = text;
      i += neg ? 2 : 1;
      continue;
    }
    rest.push(w[i]);
  }
  // Group the remaining words by module.
  const groups: string[][] = [];
  for (const x of rest) {
    if (x === '-m' || x === '-j') groups.push([x]);
    else groups[groups.length - 1].push(x);
  }
  const rendered = groups.map((g) => {
    if (g[0] === '-m' && g[1] === 'comment') {
      const text = g[3].startsWith('"') ? g[3] : `"${g[3]}"`;
      return `-m comment --comment ${text}`;
    }
    if (g[0] === '-m' && g[1] === 'statistic') return `-m statistic --mode random --probability ${savedProbability(g[g.length - 1])}`;
    if (g[0] === '-m' && g[1] === 'recent') {
      const name = g[g.indexOf('--name') + 1];
      if (g.includes('--set')) return `-m recent --set --name ${name} --mask 255.255.255.255 --rsource`;
      return `-m recent --rcheck --seconds ${g[g.indexOf('--seconds') + 1]} --reap --name ${name} --mask 255.255.255.255 --rsource`;
    }
    if (g[0] === '-j' && g[1] === 'REJECT') return '-j REJECT --reject-with icmp-port-unreachable';
    if (g[0] === '-j' && g[1] === 'MARK' && g[2] === '--or-mark') return `-j MARK --set-xmark ${g[3]}/${g[3]}`;
    if (g[0] === '-j' && g[1] === 'MARK' && g[2] === '--xor-mark') return `-j MARK --set-xmark ${g[3]}/0x0`;
    return g.join(' ');
  });
  return ['-A', chain, src, dst, proto, ...rendered].filter((x) => x !== '').join(' ');
}

interface Tables { decls: Record<string, string[]>; rules: Record<string, Record<string, string[]>> }

/** Declared KUBE- chains per table, and KUBE- chain rules grouped by chain (in order). */
function parse(text: string, translate: boolean): Tables {
  const t: Tables = { decls: {}, rules: {} };
  let table = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      table = line.slice(1);
      t.decls[table] = [];
      t.rules[table] = {};
    } else if (line.startsWith(':KUBE-')) {
      t.decls[table].push(line.split(' ')[0].slice(1));
    } else if (line.startsWith('-A KUBE-')) {
      const chain = line.split(' ')[1];
      (t.rules[table][chain] ??= []).push(translate ? toSaveForm(line) : line);
    }
  }
  for (const k of Object.keys(t.decls)) t.decls[k].sort();
  return t;
}

// ---- fixtures -----------------------------------------------------------------------------

function svc(ns: string, name: string, extra: Partial<SimService> & { clusterIP: string; nodePort?: number }): SimService {
  const port: SimServicePort = { index: 0, name: 'p80', port: 80, protocol: 'TCP', targetPort: 80, nodePort: extra.nodePort ?? 0 };
  return {
    namespace: ns, name, type: 'ClusterIP', clusterIPs: [extra.clusterIP], headless: false, selector: { app: name },
    ports: [port], externalIPs: [], loadBalancerIPs: [], loadBalancerSourceRanges: [], sessionAffinity: 'None',
    publishNotReadyAddresses: false, labels: {}, selectedPods: [], apiObject: () => ({}), ...extra,
  };
}

function slice(ns: string, service: string, eps: { ip: string; node: string; ready?: boolean; serving?: boolean; terminating?: boolean }[], port = 80, portName = 'p80'): SimEndpointSlice {
  return {
    namespace: ns, name: `${service}-1`, serviceName: service, addressType: 'IPv4', origin: 'controller',
    ports: [{ name: portName, port, protocol: 'TCP' }],
    endpoints: eps.map((e) => ({ addresses: [e.ip], ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false, nodeName: e.node })),
    apiObject: () => ({}),
  };
}

const NODE = 'test-node';
const OTHER = 'other-node';

function fakeCluster(services: SimService[], slices: SimEndpointSlice[], version = '1.31'): Cluster {
  const [major, minor] = version.split('.').map(Number);
  const podCIDR = parseCIDR('10.0.0.0/8')!;
  const nodes: SimNode[] = [
    { name: NODE, ip: '192.168.0.2', labels: {}, podCIDR: subnet(podCIDR, 24, 1) },
    { name: OTHER, ip: '192.168.0.3', labels: {}, podCIDR: subnet(podCIDR, 24, 2) },
  ];
  return {
    settings: { kubernetesVersion: { major, minor }, clusterDomain: 'cluster.local', serviceCIDR: parseCIDR('172.30.0.0/16')!, podCIDR, nodePortRange: { min: 30000, max: 32767 }, nodes: [], ingressControllers: [] },
    objects: [], namespaces: [], nodes, services, workloads: [], pods: [], endpoints: () => [], endpointSlices: () => slices,
    ingresses: [], ingressClasses: [], gatewayApi: emptyGatewayApi(), allocationProblems: [], duplicates: [], dnsServiceIP: '172.30.0.10',
    service: (ns, name) => services.find((s) => s.namespace === ns && s.name === name),
    pod: () => undefined,
    endpointsOf: () => undefined,
    slicesOf: (ns, name) => slices.filter((s) => s.namespace === ns && s.serviceName === name),
    podsMatching: () => [],
    objectsOfKind: () => [],
    networkPolicies: [],
    namespace: () => undefined,
    serviceMonitors: [],
    podMonitors: [],
  };
}

function overallCluster(): Cluster {
  const services = [
    svc('ns1', 'svc1', { clusterIP: '172.30.0.41' }),
    svc('ns2', 'svc2', {
      clusterIP: '172.30.0.42', type: 'LoadBalancer', nodePort: 3001, loadBalancerIPs: ['1.2.3.4'], externalIPs: ['192.168.99.22'],
      externalTrafficPolicy: 'Local', healthCheckNodePort: 30000,
    }),
    svc('ns3', 'svc3', { clusterIP: '172.30.0.43', type: 'NodePort', nodePort: 3003 }),
    svc('ns4', 'svc4', { clusterIP: '172.30.0.44', externalIPs: ['192.168.99.33'] }),
    svc('ns5', 'svc5', {
      clusterIP: '172.30.0.45', type: 'LoadBalancer', nodePort: 3002, loadBalancerIPs: ['5.6.7.8'], loadBalancerSourceRanges: ['203.0.113.0/25'],
      externalTrafficPolicy: 'Cluster', sessionAffinity: 'ClientIP', affinityTimeoutSeconds: 10800,
    }),
    svc('ns6', 'svc6', { clusterIP: '172.30.0.46' }),
  ];
  const slices = [
    slice('ns1', 'svc1', [{ ip: '10.180.0.1', node: OTHER }]),
    slice('ns2', 'svc2', [{ ip: '10.180.0.2', node: OTHER }]),
    slice('ns3', 'svc3', [{ ip: '10.180.0.3', node: OTHER }]),
    slice('ns4', 'svc4', [{ ip: '10.180.0.4', node: OTHER }, { ip: '10.180.0.5', node: NODE }]),
    slice('ns5', 'svc5', [{ ip: '10.180.0.3', node: OTHER }]),
  ];
  return fakeCluster(services, slices);
}

describe('TestOverallIPTablesRules (pkg/proxy/iptables/proxier_test.go), v1.31 layout', () => {
  const expected = parse(UPSTREAM, true);
  const actual = parse(iptablesSave(overallCluster(), NODE, { nfacct: true }), false);

  test('the upstream vector was read whole', () => {
    expect(Object.values(expected.rules.filter).flat()).toHaveLength(10);
    expect(Object.values(expected.rules.nat).flat()).toHaveLength(55);
    expect(expected.decls.nat).toHaveLength(20);
    expect(expected.decls.filter).toHaveLength(6);
  });

  test.each(['filter', 'nat'])('%s: the same KUBE- chains are declared', (t) => {
    expect(actual.decls[t]).toEqual(expected.decls[t]);
  });

  test.each(['filter', 'nat'])('%s: every chain holds the same rules in the same order', (t) => {
    const chains = [...new Set([...Object.keys(expected.rules[t]), ...Object.keys(actual.rules[t])])].sort();
    for (const chain of chains) expect([chain, actual.rules[t][chain]]).toEqual([chain, expected.rules[t][chain]]);
  });

  test('translation sanity: a kube-proxy line becomes its iptables-save form', () => {
    expect(toSaveForm('-A KUBE-NODEPORTS -m comment --comment ns2/svc2:p80 -m tcp -p tcp -d 127.0.0.0/8 --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT'))
      .toBe('-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "ns2/svc2:p80" -m tcp --dport 3001 -m nfacct --nfacct-name localhost_nps_accepted_pkts -j KUBE-EXT-GNZBNJ2PO5MGZ6GT');
  });

  test('without nfacct the counters and the localhost-only nodeport rules are absent', () => {
    const plain = iptablesSave(overallCluster(), NODE);
    expect(plain).not.toContain('nfacct');
    expect(plain).toContain('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP\n');
    expect(plain.split('\n').filter((l) => l.startsWith('-A KUBE-NODEPORTS') && l.includes('3001'))).toEqual([
      '-A KUBE-NODEPORTS -p tcp -m comment --comment "ns2/svc2:p80" -m tcp --dport 3001 -j KUBE-EXT-GNZBNJ2PO5MGZ6GT',
    ]);
  });
});

describe('internalTrafficPolicy Local (pkg/proxy/iptables/proxier_test.go, the internalTrafficPolicy cases)', () => {
  const service = svc('ns1', 'svc1', { clusterIP: '172.30.1.1', internalTrafficPolicy: 'Local' });
  service.ports[0].name = '';
  const withLocal = fakeCluster([service], [slice('ns1', 'svc1', [{ ip: '10.0.1.1', node: NODE }], 80, '')]);

  test('jumps to KUBE-SVL and writes no KUBE-SVC chain', () => {
    const out = iptablesSave(withLocal, NODE);
    const rules = out.split('\n').filter((l) => /^-A KUBE-(SERVICES|SEP|SVL|SVC)/.test(l) && l.includes('ns1/svc1'));
    expect(rules).toEqual([
      '-A KUBE-SEP-3JOIVZTXZZRGORX4 -s 10.0.1.1/32 -m comment --comment "ns1/svc1" -j KUBE-MARK-MASQ',
      '-A KUBE-SEP-3JOIVZTXZZRGORX4 -p tcp -m comment --comment "ns1/svc1" -m tcp -j DNAT --to-destination 10.0.1.1:80',
      '-A KUBE-SERVICES -d 172.30.1.1/32 -p tcp -m comment --comment "ns1/svc1 cluster IP" -m tcp --dport 80 -j KUBE-SVL-AQI2S6QIMU7PVVRP',
      '-A KUBE-SVL-AQI2S6QIMU7PVVRP ! -s 10.0.0.0/8 -d 172.30.1.1/32 -p tcp -m comment --comment "ns1/svc1 cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ',
      '-A KUBE-SVL-AQI2S6QIMU7PVVRP -m comment --comment "ns1/svc1 -> 10.0.1.1:80" -j KUBE-SEP-3JOIVZTXZZRGORX4',
    ]);
    expect(out).not.toContain('KUBE-SVC-');
  });

  test('on a node without local endpoints the cluster IP is dropped in filter', () => {
    const out = iptablesSave(withLocal, OTHER);
    expect(out).toContain('-A KUBE-SERVICES -d 172.30.1.1/32 -p tcp -m comment --comment "ns1/svc1 has no local endpoints" -m tcp --dport 80 -j DROP\n');
    expect(out).not.toContain('KUBE-SVL-');
    const t = serviceTraffic(withLocal, { service, port: service.ports[0], via: 'clusterIP', node: OTHER, from: 'pod' });
    expect(t.verdict).toBe('drop');
    expect(t.reason).toContain('ns1/svc1 has no local endpoints');
  });
});

describe('serviceTraffic', () => {
  const c = overallCluster();
  const get = (ns: string) => c.services.find((s) => s.namespace === ns)!;

  test('ClusterIP with two endpoints: DNAT, 1/2 each, through the same chains iptables-save prints', () => {
    const s = get('ns4');
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'clusterIP', node: NODE, from: 'pod' });
    expect(r.verdict).toBe('dnat');
    expect(r.destinations.map((d) => [d.ip, d.port, d.probability])).toEqual([['10.180.0.4', 80, 0.5], ['10.180.0.5', 80, 0.5]]);
    expect(r.chains).toEqual(expect.arrayContaining(['nat/PREROUTING', 'nat/KUBE-SERVICES', 'nat/KUBE-SVC-4SW47YFZTEDKD3PK', 'nat/KUBE-SEP-UKSFD7AGPMPPLUHC', 'nat/KUBE-SEP-C6EBXVWJJZMIWKLZ']));
  });

  test('REJECT when the Service has no endpoints', () => {
    const s = get('ns6');
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'clusterIP', node: NODE, from: 'pod' });
    expect(r.verdict).toBe('reject');
    expect(r.destinations).toEqual([]);
    expect(r.reason).toContain('ns6/svc6:p80 has no endpoints');
    expect(r.chains).toContain('filter/KUBE-SERVICES');
  });

  test('externalTrafficPolicy Local on a node without local endpoints: external clients dropped, pods delivered', () => {
    const s = get('ns2');
    for (const via of ['nodePort', 'loadBalancer', 'externalIP'] as const) {
      const ext = serviceTraffic(c, { service: s, port: s.ports[0], via, node: NODE, from: 'external' });
      expect([via, ext.verdict]).toEqual([via, 'drop']);
      expect(ext.reason).toContain('ns2/svc2:p80 has no local endpoints');
      const fromPod = serviceTraffic(c, { service: s, port: s.ports[0], via, node: NODE, from: 'pod' });
      expect([via, fromPod.verdict]).toEqual([via, 'dnat']);
      expect(fromPod.destinations.map((d) => d.ip)).toEqual(['10.180.0.2']);
      expect(fromPod.destinations[0].probability).toBe(1);
    }
    // The node itself is also routed to the cluster-wide endpoints ("route LOCAL traffic").
    const fromNode = serviceTraffic(c, { service: s, port: s.ports[0], via: 'nodePort', node: NODE, from: 'node' });
    expect(fromNode.verdict).toBe('dnat');
    // On the node that runs the endpoint, external traffic is delivered locally.
    const onOther = serviceTraffic(c, { service: s, port: s.ports[0], via: 'nodePort', node: OTHER, from: 'external' });
    expect(onOther.verdict).toBe('dnat');
    expect(onOther.chains).toContain('nat/KUBE-SVL-GNZBNJ2PO5MGZ6GT');
  });

  test('loadBalancerSourceRanges: allowed sources reach the endpoint, others are dropped by KUBE-PROXY-FIREWALL', () => {
    const s = get('ns5');
    const ok = serviceTraffic(c, { service: s, port: s.ports[0], via: 'loadBalancer', node: NODE, from: 'external', sourceIP: '203.0.113.7' });
    expect(ok.verdict).toBe('dnat');
    const no = serviceTraffic(c, { service: s, port: s.ports[0], via: 'loadBalancer', node: NODE, from: 'external', sourceIP: '198.51.100.1' });
    expect(no.verdict).toBe('drop');
    expect(no.reason).toContain('traffic not accepted by KUBE-FW-NUKIZ6OKUXPJNT4C');
  });

  test('ClientIP affinity: one endpoint with probability 1 and the affinity noted', () => {
    const s = get('ns5');
    const r = serviceTraffic(c, { service: s, port: s.ports[0], via: 'clusterIP', node: NODE, from: 'pod' });
    expect(r.verdict).toBe('dnat');
    expect(r.destinations).toEqual([{ ip: '10.180.0.3', port: 80, probability: 1 }]);
    expect(r.reason).toContain('sessionAffinity ClientIP');
    expect(r.reason).toContain('10800s');
  });

  test.each([2, 3, 4, 5, 10])('n=%i endpoints: probabilities are 1/n each and sum to 1', (n) => {
    const s = svc('big', 'web', { clusterIP: '172.30.9.9' });
    const eps = Array.from({ length: n }, (_, i) => ({ ip: `10.180.1.${i + 1}`, node: i % 2 ? NODE : OTHER }));
    const cl = fakeCluster([s], [slice('big', 'web', eps)]);
    const r = serviceTraffic(cl, { service: s, port: s.ports[0], via: 'clusterIP', node: NODE, from: 'node' });
    expect(r.verdict).toBe('dnat');
    expect(r.destinations).toHaveLength(n);
    for (const d of r.destinations) expect(d.probability).toBeCloseTo(1 / n, 12);
    expect(r.destinations.reduce((a, d) => a + d.probability, 0)).toBeCloseTo(1, 12);
  });

  test('legacy v1.19 layout gives the same answer (XLB chain drops via KUBE-MARK-DROP)', () => {
    const old = overallCluster();
    old.settings.kubernetesVersion = { major: 1, minor: 19 };
    const s = old.services.find((x) => x.namespace === 'ns2')!;
    const ext = serviceTraffic(old, { service: s, port: s.ports[0], via: 'nodePort', node: NODE, from: 'external' });
    expect(ext.verdict).toBe('drop');
    expect(ext.chains).toContain('nat/KUBE-XLB-GNZBNJ2PO5MGZ6GT');
    const fromPod = serviceTraffic(old, { service: s, port: s.ports[0], via: 'nodePort', node: NODE, from: 'pod' });
    expect(fromPod.verdict).toBe('dnat');
    const ns6 = old.services.find((x) => x.namespace === 'ns6')!;
    expect(serviceTraffic(old, { service: ns6, port: ns6.ports[0], via: 'clusterIP', node: NODE, from: 'pod' }).verdict).toBe('reject');
  });
});

describe('proxyPlan', () => {
  test('endpoints sorted by "ip:port" as strings, duplicates keep the non-terminating one, fallback to serving+terminating', () => {
    const s = svc('ns', 'web', { clusterIP: '172.30.0.50' });
    const a = slice('ns', 'web', [{ ip: '10.0.0.2', node: NODE }, { ip: '10.0.0.10', node: OTHER, terminating: true, ready: false, serving: true }]);
    const b = { ...slice('ns', 'web', [{ ip: '10.0.0.10', node: OTHER }]), name: 'web-2' };
    const plan = proxyPlan(fakeCluster([s], [a, b]), NODE);
    const sp = plan.services[0];
    expect(sp.endpoints.map((e) => [e.key, e.terminating])).toEqual([['10.0.0.10:80', false], ['10.0.0.2:80', false]]);
    expect(sp.localEndpoints.map((e) => e.key)).toEqual(['10.0.0.2:80']);

    const onlyTerminating = slice('ns', 'web', [{ ip: '10.0.0.7', node: OTHER, ready: false, serving: true, terminating: true }]);
    const p2 = proxyPlan(fakeCluster([s], [onlyTerminating]), NODE).services[0];
    expect(p2.clusterEndpoints.map((e) => e.key)).toEqual(['10.0.0.7:80']);
    expect(p2.hasEndpoints).toBe(true);
  });

  test('headless and ExternalName services are skipped', () => {
    const headless = svc('ns', 'h', { clusterIP: 'None', headless: true, clusterIPs: ['None'] });
    const ext = svc('ns', 'x', { clusterIP: '', clusterIPs: [], type: 'ExternalName', externalName: 'example.com' });
    expect(proxyPlan(fakeCluster([headless, ext], []), NODE).services).toEqual([]);
  });
});
