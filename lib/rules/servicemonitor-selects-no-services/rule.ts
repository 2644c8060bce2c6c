/**
 * servicemonitor-selects-no-services: a Prometheus Operator ServiceMonitor whose selector matches no
 * Service in the namespaces it watches, so Prometheus gets no targets from it and whatever reads
 * those metrics (dashboards, alerts, an autoscaler) sees nothing.
 */
import type { SimService } from '../../cluster/model';
import { byString } from '../../k8s/json';
import { formatLabelSelector, matchesLabelSelector } from '../../k8s/label-selector';
import { formatSelector } from '../../k8s/labels';
import { listSome, objectLabel, serviceLabel } from '../support/describe';
import { watchedText, watches } from '../support/monitors';
import { closest } from '../support/near-miss';
import type { Rule, RuleHit } from '../rule';

export const serviceMonitorSelectsNoServices: Rule = {
  id: 'servicemonitor-selects-no-services',
  severity: 'warning',
  title: 'ServiceMonitor selector matches no Service',
  explanation:
    'The Prometheus Operator turns a ServiceMonitor into a scrape job over the Endpoints of the Services whose own ' +
    'labels (`metadata.labels`) match `spec.selector`, in the namespaces `spec.namespaceSelector` names (`any: true`, ' +
    'or `matchNames`; without it, the ServiceMonitor\'s own namespace). When no Service matches, Prometheus scrapes ' +
    'nothing for it and the metrics never arrive — an alert that never fires, an autoscaler that never scales. The ' +
    'usual causes are a Service that carries no labels at all (its `spec.selector` selects pods, but the ServiceMonitor ' +
    'looks at the Service\'s own labels), a typo in a label, or a Service in a namespace the ServiceMonitor does not ' +
    'watch. Add the labels to the Service\'s `metadata.labels`, fix the selector, or list the namespace in ' +
    '`spec.namespaceSelector.matchNames`.',
  check({ cluster }) {
    const hits: RuleHit[] = [];
    for (const m of cluster.serviceMonitors) {
      if (m.selectedServices.length > 0) continue;
      // An empty selector picks every Service: `<none>`, kubectl's text for it, would read as the opposite.
      const selectorText = formatLabelSelector(m.selector, '<everything>');
      const head = `${objectLabel(m.obj)} selects Services labelled ${selectorText} in ${watchedText(m)}, but no Service there has those labels, so Prometheus scrapes nothing for it`;
      if (m.selector.invalid) {
        hits.push({ object: m.obj, field: 'spec.selector', message: `${objectLabel(m.obj)} has a selector the API cannot read (an unknown operator, or In/NotIn without values), so it selects nothing; fix spec.selector` });
        continue;
      }
      const watched = cluster.services.filter((s) => watches(m, s.namespace));
      const hints: string[] = [];
      // 1. The Service selects the pods the monitor names, but does not carry the labels itself.
      const pairs = m.selector.matchLabels;
      const pairKeys = Object.keys(pairs);
      if (pairKeys.length > 0) {
        const confused = watched.filter((s) => s.selector && pairKeys.every((k) => s.selector![k] === pairs[k]));
        if (confused.length > 0) {
          hints.push(
            `${listSome(confused.map(serviceLabel), 3)} ${confused.length === 1 ? 'selects' : 'select'} pods labelled ${formatSelector(pairs)} but ` +
              `${confused.length === 1 ? 'does' : 'do'} not carry ${pairKeys.length === 1 ? 'that label' : 'those labels'} itself; a ServiceMonitor matches a Service's own labels (metadata.labels): add them there`,
          );
        }
      }
      // 2. A typo in a value: the closest value of the same key on a watched Service.
      if (hints.length === 0) {
        for (const key of pairKeys.sort(byString)) {
          const values = new Map<string, SimService>();
          for (const s of watched) if (key in s.labels && !values.has(s.labels[key])) values.set(s.labels[key], s);
          if (values.has(pairs[key])) continue;
          const near = closest(pairs[key], values.keys());
          if (near !== undefined) hints.push(`did you mean ${key}=${near} (${serviceLabel(values.get(near)!)})?`);
        }
      }
      // 3. Matching Services in namespaces it does not watch.
      const elsewhere = cluster.services.filter((s) => !watches(m, s.namespace) && s.obj && matchesLabelSelector(s.labels, m.selector));
      if (elsewhere.length > 0) {
        hints.push(
          `${listSome(elsewhere.map(serviceLabel), 3)} ${elsewhere.length === 1 ? 'has' : 'have'} these labels in a namespace it does not watch; ` +
            'name the namespace in spec.namespaceSelector.matchNames (or set any: true)',
        );
      }
      if (hints.length === 0) hints.push('add these labels to the Service that fronts the pods to scrape, or fix spec.selector');
      hits.push({ object: m.obj, field: 'spec.selector', message: `${head}; ${hints.join('; ')}` });
    }
    return hits;
  },
};
