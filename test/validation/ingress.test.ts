import type { JsonObject } from '../../lib/k8s/json';
import { renderFieldError } from '../../lib/validation/field-error';
import { validateIngress } from '../../lib/validation/ingress';

const V131 = { major: 1, minor: 31 };
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const WILDCARD = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const backend = { service: { name: 'web', port: { number: 80 } } };
function ing(spec: unknown, metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'site', ...metadata }, spec } as JsonObject;
}
function rule(path: Record<string, unknown>, host?: string): JsonObject {
  // Keys set to undefined are dropped, as if the user had not written them.
  const entry = JSON.parse(JSON.stringify({ path: '/', pathType: 'Prefix', backend, ...path }));
  return { ...(host === undefined ? {} : { host }), http: { paths: [entry] } };
}
function errorsOf(raw: JsonObject): string[] {
  return validateIngress(raw, V131).map(renderFieldError);
}

describe('ValidateIngress (pkg/apis/networking/validation)', () => {
  test.each<[string, JsonObject, string[]]>([
    ['valid rule', ing({ rules: [rule({}, 'foo.bar.com')] }), []],
    ['valid default backend only', ing({ defaultBackend: backend }), []],
    ['valid wildcard host', ing({ rules: [rule({}, '*.foo.com')] }), []],
    ['valid named port', ing({ rules: [rule({ backend: { service: { name: 'web', port: { name: 'http' } } } })] }), []],
    ['valid ImplementationSpecific without path', ing({ rules: [rule({ path: undefined, pathType: 'ImplementationSpecific' })] }), []],
    ['valid resource backend', ing({ defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } } }), []],
    ['valid TLS', ing({ rules: [rule({}, 'foo.com')], tls: [{ hosts: ['foo.com', '*.foo.com'], secretName: 'foo-tls' }] }), []],
    ['neither rules nor default backend', ing({}), ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']],
    ['empty rules', ing({ rules: [] }), ['spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified']],
    ['host is an IP', ing({ rules: [rule({}, '10.0.0.1')] }), ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']],
    ['host * alone', ing({ rules: [rule({}, '*')] }), [`spec.rules[0].host: Invalid value: "*": ${WILDCARD}`]],
    ['host foo.*.com', ing({ rules: [rule({}, 'foo.*.com')] }), [`spec.rules[0].host: Invalid value: "foo.*.com": ${WILDCARD}`]],
    ['host *foo.com', ing({ rules: [rule({}, '*foo.com')] }), [`spec.rules[0].host: Invalid value: "*foo.com": ${WILDCARD}`]],
    ['host with a port', ing({ rules: [rule({}, 'foo.com:8080')] }), [`spec.rules[0].host: Invalid value: "foo.com:8080": ${SUBDOMAIN}`]],
    ['host upper case', ing({ rules: [rule({}, 'Foo.com')] }), [`spec.rules[0].host: Invalid value: "Foo.com": ${SUBDOMAIN}`]],
    ['http without paths', ing({ rules: [{ host: 'foo.com', http: { paths: [] } }] }), ['spec.rules[0].http.paths: Required value']],
    ['pathType missing', ing({ rules: [rule({ pathType: undefined, backend: {} })] }), ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']],
    ['pathType prefix (case)', ing({ rules: [rule({ pathType: 'prefix' })] }), ['spec.rules[0].http.paths[0].pathType: Unsupported value: "prefix": supported values: "Exact", "ImplementationSpecific", "Prefix"']],
    ['relative Prefix path', ing({ rules: [rule({ path: 'api' })] }), ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']],
    ['empty Exact path', ing({ rules: [rule({ path: '', pathType: 'Exact' })] }), ['spec.rules[0].http.paths[0].path: Invalid value: "": must be an absolute path']],
    ['relative ImplementationSpecific path', ing({ rules: [rule({ path: 'api', pathType: 'ImplementationSpecific' })] }), ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']],
    ['path with //', ing({ rules: [rule({ path: '/a//b' })] }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"]],
    ['path with %2F', ing({ rules: [rule({ path: '/a%2Fb' })] }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a%2Fb\": must not contain '%2F'"]],
    ['path ending /..', ing({ rules: [rule({ path: '/a/..' })] }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a/..\": cannot end with '/..'"]],
    ['path ending /.', ing({ rules: [rule({ path: '/a/.' })] }), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a/.\": cannot end with '/.'"]],
    ['both backends', ing({ defaultBackend: { ...backend, resource: { kind: 'Bucket', name: 'b' } } }), ['spec.defaultBackend: Invalid value: "": cannot set both resource and service backends']],
    ['no backend', ing({ rules: [rule({ backend: {} })] }), ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required']],
    ['service name missing', ing({ defaultBackend: { service: { port: { number: 80 } } } }), ['spec.defaultBackend.service.name: Required value']],
    ['service name not DNS-1035', ing({ defaultBackend: { service: { name: '1web', port: { number: 80 } } } }), [`spec.defaultBackend.service.name: Invalid value: "1web": ${DNS1035}`]],
    ['port name and number', ing({ defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }), ['spec.defaultBackend: Invalid value: "": cannot set both port name & port number']],
    ['neither port name nor number', ing({ defaultBackend: { service: { name: 'web', port: {} } } }), ['spec.defaultBackend: Required value: port name or number is required']],
    ['port number 0 counts as unset', ing({ defaultBackend: { service: { name: 'web', port: { number: 0 } } } }), ['spec.defaultBackend: Required value: port name or number is required']],
    ['port number 70000', ing({ defaultBackend: { service: { name: 'web', port: { number: 70000 } } } }), ['spec.defaultBackend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive']],
    ['port name is IANA_SVC_NAME', ing({ defaultBackend: { service: { name: 'web', port: { name: 'http-web-server-1' } } } }), ['spec.defaultBackend.service.port.name: Invalid value: "http-web-server-1": must be no more than 15 characters']],
    ['resource without kind and name', ing({ defaultBackend: { resource: {} } }), ['spec.defaultBackend.resource.kind: Required value: kind is required', 'spec.defaultBackend.resource.name: Required value: name is required']],
    ['resource name with /', ing({ defaultBackend: { resource: { kind: 'Bucket', name: 'a/b' } } }), ["spec.defaultBackend.resource.name: Invalid value: \"a/b\": may not contain '/'"]],
    ['TLS host and secret', ing({ defaultBackend: backend, tls: [{ hosts: ['Foo.com', '*'], secretName: 'Foo_tls' }] }), [
      `spec.tls[0].hosts[0]: Invalid value: "Foo.com": ${SUBDOMAIN}`,
      `spec.tls[0].hosts[1]: Invalid value: "*": ${WILDCARD}`,
      `spec.tls[0].secretName: Invalid value: "Foo_tls": ${SUBDOMAIN}`,
    ]],
    ['ingressClassName', ing({ defaultBackend: backend, ingressClassName: 'Nginx' }), [`spec.ingressClassName: Invalid value: "Nginx": ${SUBDOMAIN}`]],
    ['class annotation must match', ing({ defaultBackend: backend, ingressClassName: 'nginx' }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }), ['annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified']],
    ['name', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'My_Site' }, spec: { defaultBackend: backend } }, [`metadata.name: Invalid value: "My_Site": ${SUBDOMAIN}`]],
    ['rules as an object', ing({ rules: { host: 'a.com' } }), ['spec.rules: Invalid value: {"host":"a.com"}: must be a list']],
    ['port number as a string', ing({ defaultBackend: { service: { name: 'web', port: { number: '80' } } } }), ['spec.defaultBackend.service.port.number: Invalid value: "80": must be an integer']],
    ['paths as a string', ing({ rules: [{ http: { paths: '/' } }] }), ['spec.rules[0].http.paths: Invalid value: "/": must be a list']],
  ])('%s', (_name, raw, expected) => expect(errorsOf(raw)).toEqual(expected));
});
