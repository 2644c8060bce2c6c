/**
 * A pod's stub resolver: the resolv.conf the kubelet writes (pkg/kubelet/network/dns: getPodDNSType,
 * generateSearchesForDNSClusterFirst, appendDNSConfig) and glibc's search-list walk (res_nsearch),
 * asking the simulated CoreDNS (dns-coredns.ts) for each candidate name.
 */
import type { Cluster, SimPod } from '../cluster/model';
import { arr, at, obj, str } from '../k8s/json';
import { parseIP } from '../k8s/ip';
import { dnsRecords, type DnsAnswer, type DnsRecord, type DnsType, type Rcode } from './dns-coredns';
import { fqdn, inZone, isReverseName, reverseName, zoneOf } from './dns-names';

/** The kubelet's default `options ndots:5` for cluster DNS. */
const DEFAULT_NDOTS = 5;
/** glibc caps ndots at 15 (RES_MAXNDOTS). */
const MAX_NDOTS = 15;

export interface PodResolver {
  /** Namespace of the pod (`default` without one). */
  namespace: string;
  /** dnsPolicy in effect after the kubelet's fallback (`ClusterFirst` on hostNetwork becomes `Default`). */
  policy: 'ClusterFirst' | 'Default' | 'None';
  /** `nameserver` lines; empty when only the node's (unknown) resolv.conf applies. */
  nameservers: string[];
  searches: string[];
  /** `options` entries (`ndots:5`). */
  options: string[];
  ndots: number;
  /** Whether queries reach the cluster DNS Service (its IP is the first nameserver). */
  clusterDns: boolean;
}

export interface DnsAttempt {
  /** Fully-qualified name asked, trailing dot. */
  name: string;
  rcode: Rcode;
  answers: number;
  /** Asked to the cluster DNS (CoreDNS) or to a resolver outside the cluster. */
  server: 'cluster' | 'upstream';
  external?: boolean;
}

export interface DnsResult {
  /** The name as given. */
  query: string;
  type: DnsType;
  rcode: Rcode;
  /** The fully-qualified name that answered (trailing dot); the absolute form of the query when nothing did. */
  name: string;
  answers: { name: string; type: DnsType; data: string }[];
  extras?: { name: string; type: DnsType; data: string }[];
  /** The answer is outside what the cluster knows (name outside the zone, or a CNAME leaving it). */
  external?: boolean;
  /** Names asked, in order (trace hops). */
  tried: DnsAttempt[];
}

export interface ResolveOptions {
  /** The asking pod; without one, a ClusterFirst pod in `namespace`. */
  from?: SimPod;
  /** Namespace of the asking pod when `from` is not given (default `default`). */
  namespace?: string;
  type?: DnsType;
  /**
   * Ask as a node (or a hostNetwork pod with dnsPolicy Default) does: through the node's own
   * resolver, which does not know the cluster zone. Overrides `from`.
   */
  nodeResolver?: boolean;
}

function dedupe(list: string[]): string[] {
  const out: string[] = [];
  for (const item of list) if (item !== '' && !out.includes(item)) out.push(item);
  return out;
}

/** `spec.dnsConfig` of the pod, read defensively. */
function dnsConfigOf(pod: SimPod): { nameservers: string[]; searches: string[]; options: { name: string; value?: string }[] } | undefined {
  const cfg = obj(at(pod.apiObject(), 'spec', 'dnsConfig'));
  if (!cfg) return undefined;
  const strings = (v: unknown): string[] => arr(v).map((x) => str(x)).filter((x): x is string => x !== undefined && x !== '');
  const options: { name: string; value?: string }[] = [];
  for (const o of arr(cfg.options)) {
    const name = str(obj(o)?.name);
    if (!name) continue;
    const value = str(obj(o)?.value);
    options.push(value === undefined ? { name } : { name, value });
  }
  return { nameservers: strings(cfg.nameservers), searches: strings(cfg.searches), options };
}

/** kubelet mergeDNSOptions: the pod's options override same-named ones (kept in first-seen order here). */
function mergeOptions(existing: string[], extra: { name: string; value?: string }[]): string[] {
  const names: string[] = [];
  const values = new Map<string, string>();
  const set = (name: string, value: string): void => {
    if (!values.has(name)) names.push(name);
    values.set(name, value);
  };
  for (const op of existing) {
    const i = op.indexOf(':');
    if (i >= 0) set(op.slice(0, i), op.slice(i + 1));
    else set(op, '');
  }
  for (const op of extra) set(op.name, op.value ?? '');
  return names.map((n) => (values.get(n) ? `${n}:${values.get(n)}` : n));
}

function ndotsOf(options: string[]): number {
  let ndots = 1; // glibc's own default when resolv.conf has no ndots option
  for (const op of options) {
    const m = /^ndots:(\d+)$/.exec(op);
    if (m) ndots = Math.min(Number(m[1]), MAX_NDOTS);
  }
  return ndots;
}

