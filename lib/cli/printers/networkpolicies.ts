/** `get networkpolicies` rows (printers.go printNetworkPolicy): NAME POD-SELECTOR. */
import type { SimNetworkPolicy } from '../../cluster/model';
import { formatLabelSelector } from '../../k8s/labels';

export const NETWORKPOLICY_COLUMNS = ['NAME', 'POD-SELECTOR'];

export function networkPolicyRow(policy: SimNetworkPolicy): string[] {
  return [policy.name, formatLabelSelector(policy.podSelector)];
}
