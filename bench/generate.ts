/**
 * A deterministic generator of realistic manifest sets with a known list of planted mistakes, for
 * the benchmark (and as a corpus for fuzzing). Same size and seed → byte-identical files.
 *
 * Each "app" is a Deployment (or StatefulSet) with named container ports, a multi-port Service with
 * named and numeric targetPorts, sometimes an Ingress (by port name and by number), a selector-less
 * Service with its Endpoints, an ExternalName Service, and filler ConfigMaps. A fixed share of apps
 * carries exactly one planted mistake, recorded with the rule that must report it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mulberry32 } from './prng';

export interface PlantedMistake {
  rule: string;
  kind: string;
  namespace: string;
  name: string;
  /** The text a finding's `file:line:column` must point at (the start of the planted wrong value). */
  at: string;
}

export interface GeneratedSet {
  files: { name: string; text: string }[];
  objects: number;
  mistakes: PlantedMistake[];
}

const MISTAKES = [
  'service-selects-no-pods',
  'service-target-port-unresolved',
  'ingress-backend-missing-service',
  'ingress-backend-missing-port',
  'endpoints-port-mismatch',
  'statefulset-service-missing',
  'node-port-conflict',
] as const;

function deployment(ns: string, name: string, replicas: number, stateful: boolean, serviceName: string): string {
  const kind = stateful ? 'StatefulSet' : 'Deployment';
  return `apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
${stateful ? `  serviceName: ${serviceName}\n` : ''}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
        tier: backend
    spec:
      containers:
      - name: main
        image: registry.example.com/${name}:1.0.0
        ports:
        - name: http
          containerPort: 8080
        - name: metrics
          containerPort: 9090
        - name: dns
          containerPort: 5353
          protocol: UDP
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
`;
}

function service(ns: string, name: string, selectorValue: string, httpTarget: string, opts: { headless?: boolean; nodePort?: number } = {}): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
${opts.headless ? '  clusterIP: None\n' : ''}${opts.nodePort ? '  type: NodePort\n' : ''}  selector:
    app: ${selectorValue}
  ports:
  - name: http
    port: 80
    targetPort: ${httpTarget}
${opts.nodePort ? `    nodePort: ${opts.nodePort}\n` : ''}  - name: metrics
    port: 9090
    targetPort: 9090
`;
}

function ingress(ns: string, name: string, backend: string, portName: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ingressClassName: nginx
  rules:
  - host: ${name}.${ns}.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: ${backend}
            port:
              name: ${portName}
      - path: /metrics
        pathType: Exact
        backend:
          service:
            name: ${backend}
            port:
              number: 9090
`;
}

function external(ns: string, name: string, endpointsPortName: string, ip: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  ports:
  - name: pg
    port: 5432
---
apiVersion: v1
kind: Endpoints
metadata:
  name: ${name}
  namespace: ${ns}
subsets:
- addresses:
  - ip: ${ip}
  ports:
  - name: ${endpointsPortName}
    port: 5432
`;
}

function externalName(ns: string, name: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  type: ExternalName
  externalName: ${name}.partner.example.com
`;
}

function configMap(ns: string, name: string, rnd: () => number): string {
  const keys = 3 + Math.floor(rnd() * 5);
  let data = '';
  for (let i = 0; i < keys; i++) data += `  key-${i}: "value-${Math.floor(rnd() * 1e9).toString(36)}"\n`;
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
data:
${data}`;
}

/** Per namespace: deny everything, then allow DNS lookups (egress to the CoreDNS pods). */
function namespacePolicies(ns: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-dns
  namespace: ${ns}
spec:
  podSelector: {}
  policyTypes:
  - Egress
  egress:
  - to:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
    ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
`;
}

