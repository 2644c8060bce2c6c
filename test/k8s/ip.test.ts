import { cidrContains, formatIP, parseCIDR, parseIP, subnet, joinHostPort, compareIPText } from '../../lib/k8s/ip';

describe('ip', () => {
  test.each([
    ['10.96.0.1', '10.96.0.1'],
    ['010.096.000.001', '10.96.0.1'],
    ['2001:DB8::', '2001:db8::'],
    ['::1', '::1'],
    ['fe80::1:0:0:1', 'fe80::1:0:0:1'],
    ['1:0:0:0:0:0:0:1', '1::1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('%s formats as %s', (input, expected) => {
    const ip = parseIP(input);
    expect(ip).toBeDefined();
    expect(formatIP(ip!)).toBe(expected);
  });

  test.each(['10.0.0.300', '1.2.3', 'a.b.c.d', '1::2::3', '12345::', ''])('%s is not an IP', (input) => {
    expect(parseIP(input)).toBeUndefined();
  });

  test('cidr membership and subnets', () => {
    const cidr = parseCIDR('10.96.0.0/12')!;
    expect(cidrContains(cidr, parseIP('10.111.249.153')!)).toBe(true);
    expect(cidrContains(cidr, parseIP('10.112.0.1')!)).toBe(false);
    const pods = parseCIDR('10.244.0.0/16')!;
    expect(subnet(pods, 24, 2).text).toBe('10.244.2.0/24');
  });

  test('host:port joining and ordering', () => {
    expect(joinHostPort('fd00::1', 80)).toBe('[fd00::1]:80');
    expect(joinHostPort('10.0.0.1', 80)).toBe('10.0.0.1:80');
    expect(['10.0.0.10', '10.0.0.2'].sort(compareIPText)).toEqual(['10.0.0.2', '10.0.0.10']);
  });
});
