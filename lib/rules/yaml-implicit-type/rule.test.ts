/**
 * yaml-implicit-type: table-driven cases, each with the exact finding expected. What kubectl reads
 * follows go-yaml v2's resolve (kubernetes-sigs/yaml goyaml.v2/resolve.go; see
 * test/load/yaml11.test.ts); that the API server refuses a boolean in a string field is its JSON
 * decoding of the object ("cannot unmarshal bool into Go struct field ... of type string").
 */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';

type Case = [string, string, (text: string) => Expected[]];

const pod = (container: string, volumes = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n${container}${volumes}`;

const cases: Case[] = [
  [
    'ConfigMap data: on',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  FEATURE: on\n',
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'data.FEATURE', line: lineOf(t, 'FEATURE'), message: ['kubectl reads the unquoted on at data.FEATURE as the boolean true', 'cannot unmarshal bool', 'FEATURE: "on"'] }],
  ],
  [
    'ConfigMap data: on, alone on the line below its key',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  FEATURE:\n    on\n',
    // Located at the scalar itself.
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'data.FEATURE', line: lineOf(t, '    on'), message: ['kubectl reads the unquoted on at data.FEATURE as the boolean true'] }],
  ],
  ['ConfigMap data: "on"', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  FEATURE: "on"\n', () => []],
  [
    'a label: yes',
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\n  labels:\n    enabled: yes\n',
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'metadata.labels.enabled', line: lineOf(t, 'enabled'), message: ['the boolean true', 'enabled: "yes"'] }],
  ],
  [
    'an annotation whose key has dots, on a custom resource',
    'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  annotations:\n    example.com/enabled: off\nspec:\n  enabled: off\n',
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'metadata.annotations[example.com/enabled]', line: lineOf(t, 'example.com/enabled'), message: ['the boolean false'] }],
  ],
  [
    'an env value: no',
    pod('    env:\n    - name: DEBUG\n      value: no\n'),
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'spec.containers[0].env[0].value', line: lineOf(t, 'value: no'), message: ['the boolean false', 'value: "no"'] }],
  ],
  [
    'a container port name: n',
    pod('    ports:\n    - name: n\n      containerPort: 80\n'),
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'spec.containers[0].ports[0].name', line: lineOf(t, 'name: n'), message: ['the boolean false'] }],
  ],
  [
    'defaultMode: 0644 in a Deployment',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n      volumes:\n      - name: config\n        configMap:\n          name: web\n          defaultMode: 0644\n',
    (t) => [{ rule: 'yaml-implicit-type', severity: 'warning', field: 'spec.template.spec.volumes[0].configMap.defaultMode', line: lineOf(t, 'defaultMode'), message: ['as the number 420', 'read the number 644', 'the cluster gets 420', '0o644'] }],
  ],
  ['defaultMode: 0o644 and 420', pod('', '  volumes:\n  - name: a\n    configMap:\n      name: a\n      defaultMode: 0o644\n  - name: b\n    secret:\n      secretName: b\n      defaultMode: 420\n'), () => []],
  [
    'args in a flow list: the unquoted one',
    pod('    args: [--verbose, on, "off"]\n'),
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'spec.containers[0].args[1]', line: lineOf(t, 'args'), message: ['the boolean true', '- "on"'] }],
  ],
  [
    'a kind named like an Object property: labels still judged, nothing else',
    'apiVersion: v1\nkind: __proto__\nmetadata:\n  name: x\n  labels:\n    a: on\nspec:\n  replicas: 0644\n',
    (t) => [{ rule: 'yaml-implicit-type', severity: 'error', field: 'metadata.labels.a', line: lineOf(t, 'a: on'), message: ['the boolean true'] }],
  ],
  // Fields lineup does not know the type of are not judged: a custom resource's spec, a boolean field.
  ['a custom resource field and a boolean field', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  enabled: yes\n', () => []],
  ['hostNetwork: yes (a boolean field: kubectl reads true, as meant)', pod('', '  hostNetwork: yes\n'), () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, 'yaml-implicit-type'), expected(text)));