/** Per namespace (`app` undefined) or per app: admit the namespace's backends and the ingress controller on the http port, and let them call other backends. */
function allowPolicy(ns: string, app: string | undefined): string {
  const name = app ?? 'allow-backends';
  const podSelector = app ? `\n    matchLabels:\n      app: ${app}` : ' {}';
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:${podSelector}
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - podSelector:
        matchLabels:
          tier: backend
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ingress-nginx
    ports:
    - port: http
  egress:
  - to:
    - podSelector:
        matchLabels:
          tier: backend
    ports:
    - port: http
`;
}

/**
 * About `size` objects. One app in `mistakeEvery` gets one mistake, rotating through MISTAKES.
 * With `policies`, the same set gains NetworkPolicies (added on top of `size`, counted in
 * `objects`): per namespace a default deny and a DNS allowance, plus allow rules for the backends
 * either once per namespace (`per-namespace`) or once per app (`per-app`).
 */
export function generate(size: number, opts: { seed?: number; files?: number; mistakeEvery?: number; policies?: 'per-namespace' | 'per-app' } = {}): GeneratedSet {
  const rnd = mulberry32(opts.seed ?? 1);
  const fileCount = opts.files ?? Math.max(1, Math.round(size / 1000));
  const mistakeEvery = opts.mistakeEvery ?? 20;
  const perNamespace = 200;
  const docs: string[] = [];
  const mistakes: PlantedMistake[] = [];
  let objects = 0;
  let policyObjects = 0;
  let app = 0;
  let nodePortNext = 30100;
  let lastNodePort: number | undefined;
  const namespaces = new Set<string>();
  while (objects < size) {
    const ns = `team-${String(Math.floor(objects / perNamespace)).padStart(4, '0')}`;
    if (!namespaces.has(ns)) {
      namespaces.add(ns);
      docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`);
      objects++;
      if (opts.policies) {
        docs.push(namespacePolicies(ns));
        policyObjects += 2;
        if (opts.policies === 'per-namespace') {
          docs.push(allowPolicy(ns, undefined));
          policyObjects++;
        }
      }
    }
    const name = `app-${app}`;
    const mistake = app % mistakeEvery === mistakeEvery - 1 ? MISTAKES[Math.floor(app / mistakeEvery) % MISTAKES.length] : undefined;
    const stateful = app % 7 === 3;
    const svcName = stateful ? `${name}-headless` : name;
    const replicas = 1 + Math.floor(rnd() * 3);
    const workloadServiceName = mistake === 'statefulset-service-missing' ? `${name}-gone` : svcName;
    docs.push(deployment(ns, name, replicas, stateful || mistake === 'statefulset-service-missing', workloadServiceName));
    objects++;
    if (opts.policies === 'per-app') {
      docs.push(allowPolicy(ns, name));
      policyObjects++;
    }
    if (mistake === 'statefulset-service-missing') mistakes.push({ rule: mistake, kind: 'StatefulSet', namespace: ns, name, at: workloadServiceName });
    const selector = mistake === 'service-selects-no-pods' ? `${name}x` : name;
    const target = mistake === 'service-target-port-unresolved' ? 'htpp' : 'http';
    let nodePort: number | undefined;
    if (app % 11 === 5 && !stateful) nodePort = nodePortNext++;
    // The conflict reuses the last node port a Service really got (a headless StatefulSet Service gets none).
    if (mistake === 'node-port-conflict') nodePort = lastNodePort ?? 30100;
    if (mistake !== 'statefulset-service-missing' || !stateful) {
      const assigned = stateful ? undefined : nodePort;
      docs.push(service(ns, svcName, selector, target, { headless: stateful && mistake !== 'statefulset-service-missing', nodePort: assigned }));
      objects++;
      if (assigned !== undefined) lastNodePort = assigned;
    }
    if (mistake === 'service-selects-no-pods') mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: `app: ${selector}` });
    if (mistake === 'service-target-port-unresolved') mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: target });
    if (mistake === 'node-port-conflict' && !stateful) mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: String(nodePort) });
    if (app % 3 === 0 || mistake?.startsWith('ingress')) {
      const backend = mistake === 'ingress-backend-missing-service' ? `${svcName}-old` : svcName;
      const port = mistake === 'ingress-backend-missing-port' ? 'web' : 'http';
      docs.push(ingress(ns, `${name}-ing`, backend, port));
      objects++;
      if (mistake === 'ingress-backend-missing-service') mistakes.push({ rule: mistake, kind: 'Ingress', namespace: ns, name: `${name}-ing`, at: backend });
      if (mistake === 'ingress-backend-missing-port') mistakes.push({ rule: mistake, kind: 'Ingress', namespace: ns, name: `${name}-ing`, at: port });
    }
    if (app % 4 === 1 || mistake === 'endpoints-port-mismatch') {
      const ip = `192.0.2.${(app % 250) + 1}`;
      docs.push(external(ns, `${name}-db`, mistake === 'endpoints-port-mismatch' ? 'postgres' : 'pg', ip));
      objects += 2;
      if (mistake === 'endpoints-port-mismatch') mistakes.push({ rule: mistake, kind: 'Endpoints', namespace: ns, name: `${name}-db`, at: 'postgres' });
    }
    if (app % 5 === 2) {
      docs.push(externalName(ns, `${name}-partner`));
      objects++;
    }
    const fillers = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < fillers && objects < size; i++) {
      docs.push(configMap(ns, `${name}-config-${i}`, rnd));
      objects++;
    }
    app++;
  }
  const perFile = Math.ceil(docs.length / fileCount);
  const files: { name: string; text: string }[] = [];
  for (let f = 0; f < fileCount; f++) {
    const slice = docs.slice(f * perFile, (f + 1) * perFile);
    if (slice.length === 0) break;
    files.push({ name: `manifests-${String(f).padStart(3, '0')}.yaml`, text: slice.join('---\n') });
  }
  return { files, objects: objects + policyObjects, mistakes };
}

/** Writes a set into `dir` (replacing it) plus `planted.json`. */
export function writeSet(dir: string, set: GeneratedSet): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const f of set.files) fs.writeFileSync(path.join(dir, f.name), f.text);
  fs.writeFileSync(path.join(dir, '..', `${path.basename(dir)}.planted.json`), JSON.stringify({ objects: set.objects, mistakes: set.mistakes }, null, 2));
}

if (require.main === module) {
  const size = Number(process.argv[2] ?? 1000);
  // --policies: per namespace; --policies-per-app: an allow policy per app.
  const policies = process.argv.includes('--policies-per-app') ? 'per-app' : process.argv.includes('--policies') ? 'per-namespace' : undefined;
  const dir = process.argv[3] && !process.argv[3].startsWith('--') ? process.argv[3] : `bench/out/set-${size}${policies ? `-${policies}` : ''}`;
  const set = generate(size, { policies });
  writeSet(dir, set);
  process.stdout.write(`${set.objects} objects, ${set.files.length} files, ${set.mistakes.length} planted mistakes → ${dir}\n`);
}
