/** Rules read the model computed once: checking must stay roughly linear in the number of objects. */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { runRules } from '../../lib/rules/run';

function manifests(n: number): object[] {
  const docs: object[] = [];
  for (let i = 0; i < n; i++) {
    // Namespaces grow with the input (20 apps each), as they do in real clusters.
    const ns = `ns-${Math.floor(i / 20)}`;
    const app = `app-${i}`;
    docs.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: ns },
      spec: { replicas: 2, selector: { matchLabels: { app } }, template: { metadata: { labels: { app } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] }] } } },
    });
    // Every fifth Service has a selector typo, so the near-miss machinery runs too.
    const selector = i % 5 === 0 ? { app: `${app}x` } : { app };
    docs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: app, namespace: ns }, spec: { selector, ports: [{ port: 80, targetPort: 'http' }] } });
  }
  return docs;
}

function timeRules(n: number): { ms: number; findings: number } {
  const { objects, problems } = fromObjects(manifests(n));
  const cluster = buildCluster(objects, defaultSettings());
  const start = process.hrtime.bigint();
  const out = runRules(cluster, problems);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, findings: out.length };
}

test('rule time grows linearly with the number of objects', () => {
  timeRules(250); // warm-up
  const small = timeRules(500);
  const large = timeRules(2000);
  expect(small.findings).toBe(100);
  expect(large.findings).toBe(400);
  // 4x the objects may cost at most ~10x the time (linear plus noise), never quadratic (16x).
  expect(large.ms).toBeLessThan(Math.max(10 * small.ms, 500));
});
