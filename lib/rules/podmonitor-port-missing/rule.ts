/**
 * podmonitor-port-missing: a PodMonitor endpoint whose `port` no selected pod declares by name
 * (or whose `portNumber`/`targetPort` no selected pod declares). The Prometheus Operator keeps only
 * the targets of container ports with that name, so nothing is scraped.
 */
import { listSome, objectLabel, ownersOf } from '../support/describe';
import { containerPortsText, podsDeclare } from '../support/monitors';
import type { Rule, RuleHit } from '../rule';

export const podMonitorPortMissing: Rule = {
  id: 'podmonitor-port-missing',
  severity: 'error',
  title: 'PodMonitor endpoint port that the selected pods do not declare',
  explanation:
    'Each `spec.podMetricsEndpoints[]` entry of a PodMonitor scrapes one container port of the selected pods: `port` ' +
    'is the name of a port declared under a container\'s `ports` (the Prometheus Operator keeps the targets whose ' +
    'container port name equals it), `portNumber` a declared port number. A port the pods listen on but do not declare ' +
    'is invisible to Prometheus\'s pod discovery, and so is a name with a typo: the endpoint yields no targets and its ' +
    'metrics never arrive. Declare the port with that name in the pod template, or correct `port`.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const m of cluster.podMonitors) {
      if (m.selectedPods.length === 0) continue;
      const declared = containerPortsText(m.selectedPods);
      const owners = listSome(ownersOf(m.selectedPods), 3);
      for (const e of m.endpoints) {
        const checks: [string, string | number][] = [];
        if (e.port !== undefined) checks.push(['port', e.port]);
        else if (e.portNumber !== undefined) checks.push(['portNumber', e.portNumber]);
        else if (e.targetPort !== undefined) checks.push(['targetPort', e.targetPort]);
        for (const [field, port] of checks) {
          if (podsDeclare(m.selectedPods, port)) continue;
          hits.push({
            object: m.obj,
            field: `${e.field}.${field}`,
            message:
              `${objectLabel(m.obj)} scrapes the container port ${typeof port === 'number' ? port : `named "${port}"`}, but no selected pod (${owners}) declares it ` +
              `(${declared.length > 0 ? `they declare ${listSome(declared, 6)}` : 'they declare no ports'}), so this endpoint yields no targets; ` +
              `declare the port${typeof port === 'number' ? '' : ` with name ${port}`} in the pod template or correct ${field}`,
          });
        }
      }
    }
    return hits;
  },
};
