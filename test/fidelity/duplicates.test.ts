/**
 * The same object declared twice: `kubectl apply` creates it from the first document and the
 * second replaces its content (the later declaration wins; `kubectl create` would refuse the second
 * with AlreadyExists). The simulation keeps the later one, and duplicate-object says so.
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { loadText } from '../../lib/load/load';
import { check, docs, lineOf } from '../rules/helpers';

const first = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: old\n  ports:\n  - port: 80';
const second = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 8080\n    targetPort: 80';
const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    ports:\n    - containerPort: 80';

describe('duplicate objects: the later declaration is simulated', () => {
  const text = docs(pod, first, second);
  const cluster = buildCluster(loadText(text, 'test.yaml').objects, defaultSettings());

  test('the Service has the later selector and ports, and selects the pod', () => {
    const svc = cluster.service('default', 'web')!;
    expect([svc.selector, svc.ports.map((p) => [p.port, p.targetPort]), svc.selectedPods.map((p) => p.name)]).toEqual([{ app: 'web' }, [[8080, 80]], ['web']]);
    expect(svc.obj!.source.line).toBe(lineOf(text, 'kind: Service', 2) - 1);
  });

  test('duplicate-object is the only finding, on the later one, and says which one is simulated', () => {
    const findings = check(text);
    expect(findings.map((f) => [f.rule, f.source?.line])).toEqual([['duplicate-object', lineOf(text, 'name: web', 4)]]);
    expect(findings[0].message).toContain(`Service default/web is declared twice (first at test.yaml:${lineOf(text, 'apiVersion: v1', 2)}); the later declaration replaces the earlier one when applied, and lineup simulates the later one`);
  });

  test('Deployments of the legacy and current API groups are the same resource', () => {
    const dep = (apiVersion: string, replicas: number) => `apiVersion: ${apiVersion}\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}`;
    const c = buildCluster(loadText(docs(dep('extensions/v1beta1', 1), dep('apps/v1', 3)), 'test.yaml').objects, defaultSettings());
    expect(c.workloads.filter((w) => w.namespace === 'default').map((w) => [w.obj.apiVersion, w.pods.length])).toEqual([['apps/v1', 3]]);
  });
});
