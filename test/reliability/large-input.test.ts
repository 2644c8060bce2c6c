/**
 * 100 MB files of valid manifests, generated on the fly, checked by the real bin: they must fit,
 * finish, and find exactly the one planted mistake. Memory grows with the number of objects more
 * than with bytes: ~100k objects of ~1 KB fit in a 1 GiB heap; ~360k objects of ~300 B need about
 * 1.7 GiB (2 KiB of heap per loaded object, 4.5 KiB per simulated pod), within Node's default heap.
 * Past MAX_INPUT_OBJECTS (500,000) the loader stops with exit 2, so no input exhausts memory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBuilt, expectNoStackTrace, spawnLineup } from './cli-harness';

const TARGET_BYTES = 100 * 1024 * 1024;

/** `filler` bytes of ConfigMap data make objects of realistic mixed sizes (~1 KB on average). */
function app(ns: string, name: string, replicas: number, selector: string, filler: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
      - name: main
        image: registry.example.com/${name}:1.0.0
        ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector:
    app: ${selector}
  ports:
  - name: http
    port: 80
    targetPort: http
  - name: metrics
    port: 9090
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  settings.yaml: |
    level: info
    endpoint: http://${name}.${ns}.svc.cluster.local/
  notes: "${'n'.repeat(filler)}"
---
`;
}

function ingress(ns: string, name: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  rules:
  - host: ${name}.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: ${name}
            port:
              name: http
---
`;
}

/** Writes ~100 MB; returns the object count. App 1000 selects `app-1000x`: the one mistake. */
/** Writes the file; returns how many objects it holds and how many of them are ConfigMaps (one per app), which the simulator does not model. */
function generate(file: string, filler: number): { objects: number; configMaps: number } {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  let objects = 0;
  let configMaps = 0;
  let pending: string[] = [];
  const flush = (): void => {
    const chunk = pending.join('');
    fs.writeSync(fd, chunk);
    bytes += Buffer.byteLength(chunk);
    pending = [];
  };
  try {
    for (let i = 0; bytes < TARGET_BYTES; i++) {
      const ns = `team-${Math.floor(i / 200)}`;
      if (i % 200 === 0) {
        pending.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n---\n`);
        objects++;
      }
      const name = `app-${i}`;
      pending.push(app(ns, name, 1 + (i % 3), i === 1000 ? `${name}x` : name, filler));
      objects += 3;
      configMaps++;
      if (i % 3 === 0) {
        pending.push(ingress(ns, name));
        objects++;
      }
      if (pending.length >= 500) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return { objects, configMaps };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-large-'));
  ensureBuilt();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function checkLarge(filler: number, nodeArgs: string[] = ['--max-old-space-size=1024'], expectCut = false): void {
  const file = path.join(dir, `large-${filler}.yaml`);
  const { objects, configMaps } = generate(file, filler);
  expect(fs.statSync(file).size).toBeGreaterThanOrEqual(TARGET_BYTES);
  const r = spawnLineup(['check', file], { nodeArgs, timeoutMs: 280_000 });
  fs.rmSync(file);
  expect(r.signal).toBeNull();
  expectNoStackTrace(r);
  expect(r.err).toBe('');
  expect(r.code).toBe(1);
  expect(r.out).toContain('service-selects-no-pods  Service team-5/app-1000 selects app=app-1000x');
  // Past the run's limit of simulated pods, each workload cut short is named (replicas-not-simulated);
  // nothing else may warn.
  const cut = r.out.split('\n').filter((l) => /\swarning\s+replicas-not-simulated\s/.test(l)).length;
  expect(cut).toBe(expectCut ? cut : 0);
  if (expectCut) expect(cut).toBeGreaterThan(0);
  expect(r.out.trimEnd().split('\n').pop()).toBe(`${objects} objects checked (${configMaps} of kinds not simulated: v1/ConfigMap ×${configMaps}): 1 error, ${cut} warnings, 0 infos`);
}

test('a 100 MB file (~100k objects of ~1 KB) fits in a 1 GiB heap, finishes, and finds the one planted mistake', () => {
  checkLarge(2000);
}, 300_000);

// ~108k apps of 1-3 replicas make ~216k pods, past the run's limit of simulated pods (MAX_SIMULATED_PODS).
test('a 100 MB file of ~360k small objects finishes with Node\'s default heap, finds the planted mistake and names the workloads the pod limit cut', () => {
  checkLarge(0, [], true);
}, 300_000);

test('past the object limit, a one-line exit 2 instead of running out of memory', () => {
  const file = path.join(dir, 'many.yaml');
  const docs: string[] = [];
  for (let i = 0; i < 1500; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c-${i}\n`);
  fs.writeFileSync(file, docs.join('---\n'));
  const r = spawnLineup(['check', file], { env: { LINEUP_MAX_OBJECTS: '1000' } });
  fs.rmSync(file);
  expect(r.code).toBe(2);
  expectNoStackTrace(r);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^lineup: the inputs hold more than 1,000 objects \(at [^)]*many\.yaml\); lineup models at most that many per run[^\n]*\n$/);
});
