import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidCIDR, isValidIP, isValidLabelValue,
  isValidPortName, isValidPortNum, isWildcardDNS1123Subdomain, ipFamilyOf, regexError, validateNonSpecialIP,
} from '../../lib/k8s/names';

const DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const WILDCARD = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const IP_MSG = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
const CIDR_MSG = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

test('regexError reproduces the double space of the example joiner', () => {
  expect(regexError('m', 'f', 'a', 'b')).toBe("m (e.g. 'a',  or 'b', regex used for validation is 'f')");
  expect(regexError('m', 'f')).toBe("m (regex used for validation is 'f')");
});

describe('isDNS1035Label', () => {
  test.each<[string, string[]]>([
    ['web', []],
    ['a', []],
    ['my-svc-2', []],
    ['My_Svc', [DNS1035]],
    ['1abc', [DNS1035]],
    ['abc-', [DNS1035]],
    ['', [DNS1035]],
    ['a.b', [DNS1035]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['A'.repeat(64), ['must be no more than 63 characters', DNS1035]],
    // Go's len() counts bytes: 40 characters of two bytes each are over the limit, and not a label.
    ['é'.repeat(40), ['must be no more than 63 characters', DNS1035]],
    ['é', [DNS1035]],
  ])('%p', (value, expected) => expect(isDNS1035Label(value)).toEqual(expected));
  test('[version] bytes from 1.34', () => expect(isDNS1035Label('a'.repeat(64), { major: 1, minor: 34 })).toEqual(['must be no more than 63 bytes']));
});

describe('isDNS1123Label', () => {
  test.each<[string, string[]]>([
    ['http', []],
    ['123', []],
    ['0abc', []],
    ['HTTP', [DNS1123_LABEL]],
    ['a.b', ['must not contain dots']],
    ['-a', [DNS1123_LABEL]],
    ['', [DNS1123_LABEL]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['ü'.repeat(32), ['must be no more than 63 characters', DNS1123_LABEL]],
  ])('%p', (value, expected) => expect(isDNS1123Label(value)).toEqual(expected));
});

describe('isDNS1123Subdomain / isWildcardDNS1123Subdomain', () => {
  test.each<[string, string[]]>([
    ['example.com', []],
    ['foo', []],
    ['My.Example.com', [SUBDOMAIN]],
    ['foo..com', [SUBDOMAIN]],
    ['foo.com.', [SUBDOMAIN]],
    ['*.foo.com', [SUBDOMAIN]],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    ['ü'.repeat(127), ['must be no more than 253 characters', SUBDOMAIN]],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`, ['must be no more than 253 characters']],
  ])('subdomain %p', (value, expected) => expect(isDNS1123Subdomain(value)).toEqual(expected));
  test.each<[string, string[]]>([
    ['*.example.com', []],
    ['*.foo', []],
    ['*', [WILDCARD]],
    ['foo.*.com', [WILDCARD]],
    ['*foo.com', [WILDCARD]],
    ['example.com', [WILDCARD]],
  ])('wildcard %p', (value, expected) => expect(isWildcardDNS1123Subdomain(value)).toEqual(expected));
});

describe('isValidPortNum', () => {
  test.each<[number, string[]]>([
    [1, []], [80, []], [65535, []],
    [0, ['must be between 1 and 65535, inclusive']],
    [65536, ['must be between 1 and 65535, inclusive']],
    [-1, ['must be between 1 and 65535, inclusive']],
    [80.5, ['must be between 1 and 65535, inclusive']],
  ])('%p', (value, expected) => expect(isValidPortNum(value)).toEqual(expected));
});

describe('isValidPortName (IANA_SVC_NAME), every failing check reported', () => {
  const LEN = 'must be no more than 15 characters';
  const CHARS = 'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)';
  const LETTER = 'must contain at least one letter (a-z)';
  const DOUBLE = 'must not contain consecutive hyphens';
  const EDGE = 'must not begin or end with a hyphen';
  test.each<[string, string[]]>([
    ['http', []],
    ['http-web-svc', []],
    ['h2c', []],
    ['a', []],
    ['abcdefghijklmno', []],
    ['http-web-server-1', [LEN]],
    ['123', [LETTER]],
    ['HTTP', [CHARS, LETTER]],
    ['http_web', [CHARS]],
    ['a--b', [DOUBLE]],
    ['-http', [EDGE]],
    ['http-', [EDGE]],
    ['', [CHARS, LETTER]],
    ['-', [LETTER, EDGE]],
    ['--', [LETTER, DOUBLE, EDGE]],
    ['-1234567890--_AB', [LEN, CHARS, LETTER, DOUBLE, EDGE]],
    ['a-1', []],
    ['ü', [CHARS, LETTER]],
    ['ü'.repeat(8), [LEN, CHARS, LETTER]],
  ])('%p', (value, expected) => expect(isValidPortName(value)).toEqual(expected));
});

describe('isQualifiedName (label keys)', () => {
  test.each<[string, string[]]>([
    ['app', []],
    ['app.kubernetes.io/name', []],
    ['My_Key.1', []],
    ['a b', [`name part ${QNAME}`]],
    ['', ['name part must be non-empty', `name part ${QNAME}`]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', `name part ${QNAME}`]],
    ['Example.com/app', [`prefix part ${SUBDOMAIN}`]],
    ['a/b/c', [`a qualified name ${QNAME} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`]],
    ['a'.repeat(64), ['name part must be no more than 63 characters']],
    ['_app', [`name part ${QNAME}`]],
    [`example.com/${'a'.repeat(63)}`, []],
    [`example.com/${'a'.repeat(64)}`, ['name part must be no more than 63 characters']],
    [`${'a'.repeat(253)}/app`, []],
    [`${'a'.repeat(254)}/app`, ['prefix part must be no more than 253 characters']],
    ['ü'.repeat(32), ['name part must be no more than 63 characters', `name part ${QNAME}`]],
    ['ü/app', [`prefix part ${SUBDOMAIN}`]],
  ])('%p', (value, expected) => expect(isQualifiedName(value)).toEqual(expected));
});

describe('isValidLabelValue', () => {
  test.each<[string, string[]]>([
    ['', []],
    ['web', []],
    ['My_Value.1-2', []],
    ['a b', [LABEL_VALUE]],
    ['-web', [LABEL_VALUE]],
    ['web_', [LABEL_VALUE]],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['a'.repeat(63), []],
    ['é'.repeat(32), ['must be no more than 63 characters', LABEL_VALUE]],
  ])('%p', (value, expected) => expect(isValidLabelValue(value)).toEqual(expected));
});

describe('isValidIP / isValidCIDR', () => {
  const v133 = { major: 1, minor: 33 };
  test.each<[string, string[], string[]]>([
    ['10.0.0.1', [], []],
    ['2001:db8::ffff', [], []],
    ['10.0.0.300', [IP_MSG], [IP_MSG]],
    ['10.0.0', [IP_MSG], [IP_MSG]],
    ['', [IP_MSG], [IP_MSG]],
    ['None', [IP_MSG], [IP_MSG]],
    ['010.0.0.1', [], ['must not have leading 0s']],
    ['::ffff:1.2.3.4', [], ['must not be an IPv4-mapped IPv6 address']],
  ])('IP %p', (value, sloppy, strict) => {
    expect(isValidIP(value)).toEqual(sloppy);
    expect(isValidIP(value, v133)).toEqual(strict);
  });
  test.each<[string, string[], string[]]>([
    ['10.0.0.0/8', [], []],
    ['2001:db8::/64', [], []],
    ['10.0.0.0', [CIDR_MSG], [CIDR_MSG]],
    ['10.0.0.0/33', [CIDR_MSG], [CIDR_MSG]],
    ['10.0.0.0/', [CIDR_MSG], [CIDR_MSG]],
    ['foo/8', [CIDR_MSG], [CIDR_MSG]],
    ['10.0.0.1/8', [], ['must not have bits set beyond the prefix length']],
    ['010.0.0.0/8', [], ['must not have leading 0s in IP or prefix length']],
    ['10.0.0.0/08', [], ['must not have leading 0s in IP or prefix length']],
  ])('CIDR %p', (value, sloppy, strict) => {
    expect(isValidCIDR(value)).toEqual(sloppy);
    expect(isValidCIDR(value, v133)).toEqual(strict);
  });
  test('ipFamilyOf treats IPv4-mapped IPv6 as IPv4', () => {
    expect(ipFamilyOf('10.0.0.1')).toBe('IPv4');
    expect(ipFamilyOf('fd00::1')).toBe('IPv6');
    expect(ipFamilyOf('::ffff:10.0.0.1')).toBe('IPv4');
    expect(ipFamilyOf('x')).toBeUndefined();
  });
});

describe('validateNonSpecialIP', () => {
  const LOOP = 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  const LL = 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  const LLM = 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  test.each<[string, string[]]>([
    ['1.2.3.4', []],
    ['10.244.1.5', []],
    ['0.0.0.0', ['may not be unspecified (0.0.0.0)']],
    ['::', ['may not be unspecified (::)']],
    ['127.0.0.1', [LOOP]],
    ['127.255.0.9', [LOOP]],
    ['::1', [LOOP]],
    ['::ffff:127.0.0.1', [LOOP]],
    ['169.254.169.254', [LL]],
    ['fe80::1', [LL]],
    ['febf::1', [LL]],
    ['fec0::1', []],
    ['224.0.0.1', [LLM]],
    ['224.0.1.1', []],
    ['239.1.1.1', []],
    ['ff02::1', [LLM]],
    ['ff12::1', [LLM]],
    ['ff05::1', []],
    ['bogus', ['must be a valid IP address']],
  ])('%p', (value, expected) => expect(validateNonSpecialIP(value)).toEqual(expected));
});
