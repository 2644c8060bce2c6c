/**
 * Cluster settings: what the simulated control plane was started with. One shape, `LineupSettings`,
 * for every way of giving them (`--cluster FILE`, `simulate()`, `configureLineup()`, the cdk8s
 * plugin's properties) and one validator, `resolveSettings`. Every field is optional; a bad value
 * is reported as a one-line error naming the field path and the expected form, and the default is
 * kept so the simulation can still run.
 *
 * To add a setting: a documented field in `LineupSettings` (with `@default`), its name in
 * KNOWN_FIELDS, and its reading in `resolveSettings` (errors prefixed with the field path).
 */
import * as fs from 'node:fs';
import { isObject, str, type JsonObject } from '../k8s/json';
import { parseCIDR, parseIP, type Cidr } from '../k8s/ip';
import type { ClusterSettings, KubernetesVersion } from './model';

/** A node of the simulated cluster. */
export interface LineupNode {
  /** The node's name (a lowercase DNS subdomain, unique). */
  readonly name: string;
  /**
   * The node's address (`InternalIP`), used for NodePort and `externalTrafficPolicy` answers.
   * @default - the next free address from 172.18.0.2 (kind's node network)
   */
  readonly ip?: string;
  /**
   * Labels of the node; `kubernetes.io/hostname: <name>` is always added.
   * @default - only kubernetes.io/hostname
   */
  readonly labels?: { readonly [key: string]: string };
}

/**
 * The simulated cluster: the same fields in a `--cluster` file (YAML or JSON), in `simulate()`,
 * `configureLineup()` and the cdk8s plugin's `properties.settings`.
 */
export interface LineupSettings {
  /**
   * The Kubernetes minor version whose behaviour is simulated, written "1.<minor>" (quote it in
   * YAML: an unquoted 1.30 reads as the number 1.3).
   * @default "1.31"
   */
  readonly kubernetesVersion?: string;
  /**
   * The cluster's DNS domain (kubelet `--cluster-domain`).
   * @default "cluster.local"
   */
  readonly clusterDomain?: string;
  /**
   * The range Service cluster IPs are allocated from (kube-apiserver `--service-cluster-ip-range`).
   * @default "10.96.0.0/12"
   */
  readonly serviceCIDR?: string;
  /**
   * The range pod IPs are allocated from (split per node).
   * @default "10.244.0.0/16"
   */
  readonly podCIDR?: string;
  /**
   * The range NodePorts are allocated from and must fall in (kube-apiserver
   * `--service-node-port-range`), written "<min>-<max>".
   * @default "30000-32767"
   */
  readonly nodePortRange?: string;
  /**
   * The cluster's nodes (pods are spread over them in order).
   * @default - node-1, node-2 and node-3 at 172.18.0.2, .3 and .4
   */
  readonly nodes?: readonly LineupNode[];
  /**
   * Where the ingress controllers run, per IngressClass name (a Gateway's GatewayClass name picks
   * its entry the same way): their pods open the connections to backends, so NetworkPolicies on
   * the backends judge those pods. When the input holds no pod with `podLabels` in `namespace`,
   * a stand-in pod with those labels is used.
   * @default - one entry: class nginx, namespace ingress-nginx, podLabels app.kubernetes.io/name: ingress-nginx
   */
  readonly ingressControllers?: readonly LineupIngressController[];
}

/** One ingress controller (cluster settings `ingressControllers`). */
export interface LineupIngressController {
  /** The IngressClass (or GatewayClass) name it serves. */
  readonly class: string;
  /** The namespace its pods run in. */
  readonly namespace: string;
  /** Labels its pods carry. */
  readonly podLabels: Readonly<Record<string, string>>;
}

export const DEFAULT_KUBERNETES_VERSION = '1.31';
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';
export const DEFAULT_POD_CIDR = '10.244.0.0/16';
export const DEFAULT_NODE_PORT_RANGE = { min: 30000, max: 32767 };

