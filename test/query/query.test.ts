/**
 * The query layer: the questions resolve the names a person gives (pods, workloads, nodes,
 * Services, ports) the same way for every entry point, answer with data, and refuse names the
 * cluster does not hold with a QueryError that says what is there.
 */
import { QueryError } from '../../lib/errors';
import * as lineup from '../../lib';
import { simulate } from '../../lib/simulate';
import { queryDescribe } from '../../lib/query/describe';
import { queryDns } from '../../lib/query/dns';
import { queryEnv } from '../../lib/query/env';
import { getKind, queryGet } from '../../lib/query/get';
import { queryIptablesSave } from '../../lib/query/iptables-save';
import { queryReach } from '../../lib/query/reach';
import { queryRoute } from '../../lib/query/route';
import { resolvePod } from '../../lib/query/targets';
import { queryTrace } from '../../lib/query/trace';

const APP = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: app
          image: nginx
          ports: [{ name: http, containerPort: 8080 }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ port: 8080 }]
`;

function thrown(f: () => unknown): { name: string; message: string; hint?: string } {
  try {
    f();
  } catch (e) {
    const err = e as QueryError;
    return { name: err.name, message: err.message, hint: err.hint };
  }
  throw new Error('did not throw');
}

const sim = simulate(APP);
const cluster = sim.cluster;

describe('names in a question', () => {
  it('a workload name stands for its first pod; namespace/name and the default namespace both work', () => {
    const pod = resolvePod(cluster, 'shop/web', 'default');
    expect(pod.namespace).toBe('shop');
    expect(pod.name).toMatch(/^web-[0-9a-z]+-[0-9a-z]{5}$/);
    expect(resolvePod(cluster, 'web', 'shop')).toBe(pod);
    expect(resolvePod(cluster, pod.name, 'shop')).toBe(pod);
  });

  it.each([
    ['shop/', 'POD "shop/" is not a pod name', 'give name or namespace/name'],
    ['web', 'pod "web" not found in namespace default', 'pods there: none (a workload name or namespace/name works too)'],
  ])('refuses %s with what is wrong and how to ask', (ref, message, hint) => {
    expect(thrown(() => resolvePod(cluster, ref, 'default'))).toEqual({ name: 'QueryError', message, hint });
  });

  it('simulate() throws the package\'s QueryError, so callers can tell a wrong name from a failure', () => {
    expect(lineup.QueryError).toBe(QueryError);
    expect(() => sim.dns('web', { from: 'shop/nobody' })).toThrow(lineup.QueryError);
    expect(() => sim.iptablesSave('node-9')).toThrow(lineup.QueryError);
  });

  it('an unknown node lists the nodes there are', () => {
    expect(thrown(() => queryIptablesSave(cluster, { node: 'node-9' }))).toEqual({ name: 'QueryError', message: 'node "node-9" not found', hint: 'nodes: node-1, node-2, node-3 (set them with --cluster FILE)' });
  });
});

describe('the questions', () => {
  it('get: sorted by namespace and name, only the namespace asked, the kind by any of kubectl\'s names', () => {
    expect(getKind('svc')).toBe('services');
    expect(thrown(() => getKind('deploy')).message).toBe('unknown resource type "deploy"');
    const answer = queryGet(cluster, 'services', { namespace: 'shop' });
    expect(answer).toMatchObject({ kind: 'services', namespace: 'shop' });
    expect(answer.items.map((i) => `${i.namespace}/${i.name}`)).toEqual(['shop/api', 'shop/web']);
    expect(queryGet(cluster, 'services').items.map((i) => `${i.namespace}/${i.name}`)).toEqual(['default/kubernetes', 'kube-system/kube-dns', 'shop/api', 'shop/web']);
  });

  it('describe: only Services; an unknown one lists those in the namespace', () => {
    expect(thrown(() => queryDescribe(cluster, { kind: 'pod', name: 'web', namespace: 'shop' })).message).toBe('cannot describe "pod"');
    expect(thrown(() => queryDescribe(cluster, { kind: 'svc', name: 'wbe', namespace: 'shop' }))).toEqual({ name: 'QueryError', message: 'service "wbe" not found in namespace shop', hint: 'services there: api, web (use -n NAMESPACE for another namespace)' });
    const answer = queryDescribe(cluster, { kind: 'service', name: 'web', namespace: 'shop' });
    expect(answer.service.name).toBe('web');
    expect(answer.slices.map((s) => s.endpoints.length)).toEqual([2]);
    // kubectl 1.31 reads EndpointSlices, not the Endpoints object.
    expect(answer.legacyEndpoints).toBeUndefined();
  });

  it('describe on a cluster older than 1.21 hands over the Endpoints object (kubectl read it then)', () => {
    const old = simulate(APP, { settings: { kubernetesVersion: '1.20' } }).cluster;
    expect(queryDescribe(old, { kind: 'svc', name: 'web', namespace: 'shop' }).legacyEndpoints?.name).toBe('web');
  });

  it('dns: the asking pod and its resolv.conf come with the answer', () => {
    const answer = queryDns(cluster, { name: 'web', from: 'shop/web' });
    expect(answer.result.rcode).toBe('NOERROR');
    expect(answer.result.name).toBe('web.shop.svc.cluster.local.');
    expect(answer.from?.namespace).toBe('shop');
    expect(answer.resolvConf).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    // Without a pod, a ClusterFirst pod in default asks: the short name is not found.
    expect(queryDns(cluster, { name: 'web' })).toEqual({ result: expect.objectContaining({ rcode: 'NXDOMAIN' }) });
  });

  it('env: an unknown container is refused, in the CLI and in simulate() alike', () => {
    const expected = { name: 'QueryError', message: expect.stringMatching(/^container "sidecar" not found in pod shop\/web-/), hint: 'containers: app' };
    expect(thrown(() => queryEnv(cluster, { pod: 'web', container: 'sidecar', namespace: 'shop' }))).toEqual(expected);
    expect(thrown(() => simulate(APP, { namespace: 'shop' }).env('web', 'sidecar'))).toEqual(expected);
    expect(queryEnv(cluster, { pod: 'shop/web' }).variables.map((v) => v.name)).toContain('WEB_SERVICE_HOST');
  });

  it('trace: an unknown Gateway is refused before anything is traced; an unparsable target is undefined', () => {
    expect(thrown(() => queryTrace(cluster, { target: 'http://x/', from: { external: true }, via: { namespace: 'shop', name: 'gw' } }))).toEqual({ name: 'QueryError', message: 'no Gateway shop/gw', hint: 'Gateways in the input: none' });
    expect(queryTrace(cluster, { target: 'quic://web:80', from: { node: 'node-1' } })).toBeUndefined();
    expect(queryTrace(cluster, { target: 'web.shop:80', from: { pod: 'web' }, namespace: 'shop' })?.outcome).toBe('delivered');
  });

  it('reach: --to by name and port, refused when the port is not there', () => {
    const m = queryReach(cluster, { to: 'shop/web:http' });
    expect(m.columns).toEqual(['shop/web:80/TCP']);
    expect(thrown(() => queryReach(cluster, { to: 'web:81', namespace: 'shop' }))).toEqual({ name: 'QueryError', message: 'service shop/web has no port "81"', hint: 'its ports: http (80)' });
  });

  it('route: where a Service port sends connections, or why it sends them nowhere', () => {
    const web = queryRoute(sim, 'shop/web', { port: 'http' });
    expect(web.problem).toBeUndefined();
    expect(web.destinations.map((d) => [d.port, d.probability])).toEqual([
      [8080, 0.5],
      [8080, 0.5],
    ]);
    expect(queryRoute(sim, 'shop/api').problem).toMatch(/^kube-proxy on node-1 rejects connections to 10\.\d+\.\d+\.\d+:8080: /);
    expect(queryRoute(sim, 'web', { from: 'nobody' }, 'shop')).toMatchObject({ problem: 'no pod nobody', destinations: [] });
  });
});
