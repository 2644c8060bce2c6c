/**
 * Positions of an ASCII file on disk come from reading its document again (the load keeps no such
 * text), and never from a file that changed since the load.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildCluster } from '../../lib/cluster/build';
import { defaultSettings } from '../../lib/cluster/settings';
import { loadPaths, loadText } from '../../lib/load/load';
import { runRules } from '../../lib/rules/run';
import { SERVICE } from './fixtures';

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

let many: string;
beforeEach(() => {
  many = fs.mkdtempSync(path.join(os.tmpdir(), 'lineup-reread-'));
});
afterEach(() => fs.rmSync(many, { recursive: true, force: true }));

test('positions read the document again from its file: the load keeps no ASCII file text', () => {
  // Three files of three Services, each Service with two findings (of two rules).
  for (const n of [1, 2, 3]) {
    fs.writeFileSync(path.join(many, `f${n}.yaml`), [1, 2, 3].map((i) => SERVICE.replace('web', `s${n}-${i}`).replace('name: http', 'name: Http')).join('---\n'));
  }
  const r = loadPaths([many]);
  const opened = fs.openSync as jest.MockedFunction<typeof fs.openSync>;
  opened.mockClear();
  const findings = runRules(buildCluster(r.objects, defaultSettings()), r.problems);
  expect(findings.map((f) => [f.rule, path.basename(f.source!.file), f.source!.line, f.source!.column])).toEqual(EXPECTED);
  // Each file once, for its six findings (the runner locates hits file by file).
  expect(opened.mock.calls.map(([file]) => path.basename(String(file))).sort()).toEqual(['f1.yaml', 'f2.yaml', 'f3.yaml']);
  // The same positions as from text kept in memory.
  const kept = loadText(fs.readFileSync(path.join(many, 'f2.yaml'), 'utf8'), 'f2.yaml');
  expect(kept.objects.map((o) => o.source.locate('spec.selector.app').line)).toEqual([7, 19, 31]);
});

test.each([
  ['a non-ASCII file', `# café\n${SERVICE}`, 8],
  ['a file with a byte order mark', `\ufeff${SERVICE}`, 7],
])('%s keeps its text: character offsets are not byte offsets there', (_, text, line) => {
  const file = path.join(many, 'kept.yaml');
  fs.writeFileSync(file, text);
  const r = loadPaths([file]);
  fs.writeFileSync(file, 'changed: after the load\n');
  const opened = fs.openSync as jest.MockedFunction<typeof fs.openSync>;
  opened.mockClear();
  expect(r.objects[0]!.source.locate('spec.selector.app')).toEqual({ file: file.split(path.sep).join('/'), line, column: 10 });
  expect(opened).not.toHaveBeenCalled();
});

test('a file changed after the load is not used for positions: they fall back to where each object starts', () => {
  const file = path.join(many, 'changing.yaml');
  fs.writeFileSync(file, '# one comment line\n' + SERVICE);
  const r = loadPaths([file]);
  fs.writeFileSync(file, '# now\n# three\n# comment lines\n' + SERVICE + '# and longer\n');
  const located = r.objects[0]!.source.locate('spec.selector.app');
  expect([located.line, located.column]).toEqual([2, 1]);
  fs.rmSync(file);
  expect(r.objects[0]!.source.locate('spec.ports[0]').line).toBe(2);
});

test('findings located together still never read a file changed after the load', () => {
  const file = path.join(many, 'changing.yaml');
  fs.writeFileSync(file, '# one comment line\n' + [1, 2].map((i) => SERVICE.replace('web', `s${i}`)).join('---\n'));
  const r = loadPaths([file]);
  fs.writeFileSync(file, '# now\n# three\n# comment lines\n' + SERVICE + '# and longer\n');
  const findings = runRules(buildCluster(r.objects, defaultSettings()), r.problems);
  // Each Service's findings fall back to where it starts (lines 2 and 14).
  expect(findings.map((f) => [f.rule, f.source!.line, f.source!.column])).toEqual([
    ['service-selects-no-pods', 2, 1],
    ['service-selects-no-pods', 14, 1],
  ]);
});
