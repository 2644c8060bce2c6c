/** node-port-conflict: a nodePort another Service already holds (one allocator for all protocols). */
import { allocationHits } from '../support/allocation';
import type { Rule } from '../rule';

export const nodePortConflict: Rule = {
  id: 'node-port-conflict',
  severity: 'error',
  title: 'A nodePort already taken by another Service',
  explanation:
    'Node ports are a cluster-wide resource: every node listens on every allocated node port, so two Services cannot ' +
    'share one, not even with different protocols (one allocator covers TCP, UDP and SCTP). The API server rejects the ' +
    'second Service with "provided port is already allocated"; whichever is applied first keeps the port. Choose a ' +
    'different `nodePort`, or omit it so one is allocated.',
  check: ({ cluster }) => allocationHits(cluster, 'node-port-conflict'),
};
