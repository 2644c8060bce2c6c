/**
/**
 * The topology picture (`lineup graph`): Gateway → listener → route and Ingress → Service (port →
 * targetPort) → pods, grouped by node, with broken links drawn in red and labelled with the finding
 * that explains them. What is broken is read from the model (a backend port the Service lacks, a
 * named targetPort a pod does not declare, a selector without pods); the findings only supply the
 * words, matched by the object and field they point at. Links that NetworkPolicy blocks are read
 * from the policy view and worded by it: a Service → pod link whose pod admits nobody on its
 * targetPorts, an Ingress or route → Service link whose endpoint pods deny the proxy's pods. One graph model, three renderings: Mermaid,
 * Graphviz dot, and a self-contained HTML page (inline SVG, no network).
 */
import { findPort } from '../cluster/find-port';
import { describeBackendProblem } from '../cluster/gateway-api/build';
import type { SimRouteParentStatus } from '../cluster/gateway-api/model';
import type { Cluster, SimPod, SimService, SimServicePort } from '../cluster/model';
import type { Finding } from '../findings';
import { judgeProxyToService } from './endpoint-pods';
import { ingressController, type IngressController } from './ingress-controllers';
import { describeDenial, ingressOpenOnPort, policyNames, type PolicyDirection } from './network-policy';

