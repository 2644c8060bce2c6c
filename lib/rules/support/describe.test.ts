import { groupedDigits } from './describe';

describe('groupedDigits', () => {
  // The reference is the locale formatting it stands in for.
  test.each([0, 7, 42, 999, 1_000, 9_999, 10_000, 100_000, 123_456, 1_000_000, 1_234_567, 500_000, 2 ** 31])('%d as en-US writes it', (n) => {
    expect(groupedDigits(n)).toBe(n.toLocaleString('en-US'));
  });
});
