/**
 * Seed scenarios end to end through load → cluster → DNS/env views: the user's blog posts
 * (seed 001 kubia, backend-database, external-service; seed 003 httpd-svc; seed 004 nginx) and a
 * StatefulSet with its headless Service.
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import type { Cluster } from '../../lib/cluster/model';
import { loadText } from '../../lib/load/load';
import { dnsRecords, resolveFromPod, resolvConf } from '../../lib/views/dns';
import { serviceEnv } from '../../lib/views/env';

const MANIFESTS = `
apiVersion: apps/v1beta1
kind: Deployment
metadata:
  name: httpd
spec:
  replicas: 4
  template:
    metadata:
      labels:
        run: httpd
    spec:
      containers:
      - name: httpd
        image: httpd
        ports:
        - containerPort: 80
---
apiVersion: v1
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
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: kubia
spec:
  replicas: 3
  selector:
    app: kubia
  template:
    metadata:
      labels:
        app: kubia
    spec:
      containers:
      - name: kubia
        image: luksa/kubia
        ports:
        - name: http
          containerPort: 8080
        - name: https
          containerPort: 8443
---
apiVersion: v1
kind: Service
metadata:
  name: kubia
spec:
  clusterIP: 10.111.249.153
  sessionAffinity: ClientIP
  ports:
  - name: http
    port: 80
    targetPort: http
  - name: https
    port: 443
    targetPort: https
  selector:
    app: kubia
---
apiVersion: v1
kind: Service
metadata:
  name: backend-database
spec:
  ports:
  - port: 5432
  selector:
    app: db
---
apiVersion: v1
kind: Service
metadata:
  name: external-service
spec:
  type: ExternalName
  externalName: someapi.somecompany.com
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - name: web
          containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - name: web
    port: 80
`;

function build(): Cluster {
  const loaded = loadText(MANIFESTS, 'seeds.yaml');
  expect(loaded.problems).toEqual([]);
  return buildCluster(loaded.objects, defaultSettings());
}

const c = build();

describe('seed DNS scenarios', () => {
  test('seed 003: from a pod in default, httpd-svc.default resolves to the Service IP', () => {
    const from = c.pods.find((p) => p.namespace === 'default' && p.name.startsWith('httpd-'));
    expect(from).toBeDefined();
    const got = resolveFromPod(c, 'httpd-svc.default', { from });
    expect(got.rcode).toBe('NOERROR');
    expect(got.name).toBe('httpd-svc.default.svc.cluster.local.');
    expect(got.answers).toEqual([{ name: 'httpd-svc.default.svc.cluster.local.', type: 'A', data: '10.110.212.171' }]);
    expect(got.tried.map((t) => t.name)).toEqual(['httpd-svc.default.default.svc.cluster.local.', 'httpd-svc.default.svc.cluster.local.']);
  });

  test('no --from: a pod in default', () => {
    expect(resolveFromPod(c, 'httpd-svc', {}).answers.map((a) => a.data)).toEqual(['10.110.212.171']);
  });

  test('seed 001: FQDN backend-database.default.svc.cluster.local', () => {
    const got = resolveFromPod(c, 'backend-database.default.svc.cluster.local', {});
    expect(got.rcode).toBe('NOERROR');
    expect(got.name).toBe('backend-database.default.svc.cluster.local.');
    const ip = c.service('default', 'backend-database')!.clusterIP;
    expect(got.answers).toEqual([{ name: 'backend-database.default.svc.cluster.local.', type: 'A', data: ip }]);
    // 4 dots < ndots:5, so the three search suffixes are tried first.
    expect(got.tried).toHaveLength(4);
  });

  test('seed 001: ExternalName external-service → CNAME someapi.somecompany.com', () => {
    for (const name of ['external-service', 'external-service.default.svc.cluster.local']) {
      const got = resolveFromPod(c, name, {});
      expect(got.rcode).toBe('NOERROR');
      expect(got.answers).toEqual([{ name: 'external-service.default.svc.cluster.local.', type: 'CNAME', data: 'someapi.somecompany.com.' }]);
      expect(got.external).toBe(true);
    }
    expect(dnsRecords(c, 'external-service.default.svc.cluster.local.', 'CNAME').answers.map((a) => a.data)).toEqual(['someapi.somecompany.com.']);
  });

  test('the kubia Service SRV records for its named ports', () => {
    const got = dnsRecords(c, '_https._tcp.kubia.default.svc.cluster.local.', 'SRV');
    expect(got.answers.map((a) => a.data)).toEqual(['0 100 443 kubia.default.svc.cluster.local.']);
    expect(dnsRecords(c, 'kubia.default.svc.cluster.local.', 'SRV').answers.map((a) => a.data)).toEqual([
      '0 50 80 kubia.default.svc.cluster.local.',
      '0 50 443 kubia.default.svc.cluster.local.',
    ]);
  });

  test('StatefulSet pods under their headless Service: web-0.nginx', () => {
    const pods = c.pods.filter((p) => p.owner?.name === 'web').sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(pods.map((p) => p.name)).toEqual(['web-0', 'web-1']);
    const got = dnsRecords(c, 'web-0.nginx.default.svc.cluster.local', 'A');
    expect(got.answers.map((a) => a.data)).toEqual([pods[0].ip]);
    const all = dnsRecords(c, 'nginx.default.svc.cluster.local', 'A').answers.map((a) => a.data).sort();
    expect(all).toEqual(pods.map((p) => p.ip).sort());
  });

  test('kube-dns answers at the tenth address of the service CIDR', () => {
    expect(c.dnsServiceIP).toBe('10.96.0.10');
    expect(dnsRecords(c, 'kube-dns.kube-system.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual(['10.96.0.10']);
    expect(dnsRecords(c, 'kubernetes.default.svc.cluster.local', 'A').answers.map((a) => a.data)).toEqual(['10.96.0.1']);
  });

  test('resolv.conf of a workload pod', () => {
    const p = c.pods.find((x) => x.name.startsWith('kubia-'))!;
    expect(resolvConf(c, p)).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
});

describe('seed env scenario', () => {
  test('seed 001: kubia pods see KUBIA_SERVICE_HOST and KUBIA_SERVICE_PORT', () => {
    const p = c.pods.find((x) => x.name.startsWith('kubia-'))!;
    const env = Object.fromEntries(serviceEnv(c, p).map((v) => [v.name, v.value]));
    expect(env.KUBIA_SERVICE_HOST).toBe('10.111.249.153');
    expect(env.KUBIA_SERVICE_PORT).toBe('80');
    expect(env.KUBIA_SERVICE_PORT_HTTPS).toBe('443');
    expect(env.KUBIA_PORT).toBe('tcp://10.111.249.153:80');
    expect(env.KUBERNETES_SERVICE_HOST).toBe('10.96.0.1');
    expect(env.HTTPD_SVC_SERVICE_HOST).toBe('10.110.212.171');
    expect(env.HTTPD_SVC_SERVICE_PORT).toBe('8080');
    // Headless (nginx) and ExternalName (external-service) Services give no variables.
    expect(Object.keys(env).filter((k) => k.startsWith('NGINX_') || k.startsWith('EXTERNAL_SERVICE_'))).toEqual([]);
    // Services by name: backend-database, httpd-svc, kubernetes, kubia.
    const prefixes = [...new Set(serviceEnv(c, p).map((v) => v.name.replace(/_(SERVICE|PORT).*$/, '')))];
    expect(prefixes).toEqual(['BACKEND_DATABASE', 'HTTPD_SVC', 'KUBERNETES', 'KUBIA']);
  });
});

describe('pod DNS settings read from the built pod', () => {
  const loaded = loadText(
    `
apiVersion: v1
kind: Pod
metadata: { name: custom, namespace: team }
spec:
  dnsPolicy: None
  dnsConfig:
    nameservers: [10.96.0.10]
    searches: [team.svc.cluster.local]
    options: [{ name: ndots, value: "1" }]
  containers: [{ name: c, image: busybox }]
---
apiVersion: v1
kind: Pod
metadata: { name: hostnet }
spec:
  hostNetwork: true
  containers: [{ name: c, image: busybox }]
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: team }
spec:
  clusterIP: 10.96.3.3
  ports: [{ port: 80 }]
`,
    'pods.yaml',
  );
  const k = buildCluster(loaded.objects, defaultSettings());

  test('dnsPolicy None with dnsConfig pointing at the cluster DNS', () => {
    const p = k.pod('team', 'custom')!;
    expect(resolvConf(k, p)).toBe('search team.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:1\n');
    // ndots:1 and one dot: the absolute name first (NXDOMAIN), then the search domain.
    const got = resolveFromPod(k, 'api.team', { from: p });
    expect(got.tried.map((t) => t.name)).toEqual(['api.team.', 'api.team.team.svc.cluster.local.']);
    expect(got.rcode).toBe('NXDOMAIN');
    expect(resolveFromPod(k, 'api', { from: p }).answers.map((a) => a.data)).toEqual(['10.96.3.3']);
  });

  test('hostNetwork pod with the default dnsPolicy uses the node resolver', () => {
    const p = k.pod('default', 'hostnet')!;
    const got = resolveFromPod(k, 'api.team', { from: p });
    expect(got.rcode).toBe('NXDOMAIN');
    expect(got.tried.every((t) => t.server === 'upstream')).toBe(true);
  });
});