export interface GraphNode {
  id: string;
  kind: 'Gateway' | 'Listener' | 'Route' | 'Ingress' | 'Service' | 'Pod' | 'Missing' | 'External';
  label: string;
  /** Node name for pods (they are drawn inside their node). */
  group?: string;
  broken: boolean;
  /** Messages of the findings on this object. */
  problems: string[];
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  broken: boolean;
  problem?: string;
  /** When NetworkPolicy blocks the link: the side that drops it and the policies isolating that side (`ns/name`). */
  policy?: { direction: PolicyDirection; policies: string[] };
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Node names in cluster order (pod groups). */
  groups: string[];
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Group of pods without a node (observed Pending pods). */
const UNSCHEDULED = '(unscheduled)';

/** `8080`, or `http(8080)` for a named port the pod declares, or `http` (unresolved) when it does not: as the endpoints controllers resolve it. */
function targetPortOn(pod: SimPod, port: SimServicePort): { text: string; resolved: boolean } {
  if (typeof port.targetPort === 'number') return { text: String(port.targetPort), resolved: true };
  const containerPort = findPort(pod, port);
  return containerPort === undefined ? { text: port.targetPort, resolved: false } : { text: `${port.targetPort}(${containerPort})`, resolved: true };
}

/** A finding as the picture shows it: `rule-id: message`. */
function problemText(f: Finding): string {
  return `${f.rule}: ${f.message}`;
}

function textOf(f: Finding | undefined): string | undefined {
  return f === undefined ? undefined : problemText(f);
}

/** The first finding among `findings` that points at `field` or inside it. */
function findingAt(findings: Finding[], field: string): Finding | undefined {
  return findings.find((f) => f.field !== undefined && (f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`)));
}

function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/**
 * A proxy's link to a Service port, as policy judges it: undefined when every endpoint pod admits
 * the proxy's pods (or no policy exists); else the words and the side that drops it.
 */
function proxyBlocked(cluster: Cluster, proxy: IngressController | undefined, who: string, service: SimService, port: SimServicePort): Pick<GraphEdge, 'problem' | 'policy'> | undefined {
  if (!proxy || cluster.networkPolicies.length === 0 || service.type === 'ExternalName') return undefined;
  const verdict = judgeProxyToService(cluster, proxy, service, port);
  const first = verdict.first;
  const side = first?.verdict.deniedBy;
  if (!first || !side) return undefined;
  const pods = verdict.denied.length === verdict.total ? 'every endpoint pod' : `${verdict.denied.length} of ${verdict.total} endpoint pods`;
  return { problem: `NetworkPolicy blocks ${who} from ${pods}: ${describeDenial(cluster, first.conn, first.verdict)}`, policy: { direction: side.direction, policies: policyNames(side.policies) } };
}

/**
 * Which of a pod's Service ports policy closes to everybody but the pod itself and its node (the
 * targetPort admitted by no ingress rule of the policies isolating the pod), with those policies.
 */
function closedPorts(cluster: Cluster, pod: SimPod, ports: SimServicePort[]): { closed: boolean[]; policies: string[] } {
  const closed: boolean[] = [];
  let policies: string[] = [];
  for (const port of ports) {
    const target = findPort(pod, port);
    if (target === undefined || cluster.networkPolicies.length === 0) {
      closed.push(false);
      continue;
    }
    const side = ingressOpenOnPort(cluster, pod, target, port.protocol);
    closed.push(!side.open);
    if (!side.open) policies = policyNames(side.policies);
  }
  return { closed, policies };
}

/** Builds the graph from the cluster and the findings of `check` (so picture and report agree). */
export function buildGraph(cluster: Cluster, findings: Finding[]): Graph {
  const problems = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.object) continue;
    const key = objectKey(f.object.kind, f.object.namespace, f.object.name);
    if (f.severity === 'info') continue;
    const list = problems.get(key) ?? [];
    list.push(f);
    problems.set(key, list);
  }
  const findingsOn = (kind: string, namespace: string, name: string): Finding[] => problems.get(objectKey(kind, namespace, name)) ?? [];
  const nodes = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (n: GraphNode): GraphNode => {
    const existing = nodes.get(n.id);
    if (existing) return existing;
    nodes.set(n.id, n);
    return n;
  };
  const serviceId = (ns: string, name: string): string => `svc:${ns}/${name}`;
  const podId = (p: SimPod): string => `pod:${p.namespace}/${p.name}`;
  const addService = (s: SimService): GraphNode => {
    const p = findingsOn('Service', s.namespace, s.name);
    const type = s.headless ? 'headless' : s.type;
    return add({ id: serviceId(s.namespace, s.name), kind: 'Service', label: `${s.namespace}/${s.name}\n${type}${s.clusterIP && s.clusterIP !== 'None' ? ` ${s.clusterIP}` : ''}`, broken: p.some((f) => f.severity === 'error'), problems: p.map(problemText) });
  };

  const services = cluster.services.filter((s) => s.obj && !SYSTEM_NAMESPACES.has(s.namespace));
  for (const ing of cluster.ingresses) {
    const ingProblems = findingsOn('Ingress', ing.namespace, ing.name);
    const ingNode = add({ id: `ing:${ing.namespace}/${ing.name}`, kind: 'Ingress', label: `${ing.namespace}/${ing.name}${ing.className ? `\nclass ${ing.className}` : ''}`, broken: ingProblems.length > 0, problems: ingProblems.map(problemText) });
    const backends: { label: string; serviceName?: string; port?: string | number; field: string }[] = [];
    if (ing.defaultBackend) backends.push({ label: 'default backend', serviceName: ing.defaultBackend.serviceName, port: ing.defaultBackend.portName ?? ing.defaultBackend.portNumber, field: ing.defaultBackend.field });
    for (const rule of ing.rules) {
      for (const p of rule.paths) backends.push({ label: `${rule.host || '*'}${p.path || '/'} (${p.pathType})`, serviceName: p.backend.serviceName, port: p.backend.portName ?? p.backend.portNumber, field: p.backend.field });
    }
    for (const b of backends) {
      if (!b.serviceName) continue;
      const svc = cluster.service(ing.namespace, b.serviceName);
      if (!svc) {
        const missing = add({ id: `missing:${ing.namespace}/${b.serviceName}`, kind: 'Missing', label: `${ing.namespace}/${b.serviceName}\n(no such Service)`, broken: true, problems: [] });
        edges.push({ from: ingNode.id, to: missing.id, label: `${b.label} → :${b.port}`, broken: true, problem: textOf(findingAt(ingProblems, b.field)) ?? `Service ${b.serviceName} does not exist` });
        continue;
      }
      const svcNode = addService(svc);
      const port = svc.ports.find((p) => (typeof b.port === 'string' ? p.name === b.port : p.port === b.port));
      const label = `${b.label} → :${b.port}`;
      if (!port) {
        edges.push({ from: ingNode.id, to: svcNode.id, label, broken: true, problem: textOf(findingAt(ingProblems, b.field)) ?? `Service ${svc.name} has no port ${b.port}` });
        continue;
      }
      const controller = ingressController(cluster, ing.className);
      const blocked = ing.served ? proxyBlocked(cluster, controller, `the ingress controller (class ${controller?.settings.class})`, svc, port) : undefined;
      edges.push({ from: ingNode.id, to: svcNode.id, label, broken: blocked !== undefined, ...blocked });
    }
  }
  addGatewayApi(cluster, findingsOn, add, edges, addService);
  for (const s of services) {
    const svcNode = addService(s);
    if (s.type === 'ExternalName') {
      const ext = add({ id: `ext:${s.externalName}`, kind: 'External', label: `${s.externalName ?? '?'}\n(DNS CNAME)`, broken: false, problems: [] });
      edges.push({ from: svcNode.id, to: ext.id, label: 'CNAME', broken: false });
      continue;
    }
    if (!s.selector) {
      const ep = cluster.endpointsOf(s.namespace, s.name);
      const addresses = ep ? ep.subsets.flatMap((sub) => sub.addresses.map((a) => a.ip)) : [];
      if (addresses.length === 0) {
        const missing = add({ id: `missing:ep:${s.namespace}/${s.name}`, kind: 'Missing', label: 'no Endpoints', broken: true, problems: [] });
        edges.push({ from: svcNode.id, to: missing.id, label: 'selector-less', broken: true, problem: svcNode.problems[0] ?? 'no Endpoints' });
      }
      // A finding on the Endpoints' subsets (their ports against the Service's) breaks the links to its addresses.
      const subsetProblem = findingAt(findingsOn('Endpoints', s.namespace, s.name), 'subsets');
      for (const ip of [...new Set(addresses)].sort()) {
        const ext = add({ id: `addr:${ip}`, kind: 'External', label: `${ip}\n(manual Endpoints)`, broken: false, problems: [] });
        edges.push({ from: svcNode.id, to: ext.id, label: s.ports.map((p) => `${p.port}`).join(','), broken: subsetProblem !== undefined, problem: textOf(subsetProblem) });
      }
      continue;
    }
    if (s.selectedPods.length === 0) {
      const sel = Object.entries(s.selector).map(([k, v]) => `${k}=${v}`).join(',');
      const missing = add({ id: `missing:pods:${s.namespace}/${s.name}`, kind: 'Missing', label: `no pods match\n${sel}`, broken: true, problems: [] });
      edges.push({ from: svcNode.id, to: missing.id, label: 'selector', broken: true, problem: textOf(findingAt(findingsOn('Service', s.namespace, s.name), 'spec.selector')) ?? 'no pods' });
      continue;
    }
    const svcProblems = findingsOn('Service', s.namespace, s.name);
    for (const pod of s.selectedPods) {
      const pn = add({ id: podId(pod), kind: 'Pod', label: `${pod.name}\n${pod.ip || 'no IP'}${pod.ready ? '' : ' (not ready)'}`, group: pod.nodeName || UNSCHEDULED, broken: false, problems: [] });
      // Per pod: a named targetPort can resolve on some selected pods and not on others.
      const parts = s.ports.map((p) => targetPortOn(pod, p));
      const policy = closedPorts(cluster, pod, s.ports);
      const label = s.ports.map((p, i) => `${p.port}→${parts[i].text}${policy.closed[i] ? ' closed by policy' : ''}`).join(', ');
      const unresolved = parts.findIndex((x) => !x.resolved);
      if (unresolved >= 0) {
        const problem = textOf(findingAt(svcProblems, `spec.ports[${s.ports[unresolved].index}].targetPort`)) ?? `pod ${pod.name} declares no port named ${parts[unresolved].text}`;
        edges.push({ from: svcNode.id, to: pn.id, label, broken: true, problem });
        continue;
      }
      if (s.ports.length > 0 && policy.closed.every((c) => c)) {
        // Every targetPort closed: nobody but the pod itself and its node can open a connection.
        const targets = s.ports.map((p) => `${p.protocol} ${findPort(pod, p)}`).join(', ');
        const problem = `${policy.policies.length === 1 ? `NetworkPolicy ${policy.policies[0]} isolates` : `NetworkPolicies ${policy.policies.join(', ')} isolate`} pod ${pod.namespace}/${pod.name} for ingress, and no rule allows ${targets}: only the pod itself and its node can connect`;
        edges.push({ from: svcNode.id, to: pn.id, label, broken: true, problem, policy: { direction: 'ingress', policies: policy.policies } });
        continue;
      }
      edges.push({ from: svcNode.id, to: pn.id, label, broken: false });
    }
  }
  // A Service is drawn broken when an error is reported on it or one of its own links is broken
  // (a warning alone, such as a targetPort its containers do not declare, leaves it black).
  for (const e of edges) {
    const from = nodes.get(e.from);
    if (e.broken && from?.kind === 'Service') from.broken = true;
  }
  const groups = cluster.nodes.map((n) => n.name);
  const extra = [...new Set([...nodes.values()].map((n) => n.group).filter((g): g is string => !!g && !groups.includes(g)))].sort();
  groups.push(...extra);
  const order = (n: GraphNode): string => `${['Gateway', 'Listener', 'Route', 'Ingress', 'Service', 'Missing', 'External', 'Pod'].indexOf(n.kind)}:${n.id}`;
  return { nodes: [...nodes.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1)), edges, groups };
}

/**
 * Gateway API: each Gateway, its listeners (broken when Conflicted), the routes attached to them
 * (an edge per accepting listener; a broken edge to the Gateway when no listener accepts the
 * route), and each route's backendRefs to their Services, as the controller resolves them.
 */
function addGatewayApi(
  cluster: Cluster,
  findingsOn: (kind: string, namespace: string, name: string) => Finding[],
  add: (n: GraphNode) => GraphNode,
  edges: GraphEdge[],
  addService: (s: SimService) => GraphNode,
): void {
  const api = cluster.gatewayApi;
  const gatewayId = (namespace: string, name: string): string => `gtw:${namespace}/${name}`;
  for (const gw of api.gateways) {
    const gwProblems = findingsOn('Gateway', gw.namespace, gw.name).map(problemText);
    const gwNode = add({ id: gatewayId(gw.namespace, gw.name), kind: 'Gateway', label: `${gw.namespace}/${gw.name}\nclass ${gw.className}`, broken: gwProblems.length > 0, problems: gwProblems });
    for (const ls of api.gatewayStatus(gw).listeners) {
      const l = ls.listener;
      const conflict = ls.conflict ? (gwProblems.find((m) => m.includes(`listener ${l.name} is Conflicted`)) ?? `listener ${l.name} is Conflicted (${ls.conflict})`) : undefined;
      const lNode = add({ id: `lis:${gw.namespace}/${gw.name}/${l.name}`, kind: 'Listener', label: `${l.name}\n${l.protocol} :${l.port}${l.hostname ? ` ${l.hostname}` : ''}`, broken: conflict !== undefined, problems: [] });
      edges.push({ from: gwNode.id, to: lNode.id, label: `${ls.attachedRoutes} route${ls.attachedRoutes === 1 ? '' : 's'}`, broken: conflict !== undefined, problem: conflict });
    }
  }
  for (const route of api.routes) {
    const rFindings = findingsOn(route.kind, route.namespace, route.name);
    const rNode = add({ id: `route:${route.kind}/${route.namespace}/${route.name}`, kind: 'Route', label: `${route.namespace}/${route.name}\n${route.kind}${route.hostnames.length > 0 ? ` ${route.hostnames.join(',')}` : ''}`, broken: rFindings.length > 0, problems: rFindings.map(problemText) });
    for (const parent of api.routeParents(route)) {
      if (parent.accepted.status === 'True') {
        for (const a of parent.attachments) edges.push({ from: `lis:${a.gateway.namespace}/${a.gateway.name}/${a.listener.name}`, to: rNode.id, label: a.hostnames.join(',') || '*', broken: false });
        continue;
      }
      // A parent that does not accept the route is reported at its parentRef, or at the route's hostnames when none of them match.
      const problem = textOf(findingAt(rFindings, parent.ref.field) ?? findingAt(rFindings, 'spec.hostnames')) ?? `Accepted: False (${parent.accepted.reason})`;
      edges.push({ from: gatewayId(parent.gateway.namespace, parent.gateway.name), to: rNode.id, label: parent.accepted.reason, broken: true, problem });
    }
    for (const rule of route.rules) {
      for (const ref of rule.backendRefs) {
        const res = api.resolveBackend(route, ref);
        const label = `${rule.field.replace(/^spec\./, '')}${ref.weight !== 1 ? ` weight ${ref.weight}` : ''} → :${ref.port ?? '?'}`;
        const problem = res.problem ? (textOf(findingAt(rFindings, ref.field)) ?? describeBackendProblem(res)) : undefined;
        if (res.service) {
          const blocked = problem === undefined && res.port ? gatewayBlocked(cluster, api.routeParents(route), res.service, res.port) : undefined;
          edges.push({ from: rNode.id, to: addService(res.service).id, label, broken: problem !== undefined || blocked !== undefined, problem, ...blocked });
        } else {
          const missing = add({ id: `missing:${ref.namespace}/${ref.name}`, kind: 'Missing', label: `${ref.namespace}/${ref.name}\n(no such ${ref.kind})`, broken: true, problems: [] });
          edges.push({ from: rNode.id, to: missing.id, label, broken: true, problem: problem ?? `${ref.kind} ${ref.name} does not exist` });
        }
      }
    }
  }
}

/** The first Gateway accepting the route whose data plane policy blocks from the Service port. */
function gatewayBlocked(cluster: Cluster, parents: SimRouteParentStatus[], service: SimService, port: SimServicePort): Pick<GraphEdge, 'problem' | 'policy'> | undefined {
  for (const parent of parents) {
    if (parent.accepted.status !== 'True') continue;
    const gw = parent.gateway;
    const blocked = proxyBlocked(cluster, ingressController(cluster, gw.className), `Gateway ${gw.namespace}/${gw.name}'s data plane (class ${gw.className})`, service, port);
    if (blocked) return blocked;
  }
  return undefined;
}

function mermaidId(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, '_');
}

function mermaidText(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/\n/g, '<br/>');
}

