/**
 * Rules over generated input: every planted selector typo is one finding, at any size. How the time
 * grows with the input is measured by the bench (`npm run bench`, bench/RESULTS.md), not here.
 */
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

function findingsFor(n: number): number {
  const { objects, problems } = fromObjects(manifests(n));
  return runRules(buildCluster(objects, defaultSettings()), problems).length;
}

test('one finding per planted selector typo, at 500 and 2,000 apps', () => {
  expect(findingsFor(500)).toBe(100);
  expect(findingsFor(2000)).toBe(400);
});
