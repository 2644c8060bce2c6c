/**
 * The model is never written after it is built. Here every command of the CLI runs twice on the
 * example apps and docs/examples: once as usual, once on a model frozen as soon as it is built —
 * every object and list reachable from the cluster (Services, pods, workloads, the input objects
 * they hold, the settings, the controllers' Endpoints and slices, every API object `apiObject()`
 * renders) —
 * and each must print the same bytes and exit the same way. A write to a frozen object throws in
 * strict mode, so a command that writes the model fails the frozen run.
 *
 * `Object.freeze` cannot freeze a Map's or a Set's entries (they are not properties): their keys
 * and values are frozen like everything else, and each one's entries are recorded at freezing time
 * and compared after every command, which catches an entry added, removed or replaced.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, Yaml } from 'cdk8s';
import { addExampleCharts } from '../../apps/charts';
import type * as BuildModule from '../../lib/cluster/build';
import type { Cluster } from '../../lib/cluster/model';
import { run } from '../../lib/cli/main';
import { openCluster } from '../../lib/engine';

let freezing = false;
let lastFrozen: Cluster | undefined;
const frozenCollections: { collection: Map<unknown, unknown> | Set<unknown>; entries: unknown[] }[] = [];

jest.mock('../../lib/cluster/build', () => {
  const actual = jest.requireActual<typeof BuildModule>('../../lib/cluster/build');
  return {
    ...actual,
    buildCluster: (...args: Parameters<typeof actual.buildCluster>) => {
      const cluster = actual.buildCluster(...args);
      if (freezing) {
        freezeCluster(cluster);
        lastFrozen = cluster;
      }
      return cluster;
    },
  };
});

/** The cluster and everything reachable from it, the controllers' output included. */
function freezeCluster(cluster: Cluster): void {
  const seen = new Set<unknown>();
  deepFreeze(cluster, seen);
  deepFreeze(cluster.endpoints(), seen);
  deepFreeze(cluster.endpointSlices(), seen);
}

function deepFreeze(value: unknown, seen: Set<unknown>): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map || value instanceof Set) {
    const entries = value instanceof Map ? [...value.entries()].flat() : [...value.values()];
    frozenCollections.push({ collection: value, entries });
    for (const entry of entries) deepFreeze(entry, seen);
  }
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  // The object as the API server holds it, rendered on the first call: render and freeze it too.
  const withApi = value as { apiObject?: () => unknown };
  if (typeof withApi.apiObject === 'function') deepFreeze(withApi.apiObject(), seen);
  Object.freeze(value);
}

/** Maps and Sets whose entries changed since they were frozen. */
function changedCollections(): string[] {
  const changed: string[] = [];
  for (const { collection, entries } of frozenCollections) {
    const now = collection instanceof Map ? [...collection.entries()].flat() : [...collection.values()];
    if (now.length !== entries.length || now.some((e, i) => e !== entries[i])) changed.push(`${collection.constructor.name} of ${entries.length} entries`);
  }
  return changed;
}

interface Ran {
  status: number;
  stdout: string;
  stderr: string;
}

async function lineup(argv: string[]): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const status = await run(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, env: {} });
  return { status, stdout, stderr };
}

const GET_KINDS = ['services', 'endpoints', 'endpointslices', 'pods', 'ingresses', 'networkpolicies', 'gateways', 'httproutes', 'grpcroutes'];

