/**
 * ValidateEndpointSlice (discovery.k8s.io/v1) for a create, after defaultEndpointSlice.
 * Field paths have no `spec.` prefix: an EndpointSlice keeps its fields at the top level.
 *
 * Source: kubernetes/kubernetes pkg/apis/discovery/validation/validation.go (ValidateEndpointSlice,
 * validateAddressType, validateEndpoints, validatePorts, validateHints);
 * kubernetes/apimachinery pkg/util/validation (IsValidIPv4Address, IsValidIPv6Address,
 * IsFullyQualifiedDomainName).
 */
import type { Json, JsonObject } from '../k8s/json';
import { ipFamilyOf, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateNonSpecialIP, type KubeVersion } from '../k8s/names';
import { BAD, Decoder, ok } from './decode';
import { duplicate, invalid, invalidEach, notSupported, required, tooMany, type FieldError } from './field-error';
import { nameIsDNSSubdomain, validateLabels, validateObjectMeta } from './object-meta';
import { PORT_PROTOCOLS } from './service';

export const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];
const MAX_ENDPOINTS = 1000;
const MAX_ADDRESSES = 100;
const MAX_PORTS = 20000;
const MAX_ZONE_HINTS = 8;
const MAX_TOPOLOGY_LABELS = 16;

/** IsFullyQualifiedDomainName: one trailing dot allowed, at least two labels. */
function fqdnErrors(path: string, value: string, version?: KubeVersion): FieldError[] {
  if (value === '') return [required(path)];
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const sub = isDNS1123Subdomain(name, version);
  if (sub.length > 0) return [invalid(path, name, sub.join(','))];
  const labels = name.split('.');
  if (labels.length < 2) return [invalid(path, name, 'should be a domain with at least two segments separated by dots')];
  for (const label of labels) {
    const errs = isDNS1123Label(label, version);
    if (errs.length > 0) return [invalid(path, label, errs.join(','))];
  }
  return [];
}

function addressErrors(path: string, address: string, addressType: string, version?: KubeVersion): FieldError[] {
  switch (addressType) {
    case 'IPv4':
    case 'IPv6': {
      // Go's family test: an IPv4-mapped IPv6 address counts as IPv4.
      if (ipFamilyOf(address) !== addressType) return [invalid(path, address, `must be a valid ${addressType} address`)];
      return invalidEach(path, address, validateNonSpecialIP(address));
    }
    case 'FQDN':
      return fqdnErrors(path, address, version);
    default:
      // Unknown address types are reported once on addressType; their addresses are not checked.
      return [];
  }
}

