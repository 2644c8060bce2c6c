/**
 * One `app.synth()` renders the App once for the check and runs the engine once, however many
 * charts (cdk8s validates before the synth and again before each chart). Nothing of cdk8s is
 * redefined: the check is a chart validation. Between two syntheses the tree may change, and the
 * second synth must see it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, App, Chart, JsonPatch, Testing, Yaml } from 'cdk8s';
import { ClusterIPService, NodePortService, configureLineup, lineupPluginWillJudge } from '../../lib/constructs';
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
    expect(svc.node.path).toBe('b/svc');
  });

  test('no method of cdk8s is redefined, before, during or after a synth', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const chart = new Chart(app, 'c');
    deployment(chart, 'web');
    new ClusterIPService(chart, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    const own = (): string[] => {
      const objects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
      return [
        ...Object.getOwnPropertyNames(app).filter((k) => ['synth', 'synthYaml', 'toJson'].includes(k)),
        ...objects.flatMap((o) => Object.getOwnPropertyNames(o).filter((k) => k === 'toJson')),
      ];
    };
    const seen: string[][] = [];
    // A validation of our own, registered after lineup's, looks at the tree while cdk8s validates.
    chart.node.addValidation({ validate: () => (seen.push(own()), []) });
    expect(own()).toEqual([]);
    app.synth();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.flat()).toEqual([]);
    expect(own()).toEqual([]);
    expect(app.synth).toBe(App.prototype.synth);
    expect(app.synthYaml).toBe(App.prototype.synthYaml);
  });

  test('a synth that failed, then fixed in the same task, is judged afresh', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const chart = new Chart(app, 'c');
    deployment(chart, 'web');
    new ClusterIPService(chart, 'svc', { metadata: { name: 'web' }, selector: { app: 'wbe' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(() => app.synth()).toThrow(/service-selects-no-pods/);
    deployment(chart, 'wbe');
    expect(() => app.synth()).not.toThrow();
  });

  test("failOn: 'never' prints the block once per synth to stderr and writes the manifests", () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new ClusterIPService(a, 'svc', { metadata: { name: 'x' }, selector: { app: 'ghost' }, ports: [{ port: 80 }] });
    new ClusterIPService(b, 'svc', { metadata: { name: 'y' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    deployment(b, 'web');
    configureLineup(app, { failOn: 'never' });
    const written: string[] = [];
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    app.synth();
    expect(written).toEqual([
      'a: lineup: 1 finding (report only, synth goes on)\n' +
        '    error service-selects-no-pods: Service default/x (a/svc/Resource at test/constructs/synth-session.test.ts:95:5) spec.selector\n' +
        '        Service default/x selects app=ghost, but no pod in namespace default has that label; pods in namespace default carry app=web\n',
    ]);
    expect(fs.existsSync(path.join(dir, 'a.k8s.yaml'))).toBe(true);
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

  test('charts with settings of their own are each judged with theirs, one engine run per settings value', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    // A NodePort Service in each chart, both on node ports outside the default range 30000-32767
    // and inside b's 30000-40000. The engine sees both charts' objects under each settings value.
    const nodePort = (chart: Chart, name: string, port: number): NodePortService =>
      new NodePortService(chart, 'np', { metadata: { name }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: port }] });
    const a = new Chart(app, 'a');
    deployment(a, 'web');
    nodePort(a, 'np-a', 35000);
    const b = new Chart(app, 'b');
    nodePort(b, 'np-b', 35001);
    configureLineup(b, { settings: { nodePortRange: '30000-40000' } });
    const spy = jest.spyOn(engine, 'checkObjects');
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = e instanceof Error ? e.message : String(e);
    }
    expect(spy).toHaveBeenCalledTimes(2);
    expect(message).toMatch(/\[a\] lineup: 1 finding at or above error\n {4}error node-port-out-of-range: Service default\/np-a /);
    expect(message).not.toMatch(/\[b\]/);
  });

  test('settings given to a chart after the App was rendered and judged are judged too', () => {
    const { app, dir } = scratchApp();
    dirs.push(dir);
    const a = new Chart(app, 'a');
    deployment(a, 'web');
    new ClusterIPService(a, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    const b = new Chart(app, 'b');
    new NodePortService(b, 'np', { metadata: { name: 'np-b' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http', nodePort: 35001 }] });
    // Both charts start with the default settings (node ports 30000-32767), under which 35001 is an
    // error. A validation of a's, which cdk8s runs after a's lineup check (the engine has then run
    // for every settings value the App was rendered with) and before b's, widens b's range: b must
    // be judged with the new settings, so the App is rendered and checked again for them.
    let widened = false;
    a.node.addValidation({
      validate: () => {
        if (!widened) configureLineup(b, { settings: { nodePortRange: '30000-40000' } });
        widened = true;
        return [];
      },
    });
    const spy = jest.spyOn(engine, 'checkObjects');
    expect(() => app.synth()).not.toThrow();
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

describe('configureLineup', () => {
  test('a failOn outside error, warning, never is refused where it is written', () => {
    const chart = new Chart(new App(), 'c');
    expect(() => configureLineup(chart, { failOn: 'info' as never })).toThrow("configureLineup: failOn must be 'error', 'warning' or 'never' (got \"info\")");
  });

  test('bad settings are refused with one line naming the field path', () => {
    const chart = new Chart(new App(), 'c');
    expect(() => configureLineup(chart, { settings: { nodePortRange: '30000', nodes: [{ name: 'n1', ip: 'nope' }] } })).toThrow(
      'configureLineup: settings: nodePortRange: "30000" is not a port range; expected "<min>-<max>" with 1 <= min <= max <= 65535, e.g. 30000-32767 (and 1 more: nodes[0].ip: "nope" is not an IP address; expected a form like 172.18.0.2)',
    );
  });
});

describe('lineupPluginWillJudge', () => {
  const dirsHere: string[] = [];
  afterAll(() => {
    for (const d of dirsHere) fs.rmSync(d, { recursive: true, force: true });
  });
  function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-judge-'));
    dirsHere.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const WITH_PLUGIN = 'app: node main.js\nvalidations:\n  - package: cdk8s-lineup\n    version: 0.1.0\n    class: LineupValidation\n';
  const OTHER_PLUGIN = 'app: node main.js\nvalidations:\n  - package: ./other\n    version: 1.0.0\n    class: Other\n';

  test.each([
    ['cdk8s synth with the lineup plugin', { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }, { 'cdk8s.yaml': WITH_PLUGIN }, true],
    ['the plugin listed in a validations file', { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }, { 'cdk8s.yaml': 'app: x\nvalidations: ./checks.yaml\n', 'checks.yaml': '- package: cdk8s-lineup\n  version: 0.1.0\n  class: LineupValidation\n' }, true],
    ['another plugin only', { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }, { 'cdk8s.yaml': OTHER_PLUGIN }, false],
    ['not run by cdk8s synth with validations (or --no-validate)', {}, { 'cdk8s.yaml': WITH_PLUGIN }, false],
    ['no cdk8s.yaml', { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }, {}, false],
    ['a validations URL (cannot be read offline)', { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' }, { 'cdk8s.yaml': 'app: x\nvalidations: https://example.com/v.yaml\n' }, false],
  ])('%s', (_label, env, files, expected) => {
    expect(lineupPluginWillJudge(env, project(files))).toBe(expected);
  });
});
