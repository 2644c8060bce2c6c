/**
 * servicemonitor-port-missing: a ServiceMonitor endpoint whose `port` names no port of the Services
 * it selects (or whose `targetPort` no selected pod declares). The Prometheus Operator keeps only
 * the targets whose Endpoints port has that name, so nothing is scraped; an unnamed Service port
 * can never be matched this way.
 */
import { listSome, objectLabel, serviceLabel } from '../support/describe';
import { containerPortsText, podsDeclare, servicePortsText } from '../support/monitors';
import type { Rule, RuleHit } from '../rule';

export const serviceMonitorPortMissing: Rule = {
  id: 'servicemonitor-port-missing',
  severity: 'error',
  title: 'ServiceMonitor endpoint port that the selected Services do not name',
  explanation:
    'Each `spec.endpoints[]` entry of a ServiceMonitor scrapes one port. With `port` it is the Service port of that ' +
    'name: the Prometheus Operator keeps the Endpoints targets whose port name equals it, and drops the rest. A port ' +
    'number does not work there, and a Service port without a `name` can never be matched — which is the normal state ' +
    'of a single-port Service, since the API only requires names when a Service has several ports. With `targetPort` it ' +
    'is the pods\' container port of that number or name, which must be declared in the pod template. When no ' +
    'selected Service has the port, the endpoint yields no targets and its metrics never arrive. Name the Service ' +
    'port (for example `name: http`) and use that name in `port`, or correct `port` to a name the Service has.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const m of cluster.serviceMonitors) {
      if (m.selectedServices.length === 0) continue;
      const services = listSome(m.selectedServices.map((s) => `${serviceLabel(s)} has ${servicePortsText(s)}`), 3);
      for (const e of m.endpoints) {
        if (e.port !== undefined) {
          if (m.selectedServices.some((s) => s.ports.some((p) => p.name === e.port))) continue;
          const unnamed = m.selectedServices.some((s) => s.ports.some((p) => p.name === ''));
          hits.push({
            object: m.obj,
            field: `${e.field}.port`,
            message:
              `${objectLabel(m.obj)} scrapes the Service port named "${e.port}", but none of the selected Services has a port of that name ` +
              `(${services}), so this endpoint yields no targets; ` +
              (unnamed ? 'Prometheus matches Endpoints ports by name and an unnamed port never matches: name the Service port ' : 'use the name of the Service port that serves metrics or name a Service port ') +
              `"${e.port}"`,
          });
        } else if (e.targetPort !== undefined) {
          const pods = m.selectedServices.flatMap((s) => s.selectedPods);
          if (pods.length === 0 || podsDeclare(pods, e.targetPort)) continue;
          const declared = containerPortsText(pods);
          hits.push({
            object: m.obj,
            field: `${e.field}.targetPort`,
            message:
              `${objectLabel(m.obj)} scrapes container port ${typeof e.targetPort === 'number' ? e.targetPort : `"${e.targetPort}"`} of the selected Services' pods, ` +
              `but none of them declares it (${declared.length > 0 ? `they declare ${listSome(declared, 6)}` : 'they declare no ports'}), so this endpoint yields no targets; ` +
              'declare the port in the pod template or scrape a Service port by name with port',
          });
        }
      }
    }
    return hits;
  },
};
