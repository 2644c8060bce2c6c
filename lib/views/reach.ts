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
import { cidrContains, parseIP, type IP } from '../k8s/ip';
import { ingressController } from './ingress-controllers';
import { addressEndpoint, isolatingPolicies, judgeConnection, peerSelectsPod, portMatches, type PolicyEndpoint } from './network-policy';
import { DEFAULT_CLIENT_IP } from './trace';

export type ReachVerdict = 'allowed' | 'denied' | 'partial';

export interface ReachMatrix {
  rows: string[];
  columns: string[];
  /** `verdicts[r][c]`: row r to column c (a full matrix holds millions of cells: no object per cell). */
  verdicts: ReachVerdict[][];
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

/** The classes a rule's peers select: every class, or a set of ids ('mixed': an ipBlock holds some of the class's pods). */
interface Selected {
  all: boolean;
  ids: Set<number>;
  mixed: Set<number>;
}

/** Rules of policies, with which classes their peers select (computed once per rule). */
class RulePeers {
  private readonly cache = new Map<SimPolicyRule, Selected>();
  private readonly byNamespace = new Map<string, PodClass[]>();
  private readonly addresses = new Map<PodClass, (IP | undefined)[]>();

  constructor(
    private readonly cluster: Cluster,
    private readonly classes: PodClass[],
  ) {
    for (const c of classes) {
      const list = this.byNamespace.get(c.rep.namespace);
      if (list) list.push(c);
      else this.byNamespace.set(c.rep.namespace, [c]);
    }
  }

  of(policy: SimNetworkPolicy, rule: SimPolicyRule): Selected {
    let entry = this.cache.get(rule);
    if (entry) return entry;
    entry = { all: rule.peers.length === 0, ids: new Set(), mixed: new Set() };
    for (const peer of entry.all ? [] : rule.peers) {
      if (peer.ipBlock) {
        const block = peer.ipBlock;
        for (const c of this.classes) {
          let inside = 0;
          for (const ip of this.ipsOf(c)) if (ip && cidrContains(block.cidr, ip) && !block.except.some((e) => cidrContains(e, ip))) inside++;
          if (inside === c.pods.length) entry.ids.add(c.id);
          else if (inside > 0) entry.mixed.add(c.id);
        }
        continue;
      }
      // Selectors only look at the classes of the namespaces they can match.
      const namespaces = peer.namespaceSelector ? [...this.byNamespace.keys()] : [policy.namespace];
      for (const ns of namespaces) {
        for (const c of this.byNamespace.get(ns) ?? []) if (peerSelectsPod(this.cluster, peer, policy.namespace, c.rep)) entry.ids.add(c.id);
      }
    }
    for (const id of entry.ids) entry.mixed.delete(id);
    this.cache.set(rule, entry);
    return entry;
  }

