/**
 * The CLI end to end, in-process through `run(argv, io)` (the same function the bin calls), plus
 * real spawns of the compiled bin for the process-level contract (shebang, exit status, streams).
 */
import { spawnSync, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../lib/cli/main';
import { lineup, type Captured } from './in-process';



/** Exit 2 with exactly one `lineup: …` line on stderr, nothing on stdout, no stack trace. */
function expectUsageError(r: Captured, contains: string): void {
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^lineup: [^\n]+\n$/);
  expect(r.err).toContain(contains);
  expect(r.err).not.toMatch(/\n\s+at /);
}

let dir: string;
let seed: string;
let settings112: string;
let nodesOnly: string;
let broken: string;

// Seed 003 (Chinese blog post on Services): four httpd pods as observed, httpd-svc on 10.110.212.171, kubeadm v1.12.
const SEED_003 = `apiVersion: v1
kind: Service
metadata:
  name: httpd-svc
spec:
  clusterIP: 10.110.212.171
  selector:
    run: httpd
  ports:
  - protocol: TCP
    port: 8080
    targetPort: 80
${[
  ['dbbx7', 'k8s-n2', '10.244.2.35'],
  ['djv44', 'k8s-n1', '10.244.1.101'],
  ['npqxz', 'k8s-n1', '10.244.1.102'],
  ['vkjk6', 'k8s-n2', '10.244.2.36'],
]
  .map(
    ([id, node, ip]) => `---
apiVersion: v1
kind: Pod
metadata:
  name: httpd-79c4f99955-${id}
  labels: {run: httpd}
spec:
  nodeName: ${node}
  containers: [{name: httpd, image: httpd, ports: [{containerPort: 80}]}]
