/**
 * The upstream NetworkPolicy e2e truth tables (kubernetes test/e2e/network/netpol/network_policy.go,
 * model.go, kubemanager.go, reachability.go), as the acceptance vectors of the policy view.
 *
 * The e2e model: namespaces x, y, z (no labels but kubernetes.io/metadata.name); pods a, b, c in
 * each, labelled pod=<name>; one container per (port, protocol) — ports 80 and 81 outer, TCP, UDP,
 * SCTP inner — with one container port named serve-<port>-<proto>; one Service per pod whose
 * targetPort equals its port. Each probe goes from every pod to every pod's Service, so the
 * connection judged is the translated one (pod IP, targetPort). The expected table starts all
 * true; loopback cells are never compared (ignoreLoopback).
 */
import { buildCluster } from '../../lib/cluster/build';
import type { Cluster, Protocol, SimPod } from '../../lib/cluster/model';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { judgeConnection, policyNames } from '../../lib/views/network-policy';

const NAMESPACES = ['x', 'y', 'z'];
const PODS = ['a', 'b', 'c'];
const PORTS = [80, 81];
const PROTOCOLS: Protocol[] = ['TCP', 'UDP', 'SCTP'];
const ALL = NAMESPACES.flatMap((ns) => PODS.map((p) => `${ns}/${p}`));

type Labels = Record<string, string>;

function e2eObjects(opts: { namespaceLabels?: Record<string, Labels>; podLabels?: Record<string, Labels> } = {}): unknown[] {
  const docs: unknown[] = [];
  for (const ns of NAMESPACES) {
    docs.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: opts.namespaceLabels?.[ns] } });
    for (const pod of PODS) {
      const containers = PORTS.flatMap((port) =>
        PROTOCOLS.map((proto) => ({ name: `cont-${port}-${proto.toLowerCase()}`, image: 'agnhost', ports: [{ name: `serve-${port}-${proto.toLowerCase()}`, containerPort: port, protocol: proto }] })),
      );
      docs.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod, namespace: ns, labels: { pod, ...(opts.podLabels?.[`${ns}/${pod}`] ?? {}) } }, spec: { containers } });
      docs.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `s-${ns}-${pod}`, namespace: ns },
        spec: { selector: { pod }, ports: PORTS.flatMap((port) => PROTOCOLS.map((proto) => ({ name: `service-port-${proto.toLowerCase()}-${port}`, port, protocol: proto, targetPort: port }))) },
      });
    }
  }
  return docs;
}

function policy(namespace: string, name: string, spec: Record<string, unknown>): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function cluster(policies: unknown[], opts: Parameters<typeof e2eObjects>[0] = {}): Cluster {
  return buildCluster(fromObjects([...e2eObjects(opts), ...policies]).objects, defaultSettings());
}

function pod(c: Cluster, key: string): SimPod {
  const [ns, name] = key.split('/');
  return c.pod(ns, name)!;
}

/** The false cells of the probe table, loopback excluded, as `from→to`. */
function denied(c: Cluster, port = 80, protocol: Protocol = 'TCP'): string[] {
  const out: string[] = [];
  for (const from of ALL) {
    for (const to of ALL) {
      if (from === to) continue;
      // Through the Service: kube-proxy translates to the pod's IP and the targetPort (= port).
      const svc = c.service(to.split('/')[0], `s-${to.replace('/', '-')}`)!;
      const sp = svc.ports.find((p) => p.port === port && p.protocol === protocol)!;
      const verdict = judgeConnection(c, { from: { pod: pod(c, from) }, to: { pod: pod(c, to) }, port: sp.targetPort as number, protocol });
      if (!verdict.allowed) out.push(`${from}→${to}`);
    }
  }
  return out;
}

/** Expand the reference's notation: sources × destinations minus exceptions, loopback dropped. */
function cells(from: string, to: string, except: string[] = []): string[] {
  const expand = (pattern: string): string[] => (pattern === '*' ? ALL : pattern.endsWith('/*') ? ALL.filter((k) => k.startsWith(pattern.slice(0, -1))) : [pattern]);
  const out: string[] = [];
  for (const f of expand(from)) for (const t of expand(to)) if (f !== t && !except.includes(f) && !except.includes(t)) out.push(`${f}→${t}`);
  return out;
}

