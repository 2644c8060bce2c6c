/**
 * Reading a manifest the way Go's decoder would, without ever throwing. Upstream rejects a
 * wrongly-typed field before validation even runs (`cannot unmarshal string into Go struct field
 * ServicePort.spec.ports.port of type int32`); we report it as a FieldError on the field's path
 * (`spec.ports[0].port: Invalid value: "80": must be an integer`) and go on validating the rest.
 *
 * Each reader returns the value, `undefined` when the field is absent or null (Go's zero value),
 * or BAD when it had the wrong type — in which case the error has been recorded and the caller
 * skips the checks that depend on the field.
 */
import { sortedKeys, type Json, type JsonObject } from '../k8s/json';
import { GoValue, invalid, type FieldError } from './field-error';

export const BAD: unique symbol = Symbol('wrong JSON type');
export type Read<T> = T | undefined | typeof BAD;

export type IntOrString = number | string;

/** How a wrongly-typed input value is shown: scalars as Go would print them, structures as JSON. */
function shown(value: Json): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  try {
    return new GoValue(JSON.stringify(value));
  } catch {
    return new GoValue(String(value));
  }
}

function field(parent: JsonObject | undefined, key: string): Json | undefined {
  if (!parent || !Object.prototype.hasOwnProperty.call(parent, key)) return undefined;
  const v = parent[key];
  return v === null ? undefined : v;
}

function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class Decoder {
  constructor(readonly errors: FieldError[]) {}

  private wrong(path: string, value: Json, expected: string): typeof BAD {
    this.errors.push(invalid(path, shown(value), `must be ${expected}`));
    return BAD;
  }

  /** The value itself, when it is not a child of an object (list items). */
  objectValue(value: Json | undefined, path: string): Read<JsonObject> {
    if (value === undefined || value === null) return undefined;
    return isPlainObject(value) ? value : this.wrong(path, value, 'an object');
  }

  object(parent: JsonObject | undefined, key: string, path: string): Read<JsonObject> {
    return this.objectValue(field(parent, key), path);
  }

  list(parent: JsonObject | undefined, key: string, path: string): Read<Json[]> {
    const v = field(parent, key);
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v : this.wrong(path, v, 'a list');
  }

  stringValue(value: Json | undefined, path: string): Read<string> {
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string' ? value : this.wrong(path, value, 'a string');
  }

  string(parent: JsonObject | undefined, key: string, path: string): Read<string> {
    return this.stringValue(field(parent, key), path);
  }

  int(parent: JsonObject | undefined, key: string, path: string): Read<number> {
    const v = field(parent, key);
    if (v === undefined) return undefined;
    return typeof v === 'number' && Number.isInteger(v) ? v : this.wrong(path, v, 'an integer');
  }

  bool(parent: JsonObject | undefined, key: string, path: string): Read<boolean> {
    const v = field(parent, key);
    if (v === undefined) return undefined;
    return typeof v === 'boolean' ? v : this.wrong(path, v, 'a boolean');
  }

  /** intstr.IntOrString: a JSON string stays a string ("80" is a port *name*), else an int32. */
  intOrString(parent: JsonObject | undefined, key: string, path: string): Read<IntOrString> {
    const v = field(parent, key);
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    return typeof v === 'number' && Number.isInteger(v) ? v : this.wrong(path, v, 'an integer or a string');
  }

  /** A list of strings; wrongly-typed items are reported and dropped, so indices stay upstream's. */
  stringList(parent: JsonObject | undefined, key: string, path: string): Read<(string | typeof BAD)[]> {
    const items = this.list(parent, key, path);
    if (items === undefined || items === BAD) return items;
    return items.map((item, i) => {
      // Go decodes a null list item into the zero value, "".
      const s = this.stringValue(item, `${path}[${i}]`);
      return s === undefined ? '' : s;
    });
  }

  /**
   * A map[string]string (labels, selector, annotations). Non-string values are reported on
   * `<path>[<key>]` (YAML's `version: 1` is the classic) and left out of the result.
   */
  stringMap(parent: JsonObject | undefined, key: string, path: string): Read<Record<string, string>> {
    const v = field(parent, key);
    if (v === undefined) return undefined;
    if (!isPlainObject(v)) return this.wrong(path, v, 'a map of strings');
    const out: Record<string, string> = {};
    for (const k of sortedKeys(v)) {
      const item = v[k];
      if (typeof item === 'string') out[k] = item;
      else if (item !== null) this.wrong(`${path}[${k}]`, item, 'a string');
    }
    return out;
  }
}

/** Narrowing helper: the value when it was read successfully. */
export function ok<T>(value: Read<T>): value is T {
  return value !== undefined && value !== BAD;
}
