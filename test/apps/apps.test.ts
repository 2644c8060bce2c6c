/**
 * The example apps (npm start's input): every seed scenario synthesizes to its own file and the
 * whole set checks clean with the engine.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Testing, type Chart } from 'cdk8s';
import { APP_NAMES, addExampleCharts } from '../../apps/charts';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { lineupFindings } from '../../lib/constructs';
import { fromObjects } from '../../lib/load/objects';

function build(): { app: App; charts: Map<string, Chart> } {
  const app = new App();
  const charts = new Map(addExampleCharts(app).map((c) => [c.node.id, c]));
  return { app, charts };
}

function objects(chart: Chart): any[] {
  return Testing.synth(chart);
}

function find(chart: Chart, kind: string, name: string): any {
  const o = objects(chart).find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`${kind} ${name} not in ${chart.node.id}`);
  return o;
}

describe('example apps', () => {
  const { app, charts } = build();
  const chart = (name: string) => charts.get(name)!;

  test('one chart per app, ids = app names (→ dist/<name>.k8s.yaml)', () => {
    expect([...charts.keys()]).toEqual([...APP_NAMES]);
  });

  test.each([...APP_NAMES])('%s checks clean (no findings at all)', (name) => {
    const { findings, renderErrors } = lineupFindings(chart(name));
    expect(renderErrors).toEqual([]);
    expect(findings.map((f) => `${f.rule} ${f.constructPath}: ${f.message}`)).toEqual([]);
  });

  test('the whole App synthesizes (validation included) to one YAML per chart', () => {
    const docs = app.synthYaml();
    expect(docs).toContain('name: kubia');
  });

  test('kubia: RC with named ports 8080/8443, Service ports target the names, ClientIP affinity', () => {
    const rc = find(chart('kubia'), 'ReplicationController', 'kubia');
    expect(rc.spec.replicas).toBe(3);
    expect(rc.spec.template.spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }]);
    const svc = find(chart('kubia'), 'Service', 'kubia');
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'kubia' },
      sessionAffinity: 'ClientIP',
      ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }],
    });
  });

  test('kubia-nodeport and kubia-loadbalancer: 80 → 8080 (node port 30123)', () => {
    expect(find(chart('kubia-nodeport'), 'Service', 'kubia-nodeport').spec).toEqual({
      type: 'NodePort', selector: { app: 'kubia' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30123 }],
    });
    expect(find(chart('kubia-loadbalancer'), 'Service', 'kubia-loadbalancer').spec).toEqual({
      type: 'LoadBalancer', selector: { app: 'kubia' }, ports: [{ port: 80, targetPort: 8080 }],
    });
  });

  test('external-service: selector-less Service + Endpoints 11.11.11.11, 22.22.22.22 port 80', () => {
    expect(find(chart('external-service'), 'Service', 'external-service').spec).toEqual({ type: 'ClusterIP', ports: [{ port: 80 }] });
    expect(find(chart('external-service'), 'Endpoints', 'external-service').subsets).toEqual([
      { addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ port: 80 }] },
    ]);
  });

  test('external-name: alias for someapi.somecompany.com', () => {
    expect(find(chart('external-name'), 'Service', 'someapi').spec).toEqual({ type: 'ExternalName', externalName: 'someapi.somecompany.com', ports: [{ port: 80 }] });
  });

  test('httpd: 4 replicas labelled run=httpd, httpd-svc 8080 → 80', () => {
    const dep = find(chart('httpd'), 'Deployment', 'httpd');
    expect(dep.spec.replicas).toBe(4);
    expect(dep.spec.selector.matchLabels).toEqual({ run: 'httpd' });
    expect(dep.spec.template.metadata.labels.run).toBe('httpd');
    expect(dep.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 80 }]);
    expect(find(chart('httpd'), 'Service', 'httpd-svc').spec).toEqual({ type: 'ClusterIP', selector: { run: 'httpd' }, ports: [{ protocol: 'TCP', port: 8080, targetPort: 80 }] });
  });

  test('httpd-nodeport: httpd-svc NodePort 31688 in its own namespace', () => {
    const svc = find(chart('httpd-nodeport'), 'Service', 'httpd-svc');
    expect(svc.metadata.namespace).toBe('httpd-nodeport');
    expect(svc.spec).toEqual({ type: 'NodePort', selector: { run: 'httpd' }, ports: [{ protocol: 'TCP', port: 8080, targetPort: 80, nodePort: 31688 }] });
    expect(find(chart('httpd-nodeport'), 'Deployment', 'httpd').metadata.namespace).toBe('httpd-nodeport');
  });

  test('nginx-service: NodePort 88 → 80 for app=nginx, plus the exposed `nginx` Service', () => {
    expect(find(chart('nginx-service'), 'Service', 'nginx-service').spec).toEqual({ type: 'NodePort', selector: { app: 'nginx' }, ports: [{ port: 88, targetPort: 80 }] });
    expect(find(chart('nginx-service'), 'Service', 'nginx').spec).toEqual({ type: 'NodePort', selector: { app: 'nginx' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] });
    expect(find(chart('nginx-service'), 'Deployment', 'nginx').spec.selector.matchLabels).toEqual({ app: 'nginx' });
  });

  test('ingress: hosts, Prefix and Exact paths, default backend, TLS, class', () => {
    const ing = find(chart('ingress'), 'Ingress', 'web');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.defaultBackend).toEqual({ service: { name: 'default-http-backend', port: { number: 80 } } });
    expect(ing.spec.tls).toEqual([{ hosts: ['foo.example.com', 'bar.example.com'], secretName: 'example-tls' }]);
    expect(ing.spec.rules).toEqual([
      { host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'foo', port: { name: 'http' } } } }] } },
      {
        host: 'bar.example.com',
        http: {
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: { name: 'bar', port: { name: 'http' } } } },
            { path: '/healthz', pathType: 'Exact', backend: { service: { name: 'bar', port: { number: 8081 } } } },
          ],
        },
      },
    ]);
    expect(find(chart('ingress'), 'Secret', 'example-tls').type).toBe('kubernetes.io/tls');
    expect(find(chart('ingress'), 'IngressClass', 'nginx').spec.controller).toBe('k8s.io/ingress-nginx');
  });

  test('statefulset: serviceName names the headless Service that selects its pods', () => {
    const sts = find(chart('statefulset'), 'StatefulSet', 'web');
    const svc = find(chart('statefulset'), 'Service', sts.spec.serviceName);
    expect(svc.spec).toEqual({ type: 'ClusterIP', clusterIP: 'None', selector: { app: 'web' }, publishNotReadyAddresses: true, ports: [{ name: 'web', port: 80, targetPort: 'web' }] });
    expect(sts.spec.template.metadata.labels).toEqual(svc.spec.selector);
  });

  test('kube-dns: dns 53/UDP and dns-tcp 53/TCP target container ports by name', () => {
    const svc = find(chart('kube-dns'), 'Service', 'kube-dns');
    expect(svc.metadata.namespace).toBe('dns-demo');
    expect(svc.spec.ports).toEqual([
      { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 'metrics' },
    ]);
    const ports = find(chart('kube-dns'), 'Deployment', 'coredns').spec.template.spec.containers[0].ports;
    expect(ports.filter((p: any) => p.containerPort === 53).map((p: any) => `${p.name}/${p.protocol}`)).toEqual(['dns/UDP', 'dns-tcp/TCP']);
  });
});

// `cdk8s synth` as `npm start` runs it: needs the compiled app (npm test builds it first).
const compiled = path.join(__dirname, '..', '..', 'build', 'apps', 'main.js');
(fs.existsSync(compiled) ? describe : describe.skip)('cdk8s synth with cdk8s.yaml', () => {
  test('writes dist/<name>.k8s.yaml for every app', () => {
    const root = path.join(__dirname, '..', '..');
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-apps-'));
    try {
      const cli = path.join(root, 'node_modules', '.bin', 'cdk8s');
      execFileSync(cli, ['synth', '--check-upgrade=false', '--output', out], {
        cwd: root,
        env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
        stdio: 'pipe',
      });
      // construct-metadata.json is cdk8s's own (written because cdk8s.yaml configures validations);
      // cdk8s-lineup.origins links each object to the apps/*.ts line that declared it.
      expect(fs.readdirSync(out).filter((f) => f !== 'construct-metadata.json').sort()).toEqual(['cdk8s-lineup.origins', ...APP_NAMES.map((n) => `${n}.k8s.yaml`)].sort());
      const origins = JSON.parse(fs.readFileSync(path.join(out, 'cdk8s-lineup.origins'), 'utf8')) as { objects: { constructPath: string; origin?: { file: string } }[] };
      const kubia = origins.objects.find((o) => o.constructPath === 'kubia/service/Resource');
      expect(kubia?.origin?.file).toBe(path.relative(out, path.join(root, 'apps', 'kubia.ts')).split(path.sep).join('/'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});

// End to end through the simulated cluster: what the endpoints controller makes of the apps.

describe('example apps in the simulated cluster', () => {
  const { app } = build();
  const apiObjects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
  const { objects } = fromObjects(apiObjects.map((o) => o.toJson()), '<apps>', 'default', apiObjects.map((o) => o.node.path));
  const cluster = buildCluster(objects, defaultSettings());
  const endpoints = (ns: string, name: string) => {
    const ep = cluster.endpoints().find((e) => e.namespace === ns && e.name === name);
    if (!ep) throw new Error(`no Endpoints ${ns}/${name}`);
    return ep;
  };
  const ports = (ns: string, name: string) =>
    endpoints(ns, name).subsets.flatMap((s) => s.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)).sort();
  const addressCount = (ns: string, name: string) => endpoints(ns, name).subsets.reduce((n, s) => Math.max(n, s.addresses.length), 0);

  test.each([
    // named targetPorts resolve to the container ports of that name (seed 000/001)
    ['default', 'kubia', ['http:8080/TCP', 'https:8443/TCP'], 3],
    ['default', 'kubia-nodeport', [':8080/TCP'], 3],
    ['default', 'kubia-loadbalancer', [':8080/TCP'], 3],
    ['default', 'httpd-svc', [':80/TCP'], 4],
    ['httpd-nodeport', 'httpd-svc', [':80/TCP'], 4],
    ['default', 'nginx-service', [':80/TCP'], 1],
    ['default', 'nginx', [':80/TCP'], 1],
    ['default', 'foo', ['http:8080/TCP'], 2],
    ['default', 'bar', ['health:8081/TCP', 'http:8080/TCP'], 2],
    ['default', 'web', ['web:80/TCP'], 2],
    // one port number, two protocols, each matched by name AND protocol (seed 002)
    ['dns-demo', 'kube-dns', ['dns-tcp:53/TCP', 'dns:53/UDP', 'metrics:9153/TCP'], 2],
    // manual Endpoints (the user's first scenario)
    ['default', 'external-service', [':80/TCP'], 2],
  ])('Endpoints %s/%s: ports %j, %d ready addresses', (ns, name, expectedPorts, count) => {
    expect(ports(ns, name)).toEqual(expectedPorts);
    expect(addressCount(ns, name)).toBe(count);
  });

  test('the ExternalName alias has no Endpoints', () => {
    expect(cluster.endpoints().find((e) => e.name === 'someapi')).toBeUndefined();
    expect(cluster.services.find((s) => s.name === 'someapi')?.externalName).toBe('someapi.somecompany.com');
  });
});
