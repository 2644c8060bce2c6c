/**
 * Deterministic stand-ins for what Kubernetes does randomly or by hashing Go structs: name
 * suffixes, pod-template-hash, UIDs and allocation start points. Same input, same output, always.
 */
import { sortedKeys } from '../k8s/json';

/**
 * The alphabet of k8s.io/apimachinery/pkg/util/rand: no vowels (no accidental words) and no
 * characters that are easily confused (0/o, 1/l, 3/e).
 */
export const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** 32-bit FNV-1a over the UTF-8 bytes of `text` (the hash Kubernetes uses for pod-template-hash). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  // ASCII (all names and most templates) hashes its code units directly; only other text pays for UTF-8 encoding.
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) ascii = text.charCodeAt(i) < 128;
  if (ascii) {
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
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
 * 128 well-mixed bits of `text` as four unsigned 32-bit words: four multiply-xorshift lanes over
 * the UTF-16 code units, cross-mixed at the end. Not cryptographic — only stable and spread out;
 * node:crypto's per-call cost is too high for one call per pod of a 50,000-object input.
 */
export function hash128(text: string): [number, number, number, number] {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A `length`-character suffix from NAME_ALPHABET derived from `seed`. Stands in for
 * utilrand.String(5), which upstream draws at random for generateName.
 */
export function nameSuffix(seed: string, length = 5): string {
  const words = hash128(`suffix:${seed}`);
  let out = '';
  for (let i = 0; i < length; i++) {
    const word = words[i % 4];
    const byte = (word >>> ((i >> 2) * 8)) & 0xff;
    out += NAME_ALPHABET[(byte ^ (word >>> 24)) % NAME_ALPHABET.length];
  }
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
  return safeEncode(String(fnvCanonical(template)));
}

/**
 * fnv1a32(canonicalJson(value)) without building the string: the same bytes are fed to the hash
 * as they are produced (one template per workload of a large input adds up).
 */
export function fnvCanonical(value: unknown): number {
  fnvState = 0x811c9dc5 | 0;
  feedValue(value);
  return fnvState >>> 0;
}

/**
 * The running FNV-1a state of the hash being computed, as the signed 32-bit integer Math.imul
 * returns (the same bits as the unsigned hash, converted once at the end rather than per byte).
 * Module-level, not an object per call: the hash is synchronous and never nests.
 */
let fnvState = 0;

const FNV_PRIME = 0x01000193;

function feedByte(c: number): void {
  fnvState = Math.imul(fnvState ^ c, FNV_PRIME);
}

/** Feeds the UTF-8 bytes of `text`. */
function feed(text: string): void {
  let h = fnvState;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      h = Math.imul(h ^ c, FNV_PRIME);
    } else {
      // Rare: fall back to the UTF-8 bytes of the rest of the text.
      const bytes = Buffer.from(text.slice(i), 'utf8');
      for (let j = 0; j < bytes.length; j++) h = Math.imul(h ^ bytes[j], FNV_PRIME);
      break;
    }
  }
  fnvState = h;
}

/**
 * Feeds `JSON.stringify(text)`: plain ASCII needing no escape is fed between quotes as it is read,
 * anything else through JSON.stringify itself (from the state before the opening quote).
 */
function feedQuoted(text: string): void {
  const before = fnvState;
  let h = Math.imul(before ^ 0x22, FNV_PRIME);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || c >= 128) {
      fnvState = before;
      feed(JSON.stringify(text));
      return;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  fnvState = Math.imul(h ^ 0x22, FNV_PRIME);
}

function feedValue(value: unknown): void {
  if (Array.isArray(value)) {
    feedByte(0x5b); // [
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) continue; // a hole (never in parsed data): skipped, as the forEach this replaced did
      if (i > 0) feedByte(0x2c); // ,
      feedValue(value[i]);
    }
    feedByte(0x5d); // ]
  } else if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    feedByte(0x7b); // {
    let first = true;
    const keys = sortedKeys(o);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = o[k];
      if (v === undefined) continue;
      if (!first) feedByte(0x2c); // ,
      first = false;
      feedQuoted(k);
      feedByte(0x3a); // :
      feedValue(v);
    }
    feedByte(0x7d); // }
  } else if (typeof value === 'string') {
    feedQuoted(value);
  } else {
    feed(JSON.stringify(value) ?? 'null');
  }
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * The 36 character codes of one UID, reused by every call. The model keeps a UID per pod and per
 * Service; built by concatenation each was a tree of ~15 cons strings (~430 bytes, all copied by
 * every scavenge), built from codes it is one flat 36-byte string.
 */
const UID_CODES = new Array<number>(36).fill(0);

const DASH = 0x2d;

/** Writes hex digits `from`..`to`-1 of `word` (digit 0 is the most significant) into UID_CODES at `at`. */
function putHex(word: number, from: number, to: number, at: number): void {
  for (let i = from; i < to; i++) UID_CODES[at++] = HEX_DIGITS.charCodeAt((word >>> (28 - 4 * i)) & 15);
}

/** A deterministic RFC 4122-shaped UID (version 4 layout, bits from hash128(seed)). */
export function stableUid(seed: string): string {
  const [a, b, c, d] = hash128(`uid:${seed}`);
  // hex8(a) - hex8(b)[0..4] - 4 hex8(b)[5..8] - variant hex8(c)[1..4] - hex8(c)[4..8] hex8(d)
  putHex(a, 0, 8, 0);
  UID_CODES[8] = DASH;
  putHex(b, 0, 4, 9);
  UID_CODES[13] = DASH;
  UID_CODES[14] = 0x34; // '4': version
  putHex(b, 5, 8, 15);
  UID_CODES[18] = DASH;
  UID_CODES[19] = HEX_DIGITS.charCodeAt(((c >>> 28) & 0x3) | 0x8); // variant 10xx
  putHex(c, 1, 4, 20);
  UID_CODES[23] = DASH;
  putHex(c, 4, 8, 24);
  putHex(d, 0, 8, 28);
  return String.fromCharCode.apply(null, UID_CODES);
}
