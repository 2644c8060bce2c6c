/**
 * `get pods` rows (printers.go printPod): NAME READY STATUS RESTARTS
 * [+ IP NODE NOMINATED NODE READINESS GATES].
 */
import { arr, at, int, isObject, obj, str } from '../../k8s/json';
import type { SimPod } from '../../cluster/model';

export const POD_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS'];
export const POD_WIDE_COLUMNS = ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'];

export function podRow(pod: SimPod, wide: boolean): string[] {
  const statuses = arr(at(pod.apiObject(), 'status', 'containerStatuses')).filter(isObject);
  // Regular containers plus sidecars (restartable init containers) count towards READY.
  const total = pod.containers.length;
  let ready = 0;
  let restarts = 0;
  let reason = str(at(pod.apiObject(), 'status', 'reason')) || pod.phase;
  if (statuses.length > 0) {
    // Iterated backwards like kubectl, so the first container with a waiting/terminated reason wins.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]!;
      restarts += int(cs.restartCount) ?? 0;
      const waiting = str(at(cs, 'state', 'waiting', 'reason'));
      const terminated = obj(at(cs, 'state', 'terminated'));
      if (waiting) reason = waiting;
      else if (terminated && str(terminated.reason)) reason = str(terminated.reason)!;
      else if (terminated) reason = int(terminated.signal) ? `Signal:${int(terminated.signal)}` : `ExitCode:${int(terminated.exitCode) ?? 0}`;
      if (cs.ready === true) ready++;
    }
  } else if (pod.ready) {
    ready = total;
  }
  const nodeLost = str(at(pod.apiObject(), 'status', 'reason')) === 'NodeLost';
  if (pod.terminating && nodeLost) reason = 'Unknown';
  else if (pod.terminating && pod.phase !== 'Succeeded' && pod.phase !== 'Failed') reason = 'Terminating';
  const row = [pod.name, `${ready}/${total}`, reason, String(restarts)];
  if (wide) {
    const gates = arr(at(pod.apiObject(), 'spec', 'readinessGates')).filter(isObject);
    let gatesCell = '<none>';
    if (gates.length > 0) {
      const conditions = arr(at(pod.apiObject(), 'status', 'conditions')).filter(isObject);
      const passed = gates.filter((g) => conditions.some((c) => c.type === g.conditionType && c.status === 'True')).length;
      gatesCell = `${passed}/${gates.length}`;
    }
    row.push(pod.ip || '<none>', pod.nodeName || '<none>', str(at(pod.apiObject(), 'status', 'nominatedNodeName')) || '<none>', gatesCell);
  }
  return row;
}
