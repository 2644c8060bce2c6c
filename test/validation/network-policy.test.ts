/**
 * NetworkPolicy API validation: vectors from upstream
 * pkg/apis/networking/validation/validation_test.go (TestValidateNetworkPolicy) and
 * validation.go (ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock,
 * ValidateNetworkPolicySpec).
 */
import type { JsonObject } from '../../lib/k8s/json';
import { renderFieldError } from '../../lib/validation/field-error';
import { validateNetworkPolicy } from '../../lib/validation/network-policy';
import { validateObject } from '../../lib/validation';

const V131 = { major: 1, minor: 31 };

function np(spec: unknown, name = 'p'): JsonObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name }, spec } as JsonObject;
}

function errors(raw: JsonObject): string[] {
  return validateNetworkPolicy(raw, V131).map(renderFieldError);
}

const ingressPort = (port: unknown) => np({ podSelector: {}, ingress: [{ ports: [port] }] });
const ingressPeer = (peer: unknown) => np({ podSelector: {}, ingress: [{ from: [peer] }] });
const P = 'spec.ingress[0].ports[0]';
const F = 'spec.ingress[0].from[0]';

describe('ValidateNetworkPolicy', () => {
  test.each<[string, JsonObject, string[]]>([
    ['protocol ICMP', ingressPort({ protocol: 'ICMP', port: 80 }), [`${P}.protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"`]],
    ['port 0', ingressPort({ port: 0 }), [`${P}.port: Invalid value: 0: must be between 1 and 65535, inclusive`]],
    ['endPort below port', ingressPort({ port: 8080, endPort: 8000 }), [`${P}.endPort: Invalid value: 8000: must be greater than or equal to \`port\``]],
    ['endPort with a named port', ingressPort({ port: 'http', endPort: 8090 }), [`${P}.endPort: Invalid value: 8090: may not be specified when \`port\` is non-numeric`]],
    ['endPort without port', ingressPort({ endPort: 9000 }), [`${P}.endPort: Invalid value: 9000: may not be specified when \`port\` is not specified`]],
    ['port name with underscore', ingressPort({ port: 'serve_80' }), [`${P}.port: Invalid value: "serve_80": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)`]],
    ['endPort above 65535', ingressPort({ port: 30000, endPort: 70000 }), [`${P}.endPort: Invalid value: 70000: must be between 1 and 65535, inclusive`]],
    ['empty peer', ingressPeer({}), [`${F}: Required value: must specify a peer`]],
    ['ipBlock with a selector', ingressPeer({ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }), [`${F}: Forbidden: may not specify both ipBlock and another peer`]],
    ['except outside cidr', ingressPeer({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }), [`${F}.ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of \`cidr\``]],
    ['except equal to cidr', ingressPeer({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/16'] } }), [`${F}.ipBlock.except[0]: Invalid value: "10.0.0.0/16": must be a strict subset of \`cidr\``]],
    ['except wider than cidr', ingressPeer({ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/8'] } }), [`${F}.ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of \`cidr\``]],
    ['ipBlock with only except', ingressPeer({ ipBlock: { except: ['10.0.0.0/24'] } }), [`${F}.ipBlock.cidr: Required value`]],
    ['invalid cidr', ingressPeer({ ipBlock: { cidr: '10.0.0.0/33' } }), [`${F}.ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)`]],
    ['three policyTypes', np({ podSelector: {}, policyTypes: ['Ingress', 'Egress', 'Ingress'] }), ['spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes']],
    ['policyTypes lower case', np({ podSelector: {}, policyTypes: ['ingress'] }), ['spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"']],
    [
      'In without values',
      np({ podSelector: { matchExpressions: [{ key: 'pod', operator: 'In', values: [] }] } }),
      ["spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    ],
    [
      'Exists with values',
      np({ podSelector: {}, egress: [{ to: [{ namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists', values: ['a'] }] } }] }] }),
      ["spec.egress[0].to[0].namespaceSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    ],
    ['unknown operator', np({ podSelector: { matchExpressions: [{ key: 'pod', operator: 'Equals', values: ['a'] }] } }), ['spec.podSelector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator']],
    // Valid inputs.
    ['both selectors in one peer', ingressPeer({ podSelector: { matchLabels: { pod: 'b' } }, namespaceSelector: { matchLabels: { ns: 'y' } } }), []],
    ['endPort == port', ingressPort({ port: 8080, endPort: 8080 }), []],
    ['[Egress, Egress]', np({ podSelector: {}, policyTypes: ['Egress', 'Egress'] }), []],
    ['named UDP port', ingressPort({ port: 'dns', protocol: 'UDP' }), []],
    ['no spec at all', np(undefined), []],
  ])('%s', (_name, raw, want) => {
    expect(errors(raw)).toEqual(want);
  });

  test('several errors are all reported, in upstream order (ports before peers, ingress before egress, policyTypes last)', () => {
    const raw = np({
      podSelector: {},
      ingress: [{ from: [{}], ports: [{ port: 0 }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.0.0/8'] } }] }],
      policyTypes: ['Ingress', 'egress'],
    });
    expect(errors(raw)).toEqual([
      `${P}.port: Invalid value: 0: must be between 1 and 65535, inclusive`,
      `${F}: Required value: must specify a peer`,
      'spec.egress[0].to[0].ipBlock.except[0]: Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`',
      'spec.policyTypes[1]: Unsupported value: "egress": supported values: "Ingress", "Egress"',
    ]);
  });

  test('wrong JSON types are findings, not crashes', () => {
    expect(errors(np({ podSelector: [], ingress: {} }))).toEqual(['spec.podSelector: Invalid value: []: must be an object', 'spec.ingress: Invalid value: {}: must be a list']);
    expect(errors(np({ ingress: [{ ports: [{ port: 8.5 }] }] }))).toEqual([`${P}.port: Invalid value: 8.5: must be an integer or a string`]);
  });

  test('validateObject checks networking.k8s.io/v1 NetworkPolicy', () => {
    expect(validateObject('NetworkPolicy', 'networking.k8s.io/v1', ingressPort({ port: 0 }), V131)?.map(renderFieldError)).toEqual([`${P}.port: Invalid value: 0: must be between 1 and 65535, inclusive`]);
  });
});
