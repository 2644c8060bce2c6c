/**
 * Positions of a file on disk come from reading it again (the load keeps no file text): once per
 * file for all of its findings, and never from a file that changed since the load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { loadPaths, loadText } from '../../lib/load/load';
import { runRules } from '../../lib/rules/run';

// Records which files are opened: the real openSync, observed.
jest.mock('node:fs', () => {
  const real = jest.requireActual('node:fs');
  return { ...real, openSync: jest.fn(real.openSync) };
});

/** Every Service of every file: its selector (line 7 of its document) and its port's name (line 9). */
const EXPECTED = ['f1.yaml', 'f2.yaml', 'f3.yaml'].flatMap((file) =>
  [0, 12, 24].flatMap((documentStart) => [
    ['service-selects-no-pods', file, documentStart + 7, 5],
    ['api-validation', file, documentStart + 9, 11],
  ]),
);

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: wbe
  ports:
  - name: http
    port: 80
    targetPort: http
`;

let many: string;
beforeEach(() => {
  many = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-reread-'));
});
afterEach(() => fs.rmSync(many, { recursive: true, force: true }));

test('positions read a file again, once for all of its findings, and the load keeps no file text', () => {
  // Three files of three Services, each Service with two findings (of two rules): the rules report
  // them rule by rule, so files interleave.
  for (const n of [1, 2, 3]) {
    fs.writeFileSync(path.join(many, `f${n}.yaml`), [1, 2, 3].map((i) => SERVICE.replace('web', `s${n}-${i}`).replace('name: http', 'name: Http')).join('---\n'));
  }
  const r = loadPaths([many]);
  const opened = fs.openSync as jest.MockedFunction<typeof fs.openSync>;
  opened.mockClear();
  const findings = runRules(buildCluster(r.objects, defaultSettings()), r.problems);
  expect(findings.map((f) => [f.rule, path.basename(f.source!.file), f.source!.line, f.source!.column])).toEqual(EXPECTED);
  // Each file is read once for its six findings.
  expect(opened.mock.calls.map(([file]) => path.basename(String(file)))).toEqual(['f1.yaml', 'f2.yaml', 'f3.yaml']);
  // The same positions as from text kept in memory.
  const kept = loadText(fs.readFileSync(path.join(many, 'f2.yaml'), 'utf8'), 'f2.yaml');
  expect(kept.objects.map((o) => o.source.locate('spec.selector.app').line)).toEqual([7, 19, 31]);
});

test('a file changed after the load is not used for positions: they fall back to where each object starts', () => {
  const file = path.join(many, 'changing.yaml');
  fs.writeFileSync(file, '# one comment line\n' + SERVICE);
  fs.writeFileSync(path.join(many, 'other.yaml'), SERVICE.replace('web', 'other'));
  // Another file loaded after it, so that the changed one must be read again.
  const r = loadPaths([file, path.join(many, 'other.yaml')]);
  fs.writeFileSync(file, '# now\n# three\n# comment lines\n' + SERVICE + '# and longer\n');
  const located = r.objects[0]!.source.locate('spec.selector.app');
  expect([located.line, located.column]).toEqual([2, 1]);
  fs.rmSync(file);
  expect(r.objects[0]!.source.locate('spec.ports[0]').line).toBe(2);
});
