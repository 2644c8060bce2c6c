/**
 * ValidateEndpoints (v1 Endpoints) for a create, after defaultEndpoints.
 * Nothing ties an Endpoints' name to a Service: that is the controller's naming convention.
 *
 * Source: kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateEndpoints,
 * validateEndpointSubsets, validateEndpointAddress, validateEndpointPort, ValidateNonSpecialIP).
 */
import type { Json, JsonObject } from '../k8s/json';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP, isValidPortNum, validateNonSpecialIP, type KubeVersion } from '../k8s/names';
import { BAD, Decoder, ok } from './decode';
import { invalidEach, notSupported, required, type FieldError } from './field-error';
import { nameIsDNSSubdomain, validateObjectMeta } from './object-meta';
import { PORT_PROTOCOLS } from './service';

function validateAddress(d: Decoder, item: Json, path: string, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const a = d.objectValue(item, path);
  if (a === BAD) return errs;
  const addr = a ?? {};
  const ip = d.string(addr, 'ip', `${path}.ip`);
  if (ip !== BAD) {
    const text = ip ?? '';
    const bad = isValidIP(text, version);
    errs.push(...invalidEach(`${path}.ip`, text, bad));
    // Upstream also runs the special-range check on an unparsable address, repeating the
    // complaint in other words; one message is enough.
    if (bad.length === 0) errs.push(...invalidEach(`${path}.ip`, text, validateNonSpecialIP(text)));
  }
  const hostname = d.string(addr, 'hostname', `${path}.hostname`);
  if (ok(hostname) && hostname !== '') errs.push(...invalidEach(`${path}.hostname`, hostname, isDNS1123Label(hostname, version)));
  const nodeName = d.string(addr, 'nodeName', `${path}.nodeName`);
  if (ok(nodeName)) errs.push(...invalidEach(`${path}.nodeName`, nodeName, isDNS1123Subdomain(nodeName, version)));
  d.object(addr, 'targetRef', `${path}.targetRef`);
  return errs;
}

function validatePort(d: Decoder, item: Json, path: string, requireName: boolean, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [];
  const p = d.objectValue(item, path);
  if (p === BAD) return errs;
  const port = p ?? {};
  const name = d.string(port, 'name', `${path}.name`);
  if (name !== BAD) {
    if (requireName && !name) errs.push(required(`${path}.name`));
    else if (name) errs.push(...invalidEach(`${path}.name`, name, isDNS1123Label(name, version)));
  }
  const number = d.int(port, 'port', `${path}.port`);
  // As for Service ports, a missing port is reported as missing rather than as Go's zero value.
  if (number === undefined) errs.push(required(`${path}.port`));
  else if (number !== BAD) errs.push(...invalidEach(`${path}.port`, number, isValidPortNum(number)));
  const protocol = d.string(port, 'protocol', `${path}.protocol`);
  if (protocol !== BAD) {
    if (!protocol) errs.push(required(`${path}.protocol`));
    else if (!PORT_PROTOCOLS.includes(protocol)) errs.push(notSupported(`${path}.protocol`, protocol, PORT_PROTOCOLS));
  }
  const appProtocol = d.string(port, 'appProtocol', `${path}.appProtocol`);
  if (ok(appProtocol)) errs.push(...invalidEach(`${path}.appProtocol`, appProtocol, isQualifiedName(appProtocol, version)));
  return errs;
}

/** All validation errors of a (defaulted) Endpoints object. */
export function validateEndpoints(raw: JsonObject, version?: KubeVersion): FieldError[] {
  const errs: FieldError[] = [...validateObjectMeta(raw, true, nameIsDNSSubdomain, version).errors];
  const d = new Decoder(errs);
  const subsets = d.list(raw, 'subsets', 'subsets');
  if (!ok(subsets)) return errs;
  subsets.forEach((item, i) => {
    const path = `subsets[${i}]`;
    const ss = d.objectValue(item, path);
    if (ss === BAD) return;
    const subset = ss ?? {};
    const addresses = d.list(subset, 'addresses', `${path}.addresses`);
    const notReady = d.list(subset, 'notReadyAddresses', `${path}.notReadyAddresses`);
    const ports = d.list(subset, 'ports', `${path}.ports`);
    const count = (ok(addresses) ? addresses.length : 0) + (ok(notReady) ? notReady.length : 0);
    if (count === 0 && addresses !== BAD && notReady !== BAD) errs.push(required(path, 'must specify `addresses` or `notReadyAddresses`'));
    if (ok(addresses)) addresses.forEach((a, j) => errs.push(...validateAddress(d, a, `${path}.addresses[${j}]`, version)));
    if (ok(notReady)) notReady.forEach((a, j) => errs.push(...validateAddress(d, a, `${path}.notReadyAddresses[${j}]`, version)));
    if (ok(ports)) ports.forEach((p, j) => errs.push(...validatePort(d, p, `${path}.ports[${j}]`, ports.length > 1, version)));
  });
  return errs;
}
