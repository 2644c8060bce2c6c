import { defaultService } from '../../lib/k8s/defaults';
import type { JsonObject } from '../../lib/k8s/json';
import { renderFieldError, renderInvalid } from '../../lib/validation/field-error';
import { validateService } from '../../lib/validation/service';

const V131 = { major: 1, minor: 31 };
const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** A valid ClusterIP service, with `spec` fields overridden. */
function svc(spec: JsonObject, name = 'web', metadata: JsonObject = {}): JsonObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, ...metadata }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } };
}

function errorsOf(raw: JsonObject, version = V131): string[] {
  return validateService(defaultService(raw), version).map(renderFieldError);
}

describe('ValidateService (pkg/apis/core/validation): input after defaulting → first error line', () => {
  const cases: { name: string; input: JsonObject; first: string }[] = [
    { name: 'name My_Svc', input: svc({}, 'My_Svc'), first: `metadata.name: Invalid value: "My_Svc": ${DNS1035}` },
    { name: 'name 1abc', input: svc({}, '1abc'), first: `metadata.name: Invalid value: "1abc": ${DNS1035}` },
    { name: '2 ports, second unnamed', input: svc({ ports: [{ name: 'http', port: 80 }, { port: 81 }] }), first: 'spec.ports[1].name: Required value' },
    { name: 'ports named http,http', input: svc({ ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }] }), first: 'spec.ports[1].name: Duplicate value: "http"' },
    { name: 'port name HTTP', input: svc({ ports: [{ name: 'HTTP', port: 80 }] }), first: `spec.ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL}` },
    { name: 'targetPort "123"', input: svc({ ports: [{ port: 80, targetPort: '123' }] }), first: 'spec.ports[0].targetPort: Invalid value: "123": must contain at least one letter (a-z)' },
    { name: 'port 0', input: svc({ ports: [{ port: 0, targetPort: 8080 }] }), first: 'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive' },
    { name: 'port 65536', input: svc({ ports: [{ port: 65536, targetPort: 8080 }] }), first: 'spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive' },
    { name: 'type ClusterIP, nodePort 30001', input: svc({ ports: [{ port: 80, nodePort: 30001 }] }), first: "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'" },
    { name: 'type NodePort, clusterIP None', input: svc({ type: 'NodePort', clusterIP: 'None' }), first: `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services` },
    { name: 'type LoadBalancer, clusterIP None', input: svc({ type: 'LoadBalancer', clusterIP: 'None' }), first: `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for LoadBalancer services` },
    { name: 'ExternalName My.Example.com', input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'My.Example.com' } }, first: `spec.externalName: Invalid value: "My.Example.com": ${SUBDOMAIN}` },
    { name: 'ClusterIP + externalTrafficPolicy Local', input: svc({ externalTrafficPolicy: 'Local' }), first: 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services' },
    { name: 'ClientIP timeout 86401', input: svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }), first: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400' },
    { name: 'ClientIP timeout 0', input: svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }), first: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400' },
    { name: 'externalIPs 127.0.0.1', input: svc({ externalIPs: ['127.0.0.1'] }), first: 'spec.externalIPs[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)' },
    { name: 'clusterIP 10.0.0.300', input: svc({ clusterIP: '10.0.0.300' }), first: 'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
  ];
  test.each(cases)('$name', ({ input, first }) => {
    const errs = errorsOf(input);
    expect(errs[0]).toBe(first);
  });

  test.each<[string, JsonObject]>([
    ['port name 123 (DNS-1123 label may be all digits)', svc({ ports: [{ name: '123', port: 80 }] })],
    ['ClientIP timeout 86400 is accepted', svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } })],
    ['headless with sessionAffinity ClientIP', svc({ clusterIP: 'None', sessionAffinity: 'ClientIP' })],
    ['headless without ports', svc({ clusterIP: 'None', ports: [] })],
    ['headless with targetPort ≠ port', svc({ clusterIP: 'None', ports: [{ port: 80, targetPort: 8080 }] })],
    ['ExternalName with a trailing dot', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'foo.com.' } }],
    ['ExternalName with ports and a selector', svc({ type: 'ExternalName', externalName: 'foo.com' })],
    ['same port with TCP and UDP', svc({ ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] })],
    ['same nodePort with TCP and UDP', svc({ type: 'NodePort', ports: [{ name: 'dns', port: 53, protocol: 'UDP', nodePort: 30053 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 }] })],
    ['nodePort outside the range is the allocator\'s business', svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 29999 }] })],
    ['clusterIP out of any CIDR is the allocator\'s business', svc({ clusterIP: '1.1.1.1' })],
    ['ClusterIP with externalIPs and Local policy', svc({ externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Local' })],
    ['mixed protocols on a LoadBalancer (v1.24+)', svc({ type: 'LoadBalancer', ports: [{ name: 'a', port: 53, protocol: 'UDP' }, { name: 'b', port: 53, protocol: 'TCP' }] })],
    ['dual-stack clusterIPs', svc({ clusterIP: '10.0.0.10', clusterIPs: ['10.0.0.10', 'fd00::10'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack' })],
    ['multicast externalIP (not link-local)', svc({ externalIPs: ['239.1.1.1'] })],
    ['LoadBalancer Local with a healthCheckNodePort', svc({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000 })],
    ['selector-less service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { ports: [{ port: 5432 }] } }],
    ['generateName instead of name', { apiVersion: 'v1', kind: 'Service', metadata: { generateName: 'web-' }, spec: { ports: [{ port: 80 }] } }],
    ['trafficDistribution PreferClose', svc({ trafficDistribution: 'PreferClose' })],
  ])('valid: %s', (_name, input) => {
    expect(errorsOf(input)).toEqual([]);
  });
});

describe('Service rules (exact texts)', () => {
  const cases: { name: string; input: JsonObject; expected: string[]; version?: { major: number; minor: number } }[] = [
    { name: 'no ports', input: svc({ ports: [] }), expected: ['spec.ports: Required value'] },
    { name: 'no spec at all', input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' } }, expected: ['spec.ports: Required value'] },
    { name: 'metadata.name missing', input: { apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { ports: [{ port: 80 }] } }, expected: ['metadata.name: Required value: name or generateName is required'] },
    { name: 'namespace must be a DNS label', input: svc({}, 'web', { namespace: 'My_NS' }), expected: [`metadata.namespace: Invalid value: "My_NS": ${DNS1123_LABEL}`] },
    {
      name: 'LoadBalancer exposing 10250',
      input: svc({ type: 'LoadBalancer', ports: [{ port: 10250 }] }),
      expected: ['spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet'],
    },
    {
      name: 'duplicate port+protocol renders the Go struct',
      input: svc({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80, targetPort: 8080 }] }),
      expected: ['spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
    },
    {
      name: 'duplicate nodePort with the same protocol',
      input: svc({ type: 'NodePort', ports: [{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, nodePort: 30080 }] }),
      expected: ['spec.ports[1].nodePort: Duplicate value: 30080'],
    },
    { name: 'protocol HTTP', input: svc({ ports: [{ port: 80, protocol: 'HTTP' }] }), expected: ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'] },
    { name: 'protocol tcp is case-sensitive', input: svc({ ports: [{ port: 80, protocol: 'tcp' }] }), expected: ['spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'] },
    { name: 'targetPort too long', input: svc({ ports: [{ port: 80, targetPort: 'http-web-server-1' }] }), expected: ['spec.ports[0].targetPort: Invalid value: "http-web-server-1": must be no more than 15 characters'] },
    { name: 'targetPort 70000', input: svc({ ports: [{ port: 80, targetPort: 70000 }] }), expected: ['spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'] },
    { name: 'appProtocol', input: svc({ ports: [{ port: 80, appProtocol: 'a b' }] }), expected: [`spec.ports[0].appProtocol: Invalid value: "a b": name part ${QNAME}`] },
    { name: 'selector key', input: svc({ selector: { 'a b': 'web' } }), expected: [`spec.selector: Invalid value: "a b": name part ${QNAME}`] },
    {
      name: 'selector value',
      input: svc({ selector: { app: 'web app' } }),
      expected: ["spec.selector: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    },
    { name: 'sessionAffinity Sticky', input: svc({ sessionAffinity: 'Sticky' }), expected: ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'] },
    { name: 'type Internal', input: svc({ type: 'Internal' }), expected: ['spec.type: Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'] },
    {
      name: 'ExternalName with a clusterIP',
      input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'foo.com', clusterIP: '10.0.0.5' } },
      expected: ['spec.clusterIPs: Forbidden: may not be set for ExternalName services'],
    },
    {
      name: 'ExternalName with a clusterIP (v1.19)',
      input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'foo.com', clusterIP: '10.0.0.5' } },
      version: { major: 1, minor: 19 },
      expected: ['spec.clusterIP: Forbidden: must be empty for ExternalName services'],
    },
    {
      name: 'ExternalName with families and policy',
      input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName', externalName: 'foo.com', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' } },
      expected: ['spec.ipFamilies: Forbidden: may not be set for ExternalName services', 'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services'],
    },
    { name: 'ExternalName without a name', input: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext' }, spec: { type: 'ExternalName' } }, expected: ['spec.externalName: Required value'] },
    {
      name: 'clusterIPs[0] must match clusterIP',
      input: svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.2'] }),
      expected: ['spec.clusterIPs: Invalid value: []string{"10.0.0.2"}: first value must match `clusterIP`'],
    },
    { name: 'clusterIPs without clusterIP', input: svc({ clusterIPs: ['10.0.0.2'] }), expected: ['spec.clusterIPs: Invalid value: []string{"10.0.0.2"}: must be empty when `clusterIP` is not specified'] },
    {
      name: 'None must be the only value',
      input: svc({ clusterIP: 'None', clusterIPs: ['None', '10.0.0.1'] }),
      expected: ['spec.clusterIPs: Invalid value: []string{"None", "10.0.0.1"}: \'None\' must be the first and only value'],
    },
    {
      name: 'two IPv4 clusterIPs',
      input: svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', '10.0.0.2'] }),
      expected: ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "10.0.0.2"}: may specify no more than one IP for each IP family'],
    },
    {
      name: 'three clusterIPs',
      input: svc({ clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 'fd00::1', '10.0.0.2'] }),
      expected: ['spec.clusterIPs: Invalid value: []string{"10.0.0.1", "fd00::1", "10.0.0.2"}: may only hold up to 2 values'],
    },
    { name: 'family mismatch', input: svc({ clusterIP: 'fd00::1', ipFamilies: ['IPv4'] }), expected: ['spec.clusterIPs[0]: Invalid value: "fd00::1": expected an IPv4 value as indicated by `ipFamilies[0]`'] },
    { name: 'family mismatch v6', input: svc({ clusterIP: '10.0.0.1', ipFamilies: ['IPv6'] }), expected: ['spec.clusterIPs[0]: Invalid value: "10.0.0.1": expected an IPv6 value as indicated by `ipFamilies[0]`'] },
    {
      name: 'ipFamilies and policy values',
      input: svc({ ipFamilies: ['IPv4', 'IPv4', 'IPv5'], ipFamilyPolicy: 'DualStack' }),
      expected: ['spec.ipFamilies[1]: Duplicate value: "IPv4"', 'spec.ipFamilies[2]: Unsupported value: "IPv5": supported values: "IPv4", "IPv6"', 'spec.ipFamilyPolicy: Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"'],
    },
    {
      name: 'externalIPs: each special range',
      input: svc({ externalIPs: ['0.0.0.0', '169.254.1.1', '224.0.0.5', 'fe80::1', 'nope'] }),
      expected: [
        'spec.externalIPs[0]: Invalid value: "0.0.0.0": may not be unspecified (0.0.0.0)',
        'spec.externalIPs[1]: Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
        'spec.externalIPs[2]: Invalid value: "224.0.0.5": may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
        'spec.externalIPs[3]: Invalid value: "fe80::1": may not be in the link-local range (169.254.0.0/16, fe80::/10)',
        'spec.externalIPs[4]: Invalid value: "nope": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
      ],
    },
    {
      name: 'loadBalancerSourceRanges on ClusterIP and a bad CIDR',
      input: svc({ loadBalancerSourceRanges: [' 10.0.0.0/8 ', '1.2.3.4'] }),
      expected: ["spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'", 'spec.LoadBalancerSourceRanges[1]: Invalid value: "1.2.3.4": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    },
    {
      name: 'source-ranges annotation',
      input: svc({ type: 'LoadBalancer' }, 'web', { annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, bad' } }),
      expected: ['metadata.annotations[service.beta.kubernetes.io/load-balancer-source-ranges]: Invalid value: "bad": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'],
    },
    { name: 'allocateLoadBalancerNodePorts on NodePort', input: svc({ type: 'NodePort', allocateLoadBalancerNodePorts: false }), expected: ["spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'"] },
    { name: 'loadBalancerClass on ClusterIP', input: svc({ loadBalancerClass: 'example.com/lb' }), expected: ["spec.loadBalancerClass: Forbidden: may only be used when `type` is 'LoadBalancer'"] },
    { name: 'externalTrafficPolicy Global', input: svc({ type: 'NodePort', externalTrafficPolicy: 'Global' }), expected: ['spec.externalTrafficPolicy: Unsupported value: "Global": supported values: "Cluster", "Local"'] },
    {
      name: 'externalTrafficPolicy on ClusterIP (v1.21 text)',
      input: svc({ externalTrafficPolicy: 'Local' }),
      version: { major: 1, minor: 21 },
      expected: ['spec.externalTrafficPolicy: Invalid value: "Local": ExternalTrafficPolicy can only be set on NodePort and LoadBalancer service'],
    },
    {
      name: 'healthCheckNodePort without Local',
      input: svc({ type: 'LoadBalancer', healthCheckNodePort: 32000 }),
      expected: ["spec.healthCheckNodePort: Invalid value: 32000: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"],
    },
    { name: 'internalTrafficPolicy Node', input: svc({ internalTrafficPolicy: 'Node' }), expected: ['spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'] },
    { name: 'internalTrafficPolicy ""', input: svc({ internalTrafficPolicy: '' }), expected: ['spec.internalTrafficPolicy: Unsupported value: "": supported values: "Cluster", "Local"'] },
    { name: 'trafficDistribution (v1.31)', input: svc({ trafficDistribution: 'PreferSameZone' }), expected: ['spec.trafficDistribution: Unsupported value: "PreferSameZone": supported values: "PreferClose"'] },
    { name: 'trafficDistribution (v1.33)', input: svc({ trafficDistribution: 'Nearby' }), version: { major: 1, minor: 33 }, expected: ['spec.trafficDistribution: Unsupported value: "Nearby": supported values: "PreferClose", "PreferSameNode", "PreferSameZone"'] },
    {
      name: 'mixed protocols on a LoadBalancer (v1.23)',
      input: svc({ type: 'LoadBalancer', ports: [{ name: 'a', port: 53, protocol: 'UDP' }, { name: 'b', port: 53, protocol: 'TCP' }] }),
      version: { major: 1, minor: 23 },
      expected: [
        'spec.ports: Invalid value: []core.ServicePort{core.ServicePort{Name:"a", Protocol:"UDP", AppProtocol:(*string)(nil), Port:53, TargetPort:intstr.IntOrString{Type:0, IntVal:53, StrVal:""}, NodePort:0}, core.ServicePort{Name:"b", Protocol:"TCP", AppProtocol:(*string)(nil), Port:53, TargetPort:intstr.IntOrString{Type:0, IntVal:53, StrVal:""}, NodePort:0}}: cannot create an external load balancer with mix protocols',
      ],
    },
    {
      name: 'topology annotations must agree',
      input: svc({}, 'web', { annotations: { 'service.kubernetes.io/topology-mode': 'Auto', 'service.kubernetes.io/topology-aware-hints': 'Disabled' } }),
      expected: ['metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified'],
    },
    {
      name: 'all errors at once',
      input: svc({ ports: [{ name: 'HTTP', port: 0, protocol: 'HTTP', targetPort: 'x_y' }, { port: 80, nodePort: 30000 }] }, 'Web'),
      expected: [
        `metadata.name: Invalid value: "Web": ${DNS1035}`,
        `spec.ports[0].name: Invalid value: "HTTP": ${DNS1123_LABEL}`,
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
        'spec.ports[0].targetPort: Invalid value: "x_y": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'spec.ports[1].name: Required value',
        "spec.ports[1].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
      ],
    },
  ];
  test.each(cases)('$name', ({ input, expected, version }) => {
    expect(errorsOf(input, version ?? V131)).toEqual(expected);
  });

  test('sessionAffinityConfig on None is forbidden (only reachable without defaulting)', () => {
    const raw = svc({ sessionAffinity: 'None', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } }, type: 'ClusterIP', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect(validateService(raw, V131).map(renderFieldError)).toEqual(['spec.sessionAffinityConfig: Forbidden: must not be set when session affinity is None']);
  });

  test('ClientIP with an explicit null-free config lacking clientIP (only reachable without defaulting)', () => {
    const raw = svc({ sessionAffinity: 'ClientIP', sessionAffinityConfig: {}, type: 'ClusterIP', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    expect(validateService(raw, V131).map(renderFieldError)).toEqual(['spec.sessionAffinityConfig.clientIP: Required value: when session affinity type is ClientIP']);
  });

  test('kubectl rendering, one and several errors', () => {
    expect(renderInvalid('Service', 'web', validateService(defaultService(svc({ ports: [{ port: 0, targetPort: 80 }] }))))).toBe(
      'The Service "web" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
    );
    // port 0 defaults targetPort to 0 too, so upstream reports both.
    expect(renderInvalid('Service', 'web', validateService(defaultService(svc({ ports: [{ port: 0 }] }))))).toBe(
      'The Service "web" is invalid: \n* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    );
    expect(renderInvalid('Service', 'web', validateService(defaultService(svc({ ports: [{ name: 'http' }] }))))).toBe(
      'The Service "web" is invalid: spec.ports[0].port: Required value',
    );
  });
});

describe('wrong JSON types give errors on the right path, never exceptions', () => {
  const cases: { name: string; spec: unknown; expected: string[] }[] = [
    { name: 'ports as a string', spec: { selector: { app: 'web' }, ports: '80' }, expected: ['spec.ports: Invalid value: "80": must be a list'] },
    { name: 'port as "80"', spec: { ports: [{ port: '80' }] }, expected: ['spec.ports[0].port: Invalid value: "80": must be an integer'] },
    { name: 'port as 80.5', spec: { ports: [{ port: 80.5, targetPort: 80 }] }, expected: ['spec.ports[0].port: Invalid value: 80.5: must be an integer'] },
    { name: 'selector as a list', spec: { ports: [{ port: 80 }], selector: ['app=web'] }, expected: ['spec.selector: Invalid value: ["app=web"]: must be a map of strings'] },
    { name: 'selector value a number', spec: { ports: [{ port: 80 }], selector: { version: 1 } }, expected: ['spec.selector[version]: Invalid value: 1: must be a string'] },
    { name: 'a port that is a string', spec: { ports: ['http'] }, expected: ['spec.ports[0]: Invalid value: "http": must be an object'] },
    { name: 'targetPort a bool', spec: { ports: [{ port: 80, targetPort: true }] }, expected: ['spec.ports[0].targetPort: Invalid value: true: must be an integer or a string'] },
    { name: 'type a number', spec: { ports: [{ port: 80 }], type: 3 }, expected: ['spec.type: Invalid value: 3: must be a string'] },
    { name: 'externalIPs a string', spec: { ports: [{ port: 80 }], externalIPs: '1.2.3.4' }, expected: ['spec.externalIPs: Invalid value: "1.2.3.4": must be a list'] },
    { name: 'clusterIPs item a number', spec: { ports: [{ port: 80 }], clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1', 5] }, expected: ['spec.clusterIPs[1]: Invalid value: 5: must be a string'] },
    { name: 'spec a string', spec: 'x', expected: ['spec: Invalid value: "x": must be an object'] },
    { name: 'sessionAffinityConfig a list', spec: { ports: [{ port: 80 }], sessionAffinity: 'ClientIP', sessionAffinityConfig: [] }, expected: ['spec.sessionAffinityConfig: Invalid value: []: must be an object'] },
  ];
  test.each(cases)('$name', ({ spec, expected }) => {
    const raw = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec } as unknown as JsonObject;
    expect(errorsOf(raw)).toEqual(expected);
  });

  test('metadata of the wrong shapes', () => {
    const raw = { apiVersion: 'v1', kind: 'Service', metadata: { name: 5, labels: ['a'], annotations: { a: 1 } }, spec: { ports: [{ port: 80 }] } } as unknown as JsonObject;
    expect(errorsOf(raw)).toEqual([
      'metadata.name: Invalid value: 5: must be a string',
      'metadata.labels: Invalid value: ["a"]: must be a map of strings',
      'metadata.annotations[a]: Invalid value: 1: must be a string',
    ]);
    expect(errorsOf({ apiVersion: 'v1', kind: 'Service', metadata: 'x', spec: { ports: [{ port: 80 }] } } as unknown as JsonObject)).toEqual(['metadata: Invalid value: "x": must be an object']);
  });
});