  private ipsOf(c: PodClass): (IP | undefined)[] {
    let ips = this.addresses.get(c);
    if (!ips) this.addresses.set(c, (ips = c.pods.map((p) => parseIP(p.ip))));
    return ips;
  }
}

type SideAnswer = 'yes' | 'no' | 'mixed';

/** Interns lists of numbers as small ids (equal lists, equal ids). */
class Interner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
}

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

  // The policies that isolate each class, per direction (every pod of a class shares them).
  const egressOf = classes.map((c) => isolatingPolicies(cluster, c.rep, 'egress'));
  const ingressOf = classes.map((c) => isolatingPolicies(cluster, c.rep, 'ingress'));

  // Signatures: two source classes with the same egress policies that the same ingress rules
  // select are judged alike against any destination, and two destination classes with the same
  // ingress policies, selected by the same egress rules and declaring the same ports, alike from
  // any source. A cell then costs a look-up of its (source, destination) signature pair.
  const policyIndex = new Map(cluster.networkPolicies.map((p, i) => [p, i] as const));
  const asSource: number[][] = classes.map(() => []);
  const asDestination: number[][] = classes.map(() => []);
  const splitBy = new Set<number>();
  let ruleNumber = 0;
  for (const policy of cluster.networkPolicies) {
    for (const [rules, into] of [[policy.ingress, asSource], [policy.egress, asDestination]] as const) {
      for (const rule of rules) {
        const n = ruleNumber++;
        const selected = peers.of(policy, rule);
        if (selected.all) continue;
        for (const id of selected.ids) into[id].push(n);
        for (const id of selected.mixed) splitBy.add(id);
      }
    }
  }
  const listKey = (policies: SimNetworkPolicy[]): string => policies.map((p) => policyIndex.get(p)).join(',');
  const sourceSigs = new Interner();
  const destinationSigs = new Interner();
  const sourceSig = classes.map((c) => sourceSigs.id(`${listKey(egressOf[c.id])}|${asSource[c.id].join(',')}`));
  const destinationSig = classes.map((c) => destinationSigs.id(`${listKey(ingressOf[c.id])}|${asDestination[c.id].join(',')}|${classKey(c.rep).split('\u0000')[2]}`));
  /** Verdicts by (port/protocol) and signature pair. */
  const memo = new Map<string, Map<number, boolean>>();

  /** One side of a class-to-class connection: does some rule of the subject's isolating policies admit the other class? */
  const side = (policies: SimNetworkPolicy[], direction: 'ingress' | 'egress', remote: PodClass, port: number, protocol: Protocol, destination: PolicyEndpoint): SideAnswer => {
    if (policies.length === 0) return 'yes';
    let mixed = false;
    for (const policy of policies) {
      for (const rule of direction === 'ingress' ? policy.ingress : policy.egress) {
        if (rule.ports.length > 0) {
          let portOk = false;
          for (const p of rule.ports) if (portMatches(p, port, protocol, destination)) portOk = true;
          if (!portOk) continue;
        }
        const selected = peers.of(policy, rule);
        if (selected.all || selected.ids.has(remote.id)) return 'yes';
        if (selected.mixed.has(remote.id)) mixed = true;
      }
    }
    return mixed ? 'mixed' : 'no';
  };

  const memoFor = (port: number, protocol: Protocol): Map<number, boolean> => {
    const key = `${port}/${protocol}`;
    let byPair = memo.get(key);
    if (!byPair) memo.set(key, (byPair = new Map()));
    return byPair;
  };

  /** Class to class, or undefined when an ipBlock splits one of them (then pairs are judged one by one). */
  const classVerdict = (s: PodClass, d: PodClass, port: number, protocol: Protocol, byPair: Map<number, boolean>): boolean | undefined => {
    const split = splitBy.has(s.id) || splitBy.has(d.id);
    const pair = sourceSig[s.id] * destinationSigs.size + destinationSig[d.id];
    if (!split) {
      const known = byPair.get(pair);
      if (known !== undefined) return known;
    }
    const destination: PolicyEndpoint = { pod: d.rep };
    const egress = side(egressOf[s.id], 'egress', d, port, protocol, destination);
    const ingress = egress === 'no' ? 'no' : side(ingressOf[d.id], 'ingress', s, port, protocol, destination);
    if (egress === 'mixed' || ingress === 'mixed') return undefined;
    const ok = egress === 'yes' && ingress === 'yes';
    if (!split) byPair.set(pair, ok);
    return ok;
  };

  // Per column member: the memo of its port, its signature and whether an ipBlock splits its class.
  const nDestinationSigs = destinationSigs.size;
  const memberMemo = columns.map((col) => col.members.map((m) => memoFor(m.port, col.port.protocol)));
  const verdicts: ReachVerdict[][] = [];
  for (const row of rows) {
    const byClass = new Map<PodClass, SimPod[]>();
    const loose: SimPod[] = [];
    for (const pod of row.pods) {
      const c = classOf.get(pod);
      if (!c) {
        // hostNetwork pods (seen as their node) and an ingress controller's stand-in.
        loose.push(pod);
        continue;
      }
      const list = byClass.get(c);
      if (list) list.push(pod);
      else byClass.set(c, [pod]);
    }
    const sourceClasses = [...byClass.keys()];
    const sourcePods = [...byClass.values()];
    const judgedAlone = row.kind !== 'pods' || loose.length > 0;
    const rowVerdicts: ReachVerdict[] = new Array(columns.length);
    for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci];
      let allowed = 0;
      let denied = 0;
      const protocol = col.port.protocol;
      for (let mi = 0; mi < col.members.length; mi++) {
        const m = col.members[mi];
        const d = m.cls;
        if (d) {
          const byPair = memberMemo[ci][mi];
          const dSig = destinationSig[d.id];
          const dSplit = splitBy.has(d.id);
          for (let si = 0; si < sourceClasses.length; si++) {
            const s = sourceClasses[si];
            const pods = sourcePods[si];
            const pairs = pods.length * m.count;
            // The common case, answered by the memo without a call.
            let ok = dSplit || splitBy.has(s.id) ? undefined : byPair.get(sourceSig[s.id] * nDestinationSigs + dSig);
            if (ok === undefined || s === d) ok = classVerdict(s, d, m.port, protocol, byPair);
            if (ok === undefined) {
              for (const from of pods) {
                for (const to of m.endpointPods) {
                  if (judgeConnection(cluster, { from: { pod: from }, to: { pod: to }, port: m.port, protocol }).allowed) allowed++;
                  else denied++;
                }
              }
            } else if (ok) {
              allowed += pairs;
            } else if (s === d) {
              // A pod always reaches itself: the pairs (p, p) are allowed whatever the policies.
              const endpoints = new Set(m.endpointPods);
              const selves = pods.filter((p) => endpoints.has(p)).length;
              allowed += selves;
              denied += pairs - selves;
            } else {
              denied += pairs;
            }
          }
        } else {
          const destination = m.pod ? { pod: m.pod } : addressEndpoint(cluster, m.ip);
          for (const pods of sourcePods) {
            for (const from of pods) {
              if (judgeConnection(cluster, { from: { pod: from }, to: destination, port: m.port, protocol }).allowed) allowed += m.count;
              else denied += m.count;
            }
          }
        }
        if (!judgedAlone) continue;
        // Sources seen as addresses: hostNetwork pods, nodes, outside clients; an ingress controller's stand-in.
        const alone = addressSources(cluster, row, loose, col.service);
        if (alone === 'unreachable') {
          denied += m.count;
          continue;
        }
        const targets: PolicyEndpoint[] = d ? m.endpointPods.map((pod) => ({ pod })) : [m.pod ? { pod: m.pod } : addressEndpoint(cluster, m.ip)];
        for (const source of alone) {
          for (const to of targets) {
            if (judgeConnection(cluster, { from: source, to, port: m.port, protocol }).allowed) allowed++;
            else denied++;
          }
        }
      }
      rowVerdicts[ci] = denied === 0 ? 'allowed' : allowed === 0 ? 'denied' : 'partial';
    }
    verdicts.push(rowVerdicts);
  }
  return { rows: rows.map((r) => r.label), columns: columns.map((c) => c.label), verdicts };
}

/** Every (row, column) pair with its verdict, row by row (what `reach -o json` lists as `cells`). */
export function* reachCells(matrix: ReachMatrix): Generator<{ from: string; to: string; verdict: ReachVerdict }> {
  for (let r = 0; r < matrix.rows.length; r++) {
    for (let c = 0; c < matrix.columns.length; c++) yield { from: matrix.rows[r], to: matrix.columns[c], verdict: matrix.verdicts[r][c] };
  }
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