/** The operating system and architecture the simulated kubelets report (a linux/amd64 node). */
export const NODE_OS = 'linux';
export const NODE_ARCH = 'amd64';

/**
 * The labels every kubelet puts on its Node when it registers: its hostname, and the operating
 * system and architecture it was built for, in the stable and the older `beta.` spelling. Manifests
 * rely on them (`nodeSelector: {kubernetes.io/os: linux}` is in most installers), so a node without
 * them would run none of those pods. Labels given in the settings or on a Node object override these.
 */
export function kubeletNodeLabels(name: string): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': NODE_ARCH,
    'beta.kubernetes.io/os': NODE_OS,
    'kubernetes.io/arch': NODE_ARCH,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': NODE_OS,
  };
}

/** kind-style node addresses: node-1 is 172.18.0.2, node-2 172.18.0.3, ... */
function defaultNodes(): ClusterSettings['nodes'] {
  return [1, 2, 3].map((i) => ({ name: `node-${i}`, ip: `172.18.0.${i + 1}`, labels: kubeletNodeLabels(`node-${i}`) }));
}

/** The ingress-nginx chart's controller: class nginx, namespace ingress-nginx, its pods' name label. */
function defaultIngressControllers(): ClusterSettings['ingressControllers'] {
  return [{ class: 'nginx', namespace: 'ingress-nginx', podLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } }];
}

export function defaultSettings(): ClusterSettings {
  return {
    kubernetesVersion: parseVersion(DEFAULT_KUBERNETES_VERSION)!,
    clusterDomain: DEFAULT_CLUSTER_DOMAIN,
    serviceCIDR: parseCIDR(DEFAULT_SERVICE_CIDR)!,
    podCIDR: parseCIDR(DEFAULT_POD_CIDR)!,
    nodePortRange: { ...DEFAULT_NODE_PORT_RANGE },
    nodes: defaultNodes(),
    ingressControllers: defaultIngressControllers(),
  };
}

/** `1.31`, `v1.31`, `1.31.2` (patch ignored); numbers like 1.12 are accepted too (YAML reads them unquoted). */
export function parseVersion(text: string): KubernetesVersion | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

/** True when `v` is at least `major.minor`. */
export function versionAtLeast(v: KubernetesVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function versionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // YAML reads `kubernetesVersion: 1.31` as a number; 1.3 and 1.30 are then indistinguishable, so only
  // numbers whose text is unambiguous (a two-digit minor) are accepted.
  if (typeof value === 'number' && /^1\.\d\d$/.test(String(value))) return String(value);
  return undefined;
}

function readCidr(input: JsonObject, field: string, errors: string[]): Cidr | undefined {
  if (!(field in input) || input[field] === null) return undefined;
  const text = str(input[field]);
  const cidr = text !== undefined ? parseCIDR(text.trim()) : undefined;
  if (!cidr) {
    errors.push(`${field}: ${JSON.stringify(input[field])} is not a CIDR; expected a form like ${field === 'serviceCIDR' ? DEFAULT_SERVICE_CIDR : DEFAULT_POD_CIDR}`);
    return undefined;
  }
  const hostBits = (cidr.family === 'IPv4' ? 32 : 128) - cidr.prefix;
  if (hostBits < 2) {
    errors.push(`${field}: ${text} has room for no addresses; expected a prefix of at most /${cidr.family === 'IPv4' ? 30 : 126}`);
    return undefined;
  }
  return cidr;
}

function readPortRange(value: unknown, errors: string[]): { min: number; max: number } | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  const m = text !== undefined ? /^(\d{1,5})-(\d{1,5})$/.exec(text) : null;
  if (m) {
    const min = Number(m[1]);
    const max = Number(m[2]);
    if (min >= 1 && max <= 65535 && min <= max) return { min, max };
  }
  errors.push(`nodePortRange: ${JSON.stringify(value)} is not a port range; expected "<min>-<max>" with 1 <= min <= max <= 65535, e.g. 30000-32767`);
  return undefined;
}