function validateEndpoint(d: Decoder, item: Json, path: string, addressType: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const e = d.objectValue(item, path);
  if (e === BAD) return errs;
  const endpoint = e ?? {};
  const addresses = d.stringList(endpoint, 'addresses', `${path}.addresses`);
  if (addresses !== BAD) {
    const list = addresses ?? [];
    if (list.length === 0) errs.push(required(`${path}.addresses`, 'must contain at least 1 address'));
    else if (list.length > MAX_ADDRESSES) errs.push(tooMany(`${path}.addresses`, list.length, MAX_ADDRESSES));
    list.forEach((address, i) => {
      if (address !== BAD) errs.push(...addressErrors(`${path}.addresses[${i}]`, address, addressType, version));
    });
  }
  d.object(endpoint, 'conditions', `${path}.conditions`);
  const nodeName = d.string(endpoint, 'nodeName', `${path}.nodeName`);
  if (ok(nodeName)) errs.push(...invalidEach(`${path}.nodeName`, nodeName, isDNS1123Subdomain(nodeName, version)));
  const topology = d.stringMap(endpoint, 'deprecatedTopology', `${path}.deprecatedTopology`);
  if (ok(topology)) {
    const count = Object.keys(topology).length;
    if (count > MAX_TOPOLOGY_LABELS) errs.push(tooMany(`${path}.deprecatedTopology`, count, MAX_TOPOLOGY_LABELS));
    errs.push(...validateLabels(topology, `${path}.deprecatedTopology`, version));
  }
  const zone = d.string(endpoint, 'zone', `${path}.zone`);
  if (ok(zone)) errs.push(...validateLabels({ 'topology.kubernetes.io/zone': zone }, `${path}.zone`, version));
  const hostname = d.string(endpoint, 'hostname', `${path}.hostname`);
  if (ok(hostname)) errs.push(...invalidEach(`${path}.hostname`, hostname, isDNS1123Label(hostname, version)));
  const hints = d.object(endpoint, 'hints', `${path}.hints`);
  if (ok(hints)) {
    const forZones = d.list(hints, 'forZones', `${path}.hints.forZones`);
    if (ok(forZones)) {
      if (forZones.length > MAX_ZONE_HINTS) {
        errs.push(tooMany(`${path}.hints.forZones`, forZones.length, MAX_ZONE_HINTS));
      } else {
        const seen = new Set<string>();
        forZones.forEach((z, i) => {
          const zpath = `${path}.hints.forZones[${i}]`;
          const fz = d.objectValue(z, zpath);
          if (fz === BAD) return;
          const name = d.string(fz ?? {}, 'name', `${zpath}.name`);
          if (name === BAD) return;
          const text = name ?? '';
          if (seen.has(text)) errs.push(duplicate(`${zpath}.name`, text));
          seen.add(text);
          errs.push(...invalidEach(`${zpath}.name`, text, isValidLabelValue(text, version)));
        });
      }
    }
  }
  return errs;
}

function validatePorts(d: Decoder, ports: Json[], version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  if (ports.length > MAX_PORTS) return [tooMany('ports', ports.length, MAX_PORTS)];
  const names = new Set<string>();
  ports.forEach((item, i) => {
    const path = `ports[${i}]`;
    const p = d.objectValue(item, path);
    if (p === BAD) return;
    const port = p ?? {};
    const name = d.string(port, 'name', `${path}.name`);
    if (name !== BAD) {
      const text = name ?? '';
      if (text !== '') errs.push(...invalidEach(`${path}.name`, text, isDNS1123Label(text, version)));
      if (names.has(text)) errs.push(duplicate(`${path}.name`, text));
      names.add(text);
    }
    // An explicit "" protocol survives defaulting (it is a pointer) and is unsupported.
    const protocol = d.string(port, 'protocol', `${path}.protocol`);
    if (protocol === undefined) errs.push(required(`${path}.protocol`));
    else if (protocol !== BAD && !PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
    d.int(port, 'port', `${path}.port`);
    const appProtocol = d.string(port, 'appProtocol', `${path}.appProtocol`);
    if (ok(appProtocol)) errs.push(...invalidEach(`${path}.appProtocol`, appProtocol, isQualifiedName(appProtocol, version)));
  });
  return errs;
}

/** All validation errors of a (defaulted) discovery.k8s.io/v1 EndpointSlice. */
export function validateEndpointSlice(raw: JsonObject, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [...validateObjectMeta(raw, true, nameIsDNSSubdomain, version).errors];
  const d = new Decoder(errs);
  const addressType = d.string(raw, 'addressType', 'addressType');
  if (addressType !== BAD) {
    if (!addressType) errs.push(required('addressType'));
    else if (!ADDRESS_TYPES.includes(addressType)) errs.push(notSupported('addressType', addressType, ADDRESS_TYPES));
  }
  const type = ok(addressType) ? addressType : '';
  const endpoints = d.list(raw, 'endpoints', 'endpoints');
  if (ok(endpoints)) {
    if (endpoints.length > MAX_ENDPOINTS) errs.push(tooMany('endpoints', endpoints.length, MAX_ENDPOINTS));
    else endpoints.forEach((e, i) => errs.push(...validateEndpoint(d, e, `endpoints[${i}]`, type, version)));
  }
  const ports = d.list(raw, 'ports', 'ports');
  if (ok(ports)) errs.push(...validatePorts(d, ports, version));
  return errs;
}
