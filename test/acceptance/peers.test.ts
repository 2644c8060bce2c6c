/**
 * The test set of our survey of peer checkers (kube-linter, kube-score, Polaris,
 * @monokle/validation…): what every other checker misses, lineup reports — the README's comparison
 * table rests on this test.
 */
import { loadText } from '../../lib/load/load';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { runRules } from '../../lib/rules/run';

const deployment = (name: string, labels: Record<string, string>) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      containers:
      - name: web
        image: nginx
        ports: [{name: http, containerPort: 8080}]
`;

const service = (name: string, ns: string, selector: Record<string, string>, port: number, targetPort: string | number, portName?: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: ${JSON.stringify(selector)}
  ports: [{${portName ? `name: ${portName}, ` : ''}port: ${port}, targetPort: ${targetPort}}]
`;

const ingress = (name: string, backend: string, port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: ${name}, namespace: shop}
spec:
  rules:
  - host: ${name}.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: ${backend}, port: ${port}}}}
`;

const external = (svc: string, svcPort: string, endpoints: string, epPort: string) => `apiVersion: v1
kind: Service
metadata: {name: ${svc}, namespace: shop}
spec:
  ports: [{name: ${svcPort}, port: 5432}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: ${endpoints}, namespace: shop}
subsets:
- addresses: [{ip: 10.1.2.3}]
  ports: [{name: ${epPort}, port: 5432}]
`;

function check(docs: string[]) {
  const load = loadText(docs.join('---\n'), 'peers.yaml');
  return runRules(buildCluster(load.objects, defaultSettings()), load.problems);
}

const base = [deployment('web', { app: 'web' }), service('web', 'shop', { app: 'web' }, 80, 'http', 'http')];

describe('the peer survey test set', () => {
  test.each([
    ['C1 selector typo', [service('web-typo', 'shop', { app: 'wbe' }, 80, 'http')], 'service-selects-no-pods', 'web-typo', 'did you mean app=web'],
    ['C2 named targetPort missing', [service('web-https', 'shop', { app: 'web' }, 443, 'https')], 'service-target-port-unresolved', 'web-https', 'http (8080/TCP)'],
    ['C3 Ingress to a missing Service', [ingress('shop', 'web-frontend', '{number: 80}')], 'ingress-backend-missing-service', 'shop', 'web-frontend'],
    ['C4 selector-less Service without its Endpoints', [external('external-db', 'pg', 'external-database', 'pg')], 'service-without-endpoints', 'external-db', 'external-db'],
    ['C4 the orphan Endpoints', [external('external-db', 'pg', 'external-database', 'pg')], 'endpoints-without-service', 'external-database', 'external-database'],
    ['X1 AND selector across two workloads', [deployment('api', { tier: 'backend' }), service('split', 'shop', { app: 'web', tier: 'backend' }, 80, 8080)], 'service-selects-no-pods', 'split', 'app=web'],
    ['X2 Ingress port name not on the Service', [ingress('grpc', 'web', '{name: grpc}')], 'ingress-backend-missing-port', 'grpc', 'grpc'],
    ['X4 numeric targetPort not declared', [service('metrics', 'shop', { app: 'web' }, 9090, 9090)], 'service-target-port-not-declared', 'metrics', '9090'],
    ['X5 Endpoints port names differ from the Service', [external('db', 'pg', 'db', 'postgres')], 'endpoints-port-mismatch', 'db', 'postgres'],
    ['X6 Service in another namespace than its pods', [service('web', 'other', { app: 'web' }, 80, 'http')], 'service-selects-no-pods', 'web', 'shop'],
  ])('%s', (_case, extra, rule, name, hint) => {
    const findings = check([...base, ...(extra as string[])]);
    const hit = findings.find((f) => f.rule === rule && f.object?.name === name);
    expect(hit).toBeDefined();
    expect(hit!.message).toContain(hint as string);
  });

  test('the correct part of the set is clean', () => {
    expect(check(base)).toEqual([]);
  });
});