export function renderMermaid(graph: Graph): string {
  const lines = ['flowchart LR'];
  const outside = graph.nodes.filter((n) => !n.group);
  for (const n of outside) {
    const shape = n.kind === 'Ingress' || n.kind === 'Route' ? ['[/', '/]'] : n.kind === 'Service' ? ['([', '])'] : n.kind === 'Gateway' ? ['[[', ']]'] : ['[', ']'];
    lines.push(`  ${mermaidId(n.id)}${shape[0]}"${mermaidText(n.label)}"${shape[1]}`);
  }
  for (const g of graph.groups) {
    const pods = graph.nodes.filter((n) => n.group === g);
    if (pods.length === 0) continue;
    lines.push(`  subgraph ${mermaidId(`node:${g}`)}["node ${g}"]`);
    for (const p of pods) lines.push(`    ${mermaidId(p.id)}["${mermaidText(p.label)}"]`);
    lines.push('  end');
  }
  const brokenEdges: number[] = [];
  graph.edges.forEach((e, i) => {
    lines.push(`  ${mermaidId(e.from)} ${e.broken ? '-.->' : '-->'}|"${mermaidText(e.label)}"| ${mermaidId(e.to)}`);
    if (e.broken) brokenEdges.push(i);
  });
  lines.push('  classDef broken fill:#fdd,stroke:#c00,color:#900');
  const brokenNodes = graph.nodes.filter((n) => n.broken).map((n) => mermaidId(n.id));
  if (brokenNodes.length > 0) lines.push(`  class ${brokenNodes.join(',')} broken`);
  if (brokenEdges.length > 0) lines.push(`  linkStyle ${brokenEdges.join(',')} stroke:#c00,color:#c00`);
  return lines.join('\n') + '\n';
}

