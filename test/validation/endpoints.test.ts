import { defaultEndpointSlice, defaultEndpoints } from '../../lib/k8s/defaults';
import type { JsonObject } from '../../lib/k8s/json';
import { validateEndpointSlice } from '../../lib/validation/endpoint-slice';
import { validateEndpoints } from '../../lib/validation/endpoints';
import { renderFieldError } from '../../lib/validation/field-error';

const V131 = { major: 1, minor: 31 };
const DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function ep(subsets: unknown, name = 'db'): JsonObject {
  return { apiVersion: 'v1', kind: 'Endpoints', metadata: { name }, subsets } as JsonObject;
}
function epErrors(raw: JsonObject): string[] {
  return validateEndpoints(defaultEndpoints(raw), V131).map(renderFieldError);
}

describe('ValidateEndpoints (pkg/apis/core/validation)', () => {
  test.each<[string, JsonObject, string[]]>([
    ['valid manual endpoints', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 5432 }] }]), []],
    ['valid, name with dots (a subdomain)', ep([{ addresses: [{ ip: '10.1.2.3' }] }], 'db.example'), []],
    ['not-ready addresses only, no ports', ep([{ notReadyAddresses: [{ ip: '10.1.2.3' }] }]), []],
    ['non-link-local multicast is accepted', ep([{ addresses: [{ ip: '239.1.2.3' }] }]), []],
    ['no subsets at all', ep(undefined), []],
    ['name My_DB', ep([], 'My_DB'), [`metadata.name: Invalid value: "My_DB": ${SUBDOMAIN}`]],
    ['subset without addresses', ep([{ ports: [{ port: 80 }] }]), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
    ['bad IP', ep([{ addresses: [{ ip: '10.1.2' }] }]), ['subsets[0].addresses[0].ip: Invalid value: "10.1.2": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)']],
    ['loopback', ep([{ addresses: [{ ip: '127.0.0.1' }] }]), ['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['unspecified', ep([{ notReadyAddresses: [{ ip: '0.0.0.0' }] }]), ['subsets[0].notReadyAddresses[0].ip: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)']],
    ['link-local', ep([{ addresses: [{ ip: '169.254.169.254' }] }]), ['subsets[0].addresses[0].ip: Invalid value: "169.254.169.254": may not be in the link-local range (169.254.0.0/16, fe80::/10)']],
    ['link-local multicast', ep([{ addresses: [{ ip: '224.0.0.18' }] }]), ['subsets[0].addresses[0].ip: Invalid value: "224.0.0.18": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)']],
    ['hostname', ep([{ addresses: [{ ip: '10.1.2.3', hostname: 'DB-0' }] }]), [`subsets[0].addresses[0].hostname: Invalid value: "DB-0": ${DNS1123_LABEL}`]],
    ['nodeName', ep([{ addresses: [{ ip: '10.1.2.3', nodeName: 'Node_1' }] }]), [`subsets[0].addresses[0].nodeName: Invalid value: "Node_1": ${SUBDOMAIN}`]],
    ['two ports, one unnamed', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'a', port: 80 }, { port: 81 }] }]), ['subsets[0].ports[1].name: Required value']],
    ['duplicate port names are not checked', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] }]), []],
    ['port 0', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 0 }] }]), ['subsets[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive']],
    ['port name HTTP', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'HTTP', port: 80 }] }]), [`subsets[0].ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL}`]],
    ['protocol http', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80, protocol: 'http' }] }]), ['subsets[0].ports[0].protocol: Unsupported value: "http": supported values: "SCTP", "TCP", "UDP"']],
    ['subsets as an object', ep({ addresses: [] }), ['subsets: Invalid value: {"addresses":[]}: must be a list']],
    ['port as a string', ep([{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: '80' }] }]), ['subsets[0].ports[0].port: Invalid value: "80": must be an integer']],
    ['address ip as a number', ep([{ addresses: [{ ip: 10 }] }]), ['subsets[0].addresses[0].ip: Invalid value: 10: must be a string']],
  ])('%s', (_name, raw, expected) => expect(epErrors(raw)).toEqual(expected));
});

