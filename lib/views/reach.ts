/**
 * `lineup reach`: which clients can open connections to which Service ports, once kube-proxy has
 * translated them (each endpoint pod on its resolved targetPort) and NetworkPolicy has judged both
 * sides. Rows are client workloads (`ns/Kind/name`, bare pods `ns/Pod/name`), each node
 * (`node/<name>`), `external`, and each ingress controller (`ingress/<class>`); columns are
 * Service ports (`ns/name:port/PROTO`) with ready endpoints. A cell is `allowed` when every
 * (client pod, endpoint) pair is, `denied` when none is, `partial` otherwise.
 *
 * The same answers as judgeConnection, computed over classes: pods that share namespace, labels,
 * container ports and hostNetwork are judged alike by every selector and named port, so a cell
 * costs what its classes cost, not what its pods do. Only ipBlock peers look at addresses; a class
 * whose pods an ipBlock splits, sources seen as addresses (nodes, hostNetwork pods, clients
 * outside) and endpoints that are not pods are judged pair by pair.
 *
 * Objects the input did not declare (the built-in `kubernetes` and `kube-dns` Services, CoreDNS)
 * are left out of rows and columns.
 */
import { BUILTIN_FILE } from '../cluster/builtin';
import type { Cluster, Protocol, SimNetworkPolicy, SimPod, SimPolicyRule, SimService, SimServicePort } from '../cluster/model';
import { cidrContains, parseIP } from '../k8s/ip';
import { ingressController } from './ingress-controllers';
import { addressEndpoint, isolatingPolicies, judgeConnection, peerSelectsPod, portMatches, type PolicyEndpoint } from './network-policy';
import { DEFAULT_CLIENT_IP } from './trace';

export type ReachVerdict = 'allowed' | 'denied' | 'partial';

export interface ReachMatrix {
  rows: string[];
  columns: string[];
  /** Every (row, column) pair, row by row. */
  cells: { from: string; to: string; verdict: ReachVerdict }[];
}

export interface ReachOptions {
  /** Keep only rows whose label is this, or that this pod belongs to, or (with a trailing `/`) in this namespace. */
  from?: (row: ReachRow) => boolean;
  /** Keep only these columns. */
  to?: (service: SimService, port: SimServicePort) => boolean;
}

/** A row: who opens the connections. */
export interface ReachRow {
  label: string;
  /** Pods of a workload (or one bare pod); empty for nodes and outside clients. */
  pods: SimPod[];
  /** Sources that are addresses: a node's, or an outside client's as each endpoint sees it. */
  kind: 'pods' | 'node' | 'external' | 'ingress';
  node?: string;
}

/** Pods judged alike by every selector and named port. */
interface PodClass {
  id: number;
  pods: SimPod[];
  rep: SimPod;
}

interface Member {
  cls?: PodClass;
  /** The endpoint pods of `cls` behind this port. */
  endpointPods: SimPod[];
  /** A destination that is not a pod of a class (manual endpoints). */
  pod?: SimPod;
  ip: string;
  port: number;
  count: number;
}

interface Column {
  label: string;
  service: SimService;
  port: SimServicePort;
  members: Member[];
}

function isBuiltin(obj: { source: { file: string } } | undefined): boolean {
  return !obj || obj.source.file === BUILTIN_FILE;
}

function classKey(pod: SimPod): string {
  const labels = Object.keys(pod.labels)
    .sort()
    .map((k) => `${k}=${pod.labels[k]}`)
    .join(',');
  const ports = pod.containers.map((c) => c.ports.map((p) => `${p.name ?? ''}:${p.containerPort}/${p.protocol}`).join(',')).join(';');
  return `${pod.namespace}\u0000${labels}\u0000${ports}`;
}

/** Rules of policies, with which classes their peers select ('all', or a set of class ids; 'mixed' classes need per-pod judging). */
class RulePeers {
  private readonly cache = new Map<SimPolicyRule, { all: boolean; ids: Set<number>; mixed: Set<number> }>();

  constructor(
    private readonly cluster: Cluster,
    private readonly classes: PodClass[],
  ) {}

