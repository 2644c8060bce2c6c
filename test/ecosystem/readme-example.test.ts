/**
 * The README's testing example, verbatim apart from the imports (which name the package there), so
 * the copy-paste snippet is known to pass.
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import '../../lib/testing';
import { stableManifests } from '../../lib/testing';

class ShopChart extends Chart {
  constructor(scope: App, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const web = new kplus.Deployment(this, 'web', {
      metadata: { name: 'web' },
      replicas: 3,
      containers: [{ name: 'web', image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
    });
    web.exposeViaService({ name: 'web', ports: [{ port: 80, targetPort: 8080 }] });
    new kplus.Deployment(this, 'client', {
      metadata: { name: 'client' },
      containers: [{ name: 'client', image: 'curlimages/curl', securityContext: { ensureNonRoot: false } }],
    });
  }
}

// --- README snippet starts here ---
test('the shop lines up', () => {
  const chart = new ShopChart(Testing.app(), 'shop');
  expect(chart).toLineUp();                                     // no finding at or above error
  expect(chart).toRoute('web', { port: 80, targetPort: 8080, toPods: ['web-…'], count: 3 });
  expect(chart).toResolve('web', { from: 'client' });           // the short name, through the pod's search path
  expect(chart).toResolve('web.default.svc.cluster.local', { from: 'client', to: '10.…' });
  expect(chart).toResolve('wbe', { from: 'client', rcode: 'NXDOMAIN' });
  expect(stableManifests(chart)).toMatchSnapshot();             // no temp paths in the snapshot
});
// --- README snippet ends here ---

test('the snapshot above holds the manifests without machine-specific paths', () => {
  const docs = stableManifests(new ShopChart(Testing.app(), 'shop')) as { kind: string; metadata: { name: string } }[];
  expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Deployment/web', 'Service/web', 'Deployment/client']);
});