function sorted(list: string[]): string[] {
  return [...new Set(list)].sort();
}

const ns = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const notIn = (name: string) => ({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: [name] }] });
const podIs = (name: string) => ({ matchLabels: { pod: name } });

describe('e2e truth tables (test/e2e/network/netpol/network_policy.go)', () => {
  test.each(PROTOCOLS)("should support a 'default-deny-ingress' policy (%s)", (protocol) => {
    const c = cluster([policy('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(denied(c, 80, protocol)).toEqual(sorted(cells('*', 'x/*')));
  });

  test("should support a 'default-deny-all' policy", () => {
    const c = cluster([policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]);
    expect(denied(c)).toEqual(sorted([...cells('*', 'x/*'), ...cells('x/*', '*')]));
  });

  test('should enforce policy to allow traffic from pods within server namespace based on PodSelector', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: podIs('b') }] }] })]);
    expect(denied(c)).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('x/b→'))));
  });

  test('… based on PodSelector with MatchExpressions', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b'] }] } }] }] })]);
    expect(denied(c)).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('x/b→'))));
  });

  test('should enforce policy to allow ingress traffic for a target', () => {
    const c = cluster([
      policy('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('x', 'allow-a', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }] }] }),
    ]);
    expect(denied(c)).toEqual(sorted([...cells('*', 'x/b'), ...cells('*', 'x/c')]));
  });

  test('should enforce policy to allow ingress traffic from pods in all namespaces', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: {} }] }] })]);
    expect(denied(c)).toEqual([]);
  });

  test.each([
    ['NamespaceSelector', ns('y')],
    ['NamespaceSelector with MatchExpressions', { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['y'] }] }],
  ])('should enforce policy to allow traffic only from a different namespace, based on %s', (_name, selector) => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: selector }] }] })]);
    expect(denied(c)).toEqual(sorted([...cells('x/*', 'x/a'), ...cells('z/*', 'x/a')]));
  });

  test('should enforce policy based on PodSelector or NamespaceSelector', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: notIn('x') }, { podSelector: podIs('b') }] }] })]);
    expect(denied(c)).toEqual(['x/c→x/a']);
  });

  test('should enforce policy based on PodSelector and NamespaceSelector', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: notIn('x'), podSelector: podIs('b') }] }] })]);
    expect(denied(c)).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('y/b→') && !k.startsWith('z/b→'))));
  });

  test('should enforce policy based on Multiple PodSelectors and NamespaceSelectors', () => {
    const c = cluster([
      policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: notIn('x'), podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['b', 'c'] }] } }] }] }),
    ]);
    expect(denied(c)).toEqual(sorted([...cells('x/*', 'x/a'), 'y/a→x/a', 'z/a→x/a']));
  });

  test('should enforce policy based on any PodSelectors', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: podIs('b') }, { podSelector: podIs('c') }] }] })]);
    expect(denied(c)).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('x/b→') && !k.startsWith('x/c→'))));
  });

  test.each(PROTOCOLS)('should enforce policy to allow traffic only from a pod in a different namespace based on PodSelector and NamespaceSelector (%s)', (protocol) => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: ns('y'), podSelector: podIs('a') }] }] })]);
    expect(denied(c, 80, protocol)).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('y/a→'))));
  });

  test.each(PROTOCOLS)('should enforce policy based on Ports (%s)', (protocol) => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: ns('y') }], ports: [{ port: 81, protocol }] }] })]);
    expect(denied(c, 81, protocol)).toEqual(sorted([...cells('x/*', 'x/a'), ...cells('z/*', 'x/a')]));
    // On 80 nothing from any namespace is admitted.
    expect(denied(c, 80, protocol)).toEqual(sorted(cells('*', 'x/a')));
  });

  test('should enforce multiple, stacked policies with overlapping podSelectors', () => {
    const c = cluster([
      policy('x', 'allow-81', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: ns('y') }], ports: [{ port: 81 }] }] }),
      policy('x', 'allow-80', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: ns('y') }], ports: [{ port: 80 }] }] }),
    ]);
    const want = sorted([...cells('x/*', 'x/a'), ...cells('z/*', 'x/a')]);
    expect(denied(c, 80)).toEqual(want);
    expect(denied(c, 81)).toEqual(want);
  });

  test('should support allow-all policy', () => {
    const c = cluster([policy('x', 'allow-all', { podSelector: {}, ingress: [{}] })]);
    expect(denied(c, 80)).toEqual([]);
    expect(denied(c, 81)).toEqual([]);
  });

  test('should allow ingress access on one named port', () => {
    const c = cluster([policy('x', 'p', { podSelector: {}, ingress: [{ ports: [{ port: 'serve-81-tcp' }] }] })]);
    expect(denied(c, 80)).toEqual(sorted(cells('*', 'x/*')));
    expect(denied(c, 81)).toEqual([]);
  });

  test('should allow ingress access from namespace on one named port', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: ns('y') }], ports: [{ port: 'serve-80-tcp' }] }] })]);
    expect(denied(c, 80)).toEqual(sorted([...cells('x/*', 'x/a'), ...cells('z/*', 'x/a')]));
    expect(denied(c, 81)).toEqual(sorted(cells('*', 'x/a')));
  });

  test('should allow egress access on one named port', () => {
    // GetAllowEgressByPort (policies.go) spells policyTypes: [Egress].
    const c = cluster([policy('x', 'p', { podSelector: {}, egress: [{ ports: [{ port: 'serve-80-tcp' }] }], policyTypes: ['Egress'] })]);
    expect(denied(c, 80)).toEqual([]);
    expect(denied(c, 81)).toEqual(sorted(cells('x/*', '*')));
  });

  test('should enforce updated policy (allow-all, then ingress [])', () => {
    expect(denied(cluster([policy('x', 'p', { podSelector: {}, ingress: [{}] })]), 81)).toEqual([]);
    expect(denied(cluster([policy('x', 'p', { podSelector: {}, ingress: [] })]), 81)).toEqual(sorted(cells('*', 'x/*')));
  });

  test('should allow ingress access from updated namespace', () => {
    const p = policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ namespaceSelector: { matchLabels: { ns2: 'updated' } } }] }] });
    expect(denied(cluster([p]))).toEqual(sorted(cells('*', 'x/a')));
    expect(denied(cluster([p], { namespaceLabels: { y: { ns2: 'updated' } } }))).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('y/'))));
  });

  test('should allow ingress access from updated pod', () => {
    const p = policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: { matchLabels: { pod: 'b', pod2: 'updated' } } }] }] });
    expect(denied(cluster([p]))).toEqual(sorted(cells('*', 'x/a')));
    expect(denied(cluster([p], { podLabels: { 'x/b': { pod2: 'updated' } } }))).toEqual(sorted(cells('*', 'x/a').filter((k) => !k.startsWith('x/b→'))));
  });

  test('should deny ingress from pods on other namespaces', () => {
    const c = cluster([policy('x', 'p', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })]);
    expect(denied(c)).toEqual(sorted([...cells('y/*', 'x/*'), ...cells('z/*', 'x/*')]));
  });

  test('should deny ingress access to updated pod', () => {
    const p = policy('x', 'p', { podSelector: { matchLabels: { target: 'isolated' } }, ingress: [] });
    expect(denied(cluster([p]))).toEqual([]);
    expect(denied(cluster([p], { podLabels: { 'x/a': { target: 'isolated' } } }))).toEqual(sorted(cells('*', 'x/a')));
  });

  test('should deny egress from pods based on PodSelector', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), policyTypes: ['Egress'] })]);
    expect(denied(c)).toEqual(sorted(cells('x/a', '*')));
  });

  test('should deny egress from all pods in a namespace', () => {
    const c = cluster([policy('x', 'p', { podSelector: {}, policyTypes: ['Egress'] })]);
    expect(denied(c)).toEqual(sorted(cells('x/*', '*')));
  });

  test('should work with Ingress, Egress specified together', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), policyTypes: ['Egress', 'Ingress'], ingress: [{ from: [{ podSelector: podIs('b') }] }], egress: [{ ports: [{ port: 80 }] }] })]);
    const ingressDenied = cells('*', 'x/a').filter((k) => !k.startsWith('x/b→'));
    expect(denied(c, 80)).toEqual(sorted(ingressDenied));
    expect(denied(c, 81)).toEqual(sorted([...ingressDenied, ...cells('x/a', '*')]));
  });

  test('should enforce egress policy allowing traffic to a server in a different namespace based on PodSelector and NamespaceSelector', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ namespaceSelector: ns('y'), podSelector: podIs('a') }] }], policyTypes: ['Egress'] })]);
    expect(denied(c)).toEqual(sorted(cells('x/a', '*').filter((k) => !k.endsWith('→y/a'))));
  });

  test('defaulting: without policyTypes, an egress rule makes the policy isolate both directions (SetDefaults_NetworkPolicy)', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ namespaceSelector: ns('y'), podSelector: podIs('a') }] }] })]);
    expect(denied(c)).toEqual(sorted([...cells('x/a', '*').filter((k) => !k.endsWith('→y/a')), ...cells('*', 'x/a')]));
    // `egress: []` is present but empty: Ingress only.
    const empty = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [] })]);
    expect(empty.networkPolicies[0].policyTypes).toEqual(['Ingress']);
    expect(denied(empty)).toEqual(sorted(cells('*', 'x/a')));
  });

  test('should stop enforcing policies after they are deleted', () => {
    expect(denied(cluster([policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] })]))).toEqual(sorted([...cells('*', 'x/*'), ...cells('x/*', '*')]));
    expect(denied(cluster([]))).toEqual([]);
  });

  test('should enforce ingress policy allowing any port traffic to a server on a specific protocol', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ ports: [{ protocol: 'TCP' }] }] })]);
    expect(denied(c, 80, 'TCP')).toEqual([]);
    expect(denied(c, 80, 'UDP')).toEqual(sorted(cells('*', 'x/a')));
  });

  test.each(['ingress', 'egress'])('should enforce multiple %s policies with allow-all taking precedence', (direction) => {
    const only80 = direction === 'ingress' ? { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } : { podSelector: {}, egress: [{ ports: [{ port: 80 }] }], policyTypes: ['Egress'] };
    const allowAll = direction === 'ingress' ? { podSelector: {}, ingress: [{}] } : { podSelector: {}, egress: [{}], policyTypes: ['Egress'] };
    const before = cluster([policy('x', 'only-80', only80)]);
    expect(denied(before, 81)).toEqual(sorted(direction === 'ingress' ? cells('*', 'x/*') : cells('x/*', '*')));
    expect(denied(before, 80)).toEqual([]);
    expect(denied(cluster([policy('x', 'only-80', only80), policy('x', 'allow-all', allowAll)]), 81)).toEqual([]);
  });

  test('should enforce policies to check ingress and egress policies can be controlled independently', () => {
    const egressAll = policy('x', 'allow-egress', { podSelector: podIs('a'), egress: [{}], policyTypes: ['Egress'] });
    expect(denied(cluster([egressAll]))).toEqual([]);
    const both = cluster([egressAll, policy('x', 'deny-ingress', { podSelector: podIs('a'), policyTypes: ['Ingress'] })]);
    expect(denied(both)).toEqual(sorted(cells('*', 'x/a')));
  });

  test("should not mistakenly treat 'protocol: SCTP' as 'protocol: TCP'", () => {
    const c = cluster([
      policy('x', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('x', 'allow-sctp', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 81, protocol: 'SCTP' }] }] }),
    ]);
    expect(denied(c, 81, 'TCP')).toEqual(sorted(cells('*', 'x/*')));
    expect(denied(c, 81, 'SCTP')).toEqual(sorted([...cells('*', 'x/b'), ...cells('*', 'x/c')]));
  });

  test('should properly isolate pods that are selected by a policy allowing SCTP, even if the plugin does not support SCTP', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 80, protocol: 'SCTP' }] }] })]);
    expect(denied(c, 81, 'TCP')).toEqual(sorted(cells('*', 'x/a')));
  });

  test('should not allow access by TCP when a policy specifies only UDP', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ ports: [{ port: 81, protocol: 'UDP' }] }] })]);
    expect(denied(c, 81, 'TCP')).toEqual(sorted(cells('*', 'x/a')));
    expect(denied(c, 81, 'UDP')).toEqual([]);
  });

  test('should enforce policy to allow traffic based on NamespaceSelector with MatchExpressions using default ns label (egress)', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ namespaceSelector: notIn('y') }] }], policyTypes: ['Egress'] })]);
    expect(denied(c)).toEqual(sorted(cells('x/a', 'y/*')));
  });

  test('should enforce egress policy denying of egress traffic on the client side', () => {
    const c = cluster([
      policy('x', 'client', { podSelector: podIs('a'), egress: [{ to: [{ namespaceSelector: ns('y'), podSelector: podIs('a') }] }], policyTypes: ['Egress'] }),
      policy('y', 'server', { podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: ['a', 'b'] }] }, ingress: [{ from: [{ namespaceSelector: ns('x'), podSelector: podIs('a') }] }] }),
    ]);
    const want = [...cells('x/a', '*').filter((k) => k !== 'x/a→y/a'), ...cells('*', 'y/a').filter((k) => k !== 'x/a→y/a'), ...cells('*', 'y/b')];
    expect(denied(c)).toEqual(sorted(want));
  });

  describe('ipBlock (pod IPs are addresses like any other)', () => {
    const ips = cluster([]);
    const ipOf = (key: string): string => pod(ips, key).ip;

    test('should allow egress access to server in CIDR block', () => {
      const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ ipBlock: { cidr: `${ipOf('y/b')}/32` } }] }], policyTypes: ['Egress'] })]);
      expect(pod(c, 'y/b').ip).toBe(ipOf('y/b'));
      expect(denied(c)).toEqual(sorted(cells('x/a', '*').filter((k) => k !== 'x/a→y/b')));
    });

    test('should enforce except clause while egress access to server in CIDR block (makeLargeCIDRForIP: /4)', () => {
      const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/4', except: [`${ipOf('x/b')}/32`] } }] }], policyTypes: ['Egress'] })]);
      expect(ipOf('x/b')).toMatch(/^10\.244\./);
      expect(denied(c)).toEqual(['x/a→x/b']);
    });

    test('should ensure an IP overlapping both IPBlock.CIDR and IPBlock.Except is allowed (policy replaced)', () => {
      const c = cluster([policy('x', 'p', { podSelector: podIs('a'), egress: [{ to: [{ ipBlock: { cidr: `${ipOf('x/b')}/32` } }] }], policyTypes: ['Egress'] })]);
      expect(denied(c)).toEqual(sorted(cells('x/a', '*').filter((k) => k !== 'x/a→x/b')));
    });
  });
});

describe('deniedBy: the side that drops, and the policies that isolate it', () => {
  test('both sides deny: egress reported (it drops the packet first)', () => {
    const c = cluster([policy('x', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), policy('x', 'deny-in-a', { podSelector: podIs('a') })]);
    const v = judgeConnection(c, { from: { pod: pod(c, 'x/b') }, to: { pod: pod(c, 'x/a') }, port: 80, protocol: 'TCP' });
    expect(v.allowed).toBe(false);
    expect([v.deniedBy!.direction, v.deniedBy!.pod!.name, policyNames(v.deniedBy!.policies)]).toEqual(['egress', 'b', ['x/deny-all']]);
    expect(policyNames(v.ingress.policies)).toEqual(['x/deny-all', 'x/deny-in-a']);
    expect(v.ingress.allowed).toBe(false);
  });

  test('an allowed connection names the rule that allowed it', () => {
    const c = cluster([policy('x', 'p', { podSelector: podIs('a'), ingress: [{ from: [{ podSelector: podIs('c') }] }, { from: [{ podSelector: podIs('b') }] }] })]);
    const v = judgeConnection(c, { from: { pod: pod(c, 'x/b') }, to: { pod: pod(c, 'x/a') }, port: 80, protocol: 'TCP' });
    expect([v.allowed, v.ingress.reason, v.ingress.allowedBy!.rule.field]).toEqual([true, 'rule', 'spec.ingress[1]']);
  });
});
