/**
 * A deterministic generator of manifest sets shaped like `helm template` output, with a known list
 * of planted mistakes, for the benchmark (and as a corpus for fuzzing). Same size and seed →
 * byte-identical files.
 *
 * Each "app" is one chart's release: a ServiceAccount, a Deployment (or StatefulSet) with the
 * Helm labels (`app.kubernetes.io/*`, `helm.sh/chart`), probes, env values (quoted, folded `>-`),
 * a flow-list `args`, resources (now and then shared with a sidecar through an anchor and alias),
 * a ConfigMap volume; a multi-port Service selecting it by the Helm labels; ConfigMaps whose data
 * are block scalars (`|`, `>-`) and quoted strings; a Secret; sometimes an Ingress (by port name
 * and number, with TLS), a selector-less Service with its Endpoints, an ExternalName Service, an
 * HPA. Every document starts with Helm's `# Source:` comment. One app in MISTAKE_EVERY carries
 * exactly one planted mistake, recorded with the rule that must report it and the text that its
 * finding must point at.
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
  'yaml-implicit-type',
] as const;

/** One app in this many gets a mistake: an app is about eight objects, so 6 % of the objects are planted mistakes. */
const MISTAKE_EVERY = 2;

type Random = () => number;

function pick<T>(rnd: Random, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

function hex(rnd: Random, length: number): string {
  let s = '';
  while (s.length < length) s += Math.floor(rnd() * 0x100000000).toString(16).padStart(8, '0');
  return s.slice(0, length);
}

interface App {
  ns: string;
  name: string;
  release: string;
  chart: string;
  version: string;
}

function source(app: App, template: string): string {
  return `# Source: ${app.chart}/templates/${template}\n`;
}

function helmLabels(app: App, indent: string): string {
  return (
    `${indent}helm.sh/chart: ${app.chart}-0.${app.version}\n` +
    `${indent}app.kubernetes.io/name: ${app.name}\n` +
    `${indent}app.kubernetes.io/instance: ${app.release}\n` +
    `${indent}app.kubernetes.io/version: "${app.version}"\n` +
    `${indent}app.kubernetes.io/managed-by: Helm\n`
  );
}

/** The selector labels; `nameValue` is what the first one says (a planted typo changes it). */
function selectorLabels(app: App, indent: string, nameValue = app.name): string {
  return `${indent}app.kubernetes.io/name: ${nameValue}\n${indent}app.kubernetes.io/instance: ${app.release}\n`;
}

function serviceAccount(app: App): string {
  return `${source(app, 'serviceaccount.yaml')}apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${app.name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}`;
}

function workload(app: App, rnd: Random, opts: { stateful: boolean; serviceName: string; replicas: number }): string {
  const kind = opts.stateful ? 'StatefulSet' : 'Deployment';
  const anchor = rnd() < 0.1;
  const resources = `            limits:
              cpu: ${pick(rnd, ['250m', '500m', '1', '2'])}
              memory: ${pick(rnd, ['256Mi', '512Mi', '1Gi'])}
            requests:
              cpu: ${pick(rnd, ['50m', '100m', '200m'])}
              memory: ${pick(rnd, ['64Mi', '128Mi', '256Mi'])}
`;
  const sidecar = anchor
    ? `        - name: log-shipper
          image: "docker.io/fluent/fluent-bit:3.1.4"
          args: ["--config", "/fluent-bit/etc/fluent-bit.conf"]
          resources: *resources
`
    : '';
  return `${source(app, opts.stateful ? 'statefulset.yaml' : 'deployment.yaml')}apiVersion: apps/v1
kind: ${kind}
metadata:
  name: ${app.name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}spec:
  replicas: ${opts.replicas}
${opts.stateful ? `  serviceName: ${opts.serviceName}\n` : '  revisionHistoryLimit: 10\n'}  selector:
    matchLabels:
${selectorLabels(app, '      ')}${opts.stateful ? '' : '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 0\n'}  template:
    metadata:
      annotations:
        checksum/config: ${hex(rnd, 64)}
        prometheus.io/scrape: "true"
        prometheus.io/port: "9090"
      labels:
${selectorLabels(app, '        ')}    spec:
      serviceAccountName: ${app.name}
      securityContext:
        runAsNonRoot: true
        runAsUser: 1000
        fsGroup: 2000
      containers:
        - name: ${app.name}
          image: "registry.example.com/${app.ns}/${app.name}:${app.version}"
          imagePullPolicy: IfNotPresent
          args: ["--port=8080", "--metrics-port=9090", "--log-level=${pick(rnd, ['info', 'debug', 'warn'])}"]
          env:
            - name: LOG_FORMAT
              value: "json"
            - name: JAVA_OPTS
              value: >-
                -Xms${pick(rnd, ['128m', '256m'])} -Xmx${pick(rnd, ['512m', '1g'])}
                -XX:+UseG1GC -Dfile.encoding=UTF-8
            - name: GREETING
              value: 'Hello from ${app.name}, "${app.release}"'
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: ${app.name}-db
                  key: password
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
            - name: metrics
              containerPort: 9090
              protocol: TCP
            - name: dns
              containerPort: 5353
              protocol: UDP
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
            periodSeconds: 15
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            failureThreshold: 3
          resources:${anchor ? ' &resources' : ''}
${resources}          volumeMounts:
            - name: config
              mountPath: /etc/${app.name}
              readOnly: true  # mounted from the ConfigMap below
${sidecar}      volumes:
        - name: config
          configMap:
            name: ${app.name}-config-0
            defaultMode: 420
`;
}

function service(app: App, name: string, selectorName: string, httpTarget: string, opts: { headless?: boolean; nodePort?: number } = {}): string {
  return `${source(app, 'service.yaml')}apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}  annotations:
    prometheus.io/scrape: "true"
spec:
${opts.headless ? '  clusterIP: None\n' : ''}  type: ${opts.nodePort ? 'NodePort' : 'ClusterIP'}
  selector:
${selectorLabels(app, '    ', selectorName)}  ports:
    - name: http
      port: 80
      targetPort: ${httpTarget}
${opts.nodePort ? `      nodePort: ${opts.nodePort}\n` : ''}      protocol: TCP
    - name: metrics
      port: 9090
      targetPort: 9090
      protocol: TCP
`;
}

function ingress(app: App, name: string, backend: string, portName: string): string {
  const host = `${app.name}.${app.ns}.example.com`;
  return `${source(app, 'ingress.yaml')}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}  annotations:
    nginx.ingress.kubernetes.io/proxy-body-size: "8m"
    nginx.ingress.kubernetes.io/configuration-snippet: |
      more_set_headers "X-Release: ${app.release}";
spec:
  ingressClassName: nginx
  tls:
    - hosts: ["${host}"]
      secretName: ${app.name}-tls
  rules:
    - host: "${host}"
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
---
${source(app, 'tls-secret.yaml')}apiVersion: v1
kind: Secret
metadata:
  name: ${app.name}-tls
  namespace: ${app.ns}
type: kubernetes.io/tls
data:
  tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJrVENCK3dJSkFLSEJmcFNVVVlTb01BMEdDU3FHU0liM0RRRUJDd1VBTUJFeER6QU5CZ05WQkFNTUJuUmwKYzNRdFkyRXdIaGNOTWpRd01UQXhNREF3TURBd1doY05NalV3TVRBeE1EQXdNREF3V2pBUk1ROHdEUVlEVlFRRApEQVowWlhOMExXTmhNRnd3RFFZSktvWklodmNOQVFFQkJRQURTd0F3U0FKQkFNCi0tLS0tRU5EIENFUlRJRklDQVRFLS0tLS0K
  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUJWQUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVNDQVQ0d2dnRTZBZ0VBQWtFQXUKLS0tLS1FTkQgUFJJVkFURSBLRVktLS0tLQo=
`;
}

function external(app: App, name: string, endpointsPortName: string, ip: string): string {
  return `${source(app, 'database.yaml')}apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}spec:
  ports:
    - name: pg
      port: 5432
---
${source(app, 'database.yaml')}apiVersion: v1
kind: Endpoints
metadata:
  name: ${name}
  namespace: ${app.ns}
subsets:
  - addresses:
      - ip: ${ip}
    ports:
      - name: ${endpointsPortName}
        port: 5432
`;
}

function externalName(app: App, name: string): string {
  return `${source(app, 'partner.yaml')}apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${app.ns}
spec:
  type: ExternalName
  externalName: ${name}.partner.example.com  # managed outside the cluster
`;
}

function secret(app: App, rnd: Random): string {
  return `${source(app, 'secret.yaml')}apiVersion: v1
kind: Secret
metadata:
  name: ${app.name}-db
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}type: Opaque
data:
  password: ${Buffer.from(hex(rnd, 24)).toString('base64')}
  username: ${Buffer.from(app.name).toString('base64')}
`;
}

function hpa(app: App): string {
  return `${source(app, 'hpa.yaml')}apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app.name}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${app.name}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`;
}

/** `trap`: a data value left unquoted that kubectl reads as a boolean (YAML 1.1). */
function configMap(app: App, index: number, rnd: Random, trap = false): string {
  const port = 8000 + Math.floor(rnd() * 1000);
  const level = pick(rnd, ['INFO', 'DEBUG', 'WARN']);
  const flags = Array.from({ length: 2 + Math.floor(rnd() * 3) }, (_, i) => `feature-${i}-${hex(rnd, 4)}`);
  let data =
    `  application.yaml: |\n` +
    `    server:\n      port: ${port}\n      shutdown: graceful\n` +
    `    logging:\n      level:\n        root: ${level}  # a comment inside a block scalar is text\n` +
    `    features: [${flags.join(', ')}]\n` +
    `    upstream:\n      url: "http://${app.name}-db.${app.ns}.svc.cluster.local:5432/app"\n      timeout: 30s\n`;
  if (index === 0) {
    data +=
      `  nginx.conf: |\n` +
      `    server {\n      listen ${port};\n      location / {\n        proxy_pass http://127.0.0.1:8080;\n        proxy_set_header Host $host;\n      }\n    }\n`;
  }
  data +=
    `  JAVA_TOOL_OPTIONS: >-\n    -XX:MaxRAMPercentage=75.0\n    -XX:+ExitOnOutOfMemoryError\n` +
    `  LOG_LEVEL: "${level.toLowerCase()}"\n` +
    `  MAX_CONNECTIONS: "${10 * (1 + Math.floor(rnd() * 20))}"\n` +
    `  GREETING: 'It''s ${app.name}'\n` +
    `  CACHE_KEY: "${Math.floor(rnd() * 1e9).toString(36)}"\n` +
    `  CACHE_ENABLED: ${trap ? 'on' : '"on"'}\n`;
  return `${source(app, 'configmap.yaml')}apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app.name}-config-${index}
  namespace: ${app.ns}
  labels:
${helmLabels(app, '    ')}data:
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

/**
 * Per namespace (`app` undefined) or per app: admit the namespace's own pods and the ingress controller on the http and metrics ports,
 * and let them call the namespace's pods. The pods carry only their chart's selector labels (no label common to all), so
 * "the namespace's own pods" is the empty pod selector, as such policies are usually written.
 */
function allowPolicy(ns: string, app: string | undefined): string {
  const name = app ?? 'allow-backends';
  const podSelector = app ? `\n    matchLabels:\n      app.kubernetes.io/name: ${app}` : ' {}';
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
    - podSelector: {}
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: ingress-nginx
    ports:
    - port: http
    - port: metrics
  egress:
  - to:
    - podSelector: {}
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
  const mistakeEvery = opts.mistakeEvery ?? MISTAKE_EVERY;
  const perNamespace = 200;
  const docs: string[] = [];
  const mistakes: PlantedMistake[] = [];
  let objects = 0;
  let policyObjects = 0;
  let index = 0;
  let nodePortNext = 30100;
  let lastNodePort: number | undefined;
  const namespaces = new Set<string>();
  while (objects < size) {
    const ns = `team-${String(Math.floor(objects / perNamespace)).padStart(4, '0')}`;
    if (!namespaces.has(ns)) {
      namespaces.add(ns);
      docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    team: "${ns.slice(5)}"\n`);
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
    const name = `app-${index}`;
    const app: App = { ns, name, release: `${name}-release`, chart: `${pick(rnd, ['web', 'api', 'worker', 'gateway'])}-chart`, version: `1.${Math.floor(rnd() * 20)}.${Math.floor(rnd() * 10)}` };
    const mistake = index % mistakeEvery === mistakeEvery - 1 ? MISTAKES[Math.floor(index / mistakeEvery) % MISTAKES.length] : undefined;
    const stateful = index % 7 === 3;
    const svcName = stateful ? `${name}-headless` : name;
    const replicas = 1 + Math.floor(rnd() * 3);
    const workloadServiceName = mistake === 'statefulset-service-missing' ? `${name}-gone` : svcName;
    docs.push(serviceAccount(app));
    objects++;
    docs.push(workload(app, rnd, { stateful: stateful || mistake === 'statefulset-service-missing', serviceName: workloadServiceName, replicas }));
    objects++;
    if (opts.policies === 'per-app') {
      docs.push(allowPolicy(ns, name));
      policyObjects++;
    }
    if (mistake === 'statefulset-service-missing') mistakes.push({ rule: mistake, kind: 'StatefulSet', namespace: ns, name, at: workloadServiceName });
    const selector = mistake === 'service-selects-no-pods' ? `${name}x` : name;
    const target = mistake === 'service-target-port-unresolved' ? 'htpp' : 'http';
    let nodePort: number | undefined;
    if (index % 11 === 5 && !stateful) nodePort = nodePortNext++;
    // The conflict reuses the last node port a Service really got (a headless StatefulSet Service gets none).
    if (mistake === 'node-port-conflict') nodePort = lastNodePort ?? 30100;
    if (mistake !== 'statefulset-service-missing' || !stateful) {
      const assigned = stateful ? undefined : nodePort;
      docs.push(service(app, svcName, selector, target, { headless: stateful && mistake !== 'statefulset-service-missing', nodePort: assigned }));
      objects++;
      if (assigned !== undefined) lastNodePort = assigned;
    }
    if (mistake === 'service-selects-no-pods') mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: `app.kubernetes.io/name: ${selector}` });
    if (mistake === 'service-target-port-unresolved') mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: target });
    if (mistake === 'node-port-conflict' && !stateful) mistakes.push({ rule: mistake, kind: 'Service', namespace: ns, name: svcName, at: String(nodePort) });
    docs.push(secret(app, rnd));
    objects++;
    if (index % 3 === 0 || mistake?.startsWith('ingress')) {
      const backend = mistake === 'ingress-backend-missing-service' ? `${svcName}-old` : svcName;
      const port = mistake === 'ingress-backend-missing-port' ? 'web' : 'http';
      docs.push(ingress(app, `${name}-ing`, backend, port));
      objects += 2;
      if (mistake === 'ingress-backend-missing-service') mistakes.push({ rule: mistake, kind: 'Ingress', namespace: ns, name: `${name}-ing`, at: backend });
      if (mistake === 'ingress-backend-missing-port') mistakes.push({ rule: mistake, kind: 'Ingress', namespace: ns, name: `${name}-ing`, at: port });
    }
    if (index % 4 === 1 || mistake === 'endpoints-port-mismatch') {
      const ip = `192.0.2.${(index % 250) + 1}`;
      docs.push(external(app, `${name}-db`, mistake === 'endpoints-port-mismatch' ? 'postgres' : 'pg', ip));
      objects += 2;
      if (mistake === 'endpoints-port-mismatch') mistakes.push({ rule: mistake, kind: 'Endpoints', namespace: ns, name: `${name}-db`, at: 'postgres' });
    }
    if (index % 5 === 2) {
      docs.push(externalName(app, `${name}-partner`));
      objects++;
    }
    if (!stateful && index % 2 === 0) {
      docs.push(hpa(app));
      objects++;
    }
    const configMaps = 1 + Math.floor(rnd() * 2);
    for (let i = 0; i < configMaps && objects < size; i++) {
      const trap = i === 0 && mistake === 'yaml-implicit-type';
      docs.push(configMap(app, i, rnd, trap));
      objects++;
      if (trap) mistakes.push({ rule: mistake, kind: 'ConfigMap', namespace: ns, name: `${name}-config-0`, at: 'on' });
    }
    index++;
  }
  const perFile = Math.ceil(docs.length / fileCount);
  const files: { name: string; text: string }[] = [];
  for (let f = 0; f < fileCount; f++) {
    const slice = docs.slice(f * perFile, (f + 1) * perFile);
    if (slice.length === 0) break;
    files.push({ name: `manifests-${String(f).padStart(3, '0')}.yaml`, text: `---\n${slice.join('---\n')}` });
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
