/**
 * Mutations of a complete cluster with every modelled kind (kinds.ts): a wrong type or a missing
 * value at every field, duplicates, unknown kinds, odd labels. Whatever the change, nothing
 * throws, no rule fails, every finding is located, and what lineup derives stays consistent.
 * Exhaustive over fields where it is cheap; fast-check samples the full exercise (every view).
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { loadText } from '../../lib/load/load';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { runRules } from '../../lib/rules/run';
import { checkObjects } from '../../lib/engine';
import { matchesSelector } from '../../lib/k8s/labels';
import { exercise } from '../fuzz/exercise';
import { hostileValue } from './arbitraries';
import { allPaths, DELETE, FULL_OBJECTS, withValueAt, type Path } from './kinds';

const RUNS = Number(process.env.LINEUP_PROPERTY_RUNS ?? 60);

const toYaml = (objects: unknown[]): string => objects.map((o) => stringify(o, { aliasDuplicateObjects: false })).join('---\n');

/** Load, build and rules only: the cheap path for exhaustive sweeps. Returns the problems. */
function quickProblems(objects: unknown[], inProcessToo = true): string[] {
  const problems: string[] = [];
  try {
    const load = loadText(toYaml(objects), 'm.yaml');
    const cluster = buildCluster(load.objects, defaultSettings());
    for (const f of runRules(cluster, load.problems)) {
      if (f.message.includes('this is a bug in lineup')) problems.push(f.message);
      if (!f.source || f.source.line < 1) problems.push(`unlocated ${f.rule}: ${f.message}`);
    }
  } catch (e) {
    problems.push(String(e));
  }
  // The same objects in-process (constructs, simulate()) take another path: fromObjects.
  if (inProcessToo) {
    try {
      checkObjects(objects);
    } catch (e) {
      problems.push(`checkObjects: ${String(e)}`);
    }
  }
  return problems;
}

const FIELDS: { object: number; path: Path }[] = FULL_OBJECTS.flatMap((o, object) => allPaths(o).map((path) => ({ object, path })));
const WRONG_TYPES: unknown[] = [null, [], {}, 'x', -1, 2 ** 53 + 2, true, 1.5, { a: [1] }];

function replaced(object: number, path: Path, value: unknown): unknown[] {
  return FULL_OBJECTS.map((o, i) => (i === object ? withValueAt(o, path, value) : o));
}

describe('mutations of every modelled kind', () => {
  test('the complete cluster itself is clean of crashes', () => {
    expect(quickProblems(FULL_OBJECTS)).toEqual([]);
    expect(exercise(toYaml(FULL_OBJECTS)).problems).toEqual([]);
    expect(FIELDS.length).toBeGreaterThan(300);
  });

  test('a wrong type at every field: no crash, every finding located', () => {
    const failures: string[] = [];
    // Each field gets one wrong type in rotation (every type when LINEUP_PROPERTY_RUNS >= 500).
    const all = RUNS >= 500;
    for (const [n, { object, path }] of FIELDS.entries()) {
      for (const value of all ? WRONG_TYPES : [WRONG_TYPES[n % WRONG_TYPES.length]]) {
        const problems = quickProblems(replaced(object, path, value), false);
        if (problems.length > 0) failures.push(`${(FULL_OBJECTS[object] as { kind: string }).kind} ${path.join('.')} = ${JSON.stringify(value)}: ${problems[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  test('every field missing in turn: no crash, every finding located', () => {
    const failures: string[] = [];
    for (const { object, path } of FIELDS) {
      const problems = quickProblems(replaced(object, path, DELETE));
      if (problems.length > 0) failures.push(`${(FULL_OBJECTS[object] as { kind: string }).kind} without ${path.join('.')}: ${problems[0]}`);
    }
    expect(failures).toEqual([]);
  });

  test('property: hostile values at sampled fields survive every view', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(FIELDS.length - 1), hostileValue), { minLength: 1, maxLength: 3 }), (changes) => {
        let objects: unknown[] = FULL_OBJECTS;
        for (const [index, value] of changes) {
          const { object, path } = FIELDS[index]!;
          try {
            objects = objects.map((o, i) => (i === object ? withValueAt(o, path, value) : o));
          } catch {
            // an earlier change removed this path's parent: skip
          }
        }
        expect(exercise(toYaml(objects)).problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  test('property: duplicated objects are each reported as duplicate-object', () => {
    fc.assert(
      fc.property(fc.subarray(FULL_OBJECTS.map((_, i) => i), { minLength: 1 }), (dups) => {
        const objects = [...FULL_OBJECTS, ...dups.map((i) => FULL_OBJECTS[i]!)];
        const load = loadText(toYaml(objects), 'd.yaml');
        const findings = runRules(buildCluster(load.objects, defaultSettings()), load.problems);
        for (const i of dups) {
          const o = FULL_OBJECTS[i] as { kind: string; metadata: { name: string } };
          expect(findings.some((f) => f.rule === 'duplicate-object' && f.object?.kind === o.kind && f.object?.name === o.metadata.name)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('property: unknown kinds and apiVersions are ignored, not errors', () => {
    const kind = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'List', 'ServiceList', 'Secret'));
    fc.assert(
      fc.property(fc.array(fc.tuple(kind, fc.string({ minLength: 1, maxLength: 10 })), { maxLength: 5 }), (kinds) => {
        const unknown = kinds.map(([k, v], i) => ({ apiVersion: v, kind: k, metadata: { name: `u${i}` }, spec: { selector: { app: 'web' } } }));
        const objects = [...FULL_OBJECTS, ...unknown];
        expect(quickProblems(objects)).toEqual([]);
        const base = runRules(buildCluster(loadText(toYaml(FULL_OBJECTS), 'k.yaml').objects, defaultSettings()), []).filter((f) => f.rule !== 'duplicate-object');
        const load = loadText(toYaml(objects), 'k.yaml');
        const withUnknown = runRules(buildCluster(load.objects, defaultSettings()), []).filter((f) => f.rule !== 'duplicate-object');
        // Objects of unmodelled kinds change nothing about the modelled ones... unless they are modelled after all.
        const modelled = new Set(['Service', 'Endpoints', 'Pod', 'ReplicationController', 'Namespace', 'Node', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'EndpointSlice', 'Ingress', 'IngressClass']);
        if (kinds.every(([k]) => !modelled.has(k) && !k.endsWith('List'))) expect(withUnknown.map((f) => f.message)).toEqual(base.map((f) => f.message));
      }),
      { numRuns: RUNS },
    );
  });

  test('property: odd label keys and values never crash, and selection is exactly label matching', () => {
    const odd = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('', '__proto__', 'constructor', 'a/b/c', '-', 'ü', '😀', 'x'.repeat(254), 'k8s.io/', '/x'));
    fc.assert(
      fc.property(fc.dictionary(odd, odd, { maxKeys: 3 }), fc.dictionary(odd, odd, { maxKeys: 2 }), (podLabels, selector) => {
        const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: podLabels }, spec: { containers: [{ name: 'c', image: 'i' }] } };
        const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector, ports: [{ port: 80 }] } };
        const result = exercise(toYaml([pod, svc]));
        expect(result.problems).toEqual([]);
        const s = result.cluster?.service('default', 's');
        const p = result.cluster?.pod('default', 'p');
        if (s?.selector && p) expect(s.selectedPods.includes(p)).toBe(matchesSelector(p.labels, s.selector));
      }),
      { numRuns: RUNS },
    );
  });
});