function slice(fields: JsonObject, name = 'db-abc'): JsonObject {
  return { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, labels: { 'kubernetes.io/service-name': 'db' } }, addressType: 'IPv4', ...fields };
}
function sliceErrors(raw: JsonObject): string[] {
  return validateEndpointSlice(defaultEndpointSlice(raw), V131).map(renderFieldError);
}

describe('ValidateEndpointSlice (pkg/apis/discovery/validation)', () => {
  test.each<[string, JsonObject, string[]]>([
    ['valid', slice({ endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true }, zone: 'a', hostname: 'db-0' }], ports: [{ name: 'pg', port: 5432 }] }), []],
    ['valid FQDN', slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db.example.com.'] }] }), []],
    ['valid IPv6', slice({ addressType: 'IPv6', endpoints: [{ addresses: ['fd00::5'] }] }), []],
    ['unnamed single port is fine', slice({ ports: [{ port: 80 }] }), []],
    ['addressType missing', slice({ addressType: null }), ['addressType: Required value']],
    ['addressType ipv4', slice({ addressType: 'ipv4' }), ['addressType: Unsupported value: "ipv4": supported values: "FQDN", "IPv4", "IPv6"']],
    ['endpoint without addresses', slice({ endpoints: [{ addresses: [] }] }), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['IPv6 address in an IPv4 slice', slice({ endpoints: [{ addresses: ['fd00::1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
    ['IPv4 address in an IPv6 slice', slice({ addressType: 'IPv6', endpoints: [{ addresses: ['10.0.0.1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "10.0.0.1": must be a valid IPv6 address']],
    ['loopback', slice({ endpoints: [{ addresses: ['127.0.0.1'] }] }), ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['FQDN with one label', slice({ addressType: 'FQDN', endpoints: [{ addresses: ['db'] }] }), ['endpoints[0].addresses[0]: Invalid value: "db": should be a domain with at least two segments separated by dots']],
    ['FQDN upper case', slice({ addressType: 'FQDN', endpoints: [{ addresses: ['DB.example.com'] }] }), [`endpoints[0].addresses[0]: Invalid value: "DB.example.com": ${SUBDOMAIN}`]],
    ['hostname', slice({ endpoints: [{ addresses: ['10.1.2.3'], hostname: 'a.b' }] }), ['endpoints[0].hostname: Invalid value: "a.b": must not contain dots']],
    ['duplicate port names', slice({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }), ['ports[1].name: Duplicate value: "http"']],
    ['two unnamed ports are duplicates', slice({ ports: [{ port: 80 }, { port: 81 }] }), ['ports[1].name: Duplicate value: ""']],
    ['port name HTTP', slice({ ports: [{ name: 'HTTP', port: 80 }] }), [`ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL}`]],
    ['protocol ""', slice({ ports: [{ port: 80, protocol: '' }] }), ['ports[0].protocol: Unsupported value: "": supported values: "SCTP", "TCP", "UDP"']],
    ['too many zone hints', slice({ endpoints: [{ addresses: ['10.1.2.3'], hints: { forZones: Array.from({ length: 9 }, (_, i) => ({ name: `z${i}` })) } }] }), ['endpoints[0].hints.forZones: Too many: 9: must have at most 8 items']],
    ['duplicate zone hint', slice({ endpoints: [{ addresses: ['10.1.2.3'], hints: { forZones: [{ name: 'a' }, { name: 'a' }] } }] }), ['endpoints[0].hints.forZones[1].name: Duplicate value: "a"']],
    ['name', slice({}, 'DB'), [`metadata.name: Invalid value: "DB": ${SUBDOMAIN}`]],
    ['addresses as a string', slice({ endpoints: [{ addresses: '10.1.2.3' }] }), ['endpoints[0].addresses: Invalid value: "10.1.2.3": must be a list']],
    ['endpoints as an object', slice({ endpoints: { addresses: ['10.1.2.3'] } }), ['endpoints: Invalid value: {"addresses":["10.1.2.3"]}: must be a list']],
  ])('%s', (_name, raw, expected) => expect(sliceErrors(raw)).toEqual(expected));

  test('more than 1000 endpoints', () => {
    const endpoints = Array.from({ length: 1001 }, (_, i) => ({ addresses: [`10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`] }));
    expect(sliceErrors(slice({ endpoints }))).toEqual(['endpoints: Too many: 1001: must have at most 1000 items']);
  });
});
