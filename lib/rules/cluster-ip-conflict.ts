/** cluster-ip-conflict: a requested clusterIP another Service (possibly a built-in one) already holds. */
import { allocationHits } from './allocation';
import { examplePod, exampleService, yamlDocs } from './examples';
import type { Rule } from './rule';

export const clusterIPConflict: Rule = {
  id: 'cluster-ip-conflict',
  severity: 'error',
  title: 'A clusterIP already taken',
  explanation:
    'Cluster IPs are unique across the cluster. A Service that requests an address another Service already holds ' +
    '(including the built-in `kubernetes` Service on the first address and cluster DNS on the tenth) is rejected with ' +
    '"provided IP is already allocated". Pick another free address in the service CIDR, or omit `clusterIP` and let ' +
    'the cluster allocate one; clients should find the Service by its DNS name rather than a fixed IP.',
  example: {
    broken: yamlDocs(examplePod('web', 'web', 80), exampleService('web', 'web', 80, ['  clusterIP: 10.96.0.10'])),
    fixed: yamlDocs(examplePod('web', 'web', 80), exampleService('web', 'web', 80, ['  clusterIP: 10.96.0.20'])),
  },
  check: ({ cluster }) => allocationHits(cluster, 'cluster-ip-conflict'),
};
