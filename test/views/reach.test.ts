/**
 * reach: the client × Service-port matrix. Its class-based answers must equal judging every
 * (client pod, endpoint) pair one by one with the policy view, which is what trace does per
 * destination; the property below checks that on random policies (ipBlocks that split classes
 * included).
 */
import fc from 'fast-check';
import { buildCluster } from '../../lib/cluster/build';
import type { Cluster } from '../../lib/cluster/model';
import { defaultSettings } from '../../lib/cluster/settings';
import { fromObjects } from '../../lib/load/objects';
import { judgeConnection } from '../../lib/views/network-policy';
import { reach, reachCells, reachRows } from '../../lib/views/reach';
import { writeReach } from '../../lib/cli/printers/reach';

function deployment(name: string, labels: Record<string, string>, replicas: number, ports: { name: string; containerPort: number }[], namespace = 'default'): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'i', ports }] } } },
  };
}

function service(name: string, selector: Record<string, string>, port: number, targetPort: number | string, namespace = 'default', type = 'ClusterIP'): unknown {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type, selector, ports: [{ name: 'http', port, targetPort }] } };
}

function policy(name: string, spec: Record<string, unknown>, namespace = 'default'): unknown {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec };
}

function build(docs: unknown[]): Cluster {
  return buildCluster(fromObjects(docs).objects, defaultSettings());
}

const app = [
  deployment('web', { app: 'web' }, 2, [{ name: 'http', containerPort: 8080 }]),
  deployment('frontend', { app: 'frontend' }, 1, [{ name: 'http', containerPort: 3000 }]),
  deployment('batch', { app: 'batch' }, 1, []),
  service('web', { app: 'web' }, 80, 'http', 'default', 'NodePort'),
  service('frontend', { app: 'frontend' }, 80, 3000),
];

describe('reach on a small app', () => {
  test('no policies: every pod client and node reaches every Service port; outside clients only the NodePort one', () => {
    const m = reach(build(app));
    expect(m.rows).toEqual(['default/Deployment/batch', 'default/Deployment/frontend', 'default/Deployment/web', 'node/node-1', 'node/node-2', 'node/node-3', 'external', 'ingress/nginx']);
    expect(m.columns).toEqual(['default/frontend:80/TCP', 'default/web:80/TCP']);
    const cells = [...reachCells(m)];
    const verdict = (from: string, to: string) => cells.find((c) => c.from === from && c.to === to)!.verdict;
    expect(cells).toHaveLength(16);
    expect(verdict('default/Deployment/batch', 'default/web:80/TCP')).toBe('allowed');
    expect(verdict('external', 'default/frontend:80/TCP')).toBe('denied');
    expect(verdict('external', 'default/web:80/TCP')).toBe('allowed');
  });

  test('default deny plus a rule written against the Service port: the exact matrix', () => {
    const m = reach(
      build([
        ...app,
        policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] }),
        policy('web-from-frontend', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 80 }] }] }),
      ]),
    );
    // web's two pods run on node-1 and node-2 (kube-scheduler's spread in the simulation), frontend's on node-1.
    let table = '';
    expect(writeReach(m, { write: (text: string) => (table += text) })).toBe(true);
    expect(table).toBe(
      [
        'FROM                          default/frontend:80/TCP   default/web:80/TCP',
        'default/Deployment/batch      denied                    denied',
        'default/Deployment/frontend   allowed                   denied',
        'default/Deployment/web        denied                    partial',
        'node/node-1                   allowed                   partial',
        'node/node-2                   denied                    partial',
        'node/node-3                   denied                    denied',
        'external                      denied                    partial',
        'ingress/nginx                 denied                    denied',
        '',
      ].join('\n'),
    );
  });
});

describe('reach agrees with judging every pair (the policy view trace uses)', () => {
  const labelArb = fc.constantFrom('a', 'b', 'c');
  const selectorArb = fc.oneof(fc.constant({}), labelArb.map((v) => ({ matchLabels: { app: v } })));
  const peerArb = fc.oneof(
    selectorArb.map((s) => ({ podSelector: s })),
    fc.constantFrom('x', 'y').map((n) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': n } } })),
    // Splits classes: the pods of one workload land on different nodes' /24s.
    fc.constant({ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }),
    fc.constant({ ipBlock: { cidr: '172.18.0.0/30' } }),
  );
  const portArb = fc.oneof(fc.constant({ port: 8080 }), fc.constant({ port: 'http' }), fc.constant({ port: 80 }));
  const ruleArb = fc.record({ from: fc.array(peerArb, { maxLength: 2 }), ports: fc.array(portArb, { maxLength: 1 }) });
  const policyArb = fc.record({ ns: fc.constantFrom('x', 'y'), podSelector: selectorArb, ingress: fc.array(ruleArb, { maxLength: 2 }), egress: fc.option(fc.array(ruleArb.map((r) => ({ to: r.from, ports: r.ports })), { maxLength: 2 }), { nil: undefined }) });
  const world = ['x', 'y'].flatMap((ns) => ['a', 'b', 'c'].flatMap((app, i) => [deployment(`${app}`, { app }, 1 + i, [{ name: 'http', containerPort: 8080 + i }], ns), service(app, { app }, 80, 'http', ns, i === 0 ? 'NodePort' : 'ClusterIP')]));

  test('every cell equals the aggregate of judgeConnection over client pods × ready endpoints', () => {
    fc.assert(
      fc.property(fc.array(policyArb, { maxLength: 3 }), (policies) => {
        const c = build([...world, ...policies.map((p, i) => policy(`p${i}`, { podSelector: p.podSelector, ingress: p.ingress, ...(p.egress ? { egress: p.egress } : {}) }, p.ns))]);
        const m = reach(c);
        const rows = new Map(reachRows(c).map((r) => [r.label, r] as const));
        for (const cell of reachCells(m)) {
          const row = rows.get(cell.from)!;
          if (row.kind !== 'pods') continue;
          const [ns, rest] = [cell.to.split('/')[0], cell.to.split('/')[1]];
          const svc = c.service(ns, rest.split(':')[0])!;
          let allowed = 0;
          let denied = 0;
          for (const slice of c.slicesOf(svc.namespace, svc.name)) {
            for (const ep of slice.endpoints) {
              if (!ep.ready || !ep.pod) continue;
              for (const from of row.pods) {
                const ok = judgeConnection(c, { from: { pod: from }, to: { pod: ep.pod }, port: slice.ports[0].port, protocol: 'TCP' }).allowed;
                if (ok) allowed++;
                else denied++;
              }
            }
          }
          const want = denied === 0 ? 'allowed' : allowed === 0 ? 'denied' : 'partial';
          expect([cell.from, cell.to, cell.verdict]).toEqual([cell.from, cell.to, want]);
        }
      }),
      { numRuns: 30 },
    );
  });
});
