/**
 * fast-check arbitraries for realistic small clusters (as YAML objects) and for hostile mutations of
 * them. Shared by the property tests and the `npm run fuzz` campaign.
 */
import fc from 'fast-check';

/** The value type an arbitrary generates. */
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const dnsLabel = fc.constantFrom('web', 'api', 'db', 'kubia', 'httpd', 'nginx', 'cache', 'wbe', 'a', 'b-2');
const portName = fc.constantFrom('http', 'https', 'metrics', 'grpc', 'dns', 'htpp', 'web');
const protocol = fc.constantFrom('TCP', 'UDP', 'TCP', 'TCP');
const namespace = fc.constantFrom('default', 'default', 'shop', 'team-a');
const portNumber = fc.oneof(fc.constantFrom(80, 443, 8080, 8443, 9090, 53), fc.integer({ min: 1, max: 65535 }));

export const containerPort = fc.record({ name: portName, containerPort: portNumber, protocol });

export const workload = fc.record({
  kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'ReplicaSet'),
  name: dnsLabel,
  namespace,
  app: dnsLabel,
  replicas: fc.integer({ min: 0, max: 4 }),
  ports: fc.array(containerPort, { maxLength: 3 }),
  ready: fc.boolean(),
});

export const servicePort = fc.record({
  name: portName,
  port: portNumber,
  targetPort: fc.oneof(portNumber, portName),
  protocol,
  nodePort: fc.option(fc.integer({ min: 29990, max: 30010 }), { nil: undefined }),
});

export const service = fc.record({
  name: dnsLabel,
  namespace,
  type: fc.constantFrom('ClusterIP', 'ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Headless'),
  app: fc.option(dnsLabel, { nil: undefined }),
  ports: fc.array(servicePort, { minLength: 0, maxLength: 3 }),
  externalTrafficPolicy: fc.constantFrom(undefined, 'Cluster', 'Local'),
  sessionAffinity: fc.constantFrom(undefined, 'None', 'ClientIP'),
  publishNotReadyAddresses: fc.boolean(),
});

export const endpoints = fc.record({
  name: dnsLabel,
  namespace,
  ips: fc.array(fc.constantFrom('10.1.2.3', '11.11.11.11', '22.22.22.22', '127.0.0.1', 'not-an-ip'), { maxLength: 3 }),
  ports: fc.array(fc.record({ name: portName, port: portNumber }), { maxLength: 2 }),
});

export const ingress = fc.record({
  name: dnsLabel,
  namespace,
  host: fc.constantFrom('', 'foo.example.com', '*.example.com', 'bar.example.com'),
  path: fc.constantFrom('/', '/api', '/foo/', ''),
  pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific'),
  service: dnsLabel,
  port: fc.oneof(portNumber, portName),
});

function podTemplate(w: { app: string; ports: unknown[] }): Record<string, unknown> {
  return { metadata: { labels: { app: w.app } }, spec: { containers: [{ name: 'main', image: 'img', ports: w.ports }] } };
}

export function workloadObject(w: ValueOf<typeof workload>): Record<string, unknown> {
  const meta = { name: w.name, namespace: w.namespace, labels: { app: w.app } };
  if (w.kind === 'Pod') {
    const t = podTemplate(w);
    return { apiVersion: 'v1', kind: 'Pod', metadata: { ...meta, labels: { app: w.app } }, spec: t.spec, ...(w.ready ? {} : { status: { phase: 'Running', podIP: '10.244.9.9', conditions: [{ type: 'Ready', status: 'False' }] } }) };
  }
  const spec: Record<string, unknown> = { selector: { matchLabels: { app: w.app } }, template: podTemplate(w) };
  if (w.kind !== 'DaemonSet') spec.replicas = w.replicas;
  if (w.kind === 'StatefulSet') spec.serviceName = w.name;
  return { apiVersion: 'apps/v1', kind: w.kind, metadata: meta, spec };
}

export function serviceObject(s: ValueOf<typeof service>): Record<string, unknown> {
  const spec: Record<string, unknown> = { ports: s.ports.map((p) => ({ ...p, nodePort: s.type === 'NodePort' || s.type === 'LoadBalancer' ? p.nodePort : undefined })) };
  if (s.type === 'Headless') spec.clusterIP = 'None';
  else spec.type = s.type;
  if (s.type === 'ExternalName') spec.externalName = 'db.example.com';
  if (s.app) spec.selector = { app: s.app };
  if (s.externalTrafficPolicy) spec.externalTrafficPolicy = s.externalTrafficPolicy;
  if (s.sessionAffinity) spec.sessionAffinity = s.sessionAffinity;
  if (s.publishNotReadyAddresses) spec.publishNotReadyAddresses = true;
  return JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec }));
}

export function endpointsObject(e: ValueOf<typeof endpoints>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: e.name, namespace: e.namespace }, subsets: [{ addresses: e.ips.map((ip) => ({ ip })), ports: e.ports }] };
}

export function ingressObject(i: ValueOf<typeof ingress>): Record<string, unknown> {
  const port = typeof i.port === 'number' ? { number: i.port } : { name: i.port };
  const rule: Record<string, unknown> = { http: { paths: [{ path: i.path, pathType: i.pathType, backend: { service: { name: i.service, port } } }] } };
  if (i.host) rule.host = i.host;
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: i.name, namespace: i.namespace }, spec: { rules: [rule] } };
}

/** A realistic small cluster as a list of objects. */
export const clusterObjects = fc
  .record({
    workloads: fc.array(workload, { maxLength: 5 }),
    services: fc.array(service, { maxLength: 5 }),
    endpoints: fc.array(endpoints, { maxLength: 2 }),
    ingresses: fc.array(ingress, { maxLength: 2 }),
  })
  .map((c) => [...c.workloads.map(workloadObject), ...c.services.map(serviceObject), ...c.endpoints.map(endpointsObject), ...c.ingresses.map(ingressObject)]);

/** Values that break type assumptions. */
export const hostileValue = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom(-1, 0, 65536, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, 0.5),
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'None', '*', '-', 'a'.repeat(300), '\u0000', '😀', 'Ünïcode'),
  fc.boolean(),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'a', 'name'), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
);

type Mutation = { path: number[]; op: 'set' | 'delete' | 'rename'; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  path: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 6 }),
  op: fc.constantFrom('set', 'set', 'delete', 'rename'),
  value: hostileValue,
});

/** Applies a mutation at a pseudo-random path (indices pick keys/items modulo their count). */
export function applyMutation(objects: unknown[], m: Mutation): unknown[] {
  const copy = JSON.parse(JSON.stringify(objects)) as unknown[];
  if (copy.length === 0) return [m.value];
  let parent: unknown = copy;
  let key: string | number = m.path[0] % copy.length;
  for (let i = 1; i < m.path.length; i++) {
    const child: unknown = (parent as Record<string | number, unknown>)[key];
    if (child === null || typeof child !== 'object') break;
    const keys: (string | number)[] = Array.isArray(child) ? child.map((_, j) => j) : Object.keys(child as object);
    if (keys.length === 0) break;
    parent = child;
    key = keys[m.path[i] % keys.length];
  }
  const container = parent as Record<string | number, unknown>;
  if (m.op === 'delete') {
    if (Array.isArray(container)) container.splice(key as number, 1);
    else delete container[key];
  } else if (m.op === 'rename' && !Array.isArray(container)) {
    const v = container[key];
    delete container[key];
    Object.defineProperty(container, typeof m.value === 'string' ? m.value : '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
  } else {
    container[key] = m.value;
  }
  return copy;
}
