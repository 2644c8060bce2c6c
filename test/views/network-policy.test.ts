/**
 * The policy view beyond the e2e tables: the self, node and hostNetwork exceptions (website
 * "Network Policies"), named ports resolved per destination pod, port ranges, the
 * policy-assistant and netpol-analyzer vectors, what the API server
 * rejects, and two properties (adding an allow rule never removes an allowed pair; a policy that
 * selects nothing changes nothing).
 */
import fc from 'fast-check';
import { buildCluster } from '../../lib/cluster/build';
import type { Cluster, Protocol, SimPod } from '../../lib/cluster/model';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { addressEndpoint, describeDenial, judgeConnection, type PolicyEndpoint } from '../../lib/views/network-policy';

type Port = { name?: string; containerPort: number; protocol?: string };

function podDoc(namespace: string, name: string, labels: Record<string, string>, ports: Port[] = [], extra: Record<string, unknown> = {}): unknown {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [{ name: 'c', image: 'i', ports }], ...extra } };
}

function policy(namespace: string, name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function build(docs: unknown[]): Cluster {
  return buildCluster(fromObjects(docs).objects, defaultSettings());
}

function pod(c: Cluster, key: string): SimPod {
  const [ns, name] = key.split('/');
  const p = c.pod(ns, name);
  if (!p) throw new Error(`no pod ${key}`);
  return p;
}

function allowed(c: Cluster, from: PolicyEndpoint, to: PolicyEndpoint, port: number, protocol: Protocol = 'TCP'): boolean {
  return judgeConnection(c, { from, to, port, protocol }).allowed;
}

const denyAll = (ns: string) => policy(ns, 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('exceptions (website: Network Policies; the choices lineup makes for loopback and hostNetwork)', () => {
  const c = build([
    podDoc('x', 'a', { app: 'a' }, [], { nodeName: 'node-1' }),
    podDoc('x', 'b', { app: 'b' }, [], { nodeName: 'node-2' }),
    podDoc('x', 'host', { app: 'host' }, [], { nodeName: 'node-1', hostNetwork: true }),
    denyAll('x'),
  ]);
  const a = { pod: pod(c, 'x/a') };

  test('a pod always reaches itself', () => {
    expect(allowed(c, a, a, 80)).toBe(true);
    expect(judgeConnection(c, { from: a, to: a, port: 80, protocol: 'TCP' }).ingress.reason).toBe('self');
  });

  test('its own node reaches it and it reaches its own node; another node does not', () => {
    expect(pod(c, 'x/a').nodeName).toBe('node-1');
    expect(allowed(c, addressEndpoint(c, '172.18.0.2'), a, 80)).toBe(true);
    expect(allowed(c, a, addressEndpoint(c, '172.18.0.2'), 10250)).toBe(true);
    expect(allowed(c, addressEndpoint(c, '172.18.0.3'), a, 80)).toBe(false);
    expect(allowed(c, a, addressEndpoint(c, '172.18.0.3'), 10250)).toBe(false);
  });

  test('hostNetwork pods are never isolated and are seen as their node', () => {
    const host = { pod: pod(c, 'x/host') };
    // host runs on node-1 like a: the node exception applies both ways.
    expect(allowed(c, host, a, 80)).toBe(true);
    expect(allowed(c, a, host, 80)).toBe(true);
    // To b on node-2 it is another node's address; b's deny-all drops it.
    expect(allowed(c, host, { pod: pod(c, 'x/b') }, 80)).toBe(false);
    // Its own egress is never judged: to an address outside it is allowed.
    expect(judgeConnection(c, { from: host, to: addressEndpoint(c, '8.8.8.8'), port: 53, protocol: 'UDP' }).egress.reason).toBe('not-a-pod');
  });

  test('a podSelector {} peer never matches a hostNetwork pod (only its node address could, by ipBlock)', () => {
    const c2 = build([
      podDoc('x', 'a', { app: 'a' }, [], { nodeName: 'node-1' }),
      podDoc('x', 'host', { app: 'host' }, [], { nodeName: 'node-2', hostNetwork: true }),
      policy('x', 'same-ns', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ podSelector: {} }] }] }),
    ]);
    expect(allowed(c2, { pod: pod(c2, 'x/host') }, { pod: pod(c2, 'x/a') }, 80)).toBe(false);
    const c3 = build([
      podDoc('x', 'a', { app: 'a' }, [], { nodeName: 'node-1' }),
      podDoc('x', 'host', { app: 'host' }, [], { nodeName: 'node-2', hostNetwork: true }),
      policy('x', 'nodes', { podSelector: { matchLabels: { app: 'a' } }, ingress: [{ from: [{ ipBlock: { cidr: '172.18.0.0/24' } }] }] }),
    ]);
    expect(allowed(c3, { pod: pod(c3, 'x/host') }, { pod: pod(c3, 'x/a') }, 80)).toBe(true);
  });
});

