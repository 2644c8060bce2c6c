import type { Finding } from '../../lib/findings';
import type { RuleInfo } from '../../lib/report/rule-info';

/** A Service that selects nothing, as lineup reports it (the JSON format of docs/findings.md). */
export const selectsNoPods: Finding = {
  rule: 'service-selects-no-pods',
  severity: 'error',
  message: 'Service default/web selects app=wbe, but no pod in namespace default has that label; did you mean app=web (Deployment web)?',
  object: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' },
  field: 'spec.selector',
  source: { file: 'dist/app.k8s.yaml', line: 14, column: 5 },
};

export const targetPortWarning: Finding = {
  rule: 'service-target-port-not-declared',
  severity: 'warning',
  message: 'Service default/web targetPort 8080 is not declared by any selected container',
  object: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' },
  field: 'spec.ports[0].targetPort',
  source: { file: 'dist/app.k8s.yaml', line: 20, column: 7 },
};

export const parseError: Finding = {
  rule: 'manifest-parse-error',
  severity: 'error',
  message: 'bad indentation of a mapping entry',
  source: { file: 'dist/broken.yaml', line: 3, column: 9 },
};

export const nodeInfo: Finding = {
  rule: 'example-note',
  severity: 'info',
  message: 'a note, with: punctuation',
  object: { apiVersion: 'v1', kind: 'Node', name: 'node-1' },
  source: { file: 'dist/nodes.yaml', line: 1, column: 1 },
};

export const ruleFixtures: RuleInfo[] = [
  { id: 'service-selects-no-pods', severity: 'error', title: 'Service selector matches no pod', explanation: 'The selector must match the labels of at least one pod in the namespace.' },
  { id: 'service-target-port-not-declared', severity: 'warning', title: 'targetPort not declared by a container', explanation: 'No selected container declares the numeric targetPort.' },
  { id: 'example-note', severity: 'info', title: 'A note', explanation: 'Notes say something worth knowing.' },
];

/** selectsNoPods as `lineup check dist/` reports it after `cdk8s synth` wrote the origins file. */
export const selectsNoPodsFromApp: Finding = {
  ...selectsNoPods,
  constructPath: 'shop/web/Resource',
  origin: { file: 'main.ts', line: 12, column: 5 },
};
