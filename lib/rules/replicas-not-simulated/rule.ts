/**
 * replicas-not-simulated: a workload the run's pod limit cut short. lineup simulates every replica
 * a workload asks for, up to a limit per run that protects the process; past it, the remaining
 * workloads get one pod each. That cut is never silent: each cut workload is named here.
 */
import { MAX_SIMULATED_PODS } from '../../cluster/build';
import { groupedDigits, objectLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';

export const replicasNotSimulated: Rule = {
  id: 'replicas-not-simulated',
  severity: 'warning',
  title: 'Workload with more replicas than lineup simulates in one run',
  explanation:
    'lineup creates every replica a workload asks for, as the ReplicaSet, StatefulSet, DaemonSet and Job controllers ' +
    'would, but stops at ' + groupedDigits(MAX_SIMULATED_PODS) + ' simulated pods per run so that a huge or ' +
    'mistyped `replicas` (a real cluster holds at most 150,000 pods) cannot exhaust memory or time. The workloads ' +
    'after that point get one pod each. Whatever lineup says about such a workload — its endpoints, DNS answers, ' +
    'traffic shares — is computed from the simulated pods only. Check whether the replica count is intended; to ' +
    'simulate it, check that workload in a smaller input of its own.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const w of cluster.workloads) {
      if (!w.replicasNotSimulated) continue;
      const asked = w.replicas + w.replicasNotSimulated;
      hits.push({
        object: w.obj,
        field: 'spec.replicas',
        message:
          `${objectLabel(w.obj)} asks for ${asked} replicas, but lineup simulated ${w.replicas} of them: the run reached its limit of ` +
          `simulated pods, so its endpoints, DNS answers and traffic are computed from ${w.replicas} ` +
          `${w.replicas === 1 ? 'pod' : 'pods'} only; check that the replica count is intended (a real cluster holds at most 150,000 pods), ` +
          'or check this workload in a smaller input',
      });
    }
    return hits;
  },
};
