/**
 * One `app.synth()` renders every object once for the check and reuses that rendering for the
 * manifest; the engine runs once per synth. Between two syntheses the tree may change, and the
 * second synth must see it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { ClusterIPService } from '../../lib/constructs';
import * as engine from '../../lib/engine';

function deployment(chart: Chart, name: string): ApiObject {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'example/web', ports: [{ name: 'http', containerPort: 8080 }] }] } },
    },
  });
}

function scratchApp(): { app: App; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-session-'));
  return { app: new App({ outdir: dir }), dir };
}

describe('synth session', () => {
  let dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
    dirs = [];
    jest.restoreAllMocks();
  });

  test('the manifest is what the objects render to, and the objects render normally afterwards', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    deployment(a, 'web');
    const svc = new ClusterIPService(b, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    app.synth();
    const written = [...Yaml.load(path.join(dir, 'a.k8s.yaml')), ...Yaml.load(path.join(dir, 'b.k8s.yaml'))];
    const objects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    expect(written).toEqual(objects.map((o) => o.toJson()));
    // No shortcut is left on the objects once the synth is over.
    expect(objects.some((o) => Object.prototype.hasOwnProperty.call(o, 'toJson'))).toBe(false);
    expect(svc.node.path).toBe('b/svc');
  });

  test('the engine runs once per synth, for any number of charts', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    for (const id of ['a', 'b', 'c']) {
      const chart = new Chart(app, id);
      deployment(chart, `web-${id}`);
      new ClusterIPService(chart, 'svc', { metadata: { name: `web-${id}` }, selector: { app: `web-${id}` }, ports: [{ port: 80, targetPort: 'http' }] });
    }
    const spy = jest.spyOn(engine, 'checkObjects');
    app.synth();
    expect(spy).toHaveBeenCalledTimes(1);
    app.synthYaml();
    expect(spy).toHaveBeenCalledTimes(2);
  });

  test('a change made between two syntheses is seen by the second', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const chart = new Chart(app, 'c');
    const web = deployment(chart, 'web');
    new ClusterIPService(chart, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(() => app.synth()).not.toThrow();
    web.addJsonPatch(JsonPatch.replace('/spec/template/metadata/labels/app', 'other'));
    expect(() => app.synth()).toThrow(/service-selects-no-pods/);
    // ...and outside a synth, too (Testing.synth renders the chart on its own).
    expect(() => Testing.synth(chart)).toThrow(/service-selects-no-pods/);
  });
});
