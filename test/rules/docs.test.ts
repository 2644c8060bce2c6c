import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../../lib/rules/docs';
import { ruleExample } from '../../lib/rules/examples';
import { rules } from '../../lib/rules/registry';

const DOC = path.join(__dirname, '..', '..', 'docs', 'rules.md');

describe('docs/rules.md', () => {
  const text = renderRulesMarkdown();
  if (process.env.UPDATE_RULES_DOC === '1') fs.writeFileSync(DOC, text);

  test('is up to date with the rule modules (regenerate: UPDATE_RULES_DOC=1 npx jest test/rules/docs)', () => {
    expect(fs.readFileSync(DOC, 'utf8')).toBe(text);
  });

  test.each(rules.map((r) => [r.id, r]))('has a section for %s with severity, explanation and both examples', (id, r) => {
    const start = text.indexOf(`\n## ${id}\n`);
    expect(start).toBeGreaterThan(0);
    const next = text.indexOf('\n## ', start + 1);
    const section = text.slice(start, next < 0 ? undefined : next);
    expect(section).toContain(`Severity: **${r.severity}**`);
    expect(section).toContain(r.explanation);
    expect(section).toContain(ruleExample(id).broken);
    expect(section).toContain(ruleExample(id).fixed);
  });
});
