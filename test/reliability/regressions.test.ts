/**
 * Every input the fuzz campaign (`npm run fuzz`) ever saved in test/fuzz/crashes/ is replayed
 * through everything lineup does: none may throw, trip a rule or break an invariant, and each
 * gives the same findings twice. (A case that hangs again fails on jest's test timeout.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exercise } from '../fuzz/exercise';

const CRASH_DIR = path.join(__dirname, '..', 'fuzz', 'crashes');
const files = fs.existsSync(CRASH_DIR) ? fs.readdirSync(CRASH_DIR).filter((f) => f.endsWith('.yaml')).sort() : [];

describe('fuzz regressions', () => {
  test('the campaign has saved crashes to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  test.each(files)('%s runs clean and deterministically', (name) => {
    const text = fs.readFileSync(path.join(CRASH_DIR, name), 'utf8');
    const first = exercise(text, name);
    expect(first.problems).toEqual([]);
    const second = exercise(text, name);
    expect(JSON.stringify(second.findings)).toBe(JSON.stringify(first.findings));
  });
});
