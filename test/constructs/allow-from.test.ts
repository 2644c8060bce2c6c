/**
 * `allowFrom` on the selecting Service constructs: the NetworkPolicy it writes (field by field, for
 * cdk8s-plus-27, -30 and -33 peers), its errors, its origin, and traces through it with the
 * simulator — allowed from the peer, denied from everyone else, as a cluster enforces it.
 *
 * Upstream semantics the expectations follow (kubernetes/website network-policies.md; the API
 * reference of NetworkPolicySpec/NetworkPolicyPeer/NetworkPolicyPort in
 * staging/src/k8s.io/api/networking/v1/types.go): a policy selecting a pod isolates it for ingress;
 * a peer with podSelector alone means the policy's namespace, with namespaceSelector too the named
 * namespace (label `kubernetes.io/metadata.name`, set by the API server on every namespace); a
 * named port is resolved on each destination pod; policies see the targetPort after kube-proxy's
 * translation (pkg/proxy/iptables/proxier.go DNATs before the packet reaches the pod).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { AllowFromError, ClusterIPService, HeadlessService, LoadBalancerService, NodePortService, Peer, lineupFindings } from '../../lib/constructs';
import { simulate } from '../../lib/simulate';
import { synthError } from './helpers';
import { PLUS_VERSIONS, type Plus } from './plus-versions';

const NO_ROOT_CHECK = { ensureNonRoot: false };

function policies(chart: Chart): any[] {
  return Testing.synth(chart).filter((o) => o.kind === 'NetworkPolicy');
}

/** A raw Deployment whose pods carry `labels` and declare `ports` (name → number, TCP unless given). */
function pods(chart: Chart, name: string, labels: Record<string, string>, ports: [string, number, string?][] = [], namespace?: string): ApiObject {
  return new ApiObject(chart, `${name}-pods`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace },
    spec: {
      replicas: 1, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name, image: name, ports: ports.map(([n, containerPort, protocol]) => ({ name: n, containerPort, protocol })) }] } },
    },
  });
}

/** A shop: web (named port http = 8080) behind Service web:80, a frontend, a batch job; frontend may be in another namespace. */
function shop(kplus: Plus, opts: { frontendNamespace?: string } = {}) {
  const chart = new Chart(new App(), 'test', { namespace: 'shop' });
  const web = new kplus.Deployment(chart, 'web', { metadata: { name: 'web' }, replicas: 2, containers: [{ image: 'web', ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'metrics' }], securityContext: NO_ROOT_CHECK }] });
  const frontend = new kplus.Deployment(chart, 'frontend', { metadata: { name: 'frontend', namespace: opts.frontendNamespace }, containers: [{ image: 'fe', securityContext: NO_ROOT_CHECK }] });
  const batch = new kplus.Deployment(chart, 'batch', { metadata: { name: 'batch' }, containers: [{ image: 'batch', securityContext: NO_ROOT_CHECK }] });
  const svc = new ClusterIPService(chart, 'web-svc', {
    metadata: { name: 'web' },
    selector: web,
    ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100 }],
  });
  return { chart, web, frontend, batch, svc };
}

// cdk8s-plus labels every pod with `cdk8s.io/metadata.addr` (the construct path and its hash) and
// selects on it; the values are the same in every version for the same construct path.
const WEB_PODS = { 'cdk8s.io/metadata.addr': 'test-web-c8694308' };
const FRONTEND_PODS = { 'cdk8s.io/metadata.addr': 'test-frontend-c81d7ec0' };
const BATCH_PODS = { 'cdk8s.io/metadata.addr': 'test-batch-c81c2d9e' };

