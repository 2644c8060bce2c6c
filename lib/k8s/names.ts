/**
 * The API server's syntax helpers (apimachinery pkg/util/validation), as tiny pure functions that
 * return the list of failure details — empty means valid — with upstream's exact texts, so that a
 * finding quotes what `kubectl apply` would print. This module is THE one place for these rules:
 * validation, constructs, rules and the engine all call it instead of repeating regexes.
 *
 * Sources: kubernetes/apimachinery pkg/util/validation/validation.go (IsDNS1035Label,
 * IsDNS1123Label, IsDNS1123Subdomain, IsWildcardDNS1123Subdomain, IsValidPortNum, IsValidPortName,
 * IsQualifiedName, IsValidLabelValue, RegexError, MaxLenError, InclusiveRangeError, EmptyError),
 * pkg/util/validation/ip.go (IsValidIP, IsValidCIDR and their strict forms);
 * kubernetes/kubernetes pkg/apis/core/validation/validation.go (ValidateNonSpecialIP).
 */
import { parseIP, type IP, type IPFamily } from './ip';
import { versionAtLeast, type KubeVersion } from './version';

export type { KubeVersion } from './version';

// ---- message builders (RegexError, MaxLenError, ...) ------------------------------------------

/**
 * Upstream's RegexError: examples are each written as `'x', ` and joined with ` or `, which is
 * where the famous double space (`'my-name',  or 'abc-123'`) comes from.
 */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`;
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${fmt}')`;
}

/**
 * MaxLenError. [version] the `content` helpers that replaced these in newer releases count
 * `bytes`; this is assumed to apply from v1.34 (lower confidence: not verified at source).
 */
export function maxLenError(length: number, version?: KubeVersion): string {
  return `must be no more than ${length} ${versionAtLeast(version, 1, 34) ? 'bytes' : 'characters'}`;
}

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

export const EMPTY_ERROR = 'must be non-empty';

// ---- DNS names ----------------------------------------------------------------------------------

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
export const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL_FMT}$`);

const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_LABEL_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
export const DNS1035_LABEL_MAX_LENGTH = 63;
const DNS1035_LABEL_RE = new RegExp(`^${DNS1035_LABEL_FMT}$`);

const WILDCARD_SUBDOMAIN_FMT = `\\*\\.${DNS1123_SUBDOMAIN_FMT}`;
const WILDCARD_SUBDOMAIN_MSG = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character";
const WILDCARD_SUBDOMAIN_RE = new RegExp(`^${WILDCARD_SUBDOMAIN_FMT}$`);

/** Go's `len()` counts UTF-8 bytes; so do the length limits. */
function byteLength(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}

/** Service names, Ingress backend service names: `[a-z]([-a-z0-9]*[a-z0-9])?`, ≤63. */
export function isDNS1035Label(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1035_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1035_LABEL_MAX_LENGTH, version));
  if (!DNS1035_LABEL_RE.test(value)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

/** Service port names, hostnames, container names: `[a-z0-9]([-a-z0-9]*[a-z0-9])?`, ≤63. */
export function isDNS1123Label(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errs.push(maxLenError(DNS1123_LABEL_MAX_LENGTH, version));
  if (!DNS1123_LABEL_RE.test(value)) {
    // A valid subdomain that is not a valid label can only be failing because of its dots.
    if (DNS1123_SUBDOMAIN_RE.test(value)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

/** Names of most objects (Endpoints, EndpointSlice, Ingress, Secret), DNS names: ≤253. */
export function isDNS1123Subdomain(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH, version));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

/** `*.` followed by a subdomain (Ingress hosts, TLS hosts). */
export function isWildcardDNS1123Subdomain(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errs.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH, version));
  if (!WILDCARD_SUBDOMAIN_RE.test(value)) errs.push(regexError(WILDCARD_SUBDOMAIN_MSG, WILDCARD_SUBDOMAIN_FMT, '*.example.com'));
  return errs;
}

// ---- ports --------------------------------------------------------------------------------------

export function isValidPortNum(port: number): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/**
 * IANA_SVC_NAME (RFC 6335): string targetPorts, container port names, Ingress backend port names —
 * NOT Service port names, which are DNS-1123 labels. Every failing check is reported.
 */
export function isValidPortName(port: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(port) > 15) errs.push(maxLenError(15, version));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

// ---- labels -------------------------------------------------------------------------------------

const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;
const QUALIFIED_NAME_RE = new RegExp(`^${QUALIFIED_NAME_FMT}$`);

const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
export const LABEL_VALUE_MAX_LENGTH = 63;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);

/** Label and annotation keys, appProtocol, loadBalancerClass: `[prefix/]name`. */
export function isQualifiedName(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push(`prefix part ${EMPTY_ERROR}`);
    else for (const msg of isDNS1123Subdomain(prefix, version)) errs.push(`prefix part ${msg}`);
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push(`name part ${EMPTY_ERROR}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errs.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH, version)}`);
  if (!QUALIFIED_NAME_RE.test(name)) errs.push(`name part ${regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errs;
}

