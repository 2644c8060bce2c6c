/**
 * ValidateIngressCreate (networking.k8s.io/v1). No defaulting applies: v1 does not default
 * pathType (v1beta1 did, to ImplementationSpecific).
 *
 * Source: kubernetes/kubernetes pkg/apis/networking/validation/validation.go
 * (ValidateIngressCreate, ValidateIngressSpec, validateIngressRules, validateHTTPIngressPath,
 * validateIngressBackend, validateIngressTypedLocalObjectReference, validateIngressTLS);
 * kubernetes/apimachinery pkg/api/validation/path (IsValidPathSegmentName).
 */
import { parseIP } from '../k8s/ip';
import type { Json, JsonObject } from '../k8s/json';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain, type KubeVersion } from '../k8s/names';
import { BAD, Decoder, ok } from './decode';
import { GoValue, invalid, invalidEach, notSupported, required, type FieldError } from './field-error';
import { nameIsDNSSubdomain, validateObjectMeta } from './object-meta';

export const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** IsValidPathSegmentName: names used in URL paths (resource backend kind and name). */
function pathSegmentErrors(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  for (const illegal of ['/', '%']) if (name.includes(illegal)) errs.push(`may not contain '${illegal}'`);
  return errs;
}

function validateBackend(d: Decoder, backend: JsonObject, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const resource = d.object(backend, 'resource', `${path}.resource`);
  const service = d.object(backend, 'service', `${path}.service`);
  if (resource === BAD || service === BAD) return errs;
  if (resource && service) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource) {
    const apiGroup = d.string(resource, 'apiGroup', `${path}.resource.apiGroup`);
    if (ok(apiGroup)) errs.push(...invalidEach(`${path}.resource.apiGroup`, apiGroup, isDNS1123Subdomain(apiGroup, version)));
    for (const key of ['kind', 'name']) {
      const value = d.string(resource, key, `${path}.resource.${key}`);
      if (value === BAD) continue;
      if (!value) errs.push(required(`${path}.resource.${key}`, `${key} is required`));
      else errs.push(...invalidEach(`${path}.resource.${key}`, value, pathSegmentErrors(value)));
    }
    return errs;
  }
  if (!service) return [invalid(path, '', 'resource or service backend is required')];

  const name = d.string(service, 'name', `${path}.service.name`);
  if (name !== BAD) {
    if (!name) errs.push(required(`${path}.service.name`));
    else errs.push(...invalidEach(`${path}.service.name`, name, isDNS1035Label(name, version)));
  }
  const port = d.object(service, 'port', `${path}.service.port`);
  if (port === BAD) return errs;
  const portName = d.string(port ?? {}, 'name', `${path}.service.port.name`);
  const portNumber = d.int(port ?? {}, 'number', `${path}.service.port.number`);
  if (portName === BAD || portNumber === BAD) return errs;
  const hasName = !!portName;
  const hasNumber = portNumber !== undefined && portNumber !== 0;
  if (hasName && hasNumber) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (hasName) errs.push(...invalidEach(`${path}.service.port.name`, portName, isValidPortName(portName!, version)));
  else if (hasNumber) errs.push(...invalidEach(`${path}.service.port.number`, portNumber, isValidPortNum(portNumber!)));
  else errs.push(required(path, 'port name or number is required'));
  return errs;
}

function validatePath(d: Decoder, item: Json, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const p = d.objectValue(item, path);
  if (p === BAD) return errs;
  const entry = p ?? {};
  const pathType = d.string(entry, 'pathType', `${path}.pathType`);
  const value = d.string(entry, 'path', `${path}.path`);
  if (pathType === BAD) return errs;
  // Without a pathType upstream stops here, backend unchecked.
  if (pathType === undefined) return [required(`${path}.pathType`, 'pathType must be specified')];
  if (value !== BAD) {
    const text = value ?? '';
    if (pathType === 'Exact' || pathType === 'Prefix') {
      if (!text.startsWith('/')) errs.push(invalid(`${path}.path`, text, 'must be an absolute path'));
      if (text.length > 0) {
        for (const seq of INVALID_PATH_SEQUENCES) if (text.includes(seq)) errs.push(invalid(`${path}.path`, text, `must not contain '${seq}'`));
        for (const suffix of INVALID_PATH_SUFFIXES) if (text.endsWith(suffix)) errs.push(invalid(`${path}.path`, text, `cannot end with '${suffix}'`));
      }
    } else if (pathType === 'ImplementationSpecific') {
      if (text.length > 0 && !text.startsWith('/')) errs.push(invalid(`${path}.path`, text, 'must be an absolute path'));
    }
  }
  if (!PATH_TYPES.includes(pathType)) errs.push(notSupported(`${path}.pathType`, pathType, PATH_TYPES));
  const backend = d.object(entry, 'backend', `${path}.backend`);
  if (backend !== BAD) errs.push(...validateBackend(d, backend ?? {}, `${path}.backend`, version));
  return errs;
}