  of(policy: SimNetworkPolicy, rule: SimPolicyRule): { all: boolean; ids: Set<number>; mixed: Set<number> } {
    let entry = this.cache.get(rule);
    if (entry) return entry;
    entry = { all: rule.peers.length === 0, ids: new Set(), mixed: new Set() };
    if (!entry.all) {
      for (const c of this.classes) {
        let hit = false;
        let mixed = false;
        for (const peer of rule.peers) {
          if (peer.ipBlock) {
            const block = peer.ipBlock;
            let inside = 0;
            for (const p of c.pods) {
              const ip = parseIP(p.ip);
              if (ip && cidrContains(block.cidr, ip) && !block.except.some((e) => cidrContains(e, ip))) inside++;
            }
            if (inside === c.pods.length) hit = true;
            else if (inside > 0) mixed = true;
          } else if (peerSelectsPod(this.cluster, peer, policy.namespace, c.rep)) {
            hit = true;
          }
          if (hit) break;
        }
        if (hit) entry.ids.add(c.id);
        else if (mixed) entry.mixed.add(c.id);
      }
    }
    this.cache.set(rule, entry);
    return entry;
  }
}

type SideAnswer = 'yes' | 'no' | 'mixed';

export function reach(cluster: Cluster, opts: ReachOptions = {}): ReachMatrix {
  // Classes over every pod of the pod network that has an address.
  const classes: PodClass[] = [];
  const classOf = new Map<SimPod, PodClass>();
  const byKey = new Map<string, PodClass>();
  for (const pod of cluster.pods) {
    if (pod.hostNetwork || pod.ip === '' || pod.phase !== 'Running') continue;
    const key = classKey(pod);
    let c = byKey.get(key);
    if (!c) {
      c = { id: classes.length, pods: [], rep: pod };
      classes.push(c);
      byKey.set(key, c);
    }
    c.pods.push(pod);
    classOf.set(pod, c);
  }
  const peers = new RulePeers(cluster, classes);

  const rows = reachRows(cluster).filter((r) => !opts.from || opts.from(r));
  const columns = reachColumns(cluster, classOf).filter((c) => !opts.to || opts.to(c.service, c.port));

  /** One side of a class-to-class connection: does some rule of the subject's isolating policies admit the other class? */
  const side = (subject: PodClass, direction: 'ingress' | 'egress', remote: PodClass, port: number, protocol: Protocol, destination: SimPod): SideAnswer => {
    const policies = isolatingPolicies(cluster, subject.rep, direction);
    if (policies.length === 0) return 'yes';
    let mixed = false;
    for (const policy of policies) {
      for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
        if (rule.ports.length > 0 && !rule.ports.some((p) => portMatches(p, port, protocol, { pod: destination }))) continue;
        const selected = peers.of(policy, rule);
        if (selected.all || selected.ids.has(remote.id)) return 'yes';
        if (selected.mixed.has(remote.id)) mixed = true;
      }
    }
    return mixed ? 'mixed' : 'no';
  };

  const cells: ReachMatrix['cells'] = [];
  for (const row of rows) {
    const sourceClasses = new Map<PodClass, SimPod[]>();
    const loose: SimPod[] = [];
    for (const pod of row.pods) {
      const c = classOf.get(pod);
      if (c) {
        const list = sourceClasses.get(c);
        if (list) list.push(pod);
        else sourceClasses.set(c, [pod]);
      } else {
        // hostNetwork pods (seen as their node) and an ingress controller's stand-in.
        loose.push(pod);
      }
    }
    for (const col of columns) {
      let allowed = 0;
      let denied = 0;
      const count = (ok: boolean, n = 1): void => {
        if (ok) allowed += n;
        else denied += n;
      };
      const protocol = col.port.protocol;
      for (const m of col.members) {
        const destination: PolicyEndpoint = m.pod ? { pod: m.pod } : m.cls ? { pod: m.cls.rep } : addressEndpoint(cluster, m.ip);
        // Pod sources, by class.
        for (const [s, pods] of sourceClasses) {
          if (!m.cls) {
            for (const pod of pods) count(judgeConnection(cluster, { from: { pod }, to: destination, port: m.port, protocol }).allowed, m.count);
            continue;
          }
          const d = m.cls;
          const egress = side(s, 'egress', d, m.port, protocol, d.rep);
          const ingress = egress === 'no' ? 'no' : side(d, 'ingress', s, m.port, protocol, d.rep);
          if (egress === 'mixed' || ingress === 'mixed') {
            for (const from of pods) for (const to of m.endpointPods) count(judgeConnection(cluster, { from: { pod: from }, to: { pod: to }, port: m.port, protocol }).allowed);
            continue;
          }
          const ok = egress === 'yes' && ingress === 'yes';
          if (s === d && !ok) {
            // A pod always reaches itself: the pairs (p, p) are allowed whatever the policies.
            const endpoints = new Set(m.endpointPods);
            const selves = pods.filter((p) => endpoints.has(p)).length;
            allowed += selves;
            denied += pods.length * m.count - selves;
          } else {
            count(ok, pods.length * m.count);
          }
        }
        // Sources seen as addresses: hostNetwork pods, nodes, outside clients; ingress controller pods.
        const sources = addressSources(cluster, row, loose, col.service);
        if (sources === 'unreachable') {
          count(false, m.count);
          continue;
        }
        const targets: PolicyEndpoint[] = m.cls ? m.endpointPods.map((pod) => ({ pod })) : [destination];
        for (const source of sources) for (const to of targets) count(judgeConnection(cluster, { from: source, to, port: m.port, protocol }).allowed);
      }
      const verdict: ReachVerdict = denied === 0 ? 'allowed' : allowed === 0 ? 'denied' : 'partial';
      cells.push({ from: row.label, to: col.label, verdict });
    }
  }
  return { rows: rows.map((r) => r.label), columns: columns.map((c) => c.label), cells };
}

