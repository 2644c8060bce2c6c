/**
 * service-target-port-unresolved: a named targetPort that selected pods do not declare with that
 * name and protocol. The endpoints controller silently skips such pods (FindPort fails, nothing but
 * a log line), so this is the classic "Service has pods but no endpoints" puzzle.
 */
import type { SimPod } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { findPort } from '../../cluster/find-port';
import { declaredPorts, distinctLabels } from '../support/container-ports';
import { listSome, podOwnerLabel, serviceLabel, servicePortLabel } from '../support/describe';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';
import { selectedServicePorts } from '../support/services';

export const serviceTargetPortUnresolved: Rule = {
  id: 'service-target-port-unresolved',
  severity: 'error',
  title: 'Named targetPort not declared by the selected pods',
  explanation:
    'A Service port whose `targetPort` is a name (`targetPort: http`) is resolved separately for every selected pod: ' +
    'the endpoints controller looks for a container port with exactly that name and the same protocol as the Service ' +
    'port. A pod that declares no such port is left out of the Endpoints for that Service port without any error, so ' +
    'when no selected pod declares it the Service has pods but no endpoints and connections are refused (when only ' +
    'some pods lack it — say an old version during a rollout — those pods silently get no traffic; that is reported as ' +
    'a warning). Declare the port by name in the container (`ports: [{name: http, containerPort: 8080}]`) with the ' +
    'same protocol as the Service port, or use a port number as `targetPort`.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const { svc, port } of selectedServicePorts(cluster)) {
      if (typeof port.targetPort !== 'string') continue;
      const target = port.targetPort;
      const lacking: SimPod[] = svc.selectedPods.filter((pod) => findPort(pod, port) === undefined);
      if (lacking.length === 0) continue;
      const declared = declaredPorts(lacking);
      const otherProtocol = declared.filter((d) => d.name === target && d.protocol !== port.protocol);
      const hints: string[] = [];
      if (otherProtocol.length > 0) {
        const d = otherProtocol[0];
        hints.push(
          `"${target}" is declared as ${d.protocol} (container ${d.container}, ${d.containerPort}/${d.protocol}), but a named targetPort ` +
            `only matches a container port of the Service port's protocol (${port.protocol}) — make the protocols agree`,
        );
      } else {
        // Names other ports of this Service already target are unlikely to be what this one meant.
        const taken = new Set(svc.ports.filter((p) => p !== port && typeof p.targetPort === 'string').map((p) => p.targetPort as string));
        const names = [...new Set(declared.filter((d) => d.name && !taken.has(d.name)).map((d) => d.name!))].sort(byString);
        const near = closest(target, names);
        if (near !== undefined) hints.push(`did you mean "${near}"?`);
      }
      const labels = distinctLabels(declared);
      hints.push(
        labels.length > 0
          ? `${lacking.length === svc.selectedPods.length ? 'the selected' : 'those'} containers declare ${listSome(labels, 8)}`
          : `${lacking.length === svc.selectedPods.length ? 'the selected' : 'those'} containers declare no ports`,
      );
      const where = `${serviceLabel(svc)} ${servicePortLabel(port)} targets the container port named "${target}"`;
      if (lacking.length === svc.selectedPods.length) {
        hits.push({
          object: svc.obj,
          field: `spec.ports[${port.index}].targetPort`,
          message:
            `${where}, but no selected pod declares a ${port.protocol} port with that name, so this port has no endpoints and connections are refused; ` +
            `${hints.join('; ')}; name the container port "${target}" or set targetPort to a declared name or number`,
        });
      } else {
        const owners = new Map<string, number>();
        for (const pod of lacking) owners.set(podOwnerLabel(pod), (owners.get(podOwnerLabel(pod)) ?? 0) + 1);
        const who = [...owners.keys()].sort(byString).map((o) => `${o}: ${owners.get(o)} ${owners.get(o) === 1 ? 'pod' : 'pods'}`);
        hits.push({
          object: svc.obj,
          field: `spec.ports[${port.index}].targetPort`,
          severity: 'warning',
          message:
            `${where}, which ${lacking.length} of ${svc.selectedPods.length} selected pods do not declare with protocol ${port.protocol} (${listSome(who, 3)}); ` +
            `those pods get no traffic on this port; ${hints.join('; ')}`,
        });
      }
    }
    return hits;
  },
};