function readNodes(value: unknown, errors: string[]): ClusterSettings['nodes'] | undefined {
  if (!Array.isArray(value)) {
    errors.push('nodes: expected a list of {name, ip, labels}');
    return undefined;
  }
  const nodes: ClusterSettings['nodes'] = [];
  const seen = new Set<string>();
  value.forEach((entry, i) => {
    const field = `nodes[${i}]`;
    if (!isObject(entry)) {
      errors.push(`${field}: expected a mapping {name, ip, labels}`);
      return;
    }
    const name = str(entry.name);
    if (name === undefined || name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
      errors.push(`${field}.name: ${JSON.stringify(entry.name ?? null)} is not a node name; expected a lowercase DNS subdomain like node-1`);
      return;
    }
    if (seen.has(name)) {
      errors.push(`${field}.name: "${name}" appears twice; node names must be unique`);
      return;
    }
    const ipText = str(entry.ip);
    const ip = ipText !== undefined ? parseIP(ipText) : undefined;
    if (entry.ip !== undefined && entry.ip !== null && !ip) {
      errors.push(`${field}.ip: ${JSON.stringify(entry.ip ?? null)} is not an IP address; expected a form like 172.18.0.2`);
      return;
    }
    const labels = kubeletNodeLabels(name);
    if (entry.labels !== undefined && entry.labels !== null) {
      if (!isObject(entry.labels)) {
        errors.push(`${field}.labels: expected a mapping of label keys to string values`);
      } else {
        for (const key of Object.keys(entry.labels).sort()) {
          const v = entry.labels[key];
          if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') labels[key] = String(v);
          else errors.push(`${field}.labels.${key}: expected a string value`);
        }
      }
    }
    seen.add(name);
    nodes.push({ name, ip: ip ? ipText! : '', labels });
  });
  // Nodes given without an address get the next free one from 172.18.0.2 (kind's node network).
  const taken = new Set(nodes.map((n) => n.ip));
  let next = 2;
  for (const n of nodes) {
    if (n.ip !== '') continue;
    while (taken.has(`172.18.0.${next}`)) next++;
    n.ip = `172.18.0.${next++}`;
    taken.add(n.ip);
  }
  if (nodes.length === 0 && errors.length === 0) errors.push('nodes: expected at least one node');
  return nodes.length > 0 ? nodes : undefined;
}

function readIngressControllers(value: unknown, errors: string[]): ClusterSettings['ingressControllers'] | undefined {
  const form = 'expected a list of {class, namespace, podLabels}';
  if (!Array.isArray(value)) {
    errors.push(`ingressControllers: ${form}`);
    return undefined;
  }
  const out: ClusterSettings['ingressControllers'] = [];
  value.forEach((entry, i) => {
    const field = `ingressControllers[${i}]`;
    if (!isObject(entry)) {
      errors.push(`${field}: ${form}`);
      return;
    }
    const cls = str(entry.class);
    const namespace = str(entry.namespace);
    if (!cls || !DNS_SUBDOMAIN.test(cls)) {
      errors.push(`${field}.class: ${JSON.stringify(entry.class ?? null)} is not an IngressClass name; expected a lowercase DNS name like nginx`);
      return;
    }
    if (!namespace || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace)) {
      errors.push(`${field}.namespace: ${JSON.stringify(entry.namespace ?? null)} is not a namespace name; expected a lowercase DNS label like ingress-nginx`);
      return;
    }
    const podLabels: Record<string, string> = {};
    if (!isObject(entry.podLabels) || Object.keys(entry.podLabels).length === 0) {
      errors.push(`${field}.podLabels: expected a non-empty mapping of label keys to string values, e.g. {app.kubernetes.io/name: ingress-nginx}`);
      return;
    }
    for (const key of Object.keys(entry.podLabels).sort()) {
      const v = entry.podLabels[key];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') podLabels[key] = String(v);
      else errors.push(`${field}.podLabels.${key}: expected a string value`);
    }
    out.push({ class: cls, namespace, podLabels });
  });
  return out;
}

