/** Input is anyone's YAML: no rule may throw on wrongly typed fields (the runner would report "could not run rule"). */
import fc from 'fast-check';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { runRules } from '../../lib/rules/run';

const crashes = (docs: unknown[]) => {
  const { objects, problems } = fromObjects(docs);
  return runRules(buildCluster(objects, defaultSettings()), problems).filter((f) => f.message.startsWith('lineup could not run rule'));
};

const odd = [null, 7, 'x', true, [], [1, 'a'], {}, { a: 1 }];

describe('malformed objects', () => {
  test.each(odd.map((v) => [JSON.stringify(v), v]))('every field set to %s', (_n, v) => {
    const docs = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations: v }, spec: { selector: v, ports: v, type: 'NodePort', externalTrafficPolicy: 'Local' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 't' }, spec: { ports: [v, { port: v, targetPort: v, name: v }] } },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 't' }, subsets: v },
      { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 's' }, subsets: [v, { addresses: v, ports: [v, { name: v, port: v }] }] },
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'e', labels: v }, ports: v, endpoints: v },
      { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'f', labels: { 'kubernetes.io/service-name': 't' } }, ports: [v], endpoints: [v] },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', annotations: v }, spec: { tls: v, rules: v, defaultBackend: v } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'j' }, spec: { tls: [v, { secretName: v, hosts: v }], rules: [v, { host: v, http: { paths: [v, { path: v, pathType: v, backend: v }] } }] } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'w' }, spec: { serviceName: v, selector: v, template: v } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { metadata: { labels: v }, spec: { enableServiceLinks: v, containers: [v, { name: 'c', env: v, args: v, command: v, ports: v }] } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: v }, spec: { containers: [{ name: 'c', env: [v, { name: v, value: v }, { name: 'X', value: '$(A_SERVICE_HOST)' }], args: [v] }] } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { jobTemplate: v } },
    ];
    expect(crashes(docs)).toEqual([]);
  });

  test('random JSON in every spec never crashes a rule', () => {
    const kinds: [string, string][] = [
      ['v1', 'Service'], ['v1', 'Endpoints'], ['v1', 'Pod'], ['apps/v1', 'Deployment'], ['apps/v1', 'StatefulSet'],
      ['discovery.k8s.io/v1', 'EndpointSlice'], ['networking.k8s.io/v1', 'Ingress'], ['batch/v1', 'CronJob'],
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.jsonValue(), fc.jsonValue()), { maxLength: 6 }), (items) => {
        const docs = items.map(([[apiVersion, kind], spec, extra], i) => ({ apiVersion, kind, metadata: { name: `o${i % 3}`, labels: { app: 'a' } }, spec, subsets: extra, ports: extra, endpoints: extra }));
        expect(crashes(docs)).toEqual([]);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
