/**
 * The type of a field, where the Kubernetes API defines it and lineup knows it: labels and
 * annotations of every object (and of every object template within one), ConfigMap and Secret
 * data, the pod template's containers and volumes wherever a workload holds one, and the fields of
 * the kinds lineup models that a YAML 1.1 reading can change. Everything else is unknown and not
 * judged (custom resources' fields, for one).
 */
import type { PathStep } from '../../k8s/field-path';

export type FieldType = 'string' | 'integer' | 'int-or-string';

/** `*` matches any key, `#` any list index. */
type Pattern = readonly string[];

const CONTAINER: [Pattern, FieldType][] = [
  [['name'], 'string'],
  [['image'], 'string'],
  [['imagePullPolicy'], 'string'],
  [['workingDir'], 'string'],
  [['command', '#'], 'string'],
  [['args', '#'], 'string'],
  [['env', '#', 'name'], 'string'],
  [['env', '#', 'value'], 'string'],
  [['ports', '#', 'name'], 'string'],
  [['ports', '#', 'protocol'], 'string'],
  [['ports', '#', 'containerPort'], 'integer'],
  [['ports', '#', 'hostPort'], 'integer'],
  ...['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe): [Pattern, FieldType][] => [
    [[probe, 'httpGet', 'port'], 'int-or-string'],
    [[probe, 'tcpSocket', 'port'], 'int-or-string'],
    [[probe, 'httpGet', 'path'], 'string'],
  ]),
];

const POD_SPEC: [Pattern, FieldType][] = [
  ...['containers', 'initContainers', 'ephemeralContainers'].flatMap((list) => CONTAINER.map(([p, t]): [Pattern, FieldType] => [[list, '#', ...p], t])),
  [['nodeSelector', '*'], 'string'],
  [['serviceAccountName'], 'string'],
  [['hostname'], 'string'],
  [['subdomain'], 'string'],
  [['nodeName'], 'string'],
  [['volumes', '#', 'name'], 'string'],
  ...['configMap', 'secret', 'projected', 'downwardAPI'].map((source): [Pattern, FieldType] => [['volumes', '#', source, 'defaultMode'], 'integer']),
  ...['configMap', 'secret'].map((source): [Pattern, FieldType] => [['volumes', '#', source, 'items', '#', 'mode'], 'integer']),
];

/** Where each kind keeps its pod template's spec. */
const POD_SPEC_AT: Record<string, Pattern> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const SERVICE_PORT: [Pattern, FieldType][] = [
  [['name'], 'string'],
  [['protocol'], 'string'],
  [['appProtocol'], 'string'],
  [['port'], 'integer'],
  [['nodePort'], 'integer'],
  [['targetPort'], 'int-or-string'],
];

const INGRESS_BACKEND: [Pattern, FieldType][] = [
  [['service', 'name'], 'string'],
  [['service', 'port', 'name'], 'string'],
  [['service', 'port', 'number'], 'integer'],
];

const KIND_FIELDS = new Map<string, [Pattern, FieldType][]>(Object.entries({
  ConfigMap: [
    [['data', '*'], 'string'],
    [['binaryData', '*'], 'string'],
  ],
  Secret: [
    [['data', '*'], 'string'],
    [['stringData', '*'], 'string'],
    [['type'], 'string'],
  ],
  Service: [
    [['spec', 'selector', '*'], 'string'],
    [['spec', 'type'], 'string'],
    [['spec', 'clusterIP'], 'string'],
    [['spec', 'externalName'], 'string'],
    [['spec', 'externalTrafficPolicy'], 'string'],
    [['spec', 'sessionAffinity'], 'string'],
    ...SERVICE_PORT.map(([p, t]): [Pattern, FieldType] => [['spec', 'ports', '#', ...p], t]),
  ],
  ReplicationController: [[['spec', 'selector', '*'], 'string']],
  StatefulSet: [[['spec', 'serviceName'], 'string']],
  Endpoints: [
    [['subsets', '#', 'addresses', '#', 'ip'], 'string'],
    [['subsets', '#', 'ports', '#', 'name'], 'string'],
    [['subsets', '#', 'ports', '#', 'protocol'], 'string'],
    [['subsets', '#', 'ports', '#', 'port'], 'integer'],
  ],
  EndpointSlice: [
    [['addressType'], 'string'],
    [['endpoints', '#', 'addresses', '#'], 'string'],
    [['ports', '#', 'name'], 'string'],
    [['ports', '#', 'protocol'], 'string'],
    [['ports', '#', 'port'], 'integer'],
  ],
  Ingress: [
    [['spec', 'ingressClassName'], 'string'],
    [['spec', 'tls', '#', 'secretName'], 'string'],
    [['spec', 'tls', '#', 'hosts', '#'], 'string'],
    [['spec', 'rules', '#', 'host'], 'string'],
    [['spec', 'rules', '#', 'http', 'paths', '#', 'path'], 'string'],
    [['spec', 'rules', '#', 'http', 'paths', '#', 'pathType'], 'string'],
    ...INGRESS_BACKEND.map(([p, t]): [Pattern, FieldType] => [['spec', 'defaultBackend', ...p], t]),
    ...INGRESS_BACKEND.map(([p, t]): [Pattern, FieldType] => [['spec', 'rules', '#', 'http', 'paths', '#', 'backend', ...p], t]),
  ],
} satisfies Record<string, [Pattern, FieldType][]>));

for (const [kind, at] of Object.entries(POD_SPEC_AT)) {
  const fields = KIND_FIELDS.get(kind) ?? [];
  fields.push(...POD_SPEC.map(([p, t]): [Pattern, FieldType] => [[...at, ...p], t]));
  if (kind !== 'Pod') fields.push([['spec', 'replicas'], 'integer'], [['spec', 'selector', 'matchLabels', '*'], 'string']);
  KIND_FIELDS.set(kind, fields);
}

function matches(pattern: Pattern, path: readonly PathStep[], from: number): boolean {
  if (path.length - from !== pattern.length) return false;
  return pattern.every((p, i) => {
    const step = path[from + i];
    return p === '#' ? typeof step === 'number' : p === '*' ? typeof step === 'string' : p === step;
  });
}

/** The type of the field at `path` of an object of `kind`, or undefined where lineup does not know it. */
export function fieldType(kind: string, path: readonly PathStep[]): FieldType | undefined {
  // Labels and annotations, of the object or of a template within it (`spec.template.metadata`).
  const n = path.length;
  if (n >= 3 && path[n - 3] === 'metadata' && (path[n - 2] === 'labels' || path[n - 2] === 'annotations') && typeof path[n - 1] === 'string') return 'string';
  if (n === 2 && path[0] === 'metadata' && (path[1] === 'name' || path[1] === 'namespace' || path[1] === 'generateName')) return 'string';
  // A Map, not an object: kinds are user input (`__proto__`, `constructor`).
  for (const [pattern, type] of KIND_FIELDS.get(kind) ?? []) if (matches(pattern, path, 0)) return type;
  return undefined;
}