describe('named ports mean the destination pod’s number', () => {
  // Two pods behind one name that number it differently: the name covers both.
  const docs = [
    podDoc('x', 'v1', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]),
    podDoc('x', 'v2', { app: 'web' }, [{ name: 'http', containerPort: 9090 }]),
    podDoc('x', 'client', { app: 'client' }, []),
  ];

  test('ingress: per protected pod', () => {
    const c = build([...docs, policy('x', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 'http' }] }] })]);
    const client = { pod: pod(c, 'x/client') };
    expect(allowed(c, client, { pod: pod(c, 'x/v1') }, 8080)).toBe(true);
    expect(allowed(c, client, { pod: pod(c, 'x/v2') }, 9090)).toBe(true);
    expect(allowed(c, client, { pod: pod(c, 'x/v1') }, 9090)).toBe(false);
    expect(allowed(c, client, { pod: pod(c, 'x/v2') }, 8080)).toBe(false);
    // The protocol is part of the name's match: a TCP name never admits UDP on that number.
    expect(allowed(c, client, { pod: pod(c, 'x/v1') }, 8080, 'UDP')).toBe(false);
  });

  test('egress: looked up in the pod connected to, never in the subject; never against an address', () => {
    const c = build([...docs, policy('x', 'client', { podSelector: { matchLabels: { app: 'client' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })]);
    const client = { pod: pod(c, 'x/client') };
    expect(allowed(c, client, { pod: pod(c, 'x/v2') }, 9090)).toBe(true);
    expect(allowed(c, client, { pod: pod(c, 'x/v2') }, 8080)).toBe(false);
    expect(allowed(c, client, addressEndpoint(c, '198.51.100.7'), 8080)).toBe(false);
  });
});

