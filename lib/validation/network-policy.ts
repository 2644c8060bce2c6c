/**
 * NetworkPolicy validation on create (kubernetes pkg/apis/networking/validation: ValidateNetworkPolicy,
 * ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock;
 * apimachinery metav1 validation: ValidateLabelSelector, ValidateLabelSelectorRequirement).
 * Order as upstream: metadata, spec.podSelector, each ingress rule (ports, then peers), each egress
 * rule (ports, then peers), then spec.policyTypes. All errors are collected.
 */
import type { Json, JsonObject } from '../k8s/json';
import { isQualifiedName, isValidCIDR, isValidLabelValue, isValidPortName, isValidPortNum, type KubeVersion } from '../k8s/names';
import { parseCIDR } from '../k8s/ip';
import { BAD, Decoder, ok } from './decode';
import { forbidden, goQuote, invalid, invalidEach, required, GoValue, type FieldError } from './field-error';
import { nameIsDNSSubdomain, validateLabels, validateObjectMeta } from './object-meta';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const POLICY_TYPES = ['Ingress', 'Egress'];
const OPERATORS_WITH_VALUES = ['In', 'NotIn'];
const OPERATORS_WITHOUT_VALUES = ['Exists', 'DoesNotExist'];

/**
 * field.NotSupported with the values in the order given: this validator passes literal lists
 * (`[]string{TCP, UDP, SCTP}`), not a sorted set, and NotSupported keeps the caller's order.
 */
function unsupported(field: string, value: string, supported: readonly string[]): FieldError {
  return { field, type: 'Unsupported', value, detail: `supported values: ${supported.map((v) => goQuote(v)).join(', ')}` };
}