export function isValidLabelValue(value: string, version?: KubeVersion): string[] {
  const errs: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH, version));
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

// ---- IP addresses -------------------------------------------------------------------------------

export const INVALID_IP_MESSAGE = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const INVALID_CIDR_MESSAGE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * [version] Strict IP/CIDR parsing (StrictIPCIDRValidation, KEP-4858) for fields that used to
 * accept sloppy forms; the reference places it at v1.33+.
 */
function strictIPs(version?: KubeVersion): boolean {
  return versionAtLeast(version, 1, 33);
}

const V4_MAPPED_PREFIX = 0xffffn;

/** `::ffff:a.b.c.d`: Go's net.IP treats it as the IPv4 address it carries. */
function isV4Mapped(ip: IP): boolean {
  return ip.family === 'IPv6' && ip.value >> 32n === V4_MAPPED_PREFIX;
}

/** The address as Go's net.IP methods see it: IPv4-mapped IPv6 addresses are IPv4. */
function asGoSees(ip: IP): IP {
  return isV4Mapped(ip) ? { family: 'IPv4', value: ip.value & 0xffffffffn } : ip;
}

/** Leading zeros in a dotted-quad part, which the sloppy parser tolerated and netip rejects. */
function hasLeadingZeros(text: string): boolean {
  const lastColon = text.lastIndexOf(':');
  const dotted = lastColon >= 0 ? text.slice(lastColon + 1) : text;
  if (!dotted.includes('.')) return false;
  return dotted.split('.').some((part) => part.length > 1 && part.startsWith('0'));
}

/**
 * The family the API server assigns to an address (netutils.IsIPv4: anything with a 4-byte form,
 * including IPv4-mapped IPv6); undefined when it does not parse.
 */
export function ipFamilyOf(value: string): IPFamily | undefined {
  const ip = parseIP(value);
  return ip ? asGoSees(ip).family : undefined;
}

/** IsValidIP (legacy fields: clusterIPs, externalIPs, endpoint addresses). */
export function isValidIP(value: string, version?: KubeVersion): string[] {
  const ip = parseIP(value);
  if (!ip) return [INVALID_IP_MESSAGE];
  if (!strictIPs(version)) return [];
  const errs: string[] = [];
  if (hasLeadingZeros(value)) errs.push('must not have leading 0s');
  if (isV4Mapped(ip)) errs.push('must not be an IPv4-mapped IPv6 address');
  return errs;
}

/** IsValidCIDR (loadBalancerSourceRanges and similar legacy fields). */
export function isValidCIDR(value: string, version?: KubeVersion): string[] {
  const slash = value.indexOf('/');
  const addressText = slash < 0 ? value : value.slice(0, slash);
  const prefixText = slash < 0 ? '' : value.slice(slash + 1);
  const ip = parseIP(addressText);
  if (slash < 0 || !ip || !/^\d{1,3}$/.test(prefixText)) return [INVALID_CIDR_MESSAGE];
  const prefix = Number(prefixText);
  const bits = ip.family === 'IPv4' ? 32 : 128;
  if (prefix > bits) return [INVALID_CIDR_MESSAGE];
  if (!strictIPs(version)) return [];
  if (hasLeadingZeros(addressText) || (prefixText.length > 1 && prefixText.startsWith('0'))) return ['must not have leading 0s in IP or prefix length'];
  if (isV4Mapped(ip)) return ['must not have an IPv4-mapped IPv6 address'];
  const hostBits = BigInt(bits - prefix);
  if ((ip.value >> hostBits) << hostBits !== ip.value) return ['must not have bits set beyond the prefix length'];
  return [];
}

/**
 * ValidateNonSpecialIP: addresses that can never be a Service's external IP or an endpoint.
 * Other multicast addresses are (surprisingly) accepted. The unspecified message echoes the value
 * as written.
 */
export function validateNonSpecialIP(value: string): string[] {
  const parsed = parseIP(value);
  if (!parsed) return ['must be a valid IP address'];
  const ip = asGoSees(parsed);
  const errs: string[] = [];
  if (ip.family === 'IPv4') {
    const v = ip.value;
    if (v === 0n) errs.push(`may not be unspecified (${value})`);
    if (v >> 24n === 127n) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (v >> 16n === 0xa9fen) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    if (v >> 8n === 0xe00000n) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  } else {
    const v = ip.value;
    if (v === 0n) errs.push(`may not be unspecified (${value})`);
    if (v === 1n) errs.push('may not be in the loopback range (127.0.0.0/8, ::1/128)');
    if (v >> 118n === 0x3fan) errs.push('may not be in the link-local range (169.254.0.0/16, fe80::/10)');
    // Go: first byte ff, low nibble of the second byte 2 (any flags) — ff02::/16, ff12::/16, ...
    if (v >> 120n === 0xffn && ((v >> 112n) & 0x0fn) === 0x2n) errs.push('may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)');
  }
  return errs;
}
