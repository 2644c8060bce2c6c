/** replicas-not-simulated: table-driven cases, each with the exact finding expected. */
import { buildCluster } from '../../cluster/build';
import { defaultSettings } from '../../cluster/settings';
import { loadText } from '../../load/load';
import { runRules } from '../run';
import { docs, lineOf } from '../../../test/rules/helpers';

const deployment = (name: string, replicas: number): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${name}\n  template:\n    metadata:\n      labels:\n        app: ${name}\n    spec:\n      containers:\n      - name: c\n        image: nginx`;

/** The rule's findings with the run's pod limit lowered to `limit` (the code path of the default limit). */
function findings(text: string, limit: number): { rule: string; line?: number; message: string }[] {
  const load = loadText(text, 'test.yaml');
  const cluster = buildCluster(load.objects, defaultSettings(), { maxSimulatedPods: limit });
  return runRules(cluster, load.findings, { only: ['replicas-not-simulated'] }).map((f) => ({ rule: f.rule, line: f.source?.line, message: f.message }));
}

describe('replicas-not-simulated', () => {
  test('every replica within the limit: nothing to report', () => {
    expect(findings(docs(deployment('a', 3), deployment('b', 1005)), 5000)).toEqual([]);
  });

  test('the workload that reaches the limit and every later one are named, with what was simulated', () => {
    const text = docs(deployment('a', 400), deployment('b', 700), deployment('c', 5));
    const got = findings(text, 1000);
    expect(got.map((f) => [f.rule, f.line])).toEqual([
      ['replicas-not-simulated', lineOf(text, 'replicas: 700')],
      ['replicas-not-simulated', lineOf(text, 'replicas: 5')],
    ]);
    expect(got[0].message).toContain('Deployment default/b asks for 700 replicas, but lineup simulated 600 of them');
    expect(got[1].message).toContain('Deployment default/c asks for 5 replicas, but lineup simulated 1 of them');
  });
});