const KNOWN_FIELDS = ['kubernetesVersion', 'clusterDomain', 'serviceCIDR', 'podCIDR', 'nodePortRange', 'nodes', 'ingressControllers'];

/** Settings from already-parsed data; unknown keys and bad values are errors, defaults fill the rest. */
export function resolveSettings(input: unknown): { settings: ClusterSettings; errors: string[] } {
  const settings = defaultSettings();
  const errors: string[] = [];
  if (input === undefined || input === null) return { settings, errors };
  if (!isObject(input)) {
    errors.push(`cluster settings: expected a mapping with any of ${KNOWN_FIELDS.join(', ')}`);
    return { settings, errors };
  }
  for (const key of Object.keys(input).sort()) {
    if (!KNOWN_FIELDS.includes(key)) errors.push(`${key}: unknown field; expected one of ${KNOWN_FIELDS.join(', ')}`);
  }
  if (input.kubernetesVersion !== undefined && input.kubernetesVersion !== null) {
    const text = versionText(input.kubernetesVersion);
    const v = text !== undefined ? parseVersion(text) : undefined;
    if (v && v.major === 1) settings.kubernetesVersion = v;
    else errors.push(`kubernetesVersion: ${JSON.stringify(input.kubernetesVersion)} is not a Kubernetes version; expected "1.<minor>" as a quoted string, e.g. "1.31"`);
  }
  if (input.clusterDomain !== undefined && input.clusterDomain !== null) {
    const d = str(input.clusterDomain);
    const domain = d?.replace(/\.$/, '');
    if (domain && domain.length <= 253 && DNS_SUBDOMAIN.test(domain)) settings.clusterDomain = domain;
    else errors.push(`clusterDomain: ${JSON.stringify(input.clusterDomain)} is not a domain; expected a lowercase DNS name like cluster.local`);
  }
  const serviceCIDR = readCidr(input, 'serviceCIDR', errors);
  if (serviceCIDR) settings.serviceCIDR = serviceCIDR;
  const podCIDR = readCidr(input, 'podCIDR', errors);
  if (podCIDR) settings.podCIDR = podCIDR;
  if (input.nodePortRange !== undefined && input.nodePortRange !== null) {
    const range = readPortRange(input.nodePortRange, errors);
    if (range) settings.nodePortRange = range;
  }
  if (input.nodes !== undefined && input.nodes !== null) {
    const nodes = readNodes(input.nodes, errors);
    if (nodes) settings.nodes = nodes;
  }
  if (input.ingressControllers !== undefined && input.ingressControllers !== null) {
    const controllers = readIngressControllers(input.ingressControllers, errors);
    if (controllers) settings.ingressControllers = controllers;
  }
  return { settings, errors };
}

/**
 * One line for settings errors, wherever they came from: `<where>: <first error>` and how many
 * more there are. `where` is the file, or the call and property (`configureLineup settings`).
 */
export function settingsErrorLine(where: string, errors: readonly string[]): string {
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more: ${errors.slice(1).join('; ')})` : '';
  return `${where}: ${errors[0]}${more}`;
}

/** Reads a settings file (YAML or JSON; JSON is YAML). I/O and parse problems are errors, not exceptions; an empty file means all defaults. */
export function loadSettingsFile(path: string): { settings: ClusterSettings; errors: string[] } {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e);
    return { settings: defaultSettings(), errors: [`cannot read cluster settings: ${reason}`] };
  }
  let data: unknown;
  try {
    // `yaml` loads only when a settings file is given (start-up time of every command counts).
    data = (require('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: 100 });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { settings: defaultSettings(), errors: [`cluster settings are not valid YAML or JSON: ${msg}`] };
  }
  // Errors do not repeat the path: callers prefix it once (engine.settingsFromFile).
  return resolveSettings(data);
}
