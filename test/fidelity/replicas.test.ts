/**
 * No silent caps: every replica is a pod. Upstream the ReplicaSet controller creates them all; the
 * endpoints controller then keeps at most 1,000 addresses per Endpoints object
 * (kubernetes/kubernetes pkg/controller/endpoint/endpoints_controller.go: maxCapacity = 1000,
 * truncateEndpoints keeps ready addresses first and the first addresses of each subset in its
 * sorted order, and the annotation `endpoints.kubernetes.io/over-capacity: truncated` says so),
 * while the EndpointSlice controller publishes all of them, at most 100 per slice
 * (pkg/controller/endpointslice: --max-endpoints-per-slice, default 100).
 */
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { loadText } from '../../lib/load/load';
import { check } from '../rules/helpers';
import { replicatedApp } from '../../bench/replicated-app';


describe('every replica is simulated', () => {
  const cluster = buildCluster(loadText(replicatedApp(1005), 'app.yaml').objects, defaultSettings());
  const pods = cluster.pods.filter((p) => p.namespace === 'default');

  test('a Deployment with 1,005 replicas has 1,005 running pods', () => {
    expect(pods).toHaveLength(1005);
    expect(new Set(pods.map((p) => p.ip)).size).toBe(1005);
    expect(pods.every((p) => p.phase === 'Running' && p.ready)).toBe(true);
    expect(cluster.workloads.find((w) => w.name === 'web')!.replicasNotSimulated).toBeUndefined();
  });

  test('the Endpoints hold 1,000 addresses, marked over capacity: the first 1,000 in address order', () => {
    const ep = cluster.endpointsOf('default', 'web')!;
    expect(ep.subsets).toHaveLength(1);
    const kept = ep.subsets[0].addresses.map((a) => a.ip);
    expect(kept).toHaveLength(1000);
    expect((ep.apiObject().metadata as Record<string, unknown>).annotations).toEqual({ 'endpoints.kubernetes.io/over-capacity': 'truncated' });
    // Addresses are sorted as text (LessEndpointAddress) and the first ones kept (addressSubset).
    const all = pods.map((p) => p.ip).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(kept).toEqual(all.slice(0, 1000));
  });

  test('the EndpointSlices carry all 1,005 endpoints, 100 per slice', () => {
    const slices = cluster.slicesOf('default', 'web');
    expect(slices.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 5]);
    expect(new Set(slices.flatMap((s) => s.endpoints.map((e) => e.addresses[0]))).size).toBe(1005);
  });

  test('check reports nothing: truncation is what Kubernetes does, not a mistake', () => {
    expect(check(replicatedApp(1005))).toEqual([]);
  });

  test('1,000 replicas: no truncation, no annotation', () => {
    const c = buildCluster(loadText(replicatedApp(1000), 'app.yaml').objects, defaultSettings());
    const ep = c.endpointsOf('default', 'web')!;
    expect(ep.subsets[0].addresses).toHaveLength(1000);
    expect((ep.apiObject().metadata as Record<string, unknown>).annotations).toBeUndefined();
  });
});
