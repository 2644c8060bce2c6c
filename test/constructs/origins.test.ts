/**
 * Findings about an app's objects lead back to the line of code that created the construct:
 * lineup's constructs record it when created (the stack, mapped to this .ts file by jest), plain
 * cdk8s / cdk8s-plus objects are found where the loaded sources create their id. `cdk8s synth`
 * writes the links next to the manifests, so `lineup check dist/` reports them too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ClusterIPService } from '../../lib/constructs';
import { lineupFindings } from '../../lib/constructs/validation';
import { checkCluster, openCluster } from '../../lib/engine';
import { ORIGINS_FILE } from '../../lib/load/origins-file';
import { simulate } from '../../lib/simulate';

const HERE = 'test/constructs/origins.test.ts';

/** The 1-based line and column of the first `new` on the line holding `marker` in this file. */
function lineOf(marker: string): { file: string; line: number; column: number } {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(marker) && !l.includes('lineOf('));
  if (i < 0) throw new Error(`marker ${marker} not in this file`);
  return { file: HERE, line: i + 1, column: lines[i]!.indexOf('new ') + 1 };
}

function web(chart: Chart): kplus.Deployment {
  return new kplus.Deployment(chart, 'web-deployment', { // origin:web-deployment
    metadata: { name: 'web' },
    select: false,
    podMetadata: { labels: { app: 'web' } },
    containers: [{ image: 'nginx', portNumber: 8080, securityContext: { ensureNonRoot: false } }],
  });
}

describe('where a construct was created', () => {
  test('lineup constructs: the line that created them, also for what they render', () => {
    const chart = new Chart(new App(), 'shop');
    web(chart);
    new ClusterIPService(chart, 'typo', { metadata: { name: 'web' }, selector: { app: 'wbe' }, ports: [{ port: 80, targetPort: 8080 }] }); // origin:typo
    const { findings } = lineupFindings(chart);
    expect(findings.map((f) => [f.rule, f.constructPath, f.origin])).toEqual([['service-selects-no-pods', 'shop/typo/Resource', lineOf('origin:typo')]]);
  });

  test('plain cdk8s-plus and ApiObject constructs: the one place the sources create their id', () => {
    const app = new App();
    const chart = new Chart(app, 'plain');
    web(chart);
    const svc = new kplus.Service(chart, 'plain-service', { metadata: { name: 'plain' }, ports: [{ port: 80, targetPort: 8080 }] }); // origin:plain-service
    svc.selectLabel('app', 'wbe');
    const found = simulate(app).findings.filter((f) => f.rule === 'service-selects-no-pods');
    expect(found.map((f) => [f.constructPath, f.origin])).toEqual([['plain/plain-service/Resource', lineOf('origin:plain-service')]]);
    // A helper function creating the object: its line inside the helper.
    const deployment = simulate(app).load.objects.find((o) => o.kind === 'Deployment')!;
    expect(deployment.source.locateOrigin?.()).toEqual(lineOf('origin:web-deployment'));
  });

  test('an id the sources create in two places, with nothing to tell them apart, gets no origin', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new ApiObject(a, 'twice', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one' } });
    new ApiObject(b, 'twice', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } });
    const objects = simulate(app).load.objects;
    expect(objects.map((o) => [o.source.constructPath, o.source.locateOrigin?.()])).toEqual([
      ['a/twice', undefined],
      ['b/twice', undefined],
    ]);
  });
});

describe('cdk8s synth writes the origins file; lineup check over the output reads it', () => {
  let outdir: string;
  const saved = process.env.CDK8S_OUTDIR;
  beforeEach(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-origins-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK8S_OUTDIR;
    else process.env.CDK8S_OUTDIR = saved;
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  function synthApp(): App {
    const app = new App({ outdir });
    const good = new Chart(app, 'good', { disableResourceNameHashes: true });
    const deployment = web(good);
    new ClusterIPService(good, 'service', { metadata: { name: 'web' }, selector: deployment, ports: [{ port: 80, targetPort: 8080 }] }); // origin:good-service
    // A chart without lineup constructs is not judged at synth; `lineup check` finds its typo.
    const plain = new Chart(app, 'plain', { disableResourceNameHashes: true });
    new kplus.Service(plain, 'typo-service', { metadata: { name: 'typo' }, ports: [{ port: 80, targetPort: 8080 }] }).selectLabel('app', 'wbe'); // origin:typo-service
    app.synth();
    return app;
  }

  test('as the cdk8s CLI runs the app (CDK8S_OUTDIR): the file lists every object, and is no manifest', () => {
    process.env.CDK8S_OUTDIR = outdir;
    synthApp();
    expect(fs.readdirSync(outdir).sort()).toEqual([ORIGINS_FILE, 'good.k8s.yaml', 'plain.k8s.yaml']);
    const doc = JSON.parse(fs.readFileSync(path.join(outdir, ORIGINS_FILE), 'utf8'));
    const rel = (marker: string) => {
      const at = lineOf(marker);
      return { file: path.relative(outdir, path.resolve(at.file)).split(path.sep).join('/'), line: at.line, column: at.column };
    };
    expect(doc).toEqual({
      version: 1,
      objects: [
        { apiVersion: 'v1', kind: 'Service', name: 'web', constructPath: 'good/service/Resource', origin: rel('origin:good-service') },
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', constructPath: 'good/web-deployment/Resource', origin: rel('origin:web-deployment') },
        { apiVersion: 'v1', kind: 'Service', name: 'typo', constructPath: 'plain/typo-service/Resource', origin: rel('origin:typo-service') },
      ],
    });

    const { cluster, load } = openCluster([outdir]);
    expect(load.files.map((f) => path.basename(f))).toEqual(['good.k8s.yaml', 'plain.k8s.yaml']);
    const findings = checkCluster(cluster, load);
    expect(findings.map((f) => [f.rule, f.source?.file, f.constructPath, f.origin])).toEqual([
      ['service-selects-no-pods', `${outdir}/plain.k8s.yaml`, 'plain/typo-service/Resource', lineOf('origin:typo-service')],
    ]);
  });

  test('tests and direct runs (no CDK8S_OUTDIR) write nothing beside the manifests', () => {
    delete process.env.CDK8S_OUTDIR;
    synthApp();
    expect(fs.readdirSync(outdir).sort()).toEqual(['good.k8s.yaml', 'plain.k8s.yaml']);
    const { cluster, load } = openCluster([outdir]);
    const findings = checkCluster(cluster, load);
    expect(findings.map((f) => [f.rule, f.constructPath, f.origin])).toEqual([['service-selects-no-pods', undefined, undefined]]);
  });
});
