/**
 * `simulate()`: the CLI's questions, in-process. Input is a cdk8s Chart or App, parsed objects, or
 * YAML/JSON text; the result holds the findings and answers `get`, `dns`, `env`, `trace` and
 * `iptablesSave` exactly as the `lineup` commands do: both ask the query layer (lib/query).
 */
import type { Finding } from './findings';
import type { Cluster } from './cluster/model';
import type { JsonObject } from './k8s/json';
import type { LoadResult } from './load/types';
import type { LineupSettings } from './cluster/settings';
import { loadText } from './load/load';
import { fromObjects } from './load/objects';
import { buildCluster } from './cluster/build';
import { checkCluster, settingsFromValue } from './engine';
import { manifestsOf } from './load/chart';
import type { DnsResult, DnsType } from './views/dns';
import { TARGET_FORMS, type TraceOptions, type TraceResult } from './views/trace';
import { GET_KINDS, listObjects, resolveKind } from './query/get';
import { queryDns } from './query/dns';
import { queryEnv } from './query/env';
import { queryIptablesSave } from './query/iptables-save';
import { queryTrace, type TraceStart } from './query/trace';

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
  /** `lineup env POD -c CONTAINER`: variable → value. A container the pod does not have is an error, as in the CLI. */
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
  return {
    cluster,
    load,
    findings,
    get(kindText, getOpts = {}) {
      const kind = resolveKind(kindText);
      if (!kind) throw new Error(`unknown resource type "${kindText}": use ${GET_KINDS.slice(0, -1).join(', ')} or ${GET_KINDS[GET_KINDS.length - 1]}`);
      return listObjects(cluster, kind, { namespace: getOpts.namespace });
    },
    dns(name, dnsOpts = {}) {
      // Without `from`, a pod in namespace default asks (the documented default), whatever `namespace` is.
      return queryDns(cluster, { name, type: dnsOpts.type ?? 'A', from: dnsOpts.from, namespace }).result;
    },
    env(podRef, container) {
      const { variables } = queryEnv(cluster, { pod: podRef, container, namespace });
      return Object.fromEntries(variables.map((v) => [v.name, v.value]));
    },
    trace(target, from, options = {}) {
      let start: TraceStart;
      if (from.pod) start = { pod: from.pod };
      else if (from.node) start = { node: from.node };
      else if (from.external) start = { external: true, clientIP: from.clientIP };
      else throw new Error('trace(): give from.pod, from.node or from.external');
      const result = queryTrace(cluster, { ...options, target, from: start, namespace });
      if (!result) throw new Error(`trace(): cannot parse target "${target}"; give ${TARGET_FORMS} (grpc:// from outside)`);
      return result;
    },
    iptablesSave(node) {
      return queryIptablesSave(cluster, { node });
    },
  };
}
