/**
 * ingress-backend-missing-port: an Ingress backend port (number or name) that the Service does not
 * expose. Backends name the Service's `port` (or its port name), not the container's targetPort —
 * mixing those up is the usual cause.
 */
import { byString } from '../../k8s/json';
import { objectLabel, serviceLabel } from '../support/describe';
import { backendPortText, ingressRoutes, servicePortField } from '../support/ingress-backends';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const ingressBackendMissingPort: Rule = {
  id: 'ingress-backend-missing-port',
  severity: 'error',
  title: 'Ingress backend port that the Service does not have',
  explanation:
    'An Ingress backend names a port of the Service, by number (`port.number`, the Service\'s `port`, not its ' +
    '`targetPort` or `nodePort`) or by name (`port.name`, the Service port\'s `name`). If the Service has no such port ' +
    'the controller has no upstream for the route and answers with an error (ingress-nginx: 503). Use one of the ' +
    'Service\'s port numbers or names; the finding lists them, and points out when the number given is really a ' +
    'targetPort or nodePort.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const ing of cluster.ingresses) {
      for (const r of ingressRoutes(ing)) {
        const b = r.backend;
        if (b.serviceName === undefined || (b.portName === undefined && b.portNumber === undefined)) continue;
        const svc = cluster.service(ing.namespace, b.serviceName);
        if (!svc) continue;
        // An ExternalName Service without ports: the controller uses the backend's port as given.
        if (svc.type === 'ExternalName' && svc.ports.length === 0) continue;
        const found = b.portName !== undefined ? svc.ports.some((p) => p.name === b.portName) : svc.ports.some((p) => p.port === b.portNumber);
        if (found) continue;
        const portsText = svc.ports.length > 0 ? svc.ports.map((p) => (p.name ? `${p.port} (${p.name})` : `${p.port} (unnamed)`)).join(', ') : 'none';
        const hints: string[] = [];
        if (b.portNumber !== undefined) {
          const byTarget = svc.ports.find((p) => p.targetPort === b.portNumber);
          const byNode = svc.ports.find((p) => p.nodePort === b.portNumber);
          if (byTarget) hints.push(`${b.portNumber} is the targetPort of Service port ${byTarget.port}; a backend names the Service port: use number ${byTarget.port}${byTarget.name ? ` or name ${byTarget.name}` : ''}`);
          else if (byNode) hints.push(`${b.portNumber} is the nodePort of Service port ${byNode.port}; a backend names the Service port: use number ${byNode.port}`);
        } else if (b.portName !== undefined) {
          const names = svc.ports.map((p) => p.name).filter((n) => n !== '').sort(byString);
          const near = closest(b.portName, names);
          if (near !== undefined) hints.push(`did you mean "${near}"?`);
          else if (names.length === 0) hints.push(`the Service's ports are unnamed; use port.number instead`);
        }
        if (hints.length === 0) hints.push(`use one of the Service's ports`);
        hits.push({
          object: ing.obj,
          field: servicePortField(ing, b),
          message:
            `${objectLabel(ing.obj)} routes ${r.route} to ${serviceLabel(svc)} ${backendPortText(b)}, but the Service has no such port ` +
            `(its ports: ${portsText}), so the controller cannot serve that route; ${hints.join('; ')}`,
        });
      }
    }
    return hits;
  },
};