describe.each(PLUS_VERSIONS)('allowFrom with %s', (_version, kplus) => {
  test('a workload of the same namespace: podSelector alone; the named targetPort stays a name', () => {
    const { chart, frontend, svc, web, batch } = shop(kplus);
    const policy = svc.allowFrom(frontend, { ports: ['http'] });
    const [np] = policies(chart);
    expect(np).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'web-from-frontend', namespace: 'shop' },
      spec: {
        podSelector: { matchLabels: WEB_PODS },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: FRONTEND_PODS } }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      },
    });
    expect(policy.name).toBe('web-from-frontend');
    expect(policy.node.path).toBe('test/web-svc/from-frontend');
    // The labels are the workloads' own selectors, as their controllers use them.
    expect(Testing.synth(chart).filter((o) => o.kind === 'Deployment').map((d) => d.spec.selector.matchLabels)).toEqual([WEB_PODS, FRONTEND_PODS, BATCH_PODS]);
    expect([web.matchLabels, batch.matchLabels]).toEqual([WEB_PODS, BATCH_PODS]);
  });

  test('a workload of another namespace: namespaceSelector by name AND podSelector in one peer', () => {
    const { chart, frontend, svc } = shop(kplus, { frontendNamespace: 'edge' });
    svc.allowFrom(Peer.workload(frontend), { ports: ['http'] });
    expect(policies(chart)[0].spec.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'edge' } }, podSelector: { matchLabels: FRONTEND_PODS } }],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ]);
  });

  test('the simulator traces through the policy: allowed from the peer, denied from the others', () => {
    const { chart, frontend, svc } = shop(kplus, { frontendNamespace: 'edge' });
    svc.allowFrom(frontend, { ports: ['http'] });
    const sim = simulate(chart);
    // Only http was admitted: the metrics port is now shut for everyone, and the engine says so.
    expect(sim.findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([
      'service-unreachable: Service shop/web port metrics (9100/TCP): NetworkPolicy shop/web-from-frontend isolates every endpoint pod (Deployment web) for ingress, ' +
      'and no rule allows TCP 9100, the targetPort: only the pods themselves and their own nodes can connect — add an ingress rule for port 9100 from the clients',
    ]);

    const fromFrontend = sim.trace('http://web.shop/', { pod: 'edge/frontend' });
    expect([fromFrontend.outcome, fromFrontend.deniedProbability]).toEqual(['delivered', 0]);
    expect(fromFrontend.destinations.map((d) => [d.port, d.probability, d.verdict])).toEqual([[8080, 0.5, 'allowed'], [8080, 0.5, 'allowed']]);

    const fromBatch = sim.trace('http://web.shop/', { pod: 'shop/batch' });
    expect([fromBatch.outcome, fromBatch.deniedProbability]).toEqual(['denied', 1]);
    expect(fromBatch.destinations.map((d) => [d.port, d.verdict, d.deniedBy?.direction, d.deniedBy?.policies])).toEqual([
      [8080, 'denied', 'ingress', ['shop/web-from-frontend']],
      [8080, 'denied', 'ingress', ['shop/web-from-frontend']],
    ]);
    // The metrics port was not admitted: the frontend is shut out of it too.
    expect(sim.trace('http://web.shop:9100/', { pod: 'edge/frontend' }).outcome).toBe('denied');
  });
});

test('an ipBlock admits pods by their addresses too, and its except shuts one out (e2e: "should enforce except clause while egress access to server in CIDR block")', () => {
  const withRange = (except: string[]) => {
    const { chart, svc } = shop(PLUS_VERSIONS[0]![1]);
    svc.allowFrom(Peer.cidr('10.0.0.0/8', { except }), { ports: ['http'] });
    return simulate(chart);
  };
  const open = withRange([]);
  const batchIP = open.cluster.pods.find((p) => p.namespace === 'shop' && p.name.startsWith('batch-'))!.ip;
  expect(batchIP).toMatch(/^10\.244\./);
  expect(open.trace('http://web.shop/', { pod: 'shop/batch' }).outcome).toBe('delivered');
  expect(withRange([`${batchIP}/32`]).trace('http://web.shop/', { pod: 'shop/batch' }).outcome).toBe('denied');
});

