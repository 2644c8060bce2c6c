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

/** Deep copy of JSON data (structuredClone is slower for plain JSON and keeps prototypes we don't want). */
export function cloneJson<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Stable ordering for any list of strings, independent of locale. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