/** The resolver configuration the kubelet gives a pod (no pod: ClusterFirst in `default`). */
export function podResolver(cluster: Cluster, pod?: SimPod, namespaceWithoutPod = 'default'): PodResolver {
  const domain = (cluster.settings.clusterDomain || 'cluster.local').replace(/\.+$/, '');
  const namespace = pod?.namespace || namespaceWithoutPod;
  const declared = pod?.dnsPolicy || 'ClusterFirst';
  let policy: PodResolver['policy'];
  if (declared === 'None') policy = 'None';
  else if (declared === 'Default') policy = 'Default';
  else if (declared === 'ClusterFirstWithHostNet') policy = 'ClusterFirst';
  // ClusterFirst on a hostNetwork pod falls back to the node's resolv.conf (getPodDNSType).
  else policy = pod?.hostNetwork ? 'Default' : 'ClusterFirst';

  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (policy === 'ClusterFirst') {
    nameservers = [cluster.dnsServiceIP];
    // The node's own search domains would follow; they are not known offline.
    searches = [`${namespace}.svc.${domain}`, `svc.${domain}`, domain];
    options = [`ndots:${DEFAULT_NDOTS}`];
  }
  const cfg = pod ? dnsConfigOf(pod) : undefined;
  if (cfg) {
    nameservers = dedupe([...nameservers, ...cfg.nameservers]);
    searches = dedupe([...searches, ...cfg.searches]);
    options = mergeOptions(options, cfg.options);
  }
  nameservers = dedupe(nameservers);
  searches = dedupe(searches.map((s) => s.replace(/\.+$/, '')));
  return {
    namespace,
    policy,
    nameservers,
    searches,
    options,
    ndots: ndotsOf(options),
    clusterDns: nameservers.length > 0 && nameservers[0] === cluster.dnsServiceIP,
  };
}

/** The /etc/resolv.conf the pod sees, in the layout the container runtime writes (search, nameserver, options). */
export function resolvConf(cluster: Cluster, pod: SimPod): string {
  const r = podResolver(cluster, pod);
  const lines: string[] = [];
  if (r.policy === 'Default') lines.push(`# dnsPolicy Default${pod.hostNetwork ? ' (hostNetwork)' : ''}: the node's /etc/resolv.conf, not known offline`);
  if (r.searches.length > 0) lines.push(`search ${r.searches.join(' ')}`);
  for (const ns of r.nameservers) lines.push(`nameserver ${ns}`);
  if (r.options.length > 0) lines.push(`options ${r.options.join(' ')}`);
  return `${lines.join('\n')}\n`;
}

/** One query to the pod's nameserver. */
function ask(cluster: Cluster, resolver: PodResolver, name: string, type: DnsType): DnsAnswer & { server: 'cluster' | 'upstream' } {
  if (resolver.clusterDns) return { ...dnsRecords(cluster, name, type), server: 'cluster' };
  // Another resolver (the node's, or dnsConfig's): it knows nothing of the cluster zone.
  const zone = zoneOf(cluster.settings.clusterDomain);
  const known = inZone(name, zone) || isReverseName(name);
  return known ? { rcode: 'NXDOMAIN', answers: [], server: 'upstream' } : { rcode: 'NXDOMAIN', answers: [], external: true, server: 'upstream' };
}

/** The names glibc's res_nsearch tries, in order. */
export function candidateNames(name: string, resolver: PodResolver): string[] {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.endsWith('.')) return [fqdn(trimmed)];
  const dots = (trimmed.match(/\./g) ?? []).length;
  const absolute = fqdn(trimmed);
  const searched = resolver.searches.map((s) => fqdn(`${trimmed}.${s}`));
  const out = dots >= resolver.ndots ? [absolute, ...searched] : [...searched, absolute];
  return dedupe(out);
}

const strip = (r: DnsRecord): { name: string; type: DnsType; data: string } => ({ name: r.name, type: r.type, data: r.data });

/**
 * Resolution as the pod's resolver does it: candidates from the search path (ndots), the first
 * answer with records wins; NXDOMAIN and NODATA both move on to the next candidate (glibc). CNAME
 * chains are followed for A/AAAA by the server. A PTR query for an address asks its reverse name.
 */
export function resolveFromPod(cluster: Cluster, name: string, opts: ResolveOptions = {}): DnsResult {
  const type = opts.type ?? 'A';
  const resolver: PodResolver = opts.nodeResolver
    ? { namespace: 'default', policy: 'Default', nameservers: [], searches: [], options: [], ndots: 1, clusterDns: false }
    : podResolver(cluster, opts.from, opts.namespace);
  const asked = type === 'PTR' && parseIP(name.trim()) ? reverseName(name.trim())! : name;
  const candidates = candidateNames(asked, resolver);
  const tried: DnsAttempt[] = [];
  let nodata: string | undefined;
  let absoluteAttempt: DnsAttempt | undefined;
  const absolute = fqdn(asked);
  for (const candidate of candidates) {
    const answer = ask(cluster, resolver, candidate, type);
    const attempt: DnsAttempt = { name: candidate, rcode: answer.rcode, answers: answer.answers.length, server: answer.server };
    if (answer.external) attempt.external = true;
    tried.push(attempt);
    if (candidate === absolute) absoluteAttempt = attempt;
    if (answer.rcode === 'NOERROR' && answer.answers.length > 0) {
      const result: DnsResult = { query: name, type, rcode: 'NOERROR', name: candidate, answers: answer.answers.map(strip), tried };
      if (answer.extras && answer.extras.length > 0) result.extras = answer.extras.map(strip);
      if (answer.external) result.external = true;
      return result;
    }
    if (answer.rcode === 'NOERROR' && nodata === undefined) nodata = candidate;
  }
  // glibc reports the error of an absolute first try; else NODATA if any candidate had the name; else NXDOMAIN.
  if (candidates.length > 1 && candidates[0] === absolute && absoluteAttempt) {
    if (absoluteAttempt.rcode === 'NOERROR') return { query: name, type, rcode: 'NOERROR', name: absolute, answers: [], tried };
  } else if (nodata !== undefined) {
    return { query: name, type, rcode: 'NOERROR', name: nodata, answers: [], tried };
  }
  const result: DnsResult = { query: name, type, rcode: 'NXDOMAIN', name: absolute, answers: [], tried };
  // A dotted name outside the cluster is somebody else's to answer; a bare word (`data.`) is just unknown.
  if (absoluteAttempt?.external && absolute.replace(/\.$/, '').includes('.')) result.external = true;
  return result;
}