function dotText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export function renderDot(graph: Graph): string {
  const lines = ['digraph lineup {', '  rankdir=LR;', '  node [fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const n of graph.nodes.filter((x) => !x.group)) {
    const shape = n.kind === 'Ingress' || n.kind === 'Route' ? 'parallelogram' : n.kind === 'Service' ? 'box, style="rounded"' : n.kind === 'Missing' ? 'box, style="dashed"' : n.kind === 'Gateway' ? 'box3d' : 'box';
    const color = n.broken ? ', color="#cc0000", fontcolor="#990000"' : '';
    const tooltip = n.problems.length > 0 ? `, tooltip="${dotText(n.problems.join('\n'))}"` : '';
    lines.push(`  "${dotText(n.id)}" [label="${dotText(n.label)}", shape=${shape}${color}${tooltip}];`);
  }
  for (const g of graph.groups) {
    const pods = graph.nodes.filter((n) => n.group === g);
    if (pods.length === 0) continue;
    lines.push(`  subgraph "cluster_${dotText(g)}" {`, `    label="node ${dotText(g)}";`);
    for (const p of pods) lines.push(`    "${dotText(p.id)}" [label="${dotText(p.label)}", shape=box];`);
    lines.push('  }');
  }
  for (const e of graph.edges) {
    const style = e.broken ? `, color="#cc0000", fontcolor="#cc0000", style=dashed, tooltip="${dotText(e.problem ?? '')}"` : '';
    lines.push(`  "${dotText(e.from)}" -> "${dotText(e.to)}" [label="${dotText(e.label)}"${style}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** `rule-id: message` → `rule-id` (problems without a rule prefix are shown whole). */
function ruleOf(problem: string): string {
  const m = /^([a-z0-9-]+): /.exec(problem);
  return m ? m[1] : problem.length > 30 ? `${problem.slice(0, 29)}…` : problem;
}

/** First label line of a node, for the problem list. */
function nameOf(graph: Graph, id: string): string {
  const n = graph.nodes.find((x) => x.id === id);
  return n ? n.label.split('\n')[0] : id;
}

/**
 * The problem list under the picture: one item per broken link (links from one object that fail for
 * the same reason are merged, e.g. a Service's links to each of its pods), then findings on objects
 * that no broken link already explains.
 */
function problemItems(graph: Graph): string[] {
  const items: string[] = [];
  const shown = new Set<string>();
  const merged = new Map<string, { from: string; to: string[]; problem: string }>();
  for (const e of graph.edges) {
    if (!e.broken) continue;
    const problem = e.problem ?? 'broken link';
    const key = `${e.from}\u0000${problem}`;
    const m = merged.get(key);
    if (m) m.to.push(e.to);
    else merged.set(key, { from: e.from, to: [e.to], problem });
    shown.add(problem);
  }
  for (const m of merged.values()) {
    const to = m.to.length === 1 ? nameOf(graph, m.to[0]) : `${m.to.length} pods`;
    items.push(`<li class="problem" data-kind="link" data-from="${esc(m.from)}" data-to="${esc(m.to.join(' '))}"><span class="link">${esc(nameOf(graph, m.from))} → ${esc(to)}</span>: ${esc(m.problem)}</li>`);
  }
  for (const n of graph.nodes) {
    for (const p of n.problems) {
      if (shown.has(p)) continue;
      shown.add(p);
      items.push(`<li class="problem" data-kind="object" data-from="${esc(n.id)}"><span class="link">${esc(nameOf(graph, n.id))}</span>: ${esc(p)}</li>`);
    }
  }
  return items;
}

/**
 * A layered layout: Ingresses, Services, then the targets (pods in node boxes, external and missing
 * ends); with Gateway API objects, Gateways and their listeners come first and routes share the
 * Ingresses' column.
 */
export function renderHtml(graph: Graph, title = 'cdk8s-lineup topology'): string {
  const boxW = 250;
  // Wide gaps between columns: link labels sit at the arrow heads, next to what they point at.
  const colW = boxW + 190;
  const lineH = 15;
  const gap = 18;
  const boxes = new Map<string, Box>();
  const heightOf = (n: GraphNode): number => n.label.split('\n').length * lineH + 14;
  // Two more columns in front when there are Gateways: Gateways, then their listeners.
  const gatewayColumns = graph.nodes.some((x) => x.kind === 'Gateway') ? 2 : 0;
  const left = 20 + gatewayColumns * colW;
  let maxY = 40;
  const column = (kinds: GraphNode['kind'][], x: number): void => {
    let cy = 40;
    for (const n of graph.nodes.filter((k) => kinds.includes(k.kind))) {
      boxes.set(n.id, { x, y: cy, w: boxW, h: heightOf(n) });
      cy += heightOf(n) + gap;
    }
    maxY = Math.max(maxY, cy);
  };
  if (gatewayColumns > 0) {
    column(['Gateway'], 20);
    column(['Listener'], 20 + colW);
  }
  column(['Route', 'Ingress'], left);
  column(['Service'], left + colW);
  let y = 40;
  // Targets follow the Services that reach them (fewer crossing links); ties by id, so stable.
  const sourceY = new Map<string, number>();
  for (const e of graph.edges) {
    const from = boxes.get(e.from);
    if (from) sourceY.set(e.to, Math.min(sourceY.get(e.to) ?? Infinity, from.y));
  }
  const byTarget = (a: GraphNode, b: GraphNode): number => (sourceY.get(a.id) ?? Infinity) - (sourceY.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  y = 40;
  for (const n of graph.nodes.filter((x) => x.kind === 'Missing' || x.kind === 'External').sort(byTarget)) {
    boxes.set(n.id, { x: left + 2 * colW, y, w: boxW, h: heightOf(n) });
    y += heightOf(n) + gap;
  }
  const groupBoxes: { name: string; box: Box }[] = [];
  for (const g of graph.groups) {
    const pods = graph.nodes.filter((n) => n.group === g).sort(byTarget);
    if (pods.length === 0) continue;
    const top = y;
    y += 26;
    for (const p of pods) {
      boxes.set(p.id, { x: left + 2 * colW + 12, y, w: boxW - 24, h: heightOf(p) });
      y += heightOf(p) + 8;
    }
    groupBoxes.push({ name: g, box: { x: left + 2 * colW, y: top, w: boxW, h: y - top + 4 } });
    y += gap;
  }
  maxY = Math.max(maxY, y) + 20;
  const width = left + 3 * colW;
  const svg: string[] = [];
  svg.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${maxY}" viewBox="0 0 ${width} ${maxY}" role="img" aria-label="${esc(title)}">`);
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker><marker id="arrow-broken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#c00"/></marker></defs>');
  const headings = gatewayColumns > 0 ? ['Gateways', 'Listeners', 'Routes and Ingresses', 'Services', 'Endpoints: pods by node'] : ['Ingresses', 'Services', 'Endpoints: pods by node'];
  headings.forEach((h, i) => svg.push(`<text class="heading" x="${20 + i * colW}" y="22">${h}</text>`));
  for (const g of groupBoxes) {
    svg.push(`<g class="k8s-node" data-node="${esc(g.name)}"><rect x="${g.box.x}" y="${g.box.y}" width="${g.box.w}" height="${g.box.h}" rx="6" class="node-box"/><text x="${g.box.x + 8}" y="${g.box.y + 17}" class="node-title">node ${esc(g.name)}</text></g>`);
  }
  const labelsAt = new Map<string, number>();
  graph.edges.forEach((e, i) => {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b) return;
    const x1 = a.x + a.w;
    const y1 = a.y + a.h / 2;
    const x2 = b.x;
    const y2 = b.y + b.h / 2;
    const mid = (x1 + x2) / 2;
    // Labels stack above the arrow head of their target (several links can end at one box).
    const k = labelsAt.get(e.to) ?? 0;
    labelsAt.set(e.to, k + (e.broken && e.problem ? 2 : 1));
    const ly = y2 - 5 - k * 11;
    const label = e.label.length > 40 ? `${e.label.slice(0, 39)}…` : e.label;
    const problem = e.broken && e.problem ? `<text class="problem-label" x="${x2 - 8}" y="${ly - 11}" text-anchor="end">✗ ${esc(ruleOf(e.problem))}</text>` : '';
    svg.push(`<g class="edge${e.broken ? ' broken' : ''}" data-edge="${i}" data-from="${esc(e.from)}" data-to="${esc(e.to)}" data-state="${e.broken ? 'broken' : 'ok'}"><title>${esc(e.label)}${e.problem ? `\n${esc(e.problem)}` : ''}</title><path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" marker-end="url(#${e.broken ? 'arrow-broken' : 'arrow'})"/><text x="${x2 - 8}" y="${ly}" text-anchor="end">${esc(label)}</text>${problem}</g>`);
  });
  for (const n of graph.nodes) {
    const b = boxes.get(n.id);
    if (!b) continue;
    const lines = n.label.split('\n').map((l, i) => `<text x="${b.x + 8}" y="${b.y + 18 + i * lineH}"${i === 0 ? ' class="name"' : ''}>${esc(l)}</text>`).join('');
    svg.push(`<g class="obj ${n.kind.toLowerCase()}${n.broken ? ' broken' : ''}" data-id="${esc(n.id)}" data-kind="${n.kind}" data-state="${n.broken ? 'broken' : 'ok'}"><title>${esc(n.label)}${n.problems.length ? `\n${esc(n.problems.join('\n'))}` : ''}</title><rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${n.kind === 'Service' ? 12 : 3}"/>${lines}</g>`);
  }
  svg.push('</svg>');
  const items = problemItems(graph);
  const gateways = graph.nodes.filter((n) => n.kind === 'Gateway').length;
  const gatewayCounts = gateways > 0 ? `${gateways} Gateway${gateways === 1 ? '' : 's'}, ${graph.nodes.filter((n) => n.kind === 'Route').length} routes, ` : '';
  const counts = `${gatewayCounts}${graph.nodes.filter((n) => n.kind === 'Ingress').length} Ingresses, ${graph.nodes.filter((n) => n.kind === 'Service').length} Services, ${graph.nodes.filter((n) => n.kind === 'Pod').length} pods; ${graph.edges.filter((e) => e.broken).length} broken links`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)}</title>
