/**
 * metav1.LabelSelector matching, table-driven. Upstream: kubernetes/apimachinery
 * pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector) and pkg/labels/selector.go
 * (Requirement.Matches: In needs the key and a listed value, NotIn holds when the key is absent,
 * Exists/DoesNotExist look at the key only; an empty selector selects everything; In/NotIn
 * without values and unknown operators are errors, so nothing is selected).
 */
import { formatLabelSelector, isEmptySelector, matchesLabelSelector, readLabelSelector } from '../../lib/k8s/label-selector';

const labels = { app: 'web', tier: 'frontend' };

describe('matchesLabelSelector', () => {
  test.each<[string, unknown, boolean]>([
    ['absent selector: everything', undefined, true],
    ['empty selector: everything', {}, true],
    ['matchLabels subset', { matchLabels: { app: 'web' } }, true],
    ['matchLabels other value', { matchLabels: { app: 'db' } }, false],
    ['In with the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, true],
    ['In without the key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['NotIn with another value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, true],
    ['NotIn without the key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['matchLabels and expressions together', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, false],
    ['In without values is invalid: nothing', { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, false],
    ['Exists with values is invalid: nothing', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, false],
    ['an unknown operator is invalid: nothing', { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, false],
    ['a selector that is not a mapping: nothing', 'app=web', false],
  ])('%s', (_name, raw, expected) => {
    expect(matchesLabelSelector(labels, readLabelSelector(raw))).toBe(expected);
  });

  // metav1.FormatLabelSelector prints labels.Selector.String(): internalSelector.Add sorts every
  // requirement by key (sort.Sort(ByKey)), matchLabels and expressions alike, and an empty text is `<none>`.
  test('text as kubectl prints selectors: requirements sorted by key, values sorted', () => {
    expect(formatLabelSelector(readLabelSelector({ matchLabels: { tier: 'a', app: 'web' }, matchExpressions: [{ key: 'z', operator: 'In', values: ['b', 'a'] }, { key: 'x', operator: 'DoesNotExist' }] }))).toBe('app=web,tier=a,!x,z in (a,b)');
    expect(isEmptySelector(readLabelSelector({}))).toBe(true);
  });

  test('an empty selector is `<none>` as kubectl prints it, or the text a message asks for', () => {
    expect(formatLabelSelector(readLabelSelector({}))).toBe('<none>');
    expect(formatLabelSelector(readLabelSelector({}), '<everything>')).toBe('<everything>');
    expect(formatLabelSelector(readLabelSelector({ matchLabels: { app: 'web' } }), '<everything>')).toBe('app=web');
  });
});
