/**
 * The model shares objects to stay small: replicas share their label map and containers, a
 * Service's label and selector maps are those of its defaulted copy (which api-validation reads),
 * its Endpoints and EndpointSlices share the resolved port objects, and empty lists (external IPs,
 * load balancer IPs, ipFamilies) are shared constants. That is only sound while nothing downstream
 * modifies the model: here every plain object and list of a built cluster is frozen, and the rules
 * and views must give exactly what they give on an unfrozen build of the same input.
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { fromObjects } from '../../lib/load/objects';
import type { LoadProblem } from '../../lib/load/problems';
import { runRules } from '../../lib/rules/run';
import { serviceEnv } from '../../lib/views/env';
import { resolveFromPod } from '../../lib/views/dns';
import { iptablesSave } from '../../lib/views/kube-proxy';
import { trace } from '../../lib/views/trace';

const labels = { app: 'web', tier: 'front' };
const DOCS = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 3,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }], env: [{ name: 'A', value: '1' }] }] } },
    },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres', ports: [{ name: 'pg', containerPort: 5432 }] }] } } },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { team: 'a' } }, spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 'metrics' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-np' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-typo' }, spec: { selector: { app: 'wbe' }, ports: [{ port: 80, targetPort: 'htp' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ name: 'pg', port: 5432 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'partner' }, spec: { type: 'ExternalName', externalName: 'partner.example.com' } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy' }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'legacy' }, subsets: [{ addresses: [{ ip: '192.168.1.10' }], ports: [{ port: 80 }] }] },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web' },
    spec: { rules: [{ host: 'web.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] },
  },
];

function build(): { cluster: Cluster; problems: LoadProblem[] } {
  const load = fromObjects(DOCS);
  return { cluster: buildCluster(load.objects, defaultSettings()), problems: load.problems };
}

/**
 * Freezes every plain object and list reachable from the model. Left alone: the input objects
 * (`obj`, owned by the loader), the settings, and the class instances themselves (pods, Services,
 * Endpoints, slices: their fields' values are frozen). frozen-model.test.ts freezes everything.
 */
function freezeModel(value: unknown, seen = new Set<unknown>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  const proto: unknown = Object.getPrototypeOf(value);
  const plain = Array.isArray(value) || proto === Object.prototype || proto === null;
  if (value instanceof Map || value instanceof Set) return;
  for (const key of Object.keys(value)) {
    if (key === 'obj' || key === 'settings') continue;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor && 'value' in descriptor) freezeModel(descriptor.value, seen);
  }
  if (plain) Object.freeze(value);
}

/** Everything the views answer for this input, as text. */
function answers(cluster: Cluster): string[] {
  const out: string[] = [];
  for (const node of cluster.nodes) out.push(iptablesSave(cluster, node.name));
  for (const pod of cluster.pods) out.push(JSON.stringify(serviceEnv(cluster, pod)));
  const from = cluster.pods.find((p) => p.name.startsWith('web-'));
  for (const svc of cluster.services) {
    out.push(JSON.stringify(resolveFromPod(cluster, `${svc.name}.${svc.namespace}`, { from, type: 'A' })));
    for (const p of svc.ports) out.push(JSON.stringify(trace(cluster, `${svc.name}.${svc.namespace}:${p.port}`, from ? { pod: from } : { external: true })));
  }
  out.push(JSON.stringify(trace(cluster, 'http://web.example.com/', { external: true })));
  return out;
}

describe('the model is shared, never modified downstream', () => {
  const plain = build();
  const frozen = build();
  freezeModel(frozen.cluster);
  // The controllers' Endpoints and slices are computed on first read (getters the walk above
  // skips): compute them now and freeze them too.
  freezeModel(frozen.cluster.endpoints());
  freezeModel(frozen.cluster.endpointSlices());

  test('shared parts are in place (the freeze covers them)', () => {
    const web = frozen.cluster.service('default', 'web')!;
    const replicas = frozen.cluster.pods.filter((p) => p.name.startsWith('web-'));
    expect(replicas).toHaveLength(3);
    expect(replicas[1].labels).toBe(replicas[0].labels);
    expect(replicas[1].containers).toBe(replicas[0].containers);
    expect(Object.isFrozen(replicas[0].labels) && Object.isFrozen(replicas[0].containers[0].ports)).toBe(true);
    expect(web.labels).toBe((web.defaulted!.metadata as Record<string, unknown>).labels);
    expect(frozen.cluster.slicesOf('default', 'web')[0].ports).toBe(frozen.cluster.endpointsOf('default', 'web')!.subsets[0].ports);
    expect(web.externalIPs).toBe(frozen.cluster.service('default', 'db')!.externalIPs);
    expect(Object.isFrozen(frozen.cluster.endpointsOf('default', 'web')!.subsets[0].ports)).toBe(true);
  });

  test('rules give the same findings on the frozen model', () => {
    const findings = runRules(frozen.cluster, frozen.problems);
    expect(findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(findings)).toBe(JSON.stringify(runRules(plain.cluster, plain.problems)));
  });

  test('views give the same answers on the frozen model', () => {
    expect(answers(frozen.cluster)).toEqual(answers(plain.cluster));
  });

  test('rendered API objects are the same', () => {
    const render = (c: Cluster): unknown => [c.services.map((s) => s.apiObject()), c.endpoints().map((e) => e.apiObject()), c.endpointSlices().map((s) => s.apiObject()), c.pods.map((p) => p.apiObject())];
    expect(JSON.stringify(render(frozen.cluster))).toBe(JSON.stringify(render(plain.cluster)));
  });
});
