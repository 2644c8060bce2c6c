/**
 * kube-proxy's iptables chain names. Every per-service chain is a prefix plus the first 16
 * characters of the standard (padded, upper-case) base32 encoding of a SHA-256 digest, which
 * keeps names within iptables' 28-character limit and stable across restarts.
 */
import { createHash } from 'crypto';
import type { KubernetesVersion, Protocol } from '../../cluster/model';
import { joinHostPort } from '../../k8s/ip';
import { versionAtLeast } from '../../k8s/version';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 with padding (Go's base32.StdEncoding). */
export function base32Std(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** The 16-character hash kube-proxy appends to chain prefixes (portProtoHash upstream). */
export function portProtoHash(text: string): string {
  const digest = createHash('sha256').update(Buffer.from(text, 'utf8')).digest();
  return base32Std(digest).slice(0, 16);
}

/**
 * `ns/name[:port]` as kube-proxy's ServicePortName.String() prints it. Up to v1.18 the colon was
 * always written, so unnamed ports gave `ns/name:`; from v1.19 it is only written for named ports.
 */
export function servicePortName(namespace: string, name: string, portName: string, version: KubernetesVersion): string {
  const base = `${namespace}/${name}`;
  if (portName !== '') return `${base}:${portName}`;
  return versionAtLeast(version, 1, 19) ? base : `${base}:`;
}

export function protocolWord(protocol: Protocol): string {
  return protocol.toLowerCase();
}

export interface ServiceChains {
  /** Cluster-policy chain (all usable endpoints). */
  svc: string;
  /** Local-policy chain (endpoints on this node), v1.24+. */
  svl: string;
  /** External-destination chain (nodePort, externalIPs, LB IPs), v1.24+. */
  ext: string;
  /** Load-balancer source-range firewall chain. */
  fw: string;
  /** Pre-v1.24 external-local chain. */
  xlb: string;
}

export function serviceChains(spn: string, protocol: Protocol): ServiceChains {
  const h = portProtoHash(spn + protocolWord(protocol));
  return { svc: `KUBE-SVC-${h}`, svl: `KUBE-SVL-${h}`, ext: `KUBE-EXT-${h}`, fw: `KUBE-FW-${h}`, xlb: `KUBE-XLB-${h}` };
}

/** KUBE-SEP chain of one endpoint; `endpoint` is `ip:port` as net.JoinHostPort writes it. */
export function endpointChain(spn: string, protocol: Protocol, ip: string, port: number): string {
  return `KUBE-SEP-${portProtoHash(spn + protocolWord(protocol) + joinHostPort(ip, port))}`;
}

