/**
 * Deterministic stand-ins for what Kubernetes does randomly or by hashing Go structs: name
 * suffixes, pod-template-hash, UIDs and allocation start points. Same input, same output, always.
 */
import { createHash } from 'node:crypto';

/**
 * The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels (no accidental words) and no
 * characters that are easily confused (0/o, 1/l, 3/e).
 */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a over the UTF-8 bytes of `text` (the hash Kubernetes uses for pod-template-hash). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character mapped into NAME_ALPHABET by its code (so digits become 4-9, b-f). */
export function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += NAME_ALPHABET[text.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/**
 * A `length`-character suffix from NAME_ALPHABET, derived from sha256(seed). Stands in for
 * utilrand.String(5), which upstream draws at random for generateName.
 */
export function nameSuffix(seed: string, length = 5): string {
  const digest = createHash('sha256').update(seed, 'utf8').digest();
  let out = '';
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[digest[i] % NAME_ALPHABET.length];
  return out;
}

/** Canonical JSON (keys sorted at every level), so hashes do not depend on key order in the input. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * pod-template-hash / controller-revision-hash: FNV-32a of the template (canonical JSON here,
 * a spew dump upstream), printed in decimal and safe-encoded — so values look like upstream ones
 * (`79c4f99955`), though they are not byte-identical to what a real cluster computes.
 */
export function templateHash(template: unknown): string {
  return safeEncode(String(fnv1a32(canonicalJson(template))));
}

/** A deterministic RFC 4122-shaped UID (version 4 layout, bits from sha256(seed)). */
export function stableUid(seed: string): string {
  const h = createHash('sha256').update(`uid:${seed}`, 'utf8').digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
