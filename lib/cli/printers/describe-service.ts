/**
 * `describe service` in kubectl's layout (kubectl describe.go describeService), reading the
 * Service as the API server holds it and the EndpointSlices labelled with its name.
 */
import { arr, at, str, strMap } from '../../k8s/json';
import { joinHostPort } from '../../k8s/ip';
import { formatSelector } from '../../k8s/labels';
import type { KubernetesVersion, SimEndpointSlice, SimService } from '../../cluster/model';
import { versionAtLeast } from '../../k8s/version';
import { DESCRIBE_TABWRITER, tabwrite } from './tabwriter';
import { loadBalancerIngress } from './services';
import { LIST_MAX } from './more';

export interface DescribeOptions {
  /**
   * The cluster's version: kubectl of that era printed no dual-stack lines (`IP Family Policy`,
   * `IP Families`, `IPs`) before 1.20 and no `Internal Traffic Policy` before 1.22.
   * Default: the simulator's baseline release, which prints both.
   */
  version?: KubernetesVersion;
  /**
   * The Endpoints value per service port name, for clusters whose kubectl read the Endpoints
   * object rather than EndpointSlices. Default: from the slices.
   */
  endpointsLine?: (portName: string) => string;
}

/** Annotations kubectl never shows. */
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

export function describeService(svc: SimService, slices: readonly SimEndpointSlice[], opts: DescribeOptions = {}): string {
  const spec = at(svc.apiObject(), 'spec');
  const v = opts.version;
  // No version given means the baseline (1.31, versionAtLeast's default): newer than both eras, so
  // every line is printed, as "current behaviour" always did.
  const dualStackEra = versionAtLeast(v, 1, 20);
  // kubectl printed the internal traffic policy from 1.22, when the API server began defaulting it.
  const trafficPolicyEra = versionAtLeast(v, 1, 22);
  const lines: string[] = [];
  const w = (s: string): void => void lines.push(s);

  w(`Name:\t${svc.name}`);
  w(`Namespace:\t${svc.namespace}`);
  lines.push(...labelLines('Labels', svc.labels));
  lines.push(...annotationLines('Annotations', strMap(at(svc.apiObject(), 'metadata', 'annotations')) ?? {}));
  w(`Selector:\t${formatSelector(svc.selector)}`);
  w(`Type:\t${svc.type}`);
  if (dualStackEra) {
    const policy = str(at(spec, 'ipFamilyPolicy'));
    if (policy) w(`IP Family Policy:\t${policy}`);
    const families = arr(at(spec, 'ipFamilies')).filter((x): x is string => typeof x === 'string');
    w(`IP Families:\t${families.length > 0 ? families.join(',') : '<none>'}`);
  }
  w(`IP:\t${svc.clusterIP}`);
  if (dualStackEra) w(`IPs:\t${svc.clusterIPs.length > 0 ? svc.clusterIPs.join(',') : '<none>'}`);
  if (svc.externalIPs.length > 0) w(`External IPs:\t${svc.externalIPs.join(',')}`);
  const lbIP = str(at(spec, 'loadBalancerIP'));
  if (lbIP) w(`Desired LoadBalancer IP:\t${lbIP}`);
  if (svc.externalName) w(`External Name:\t${svc.externalName}`);
  const ingress = ingressString(svc);
  if (ingress) w(`LoadBalancer Ingress:\t${ingress}`);
  for (const sp of svc.ports) {
    const name = sp.name !== '' ? sp.name : '<unset>';
    w(`Port:\t${name}\t${sp.port}/${sp.protocol}`);
    w(`TargetPort:\t${sp.targetPort}/${sp.protocol}`);
    if (sp.appProtocol !== undefined) w(`AppProtocol:\t${sp.appProtocol}`);
    if (sp.nodePort !== 0) w(`NodePort:\t${name}\t${sp.nodePort}/${sp.protocol}`);
    w(`Endpoints:\t${opts.endpointsLine ? opts.endpointsLine(sp.name) : formatEndpointSlices(slices, sp.name)}`);
  }
  w(`Session Affinity:\t${svc.sessionAffinity}`);
  if (svc.externalTrafficPolicy) w(`External Traffic Policy:\t${svc.externalTrafficPolicy}`);
  if (svc.internalTrafficPolicy && trafficPolicyEra) w(`Internal Traffic Policy:\t${svc.internalTrafficPolicy}`);
  if (svc.healthCheckNodePort) w(`HealthCheck NodePort:\t${svc.healthCheckNodePort}`);
  if (svc.loadBalancerSourceRanges.length > 0) w(`LoadBalancer Source Ranges:\t${svc.loadBalancerSourceRanges.join(',')}`);
  const distribution = str(at(spec, 'trafficDistribution'));
  if (distribution) w(`Traffic Distribution:\t${distribution}`);
  // The simulator records no events.
  w('Events:\t<none>');
  return tabwrite(lines.join('\n') + '\n', DESCRIBE_TABWRITER);
}

/** `k=v` sorted by key, continuation lines in the value column; `<none>` when empty. */
export function labelLines(title: string, labels: Record<string, string>): string[] {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return [`${title}:\t<none>`];
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}=${labels[k]}`);
}

/** `key: value`; long or multi-line values go on their own lines, cut at 140 characters. */
export function annotationLines(title: string, annotations: Record<string, string>): string[] {
  const keys = Object.keys(annotations).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  if (keys.length === 0) return [`${title}:\t<none>`];
  const out: string[] = [];
  keys.forEach((k, i) => {
    const prefix = i === 0 ? `${title}:\t` : '\t';
    const value = annotations[k]!.replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      out.push(`${prefix}${k}:`);
      for (const s of value.split('\n')) out.push(`\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 2) + '...' : s}`);
    } else {
      out.push(`${prefix}${k}: ${value}`);
    }
  });
  return out;
}

/** `ip (ipMode)` or hostname per load-balancer ingress entry, joined by `, `. */
function ingressString(svc: SimService): string {
  const entries = loadBalancerIngress(svc.apiObject());
  if (entries.length === 0) return svc.loadBalancerIPs.join(', ');
  return entries
    .map((e) => {
      const base = str(e.ip) || str(e.hostname) || '';
      const mode = str(e.ipMode);
      return mode ? `${base} (${mode})` : base;
    })
    .join(', ');
}

/**
 * The Endpoints line: ready endpoints of the slices' ports named like the service port, as
 * `addr:port` (bare addresses for port-less slices), the first three then ` + N more...`.
 * No slices → `<none>`. Keeps kubectl's quirk: "more" is raised when a fourth endpoint is seen,
 * even one that is not ready, which can print `a,b,c + 0 more...`.
 */
export function formatEndpointSlices(slices: readonly SimEndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let more = false;
  let count = 0;
  const visit = (ready: boolean, text: () => string): void => {
    if (list.length === LIST_MAX) more = true;
    if (!ready) return;
    if (!more) list.push(text());
    count++;
  };
  for (const slice of slices) {
    const usable = slice.endpoints.filter((e) => e.addresses.length > 0);
    if (slice.ports.length === 0) {
      for (const e of usable) visit(e.ready, () => e.addresses[0]!);
      continue;
    }
    for (const port of slice.ports) {
      if (portName !== undefined && port.name !== portName) continue;
      for (const e of usable) visit(e.ready, () => joinHostPort(e.addresses[0]!, port.port));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - LIST_MAX} more...` : ret;
}

