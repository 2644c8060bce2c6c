/**
 * networkpolicy-peer-selects-nothing: table-driven cases, each with the exact finding expected.
 * Peer semantics (podSelector alone: the policy's namespace; namespaceSelector alone: every pod of the
 * matching namespaces; both: AND; hostNetwork pods never matched by selectors) are those of kubernetes
 * staging/src/k8s.io/api/networking/v1/types.go (NetworkPolicyPeer) and the website's "Network Policies"
 * page ("Behavior of to and from selectors", "NetworkPolicy and hostNetwork pods").
 */
import { check, type Expected, expectFindings, lineOf, pod, workload, yamlOf } from '../../../test/rules/helpers';

const RULE = 'networkpolicy-peer-selects-nothing';
const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const frontendIn = (namespace?: string) => workload('Deployment', 'frontend', { app: 'frontend' }, namespace ? { namespace } : {});
const shop = (labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels } });
const ingressFrom = (from: object[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from, ports: [{ port: 'http' }] }], ...extra },
});
const egressTo = (to: object[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web-out' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to }, { ports: [{ port: 53, protocol: 'UDP' }] }] },
});
const labels = (l: Record<string, string>) => ({ matchLabels: l });
const hostAgent = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent' },
  spec: { selector: labels({ app: 'agent' }), template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'agent' }] } } },
};

describe(RULE, () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'a podSelector label no pod carries',
      yamlOf(web, frontendIn(), ingressFrom([{ podSelector: labels({ app: 'frontnd' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].from[0]',
          line: lineOf(t, '- podSelector:'),
          message: [
            'NetworkPolicy default/web: the peer spec.ingress[0].from[0] selects pods app=frontnd in namespace default, but no pod there has those labels, so the peer matches no source — match the labels of the pods meant',
          ],
        },
      ],
    ],
    [
      'a podSelector alone for pods of another namespace (the second peer)',
      yamlOf(web, frontendIn('shop'), ingressFrom([{ podSelector: labels({ app: 'web' }) }, { podSelector: labels({ app: 'frontend' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].from[1]',
          line: lineOf(t, '- podSelector:', 2),
          message: [
            "NetworkPolicy default/web: the peer spec.ingress[0].from[1] selects pods app=frontend in namespace default, but no pod there has those labels, so the peer matches no source — pods with those labels run in namespace shop, and a podSelector alone selects pods of the policy's own namespace: add namespaceSelector {matchLabels: {kubernetes.io/metadata.name: shop}} to the same peer",
          ],
        },
      ],
    ],
    [
      'a namespace selected by a name label it does not carry',
      yamlOf(web, shop(), frontendIn('shop'), ingressFrom([{ namespaceSelector: labels({ name: 'shop' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].from[0]',
          line: lineOf(t, '- namespaceSelector:'),
          message: [
            'NetworkPolicy default/web: the peer spec.ingress[0].from[0] selects namespaces name=shop, but no namespace has those labels, so the peer matches no source — namespace shop exists but has no label name=shop; select it by {kubernetes.io/metadata.name: shop}, the label every namespace carries with its name',
          ],
        },
      ],
    ],
    [
      'a namespace label nothing carries, on an egress peer',
      yamlOf(web, egressTo([{ namespaceSelector: labels({ team: 'payments' }), podSelector: labels({ app: 'api' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.egress[0].to[0]',
          line: lineOf(t, '- namespaceSelector:'),
          message: [
            'NetworkPolicy default/web-out: the peer spec.egress[0].to[0] selects namespaces team=payments, but no namespace has those labels, so the peer matches no destination — label the namespace to admit, or select it by kubernetes.io/metadata.name, the label every namespace carries with its name',
          ],
        },
      ],
    ],
    [
      'both selectors: the namespace matches, its pods do not',
      yamlOf(web, shop({ team: 'shop' }), frontendIn('shop'), ingressFrom([{ namespaceSelector: labels({ team: 'shop' }), podSelector: labels({ app: 'checkout' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].from[0]',
          line: lineOf(t, '- namespaceSelector:'),
          message: [
            'NetworkPolicy default/web: the peer spec.ingress[0].from[0] selects pods app=checkout in namespaces shop (namespaceSelector team=shop), but no pod there has those labels, so the peer matches no source — match the labels of the pods meant',
          ],
        },
      ],
    ],
    [
      'pods on the host network are never matched by a selector',
      yamlOf(web, hostAgent, ingressFrom([{ podSelector: labels({ app: 'agent' }) }])),
      (t) => [
        {
          rule: RULE,
          severity: 'warning',
          field: 'spec.ingress[0].from[0]',
          line: lineOf(t, '- podSelector:'),
          message: [
            "NetworkPolicy default/web: the peer spec.ingress[0].from[0] selects pods app=agent in namespace default, but those pods (DaemonSet agent) use the host network, and policies see them as their node's address, never by selector, so the peer matches no source — admit the nodes' addresses with an ipBlock",
          ],
        },
      ],
    ],
    ['pods that carry the labels', yamlOf(web, frontendIn(), ingressFrom([{ podSelector: labels({ app: 'frontend' }) }])), () => []],
    ['both selectors, matching', yamlOf(web, frontendIn('shop'), ingressFrom([{ namespaceSelector: labels({ 'kubernetes.io/metadata.name': 'shop' }), podSelector: labels({ app: 'frontend' }) }])), () => []],
    ['the ingress controller (a stand-in when the input has none)', yamlOf(web, ingressFrom([{ namespaceSelector: labels({ 'kubernetes.io/metadata.name': 'ingress-nginx' }), podSelector: labels({ 'app.kubernetes.io/name': 'ingress-nginx' }) }])), () => []],
    ['the cluster DNS pods', yamlOf(web, egressTo([{ namespaceSelector: labels({ 'kubernetes.io/metadata.name': 'kube-system' }), podSelector: labels({ 'k8s-app': 'kube-dns' }) }])), () => []],
    ['a namespace that exists, whatever pods it holds', yamlOf(web, shop({ team: 'shop' }), ingressFrom([{ namespaceSelector: labels({ team: 'shop' }) }])), () => []],
    ['empty selectors select every pod or namespace', yamlOf(web, ingressFrom([{ podSelector: {} }, { namespaceSelector: {} }, { namespaceSelector: {}, podSelector: {} }])), () => []],
    ['an ipBlock selects addresses, not pods', yamlOf(web, ingressFrom([{ ipBlock: { cidr: '192.0.2.0/24' } }])), () => []],
    ['a bare pod carries the labels', yamlOf(web, pod('debug', { app: 'frontend' }, []), ingressFrom([{ podSelector: labels({ app: 'frontend' }) }])), () => []],
    [
      'rules of a direction the policy does not list are ignored by the API, and here',
      yamlOf(web, ingressFrom([{ podSelector: labels({ app: 'frontend' }) }], { policyTypes: ['Egress'], egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] })),
      () => [],
    ],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, RULE), expected(text));
  });
});
