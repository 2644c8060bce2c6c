/**
 * Everything lineup can do with one input, in-process: load, build, every rule, every report
 * format, every `get` listing, describe, DNS, env, trace (pod, node, external, Ingress URLs) and
 * iptables-save. Returns the problems met — exceptions that escaped, rules that failed, broken
 * invariants — as one line each; never throws. Shared by the fuzz campaign and the regression
 * tests that replay its saved crashes.
 */
import { loadText } from '../../lib/load/load';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { runRules } from '../../lib/rules/run';
import type { Cluster } from '../../lib/cluster/model';
import type { Finding } from '../../lib/findings';
import { REPORT_FORMATS, formatReport, summarize } from '../../lib/report';
import { dnsRecords, resolveFromPod } from '../../lib/views/dns';
import { serviceEnv } from '../../lib/views/env';
import { trace, formatTrace, type TraceResult } from '../../lib/views/trace';
import { iptablesSave } from '../../lib/views/kube-proxy';
import { getTable, renderList } from '../../lib/cli/printers/get';
import { listObjects, queryGet, type GetKind } from '../../lib/query/get';
import { describeService } from '../../lib/cli/printers/describe-service';

/** Bounds the work per case: a fuzz case must stay fast whatever it contains. */
const MAX_PER_KIND = 6;
/**
 * The run's pod limit for a fuzz case: a mutated `replicas` reaches the limit easily, and every
 * listing below then prints each pod. Lower than a real run's, the same code path.
 */
const MAX_PODS_PER_CASE = 1_000;

function errorLine(stage: string, err: unknown): string {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `${stage}: ${message.split('\n')[0]}`;
}

function checkTrace(stage: string, t: TraceResult | undefined, problems: string[]): void {
  if (!t) return;
  formatTrace(t);
  if (t.outcome === 'delivered') {
    const sum = t.destinations.reduce((acc, d) => acc + d.probability, 0);
    if (Math.abs(sum - 1) > 1e-9) problems.push(`${stage}: delivered probabilities sum to ${sum}, not 1`);
  }
}

export interface Exercised {
  problems: string[];
  findings: Finding[];
  cluster?: Cluster;
}

export function exercise(text: string, file = 'fuzz.yaml'): Exercised {
  const problems: string[] = [];
  const attempt = <T>(stage: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (err) {
      problems.push(errorLine(stage, err));
      return undefined;
    }
  };

  const load = attempt('load', () => loadText(text, file));
  if (!load) return { problems, findings: [] };
  const cluster = attempt('build', () => buildCluster(load.objects, defaultSettings(), { maxSimulatedPods: MAX_PODS_PER_CASE }));
  if (!cluster) return { problems, findings: [] };
  const findings = attempt('rules', () => runRules(cluster, load.problems)) ?? [];
  for (const f of findings) {
    if (f.message.includes('this is a bug in lineup')) problems.push(`rule ${f.rule}: ${f.message}`);
    if (!f.source) problems.push(`rule ${f.rule}: finding without a location: ${f.message}`);
  }
  const summary = summarize(findings, load.objects.length);
  for (const format of REPORT_FORMATS) attempt(`report ${format}`, () => formatReport(format, findings, summary, { cwd: '/' }));

  const kinds: GetKind[] = ['services', 'endpoints', 'endpointslices', 'pods', 'ingresses'];
  for (const kind of kinds) {
    attempt(`get ${kind}`, () => getTable(queryGet(cluster, kind), { wide: true }));
    attempt(`get ${kind} -o json`, () => JSON.parse(renderList(listObjects(cluster, kind), 'json')));
    attempt(`get ${kind} -o yaml`, () => renderList(listObjects(cluster, kind), 'yaml'));
  }

  const pods = cluster.pods.slice(0, MAX_PER_KIND);
  const from = cluster.pods.find((p) => p.namespace !== 'kube-system');
  const node = cluster.nodes[0]?.name;
  if (node) attempt('iptables-save', () => iptablesSave(cluster, node));
  for (const pod of pods) attempt(`env ${pod.namespace}/${pod.name}`, () => serviceEnv(cluster, pod));

  const services = cluster.services.filter((s) => s.obj).slice(0, MAX_PER_KIND);
  for (const svc of services) {
    const where = `${svc.namespace}/${svc.name}`;
    attempt(`describe ${where}`, () => describeService(svc, cluster.slicesOf(svc.namespace, svc.name)));
    for (const type of ['A', 'SRV', 'AAAA'] as const) {
      attempt(`dns ${type} ${where}`, () => dnsRecords(cluster, `${svc.name}.${svc.namespace}.svc.${cluster.settings.clusterDomain}.`, type));
      attempt(`resolve ${type} ${where}`, () => resolveFromPod(cluster, `${svc.name}.${svc.namespace}`, { from, type }));
    }
    const port = svc.ports[0]?.port ?? 80;
    if (from) checkTrace(`trace ${where} from pod`, attempt(`trace ${where} from pod`, () => trace(cluster, `${svc.name}.${svc.namespace}:${port}`, { pod: from })), problems);
    if (node) checkTrace(`trace ${where} from node`, attempt(`trace ${where} from node`, () => trace(cluster, `${svc.clusterIP || svc.name}:${port}`, { node })), problems);
    const nodePort = svc.ports.find((p) => p.nodePort > 0)?.nodePort;
    const nodeIP = cluster.nodes[0]?.ip;
    if (nodePort && nodeIP) checkTrace(`trace ${where} external`, attempt(`trace ${where} external`, () => trace(cluster, `${nodeIP}:${nodePort}`, { external: true })), problems);
  }
  for (const ing of cluster.ingresses.slice(0, MAX_PER_KIND)) {
    for (const rule of ing.rules.slice(0, 2)) {
      const host = rule.host.replace(/^\*\./, 'x.') || 'any.example.com';
      const path = rule.paths[0]?.path || '/';
      checkTrace(`trace ingress ${ing.name}`, attempt(`trace ingress ${ing.name}`, () => trace(cluster, `http://${host}${path.startsWith('/') ? path : `/${path}`}`, { external: true })), problems);
      if (from) attempt(`trace ingress ${ing.name} from pod`, () => trace(cluster, `http://${host}/`, { pod: from }));
    }
  }
  return { problems, findings, cluster };
}
