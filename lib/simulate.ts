/**
 * `simulate()`: the CLI's questions, in-process. Input is a cdk8s Chart or App, parsed objects, or
 * YAML/JSON text; the result holds the findings and answers `get`, `dns`, `env`, `trace` and
 * `iptablesSave` exactly as the `lineup` commands do (same engine, same views).
 */
import type { Finding } from './findings';
import type { Cluster, SimPod } from './cluster/model';
import type { JsonObject } from './k8s/json';
import type { LoadResult } from './load/types';
import type { LineupSettings } from './cluster/settings';
import { loadText } from './load/load';
import { fromObjects } from './load/objects';
import { buildCluster } from './cluster/build';
import { checkCluster, settingsFromValue } from './engine';
import { manifestsOf } from './load/chart';
import { resolveFromPod, type DnsResult, type DnsType } from './views/dns';
import { serviceEnv, type EnvVar } from './views/env';
import { iptablesSave } from './views/kube-proxy';
import { TARGET_FORMS, trace, type TraceOptions, type TraceResult, type TraceSource } from './views/trace';
import { listObjects, resolveKind } from './cli/printers/get';
import { resolveNode, resolvePod } from './cli/targets';

export interface SimulateOptions {
  /**
   * The simulated cluster (the fields of a `--cluster` file).
   * @default - every field at its default (see `LineupSettings`)
   */
  settings?: LineupSettings;
  /** Namespace of objects that name none (default `default`). */
  namespace?: string;
}

export interface TraceFrom {
  /** `name` or `namespace/name` of a pod (or a workload: its first pod). */
  pod?: string;
  node?: string;
  external?: boolean;
  /** With `external`: the client's address (default 203.0.113.10), as `--client-ip`. */
  clientIP?: string;
}

export interface Simulation {
  readonly cluster: Cluster;
  readonly load: LoadResult;
  readonly findings: Finding[];
  /** `lineup get KIND -o json`: a v1 List of the simulated objects. */
  get(kind: string, opts?: { namespace?: string }): JsonObject;
  /** `lineup dns NAME --from POD --type T`. */
  dns(name: string, opts?: { from?: string; type?: DnsType }): DnsResult;
  /** `lineup env POD -c CONTAINER`: variable → value. */
  env(pod: string, container?: string): Record<string, string>;
  /** `lineup trace TARGET --from … [--via …] [--method …] [--header …]`. */
  trace(target: string, from: TraceFrom, options?: TraceOptions): TraceResult;
  /** `lineup iptables-save --node NODE`. */
  iptablesSave(node?: string): string;
}

function isChartOrApp(input: unknown): boolean {
  return typeof input === 'object' && input !== null && !Array.isArray(input) && (typeof (input as { node?: unknown }).node === 'object' || Array.isArray((input as { charts?: unknown }).charts));
}

function loadInput(input: unknown, namespace: string): LoadResult {
  if (typeof input === 'string') return loadText(input, '<text>', { defaultNamespace: namespace });
  if (Array.isArray(input)) {
    return fromObjects(input, '<objects>', namespace);
  }
  if (isChartOrApp(input)) {
    const { docs, constructPaths, origins } = manifestsOf(input);
    return fromObjects(docs, '<chart>', namespace, constructPaths, origins);
  }
  throw new TypeError('simulate(): input must be a cdk8s Chart or App, an array of objects, or YAML/JSON text');
}

export function simulate(input: unknown, opts: SimulateOptions = {}): Simulation {
  const namespace = opts.namespace ?? 'default';
  const load = loadInput(input, namespace);
  const cluster = buildCluster(load.objects, settingsFromValue(opts.settings, 'simulate() settings'));
  const findings = checkCluster(cluster, load);
  const pod = (ref: string): SimPod => resolvePod(cluster, ref, namespace);
  return {
    cluster,
    load,
    findings,
    get(kindText, getOpts = {}) {
      const kind = resolveKind(kindText);
      if (!kind) throw new Error(`unknown resource type "${kindText}": use services, endpoints, endpointslices, pods, ingresses, networkpolicies, gateways, httproutes or grpcroutes`);
      return listObjects(cluster, kind, { namespace: getOpts.namespace });
    },
    dns(name, dnsOpts = {}) {
      return resolveFromPod(cluster, name, { from: dnsOpts.from ? pod(dnsOpts.from) : undefined, type: dnsOpts.type ?? 'A' });
    },
    env(podRef, container) {
      const vars: EnvVar[] = serviceEnv(cluster, pod(podRef), container);
      return Object.fromEntries(vars.map((v) => [v.name, v.value]));
    },
    trace(target, from, options = {}) {
      let source: TraceSource;
      if (from.pod) source = { pod: pod(from.pod) };
      else if (from.node) source = { node: resolveNode(cluster, from.node) };
      else if (from.external) source = { external: true, clientIP: from.clientIP };
      else throw new Error('trace(): give from.pod, from.node or from.external');
      const result = trace(cluster, target, source, options);
      if (!result) throw new Error(`trace(): cannot parse target "${target}"; give ${TARGET_FORMS} (grpc:// from outside)`);
      return result;
    },
    iptablesSave(node) {
      return iptablesSave(cluster, node === undefined ? undefined : resolveNode(cluster, node));
    },
  };
}
