/**
 * The scenarios of the notes this project started from (the example apps' Services): each correct variant passes every rule, and each
 * broken variant gives exactly the finding that explains it.
 */
import { check, expectFindings, lineOf, service, workload, yamlOf, type Expected } from './helpers';

/** Seed 000: ReplicationController with named ports, Service with ClientIP affinity targeting them by name. */
const rc = (ports: { name: string; containerPort: number; protocol?: string }[]) =>
  workload('ReplicationController', 'k8s-node-demo-replication-controller', { app: 'k8s-node-demo-replication-controller-label' }, { apiVersion: 'v1', replicas: 3, ports });
const demoService = (selectorValue = 'k8s-node-demo-replication-controller-label') =>
  service('demo-service', { app: selectorValue }, [
    { name: 'http', port: 80, targetPort: 'http' },
    { name: 'https', port: 443, targetPort: 'https' },
  ], { spec: { sessionAffinity: 'ClientIP' } });
const demoPorts = [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }];

/** Seed 001: kubia, external-service with manual Endpoints, an ExternalName Service. */
const kubia = workload('ReplicaSet', 'kubia', { app: 'kubia' }, { replicas: 3, ports: [{ name: 'http', containerPort: 8080 }, { name: 'https', containerPort: 8443 }] });
const kubiaSvc = service('kubia', { app: 'kubia' }, [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'https', port: 443, targetPort: 'https' }]);
const externalSvc = service('external-service', undefined, [{ port: 80 }]);
const externalEndpoints = (name = 'external-service', portName?: string) => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name },
  subsets: [{ addresses: [{ ip: '11.11.11.11' }, { ip: '22.22.22.22' }], ports: [{ ...(portName ? { name: portName } : {}), port: 80 }] }],
});
const externalName = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external-name' }, spec: { type: 'ExternalName', externalName: 'someapi.somecompany.com', ports: [{ port: 80 }] } };
const kubiaIngress = (svc = 'kubia', port: number | string = 80) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'kubia' },
  spec: { rules: [{ host: 'kubia.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } } }] } }] },
});

/** Seed 002 / 004: nginx exposed as a NodePort Service. */
const nginx = workload('Deployment', 'nginx', { run: 'nginx' }, { ports: [{ containerPort: 80 }] });
const nginxSvc = (nodePort?: number) => service('nginx-service', { run: 'nginx' }, [{ port: 88, targetPort: 80, ...(nodePort ? { nodePort } : {}) }], { spec: { type: 'NodePort' } });

/** Seed 003: legacy apps/v1beta1 Deployment without a selector, 4 replicas, and httpd-svc 8080 → 80. */
const httpd = (() => {
  const w = workload('Deployment', 'httpd', { run: 'httpd' }, { apiVersion: 'apps/v1beta1', replicas: 4, ports: [{ containerPort: 80 }] }) as { spec: Record<string, unknown> };
  delete w.spec.selector;
  return w;
})();
const httpdSvc = service('httpd-svc', { run: 'httpd' }, [{ protocol: 'TCP', port: 8080, targetPort: 80 }]);

describe('correct seed scenarios pass every rule', () => {
  test.each<[string, string]>([
    ['000 named ports on a ReplicationController', yamlOf(rc(demoPorts), demoService())],
    ['001 kubia, external Endpoints, ExternalName, Ingress', yamlOf(kubia, kubiaSvc, externalSvc, externalEndpoints(), externalName, kubiaIngress())],
    ['002/004 NodePort nginx', yamlOf(nginx, nginxSvc(30088))],
    ['003 legacy Deployment without selector', yamlOf(httpd, httpdSvc)],
  ])('%s', (_n, text) => {
    expect(check(text).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});

describe('broken seed scenarios', () => {
  const cases: [string, string, (t: string) => Expected[]][] = [
    [
      '000 selector typo',
      yamlOf(rc(demoPorts), demoService('k8s-node-demo-replication-controler-label')),
      (t) => [
        {
          rule: 'service-selects-no-pods',
          severity: 'error',
          field: 'spec.selector',
          line: lineOf(t, 'app: k8s-node-demo-replication-controler-label'), // the selector's first entry
          message: ['did you mean app=k8s-node-demo-replication-controller-label (ReplicationController k8s-node-demo-replication-controller)?'],
        },
      ],
    ],
    [
      '000 the https port is not declared by name',
      yamlOf(rc([{ name: 'http', containerPort: 8080 }, { name: 'http-s', containerPort: 8443 }]), demoService()),
      (t) => [{ rule: 'service-target-port-unresolved', severity: 'error', field: 'spec.ports[1].targetPort', line: lineOf(t, 'targetPort: https'), message: ['port https (443/TCP) targets the container port named "https"', 'did you mean "http-s"?'] }],
    ],
    [
      '000 the named port is declared as UDP',
      yamlOf(rc([{ name: 'http', containerPort: 8080, protocol: 'UDP' }, { name: 'https', containerPort: 8443 }]), demoService()),
      (t) => [{ rule: 'service-target-port-unresolved', severity: 'error', field: 'spec.ports[0].targetPort', line: lineOf(t, 'targetPort: http'), message: ['"http" is declared as UDP'] }],
    ],
    [
      '001 misnamed Endpoints',
      yamlOf(externalSvc, externalEndpoints('external-servce')),
      (t) => [
        { rule: 'service-without-endpoints', severity: 'error', field: 'metadata.name', line: lineOf(t, 'name: external-service'), message: ['did you mean Endpoints external-servce?'] },
        { rule: 'endpoints-without-service', severity: 'warning', field: 'metadata.name', line: lineOf(t, 'name: external-servce'), message: ['did you mean Service external-service?'] },
      ],
    ],
    [
      '001 Endpoints with a port name the Service does not use',
      yamlOf(externalSvc, externalEndpoints('external-service', 'http')),
      (t) => [{ rule: 'endpoints-port-mismatch', severity: 'error', field: 'subsets[0].ports[0].name', line: lineOf(t, 'name: http'), message: ['port "http" (80/TCP) matches no port of Service default/external-service (unnamed 80/TCP)'] }],
    ],
    [
      '001 Ingress to a missing Service',
      yamlOf(kubia, kubiaSvc, kubiaIngress('kubai')),
      (t) => [{ rule: 'ingress-backend-missing-service', severity: 'error', field: 'spec.rules[0].http.paths[0].backend.service.name', line: lineOf(t, 'name: kubai'), message: ['did you mean Service kubia?'] }],
    ],
    [
      '001 Ingress to a missing port',
      yamlOf(kubia, kubiaSvc, kubiaIngress('kubia', 8080)),
      (t) => [{ rule: 'ingress-backend-missing-port', severity: 'error', field: 'spec.rules[0].http.paths[0].backend.service.port.number', line: lineOf(t, 'number: 8080'), message: ['its ports: 80 (http), 443 (https)'] }],
    ],
    [
      '002 a nodePort outside the default range (36877)',
      yamlOf(nginx, nginxSvc(36877)),
      (t) => [{ rule: 'node-port-out-of-range', severity: 'error', field: 'spec.ports[0].nodePort', line: lineOf(t, 'nodePort: 36877'), message: ['Invalid value: 36877: provided port is not in the valid range. The range of valid ports is 30000-32767'] }],
    ],
    [
      '004 two Services on one nodePort',
      yamlOf(nginx, nginxSvc(31482), { ...(service('nginx', { run: 'nginx' }, [{ port: 80, nodePort: 31482 }], { spec: { type: 'NodePort' } }) as object) }),
      (t) => [{ rule: 'node-port-conflict', severity: 'error', field: 'spec.ports[0].nodePort', line: lineOf(t, 'nodePort: 31482', 2), message: ['Service default/nginx is invalid', 'provided port is already allocated (held by Service default/nginx-service)'] }],
    ],
    [
      '003 Service targets the Service port instead of the container port',
      yamlOf(httpd, service('httpd-svc', { run: 'httpd' }, [{ protocol: 'TCP', port: 8080 }])),
      (t) => [{ rule: 'service-target-port-not-declared', severity: 'warning', field: 'spec.ports[0].targetPort', line: lineOf(t, '- protocol: TCP'), message: ['forwards to targetPort 8080 (targetPort defaults to port), but no selected container declares 8080/TCP; the selected containers declare 80/TCP'] }],
    ],
  ];
  test.each(cases)('%s', (_n, text, expected) => expectFindings(check(text), expected(text)));
});
