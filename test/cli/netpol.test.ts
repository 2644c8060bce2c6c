/**
 * The NetworkPolicy commands end to end: `get networkpolicies|netpol` (kubectl's NAME POD-SELECTOR,
 * printers.go printNetworkPolicy; selector text as metav1.FormatLabelSelector), `reach`, and
 * `trace` with policies, through the same `run(argv, io)` the bin calls.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lineup } from './in-process';
import { formatLabelSelector } from '../../lib/k8s/labels';


const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  replicas: 1
  selector: {matchLabels: {app: frontend}}
  template:
    metadata: {labels: {app: frontend}}
    spec:
      containers: [{name: fe, image: nginx}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-from-frontend, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: web}
    matchExpressions: [{key: tier, operator: NotIn, values: [db, cache]}]
  ingress:
  - from: [{podSelector: {matchLabels: {app: frontend}}}]
    ports: [{port: http}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: rejected, namespace: shop}
spec:
  podSelector: {}
  ingress: [{from: [{}]}]
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-netpol-'));
  fs.writeFileSync(path.join(dir, 'app.yaml'), MANIFEST);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('formatLabelSelector (metav1.FormatLabelSelector, labels.Requirement.String)', () => {
  test.each([
    [{ matchLabels: {}, matchExpressions: [] }, '<none>'],
    [{ matchLabels: { pod: 'a' }, matchExpressions: [] }, 'pod=a'],
    [{ matchLabels: {}, matchExpressions: [{ key: 'pod', operator: 'In', values: ['c', 'b'] }] }, 'pod in (b,c)'],
    [{ matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists', values: [] }, { key: 'c', operator: 'DoesNotExist', values: [] }] }, 'a,b=1,!c'],
  ])('%j → %s', (selector, text) => {
    expect(formatLabelSelector(selector)).toBe(text);
  });
});

describe('get networkpolicies', () => {
  test('netpol: NAME POD-SELECTOR; the policy the API server rejects is not there', async () => {
    const r = await lineup(['get', 'netpol', dir, '-n', 'shop']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(['NAME                POD-SELECTOR', 'default-deny        <none>', 'web-from-frontend   app=web,tier notin (cache,db)', ''].join('\n'));
  });

  test('-o json: the stored objects (protocol and policyTypes defaulted)', async () => {
    const r = await lineup(['get', 'networkpolicies', dir, '-n', 'shop', '-o', 'json']);
    const list = JSON.parse(r.out);
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['default-deny', 'web-from-frontend']);
    expect(list.items[1].spec.ingress[0].ports).toEqual([{ port: 'http', protocol: 'TCP' }]);
    expect(list.items[1].spec.policyTypes).toEqual(['Ingress']);
  });

  test('check reports the rejected one through api-validation, with its field path', async () => {
    const r = await lineup(['check', dir, '-o', 'json']);
    const findings = JSON.parse(r.out).findings.filter((f: { rule: string }) => f.rule === 'api-validation');
    expect(findings.map((f: { field: string; message: string }) => [f.field, f.message])).toEqual([
      ['spec.ingress[0].from[0]', 'The NetworkPolicy "rejected" is invalid: spec.ingress[0].from[0]: Required value: must specify a peer'],
    ]);
  });
});

describe('reach and trace', () => {
  test('reach --to web: only the frontend (and web’s own pods, each to itself) get in', async () => {
    const r = await lineup(['reach', dir, '-n', 'shop', '--to', 'web', '-o', 'json']);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.columns).toEqual(['shop/web:80/TCP']);
    expect(m.cells.filter((c: { from: string }) => c.from.startsWith('shop/')).map((c: { from: string; verdict: string }) => [c.from, c.verdict])).toEqual([
      ['shop/Deployment/frontend', 'allowed'],
      ['shop/Deployment/web', 'partial'],
    ]);
  });

  test('reach --from with an unknown client is a usage error', async () => {
    const r = await lineup(['reach', dir, '--from', 'nobody']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no client "nobody"');
  });

  test('trace -o json: deniedProbability, and each destination’s verdict', async () => {
    const r = await lineup(['trace', 'http://web.shop/', dir, '--from', 'shop/frontend', '-o', 'json']);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['outcome', 'hops', 'destinations', 'deniedProbability']);
    expect([doc.outcome, doc.deniedProbability]).toEqual(['delivered', 0]);
    expect(doc.destinations.map((d: { port: number; verdict: string }) => [d.port, d.verdict])).toEqual([
      [8080, 'allowed'],
      [8080, 'allowed'],
    ]);
  });
});

describe('the README example (docs/examples/shop-netpol.yaml)', () => {
  const example = path.join(__dirname, '..', '..', 'docs', 'examples', 'shop-netpol.yaml');
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  test('the reach matrix the README shows is what reach prints', async () => {
    const r = await lineup(['reach', example]);
    expect(readme).toContain('$ lineup reach docs/examples/shop-netpol.yaml\n' + r.out);
  });

  test('the blocked trace and the finding the README shows', async () => {
    const t = await lineup(['trace', 'http://web/', example, '--from', 'frontend']);
    const lines = t.out.split('\n');
    expect(lines[lines.length - 2]).toBe('outcome: denied');
    expect(readme).toContain(lines[4]);
    const c = await lineup(['check', example]);
    expect(readme).toContain('$ lineup check docs/examples/shop-netpol.yaml\n' + c.out.split(example).join('docs/examples/shop-netpol.yaml'));
  });
});
