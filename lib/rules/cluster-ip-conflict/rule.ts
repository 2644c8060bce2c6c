/** cluster-ip-conflict: a requested clusterIP another Service (possibly a built-in one) already holds. */
import { allocationHits } from '../support/allocation';
import type { Rule } from '../rule';

export const clusterIPConflict: Rule = {
  id: 'cluster-ip-conflict',
  severity: 'error',
  title: 'A clusterIP already taken',
  explanation:
    'Cluster IPs are unique across the cluster. A Service that requests an address another Service already holds ' +
    '(including the built-in `kubernetes` Service on the first address and cluster DNS on the tenth) is rejected with ' +
    '"provided IP is already allocated". Pick another free address in the service CIDR, or omit `clusterIP` and let ' +
    'the cluster allocate one; clients should find the Service by its DNS name rather than a fixed IP.',
  check: ({ cluster }) => allocationHits(cluster, 'cluster-ip-conflict'),
};