describe('policy-assistant vectors (policy_tests.go, portprotocolcases.go)', () => {
  const base = [podDoc('x', 'a', { pod: 'a' }, [{ name: 'port-hello', containerPort: 7000 }]), podDoc('y', 'b', { pod: 'b' })];

  test('x/{} ingress ports [{SCTP}] (policy-207): TCP 103 from y denied, SCTP 103 allowed; the same from 1.2.3.4', () => {
    const c = build([...base, policy('x', 'p207', { podSelector: {}, ingress: [{ ports: [{ protocol: 'SCTP' }] }] })]);
    const a = { pod: pod(c, 'x/a') };
    for (const from of [{ pod: pod(c, 'y/b') }, addressEndpoint(c, '1.2.3.4')]) {
      expect(allowed(c, from, a, 103, 'TCP')).toBe(false);
      expect(allowed(c, from, a, 103, 'SCTP')).toBe(true);
    }
  });

  test('x/a ingress ports [{TCP, port-hello}]: from external 1.2.3.4 to the port named port-hello allowed', () => {
    const c = build([...base, policy('x', 'hello', { podSelector: { matchLabels: { pod: 'a' } }, ingress: [{ ports: [{ protocol: 'TCP', port: 'port-hello' }] }] })]);
    expect(allowed(c, addressEndpoint(c, '1.2.3.4'), { pod: pod(c, 'x/a') }, 7000)).toBe(true);
  });

  test.each<[string, Record<string, unknown>, [number, Protocol, boolean][]]>([
    ['{TCP 53-80}', { protocol: 'TCP', port: 53, endPort: 80 }, [[80, 'TCP', true], [81, 'TCP', false]]],
    ['{TCP 53-84}', { protocol: 'TCP', port: 53, endPort: 84 }, [[80, 'TCP', true], [81, 'TCP', true]]],
    ['{UDP 53-80}', { protocol: 'UDP', port: 53, endPort: 80 }, [[80, 'UDP', true], [80, 'TCP', false], [81, 'UDP', false]]],
    ['{TCP, serve-81-udp}', { protocol: 'TCP', port: 'serve-81-udp' }, [[81, 'TCP', false], [81, 'UDP', false]]],
    ['{TCP, serve-7981-udp}', { protocol: 'TCP', port: 'serve-7981-udp' }, [[81, 'TCP', false], [7981, 'UDP', false]]],
  ])('port generator %s', (_name, port, probes) => {
    const server = podDoc('x', 's', { pod: 's' }, [
      { name: 'serve-80-tcp', containerPort: 80 },
      { name: 'serve-81-tcp', containerPort: 81 },
      { name: 'serve-80-udp', containerPort: 80, protocol: 'UDP' },
      { name: 'serve-81-udp', containerPort: 81, protocol: 'UDP' },
    ]);
    const c = build([server, podDoc('x', 'client', { pod: 'client' }), policy('x', 'p', { podSelector: { matchLabels: { pod: 's' } }, ingress: [{ ports: [port] }] })]);
    const got = probes.map(([n, proto]) => [n, proto, allowed(c, { pod: pod(c, 'x/client') }, { pod: pod(c, 'x/s') }, n, proto)]);
    expect(got).toEqual(probes);
  });

  test('x/a ⇒ [{TCP 80 to [podSelector {}, ipBlock 192.168.242.213/24]}, {UDP 53}]: a pod of y at 192.168.242.249 on TCP 80 allowed (host bits ignored)', () => {
    const c = build([
      podDoc('x', 'a', { pod: 'a' }),
      { ...(podDoc('y', 'b', { pod: 'b' }) as object), status: { phase: 'Running', podIP: '192.168.242.249', conditions: [{ type: 'Ready', status: 'True' }] } },
      policy('x', 'p', { podSelector: { matchLabels: { pod: 'a' } }, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP', port: 80 }], to: [{ podSelector: {} }, { ipBlock: { cidr: '192.168.242.213/24' } }] }, { ports: [{ protocol: 'UDP', port: 53 }] }] }),
    ]);
    expect(pod(c, 'y/b').ip).toBe('192.168.242.249');
    expect(allowed(c, { pod: pod(c, 'x/a') }, { pod: pod(c, 'y/b') }, 80)).toBe(true);
  });
});

describe('netpol-analyzer TestBasic (pkg/netpol/eval/eval_test.go)', () => {
  const c = build([
    podDoc('default', 'b', { app: 'web' }),
    podDoc('default', 'c', { app: 'db' }),
    policy('default', 'p', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'TCP', port: 80 }], to: [{ podSelector: {} }, { ipBlock: { cidr: '192.168.242.213/24' } }] }, { ports: [{ protocol: 'UDP', port: 53 }] }] }),
  ]);
  const b = { pod: pod(c, 'default/b') };
  test.each<[string, PolicyEndpoint, number, boolean]>([
    ['b → 192.168.242.0 TCP 80', addressEndpoint(c, '192.168.242.0'), 80, true],
    ['b → 192.169.0.0 TCP 80 (UDP 53 only)', addressEndpoint(c, '192.169.0.0'), 80, false],
    ['b → default/c TCP 80', { pod: pod(c, 'default/c') }, 80, true],
    ['b → default/c TCP 81', { pod: pod(c, 'default/c') }, 81, false],
  ])('%s', (_name, to, port, want) => {
    expect(allowed(c, b, to, port)).toBe(want);
  });
});

describe('the cluster holds only what the API server accepts', () => {
  test('a policy that fails validation isolates nothing (kubectl apply rejects it)', () => {
    const c = build([podDoc('x', 'a', { app: 'a' }), podDoc('x', 'b', { app: 'b' }), policy('x', 'bad', { podSelector: {}, ingress: [{ from: [{}] }] })]);
    expect(c.networkPolicies).toEqual([]);
    expect(allowed(c, { pod: pod(c, 'x/b') }, { pod: pod(c, 'x/a') }, 80)).toBe(true);
  });

  test('the stored policy: protocols and policyTypes defaulted, nothing else added', () => {
    const c = build([policy('x', 'p', { podSelector: { matchLabels: { app: 'a' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 80 }] }] })]);
    expect(c.networkPolicies[0].api).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'x' },
      spec: { podSelector: { matchLabels: { app: 'a' } }, egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 80, protocol: 'TCP' }] }], policyTypes: ['Ingress', 'Egress'] },
    });
  });

  test('namespaces carry kubernetes.io/metadata.name, which the user cannot override', () => {
    const c = build([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'blue', 'kubernetes.io/metadata.name': 'other' } } }, podDoc('apps', 'a', {})]);
    expect(c.namespace('shop')?.labels).toEqual({ team: 'blue', 'kubernetes.io/metadata.name': 'shop' });
    expect(c.namespace('apps')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'apps' });
    expect(c.namespace('nowhere')).toBeUndefined();
  });
});

