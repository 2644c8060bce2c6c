/** node-port-out-of-range: a requested nodePort outside the node port range (an allocator error upstream). */
import { allocationHits } from '../support/allocation';
import type { Rule } from '../rule';

export const nodePortOutOfRange: Rule = {
  id: 'node-port-out-of-range',
  severity: 'error',
  title: 'A requested nodePort outside the node port range',
  explanation:
    'A Service asks for a `nodePort` outside the API server\'s `--service-node-port-range` (30000-32767 unless the ' +
    'cluster settings say otherwise). Validation accepts any port number; the allocator then rejects the Service on ' +
    'create with "provided port is not in the valid range", so the Service (and everything routed through it) does not ' +
    'exist. Pick a port inside the range, or leave `nodePort` out and let the cluster allocate one.',
  check: ({ cluster }) => allocationHits(cluster, 'node-port-out-of-range'),
};