/** metav1 ValidateLabelSelector (values checked: AllowInvalidLabelValueInSelector is false on create). */
export function validateLabelSelector(d: Decoder, selector: JsonObject, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const matchLabels = d.stringMap(selector, 'matchLabels', `${path}.matchLabels`);
  if (ok(matchLabels)) errs.push(...validateLabels(matchLabels, `${path}.matchLabels`, version));
  const expressions = d.list(selector, 'matchExpressions', `${path}.matchExpressions`);
  if (!ok(expressions)) return errs;
  expressions.forEach((item, i) => {
    const exprPath = `${path}.matchExpressions[${i}]`;
    const expr = d.objectValue(item, exprPath);
    if (!ok(expr)) return;
    const operator = d.string(expr, 'operator', `${exprPath}.operator`);
    const values = d.stringList(expr, 'values', `${exprPath}.values`);
    const count = ok(values) ? values.length : 0;
    if (operator !== BAD) {
      const op = operator ?? '';
      if (OPERATORS_WITH_VALUES.includes(op)) {
        if (count === 0) errs.push(required(`${exprPath}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      } else if (OPERATORS_WITHOUT_VALUES.includes(op)) {
        if (count > 0) errs.push(forbidden(`${exprPath}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      } else {
        errs.push(invalid(`${exprPath}.operator`, op, 'not a valid selector operator'));
      }
    }
    const key = d.string(expr, 'key', `${exprPath}.key`);
    if (key !== BAD) errs.push(...invalidEach(`${exprPath}.key`, key ?? '', isQualifiedName(key ?? '', version)));
    if (ok(values)) {
      values.forEach((v, j) => {
        if (v !== BAD) errs.push(...invalidEach(`${exprPath}.values[${j}]`, v, isValidLabelValue(v, version)));
      });
    }
  });
  return errs;
}

function validatePort(d: Decoder, item: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const port = d.objectValue(item, path);
  if (!ok(port)) return errs;
  const protocol = d.string(port, 'protocol', `${path}.protocol`);
  // An empty protocol is defaulted to TCP like a missing one (the defaulter sets nil pointers only,
  // but an empty string decodes to a pointer to "", which validation then rejects).
  if (ok(protocol) && !PROTOCOLS.includes(protocol)) errs.push(unsupported(`${path}.protocol`, protocol, PROTOCOLS));
  const number = d.intOrString(port, 'port', `${path}.port`);
  const endPort = d.int(port, 'endPort', `${path}.endPort`);
  if (number === BAD || endPort === BAD) return errs;
  if (number === undefined) {
    if (endPort !== undefined) errs.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is not specified'));
  } else if (typeof number === 'number') {
    errs.push(...invalidEach(`${path}.port`, number, isValidPortNum(number)));
    if (endPort !== undefined) {
      if (endPort < number) errs.push(invalid(`${path}.endPort`, endPort, 'must be greater than or equal to `port`'));
      errs.push(...invalidEach(`${path}.endPort`, endPort, isValidPortNum(endPort)));
    }
  } else {
    if (endPort !== undefined) errs.push(invalid(`${path}.endPort`, endPort, 'may not be specified when `port` is non-numeric'));
    errs.push(...invalidEach(`${path}.port`, number, isValidPortName(number)));
  }
  return errs;
}

function validateIPBlock(d: Decoder, block: JsonObject, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const cidrText = d.string(block, 'cidr', `${path}.cidr`);
  if (cidrText === BAD) return errs;
  if (cidrText === undefined || cidrText === '') return [required(`${path}.cidr`)];
  errs.push(...invalidEach(`${path}.cidr`, cidrText, isValidCIDR(cidrText, version)));
  const cidr = parseCIDR(cidrText);
  if (!cidr) return errs;
  const excepts = d.stringList(block, 'except', `${path}.except`);
  if (!ok(excepts)) return errs;
  excepts.forEach((text, i) => {
    if (text === BAD) return;
    const exceptPath = `${path}.except[${i}]`;
    errs.push(...invalidEach(exceptPath, text, isValidCIDR(text, version)));
    const except = parseCIDR(text);
    if (!except) return;
    const inside = except.family === cidr.family && cidr.prefix < except.prefix && except.base >> BigInt((cidr.family === 'IPv4' ? 32 : 128) - cidr.prefix) === cidr.base >> BigInt((cidr.family === 'IPv4' ? 32 : 128) - cidr.prefix);
    if (!inside) errs.push(invalid(exceptPath, text, 'must be a strict subset of `cidr`'));
  });
  return errs;
}

function validatePeer(d: Decoder, item: Json, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const peer = d.objectValue(item, path);
  if (peer === BAD) return errs;
  let count = 0;
  const podSelector = d.object(peer, 'podSelector', `${path}.podSelector`);
  if (podSelector !== undefined) count++;
  if (ok(podSelector)) errs.push(...validateLabelSelector(d, podSelector, `${path}.podSelector`, version));
  const namespaceSelector = d.object(peer, 'namespaceSelector', `${path}.namespaceSelector`);
  if (namespaceSelector !== undefined) count++;
  if (ok(namespaceSelector)) errs.push(...validateLabelSelector(d, namespaceSelector, `${path}.namespaceSelector`, version));
  const ipBlock = d.object(peer, 'ipBlock', `${path}.ipBlock`);
  if (ipBlock !== undefined) count++;
  if (ok(ipBlock)) errs.push(...validateIPBlock(d, ipBlock, `${path}.ipBlock`, version));
  if (count === 0) errs.push(required(path, 'must specify a peer'));
  else if (count > 1 && ipBlock !== undefined) errs.push(forbidden(path, 'may not specify both ipBlock and another peer'));
  return errs;
}

function validateRules(d: Decoder, spec: JsonObject, direction: 'ingress' | 'egress', version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const peersKey = direction === 'ingress' ? 'from' : 'to';
  const rules = d.list(spec, direction, `spec.${direction}`);
  if (!ok(rules)) return errs;
  rules.forEach((item, i) => {
    const rulePath = `spec.${direction}[${i}]`;
    const rule = d.objectValue(item, rulePath);
    if (!ok(rule)) return;
    const ports = d.list(rule, 'ports', `${rulePath}.ports`);
    if (ok(ports)) ports.forEach((p, k) => errs.push(...validatePort(d, p, `${rulePath}.ports[${k}]`)));
    const peers = d.list(rule, peersKey, `${rulePath}.${peersKey}`);
    if (ok(peers)) peers.forEach((p, k) => errs.push(...validatePeer(d, p, `${rulePath}.${peersKey}[${k}]`, version)));
  });
  return errs;
}

/** Every error the API server would report creating this NetworkPolicy (`raw` as written; never throws on shape). */
export function validateNetworkPolicy(raw: JsonObject, version?: KubeVersion): FieldError[] {
  const errors: FieldError[] = [];
  const d = new Decoder(errors);
  const meta = validateObjectMeta(raw, true, nameIsDNSSubdomain, version);
  errors.push(...meta.errors);
  const spec = d.object(raw, 'spec', 'spec');
  if (spec === BAD) return errors;
  const s = spec ?? {};
  const podSelector = d.object(s, 'podSelector', 'spec.podSelector');
  if (ok(podSelector)) errors.push(...validateLabelSelector(d, podSelector, 'spec.podSelector', version));
  errors.push(...validateRules(d, s, 'ingress', version));
  errors.push(...validateRules(d, s, 'egress', version));
  const types = d.stringList(s, 'policyTypes', 'spec.policyTypes');
  if (ok(types)) {
    if (types.length > POLICY_TYPES.length) {
      errors.push(invalid('spec.policyTypes', new GoValue(`[]networking.PolicyType{${types.map((t) => (t === BAD ? '""' : JSON.stringify(t))).join(', ')}}`), 'may not specify more than two policyTypes'));
      return errors;
    }
    types.forEach((t, i) => {
      if (t !== BAD && !POLICY_TYPES.includes(t)) errors.push(unsupported(`spec.policyTypes[${i}]`, t, POLICY_TYPES));
    });
  }
  return errors;
}
