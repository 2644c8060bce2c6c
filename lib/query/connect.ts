/**
 * "Can this client open connections to Service X's port P?" — kube-proxy's choice of destinations
 * from each of the client's pods (for a headless Service, the ready endpoints the client connects to
 * directly), each judged by NetworkPolicy on the translated address and port, as `trace` judges
 * them and `reach` counts them. The answer is data: every connection with its verdict, the side
 * and policies that drop it, and the rule that would allow it; the jest matchers word it.
 */
import type { SimPod } from '../cluster/model';
import { byString } from '../k8s/json';
import { readyEndpointPods } from '../views/endpoint-pods';
import { serviceTraffic } from '../views/kube-proxy';
import { addressEndpoint, describeDenial, judgeConnection, policyNames, type PolicyConnection, type PolicyDirection, type SideVerdict } from '../views/network-policy';
import { describePort, pickPort, type CheckedCluster } from './route';
import { splitRef } from './targets';

export interface ConnectQuery {
  /** The client: a workload name, `namespace/Kind/name`, or a pod (`name` or `namespace/name`). */
  from: string;
  /** The Service port, by number or name; may be omitted when the Service has one port. */
  port?: number | string;
}

/** One client pod's connection to one destination kube-proxy chose, as NetworkPolicy judges it. */
export interface Connection {
  /** `namespace/name` of the client pod. */
  from: string;
  /** `namespace/name` of the destination pod, or its address when it is not a pod. */
  to: string;
  ip: string;
  /** The port after kube-proxy's translation (the targetPort). */
  port: number;
  allowed: boolean;
  /** When denied: the side that drops it, and the policies that isolate that side. */
  deniedBy?: { direction: PolicyDirection; pod: string; policies: string[] };
  /**
   * Why, for people: when denied, the policies, the direction and the rule that would allow it;
   * when allowed, what lets it through on each side.
   */
  why: string;
}

export interface ConnectAnswer {
  /** `Deployment default/frontend (2 pods)` or `pod default/debug`; undefined when `from` names nothing. */
  client?: string;
  service?: string;
  servicePort?: string;
  /** Why the question has no answer (no such client, Service or port, no route); undefined otherwise. */
  problem?: string;
  /** Every (client pod, destination) pair, by client then destination. */
  connections: Connection[];
}

