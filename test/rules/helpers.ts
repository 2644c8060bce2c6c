/** Shared set-up for rule tests: YAML text → loaded objects → simulated cluster → findings. */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import type { Finding } from '../../lib/findings';
import { loadText } from '../../lib/load/load';
import type { LoadResult } from '../../lib/load/types';
import { runRules } from '../../lib/rules/run';
import YAML from 'yaml';

export function clusterOf(yaml: string): { cluster: Cluster; loadFindings: Finding[]; load: LoadResult } {
  const load = loadText(yaml, 'test.yaml');
  return { cluster: buildCluster(load.objects, defaultSettings()), loadFindings: load.findings, load };
}

/** Findings of the given rules only (all rules when none are named). */
export function check(yaml: string, ...only: string[]): Finding[] {
  const { cluster, loadFindings, load } = clusterOf(yaml);
  return runRules(cluster, loadFindings, only.length > 0 ? { only, input: load } : { input: load });
}

/** The comparable part of a finding for table-driven expectations. */
export interface Expected {
  rule: string;
  severity: string;
  field?: string;
  line: number;
  /** Substrings the message must contain. */
  message: string[];
}

export function expectFindings(actual: Finding[], expected: Expected[]): void {
  expect(actual.map((f) => [f.rule, f.severity, f.field, f.source?.line])).toEqual(expected.map((e) => [e.rule, e.severity, e.field, e.line]));
  expected.forEach((e, i) => {
    for (const part of e.message) expect(actual[i].message).toContain(part);
  });
}

/** Joins YAML documents. */
export function docs(...parts: string[]): string {
  return parts.map((p) => p.replace(/^\n/, '').replace(/\n$/, '')).join('\n---\n') + '\n';
}

/** 1-based line of the n-th (1-based) line of `text` that contains `needle`; throws when absent so a wrong fixture fails loudly. */
export function lineOf(text: string, needle: string, n = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === n) return i + 1;
  }
  throw new Error(`"${needle}" (occurrence ${n}) not in fixture`);
}

/** Objects → one multi-document YAML text (block style, as people write it). */
export function yamlOf(...objects: object[]): string {
  return objects.map((o) => YAML.stringify(o).replace(/\n$/, '')).join('\n---\n') + '\n';
}

export interface PortSpec {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A Deployment (or another workload kind) whose pod template carries `labels` and one container with `ports`. */
export function workload(kind: string, name: string, labels: Record<string, string>, opts: { namespace?: string; replicas?: number; ports?: PortSpec[]; serviceName?: string; apiVersion?: string } = {}): object {
  const spec: Record<string, unknown> = {};
  if (opts.serviceName !== undefined) spec.serviceName = opts.serviceName;
  if (opts.replicas !== undefined) spec.replicas = opts.replicas;
  // ReplicationControllers have a plain map selector; the apps and batch kinds a LabelSelector.
  spec.selector = kind === 'ReplicationController' ? labels : { matchLabels: labels };
  spec.template = { metadata: { labels }, spec: { containers: [{ name, image: 'nginx', ...(opts.ports ? { ports: opts.ports } : {}) }] } };
  return { apiVersion: opts.apiVersion ?? 'apps/v1', kind, metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}) }, spec };
}

export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export function service(name: string, selector: Record<string, string> | undefined, ports: ServicePortSpec[], opts: { namespace?: string; spec?: Record<string, unknown>; annotations?: Record<string, string> } = {}): object {
  const metadata: Record<string, unknown> = { name };
  if (opts.namespace) metadata.namespace = opts.namespace;
  if (opts.annotations) metadata.annotations = opts.annotations;
  return { apiVersion: 'v1', kind: 'Service', metadata, spec: { ...(opts.spec ?? {}), ...(selector ? { selector } : {}), ports } };
}

export function pod(name: string, labels: Record<string, string>, ports: PortSpec[], opts: { namespace?: string; env?: { name: string; value: string }[]; status?: object; nodeName?: string } = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}), labels },
    spec: { ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), containers: [{ name, image: 'nginx', ports, ...(opts.env ? { env: opts.env } : {}) }] },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

/** An Endpoints object with one subset: `ips` (two addresses by default) on `ports`. */
export function endpoints(name: string, ports: { name?: string; port: number; protocol?: string }[], opts: { namespace?: string; ips?: string[] } = {}): object {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
    subsets: [{ addresses: (opts.ips ?? ['11.11.11.11', '22.22.22.22']).map((ip) => ({ ip })), ports }],
  };
}

/** An EndpointSlice with one endpoint, labelled for `serviceName` (unlabelled when undefined). */
export function slice(name: string, serviceName: string | undefined, ports: { name?: string; port: number }[] | undefined): object {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, ...(serviceName !== undefined ? { labels: { 'kubernetes.io/service-name': serviceName } } : {}) },
    addressType: 'IPv4',
    ...(ports ? { ports } : {}),
    endpoints: [{ addresses: ['11.11.11.11'] }],
  };
}

/** An Ingress backend naming a Service port by number or by name. */
export function backend(name: string, port: number | string): object {
  return { service: { name, port: typeof port === 'number' ? { number: port } : { name: port } } };
}

/** A networking.k8s.io/v1 Ingress with the given spec. */
export function ingress(name: string, spec: Record<string, unknown>, opts: { namespace?: string; annotations?: Record<string, string> } = {}): object {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}), ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec,
  };
}

/** One Ingress rule: `host` (any host when undefined), one path to a Service port. */
export function route(host: string | undefined, path: string, svc: string, port: number | string, pathType = 'Prefix'): object {
  return { ...(host ? { host } : {}), http: { paths: [{ path, pathType, backend: backend(svc, port) }] } };
}
