/**
 * The repacking vectors of pkg/api/v1/endpoints/util_test.go through the CLI: `lineup get endpoints -o json` (and endpointslices) hold exactly
 * what the endpoints and EndpointSlice controllers would write for the named-port vector.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lineup } from '../cli/in-process';


/** Pod with an observed IP, Ready condition and one container port `web`. */
function pod(name: string, ip: string | undefined, port: number, protocol: string, ready: boolean): object {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'img', ports: [{ name: 'web', containerPort: port, protocol }] }] },
    status: { phase: 'Running', ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}), conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}

const objects = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'web', protocol: 'TCP' }] } },
  pod('a', '10.0.0.1', 8080, 'TCP', true),
  pod('b', '10.0.0.2', 9090, 'TCP', true),
  pod('c', '10.0.0.3', 8080, 'TCP', false),
  pod('d', '10.0.0.4', 8080, 'UDP', true),
  pod('e', undefined, 8080, 'TCP', true),
];

let file: string;
beforeAll(() => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-ep-')), 'vector.json');
  fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
});
afterAll(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

test('Endpoints: ready A and not-ready C on 8080, B alone on 9090; D (UDP) and E (no IP) absent', async () => {
  const r = await lineup(['get', 'endpoints', file, '-o', 'json']);
  expect(r.code).toBe(0);
  const web = JSON.parse(r.out).items.find((i: { metadata: { name: string } }) => i.metadata.name === 'web');
  const subsets = web.subsets.map((s: { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[]; ports: unknown[] }) => ({
    addresses: (s.addresses ?? []).map((a) => a.ip),
    notReadyAddresses: (s.notReadyAddresses ?? []).map((a) => a.ip),
    ports: s.ports,
  }));
  expect(subsets).toEqual(
    expect.arrayContaining([
      { addresses: ['10.0.0.1'], notReadyAddresses: ['10.0.0.3'], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: ['10.0.0.2'], notReadyAddresses: [], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]),
  );
  expect(subsets).toHaveLength(2);
});

test('EndpointSlices: one slice per resolved port list, conditions as the controller sets them', async () => {
  const r = await lineup(['get', 'endpointslices', file, '-o', 'json']);
  expect(r.code).toBe(0);
  const slices = JSON.parse(r.out).items.filter((i: { metadata: { labels?: Record<string, string> } }) => i.metadata.labels?.['kubernetes.io/service-name'] === 'web');
  const byPort = new Map<string, { addresses: string[]; conditions: { ready: boolean; serving: boolean; terminating: boolean } }[]>();
  for (const s of slices) {
    const key = JSON.stringify(s.ports ?? []);
    byPort.set(key, [...(byPort.get(key) ?? []), ...s.endpoints.map((e: { addresses: string[]; conditions: { ready: boolean; serving: boolean; terminating: boolean } }) => ({ addresses: e.addresses, conditions: e.conditions }))]);
  }
  expect(byPort.get(JSON.stringify([{ name: 'http', port: 8080, protocol: 'TCP' }]))).toEqual([
    { addresses: ['10.0.0.1'], conditions: { ready: true, serving: true, terminating: false } },
    { addresses: ['10.0.0.3'], conditions: { ready: false, serving: false, terminating: false } },
  ]);
  expect(byPort.get(JSON.stringify([{ name: 'http', port: 9090, protocol: 'TCP' }]))).toEqual([{ addresses: ['10.0.0.2'], conditions: { ready: true, serving: true, terminating: false } }]);
  // Pod D resolves no port (its `web` is UDP): upstream's controller still lists it, in a slice without ports.
  const unported = slices.filter((s: { ports?: unknown[] | null }) => !s.ports || s.ports.length === 0);
  expect(unported.flatMap((s: { endpoints: { addresses: string[] }[] }) => s.endpoints.map((e) => e.addresses[0]))).toEqual(['10.0.0.4']);
  // E has no IP: in no slice.
  expect(JSON.stringify(slices)).not.toContain('"e"');
});

test('the kubectl columns show ready addresses only', async () => {
  const r = await lineup(['get', 'ep', file]);
  expect(r.out).toContain('web');
  expect(r.out).toMatch(/10\.0\.0\.1:8080/);
  expect(r.out).toMatch(/10\.0\.0\.2:9090/);
  expect(r.out).not.toMatch(/10\.0\.0\.3/);
});
