/**
 * Objects of kinds the simulator does not model are counted and ignored (README, "Input"): the
 * summary of `check` says how many, of which kinds, in the text line and as `summary.unmodelled`
 * in JSON (after the keys that were always there).
 */
import { unmodelledKinds } from '../../lib/cluster/kinds';
import { formatJson } from '../../lib/report/json';
import { summarize } from '../../lib/report/summary';
import { formatText } from '../../lib/report/text';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../lib/cli/main';

const objects = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'v1', kind: 'ConfigMap' },
  // Same kind name, another product's group: not the Kubernetes Service.
  { apiVersion: 'serving.knative.dev/v1', kind: 'Service' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  // A modelled kind at a version the build does not read is ignored too.
  { apiVersion: 'networking.k8s.io/v1beta1', kind: 'NetworkPolicy' },
  { apiVersion: 'v1', kind: '__proto__' },
];

describe('unmodelled kinds', () => {
  it('counts the objects the build does not read, by apiVersion/kind, keys sorted', () => {
    const counts = unmodelledKinds(objects);
    expect(counts).toEqual({ 'networking.k8s.io/v1beta1/NetworkPolicy': 1, 'serving.knative.dev/v1/Service': 1, 'v1/ConfigMap': 2, 'v1/__proto__': 1 });
    expect(Object.keys(counts)).toEqual(['networking.k8s.io/v1beta1/NetworkPolicy', 'serving.knative.dev/v1/Service', 'v1/ConfigMap', 'v1/__proto__']);
    expect(unmodelledKinds([{ apiVersion: 'v1', kind: 'Service' }])).toEqual({});
  });

  it('the text summary line names them (at most five kinds), after the skipped documents', () => {
    expect(formatText([], summarize([], 7, 0, unmodelledKinds(objects)))).toBe('7 objects checked (5 of kinds not simulated: networking.k8s.io/v1beta1/NetworkPolicy, serving.knative.dev/v1/Service, v1/ConfigMap ×2, v1/__proto__): no problems found\n');
    expect(formatText([], summarize([], 3, 1, { 'v1/ConfigMap': 1 }))).toBe('3 objects checked (1 document skipped: not Kubernetes objects; 1 of kinds not simulated: v1/ConfigMap): no problems found\n');
    const many = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [`v1/${k}`, 1]));
    expect(formatText([], summarize([], 7, 0, many))).toBe('7 objects checked (7 of kinds not simulated: v1/a, v1/b, v1/c, v1/d, v1/e, … (7 kinds)): no problems found\n');
  });

  it('JSON adds summary.unmodelled last, and only when there are any', () => {
    expect(Object.keys(JSON.parse(formatJson([], summarize([], 2, 1, { 'v1/Secret': 2 }))).summary)).toEqual(['objects', 'skipped', 'errors', 'warnings', 'infos', 'unmodelled']);
    expect(JSON.parse(formatJson([], summarize([], 2, 0, { 'v1/Secret': 2 }))).summary.unmodelled).toEqual({ 'v1/Secret': 2 });
    expect(Object.keys(JSON.parse(formatJson([], summarize([], 2))).summary)).toEqual(['objects', 'errors', 'warnings', 'infos']);
  });

  it('lineup check reports them from the input', async () => {
    let out = '';
    const io = { stdout: { write: (s: string) => void (out += s) }, stderr: { write: () => undefined } };
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: b }\n';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-unmodelled-'));
    const file = path.join(dir, 'in.yaml');
    fs.writeFileSync(file, yaml);
    try {
      expect(await run(['check', file, '-o', 'json'], io)).toBe(0);
      expect(JSON.parse(out).summary).toEqual({ objects: 2, errors: 0, warnings: 0, infos: 0, unmodelled: { 'v1/ConfigMap': 1, 'v1/Secret': 1 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