function validateRules(d: Decoder, rules: Json[], version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  rules.forEach((item, i) => {
    const path = `spec.rules[${i}]`;
    const r = d.objectValue(item, path);
    if (r === BAD) return;
    const rule = r ?? {};
    const host = d.string(rule, 'host', `${path}.host`);
    if (ok(host) && host !== '') {
      if (parseIP(host)) errs.push(invalid(`${path}.host`, host, 'must be a DNS name, not an IP address'));
      const messages = host.includes('*') ? isWildcardDNS1123Subdomain(host, version) : isDNS1123Subdomain(host, version);
      errs.push(...invalidEach(`${path}.host`, host, messages));
    }
    const http = d.object(rule, 'http', `${path}.http`);
    if (!ok(http)) return;
    const paths = d.list(http, 'paths', `${path}.http.paths`);
    if (paths === BAD) return;
    if (!paths || paths.length === 0) errs.push(required(`${path}.http.paths`));
    (paths ?? []).forEach((p, j) => errs.push(...validatePath(d, p, `${path}.http.paths[${j}]`, version)));
  });
  return errs;
}

function validateTLS(d: Decoder, tls: Json[], version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  tls.forEach((item, i) => {
    const path = `spec.tls[${i}]`;
    const t = d.objectValue(item, path);
    if (t === BAD) return;
    const entry = t ?? {};
    const hosts = d.stringList(entry, 'hosts', `${path}.hosts`);
    if (ok(hosts)) {
      hosts.forEach((host, j) => {
        if (host === BAD) return;
        const messages = host.includes('*') ? isWildcardDNS1123Subdomain(host, version) : isDNS1123Subdomain(host, version);
        errs.push(...invalidEach(`${path}.hosts[${j}]`, host, messages));
      });
    }
    const secretName = d.string(entry, 'secretName', `${path}.secretName`);
    if (ok(secretName) && secretName !== '') errs.push(...invalidEach(`${path}.secretName`, secretName, isDNS1123Subdomain(secretName, version)));
  });
  return errs;
}

/** All validation errors of a networking.k8s.io/v1 Ingress. */
export function validateIngress(raw: JsonObject, version?: KubeVersion): FieldError[] {
  const meta = validateObjectMeta(raw, true, nameIsDNSSubdomain, version);
  const errs: FieldError[] = [...meta.errors];
  const d = new Decoder(errs);
  const s = d.object(raw, 'spec', 'spec');
  if (s === BAD) return errs;
  const spec = s ?? {};
  const rules = d.list(spec, 'rules', 'spec.rules');
  const defaultBackend = d.object(spec, 'defaultBackend', 'spec.defaultBackend');
  if (rules !== BAD && defaultBackend !== BAD && (!rules || rules.length === 0) && !defaultBackend) {
    // The value is the (empty) Go slice of rules, printed as %#v.
    const shown = new GoValue(rules ? '[]networking.IngressRule{}' : '[]networking.IngressRule(nil)');
    errs.push(invalid('spec', shown, 'either `defaultBackend` or `rules` must be specified'));
  }
  if (ok(defaultBackend)) errs.push(...validateBackend(d, defaultBackend, 'spec.defaultBackend', version));
  if (ok(rules) && rules.length > 0) errs.push(...validateRules(d, rules, version));
  const tls = d.list(spec, 'tls', 'spec.tls');
  if (ok(tls)) errs.push(...validateTLS(d, tls, version));
  const className = d.string(spec, 'ingressClassName', 'spec.ingressClassName');
  if (ok(className)) errs.push(...invalidEach('spec.ingressClassName', className, isDNS1123Subdomain(className, version)));

  const annotationClass = meta.annotations[INGRESS_CLASS_ANNOTATION];
  if (annotationClass !== undefined && ok(className) && annotationClass !== className) {
    // Upstream builds this path with Child(), hence the dot form without `metadata.`.
    errs.push(invalid(`annotations.${INGRESS_CLASS_ANNOTATION}`, annotationClass, 'must match `ingressClassName` when both are specified'));
  }
  return errs;
}