describe('describeDenial names the policy and the rule that would allow the connection', () => {
  test('ingress: a podSelector peer of the client’s labels on the port', () => {
    const c = build([podDoc('x', 'web', { app: 'web' }), podDoc('x', 'client', { app: 'client' }), policy('x', 'web-deny', { podSelector: { matchLabels: { app: 'web' } } })]);
    const conn = { from: { pod: pod(c, 'x/client') }, to: { pod: pod(c, 'x/web') }, port: 8080, protocol: 'TCP' as Protocol };
    expect(describeDenial(c, conn, judgeConnection(c, conn))).toBe(
      'NetworkPolicy x/web-deny isolates pod x/web for ingress, and no rule allows from pod x/client on TCP 8080; an ingress rule that would: {from: [{podSelector: {matchLabels: {app: client}}}], ports: [{port: 8080}]}',
    );
  });

  test('egress to another namespace: namespaceSelector on the name label plus podSelector', () => {
    const c = build([podDoc('x', 'client', { app: 'client' }), podDoc('y', 'db', { app: 'db' }), policy('x', 'no-egress', { podSelector: {}, policyTypes: ['Egress'] })]);
    const conn = { from: { pod: pod(c, 'x/client') }, to: { pod: pod(c, 'y/db') }, port: 53, protocol: 'UDP' as Protocol };
    expect(describeDenial(c, conn, judgeConnection(c, conn))).toBe(
      'NetworkPolicy x/no-egress isolates pod x/client for egress, and no rule allows to pod y/db on UDP 53; an egress rule that would: {to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}, podSelector: {matchLabels: {app: db}}}], ports: [{port: 53, protocol: UDP}]}',
    );
  });
});

describe('properties', () => {
  // A small world: pods in two namespaces with labels from a tiny alphabet, and random policies.
  const labelArb = fc.constantFrom('a', 'b', 'c');
  const selectorArb = fc.oneof(fc.constant({}), labelArb.map((v) => ({ matchLabels: { app: v } })), fc.constant({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] }));
  const peerArb = fc.oneof(
    selectorArb.map((s) => ({ podSelector: s })),
    fc.constantFrom('x', 'y').map((n) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': n } } })),
    fc.constant({ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }),
  );
  const portArb = fc.oneof(fc.constant({ port: 80 }), fc.constant({ port: 'http' }), fc.constant({ port: 80, endPort: 81 }), fc.constant({ protocol: 'UDP' }));
  const ruleArb = fc.record({ from: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 2 }) });
  const policyArb = fc.record({
    ns: fc.constantFrom('x', 'y'),
    podSelector: selectorArb,
    ingress: fc.array(ruleArb, { maxLength: 2 }),
    egress: fc.option(fc.array(ruleArb.map((r) => ({ to: r.from, ports: r.ports })), { maxLength: 2 }), { nil: undefined }),
  });
  const pods = ['x', 'y'].flatMap((ns) => ['a', 'b', 'c'].map((app, i) => podDoc(ns, `${app}${i}`, { app }, [{ name: 'http', containerPort: 80 }], { nodeName: `node-${(i % 3) + 1}` })));
  const toDoc = (p: { ns: string; podSelector: unknown; ingress: unknown[]; egress?: unknown[] }, i: number) => policy(p.ns, `p${i}`, { podSelector: p.podSelector, ingress: p.ingress, ...(p.egress ? { egress: p.egress } : {}) });

  function allowedPairs(c: Cluster): Set<string> {
    const out = new Set<string>();
    for (const from of c.pods.filter((p) => p.namespace !== 'kube-system')) {
      for (const to of c.pods.filter((p) => p.namespace !== 'kube-system')) {
        for (const [port, protocol] of [[80, 'TCP'], [81, 'TCP'], [80, 'UDP']] as [number, Protocol][]) {
          if (judgeConnection(c, { from: { pod: from }, to: { pod: to }, port, protocol }).allowed) out.add(`${from.namespace}/${from.name}→${to.namespace}/${to.name}:${port}/${protocol}`);
        }
      }
    }
    return out;
  }

  test('adding an allow rule to a policy never removes an allowed pair', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { minLength: 1, maxLength: 3 }), ruleArb, (policies, extra) => {
        const before = allowedPairs(build([...pods, ...policies.map(toDoc)]));
        const widened = policies.map((p, i) => (i === 0 ? { ...p, ingress: [...p.ingress, extra] } : p));
        const after = allowedPairs(build([...pods, ...widened.map(toDoc)]));
        for (const pair of before) expect(after.has(pair)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test('a policy that selects nothing changes nothing', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), policyArb, (policies, inert) => {
        const before = allowedPairs(build([...pods, ...policies.map(toDoc)]));
        const nothing = { ...inert, podSelector: { matchLabels: { app: 'nobody' } } };
        const after = allowedPairs(build([...pods, ...[...policies, nothing].map(toDoc)]));
        expect([...after].sort()).toEqual([...before].sort());
      }),
      { numRuns: 40 },
    );
  });
});