describe('which ports the policy lists', () => {
  const kplus = PLUS_VERSIONS[0]![1];

  test('default: every Service port, as its targetPort (number, name, or the port itself) with its protocol; each once', () => {
    const chart = new Chart(new App(), 'test');
    pods(chart, 'coredns', { app: 'dns' }, [['dns', 53, 'UDP'], ['dns-tcp', 53], ['metrics', 9153], ['probe', 8181]]);
    const svc = new ClusterIPService(chart, 'dns', {
      metadata: { name: 'dns' },
      selector: { app: 'dns' },
      ports: [
        { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 'dns-tcp', protocol: 'TCP' },
        { name: 'metrics', port: 80, targetPort: 9153 },
        { name: 'metrics-alias', port: 8080, targetPort: 9153 },
        { name: 'probe', port: 8181 },
      ],
    });
    svc.allowFrom(Peer.allPods());
    expect(policies(chart)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'dns' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: {} }],
        ports: [
          { protocol: 'UDP', port: 'dns' },
          { protocol: 'TCP', port: 'dns-tcp' },
          { protocol: 'TCP', port: 9153 },
          { protocol: 'TCP', port: 8181 },
        ],
      }],
    });
  });

  test('a number picks every Service port with that number (53/UDP and 53/TCP); ports added after the call count', () => {
    const chart = new Chart(new App(), 'test');
    pods(chart, 'coredns', { app: 'dns' }, [['dns', 53, 'UDP'], ['dns-tcp', 53]]);
    const svc = new ClusterIPService(chart, 'dns', { metadata: { name: 'dns' }, selector: { app: 'dns' } });
    svc.allowFrom(Peer.namespace('apps'), { ports: [53] });
    svc.addPort({ name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' }).addPort({ name: 'dns-tcp', port: 53, targetPort: 'dns-tcp' });
    expect(policies(chart)[0].spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }], ports: [{ protocol: 'UDP', port: 'dns' }, { protocol: 'TCP', port: 'dns-tcp' }] },
    ]);
  });

  test('a named targetPort covers pods that number it differently; one pod\'s number would not', () => {
    const chart = new Chart(new App(), 'test', { namespace: 'shop' });
    for (const [track, number] of [['v1', 8080], ['v2', 9090]] as const) {
      new kplus.Deployment(chart, `web-${track}`, {
        metadata: { name: `web-${track}` },
        replicas: 1,
        podMetadata: { labels: { app: 'web', track } },
        containers: [{ image: 'web', ports: [{ number, name: 'http' }], securityContext: NO_ROOT_CHECK }],
      });
    }
    const frontend = new kplus.Deployment(chart, 'frontend', { metadata: { name: 'frontend' }, containers: [{ image: 'fe', securityContext: NO_ROOT_CHECK }] });
    const svc = new ClusterIPService(chart, 'web', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    svc.allowFrom(frontend);
    const byNamedPort = simulate(chart).trace('http://web.shop/', { pod: 'shop/frontend' });
    expect(byNamedPort.destinations.map((d) => [d.port, d.verdict])).toEqual([[8080, 'allowed'], [9090, 'allowed']]);

    // The same policy written with the v1 pods' number leaves the v2 pods shut.
    const docs = Testing.synth(chart).map((o) => (o.kind === 'NetworkPolicy' ? { ...o, spec: { ...o.spec, ingress: [{ ...o.spec.ingress[0], ports: [{ protocol: 'TCP', port: 8080 }] }] } } : o));
    const byNumber = simulate(docs).trace('http://web.shop/', { pod: 'shop/frontend' });
    expect(byNumber.destinations.map((d) => [d.port, d.verdict])).toEqual([[8080, 'allowed'], [9090, 'denied']]);
  });
});

describe('peers', () => {
  test('Peer.cidr with except, Peer.pods in another namespace, Peer.pods in the Service\'s own', () => {
    const chart = new Chart(new App(), 'test');
    pods(chart, 'web', { app: 'web' }, [['http', 8080]], 'shop');
    const svc = new NodePortService(chart, 'web', { metadata: { name: 'web', namespace: 'shop' }, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    svc.allowFrom(Peer.cidr('203.0.113.0/24', { except: ['203.0.113.128/25'] }));
    svc.allowFrom(Peer.cidr('198.51.100.0/24'));
    svc.allowFrom(Peer.pods({ 'app.kubernetes.io/name': 'prometheus' }, { namespace: 'monitoring' }));
    svc.allowFrom(Peer.pods({ app: 'frontend' }));
    expect(policies(chart).map((p) => [p.metadata, p.spec.ingress[0].from])).toEqual([
      [{ name: 'web-from-cidr-203.0.113.0-24', namespace: 'shop' }, [{ ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.128/25'] } }]],
      [{ name: 'web-from-cidr-198.51.100.0-24', namespace: 'shop' }, [{ ipBlock: { cidr: '198.51.100.0/24' } }]],
      [
        { name: 'web-from-pods-app.kubernetes.io-name-prometheus', namespace: 'shop' },
        [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ],
      [{ name: 'web-from-pods-app-frontend', namespace: 'shop' }, [{ podSelector: { matchLabels: { app: 'frontend' } } }]],
    ]);
    expect(policies(chart).map((p) => p.spec.ingress[0].ports)).toEqual(Array(4).fill([{ protocol: 'TCP', port: 8080 }]));
  });

  test('a raw workload ApiObject is a peer by its selector; the same peer twice gets -2; a name can be given', () => {
    const chart = new Chart(new App(), 'test');
    const rc = new ApiObject(chart, 'kubia', {
      apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'kubia' },
      spec: { replicas: 1, selector: { app: 'kubia' }, template: { metadata: { labels: { app: 'kubia', tier: 'x' } }, spec: { containers: [{ name: 'k', image: 'k' }] } } },
    });
    pods(chart, 'api', { app: 'api' }, [['http', 80], ['grpc', 9000]]);
    const svc = new LoadBalancerService(chart, 'api', { metadata: { name: 'api' }, selector: { app: 'api' }, ports: [{ name: 'http', port: 80 }, { name: 'grpc', port: 9000 }] });
    svc.allowFrom(rc, { ports: ['http'] });
    svc.allowFrom(rc, { ports: ['grpc'] });
    svc.allowFrom(Peer.allPods(), { ports: [9000], name: 'api-grpc-open' });
    expect(policies(chart).map((p) => [p.metadata.name, p.spec.ingress])).toEqual([
      ['api-from-kubia', [{ from: [{ podSelector: { matchLabels: { app: 'kubia' } } }], ports: [{ protocol: 'TCP', port: 80 }] }]],
      ['api-from-kubia-2', [{ from: [{ podSelector: { matchLabels: { app: 'kubia' } } }], ports: [{ protocol: 'TCP', port: 9000 }] }]],
      ['api-grpc-open', [{ from: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 9000 }] }]],
    ]);
  });

  test('HeadlessService has allowFrom too (every selecting Service does)', () => {
    const chart = new Chart(new App(), 'test');
    pods(chart, 'db', { app: 'db' }, [['pg', 5432]]);
    const svc = new HeadlessService(chart, 'db', { metadata: { name: 'db' }, selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }] });
    svc.allowFrom(Peer.pods({ app: 'api' }));
    expect(policies(chart)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 'pg' }] }],
    });
  });
});

