/**
 * trace with NetworkPolicies: kube-proxy translates first, so
 * each endpoint is judged on its pod IP and targetPort; the lookup to cluster DNS is judged too;
 * sources outside the pod network are seen as docs/cli.md describes (node address, masquerading
 * Cluster policy, client-preserving Local policy, ingress controller pods).
 */
import { simulate } from '../../lib/simulate';
import { parseTarget } from '../../lib/views/trace';

function deployment(name: string, labels: Record<string, string>, replicas: number, port: number, extra: { namespace?: string; nodeName?: string; portName?: string } = {}): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: extra.namespace ?? 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { ...(extra.nodeName ? { nodeName: extra.nodeName } : {}), containers: [{ name: 'app', image: 'img', ports: [{ name: extra.portName ?? 'http', containerPort: port }] }] } },
    },
  };
}

function service(name: string, selector: Record<string, string>, port: number, targetPort: number | string, extra: Record<string, unknown> = {}): unknown {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { selector, ports: [{ name: 'http', port, targetPort }], ...extra } };
}

function policy(name: string, spec: Record<string, unknown>, namespace = 'default'): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

const app = [deployment('web', { app: 'web' }, 2, 8080), deployment('frontend', { app: 'frontend' }, 1, 3000), service('web', { app: 'web' }, 80, 8080)];

describe('through a Service: each endpoint judged on its pod and targetPort', () => {
  test('no policies: delivered, every destination allowed, deniedProbability 0', () => {
    const t = simulate(app).trace('http://web/', { pod: 'frontend' });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations.map((d) => d.verdict)).toEqual(['allowed', 'allowed']);
    expect(t.deniedProbability).toBe(0);
  });

  test('a policy that allows the Service port (80) instead of the targetPort (8080) denies: policies see the translated port', () => {
    const sim = simulate([...app, policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 80 }] }] })]);
    const t = sim.trace('http://web/', { pod: 'frontend' });
    expect(t.outcome).toBe('denied');
    expect(t.deniedProbability).toBe(1);
    for (const d of t.destinations) {
      expect(d.port).toBe(8080);
      expect(d.verdict).toBe('denied');
      expect(d.deniedBy).toEqual({ direction: 'ingress', pod: d.pod, policies: ['default/web'] });
    }
    const podHop = t.hops.find((h) => h.type === 'pod')!;
    expect(podHop.detail).toContain('denied — NetworkPolicy default/web isolates pod');
    expect(podHop.detail).toContain('an ingress rule that would: {from: [{podSelector: {matchLabels: {app: frontend}}}], ports: [{port: 8080}]}');
  });

  test('allowing the targetPort by name delivers', () => {
    const sim = simulate([...app, policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 'http' }] }] })]);
    expect(sim.trace('http://web/', { pod: 'frontend' }).outcome).toBe('delivered');
  });

  test('endpoints split by policy: partly-denied, kube-proxy probabilities kept, deniedProbability their sum', () => {
    const docs = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-a', labels: { app: 'web', track: 'stable' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }] }] } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-b', labels: { app: 'web', track: 'canary' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: 8080 }] }] } },
      deployment('frontend', { app: 'frontend' }, 1, 3000),
      service('web', { app: 'web' }, 80, 8080),
      policy('canary-locked', { podSelector: { matchLabels: { track: 'canary' } } }),
    ];
    const t = simulate(docs).trace('http://web/', { pod: 'frontend' });
    expect(t.outcome).toBe('partly-denied');
    expect(t.destinations.map((d) => [d.pod, d.probability, d.verdict])).toEqual([
      ['default/web-a', 0.5, 'allowed'],
      ['default/web-b', 0.5, 'denied'],
    ]);
    expect(t.deniedProbability).toBe(0.5);
    expect(t.destinations.reduce((s, d) => s + d.probability, 0)).toBe(1);
  });

  test('the client’s egress side: denied by egress reported on the client', () => {
    const sim = simulate([
      ...app,
      policy('frontend-out', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }),
    ]);
    const t = sim.trace('http://web/', { pod: 'frontend' });
    expect(t.outcome).toBe('denied');
    expect(t.destinations[0].deniedBy).toMatchObject({ direction: 'egress', policies: ['default/frontend-out'] });
    expect(t.destinations[0].deniedBy!.pod).toMatch(/^default\/frontend-/);
  });

  test('udp:// chooses the protocol; a TCP-only allow rule does not admit UDP', () => {
    expect(parseTarget('udp://dns.example:53')).toEqual({ host: 'dns.example', port: 53, path: '/', protocol: 'UDP' });
    expect(parseTarget('sctp://10.0.0.1:9999')?.protocol).toBe('SCTP');
    expect(parseTarget('tcp://web:80')?.protocol).toBe('TCP');
    const docs = [
      deployment('stats', { app: 'stats' }, 1, 8125, { portName: 'statsd' }),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'stats' }, spec: { selector: { app: 'stats' }, ports: [{ name: 'statsd', port: 8125, protocol: 'UDP' }, { name: 'tcp', port: 8125, protocol: 'TCP' }] } },
      deployment('frontend', { app: 'frontend' }, 1, 3000),
      policy('stats', { podSelector: { matchLabels: { app: 'stats' } }, ingress: [{ ports: [{ port: 8125 }] }] }),
    ];
    const sim = simulate(docs);
    expect(sim.trace('tcp://stats:8125', { pod: 'frontend' }).outcome).toBe('delivered');
    const udp = sim.trace('udp://stats:8125', { pod: 'frontend' });
    expect(udp.hops.find((h) => h.type === 'service')!.detail).toContain('8125/UDP');
    expect(udp.outcome).toBe('denied');
  });
});