/** The sources of a row that are not judged by class; `unreachable` when outside clients have no way in. */
function addressSources(cluster: Cluster, row: ReachRow, loose: SimPod[], service: SimService): PolicyEndpoint[] | 'unreachable' {
  switch (row.kind) {
    case 'pods':
    case 'ingress':
      return loose.map((pod) => ({ pod }));
    case 'node':
      return [addressEndpoint(cluster, cluster.nodes.find((n) => n.name === row.node)?.ip ?? '')];
    case 'external':
      return externalSources(cluster, service);
  }
}

/**
 * An outside client reaches a Service through a node port, an external IP or a load balancer:
 * with `externalTrafficPolicy: Cluster` the endpoint sees the receiving node (any node), with
 * `Local` the client's address. A Service exposed none of these ways has no outside sources; the
 * connection cannot be opened (judged as denied).
 */
function externalSources(cluster: Cluster, service: SimService): PolicyEndpoint[] | 'unreachable' {
  const exposed = service.type === 'NodePort' || service.type === 'LoadBalancer' || service.externalIPs.length > 0;
  if (!exposed) return 'unreachable';
  if (service.externalTrafficPolicy === 'Local') return [addressEndpoint(cluster, DEFAULT_CLIENT_IP)];
  return cluster.nodes.map((n) => ({ ip: n.ip, node: n.name }));
}

export function reachRows(cluster: Cluster): ReachRow[] {
  const rows: ReachRow[] = [];
  for (const w of cluster.workloads) {
    if (isBuiltin(w.obj) || w.pods.length === 0) continue;
    rows.push({ label: `${w.namespace}/${w.kind}/${w.name}`, pods: w.pods.filter((p) => p.ip !== '' && p.phase === 'Running'), kind: 'pods' });
  }
  for (const p of cluster.pods) {
    if (p.owner || isBuiltin(p.obj)) continue;
    rows.push({ label: `${p.namespace}/Pod/${p.name}`, pods: p.ip !== '' && p.phase === 'Running' ? [p] : [], kind: 'pods' });
  }
  rows.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  for (const n of cluster.nodes) rows.push({ label: `node/${n.name}`, pods: [], kind: 'node', node: n.name });
  rows.push({ label: 'external', pods: [], kind: 'external' });
  for (const c of cluster.settings.ingressControllers) {
    rows.push({ label: `ingress/${c.class}`, pods: ingressController(cluster, c.class)?.pods ?? [], kind: 'ingress' });
  }
  return rows;
}

function reachColumns(cluster: Cluster, classOf: Map<SimPod, PodClass>): Column[] {
  const out: Column[] = [];
  for (const service of cluster.services) {
    if (isBuiltin(service.obj) || service.type === 'ExternalName') continue;
    for (const port of service.ports) {
      const grouped = new Map<string, Member>();
      for (const slice of cluster.slicesOf(service.namespace, service.name)) {
        const slicePort = slice.ports.find((p) => p.name === port.name && p.protocol === port.protocol);
        if (!slicePort) continue;
        for (const ep of slice.endpoints) {
          if (!ep.ready) continue;
          const pod = ep.pod;
          const cls = pod ? classOf.get(pod) : undefined;
          for (const ip of ep.addresses) {
            const key = cls ? `c${cls.id}:${slicePort.port}` : `${ip}:${slicePort.port}`;
            const m = grouped.get(key);
            if (m) {
              m.count++;
              if (pod) m.endpointPods.push(pod);
              continue;
            }
            grouped.set(key, cls ? { cls, endpointPods: [pod!], ip, port: slicePort.port, count: 1 } : { pod, endpointPods: [], ip, port: slicePort.port, count: 1 });
          }
        }
      }
      if (grouped.size === 0) continue;
      out.push({ label: `${service.namespace}/${service.name}:${port.port}/${port.protocol}`, service, port, members: [...grouped.values()] });
    }
  }
  return out;
}