describe('mistakes', () => {
  function web(): { chart: Chart; svc: ClusterIPService } {
    const chart = new Chart(new App(), 'test', { disableResourceNameHashes: true });
    pods(chart, 'web-pods', { app: 'web' }, [['http', 8080], ['admin', 9000, 'UDP']]);
    const svc = new ClusterIPService(chart, 'web', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'admin', port: 9000, protocol: 'UDP' }] });
    return { chart, svc };
  }

  test('an unknown port name fails synth naming the policy\'s construct path and the Service\'s ports', () => {
    const { chart, svc } = web();
    svc.allowFrom(Peer.pods({ app: 'fe' }), { ports: ['metrics'] });
    expect(synthError(chart)).toContain(
      "render test/web/from-pods-app-fe/Resource: Failed serializing construct at path 'test/web/from-pods-app-fe/Resource' with name 'web-from-pods-app-fe': " +
      'AllowFromError: test/web/from-pods-app-fe (allowFrom on Service web): the Service has no port "metrics"; ' +
      'its ports are http (80/TCP), admin (9000/UDP); give one of these names or numbers',
    );
  });

  test('a targetPort number given as the port says which Service port to give instead', () => {
    const { chart, svc } = web();
    svc.allowFrom(Peer.pods({ app: 'fe' }), { ports: [8080] });
    expect(synthError(chart)).toContain(
      'the Service has no port 8080; its ports are http (80/TCP), admin (9000/UDP) — 8080 is the targetPort of Service port http; ' +
      "allowFrom takes Service ports and writes their targetPorts, so give 'http' or 80",
    );
  });

  test('the policy is never rendered wider than asked: rendering outside synth throws the same error', () => {
    const { svc } = web();
    const policy = svc.allowFrom(Peer.pods({ app: 'fe' }), { ports: ['metrics'] });
    expect(() => policy.apiObject.toJson()).toThrow('AllowFromError: test/web/from-pods-app-fe (allowFrom on Service web): the Service has no port "metrics"');
  });

  test('a Service without selector: no policy can pick its pods', () => {
    const chart = new Chart(new App(), 'test');
    const svc = new ClusterIPService(chart, 'ext', { metadata: { name: 'ext' }, ports: [{ port: 80 }] });
    const policy = svc.allowFrom(Peer.allPods());
    expect(() => policy.apiObject.toJson()).toThrow(
      'test/ext/from-all-pods (allowFrom on Service ext): the Service has no selector, so no policy can pick its pods (an empty podSelector would pick every pod of the namespace); ' +
      'give the Service a selector, or write a NetworkPolicy for the pods behind its Endpoints yourself',
    );
  });

  test('a workload peer whose pods carry no labels cannot be named (an empty podSelector would pick every pod)', () => {
    const { svc } = web();
    const bare = new ApiObject(svc, 'bare', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bare' }, spec: { containers: [{ name: 'c', image: 'c' }] } });
    const policy = svc.allowFrom(bare);
    expect(() => policy.apiObject.toJson()).toThrow(
      'AllowFromError: test/web/from-bare (allowFrom on Service web): workload test/web/bare (ApiObject of kind Pod) has no labels that pick its pods, so no peer can name them; give its pod template labels (and a selector)',
    );
  });

  test('a Service without ports: nothing to admit (an empty list would admit every port)', () => {
    const chart = new Chart(new App(), 'test');
    const svc = new ClusterIPService(chart, 'web', { metadata: { name: 'web' }, selector: { app: 'web' } });
    const policy = svc.allowFrom(Peer.allPods());
    expect(() => policy.apiObject.toJson()).toThrow('test/web/from-all-pods (allowFrom on Service web): the Service has no ports to admit the peer on; add its ports first');
  });

  test.each([
    ['a ConfigMap', (chart: Chart) => new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } }), 'test/web: allowFrom: test/cm (ApiObject of kind ConfigMap) is not a workload'],
    ['a label map', () => ({ app: 'fe' }), 'test/web: allowFrom: {"app":"fe"} is not a peer; give a workload, or Peer.workload(…), Peer.pods(labels), Peer.namespace(name), Peer.cidr(range) or Peer.allPods()'],
  ])('%s is not a peer: AllowFromError at the call', (_what, make, message) => {
    const { chart, svc } = web();
    const value = make(chart);
    expect(() => svc.allowFrom(value as never)).toThrow(AllowFromError);
    expect(() => svc.allowFrom(value as never)).toThrow(message);
  });

  test.each([
    [{ ports: [] }, 'test/web: allowFrom: ports: [] would admit the peer on no port; leave ports out to admit it on every Service port'],
    [{ ports: ['http', 1.5] }, 'test/web: allowFrom: ports holds 1.5, which is neither a Service port name nor a port number'],
    [{ name: '' }, 'test/web: allowFrom: name must be a non-empty string (got "")'],
  ])('options %j: AllowFromError at the call', (options, message) => {
    const { svc } = web();
    expect(() => svc.allowFrom(Peer.allPods(), options as never)).toThrow(message);
  });

  test.each([
    [() => Peer.pods({}), "Peer.pods: no labels would pick every pod of the namespace; say so with Peer.namespace('<name>'), or give labels"],
    [() => Peer.pods({ app: 1 } as never), 'Peer.pods: labels must be a map of strings such as { app: \'web\' } (got {"app":1})'],
    [() => Peer.namespace(''), 'Peer.namespace: give the namespace\'s name (got "")'],
    [() => Peer.cidr(''), "Peer.cidr: give a CIDR such as '10.0.0.0/8' (got \"\")"],
    [() => Peer.cidr('10.0.0.0/8', { except: '10.1.0.0/16' as never }), 'Peer.cidr: except must be a list of CIDRs such as [\'10.0.5.0/24\'] (got "10.1.0.0/16")'],
  ])('%s', (make, message) => {
    expect(make).toThrow(new AllowFromError(message));
  });

  test('a malformed CIDR is judged by the engine like any policy\'s: a finding with its field path, at the allowFrom line', () => {
    const { chart, svc } = web();
    svc.allowFrom(Peer.cidr('10.0.0.0/33')); // origin:allowFrom
    const lines = fs.readFileSync(__filename, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('// origin:allowFrom'));
    const { findings } = lineupFindings(chart);
    expect(findings.map((f) => [f.rule, f.constructPath, f.field, f.origin])).toEqual([
      ['api-validation', 'test/web/from-cidr-10.0.0.0-33/Resource', 'spec.ingress[0].from[0].ipBlock.cidr', { file: 'test/constructs/allow-from.test.ts', line: line + 1, column: lines[line]!.indexOf('svc.allowFrom') + 5 }],
    ]);
  });
});

describe('the README\'s allowFrom example', () => {
  test('the policy the README shows is what the example writes', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### NetworkPolicy from the Service: `allowFrom`'));
    const shown = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    // The example's chart, as the README's code builds it (that code runs in test/readme).
    const kplus = PLUS_VERSIONS[0]![1];
    const chart = new Chart(new App(), 'shop', { namespace: 'shop', disableResourceNameHashes: true });
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'web', securityContext: NO_ROOT_CHECK, ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'metrics' }] }] });
    const frontend = new kplus.Deployment(chart, 'frontend', { metadata: { name: 'frontend', namespace: 'edge' }, containers: [{ image: 'frontend', securityContext: NO_ROOT_CHECK }] });
    const svc = new ClusterIPService(chart, 'web-svc', { metadata: { name: 'web' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9100, targetPort: 'metrics' }] });
    svc.allowFrom(frontend, { ports: ['http'] });
    expect(YAML.parse(shown)).toEqual(policies(chart)[0]);
  });
});