describe('DNS: the lookup is a connection too (UDP 53 to kube-dns, translated to CoreDNS)', () => {
  test('egress-isolated without a UDP 53 rule: denied at the dns hop', () => {
    const sim = simulate([...app, policy('frontend-out', { podSelector: { matchLabels: { app: 'frontend' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'web' } } }] }] })]);
    const t = sim.trace('http://web/', { pod: 'frontend' });
    expect(t.outcome).toBe('denied');
    expect(t.destinations).toEqual([]);
    expect(t.hops).toHaveLength(1);
    expect(t.hops[0]).toMatchObject({ type: 'dns', verdict: 'denied', deniedBy: { direction: 'egress', policies: ['default/frontend-out'] } });
    expect(t.hops[0].detail).toContain('ports: [{port: 53, protocol: UDP}]');
    // By address there is no lookup: the same policy admits the connection.
    const ip = sim.cluster.service('default', 'web')!.clusterIP;
    expect(sim.trace(`${ip}:80`, { pod: 'frontend' }).outcome).toBe('delivered');
  });

  test('a UDP 53 rule to the CoreDNS pods lets the lookup through', () => {
    const sim = simulate([
      ...app,
      policy('frontend-out', {
        podSelector: { matchLabels: { app: 'frontend' } },
        policyTypes: ['Egress'],
        egress: [
          { to: [{ podSelector: { matchLabels: { app: 'web' } } }] },
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] },
        ],
      }),
    ]);
    expect(sim.trace('http://web/', { pod: 'frontend' }).outcome).toBe('delivered');
  });
});

describe('sources outside the pod network', () => {
  const nodePort = [
    deployment('web', { app: 'web' }, 1, 8080, { nodeName: 'node-2' }),
    service('web', { app: 'web' }, 80, 8080, { type: 'NodePort' }),
  ];
  const onlyFromClients = policy('web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }] });

  test('--from-node: its own node is always allowed, another node only by ipBlock', () => {
    const sim = simulate([...nodePort, policy('deny', { podSelector: {} })]);
    const ip = sim.cluster.service('default', 'web')!.clusterIP;
    expect(sim.trace(`${ip}:80`, { node: 'node-2' }).outcome).toBe('delivered');
    const other = sim.trace(`${ip}:80`, { node: 'node-1' });
    expect(other.outcome).toBe('denied');
    expect(other.destinations[0].deniedBy).toMatchObject({ direction: 'ingress', policies: ['default/deny'] });
  });

  test('externalTrafficPolicy Cluster: the endpoint sees the receiving node; Local: the client address (--client-ip)', () => {
    const np = (sim: ReturnType<typeof simulate>) => sim.cluster.service('default', 'web')!.ports[0].nodePort;
    const cluster = simulate([...nodePort, onlyFromClients]);
    // Arriving on node-1 (not the endpoint's node): masqueraded to 172.18.0.2, outside the ipBlock.
    expect(cluster.trace(`172.18.0.2:${np(cluster)}`, { external: true }).outcome).toBe('denied');
    // Arriving on node-2, where the endpoint runs: the node rule admits it.
    expect(cluster.trace(`172.18.0.3:${np(cluster)}`, { external: true }).outcome).toBe('delivered');
    const local = simulate([...nodePort.slice(0, 1), service('web', { app: 'web' }, 80, 8080, { type: 'NodePort', externalTrafficPolicy: 'Local' }), onlyFromClients]);
    expect(local.trace(`172.18.0.3:${np(local)}`, { external: true }).outcome).toBe('delivered');
    expect(local.trace(`172.18.0.3:${np(local)}`, { external: true, clientIP: '198.51.100.1' }).outcome).toBe('denied');
  });

  const ingress = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
  };

  test('through the ingress controller: its pods (here the stand-in) are the source', () => {
    const denyAll = simulate([...app, ingress, policy('deny', { podSelector: {} })]);
    const t = denyAll.trace('http://shop.example/', { external: true });
    expect(t.hops.find((h) => h.type === 'proxy')!.detail).toContain('stand-in pod ingress-nginx/nginx-ingress-controller');
    expect(t.outcome).toBe('denied');
    const allowController = policy('from-ingress', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ port: 8080 }] }],
    });
    expect(simulate([...app, ingress, policy('deny', { podSelector: {} }), allowController]).trace('http://shop.example/', { external: true }).outcome).toBe('delivered');
  });

  test('the controller’s real pods, when the input has them, and the settings name them', () => {
    const controller = deployment('traefik', { 'app.kubernetes.io/name': 'traefik' }, 1, 8000, { namespace: 'edge' });
    const settings = { ingressControllers: [{ class: 'nginx', namespace: 'edge', podLabels: { 'app.kubernetes.io/name': 'traefik' } }] };
    const sim = simulate([...app, ingress, controller, policy('deny', { podSelector: {} })], { settings });
    const t = sim.trace('http://shop.example/', { external: true });
    expect(t.hops.find((h) => h.type === 'proxy')!.detail).toMatch(/from pod edge\/traefik-/);
    expect(t.destinations[0].deniedBy).toMatchObject({ direction: 'ingress', policies: ['default/deny'] });
  });
});
