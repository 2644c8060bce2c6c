/**
 * Real-world manifests, each checked as a user would (`lineup check DIR [--cluster FILE]`), with
 * EXACTLY the findings listed in the case's expected.yaml: every expected finding, and nothing else.
 * The cases are small, license-compatible reductions of public manifests (each file says where it
 * comes from) or faithful minimal reproductions of patterns found in them. A false alarm here is a
 * failing test.
 */
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { checkCluster, openCluster } from '../../lib/engine';

interface ExpectedFinding {
  rule: string;
  severity: string;
  /** `Kind namespace/name`. */
  object: string;
  field?: string;
}

const cases = fs
  .readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, 'manifests')))
  .map((d) => d.name)
  .sort();

describe('real-world corpus', () => {
  test('has its cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(7);
  });

  test.each(cases)('%s: exactly the expected findings', (name) => {
    const dir = path.join(__dirname, name);
    const settings = path.join(dir, 'cluster.yaml');
    const { cluster, load } = openCluster([path.join(dir, 'manifests')], fs.existsSync(settings) ? { clusterFile: settings } : {});
    const expected = (YAML.parse(fs.readFileSync(path.join(dir, 'expected.yaml'), 'utf8')) as { findings: ExpectedFinding[] }).findings;
    const actual = checkCluster(cluster, load).map((f) => {
      const found: ExpectedFinding = { rule: f.rule, severity: f.severity, object: f.object ? `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}` : '' };
      if (f.field !== undefined) found.field = f.field;
      return found;
    });
    expect(actual).toEqual(expected);
    expect(load.objects.length).toBeGreaterThan(0);
  });
});
