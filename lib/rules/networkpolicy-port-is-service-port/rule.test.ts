/**
 * networkpolicy-port-is-service-port: table-driven cases, each with the exact finding expected.
 * Policies see the endpoint pod and the targetPort after kube-proxy's DNAT (kubernetes
 * pkg/proxy/iptables/proxier.go, KUBE-SEP chains), for the ingress and the egress side alike (the
 * e2e suite test/e2e/network/netpol probes every pair through the Service IP).
 */
import { check, type Expected, expectFindings, lineOf, service, workload, yamlOf } from '../../../test/rules/helpers';

const web = workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }] });
const db = workload('StatefulSet', 'db', { app: 'db' }, { ports: [{ name: 'pg', containerPort: 5432 }] });
const dbSvc = (targetPort: number | string = 'pg') => service('db', { app: 'db' }, [{ name: 'pg', port: 5433, targetPort }]);
const toDb = { podSelector: { matchLabels: { app: 'db' } } };
const egress = (to: object[], ports: object[]) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'web-out' },
  spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ...(to.length > 0 ? { to } : {}), ports }] },
});
const policy = (ports: object[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web' }, spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports }] } });

describe('networkpolicy-port-is-service-port', () => {
  const cases: [string, string, (text: string) => Expected[]][] = [
    [
      'the Service port (80) where the pods listen on 8080 by name',
      yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 80 }])),
      (t) => [
        {
          rule: 'networkpolicy-port-is-service-port',
          severity: 'warning',
          field: 'spec.ingress[0].ports[0]',
          line: lineOf(t, '- port: 80', 1),
          message: ["allows TCP 80 (spec.ingress[0].ports[0]), which is Service default/web's port; its pods (Deployment web) listen on targetPort 8080", 'allow 8080 or the port name http'],
        },
      ],
    ],
    [
      'a numeric targetPort',
      yamlOf(web, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), policy([{ port: 80 }])),
      (t) => [{ rule: 'networkpolicy-port-is-service-port', severity: 'warning', field: 'spec.ingress[0].ports[0]', line: lineOf(t, '- port: 80', 2), message: ['listen on targetPort 8080', '— allow 8080'] }],
    ],
    ['the targetPort by number', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 8080 }])), () => []],
    ['the targetPort by name', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 'http' }])), () => []],
    ['both the Service port and the targetPort', yamlOf(web, service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 80 }, { port: 8080 }])), () => []],
    ['port equals targetPort', yamlOf(web, service('web', { app: 'web' }, [{ port: 8080 }]), policy([{ port: 8080 }])), () => []],
    [
      'an egress rule to the Service port of the pods it names',
      yamlOf(web, db, dbSvc(), egress([toDb], [{ port: 5433 }])),
      (t) => [
        {
          rule: 'networkpolicy-port-is-service-port',
          severity: 'warning',
          field: 'spec.egress[0].ports[0]',
          line: lineOf(t, '- port: 5433'),
          message: [
            "NetworkPolicy default/web-out allows TCP 5433 (spec.egress[0].ports[0]) to the pods of Service default/db, and 5433 is the Service's port; its pods (StatefulSet db) listen on targetPort 5432 and policies see the translated port, so this rule never lets connections to the Service out — allow 5432 or the port name pg",
          ],
        },
      ],
    ],
    [
      'an egress peer in another namespace, both selectors',
      yamlOf(web, { ...(db as object), metadata: { name: 'db', namespace: 'data' } }, { ...(dbSvc(5432) as { metadata: object }), metadata: { name: 'db', namespace: 'data' } }, egress([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } }, ...toDb }], [{ port: 5433 }])),
      (t) => [{ rule: 'networkpolicy-port-is-service-port', severity: 'warning', field: 'spec.egress[0].ports[0]', line: lineOf(t, '- port: 5433'), message: ["to the pods of Service data/db, and 5433 is the Service's port", '— allow 5432'] }],
    ],
    ['an egress rule to the targetPort', yamlOf(web, db, dbSvc(), egress([toDb], [{ port: 5432 }])), () => []],
    ['an egress rule to the targetPort by name', yamlOf(web, db, dbSvc(), egress([toDb], [{ port: 'pg' }])), () => []],
    ['an egress rule where port equals targetPort', yamlOf(web, db, service('db', { app: 'db' }, [{ port: 5432, targetPort: 'pg' }]), egress([toDb], [{ port: 5432 }])), () => []],
    ['an egress rule to anywhere (the port may be meant for other destinations)', yamlOf(web, db, dbSvc(), egress([], [{ port: 5433 }])), () => []],
    ['an egress rule to whole namespaces', yamlOf(web, db, dbSvc(), egress([{ namespaceSelector: {} }], [{ port: 5433 }])), () => []],
    ['an egress rule to pods the Service does not select', yamlOf(web, db, dbSvc(), egress([{ podSelector: { matchLabels: { app: 'cache' } } }], [{ port: 5433 }])), () => []],
    [
      'the pods also declare the Service port number themselves',
      yamlOf(workload('Deployment', 'web', { app: 'web' }, { ports: [{ name: 'http', containerPort: 8080 }, { name: 'legacy', containerPort: 80 }] }), service('web', { app: 'web' }, [{ name: 'http', port: 80, targetPort: 'http' }]), policy([{ port: 80 }])),
      () => [],
    ],
    ['another protocol', yamlOf(web, service('web', { app: 'web' }, [{ port: 80, targetPort: 8080 }]), policy([{ port: 80, protocol: 'UDP' }])), () => []],
  ];
  test.each(cases)('%s', (_name, text, expected) => {
    expectFindings(check(text, 'networkpolicy-port-is-service-port'), expected(text));
  });
});
