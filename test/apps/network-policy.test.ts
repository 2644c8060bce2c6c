/**
 * apps/network-policy.ts: a default-deny namespace whose Services admit their clients with
 * allowFrom. The policies it writes, and `trace` and `reach` over its synthesized manifest, give the
 * answers a cluster gives:
 * - a pod selected by any policy with Ingress in policyTypes is isolated for ingress, and then
 *   admits only what some rule of some policy selecting it admits (kubernetes/website
 *   network-policies.md "The two sorts of pod isolation"; the e2e test "should support a
 *   'default-deny-ingress' policy" and "should allow ingress access from namespace on one named
 *   port" in test/e2e/network/netpol/network_policy.go);
 * - a named port is resolved on the destination pod, after kube-proxy's translation to the
 *   targetPort (NetworkPolicyPort in staging/src/k8s.io/api/networking/v1/types.go);
 * - a pod reaches itself, and the node a pod runs on reaches it (network-policies.md introduction).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdk8s';
import { NetworkPolicyChart } from '../../apps/network-policy';
import { lineupFindings } from '../../lib/constructs';
import { simulate } from '../../lib/simulate';
import { lineup } from '../cli/in-process';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('apps/network-policy.ts', () => {
  const chart = new NetworkPolicyChart(new App());
  const sim = simulate(chart);

  test('checks clean: every Service port admits someone, every peer selects pods', () => {
    expect(lineupFindings(chart).findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  test('allowFrom writes one policy per call, on the targetPorts by name', () => {
    const written = Testing.synth(chart).filter((o) => o.kind === 'NetworkPolicy').map((p) => [p.metadata.name, p.spec]);
    // A workload peer is picked by the labels its controller selects by: here the app selects by `app` only.
    const pods = (app: string) => ({ matchLabels: { app } });
    expect(written).toEqual([
      ['default-deny', { podSelector: {}, policyTypes: ['Ingress'] }],
      ['storefront-from-pods-app.kubernetes.io-name-ingress-nginx', {
        podSelector: { matchLabels: { app: 'storefront' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      }],
      ['orders-from-storefront', {
        podSelector: { matchLabels: { app: 'orders' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: pods('storefront') }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      }],
      ['orders-from-namespace-monitoring', {
        podSelector: { matchLabels: { app: 'orders' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 'metrics' }] }],
      }],
      ['postgres-from-orders', {
        podSelector: { matchLabels: { app: 'postgres' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: pods('orders') }], ports: [{ protocol: 'TCP', port: 'postgres' }] }],
      }],
    ]);
  });

  test.each([
    // [from, target, outcome, per destination: port and verdict]
    ['bookshop/storefront', 'http://orders.bookshop/', 'delivered', [[9000, 'allowed'], [9000, 'allowed']]],
    ['bookshop/orders', 'tcp://postgres.bookshop:5432', 'delivered', [[5432, 'allowed']]],
    ['monitoring/prometheus', 'http://orders.bookshop:9100/metrics', 'delivered', [[9100, 'allowed'], [9100, 'allowed']]],
    // Shut on purpose: only the orders API may open the database.
    ['bookshop/storefront', 'tcp://postgres.bookshop:5432', 'denied', [[5432, 'denied']]],
    // Prometheus was admitted on the metrics port only; the storefront on the API port only.
    ['monitoring/prometheus', 'http://orders.bookshop/', 'denied', [[9000, 'denied'], [9000, 'denied']]],
    ['bookshop/storefront', 'http://orders.bookshop:9100/metrics', 'denied', [[9100, 'denied'], [9100, 'denied']]],
  ] as const)('%s → %s: %s', (from, target, outcome, destinations) => {
    const result = sim.trace(target, { pod: from });
    expect([result.outcome, result.destinations.map((d) => [d.port, d.verdict])]).toEqual([outcome, destinations]);
    for (const d of result.destinations.filter((x) => x.verdict === 'denied')) {
      // Every denial is the ingress side: the default-deny and the Service's own policy isolate the pod, neither admits.
      const own = target.includes('postgres') ? 'bookshop/postgres-from-orders' : ['bookshop/orders-from-namespace-monitoring', 'bookshop/orders-from-storefront'];
      expect(d.deniedBy).toEqual({ direction: 'ingress', pod: d.pod, policies: ['bookshop/default-deny', ...[own].flat()].sort() });
    }
  });

  test('from outside, through the ingress controller: the storefront admits its pods', () => {
    const result = sim.trace('http://books.example.org/', { external: true });
    expect([result.outcome, result.destinations.map((d) => [d.port, d.verdict])]).toEqual(['delivered', [[8080, 'allowed'], [8080, 'allowed']]]);
  });
});

describe('reach and trace over the synthesized manifest (as after `npm run synth`), and the README', () => {
  let dir: string;
  let manifest: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-netpol-app-'));
    const app = new App({ outdir: dir });
    new NetworkPolicyChart(app);
    app.synth();
    manifest = path.join(dir, 'network-policy.k8s.yaml');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reach: each client reaches what it was admitted to, nothing else', async () => {
    const r = await lineup(['reach', manifest, '-o', 'json']);
    expect(r.code).toBe(0);
    const matrix = JSON.parse(r.out) as { rows: string[]; columns: string[]; cells: { from: string; to: string; verdict: string }[] };
    expect(matrix.columns).toEqual(['bookshop/orders:80/TCP', 'bookshop/orders:9100/TCP', 'bookshop/postgres:5432/TCP', 'bookshop/storefront:80/TCP']);
    const row = (from: string) => matrix.cells.filter((c) => c.from === from).map((c) => c.verdict);
    // Columns in the order above. A workload reaches its own Service `partial`ly: each pod reaches
    // itself, not its siblings (postgres has one pod, so it reaches all of its Service).
    expect(row('bookshop/Deployment/storefront')).toEqual(['allowed', 'denied', 'denied', 'partial']);
    expect(row('bookshop/Deployment/orders')).toEqual(['partial', 'partial', 'allowed', 'denied']);
    expect(row('bookshop/Deployment/postgres')).toEqual(['denied', 'denied', 'allowed', 'denied']);
    expect(row('monitoring/Deployment/prometheus')).toEqual(['denied', 'allowed', 'denied', 'denied']);
    expect(row('external')).toEqual(['denied', 'denied', 'denied', 'denied']);
    expect(row('ingress/nginx')).toEqual(['denied', 'denied', 'denied', 'allowed']);
  });

  test('the README shows the reach matrix and the blocked trace as lineup prints them', async () => {
    const reach = await lineup(['reach', manifest]);
    expect(README).toContain('$ lineup reach dist/network-policy.k8s.yaml\n' + reach.out);
    const trace = await lineup(['trace', 'tcp://postgres.bookshop:5432', manifest, '--from', 'bookshop/storefront']);
    expect(trace.out.split('\n').slice(-2)).toEqual(['outcome: denied', '']);
    expect(README).toContain('$ lineup trace tcp://postgres.bookshop:5432 dist/network-policy.k8s.yaml --from bookshop/storefront\n' + trace.out);
  });
});
