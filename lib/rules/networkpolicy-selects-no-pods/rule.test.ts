/** networkpolicy-selects-no-pods: table-driven cases, each with the exact finding expected. */
import { check, type Expected, expectFindings, lineOf, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const policy = (podSelector: object, namespace = 'default') => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace }, spec: { podSelector, policyTypes: ['Ingress'] } });

describe('networkpolicy-selects-no-pods', () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'a label the pods do not carry',
      yamlOf(web, policy({ matchLabels: { app: 'wbe' } })),
      (t) => [{ rule: 'networkpolicy-selects-no-pods', severity: 'warning', field: 'spec.podSelector', line: lineOf(t, 'podSelector:') + 1, message: ['NetworkPolicy default/p selects app=wbe, but no pod in namespace default has those labels'] }],
    ],
    [
      'the right labels in another namespace',
      yamlOf(web, policy({ matchLabels: { app: 'web' } }, 'shop')),
      (t) => [{ rule: 'networkpolicy-selects-no-pods', severity: 'warning', field: 'spec.podSelector', line: lineOf(t, 'podSelector:') + 1, message: ['no pod in namespace shop has those labels (the namespace has no pods)'] }],
    ],
    [
      'an expression nothing satisfies',
      yamlOf(web, policy({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })),
      (t) => [{ rule: 'networkpolicy-selects-no-pods', severity: 'warning', field: 'spec.podSelector', line: lineOf(t, 'podSelector:') + 1, message: ['selects tier, but no pod'] }],
    ],
    ['matching labels', yamlOf(web, policy({ matchLabels: { app: 'web' } })), () => []],
    ['the empty selector (every pod, even none)', yamlOf(policy({}, 'empty')), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, 'networkpolicy-selects-no-pods'), expected(text));
  });
});
