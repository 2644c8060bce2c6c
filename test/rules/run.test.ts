import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import type { LoadProblem } from '../../lib/load/problems';
import { ignoredRules } from '../../lib/rules/ignore';
import { runRules } from '../../lib/rules/run';
import { check, clusterOf, docs } from './helpers';

const pod = `
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
    ports:
    - containerPort: 80
`;

/** A Service whose selector matches nothing and whose ignore annotation is `annotation` (none when undefined). */
function typoService(annotation?: string): string {
  return `
apiVersion: v1
kind: Service
metadata:
  name: web
${annotation === undefined ? '' : `  annotations:\n    lineup.dev/ignore: "${annotation}"\n`}spec:
  selector:
    app: wbe
  ports:
  - port: 80
`;
}

describe('lineup.dev/ignore', () => {
  test.each<[string | undefined, string[]]>([
    [undefined, ['service-selects-no-pods']],
    ['service-selects-no-pods', []],
    ['duplicate-object, service-selects-no-pods', []],
    ['  service-selects-no-pods  ,', []],
    ['all', []],
    ['service-selects-multiple-workloads', ['service-selects-no-pods']],
    ['service-selects-no-podsx', ['service-selects-no-pods']],
    ['', ['service-selects-no-pods']],
  ])('annotation %j leaves %j', (annotation, rules) => {
    expect(check(docs(pod, typoService(annotation))).map((f) => f.rule)).toEqual(rules);
  });

  test('parses a comma list with spaces', () => {
    const { cluster } = clusterOf(typoService(' a, b ,,c '));
    const svc = cluster.objects.find((o) => o.kind === 'Service')!;
    expect([...ignoredRules(svc)]).toEqual(['a', 'b', 'c']);
  });

  test('silences only the annotated object', () => {
    const other = typoService('service-selects-no-pods').replace('name: web', 'name: web2');
    expect(check(docs(pod, typoService(), other)).map((f) => `${f.rule} ${f.object?.name}`)).toEqual(['service-selects-no-pods web']);
  });
});

describe('runRules', () => {
  test('turns hits into located findings with an object reference', () => {
    const [f] = check(docs(pod, typoService()));
    expect(f).toEqual({
      rule: 'service-selects-no-pods',
      severity: 'error',
      message: 'Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Pod web)?',
      object: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' },
      field: 'spec.selector',
      source: { file: 'test.yaml', line: 20, column: 5 },
    });
  });

  test('cluster-scoped objects have no namespace in their reference', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
    const [f] = check(docs(ns, ns));
    expect(f.rule).toBe('duplicate-object');
    expect(f.object).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'shop' });
    expect(f.source).toEqual({ file: 'test.yaml', line: 9, column: 9 });
  });

  test('merges load findings and sorts everything by file position', () => {
    const text = docs(typoService(), 'apiVersion: v1\nkind: Service\nmetadata: {}\n', pod);
    expect(check(text).map((f) => [f.rule, f.source?.line])).toEqual([
      ['service-selects-no-pods', 7],
      ['manifest-invalid-object', 13],
    ]);
  });

  test('`only` restricts rules and load findings alike', () => {
    const text = docs(typoService(), 'apiVersion: v1\nkind: Service\nmetadata: {}\n');
    expect(check(text, 'manifest-invalid-object').map((f) => f.rule)).toEqual(['manifest-invalid-object']);
    expect(check(text, 'service-selects-no-pods').map((f) => f.rule)).toEqual(['service-selects-no-pods']);
    expect(check(text, 'node-port-conflict')).toEqual([]);
  });

  test('de-duplicates identical findings', () => {
    const { cluster, loadProblems } = clusterOf(typoService());
    const twice: LoadProblem[] = [...loadProblems, { type: 'syntax', at: { file: 'a', line: 1, column: 1 }, reason: 'x' }];
    twice.push({ ...twice[twice.length - 1] });
    expect(runRules(cluster, twice).filter((f) => f.rule === 'manifest-parse-error')).toHaveLength(1);
  });

  test('carries the construct path of objects from a cdk8s chart', () => {
    const { objects, problems } = fromObjects(
      [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'wbe' }, ports: [{ port: 80 }] } }],
      '<objects>',
      'default',
      ['chart/web/Resource'],
    );
    const [f] = runRules(buildCluster(objects, defaultSettings()), problems);
    expect(f.rule).toBe('service-selects-no-pods');
    expect(f.constructPath).toBe('chart/web/Resource');
    expect(f.source).toEqual({ file: 'chart/web/Resource', line: 1, column: 1 });
  });

  test('is deterministic: the same input gives the same findings', () => {
    const text = docs(pod, typoService(), typoService().replace('name: web', 'name: api'));
    expect(JSON.stringify(check(text))).toBe(JSON.stringify(check(text)));
  });
});
