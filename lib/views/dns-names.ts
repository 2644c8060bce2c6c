/**
 * Name helpers shared by the CoreDNS view and the pod resolver: normalising query names, the
 * cluster zone test, reverse-name conversion and CoreDNS's endpoint hostnames.
 */
import { formatIP, parseIP } from '../k8s/ip';

/** Lower-cased, with exactly one trailing dot. DNS names compare case-insensitively (CoreDNS uses EqualFold). */
export function fqdn(name: string): string {
  const n = name.trim().toLowerCase().replace(/\.+$/, '');
  return n === '' ? '.' : `${n}.`;
}

/** The cluster zone as an FQDN (`cluster.local.`). */
export function zoneOf(clusterDomain: string): string {
  return fqdn(clusterDomain || 'cluster.local');
}

/** Whether `name` (FQDN) is the zone or below it. */
export function inZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The labels of `name` (FQDN) left of `zone`; `[]` for the apex. Callers check inZone first. */
export function labelsBelow(name: string, zone: string): string[] {
  if (name === zone) return [];
  const base = name.slice(0, name.length - zone.length - 1);
  return base === '' ? [] : base.split('.');
}

export const REVERSE_V4 = 'in-addr.arpa.';
export const REVERSE_V6 = 'ip6.arpa.';

export function isReverseName(name: string): boolean {
  return inZone(name, REVERSE_V4) || inZone(name, REVERSE_V6);
}

/** The address a full reverse name stands for (`1.0.96.10.in-addr.arpa.` → `10.96.0.1`); undefined for partial names. */
export function addressFromReverse(name: string): string | undefined {
  if (inZone(name, REVERSE_V4)) {
    const labels = labelsBelow(name, REVERSE_V4);
    if (labels.length !== 4) return undefined;
    const ip = parseIP(labels.slice().reverse().join('.'));
    return ip ? formatIP(ip) : undefined;
  }
  if (inZone(name, REVERSE_V6)) {
    const labels = labelsBelow(name, REVERSE_V6);
    if (labels.length !== 32 || !labels.every((l) => /^[0-9a-f]$/.test(l))) return undefined;
    const hex = labels.slice().reverse().join('');
    const groups: string[] = [];
    for (let i = 0; i < 32; i += 4) groups.push(hex.slice(i, i + 4));
    const ip = parseIP(groups.join(':'));
    return ip ? formatIP(ip) : undefined;
  }
  return undefined;
}

/** The reverse name of an address (`10.96.0.1` → `1.0.96.10.in-addr.arpa.`); undefined when not an IP. */
export function reverseName(address: string): string | undefined {
  const ip = parseIP(address);
  if (!ip) return undefined;
  if (ip.family === 'IPv4') return `${formatIP(ip).split('.').reverse().join('.')}.${REVERSE_V4}`;
  const nibbles: string[] = [];
  for (let i = 0; i < 32; i++) nibbles.push(((ip.value >> BigInt(i * 4)) & 0xfn).toString(16));
  return `${nibbles.join('.')}.${REVERSE_V6}`;
}

/**
 * The DNS label CoreDNS gives an endpoint (endpointHostname): its `hostname` when set, else the
 * address with `.`/`:` turned into `-`; an IPv6 text ending in `:` would give a label ending in `-`,
 * which is not a valid label, so CoreDNS appends `0` (`5678:abcd::` → `5678-abcd--0`).
 */
export function endpointHostname(ip: string, hostname?: string): string {
  if (hostname) return hostname.toLowerCase();
  if (ip.includes('.')) return ip.split('.').join('-');
  if (ip.includes(':')) {
    const dashed = ip.split(':').join('-').toLowerCase();
    return dashed.endsWith('-') ? `${dashed}0` : dashed;
  }
  return '';
}
