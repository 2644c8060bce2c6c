/** Every rule folder's broken.yaml and fixed.yaml must be true: the broken manifest triggers the rule, the fixed one passes every rule. */
import { ruleExample } from '../../lib/rules/examples';
import { rules } from '../../lib/rules/registry';
import { check } from './helpers';

describe.each(rules.map((r) => [r.id]))('%s example', (id) => {
  test('broken triggers the rule', () => {
    const found = check(ruleExample(id).broken).filter((f) => f.rule === id);
    expect(found.length).toBeGreaterThan(0);
  });
  test('fixed passes every rule', () => {
    expect(check(ruleExample(id).fixed).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
