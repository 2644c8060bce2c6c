/**
 * Defensive readers for parsed manifests. Input is anyone's YAML: every field can have the wrong
 * type, so the engine never indexes raw data directly — it reads through these helpers, which
 * return `undefined` for anything that is not of the expected shape.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function obj(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

export function arr(value: unknown): Json[] {
  return Array.isArray(value) ? (value as Json[]) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** A string→string map (labels, selectors, annotations); entries with non-string values are dropped. */
export function strMap(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

/** Walks a path of keys/indices; `undefined` as soon as a step does not exist. */
export function at(value: unknown, ...path: (string | number)[]): Json | undefined {
  let cur: unknown = value;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(cur) || step < 0 || step >= cur.length) return undefined;
      cur = cur[step];
    } else {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, step)) return undefined;
      cur = cur[step];
    }
  }
  return cur as Json | undefined;
}

/**
 * Deep copy of JSON data, exactly as `JSON.parse(JSON.stringify(value))` would make it. Plain data
 * (what YAML and cdk8s produce) is copied directly, several times faster than the round trip and
 * without the garbage of an intermediate string; anything else (toJSON, class instances, BigInt,
 * cycles, a `__proto__` key) goes through the round trip itself, errors included.
 */
export function cloneJson<T extends Json>(value: T): T {
  try {
    const out = copyPlain(value, 0);
    if (out !== NOT_PLAIN) return out as T;
  } catch {
    // fall through: the round trip decides (and throws what it throws)
  }
  return JSON.parse(JSON.stringify(value)) as T;
}

const NOT_PLAIN = Symbol('not plain JSON');
/** Deeper than any manifest; beyond it the round trip decides (it throws RangeError as before). */
const MAX_PLAIN_DEPTH = 500;

/** A copy with JSON.stringify's value rules, or NOT_PLAIN when the value needs the real round trip. */
function copyPlain(value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  // JSON has no -0, NaN or Infinity: -0 becomes 0, the others null.
  if (typeof value === 'number') return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== 'object' || depth > MAX_PLAIN_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return NOT_PLAIN;
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // An undefined item (or a hole) is written as null.
      const copied = item === undefined ? null : copyPlain(item, depth + 1);
      if (copied === NOT_PLAIN) return NOT_PLAIN;
      out[i] = copied;
    }
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const src = value as Record<string, unknown>;
  if (typeof src.toJSON === 'function') return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(src)) {
    if (key === '__proto__') return NOT_PLAIN;
    const item = src[key];
    if (item === undefined) continue; // JSON.stringify drops undefined members
    const copied = copyPlain(item, depth + 1);
    if (copied === NOT_PLAIN) return NOT_PLAIN;
    out[key] = copied;
  }
  return out;
}

/** Stable ordering for any list of strings, independent of locale. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The object's keys in sort order (the default sort's: UTF-16 code units; keys are distinct), as
 * `Object.keys(o).sort()` gives them. cdk8s renders maps with their keys already sorted: those pass
 * one check. Helm writes them in its templates' order; their few keys are sorted in place by
 * insertion, where Array.prototype.sort's work arrays were 15 of the 174 MB a 10,000-object check
 * allocated in the template hash alone (bench/PROFILE.md, rounds 13 and 14).
 */
export function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (keys.length > SORTED_BY_INSERTION) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
    keys[j + 1] = key;
  }
  return keys;
}

/** Beyond this many keys (a large labels or data map) the library sort's O(n log n) is kept. */
const SORTED_BY_INSERTION = 32;
