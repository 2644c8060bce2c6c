/**
 * IPv4/IPv6 addresses and CIDRs as numbers, for allocation, range checks and rule rendering.
 * Parsing follows Go's net.ParseIP closely enough for Kubernetes inputs: IPv4 dotted quads
 * (leading zeros tolerated, as the API server did up to v1.32) and RFC 4291 IPv6 text forms.
 */
export type IPFamily = 'IPv4' | 'IPv6';

export interface IP {
  family: IPFamily;
  value: bigint;
}

export interface Cidr {
  family: IPFamily;
  /** Network address (host bits cleared). */
  base: bigint;
  prefix: number;
  /** The text the CIDR was written as. */
  text: string;
}

const V4_BITS = 32;
const V6_BITS = 128;

export function bitsOf(family: IPFamily): number {
  return family === 'IPv4' ? V4_BITS : V6_BITS;
}

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  let head = text;
  let tailV4: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > lastColon) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const doubles = head.split('::');
  if (doubles.length > 2) return undefined;
  const groupsOf = (s: string): string[] | undefined => {
    if (s === '') return [];
    const gs = s.split(':');
    for (const g of gs) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    return gs;
  };
  const left = groupsOf(doubles[0]);
  const right = doubles.length === 2 ? groupsOf(doubles[1]) : [];
  if (left === undefined || right === undefined) return undefined;
  let groups: string[];
  if (doubles.length === 2) {
    const missing = 8 - left.length - right.length;
    if (missing < 1) return undefined;
    groups = [...left, ...Array(missing).fill('0'), ...right];
  } else {
    groups = left;
  }
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(parseInt(g, 16));
  if (tailV4 !== undefined) value = (value & ~0xffffffffn) | tailV4;
  return value;
}

export function parseIP(text: string): IP | undefined {
  if (typeof text !== 'string') return undefined;
  if (text.includes(':')) {
    const value = parseV6(text);
    return value === undefined ? undefined : { family: 'IPv6', value };
  }
  const value = parseV4(text);
  return value === undefined ? undefined : { family: 'IPv4', value };
}

export function formatIP(ip: IP): string {
  if (ip.family === 'IPv4') {
    // 32 bits fit a number; BigInt shifts per octet cost ≈ 25 ms over a 10,000-object check's addresses.
    const v = Number(ip.value);
    return `${v >>> 24}.${(v >>> 16) & 0xff}.${(v >>> 8) & 0xff}.${v & 0xff}`;
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip.value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (length ≥ 2) of zero groups, the first one on ties.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function parseCIDR(text: string): Cidr | undefined {
  if (typeof text !== 'string') return undefined;
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = bitsOf(ip.family);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix, text };
}

/** Number of addresses in the CIDR (2^(bits-prefix)). */
export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt(bitsOf(cidr.family) - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: IP): boolean {
  if (cidr.family !== ip.family) return false;
  const hostBits = BigInt(bitsOf(cidr.family) - cidr.prefix);
  return ip.value >> hostBits === cidr.base >> hostBits;
}

/** The address at `offset` from the network address (offset 1 = first usable). */
export function cidrAddress(cidr: Cidr, offset: bigint | number): IP {
  return { family: cidr.family, value: cidr.base + BigInt(offset) };
}

/** Canonical text of the CIDR's network (`10.244.0.0/16`). */
export function formatCIDR(cidr: Cidr): string {
  return `${formatIP({ family: cidr.family, value: cidr.base })}/${cidr.prefix}`;
}

/** The `index`-th sub-network of length `prefix` inside `cidr` (e.g. node pod CIDRs). */
export function subnet(cidr: Cidr, prefix: number, index: number): Cidr {
  const bits = bitsOf(cidr.family);
  const base = cidr.base + (BigInt(index) << BigInt(bits - prefix));
  const c: Cidr = { family: cidr.family, base, prefix, text: '' };
  c.text = formatCIDR(c);
  return c;
}

/** Go's net.JoinHostPort: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number | string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Byte-wise comparison of two IP strings' parsed values (IPv4 before IPv6); unparsable last, by text. */
export function compareIPText(a: string, b: string): number {
  const pa = parseIP(a);
  const pb = parseIP(b);
  if (pa && pb) {
    if (pa.family !== pb.family) return pa.family === 'IPv4' ? -1 : 1;
    return pa.value < pb.value ? -1 : pa.value > pb.value ? 1 : 0;
  }
  if (pa) return -1;
  if (pb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