<style>
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 18px; }
svg text { font-size: 11px; fill: #222; }
svg text.heading { font-size: 13px; font-weight: 600; fill: #444; }
svg text.name { font-weight: 600; }
svg .obj rect { fill: #f4f8ff; stroke: #4a6fa5; stroke-width: 1.2; }
svg .obj.ingress rect, svg .obj.route rect { fill: #f3f0ff; stroke: #6a4fb5; }
svg .obj.gateway rect, svg .obj.listener rect { fill: #fff8ec; stroke: #b5782a; }
svg .obj.pod rect { fill: #f2fbf2; stroke: #3c8d3c; }
svg .obj.external rect { fill: #fafafa; stroke: #888; stroke-dasharray: 4 2; }
svg .obj.missing rect, svg .obj.broken rect { fill: #ffecec; stroke: #cc0000; stroke-width: 1.8; }
svg .obj.broken text, svg .obj.missing text { fill: #990000; }
svg .node-box { fill: none; stroke: #aaa; stroke-dasharray: 6 3; }
svg .node-title { font-size: 11px; fill: #666; }
svg .edge path { fill: none; stroke: #555; stroke-width: 1.3; }
svg .edge text { font-size: 9.5px; fill: #555; }
svg .edge.broken path { stroke: #cc0000; stroke-width: 2; stroke-dasharray: 5 3; }
svg .edge.broken text { fill: #cc0000; }
svg .edge text.problem-label { font-size: 9.5px; font-weight: 600; fill: #cc0000; }
p.summary { color: #555; margin-top: -6px; }
ul.problems li { color: #990000; margin-bottom: 4px; }
ul.problems li .link { font-weight: 600; }
ul.problems li.none { color: #2a7a2a; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="summary">${esc(counts)}</p>
${svg.join('\n')}
<h2>Problems</h2>
<ul class="problems">${items.length ? items.join('') : '<li class="none">none: every link lines up</li>'}</ul>
</body>
</html>
`;
}
