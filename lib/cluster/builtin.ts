/**
 * What every kubeadm/kind cluster has before anything is applied: the API server's `kubernetes`
 * Service in `default` (first usable service IP, port `https` 443 → 6443, no selector, Endpoints
 * kept by the API server itself pointing at the control plane), and cluster DNS — the `kube-dns`
 * Service in `kube-system` (tenth service IP) in front of two CoreDNS pods of Deployment `coredns`.
 * The input overrides any of these by defining an object of the same kind, namespace and name; its
 * own DNS pods (labelled `k8s-app: kube-dns` in kube-system) replace the CoreDNS pods.
 */
import type { JsonObject } from '../k8s/json';
import type { ManifestObject, ManifestSource } from '../load/types';
import { serviceIPAt } from './allocate';
import type { ClusterSettings } from './model';

export const BUILTIN_FILE = '<built-in>';
export const APISERVER_PORT = 6443;
export const DNS_SERVICE_OFFSET = 10;
/** The label pair the kube-dns Service selects its DNS pods by. */
export const CLUSTER_DNS_LABEL = ['k8s-app', 'kube-dns'] as const;

export function kubernetesServiceRaw(settings: ClusterSettings): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: serviceIPAt(settings.serviceCIDR, 1),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

/** The API server's own Endpoints: the control plane (the first node) on the secure port. */
export function kubernetesEndpointsRaw(apiserverIP: string): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: apiserverIP ? [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }] : [],
  };
}

export function kubeDnsServiceRaw(settings: ClusterSettings): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: serviceIPAt(settings.serviceCIDR, DNS_SERVICE_OFFSET),
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
    },
  };
}

export function corednsDeploymentRaw(): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-dns' } },
        spec: {
          dnsPolicy: 'Default',
          priorityClassName: 'system-cluster-critical',
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.3',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            },
          ],
        },
      },
    },
  };
}

/** Wraps built-in data as a ManifestObject (for model fields that require one); it is never part of `cluster.objects`. */
export function builtinObject(raw: JsonObject, namespace: string, name: string): ManifestObject {
  const source: ManifestSource = {
    file: BUILTIN_FILE,
    documentIndex: 0,
    line: 1,
    column: 1,
    locate: () => ({ file: BUILTIN_FILE, line: 1, column: 1 }),
  };
  return { apiVersion: String(raw.apiVersion), kind: String(raw.kind), name, namespace, raw, source };
}
