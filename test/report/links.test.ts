/**
 * "How to fix" links lead to the rule's explanation in the docs/rules.md that ships with the
 * package (so they work offline and match the installed version), never to a web page that may not
 * exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../lib/rules/registry';
import { ruleDocsLink } from '../../lib/report/version';
import { formatSarif } from '../../lib/report/sarif';
import { summarize } from '../../lib/report/summary';
import { ruleFixtures, selectsNoPods } from './fixtures';

const ROOT = path.resolve(__dirname, '..', '..');

test('the link is docs/rules.md#<rule>, relative to the working directory', () => {
  expect(ruleDocsLink('service-selects-no-pods', ROOT)).toBe('docs/rules.md#service-selects-no-pods');
  expect(ruleDocsLink('service-selects-no-pods', path.join(ROOT, 'apps'))).toBe('../docs/rules.md#service-selects-no-pods');
});

test('every registered rule has the heading its link points at', () => {
  const headings = new Set(fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8').split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3).trim()));
  const missing = rules.map((r) => r.id).filter((id) => !headings.has(id));
  expect(missing).toEqual([]);
});

test('the package ships docs/ (package.json files)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
  expect(pkg.files).toContain('docs');
});

test('SARIF names an information URI only when the package has a homepage', () => {
  const driver = (uri?: string) => JSON.parse(formatSarif([selectsNoPods], summarize([selectsNoPods], 1), { rules: ruleFixtures, version: '1.0.0', informationUri: uri })).runs[0].tool.driver;
  expect(driver().informationUri).toBeUndefined();
  expect(driver('https://example.org/lineup').informationUri).toBe('https://example.org/lineup');
});
