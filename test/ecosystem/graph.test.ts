/**
 * `lineup graph` (runGraph) and the three renderings of the topology graph, on a small input with a
 * Service whose selector has a typo, one that works, an Ingress to a missing Service and a named
 * targetPort that only some selected pods declare.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runGraph } from '../../lib/cli/commands/graph';
import { CliError, type CliIO } from '../../lib/cli/io';
import { buildGraph } from '../../lib/views/graph';
import { simulate } from '../../lib/simulate';

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: v1
kind: Pod
metadata: { name: legacy, labels: { app: web } }
spec: { nodeName: node-2, containers: [{ name: web, image: nginx:old, ports: [{ containerPort: 80 }] }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [{ port: 80, targetPort: http }] }
---
apiVersion: v1
kind: Service
metadata: { name: api }
spec: { selector: { app: apj }, ports: [{ port: 80 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: front }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }
          - { path: /api, pathType: Prefix, backend: { service: { name: catalog, port: { number: 80 } } } }
`;

let dir: string;
let file: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-graph-'));
  file = path.join(dir, 'app.yaml');
  fs.writeFileSync(file, MANIFESTS);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(output: string): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {} };
  const code = runGraph([file], { output }, io);
  return { code, stdout, stderr };
}

describe('the graph model', () => {
  const sim = simulate(MANIFESTS);
  const graph = buildGraph(sim.cluster, sim.findings);
  const edges = graph.edges.map((e) => `${e.from} → ${e.to} [${e.label}]${e.broken ? ' BROKEN' : ''}`);

  test('Ingress → Service (port → targetPort) → pods; broken links where check has findings', () => {
    const web = sim.cluster.workloads.find((w) => w.name === 'web')!.pods.map((p) => p.name).sort();
    expect(edges).toEqual([
      'ing:default/front → svc:default/web [shop.example.com/ (Prefix) → :80]',
      'ing:default/front → missing:default/catalog [shop.example.com/api (Prefix) → :80] BROKEN',
      'svc:default/api → missing:pods:default/api [selector] BROKEN',
      // The named targetPort resolves on the Deployment's pods and not on the hand-made one.
      'svc:default/web → pod:default/legacy [80→http] BROKEN',
      ...web.map((p) => `svc:default/web → pod:default/${p} [80→http(8080)]`),
    ]);
  });

  test('broken links carry the finding that explains them', () => {
    const problem = (to: string): string | undefined => graph.edges.find((e) => e.to === to)?.problem;
    expect(problem('missing:default/catalog')).toMatch(/^ingress-backend-missing-service: Ingress default\/front routes shop\.example\.com \/api \(Prefix\) to Service catalog, which does not exist/);
    expect(problem('missing:pods:default/api')).toMatch(/^service-selects-no-pods: Service default\/api selects app=apj, but no pod/);
    expect(problem('pod:default/legacy')).toMatch(/^service-target-port-unresolved: /);
  });

  test('pods are grouped by node, nodes in cluster order', () => {
    expect(graph.groups).toEqual(['node-1', 'node-2', 'node-3']);
    expect(graph.nodes.find((n) => n.id === 'pod:default/legacy')!.group).toBe('node-2');
  });
});

describe('the graph reads what is broken from the model', () => {
  // A selector-less Service whose manual Endpoints name a port the Service does not have: the
  // finding is on the Endpoints object, and the links to its addresses are drawn broken.
  const sim = simulate(`
apiVersion: v1
kind: Service
metadata: { name: db }
spec: { ports: [{ name: pg, port: 5432 }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: db }
subsets: [{ addresses: [{ ip: 192.0.2.10 }], ports: [{ name: postgres, port: 5432 }] }]
`);
  const graph = buildGraph(sim.cluster, sim.findings);

  test('manual Endpoints whose ports do not match the Service: broken links with the finding', () => {
    const edge = graph.edges.find((e) => e.to === 'addr:192.0.2.10')!;
    expect(edge.broken).toBe(true);
    expect(edge.problem).toMatch(/^endpoints-port-mismatch: /);
    expect(graph.nodes.find((n) => n.id === 'svc:default/db')!.broken).toBe(true);
  });

  test('a named targetPort is resolved as the endpoints controllers do: regular containers before sidecars', () => {
    const withSidecar = simulate(`
apiVersion: v1
kind: Pod
metadata: { name: p, labels: { app: a } }
spec:
  initContainers: [{ name: proxy, image: envoy, restartPolicy: Always, ports: [{ name: http, containerPort: 15001 }] }]
  containers: [{ name: app, image: nginx, ports: [{ name: http, containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: a }
spec: { selector: { app: a }, ports: [{ port: 80, targetPort: http }] }
`);
    const edges = buildGraph(withSidecar.cluster, withSidecar.findings).edges.map((e) => `${e.from} → ${e.to} [${e.label}]`);
    expect(edges).toEqual(['svc:default/a → pod:default/p [80→http(8080)]']);
    const items = withSidecar.get('endpoints').items as { metadata: { name: string } }[];
    expect(items.find((e) => e.metadata.name === 'a')).toMatchObject({ subsets: [{ ports: [{ port: 8080 }] }] });
  });
});

describe('lineup graph', () => {
  test('-o mermaid: a flowchart, node subgraphs, dashed red broken links', () => {
    const { code, stdout, stderr } = run('mermaid');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines).toContain('  ing_default_front[/"default/front"/]');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}svc_default_web\(\["default\/web<br\/>ClusterIP 10\.\d+\.\d+\.\d+"\]\)$/));
    expect(lines).toContain('  subgraph node_node_2["node node-2"]');
    expect(lines).toContain('  svc_default_api -.->|"selector"| missing_pods_default_api');
    expect(lines).toContain('  ing_default_front -->|"shop.example.com/ (Prefix) → :80"| svc_default_web');
    expect(lines).toContain('  class ing_default_front,svc_default_api,svc_default_web,missing_default_catalog,missing_pods_default_api broken');
    expect(lines).toContain('  linkStyle 1,2,3 stroke:#c00,color:#c00');
  });

  test('-o dot: a digraph with node clusters and red dashed edges with the finding as tooltip', () => {
    const { code, stdout } = run('dot');
    expect(code).toBe(0);
    expect(stdout.startsWith('digraph lineup {\n  rankdir=LR;\n')).toBe(true);
    expect(stdout).toContain('  subgraph "cluster_node-2" {\n    label="node node-2";\n');
    expect(stdout).toMatch(/ {2}"svc:default\/api" -> "missing:pods:default\/api" \[label="selector", color="#cc0000", fontcolor="#cc0000", style=dashed, tooltip="service-selects-no-pods: Service default\/api selects app=apj, [^"]*"\];\n/);
    expect(stdout.endsWith('}\n')).toBe(true);
  });

  test('-o html: one self-contained page (no scripts, no external references)', () => {
    const { code, stdout } = run('html');
    expect(code).toBe(0);
    expect(stdout.startsWith('<!doctype html>')).toBe(true);
    expect(stdout).toContain('data-from="svc:default/api" data-to="missing:pods:default/api" data-state="broken"');
    expect(stdout).toContain('<p class="summary">1 Ingresses, 2 Services, 3 pods; 3 broken links</p>');
    expect(stdout).not.toMatch(/<script|<link|\bsrc=|url\((?!#)|@import/);
    expect(stdout.match(/https?:\/\/[^"\s<]+/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  test('an unknown format or a missing path is a usage error', () => {
    expect(() => run('png')).toThrow(CliError);
    expect(() => run('png')).toThrow('unknown graph format "png"');
    const io: CliIO = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(() => runGraph([path.join(dir, 'nope.yaml')], { output: 'dot' }, io)).toThrow(/nope\.yaml/);
  });
});