status: {phase: Running, podIP: ${ip}, conditions: [{type: Ready, status: "True"}]}
`,
  )
  .join('')}`;

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: nginx, ports: [{containerPort: 80}]}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: wbe
  ports:
  - port: 80
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-cli-'));
  seed = path.join(dir, 'seed003.yaml');
  fs.writeFileSync(seed, SEED_003);
  settings112 = path.join(dir, 'cluster-1.12.yaml');
  fs.writeFileSync(settings112, 'kubernetesVersion: "1.12"\nnodes:\n  - {name: k8s-m, ip: 192.168.0.10}\n  - {name: k8s-n1, ip: 192.168.0.11}\n  - {name: k8s-n2, ip: 192.168.0.12}\n');
  // The seed's node names: the EndpointSlice controller skips pods on nodes that do not exist.
  nodesOnly = path.join(dir, 'cluster-nodes.yaml');
  fs.writeFileSync(nodesOnly, 'nodes:\n  - {name: k8s-m, ip: 192.168.0.10}\n  - {name: k8s-n1, ip: 192.168.0.11}\n  - {name: k8s-n2, ip: 192.168.0.12}\n');
  broken = path.join(dir, 'broken.yaml');
  fs.writeFileSync(broken, BROKEN);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('check', () => {
  it('exits 0 and says so when everything lines up', async () => {
    const r = await lineup(['check', seed]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('5 objects checked: no problems found\n');
    expect(r.err).toBe('');
  });

  it('exits 1 on an error and prints it grouped by object with file:line:column', async () => {
    const r = await lineup(['check', broken]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Service default\/web\n {2}\S+broken\.yaml:\d+:\d+ {2}error {2}service-selects-no-pods {2}Service default\/web selects app=wbe/m);
    expect(r.out).toMatch(/2 objects checked: 1 error, \d+ warnings?, \d+ infos?\n$/);
  });

  it('counts documents that are not Kubernetes objects in the summary, and says once that a kustomize folder was read as plain files', async () => {
    const kdir = path.join(dir, 'kustomized');
    fs.mkdirSync(kdir);
    fs.writeFileSync(path.join(kdir, 'kustomization.yaml'), 'resources:\n- seed.yaml\n');
    fs.writeFileSync(path.join(kdir, 'app-config.yaml'), 'log_level: info\nworkers: 4\n');
    fs.writeFileSync(path.join(kdir, 'seed.yaml'), SEED_003);
    const json = JSON.parse((await lineup(['check', kdir, '-o', 'json'])).out);
    expect(json.summary).toEqual({ objects: 5, skipped: 2, errors: 0, warnings: 0, infos: 1 });
    expect(json.findings.map((f: { rule: string; source: { file: string } }) => [f.rule, path.basename(f.source.file)])).toEqual([['kustomization-not-rendered', 'kustomization.yaml']]);
    const text = await lineup(['check', kdir]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/\n5 objects checked \(2 documents skipped: not Kubernetes objects\): 0 errors, 0 warnings, 1 info\n$/);
  });

  it('prints the JSON shape of docs/findings.md', async () => {
    const r = await lineup(['check', broken, '-o', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['summary', 'findings']);
    expect(doc.summary.objects).toBe(2);
    const f = doc.findings.find((x: { rule: string }) => x.rule === 'service-selects-no-pods');
    expect(f).toMatchObject({ severity: 'error', object: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' }, field: 'spec.selector' });
    expect(f.source.file).toBe(broken);
    // The selector's value: its first entry, `app: wbe` under `selector:` (where a selector's finding points).
    expect([f.source.line, f.source.column]).toEqual([21, 5]);
  });

  it.each([
    ['sarif', (out: string) => expect(JSON.parse(out).runs[0].tool.driver.name).toBe('cdk8s-lineup')],
    ['junit', (out: string) => expect(out).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="cdk8s-lineup" tests="\d+" failures="1"/)],
    ['github', (out: string) => expect(out).toMatch(/^::error file=[^,]+broken\.yaml,line=21,col=5,title=service-selects-no-pods::/m)],
  ])('prints -o %s', async (format, assert) => {
    const r = await lineup(['check', broken, '-o', format]);
    expect(r.code).toBe(1);
    assert(r.out);
  });

  it('honours --fail-on', async () => {
    expect((await lineup(['check', broken, '--fail-on', 'never'])).code).toBe(0);
    expect((await lineup(['check', broken, '--fail-on', 'warning'])).code).toBe(1);
    expectUsageError(await lineup(['check', broken, '--fail-on', 'sometimes']), "argument 'sometimes' is invalid");
  });

  it('colours text only on a TTY without NO_COLOR', async () => {
    expect((await lineup(['check', broken], { tty: true })).out).toContain('\x1b[31merror\x1b[0m');
    expect((await lineup(['check', broken], { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain('\x1b[');
    expect((await lineup(['check', broken], { tty: false })).out).not.toContain('\x1b[');
  });
});

describe('get', () => {
  it('prints services like seed 003 (without AGE)', async () => {
    const r = await lineup(['get', 'svc', seed]);
    expect(r).toEqual({
      code: 0,
      out: 'NAME         TYPE        CLUSTER-IP       EXTERNAL-IP   PORT(S)\nhttpd-svc    ClusterIP   10.110.212.171   <none>        8080/TCP\nkubernetes   ClusterIP   10.96.0.1        <none>        443/TCP\n',
      err: '',
    });
  });

  it('prints pods -o wide like seed 003 (without AGE, with READINESS GATES)', async () => {
    const r = await lineup(['get', 'po', seed, '-o', 'wide', '--cluster', settings112]);
    expect(r.out).toBe(
      [
        'NAME                     READY   STATUS    RESTARTS   IP             NODE     NOMINATED NODE   READINESS GATES',
        'httpd-79c4f99955-dbbx7   1/1     Running   0          10.244.2.35    k8s-n2   <none>           <none>',
        'httpd-79c4f99955-djv44   1/1     Running   0          10.244.1.101   k8s-n1   <none>           <none>',
        'httpd-79c4f99955-npqxz   1/1     Running   0          10.244.1.102   k8s-n1   <none>           <none>',
        'httpd-79c4f99955-vkjk6   1/1     Running   0          10.244.2.36    k8s-n2   <none>           <none>',
        '',
      ].join('\n'),
    );
  });

  it('prints endpoints with + N more', async () => {
    const r = await lineup(['get', 'ep', seed]);
    expect(r.out).toContain('\nhttpd-svc    10.244.1.101:80,10.244.1.102:80,10.244.2.35:80 + 1 more...\n');
  });

  it('prints -o json as a v1 List of the simulated objects, deterministically', async () => {
    const a = await lineup(['get', 'services', seed, '-o', 'json']);
    const b = await lineup(['get', 'services', seed, '-o', 'json']);
    expect(a.out).toBe(b.out);
    const list = JSON.parse(a.out);
    expect(list).toMatchObject({ apiVersion: 'v1', kind: 'List' });
    expect(list.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['httpd-svc', 'kubernetes']);
    expect(list.items[0].spec.clusterIP).toBe('10.110.212.171');
  });

  it('says "No resources found" on stderr for an empty list, exit 0', async () => {
    expect(await lineup(['get', 'ing', seed])).toEqual({ code: 0, out: '', err: 'No resources found in default namespace.\n' });
  });

  it('rejects unknown kinds', async () => {
    expectUsageError(await lineup(['get', 'deployments', seed]), 'unknown resource type "deployments"');
  });
});

describe('describe service', () => {
  it('reproduces seed 003 on a 1.12 cluster', async () => {
    const r = await lineup(['describe', 'service', 'httpd-svc', seed, '--cluster', settings112]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Name:              httpd-svc
Namespace:         default
Labels:            <none>
Annotations:       <none>
Selector:          run=httpd
Type:              ClusterIP
IP:                10.110.212.171
Port:              <unset>  8080/TCP
TargetPort:        80/TCP
Endpoints:         10.244.1.101:80,10.244.1.102:80,10.244.2.35:80 + 1 more...
Session Affinity:  None
Events:            <none>
`);
  });

  it('exits 2 for an unknown service', async () => {
    expectUsageError(await lineup(['describe', 'service', 'nope', seed]), 'service "nope" not found in namespace default');
  });
});

describe('dns, env, trace, iptables-save', () => {
  it('dns -o json answers with the shape docs/cli.md documents', async () => {
    const r = await lineup(['dns', 'httpd-svc.default', seed, '--from', 'default/httpd-79c4f99955-dbbx7', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      query: 'httpd-svc.default',
      rcode: 'NOERROR',
      name: 'httpd-svc.default.svc.cluster.local.',
      answers: [{ name: 'httpd-svc.default.svc.cluster.local.', type: 'A', data: '10.110.212.171' }],
    });
  });

  it('dns NXDOMAIN still exits 0', async () => {
    const r = await lineup(['dns', 'nothing-here', seed, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rcode).toBe('NXDOMAIN');
  });

  it('env -o json gives the service variables', async () => {
    const r = await lineup(['env', 'httpd-79c4f99955-dbbx7', seed, '-o', 'json']);
    const vars = JSON.parse(r.out);
    expect(vars.HTTPD_SVC_SERVICE_HOST).toBe('10.110.212.171');
    expect(vars.HTTPD_SVC_SERVICE_PORT).toBe('8080');
    expect(vars.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
  });

  it('env accepts a workload name for its first pod', async () => {
    const r = await lineup(['env', 'web', broken, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).KUBERNETES_SERVICE_PORT).toBe('443');
  });

  it('trace -o json delivers to the four pods with probabilities summing to 1', async () => {
    const r = await lineup(['trace', 'http://httpd-svc:8080/', seed, '--from', 'httpd-79c4f99955-dbbx7', '-o', 'json', '--cluster', nodesOnly]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['outcome', 'hops', 'destinations', 'deniedProbability']);
    expect(doc.outcome).toBe('delivered');
    expect(doc.destinations).toHaveLength(4);
    expect(doc.destinations.reduce((s: number, d: { probability: number }) => s + d.probability, 0)).toBeCloseTo(1, 10);
  });

  it('trace needs exactly one starting point', async () => {
    expectUsageError(await lineup(['trace', 'http://httpd-svc:8080/', seed]), 'give exactly one of --from POD, --from-node NODE or --from-external');
    expectUsageError(await lineup(['trace', 'http://httpd-svc:8080/', seed, '--from-external', '--from-node', 'k8s-n1']), 'trace takes one starting point');
  });

  it('iptables-save with 1.12 prints the seed 003 rules', async () => {
    const r = await lineup(['iptables-save', seed, '--cluster', settings112, '--node', 'k8s-n1']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('-A KUBE-SERVICES -d 10.110.212.171/32 -p tcp -m comment --comment "default/httpd-svc: cluster IP" -m tcp --dport 8080 -j KUBE-SVC-RL3JAE4GN7VOGDGP\n');
    expect(r.out).toContain('-A KUBE-SVC-RL3JAE4GN7VOGDGP -m statistic --mode random --probability 0.33332999982 -j KUBE-SEP-7G5ANBWSVVLRNZAH\n');
  });

  it('unknown pods and nodes exit 2', async () => {
    expectUsageError(await lineup(['env', 'nope', seed]), 'pod "nope" not found in namespace default');
    expectUsageError(await lineup(['dns', 'x', seed, '--from', 'other/httpd']), 'pod "httpd" not found in namespace other');
    expectUsageError(await lineup(['iptables-save', seed, '--node', 'nope']), 'node "nope" not found');
  });
});

describe('usage errors: exit 2, one line, no stack', () => {
  it.each<[string[], string]>([
    [[], 'no command given'],
    [['chek'], "unknown command 'chek'"],
    [['check', '--bogus'], "unknown option '--bogus'"],
    [['get'], "missing required argument 'kind'"],
    [['get', 'svc', '-o', 'xml'], "argument 'xml' is invalid"],
  ])('%j', async (argv, contains) => {
    expectUsageError(await lineup(argv), contains);
  });

  it('missing input path', async () => {
    expectUsageError(await lineup(['check', path.join(dir, 'missing')]), 'no such file or directory');
  });

  it('bad --cluster file', async () => {
    const bad = path.join(dir, 'bad-cluster.yaml');
    fs.writeFileSync(bad, 'serviceCIDR: not-a-cidr\n');
    expectUsageError(await lineup(['check', seed, '--cluster', bad]), bad);
    expectUsageError(await lineup(['check', seed, '--cluster', path.join(dir, 'none.yaml')]), 'none.yaml');
  });

  it('reports internal errors as one line, exit 2', async () => {
    let err = '';
    const code = await run(['check', seed], {
      stdout: { write: () => { throw new Error('disk on fire'); } },
      stderr: { write: (s: string) => (err += s) },
      env: {},
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^lineup: internal error: disk on fire; [^\n]+\n$/);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const h = await lineup(['dns', '--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('--from <pod>');
    expect(h.out).toContain('a workload name');
    const v = await lineup(['--version']);
    expect(v).toEqual({ code: 0, out: `${require('../../package.json').version}\n`, err: '' });
  });
});

describe('the compiled bin', () => {
  const root = path.join(__dirname, '..', '..');
  const bin = path.join(root, 'build', 'lib', 'cli', 'main.js');
  beforeAll(() => {
    if (!fs.existsSync(bin)) {
      try {
        execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', root], { stdio: 'ignore' });
      } catch {
        // tsc exits non-zero on other modules' type errors but still emits
      }
    }
  });

  it('starts with a shebang and runs check with the right exit status and streams', () => {
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const ok = spawnSync(process.execPath, [bin, 'check', seed], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('5 objects checked: no problems found\n');
    const bad = spawnSync(process.execPath, [bin, 'check', broken, '-o', 'json'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).summary.errors).toBeGreaterThanOrEqual(1);
  });

  it('prints one stderr line and exits 2 on a missing path', () => {
    const r = spawnSync(process.execPath, [bin, 'check', path.join(dir, 'missing')], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^lineup: no such file or directory: [^\n]+\n$/);
  });

  it('stops quietly when the reader closes the pipe early (`| head`), with no stack trace', () => {
    // 3,000 Services: far more output than a pipe buffers, so lineup is still writing when head exits.
    const many = path.join(dir, 'many-services.yaml');
    const docs = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  ports:\n  - port: 80\n`);
    fs.writeFileSync(many, docs.join('---\n'));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" get svc "${many}" | head -c 10 > /dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('status=0\n');
  });

  it('writes all of a large output to a reader that is slow to start, then exits with its status', () => {
    // The process ends as soon as nothing is left to do: what is still queued for the pipe must be written first.
    const many = path.join(dir, 'many-services-slow.yaml');
    const docs = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: none\n  ports:\n  - port: 80\n`);
    fs.writeFileSync(many, docs.join('---\n'));
    const direct = spawnSync(process.execPath, [bin, 'check', many, '-o', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(direct.status).toBe(1);
    expect(direct.stdout.length).toBeGreaterThan(1 << 20);
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${bin}" check "${many}" -o json | (sleep 1; wc -c); echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [bytes, status] = r.stdout.trim().split('\n');
    expect(Number(bytes)).toBe(Buffer.byteLength(direct.stdout));
    expect(status).toBe('status=1');
  });

  it('reads standard input for "-"', () => {
    const r = spawnSync(process.execPath, [bin, 'get', 'svc', '-'], { input: SEED_003, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('httpd-svc    ClusterIP   10.110.212.171');
  });
});
