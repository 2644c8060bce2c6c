/**
 * NetworkPolicies as the API server stores them: a NetworkPolicy that
 * validation rejects is never created, so it isolates nothing; an accepted one is defaulted
 * (each port's protocol TCP; policyTypes Ingress, plus Egress when `spec.egress` holds a rule).
 *
 * Sources: kubernetes pkg/apis/networking/v1/defaults.go (SetDefaults_NetworkPolicy tests
 * `len(spec.Egress) != 0`, SetDefaults_NetworkPolicyPort).
 */
import { arr, at, byString, cloneJson, isObject, str, strMap, type JsonObject } from '../k8s/json';
import { parseCIDR, type Cidr } from '../k8s/ip';
import type { ManifestObject } from '../load/types';
import type { FieldError } from '../validation/field-error';
import { validateNetworkPolicy } from '../validation/network-policy';
import type { ClusterSettings, Protocol, SimLabelSelector, SimNetworkPolicy, SimPolicyPeer, SimPolicyPort, SimPolicyRule } from './model';

export function readLabelSelector(value: unknown): SimLabelSelector {
  const matchLabels = strMap(at(value, 'matchLabels')) ?? {};
  const matchExpressions = arr(at(value, 'matchExpressions'))
    .filter(isObject)
    .map((e) => ({
      key: str(e.key) ?? '',
      operator: (str(e.operator) ?? 'In') as SimLabelSelector['matchExpressions'][number]['operator'],
      values: arr(e.values).filter((v): v is string => typeof v === 'string'),
    }));
  return { matchLabels, matchExpressions };
}

function readPort(value: unknown, field: string): SimPolicyPort {
  const protocol = (str(at(value, 'protocol')) || 'TCP') as Protocol;
  const out: SimPolicyPort = { protocol, field };
  const port = at(value, 'port');
  if (typeof port === 'number' || typeof port === 'string') out.port = port;
  const endPort = at(value, 'endPort');
  if (typeof endPort === 'number' && typeof port === 'number') out.endPort = endPort;
  return out;
}

function readPeer(value: unknown, field: string): SimPolicyPeer {
  const peer: SimPolicyPeer = { field };
  const podSelector = at(value, 'podSelector');
  if (isObject(podSelector)) peer.podSelector = readLabelSelector(podSelector);
  const namespaceSelector = at(value, 'namespaceSelector');
  if (isObject(namespaceSelector)) peer.namespaceSelector = readLabelSelector(namespaceSelector);
  const ipBlock = at(value, 'ipBlock');
  if (isObject(ipBlock)) {
    const cidr = parseCIDR(str(ipBlock.cidr) ?? '');
    if (cidr) {
      const except = arr(ipBlock.except)
        .map((e) => (typeof e === 'string' ? parseCIDR(e) : undefined))
        .filter((c): c is Cidr => c !== undefined);
      peer.ipBlock = { cidr, except };
    }
  }
  return peer;
}

function readRules(spec: JsonObject, direction: 'ingress' | 'egress'): SimPolicyRule[] {
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  return arr(spec[direction]).map((rule, i) => {
    const field = `spec.${direction}[${i}]`;
    return {
      field,
      peers: arr(at(rule, peersKey)).map((p, k) => readPeer(p, `${field}.${peersKey}[${k}]`)),
      ports: arr(at(rule, 'ports')).map((p, k) => readPort(p, `${field}.ports[${k}]`)),
    };
  });
}

/** Effective policyTypes: as given, else Ingress plus Egress when there is an egress rule. */
export function effectivePolicyTypes(spec: unknown): ('Ingress' | 'Egress')[] {
  const given = arr(at(spec, 'policyTypes')).filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  if (arr(at(spec, 'policyTypes')).length > 0) return [...new Set(given)];
  return arr(at(spec, 'egress')).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policy as stored: protocols and policyTypes filled in, nothing else added. */
function storedPolicy(o: ManifestObject, policyTypes: ('Ingress' | 'Egress')[]): JsonObject {
  const api = cloneJson(o.raw);
  const metadata = isObject(api.metadata) ? api.metadata : (api.metadata = {});
  metadata.namespace = o.namespace;
  const spec = isObject(api.spec) ? api.spec : (api.spec = {});
  if (!isObject(spec.podSelector)) spec.podSelector = {};
  for (const direction of ['ingress', 'egress'] as const) {
    for (const rule of arr(spec[direction])) {
      for (const port of arr(at(rule, 'ports'))) if (isObject(port) && !port.protocol) port.protocol = 'TCP';
    }
  }
  if (arr(spec.policyTypes).length === 0) spec.policyTypes = [...policyTypes];
  return api;
}

/** A NetworkPolicy that passed validation, read into the model. */
export function readNetworkPolicy(o: ManifestObject): SimNetworkPolicy {
  const spec = isObject(o.raw.spec) ? o.raw.spec : {};
  const policyTypes = effectivePolicyTypes(spec);
  return {
    namespace: o.namespace,
    name: o.name,
    obj: o,
    podSelector: readLabelSelector(spec.podSelector),
    policyTypes,
    ingress: policyTypes.includes('Ingress') ? readRules(spec, 'ingress') : [],
    egress: policyTypes.includes('Egress') ? readRules(spec, 'egress') : [],
    api: storedPolicy(o, policyTypes),
  };
}

export interface NetworkPolicyAdmission {
  /** Those the API server accepts, defaulted, sorted by namespace and name. */
  accepted: SimNetworkPolicy[];
  /** The validation errors of each policy read (none: accepted), for the api-validation rule to word. */
  errors: ReadonlyMap<ManifestObject, readonly FieldError[]>;
}

/**
 * The NetworkPolicies a cluster would hold: those the API server accepts (the rest are rejected
 * on create), with each one's validation kept so that it is done once.
 */
export function admitNetworkPolicies(objects: readonly ManifestObject[], settings: ClusterSettings): NetworkPolicyAdmission {
  const accepted: SimNetworkPolicy[] = [];
  const errors = new Map<ManifestObject, readonly FieldError[]>();
  for (const o of objects) {
    const found = validateNetworkPolicy(o.raw, settings.kubernetesVersion);
    errors.set(o, found);
    if (found.length === 0) accepted.push(readNetworkPolicy(o));
  }
  return { accepted: accepted.sort((a, b) => byString(a.namespace, b.namespace) || byString(a.name, b.name)), errors };
}
