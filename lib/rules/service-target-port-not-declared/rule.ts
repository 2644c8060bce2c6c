/**
 * service-target-port-not-declared: a numeric targetPort that none of the selected containers
 * declares. Container ports are informational (traffic reaches any port the process listens on), so
 * this is a warning: usually a Service port copied into targetPort, or a container listening elsewhere.
 * Only Services whose selected containers declare ports at all are judged: many working apps
 * declare none, and nothing can be concluded from their silence.
 */
import { at } from '../../k8s/json';
import { declaredPorts, declaresAnyPort, declaresNumber, distinctLabels } from '../support/container-ports';
import { listSome, serviceLabel, servicePortLabel } from '../support/describe';
import type { Rule, RuleHit } from '../rule';
import { selectedServicePorts } from '../support/services';

export const serviceTargetPortNotDeclared: Rule = {
  id: 'service-target-port-not-declared',
  severity: 'warning',
  title: 'Numeric targetPort that no selected container declares',
  explanation:
    'A numeric `targetPort` is used as is: kube-proxy forwards connections to that port of every selected pod whether ' +
    'or not a container declares it (when `targetPort` is omitted it equals `port`). If no selected container declares ' +
    'the port with the Service port\'s protocol, the most likely reason is that nothing listens there — for example a ' +
    'Service `port: 80` copied into `targetPort` while the application listens on 8080 — and connections are refused ' +
    'or reset by the pod. Set `targetPort` to the port the container listens on, or declare it under the container\'s ' +
    '`ports` (with the right protocol) so the intent is explicit; better still, name the container port and target it by name. ' +
    'Declaring container ports is optional, so when none of the selected containers declares any port the rule stays silent.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const { svc, port } of selectedServicePorts(cluster)) {
      if (typeof port.targetPort !== 'number') continue;
      // Declaring ports is optional: when no selected container declares any, there is nothing to judge.
      if (!svc.selectedPods.some(declaresAnyPort)) continue;
      const target = port.targetPort;
      if (svc.selectedPods.some((pod) => declaresNumber(pod, target, port.protocol))) continue;
      const declared = declaredPorts(svc.selectedPods);
      const hints: string[] = [];
      const otherProtocol = declared.find((d) => d.containerPort === target);
      if (otherProtocol) {
        hints.push(`${target} is declared as ${otherProtocol.protocol} (container ${otherProtocol.container}), not ${port.protocol} — make the protocols agree`);
      }
      const labels = distinctLabels(declared);
      hints.push(`the selected containers declare ${listSome(labels, 8)}`);
      const defaulted = isTargetPortOmitted(svc.obj.raw, port.index) ? ' (targetPort defaults to port)' : '';
      hits.push({
        object: svc.obj,
        field: `spec.ports[${port.index}].targetPort`,
        message:
          `${serviceLabel(svc)} ${servicePortLabel(port)} forwards to targetPort ${target}${defaulted}, but no selected container declares ${target}/${port.protocol}; ` +
          `${hints.join('; ')}; set targetPort to the port the application listens on or declare it in the container`,
      });
    }
    return hits;
  },
};

/** Whether the user left targetPort out (then it defaults to port), to explain where the number came from. */
function isTargetPortOmitted(raw: unknown, index: number): boolean {
  const t = at(raw, 'spec', 'ports', index, 'targetPort');
  return t === undefined || t === null || t === 0 || t === '';
}
