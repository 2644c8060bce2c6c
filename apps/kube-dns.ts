/**
 * From the user's notes: a kube-dns-like Service with one port number on two protocols — `dns` 53/UDP and
 * `dns-tcp` 53/TCP — targeting container ports by NAME (a named targetPort matches name AND
 * protocol). In its own namespace, so it does not shadow the cluster's real kube-dns.
 */
import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterIPService } from '../lib/constructs';

export const KUBE_DNS_NAMESPACE = 'dns-demo';

export class KubeDnsChart extends Chart {
  public constructor(scope: Construct, id = 'kube-dns', props: ChartProps = {}) {
    super(scope, id, { disableResourceNameHashes: true, namespace: KUBE_DNS_NAMESPACE, ...props });
    new ApiObject(this, 'namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: KUBE_DNS_NAMESPACE } });
    const coredns = new ApiObject(this, 'deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            containers: [{
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.11.1',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
            }],
          },
        },
      },
    });
    new ClusterIPService(this, 'service', {
      metadata: {
        name: 'kube-dns',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      selector: coredns,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 'dns' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 'dns-tcp' },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 'metrics' },
      ],
    });
  }
}
