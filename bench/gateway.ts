/**
 * `node build/bench/gateway.js [--routes 500,1000,2000] [--runs 5]`: Gateway API at scale. Generates
 * one Gateway (HTTP listeners for many hostnames) and N HTTPRoutes of 10 rules each (paths, methods,
 * headers, query parameters, weighted backends) over N/10 Services with their Deployments; measures,
 * in-process, loading, building the cluster, `check` (every rule) and `trace` of requests through
 * the Gateway after load. Writes the "Gateway API" section of bench/RESULTS.md (run.ts keeps it).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCluster } from '../lib/cluster/build';
import { defaultSettings } from '../lib/cluster/settings';
import { loadText } from '../lib/load/load';
import { runRules } from '../lib/rules/run';
import { trace } from '../lib/views/trace';

const ROOT = path.resolve(__dirname, '..', '..');
export const GATEWAY_SECTION_START = '<!-- gateway-bench:start -->';
export const GATEWAY_SECTION_END = '<!-- gateway-bench:end -->';

function manifests(routes: number): string {
  const docs: string[] = [];
  const services = Math.max(1, Math.floor(routes / 10));
  docs.push('apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: bench\nspec:\n  controllerName: example.com/bench');
  const listeners = ['  - name: http\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: All'];
  docs.push(`apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: edge\n  namespace: infra\nspec:\n  gatewayClassName: bench\n  listeners:\n${listeners.join('\n')}`);
  for (let s = 0; s < services; s++) {
    const ns = `team-${Math.floor(s / 50)}`;
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${s}\n  namespace: ${ns}\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: svc-${s}\n  template:\n    metadata:\n      labels:\n        app: svc-${s}\n    spec:\n      containers:\n      - name: app\n        image: app\n        ports:\n        - name: http\n          containerPort: 8080`,
    );
    docs.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${s}\n  namespace: ${ns}\nspec:\n  selector:\n    app: svc-${s}\n  ports:\n  - name: http\n    port: 80\n    targetPort: http`);
  }
  for (let r = 0; r < routes; r++) {
    const s = r % services;
    const ns = `team-${Math.floor(s / 50)}`;
    const other = `svc-${(s + 1) % services}`;
    const otherNs = `team-${Math.floor(((s + 1) % services) / 50)}`;
    const rules: string[] = [];
    for (let k = 0; k < 10; k++) {
      const backend = otherNs === ns && k % 3 === 0 ? `    - name: svc-${s}\n      port: 80\n      weight: 90\n    - name: ${other}\n      port: 80\n      weight: 10` : `    - name: svc-${s}\n      port: 80`;
      const match =
        k % 4 === 0
          ? `    - path:\n        type: PathPrefix\n        value: /api/v${k}\n      headers:\n      - name: x-team\n        value: t${k}`
          : k % 4 === 1
            ? `    - path:\n        type: Exact\n        value: /api/v${k}/status\n      method: GET`
            : k % 4 === 2
              ? `    - path:\n        type: PathPrefix\n        value: /api/v${k}\n      queryParams:\n      - name: page\n        value: "${k}"`
              : `    - path:\n        type: PathPrefix\n        value: /api/v${k}`;
      rules.push(`  - matches:\n${match}\n    backendRefs:\n${backend}`);
    }
    docs.push(
      `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: route-${r}\n  namespace: ${ns}\nspec:\n  parentRefs:\n  - name: edge\n    namespace: infra\n  hostnames:\n  - host-${r}.example.com\n  - "*.wild-${r % 100}.example.com"\n  rules:\n${rules.join('\n')}`,
    );
  }
  return docs.join('\n---\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

interface Row {
  routes: number;
  objects: number;
  loadMs: number;
  clusterMs: number;
  checkMs: number;
  findings: number;
  traceMs: number;
  traceMaxMs: number;
}

function measure(routes: number, runs: number): Row {
  const text = manifests(routes);
  const loads: number[] = [];
  const clusters: number[] = [];
  const checks: number[] = [];
  const traces: number[] = [];
  let objects = 0;
  let findings = 0;
  for (let run = 0; run < runs; run++) {
    let t = performance.now();
    const load = loadText(text, 'bench.yaml');
    loads.push(performance.now() - t);
    t = performance.now();
    const cluster = buildCluster(load.objects, defaultSettings());
    clusters.push(performance.now() - t);
    objects = load.objects.length;
    // Traces right after load: the first request pays for whatever the routing computes on demand.
    const targets = [`http://host-${routes - 1}.example.com/api/v8/items?page=8`, `http://a.wild-7.example.com/api/v0/x`, `http://host-${Math.floor(routes / 2)}.example.com/api/v5/status`, 'http://nowhere.example.com/'];
    for (const target of targets) {
      const headers: [string, string][] = [['x-team', 't0']];
      t = performance.now();
      const result = trace(cluster, target, { external: true }, { headers, method: 'GET' });
      traces.push(performance.now() - t);
      if (!result) throw new Error(`trace ${target} failed`);
    }
    t = performance.now();
    findings = runRules(cluster, load.problems, { input: load }).length;
    checks.push(performance.now() - t);
  }
  return { routes, objects, loadMs: median(loads), clusterMs: median(clusters), checkMs: median(checks), findings, traceMs: median(traces), traceMaxMs: Math.max(...traces) };
}

function main(): void {
  const argv = process.argv.slice(2);
  let sizes = [500, 1000, 2000];
  let runs = 5;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--routes') sizes = argv[++i].split(',').map(Number);
    else if (argv[i] === '--runs') runs = Number(argv[++i]);
  }
  const rows = sizes.map((n) => measure(n, runs));
  const fmt = (ms: number): string => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
  const lines = [
    GATEWAY_SECTION_START,
    '## Gateway API: routes of 10 rules',
    '',
    `\`node build/bench/gateway.js --routes ${sizes.join(',')} --runs ${runs}\` (bench/gateway.ts): one Gateway, N HTTPRoutes of 10 rules each (PathPrefix with a header, Exact with a method, PathPrefix with a query parameter, plain PathPrefix; every third rule a 90/10 split) over N/10 Services of 2 pods. In-process, median of the runs; \`trace\` is the median (and the slowest) of four requests through the Gateway on a freshly built cluster (matching rule deep in the last route, a wildcard host, an Exact path, and a host nothing serves). Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPUs with load average ${os.loadavg()[0].toFixed(1)} at the end (other processes sharing the machine make these figures upper bounds).`,
    '',
    '| routes | rules | objects | load | cluster | check (all rules) | findings | trace (median) | trace (slowest) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.routes.toLocaleString('en')} | ${(r.routes * 10).toLocaleString('en')} | ${r.objects.toLocaleString('en')} | ${fmt(r.loadMs)} ms | ${fmt(r.clusterMs)} ms | ${fmt(r.checkMs)} ms | ${r.findings} | ${fmt(r.traceMs)} ms | ${fmt(r.traceMaxMs)} ms |`),
    '',
  ];
  if (rows.length >= 2) {
    const a = rows[0];
    const b = rows[rows.length - 1];
    lines.push(`${a.routes.toLocaleString('en')} → ${b.routes.toLocaleString('en')} routes (${(b.routes / a.routes).toFixed(0)}×): check ${(b.checkMs / a.checkMs).toFixed(1)}×, cluster ${(b.clusterMs / a.clusterMs).toFixed(1)}×, trace ${(b.traceMs / a.traceMs).toFixed(1)}×.`, '');
  }
  lines.push(GATEWAY_SECTION_END);
  const section = lines.join('\n');
  const file = path.join(ROOT, 'bench', 'RESULTS.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = current.indexOf(GATEWAY_SECTION_START);
  const end = current.indexOf(GATEWAY_SECTION_END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + GATEWAY_SECTION_END.length) : `${current.replace(/\n*$/, '\n\n')}${section}\n`;
  fs.writeFileSync(file, next);
  process.stdout.write(section + '\n');
}

if (require.main === module) main();