/** Every command, with arguments naming what the input holds (each Service, port, pod, node, host). */
function commandsFor(cluster: Cluster): string[][] {
  const commands: string[][] = [['check'], ['check', '-o', 'json'], ['graph'], ['graph', '-o', 'dot'], ['reach', '-o', 'json'], ['reach']];
  for (const kind of GET_KINDS) commands.push(['get', kind, '-A', '-o', 'json'], ['get', kind, '-A', '-o', 'wide']);
  for (const node of cluster.nodes) commands.push(['iptables-save', '--node', node.name]);
  for (const svc of cluster.services) {
    commands.push(['describe', 'svc', svc.name, '-n', svc.namespace], ['dns', `${svc.name}.${svc.namespace}`, '-o', 'json'], ['dns', `${svc.name}.${svc.namespace}`, '--type', 'SRV']);
    if (svc.clusterIP && svc.clusterIP !== 'None') commands.push(['dns', svc.clusterIP, '--type', 'PTR']);
    for (const port of svc.ports) {
      commands.push(['trace', `${svc.name}.${svc.namespace}:${port.port}`, '--from-node', cluster.nodes[0].name, '-o', 'json']);
      if (port.nodePort !== 0) commands.push(['trace', `${cluster.nodes[0].ip}:${port.nodePort}`, '--from-external']);
    }
  }
  for (const w of cluster.workloads) {
    const pod = w.pods[0];
    if (!pod) continue;
    commands.push(['env', `${pod.namespace}/${pod.name}`, '-o', 'json']);
    if (pod.ip) commands.push(['dns', pod.ip, '--type', 'PTR', '-o', 'json']);
    const svc = cluster.services.find((s) => s.ports.length > 0 && s.namespace === pod.namespace && s.name !== 'kubernetes');
    if (svc) commands.push(['trace', `${svc.name}:${svc.ports[0].port}`, '--from', `${pod.namespace}/${pod.name}`]);
  }
  for (const ingress of cluster.ingresses) {
    for (const rule of ingress.rules) for (const p of rule.paths) commands.push(['trace', `http://${rule.host || 'example.com'}${p.path || '/'}`, '--from-external', '-o', 'json']);
  }
  for (const route of cluster.gatewayApi.routes) {
    for (const host of route.hostnames.length > 0 ? route.hostnames : ['example.com']) commands.push(['trace', `http://${host.replace('*', 'any')}/`, '--from-external', '--via', 'gateway']);
  }
  return commands;
}

/** The example apps, synthesized as `npm run synth` writes them (one file per chart). */
function synthesizedApps(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-frozen-'));
  for (const chart of addExampleCharts(new App())) {
    fs.writeFileSync(path.join(dir, `${chart.node.id}.k8s.yaml`), Yaml.stringify(...Testing.synth(chart)));
  }
  return dir;
}

const DOCS_EXAMPLES = path.join(__dirname, '../../docs/examples');
const inputs: [string, string][] = [
  ['the example apps', synthesizedApps()],
  ...fs
    .readdirSync(DOCS_EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f): [string, string] => [`docs/examples/${f}`, path.join(DOCS_EXAMPLES, f)]),
];

describe.each(inputs)('every command on a frozen model of %s', (_label, input) => {
  const commands = commandsFor(openCluster([input]).cluster);

  test('prints what it prints on an unfrozen model, and writes nothing', async () => {
    expect(commands.length).toBeGreaterThan(GET_KINDS.length * 2);
    const failures: string[] = [];
    for (const argv of commands) {
      freezing = false;
      const plain = await lineup([...argv, input]);
      freezing = true;
      frozenCollections.length = 0;
      lastFrozen = undefined;
      const frozen = await lineup([...argv, input]);
      const ranOn = lastFrozen as Cluster | undefined;
      if (!ranOn || !Object.isFrozen(ranOn.services[0].ports[0]) || !Object.isFrozen(ranOn.pods[0])) failures.push(`lineup ${argv.join(' ')}: ran on a model that was not frozen`);
      if (argv[0] !== 'check' && plain.status !== 0) failures.push(`lineup ${argv.join(' ')}: exit ${plain.status} ${plain.stderr.trim()}`);
      const changed = changedCollections();
      if (JSON.stringify(frozen) !== JSON.stringify(plain) || changed.length > 0) {
        failures.push(`lineup ${argv.join(' ')}: ${changed.length > 0 ? `changed ${changed.join(', ')}` : `${frozen.stderr.trim() || 'different output'}`}`);
      }
    }
    freezing = false;
    // Every command but check (whose findings exit 1) succeeds: the comparison is not between two failures.
    expect(failures).toEqual([]);
  });
});
