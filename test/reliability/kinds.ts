/**
 * One complete, valid object of every modelled kind (cluster/kinds.ts), with most fields set, so that a
 * mutation at "every field" reaches every reader. They line up with each other: the Services
 * select the workloads' pods, the Ingress routes to a Service port by name, and so on.
 */
export const FULL_OBJECTS: Record<string, unknown>[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 'a' } } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9', labels: { 'topology.kubernetes.io/zone': 'z' } }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.9' }] } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' }, annotations: { 'lineup.dev/ignore': 'none' } },
    spec: {
      type: 'LoadBalancer',
      selector: { app: 'web' },
      clusterIP: '10.96.0.50',
      clusterIPs: ['10.96.0.50'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080, appProtocol: 'http' },
        { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' },
      ],
      externalIPs: ['192.0.2.10'],
      externalTrafficPolicy: 'Local',
      internalTrafficPolicy: 'Cluster',
      sessionAffinity: 'ClientIP',
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
      loadBalancerSourceRanges: ['0.0.0.0/0'],
      publishNotReadyAddresses: false,
    },
    status: { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: 'shop' }, spec: { clusterIP: 'None', ports: [{ name: 'pg', port: 5432 }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'shop' }, spec: { type: 'ExternalName', externalName: 'api.example.com' } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'db', namespace: 'shop' }, subsets: [{ addresses: [{ ip: '10.1.2.3', hostname: 'db-0', nodeName: 'node-1' }], notReadyAddresses: [{ ip: '10.1.2.4' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }] },
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'db-extra', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'db' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.1.2.5'], conditions: { ready: true, serving: true, terminating: false }, nodeName: 'node-2', zone: 'z', hostname: 'db-1' }],
    ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-static', namespace: 'shop', labels: { app: 'web' }, uid: 'u-1' },
    spec: {
      nodeName: 'node-1',
      hostname: 'h',
      subdomain: 'db',
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      hostNetwork: false,
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }] },
      initContainers: [{ name: 'side', image: 'i', restartPolicy: 'Always', ports: [{ name: 'metrics', containerPort: 9090 }] }],
      containers: [{ name: 'main', image: 'i', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP', hostPort: 8080 }, { containerPort: 5353, protocol: 'UDP' }], env: [{ name: 'A', value: '$(WEB_SERVICE_HOST)' }, { name: 'B', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }], envFrom: [{ configMapRef: { name: 'c' } }] }],
    },
    status: { phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }], conditions: [{ type: 'Ready', status: 'True' }] },
  },
  workload('apps/v1', 'Deployment', 'web', { replicas: 2, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] } }, { app: 'web', tier: 'fe' }),
  workload('apps/v1', 'ReplicaSet', 'web-rs', { replicas: 1, selector: { matchLabels: { app: 'web-rs' } } }, { app: 'web-rs' }),
  workload('v1', 'ReplicationController', 'legacy', { replicas: 1, selector: { app: 'legacy' } }, { app: 'legacy' }),
  workload('apps/v1', 'StatefulSet', 'db', { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, ordinals: { start: 1 } }, { app: 'db' }),
  workload('apps/v1', 'DaemonSet', 'agent', { selector: { matchLabels: { app: 'agent' } } }, { app: 'agent' }, { nodeSelector: { 'kubernetes.io/os': 'linux' }, tolerations: [{ operator: 'Exists' }] }),
  workload('extensions/v1beta1', 'Deployment', 'old', { replicas: 1 }, { app: 'old' }),
  workload('batch/v1', 'Job', 'once', { parallelism: 2, completions: 3 }, { app: 'once' }),
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick', namespace: 'shop' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { labels: { app: 'tick' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } }, spec: { controller: 'k8s.io/ingress-nginx' } },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'shop', annotations: { 'kubernetes.io/ingress.class': 'nginx' } },
    spec: {
      ingressClassName: 'nginx',
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
      tls: [{ hosts: ['shop.example.com'], secretName: 'tls' }],
      rules: [
        { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }, { path: '/db', pathType: 'Exact', backend: { resource: { apiGroup: 'x', kind: 'Bucket', name: 'b' } } }] } },
        { host: '*.example.com', http: { paths: [{ path: '/x', pathType: 'ImplementationSpecific', backend: { service: { name: 'ext', port: { number: 443 } } } }] } },
      ],
    },
  },
];

function workload(apiVersion: string, kind: string, name: string, spec: Record<string, unknown>, labels: Record<string, string>, podSpec: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: 'shop', labels },
    spec: { ...spec, template: { metadata: { labels, annotations: { a: 'b' } }, spec: { ...podSpec, containers: [{ name: 'main', image: 'i', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: { httpGet: { port: 'http' } } }] } } },
  };
}

export type Path = (string | number)[];

/** Every path to every value (leaves and containers) of a JSON value. */
export function allPaths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...prefix, i], ...allPaths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push([...prefix, k], ...allPaths(v, [...prefix, k]));
  return out;
}

/** A deep copy with the value at `path` replaced (or deleted when `value` is DELETE). */
export const DELETE = Symbol('delete');
export function withValueAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
