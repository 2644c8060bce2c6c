/**
 * Synth-time checking with the real engine: charts that use our constructs fail synth with every
 * error finding at once, formatted `[rule] <construct path> <field>: <message>`.
 */
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import {
  ClusterIPService, ExternalService, NodePortService, configureLineup, formatFinding, lineupFindings,
} from '../../lib/constructs';
import { newChart, reportedFindings, synthError } from './helpers';

function webDeployment(chart: Chart, name = 'web', ports: unknown[] = [{ name: 'http', containerPort: 8080 }]): ApiObject {
  return new ApiObject(chart, name, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: 'example/web', ports }] } },
    },
  });
}

describe('chart validation', () => {
  test('a broken chart fails synth with ALL its error findings at once', () => {
    const chart = newChart('broken');
    const web = webDeployment(chart);
    new ClusterIPService(chart, 'typo', { metadata: { name: 'web' }, selector: { app: 'wbe' }, ports: [{ port: 80, targetPort: 8080 }] });
    new ClusterIPService(chart, 'named', { metadata: { name: 'api' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'metrics' }] });
    new NodePortService(chart, 'np', { metadata: { name: 'np' }, selector: web, ports: [{ port: 80, targetPort: 'http', nodePort: 99999 }] });
    const message = synthError(chart);
    // One block, under the chart's path, that cdk8s prints after its own first line.
    expect(message.split('\n').slice(0, 2)).toEqual(['Validation failed with the following errors:', '  [broken] lineup: 3 findings at or above error']);
    const found = reportedFindings(message);
    expect(found.map((f) => [f.severity, f.rule, f.at])).toEqual([
      ['error', 'service-target-port-unresolved', 'broken/named/Resource'],
      ['error', 'node-port-out-of-range', 'broken/np/Resource'],
      ['error', 'service-selects-no-pods', 'broken/typo/Resource'],
    ]);
    expect(found[2].detail).toBe('spec.selector: Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?');
    expect(found[0].detail).toMatch(/^spec\.ports\[0\]\.targetPort: .*"metrics"/);
    expect(found[1].detail).toMatch(/^spec\.ports\[0\]\.nodePort: .*Invalid value: 99999/);
    // Each finding once.
    expect(message.split('service-selects-no-pods')).toHaveLength(2);
  });

  test('the findings behind the messages carry rule, severity, field and construct path', () => {
    const chart = newChart('broken');
    webDeployment(chart);
    new ClusterIPService(chart, 'typo', { metadata: { name: 'web' }, selector: { app: 'wbe' }, ports: [{ port: 80 }] });
    const { findings, renderErrors } = lineupFindings(chart);
    expect(renderErrors).toEqual([]);
    expect(findings.map((f) => [f.rule, f.severity, f.field, f.constructPath])).toEqual([
      ['service-selects-no-pods', 'error', 'spec.selector', 'broken/typo/Resource'],
    ]);
    // With the line of this test that created the construct (recorded when it was created).
    expect(findings[0].origin).toEqual({ file: 'test/constructs/validation.test.ts', line: 50, column: 5 });
    expect(formatFinding(findings[0])).toBe(`error service-selects-no-pods: Service default/web (broken/typo/Resource at test/constructs/validation.test.ts:50:5) spec.selector\n    Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?`);
    expect(formatFinding({ ...findings[0], origin: { file: 'main.ts', line: 12, column: 5 } }).split('\n')[0]).toBe('error service-selects-no-pods: Service default/web (broken/typo/Resource at main.ts:12:5) spec.selector');
  });

  test('one validation per chart, however many constructs: no message is repeated', () => {
    const chart = newChart('twice');
    for (const id of ['a', 'b', 'c']) new ClusterIPService(chart, id, { metadata: { name: id }, selector: { app: 'ghost' }, ports: [{ port: 80 }] });
    const errors = chart.node.validate();
    expect(errors).toHaveLength(1);
    expect(reportedFindings(errors[0]).map((f) => f.at)).toEqual(['twice/a/Resource', 'twice/b/Resource', 'twice/c/Resource']);
  });

  test('a chart that lines up synthesizes', () => {
    const chart = newChart('good');
    const web = webDeployment(chart);
    new ClusterIPService(chart, 'svc', { metadata: { name: 'web' }, selector: web, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    expect(lineupFindings(chart).findings).toEqual([]);
    expect(Testing.synth(chart).map((o) => o.kind)).toEqual(['Deployment', 'Service']);
  });

  test('warnings do not fail synth unless failOn is warning', () => {
    const chart = newChart('warn');
    const web = webDeployment(chart);
    // numeric targetPort that no container declares: a warning
    new ClusterIPService(chart, 'svc', { metadata: { name: 'web' }, selector: web, ports: [{ port: 80, targetPort: 9999 }] });
    const { findings } = lineupFindings(chart);
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['service-target-port-not-declared', 'warning']]);
    expect(() => Testing.synth(chart)).not.toThrow();
    configureLineup(chart, { failOn: 'warning' });
    expect(reportedFindings(synthError(chart)).map((f) => [f.severity, f.rule, f.at, f.detail.split(':')[0]])).toEqual([
      ['warning', 'service-target-port-not-declared', 'warn/svc/Resource', 'spec.ports[0].targetPort'],
    ]);
  });

  test('cluster settings reach the engine', () => {
    const chart = newChart('wide');
    const web = webDeployment(chart);
    new NodePortService(chart, 'np', { metadata: { name: 'np' }, selector: web, ports: [{ port: 80, targetPort: 'http', nodePort: 35000 }] });
    expect(lineupFindings(chart).findings.map((f) => f.rule)).toEqual(['node-port-out-of-range']);
    configureLineup(chart, { settings: { nodePortRange: '30000-40000' } });
    expect(lineupFindings(chart).findings).toEqual([]);
  });

  test('a Service may select pods declared in another chart of the same App', () => {
    const app = new App();
    const pods = new Chart(app, 'pods');
    webDeployment(pods);
    const services = new Chart(app, 'services');
    new ClusterIPService(services, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(lineupFindings(services).findings).toEqual([]);

    const alone = new Chart(new App(), 'services');
    new ClusterIPService(alone, 'svc', { metadata: { name: 'web' }, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(lineupFindings(alone).findings.map((f) => f.rule)).toEqual(['service-selects-no-pods']);
  });

  test('findings about another chart are reported by that chart only', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new ClusterIPService(a, 'svc', { metadata: { name: 'x' }, selector: { app: 'ghost' }, ports: [{ port: 80 }] });
    new ClusterIPService(b, 'svc', { metadata: { name: 'y' }, selector: { app: 'ghost' }, ports: [{ port: 80 }] });
    expect(lineupFindings(a).findings.map((f) => f.constructPath)).toEqual(['a/svc/Resource']);
    expect(lineupFindings(b).findings.map((f) => f.constructPath)).toEqual(['b/svc/Resource']);
  });

  test('ExternalService lines up (Endpoints and EndpointSlice); hand-written mismatched Endpoints do not', () => {
    const chart = newChart('ext');
    new ExternalService(chart, 'a', { metadata: { name: 'a' }, ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], addresses: ['11.11.11.11'] });
    new ExternalService(chart, 'b', { metadata: { name: 'b' }, ports: [{ name: 'http', port: 80 }], addresses: ['22.22.22.22'], endpointsKind: 'EndpointSlice' });
    expect(lineupFindings(chart).findings).toEqual([]);

    new ClusterIPService(chart, 'c', { metadata: { name: 'c' }, ports: [{ name: 'http', port: 80 }] });
    new ApiObject(chart, 'c-ep', { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'c' }, subsets: [{ addresses: [{ ip: '11.11.11.11' }], ports: [{ name: 'web', port: 80 }] }] });
    expect(lineupFindings(chart).findings.map((f) => [f.rule, f.constructPath])).toEqual([['endpoints-port-mismatch', 'ext/c-ep']]);
  });

  test('a Service with a selector matching nothing and no Endpoints: every problem is listed', () => {
    const chart = newChart('many');
    new ClusterIPService(chart, 'orphan', { metadata: { name: 'orphan' }, ports: [{ port: 80 }] });
    new ClusterIPService(chart, 'ghost', { metadata: { name: 'ghost' }, selector: { app: 'ghost' }, ports: [{ port: 80 }] });
    const rules = lineupFindings(chart).findings.filter((f) => f.severity === 'error').map((f) => [f.rule, f.constructPath]);
    expect(rules).toEqual([['service-selects-no-pods', 'many/ghost/Resource'], ['service-without-endpoints', 'many/orphan/Resource']]);
  });
});
