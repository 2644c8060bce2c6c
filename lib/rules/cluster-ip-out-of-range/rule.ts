/** cluster-ip-out-of-range: a requested clusterIP outside the service CIDR (an allocator error upstream). */
import { allocationHits } from '../support/allocation';
import type { Rule } from '../rule';

export const clusterIPOutOfRange: Rule = {
  id: 'cluster-ip-out-of-range',
  severity: 'error',
  title: 'A requested clusterIP outside the service CIDR',
  explanation:
    'A Service asks for a `clusterIP` that is a valid address but not inside the cluster\'s service CIDR ' +
    '(`--service-cluster-ip-range`, 10.96.0.0/12 by default here). The allocator rejects the Service on create ' +
    '("the provided IP ... is not in the valid range"), so it never gets an address, DNS name or kube-proxy rules. ' +
    'Use an address inside the service CIDR (static ones are best taken from its low end), or omit `clusterIP`.',
  check: ({ cluster }) => allocationHits(cluster, 'cluster-ip-out-of-range'),
};
