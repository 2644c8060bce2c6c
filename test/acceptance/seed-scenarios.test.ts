/**
 * The user's notes, answered offline: every discovery example of the seeds, on the example apps,
 * through simulate() — the same engine and views as the CLI.
 */
import { App } from 'cdk8s';
import { addExampleCharts } from '../../apps/charts';
import { simulate, type Simulation } from '../../lib/simulate';
import type { LineupSettings } from '../../lib/settings';

function examples(settings?: LineupSettings): Simulation {
  const app = new App();
  addExampleCharts(app);
  return simulate(app, { settings });
}

describe('seed scenarios on the example apps', () => {
  const sim = examples();
  const ip = (ns: string, name: string): string => sim.cluster.service(ns, name)!.clusterIP;
  const podOf = (prefix: string): string => sim.cluster.pods.find((p) => p.namespace === 'default' && p.name.startsWith(prefix))!.name;

  test('the example apps line up: no errors or warnings', () => {
    expect(sim.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  test('seed 000/001: the kubia pods get the kubia Service variables, named ports included', () => {
    const env = sim.env(podOf('kubia-'));
    expect(env.KUBIA_SERVICE_HOST).toBe(ip('default', 'kubia'));
    expect(env.KUBIA_SERVICE_PORT).toBe('80');
    expect(env.KUBIA_SERVICE_PORT_HTTP).toBe('80');
    expect(env.KUBIA_SERVICE_PORT_HTTPS).toBe('443');
    expect(env.KUBIA_PORT).toBe(`tcp://${ip('default', 'kubia')}:80`);
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    expect(env.KUBERNETES_SERVICE_PORT_HTTPS).toBe('443');
  });

  test('seed 000/001: curl http://kubia from a kubia pod reaches the 3 pods on their named port 8080, 1/3 each', () => {
    const t = sim.trace('http://kubia/', { pod: podOf('kubia-') });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations).toHaveLength(3);
    for (const d of t.destinations) {
      expect(d.port).toBe(8080);
      expect(d.probability).toBeCloseTo(1 / 3, 12);
      expect(d.pod).toMatch(/^default\/kubia-/);
    }
    const https = sim.trace(`${ip('default', 'kubia')}:443`, { pod: podOf('kubia-') });
    expect(https.destinations.map((d) => d.port)).toEqual([8443, 8443, 8443]);
  });

  test('seed 001: backend-database.default.svc.cluster.local resolves by its FQDN', () => {
    const r = sim.dns('backend-database.default.svc.cluster.local', { from: podOf('kubia-') });
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([{ name: 'backend-database.default.svc.cluster.local.', type: 'A', data: ip('default', 'backend-database') }]);
  });

  test('seed 001: external-service is backed by the manual Endpoints 11.11.11.11 and 22.22.22.22', () => {
    const t = sim.trace('external-service:80', { pod: podOf('kubia-') });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations).toEqual([
      { ip: '11.11.11.11', port: 80, probability: 0.5, verdict: 'allowed' },
      { ip: '22.22.22.22', port: 80, probability: 0.5, verdict: 'allowed' },
    ]);
  });

  test('seed 001: the ExternalName alias is a CNAME to someapi.somecompany.com, traced as external', () => {
    const r = sim.dns('someapi', { from: podOf('kubia-'), type: 'CNAME' });
    expect(r.answers).toEqual([{ name: 'someapi.default.svc.cluster.local.', type: 'CNAME', data: 'someapi.somecompany.com.' }]);
    expect(sim.trace('http://someapi/', { pod: podOf('kubia-') }).outcome).toBe('external');
  });

  test('seed 001: the NodePort 30123 on every node reaches the kubia pods from outside', () => {
    for (const node of sim.cluster.nodes) {
      const t = sim.trace(`${node.ip}:30123`, { external: true });
      expect(t.outcome).toBe('delivered');
      expect(t.destinations.map((d) => d.port)).toEqual([8080, 8080, 8080]);
    }
  });

  test('seed 003: httpd-svc.default:8080 from a pod reaches the 4 httpd pods on port 80, 1/4 each', () => {
    const from = podOf('httpd-');
    const r = sim.dns('httpd-svc.default', { from });
    expect(r.name).toBe('httpd-svc.default.svc.cluster.local.');
    expect(r.answers.map((a) => a.data)).toEqual([ip('default', 'httpd-svc')]);
    const t = sim.trace('http://httpd-svc.default:8080/', { pod: from });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations.map((d) => [d.port, d.probability])).toEqual([
      [80, 0.25],
      [80, 0.25],
      [80, 0.25],
      [80, 0.25],
    ]);
  });

  test('seed 003: the NodePort variant answers on 31688 from outside', () => {
    const node = sim.cluster.nodes[1];
    const t = sim.trace(`${node.ip}:31688`, { external: true });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations).toHaveLength(4);
  });

  test('seed 002/004: nginx-service NodePort 88 → 80 and kubectl expose of nginx', () => {
    const svc = sim.cluster.service('default', 'nginx-service')!;
    expect(svc.ports.map((p) => [p.port, p.targetPort, p.nodePort > 0])).toEqual([[88, 80, true]]);
    const t = sim.trace(`${sim.cluster.nodes[0].ip}:${svc.ports[0].nodePort}`, { external: true });
    expect(t.outcome).toBe('delivered');
    expect(t.destinations.map((d) => d.port)).toEqual([80]);
    expect(sim.trace('http://nginx/', { pod: podOf('kubia-') }).outcome).toBe('delivered');
  });

  test('seed 002: the Ingress routes by host and path, and unknown hosts get a 404', () => {
    const hosts = sim.cluster.ingresses.flatMap((i) => i.rules.map((r) => r.host)).filter((h) => h !== '');
    expect(hosts.length).toBeGreaterThan(0);
    const t = sim.trace(`http://${hosts[0]}/`, { external: true });
    expect(t.outcome).toBe('delivered');
    expect(t.hops.some((h) => h.type === 'ingress')).toBe(true);
  });

  test('the first scenario: externalTrafficPolicy Local drops outside connections on a node without a kubia pod', () => {
    const four = examples({ nodes: [1, 2, 3, 4].map((i) => ({ name: `node-${i}`, ip: `172.18.0.${i + 1}` })) });
    const kubiaNodes = new Set(four.cluster.pods.filter((p) => p.labels.app === 'kubia').map((p) => p.nodeName));
    const empty = four.cluster.nodes.find((n) => !kubiaNodes.has(n.name))!;
    const busy = four.cluster.nodes.find((n) => kubiaNodes.has(n.name))!;
    expect(four.trace(`${empty.ip}:30124`, { external: true }).outcome).toBe('dropped');
    const local = four.trace(`${busy.ip}:30124`, { external: true });
    expect(local.outcome).toBe('delivered');
    expect(local.destinations.every((d) => four.cluster.pod('default', d.pod!.split('/')[1])!.nodeName === busy.name)).toBe(true);
    // ... and check warns about it, naming the node.
    const warning = four.findings.find((f) => f.rule === 'local-traffic-no-local-endpoints' && f.object?.name === 'kubia-local');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain(empty.name);
  });

  test('the same input gives byte-identical answers', () => {
    const again = examples();
    expect(JSON.stringify(again.get('svc'))).toBe(JSON.stringify(sim.get('svc')));
    expect(JSON.stringify(again.get('ep'))).toBe(JSON.stringify(sim.get('ep')));
    expect(again.iptablesSave()).toBe(sim.iptablesSave());
  });
});
