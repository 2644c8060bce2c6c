/**
 * gateway-api-validation: table-driven cases. Field paths and messages are those of the standard
 * channel CRDs of kubernetes-sigs/gateway-api (config/crd/standard/gateway.networking.k8s.io_*.yaml,
 * their x-kubernetes-validations), rendered as the apiextensions-apiserver does.
 */
import { check, type Expected, expectFindings, lineOf } from '../../../test/rules/helpers';
import { ruleExample } from '../examples';

const ID = 'gateway-api-validation';
const route = (spec: string, kind = 'HTTPRoute') => `apiVersion: gateway.networking.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: web\nspec:\n${spec}\n`;
const gateway = (listeners: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: public\nspec:\n  gatewayClassName: example\n  listeners:\n${listeners}\n`;
const one = (field: string, line: (t: string) => number, message: string) => (t: string): Expected[] => [{ rule: ID, severity: 'error', field, line: line(t), message: [message] }];

const cases: [string, string, (t: string) => Expected[]][] = [
  ['the example: RequestRedirect with backendRefs', ruleExample(ID).broken, one('spec.rules[0]', (t) => lineOf(t, '- matches:'), 'The HTTPRoute "web" is invalid: spec.rules[0]: Invalid value: "object": RequestRedirect filter must not be used together with backendRefs')],
  ['a Service backendRef without port', route('  rules:\n  - backendRefs:\n    - name: web'), one('spec.rules[0].backendRefs[0]', (t) => lineOf(t, '- name: web'), 'spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference')],
  ['a relative path', route('  rules:\n  - matches:\n    - path:\n        type: Exact\n        value: api'), one('spec.rules[0].matches[0].path', (t) => lineOf(t, 'path:') + 1, "Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']")],
  ['a path with //', route('  rules:\n  - matches:\n    - path:\n        value: /a//b'), one('spec.rules[0].matches[0].path', (t) => lineOf(t, 'path:') + 1, "must not contain '//' when type one of ['Exact', 'PathPrefix']")],
  ['an unknown method', route('  rules:\n  - matches:\n    - method: get'), one('spec.rules[0].matches[0].method', (t) => lineOf(t, 'method: get'), 'Unsupported value: "get": supported values: "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"')],
  [
    'two refs to one parent, one without sectionName',
    route('  parentRefs:\n  - name: public\n  - name: public\n    sectionName: https'),
    one('spec.parentRefs', (t) => lineOf(t, 'parentRefs:') + 1, 'spec.parentRefs: Invalid value: "array": sectionName must be specified when parentRefs includes 2 or more references to the same parent'),
  ],
  ['the same sectionName twice', route('  parentRefs:\n  - name: public\n    sectionName: http\n  - name: public\n    sectionName: http'), one('spec.parentRefs', (t) => lineOf(t, 'parentRefs:') + 1, 'sectionName must be unique when parentRefs includes 2 or more references to the same parent')],
  ['a filter type without its field', route('  rules:\n  - filters:\n    - type: URLRewrite'), one('spec.rules[0].filters[0]', (t) => lineOf(t, '- type: URLRewrite'), 'Invalid value: "object": filter.urlRewrite must be specified for URLRewrite filter.type')],
  ['an upper-case hostname', route('  hostnames:\n  - Shop.example.com'), one('spec.hostnames[0]', (t) => lineOf(t, '- Shop'), 'spec.hostnames[0]: Invalid value: "Shop.example.com": spec.hostnames[0] in body should match')],
  [
    'ReplacePrefixMatch with two matches',
    route('  rules:\n  - matches:\n    - path:\n        value: /a\n    - path:\n        value: /b\n    filters:\n    - type: URLRewrite\n      urlRewrite:\n        path:\n          type: ReplacePrefixMatch\n          replacePrefixMatch: /c'),
    one('spec.rules[0]', (t) => lineOf(t, '- matches:'), 'When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified'),
  ],
  ['a gRPC method match with neither service nor method', route('  rules:\n  - matches:\n    - method:\n        type: Exact', 'GRPCRoute'), one('spec.rules[0].matches[0].method', (t) => lineOf(t, 'method:') + 1, "One or both of 'service' or 'method' must be specified")],
  [
    'listeners with the same port, protocol and hostname',
    gateway('  - name: a\n    port: 80\n    protocol: HTTP\n  - name: b\n    port: 80\n    protocol: HTTP'),
    one('spec.listeners', (t) => lineOf(t, 'listeners:') + 1, 'The Gateway "public" is invalid: spec.listeners: Invalid value: "array": Combination of port, protocol and hostname must be unique for each listener'),
  ],
  ['tls on an HTTP listener', gateway('  - name: a\n    port: 80\n    protocol: HTTP\n    tls:\n      certificateRefs:\n      - name: c'), one('spec.listeners', (t) => lineOf(t, 'listeners:') + 1, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']")],
  ['HTTPS without certificates', gateway('  - name: a\n    port: 443\n    protocol: HTTPS\n    tls:\n      mode: Terminate'), one('spec.listeners[0].tls', (t) => lineOf(t, 'tls:') + 1, 'certificateRefs or options must be specified when mode is Terminate')],
  ['a valid route with a regular expression', route('  rules:\n  - matches:\n    - path:\n        type: RegularExpression\n        value: /v[0-9]+/.*\n    backendRefs:\n    - name: web\n      port: 80'), () => []],
];

test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text, ID), expected(text)));
