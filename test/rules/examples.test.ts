/** Every rule's documented example must be true: the broken manifest triggers the rule, the fixed one passes every rule. */
import { rules } from '../../lib/rules/registry';
import { check } from './helpers';

describe.each(rules.map((r) => [r.id, r]))('%s example', (id, r) => {
  test('broken triggers the rule', () => {
    const found = check(r.example.broken).filter((f) => f.rule === id);
    expect(found.length).toBeGreaterThan(0);
  });
  test('fixed passes every rule', () => {
    expect(check(r.example.fixed).map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });
});
