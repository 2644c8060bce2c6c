/**
 * What admission and the API server's defaulting write into objects at creation.
 *
 * DefaultIngressClass (kubernetes/kubernetes plugin/pkg/admission/network/defaultingressclass,
 * Admit and getDefaultClass): an Ingress created without `spec.ingressClassName` and without the
 * `kubernetes.io/ingress.class` annotation gets the name of the IngressClass annotated
 * `ingressclass.kubernetes.io/is-default-class: "true"` (exactly "true"); with several, the newest
 * by creationTimestamp, equal timestamps broken by the smaller name. `kubectl get ingress` then
 * prints that class.
 *
 * Namespaces (pkg/apis/core/v1/defaults.go, SetDefaults_Namespace): every Namespace gets the label
 * `kubernetes.io/metadata.name: <its name>`, overwriting any value the object gave it.
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { getTable } from '../../lib/cli/printers/get';
import { listObjects, queryGet } from '../../lib/query/get';
import type { Cluster } from '../../lib/cluster/model';

function build(docs: unknown[]): Cluster {
  return buildCluster(fromObjects(docs).objects, defaultSettings());
}

const klass = (name: string, annotation?: string, creationTimestamp?: string) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'IngressClass',
  metadata: { name, ...(annotation !== undefined ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': annotation } } : {}), ...(creationTimestamp ? { creationTimestamp } : {}) },
  spec: { controller: `example.com/${name}` },
});

const ingress = (name: string, extra: { ingressClassName?: string | null; annotation?: string } = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name, ...(extra.annotation !== undefined ? { annotations: { 'kubernetes.io/ingress.class': extra.annotation } } : {}) },
  spec: { ...(extra.ingressClassName !== undefined ? { ingressClassName: extra.ingressClassName } : {}), defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
});

describe('DefaultIngressClass admission', () => {
  test.each<[string, unknown[], unknown, string | undefined, boolean]>([
    ['no IngressClass: nothing to default (and every Ingress is served)', [], {}, undefined, true],
    ['one default class', [klass('nginx', 'true')], {}, 'nginx', true],
    ['a class without the annotation is not a default', [klass('nginx')], {}, undefined, false],
    ['the annotation must be exactly "true"', [klass('nginx', 'True'), klass('traefik', 'yes')], {}, undefined, false],
    ['an ingressClassName already set is kept', [klass('nginx', 'true'), klass('traefik')], { ingressClassName: 'traefik' }, 'traefik', true],
    ['the legacy annotation keeps the default away (the field stays unset)', [klass('nginx', 'true'), klass('traefik')], { annotation: 'traefik' }, undefined, true],
    [
      'several defaults: the newest creationTimestamp wins',
      [klass('a-old', 'true', '2024-01-01T00:00:00Z'), klass('z-new', 'true', '2024-06-01T00:00:00Z')],
      {},
      'z-new',
      true,
    ],
    [
      'several defaults with the same creationTimestamp: the smaller name wins',
      [klass('zeta', 'true', '2024-06-01T00:00:00Z'), klass('alpha', 'true', '2024-06-01T00:00:00Z')],
      {},
      'alpha',
      true,
    ],
    [
      'a class created by this apply is newer than one observed with a timestamp, and later in the input is newer',
      [klass('created-first', 'true'), klass('observed', 'true', '2024-06-01T00:00:00Z'), klass('created-last', 'true')],
      {},
      'created-last',
      true,
    ],
  ])('%s', (_name, classes, extra, expectedClass, served) => {
    const c = build([...(classes as unknown[]), ingress('site', extra as Parameters<typeof ingress>[1])]);
    const site = c.ingresses[0];
    expect([site.ingressClassName, site.served]).toEqual([expectedClass, served]);
  });

  test('get ingress prints the class admission gave it; -o json stores it in spec.ingressClassName', () => {
    const c = build([klass('nginx', 'true'), ingress('site'), ingress('legacy', { annotation: 'nginx' })]);
    expect(getTable(queryGet(c, 'ingresses', { namespace: 'default' })).split('\n').map((l) => l.split(/ +/).slice(0, 2).join(' '))).toEqual(['NAME CLASS', 'legacy <none>', 'site nginx', '']);
    const items = listObjects(c, 'ingresses', { namespace: 'default' }).items as { metadata: { name: string }; spec: Record<string, unknown> }[];
    expect(items.map((i) => [i.metadata.name, i.spec.ingressClassName])).toEqual([
      ['legacy', undefined],
      ['site', 'nginx'],
    ]);
  });
});

describe('namespace labels', () => {
  test.each<[string, unknown[], string, Record<string, string> | undefined]>([
    ['a declared Namespace keeps its labels and gets its name label', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } }], 'shop', { team: 'a', 'kubernetes.io/metadata.name': 'shop' }],
    ['the name label is overwritten with the real name', [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'other' } } }], 'shop', { 'kubernetes.io/metadata.name': 'shop' }],
    ['a namespace used but not declared exists with only its name label', [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'used' }, spec: { ports: [{ port: 80 }] } }], 'used', { 'kubernetes.io/metadata.name': 'used' }],
    ['the built-in namespaces have it too', [], 'kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }],
    ['a namespace nothing uses does not exist', [], 'nowhere', undefined],
  ])('%s', (_name, docs, name, labels) => {
    expect(build(docs).namespace(name)?.labels).toEqual(labels);
  });
});