/** The pods of `from`: a workload (by name, or `namespace/Kind/name`) or a pod. */
function clientPods(checked: CheckedCluster, from: string, namespace: string): { label: string; pods: SimPod[] } | string {
  const { cluster } = checked;
  const parts = from.split('/');
  if (parts.length === 3) {
    const [ns, kind, name] = parts;
    if (kind === 'Pod') {
      const pod = cluster.pod(ns, name);
      return pod ? { label: `pod ${ns}/${name}`, pods: [pod] } : `no pod ${ns}/${name}`;
    }
    const w = cluster.workloads.find((x) => x.namespace === ns && x.kind === kind && x.name === name);
    return w ? { label: `${kind} ${ns}/${name}`, pods: w.pods } : `no ${kind} ${ns}/${name}`;
  }
  const ref = splitRef(from, namespace);
  const pod = cluster.pod(ref.namespace, ref.name);
  if (pod) return { label: `pod ${ref.namespace}/${ref.name}`, pods: [pod] };
  const workloads = cluster.workloads.filter((w) => w.namespace === ref.namespace && w.name === ref.name);
  if (workloads.length === 1) return { label: `${workloads[0].kind} ${ref.namespace}/${ref.name}`, pods: workloads[0].pods };
  if (workloads.length > 1) return `${workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`).join(', ')} share the name ${ref.name}; say which as namespace/Kind/name`;
  return `no pod or workload ${ref.namespace}/${ref.name}`;
}

function podName(p: SimPod): string {
  return `${p.namespace}/${p.name}`;
}

function sideText(side: SideVerdict): string {
  switch (side.reason) {
    case 'rule':
      return `NetworkPolicy ${side.allowedBy!.policy.namespace}/${side.allowedBy!.policy.name} ${side.allowedBy!.rule.field}`;
    case 'not-isolated':
      return 'not isolated';
    case 'not-a-pod':
      return 'not a pod';
    case 'self':
      return 'the pod itself';
    case 'node':
      return 'its own node';
    case 'no-rule':
      return 'no rule';
  }
}

/**
 * Whether the client's pods can open connections to the Service port: kube-proxy's choice of
 * destinations from each client pod's node (every ready endpoint for a headless Service, which
 * clients reach directly), each judged by NetworkPolicy on the translated address and port.
 */
export function queryConnections(checked: CheckedCluster, serviceRef: string, q: ConnectQuery, namespace = 'default'): ConnectAnswer {
  const { cluster } = checked;
  const client = clientPods(checked, q.from, namespace);
  if (typeof client === 'string') return { problem: client, connections: [] };
  const label = `${client.label}${client.pods.length === 1 && client.label.startsWith('pod ') ? '' : ` (${client.pods.length} pod${client.pods.length === 1 ? '' : 's'})`}`;
  const ref = splitRef(serviceRef, namespace);
  const svc = cluster.service(ref.namespace, ref.name);
  if (!svc) return { client: label, problem: `no Service ${ref.namespace}/${ref.name}`, connections: [] };
  const service = `${svc.namespace}/${svc.name}`;
  const port = pickPort(svc, q.port);
  if (typeof port === 'string') return { client: label, service, problem: port, connections: [] };
  const servicePort = describePort(port);
  if (svc.type === 'ExternalName') return { client: label, service, servicePort, problem: `Service ${service} is ExternalName (${svc.externalName ?? '?'}): no pod of the cluster is reached`, connections: [] };
  const pods = client.pods.filter((p) => p.ip !== '' && p.phase === 'Running');
  if (pods.length === 0) return { client: label, service, servicePort, problem: `${client.label} has no running pod with an address`, connections: [] };
  const connections: Connection[] = [];
  for (const from of pods) {
    let destinations: { pod?: SimPod; ip: string; port: number }[];
    if (svc.headless || svc.clusterIP === '' || svc.clusterIP === 'None') {
      destinations = readyEndpointPods(cluster, svc, port).map((e) => ({ pod: e.pod, ip: e.pod.ip, port: e.port }));
    } else {
      const traffic = serviceTraffic(cluster, { service: svc, port, via: 'clusterIP', node: from.nodeName, from: 'pod', sourceIP: from.ip });
      if (traffic.verdict !== 'dnat') return { client: label, service, servicePort, problem: `kube-proxy on ${from.nodeName} ${traffic.verdict === 'reject' ? 'rejects' : 'drops'} connections to ${svc.clusterIP}:${port.port}: ${traffic.reason}`, connections: [] };
      destinations = traffic.destinations;
    }
    if (destinations.length === 0) return { client: label, service, servicePort, problem: `Service ${service} port ${servicePort} has no ready endpoint`, connections: [] };
    for (const d of destinations) {
      const conn: PolicyConnection = { from: { pod: from }, to: d.pod ? { pod: d.pod } : addressEndpoint(cluster, d.ip), port: d.port, protocol: port.protocol };
      const verdict = judgeConnection(cluster, conn);
      const c: Connection = { from: podName(from), to: d.pod ? podName(d.pod) : d.ip, ip: d.ip, port: d.port, allowed: verdict.allowed, why: '' };
      const side = verdict.deniedBy;
      if (side?.pod) {
        c.deniedBy = { direction: side.direction, pod: podName(side.pod), policies: policyNames(side.policies) };
        c.why = describeDenial(cluster, conn, verdict) ?? '';
      } else {
        c.why = `egress: ${sideText(verdict.egress)}; ingress: ${sideText(verdict.ingress)}`;
      }
      connections.push(c);
    }
  }
  connections.sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to));
  return { client: label, service, servicePort, connections };
}
