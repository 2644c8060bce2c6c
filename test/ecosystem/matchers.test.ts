/**
 * The jest helpers of cdk8s-lineup/testing: toLineUp, toRoute, toResolve (pass, fail, and the exact
 * failure text), and the snapshot helpers.
 */
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import '../../lib/testing';
import { createSnapshotSerializer, lineupSnapshotSerializer, stableManifests, stableText, stableValue } from '../../lib/testing';
import { simulate } from '../../lib/simulate';

/** Deployment web (3 × app=web, port http 8080), Services for it, and a client Deployment. */
function shop(opts: { selector?: string; headless?: boolean; hashes?: boolean } = {}): Chart {
  const chart = new Chart(Testing.app(), 'test', { disableResourceNameHashes: !opts.hashes });
  const deployment = (name: string, replicas: number, ports: object[]): ApiObject =>
    new ApiObject(chart, name, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1`, ports }] } } },
    });
  deployment('web', 3, [{ name: 'http', containerPort: 8080 }, { name: 'metrics', containerPort: 9090 }]);
  deployment('client', 1, []);
  new ApiObject(chart, 'service', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { selector: { app: opts.selector ?? 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'metrics', port: 9090, targetPort: 9090 }], ...(opts.headless ? { clusterIP: 'None' } : {}) },
  });
  return chart;
}

/** The assertion's failure message (jest throws it), or undefined when it passed. */
function failure(assertion: () => void): string | undefined {
  try {
    assertion();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

const TYPO = 'Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?';

describe('toLineUp', () => {
  test('passes on a chart that lines up, and .not fails saying so', () => {
    expect(shop()).toLineUp();
    expect(failure(() => expect(shop()).not.toLineUp())).toBe('expect(received).not.toLineUp()\n\nexpected findings at or above error, but there are none (0 findings below it)');
  });

  test('fails with each finding: severity, rule, object, construct path, field, message', () => {
    expect(failure(() => expect(shop({ selector: 'wbe' })).toLineUp())).toBe(
      ['expect(received).toLineUp()', '', '1 finding at or above error:', '', '  error service-selects-no-pods: Service default/web (test/service at test/ecosystem/matchers.test.ts:24:3) spec.selector', `    ${TYPO}`].join('\n'),
    );
    expect(shop({ selector: 'wbe' })).not.toLineUp();
  });

  test('failOn: warning also fails on warnings; settings reach the engine', () => {
    const chart = new Chart(Testing.app(), 'test');
    new ApiObject(chart, 'ep', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'orphan' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] });
    expect(chart).toLineUp();
    const message = failure(() => expect(chart).toLineUp({ failOn: 'warning' }));
    expect(message).toMatch(/^expect\(received\)\.toLineUp\(\{ failOn: "warning" \}\)\n\n1 finding at or above warning:\n\n {2}warning endpoints-without-service: Endpoints default\/orphan \(test\/ep at test\/ecosystem\/matchers\.test\.ts:60:5\)/);
  });
});

describe('toRoute', () => {
  const webPods = simulate(shop()).cluster.workloads.find((w) => w.name === 'web')!.pods.map((p) => p.name).sort();

  test.each([
    ['by port number, named targetPort resolved', { port: 80, targetPort: 8080, count: 3 }],
    ['by port name with a prefix pattern', { port: 'http', targetPort: 8080, toPods: ['web-…'] }],
    ['exact pod names', { port: 80, toPods: webPods }],
    ['a RegExp', { port: 9090, targetPort: 9090, toPods: [/^web-[0-9a-f]+-[0-9a-z]{5}$/] }],
    ['from a pod', { port: 80, targetPort: 8080, count: 3, from: 'client' }],
  ])('passes: %s', (_name, expected) => {
    expect(shop()).toRoute('web', expected);
  });

  test('a headless Service routes to its ready endpoints', () => {
    expect(shop({ headless: true })).toRoute('web', { port: 'http', targetPort: 8080, count: 3 });
  });

  test('fails on the wrong container port, listing where connections go', () => {
    const message = failure(() => expect(shop()).toRoute('web', { port: 80, targetPort: 9090 }))!;
    const lines = message.split('\n');
    expect(lines.slice(0, 3)).toEqual(['expect(received).toRoute("web", { port: 80, targetPort: 9090 })', '', 'Service default/web port http 80/TCP reaches 3 pods:']);
    expect(lines.slice(3, 6)).toEqual(webPods.map((p) => expect.stringMatching(new RegExp(`^  ${p}  10\\.244\\.\\d+\\.\\d+:8080  33\\.3%$`))));
    expect(lines.slice(6)).toEqual(['', `✗ expected every connection on port 9090, but ${webPods.map((p) => `${p} gets 8080`).join(', ')}`]);
  });

  test('fails on count and pod patterns', () => {
    expect(failure(() => expect(shop()).toRoute('web', { port: 80, count: 2, toPods: ['api-…'] }))).toMatch(/\n\n✗ expected 2 pods, got 3\n✗ no pod reached matches "api-…"\n✗ also reaches web-/);
  });

  test('a selector typo: kube-proxy rejects, and the finding says why', () => {
    const message = failure(() => expect(shop({ selector: 'wbe' })).toRoute('web', { port: 80, count: 3 }))!;
    expect(message).toMatch(/^expect\(received\)\.toRoute\("web", \{ port: 80, count: 3 \}\)\n\nkube-proxy on node-1 rejects connections to 10\.\d+\.\d+\.\d+:80: .+\n\nFindings on Service default\/web:\n {2}error service-selects-no-pods: Service default\/web \(test\/service at test\/ecosystem\/matchers\.test\.ts:24:3\) spec\.selector\n {4}/);
    expect(message.endsWith(TYPO)).toBe(true);
    expect(shop({ selector: 'wbe' })).not.toRoute('web', { port: 80 });
  });

  test('unknown Service or port, and a Service with several ports asked without one', () => {
    expect(failure(() => expect(shop()).toRoute('api'))).toBe('expect(received).toRoute("api")\n\nno Service default/api (Services in default: kubernetes, web)');
    expect(failure(() => expect(shop()).toRoute('web', { port: 81 }))).toBe('expect(received).toRoute("web", { port: 81 })\n\nService default/web has no port 81 (ports: http 80/TCP, metrics 9090/TCP)');
    expect(failure(() => expect(shop()).toRoute('web'))).toContain('\n\nService default/web has 2 ports (http 80/TCP, metrics 9090/TCP); say which with { port }');
  });
});

describe('toResolve', () => {
  const ip = simulate(shop()).cluster.service('default', 'web')!.clusterIP;

  test.each([
    ['the short name from a pod', 'web', { from: 'client', to: ip }],
    ['a prefix', 'web', { to: `${ip.split('.').slice(0, 2).join('.')}.…` }],
    ['the FQDN', 'web.default.svc.cluster.local', { to: [ip] }],
    ['SRV of a named port', '_http._tcp.web.default.svc.cluster.local', { type: 'SRV' as const, to: ['0 100 80 web.default.svc.cluster.local.'] }],
    ['NXDOMAIN', 'nope', { rcode: 'NXDOMAIN' as const }],
  ])('passes: %s', (_name, name, expected) => {
    expect(shop()).toResolve(name, expected);
  });

  test('fails with the resolver\'s answer and the names it asked', () => {
    const message = failure(() => expect(shop()).toResolve('web', { from: 'client', to: '10.0.0.1' }))!;
    const client = simulate(shop()).cluster.workloads.find((w) => w.name === 'client')!.pods[0]!.name;
    expect(message).toBe(
      [
        'expect(received).toResolve("web", { from: "client", to: "10.0.0.1" })',
        '',
        'web (A) from pod client: NOERROR, name web.default.svc.cluster.local.',
        `  web.default.svc.cluster.local.  A  ${ip}`,
        'asked: web.default.svc.cluster.local. → NOERROR',
        '',
        '✗ no answer matches "10.0.0.1"',
      ].join('\n'),
    );
    expect(client).toMatch(/^client-/);
    expect(failure(() => expect(shop()).toResolve('wbe'))).toContain('\n\n✗ expected NOERROR, got NXDOMAIN');
  });

  test('an unknown pod cannot ask', () => {
    expect(failure(() => expect(shop()).toResolve('web', { from: 'ghost' }))).toMatch(/^expect\(received\)\.toResolve\("web", \{ from: "ghost" \}\)\n\npod "ghost" not found in namespace default/);
  });
});

describe('snapshot helpers', () => {
  const tmp = os.tmpdir();

  test.each([
    [`${tmp}/cdk8s.outdir.x1Y2z3/test.k8s.yaml`, '<tmp>/test.k8s.yaml'],
    [`error at ${tmp}/lineup-plugin-AbC/dist/app.k8s.yaml:14:5`, 'error at <tmp>/dist/app.k8s.yaml:14:5'],
    [`${process.cwd()}/dist/app.k8s.yaml`, '<cwd>/dist/app.k8s.yaml'],
    [path.join(os.homedir(), '.npm', '_cacache'), '<home>/.npm/_cacache'],
    ['dist/app.k8s.yaml', 'dist/app.k8s.yaml'],
    [`/opt${tmp}/x`, `/opt${tmp}/x`],
  ])('stableText(%j) = %j', (input, output) => {
    expect(stableText(input)).toBe(output);
  });

  test('the outdir Testing.app() leaves is replaced', () => {
    const app = Testing.app();
    expect(app.outdir.startsWith(tmp)).toBe(true);
    expect(stableText(path.join(app.outdir, 'test.k8s.yaml'))).toBe('<tmp>/test.k8s.yaml');
  });

  test('cdk8s name hashes stay unless stripHashes', () => {
    const kept = stableManifests(shop({ hashes: true })) as { metadata: { name: string } }[];
    const names = kept.map((d) => d.metadata.name);
    expect(names).toEqual(['web', 'client', 'web']);
    const hashed = stableValue({ name: 'test-web-deployment-c8a1b2c3', other: 'web-c8a1b2c3x' }, { stripHashes: true });
    expect(hashed).toEqual({ name: 'test-web-deployment-<hash>', other: 'web-c8a1b2c3x' });
  });

  test('the serializer handles only strings it changes, printing them stable', () => {
    const s = createSnapshotSerializer();
    const printer = (v: unknown): string => JSON.stringify(v);
    expect(s.test(`${tmp}/cdk8s.outdir.abc/x.yaml`)).toBe(true);
    expect(s.test('dist/x.yaml')).toBe(false);
    expect(s.test(42)).toBe(false);
    expect(lineupSnapshotSerializer.serialize(`${tmp}/cdk8s.outdir.abc/x.yaml`, {}, '', 0, [], printer)).toBe('"<tmp>/x.yaml"');
  });

  test('registered with expect.addSnapshotSerializer, snapshots never see the temp path', () => {
    expect.addSnapshotSerializer(lineupSnapshotSerializer);
    const file = path.join(Testing.app().outdir, 'test.k8s.yaml');
    expect(lineupSnapshotSerializer.test(file)).toBe(true);
    expect({ file }).toMatchInlineSnapshot(`
{
  "file": "<tmp>/test.k8s.yaml",
}
`);
  });
});
