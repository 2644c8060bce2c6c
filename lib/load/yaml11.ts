/**
 * The YAML 1.1 reading of a manifest. kubectl reads manifests with sigs.k8s.io/yaml, which decodes
 * them with its fork of go-yaml v2, and go-yaml v2 resolves an unquoted (plain) scalar by YAML 1.1
 * rules: `yes`, `no`, `on`, `off`, `y`, `n` are booleans, `0644` is octal, `_` may sit anywhere in a
 * number. lineup, like every YAML 1.2 reader, reads those as strings and decimals. The loader
 * records each plain scalar whose two readings differ (a typed fact on the object); the
 * yaml-implicit-type rule judges whether the difference matters for the field it is in.
 */
import * as jsyaml from 'js-yaml';
import { AS_WRITTEN_SCHEMA } from './yaml-schema';
import type { PathStep } from '../k8s/field-path';

/** What go-yaml v2 makes of a plain scalar, once decoded into an untyped value (as kubectl does). */
export type Yaml11Value = boolean | number | string | null;

/** One plain scalar that kubectl reads as another type or number than lineup does. */
export interface Yaml11Reading {
  /** Where it is in the object (`data`, `FEATURE`). */
  path: PathStep[];
  /** As written (a multi-line plain scalar folded into one line). */
  text: string;
  /** What kubectl reads. */
  kubectl: Yaml11Value;
  /** What lineup (and any YAML 1.2 reader) reads. */
  lineup: unknown;
}

/** go-yaml v2's table of plain scalars resolved by lookup (resolve.go `resolveMapList`), `<<` aside. */
const LOOKUP = new Map<string, Yaml11Value>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s): [string, Yaml11Value] => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s): [string, Yaml11Value] => [s, false]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s): [string, Yaml11Value] => [s, null]),
  ...['.nan', '.NaN', '.NAN'].map((s): [string, Yaml11Value] => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s): [string, Yaml11Value] => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s): [string, Yaml11Value] => [s, -Infinity]),
]);

/** The longest text in LOOKUP: a longer plain scalar is not one of them. */
const LOOKUP_LONGEST = Math.max(...[...LOOKUP.keys()].map((k) => k.length));

/**
 * Integer literals Go's strconv.ParseInt/ParseUint (base 0) and big.Int.SetString (base 0) accept
 * once go-yaml has removed every `_`: a sign, then `0x`, `0b`, `0o` in either case, a leading `0`
 * for octal, or decimal.
 */
const GO_INTEGER = /^([-+]?)(?:0[xX]([0-9a-fA-F]+)|0[bB]([01]+)|0[oO]([0-7]+)|(0[0-7]*)|([1-9][0-9]*))$/;

/** resolve.go `yamlStyleFloat`, tried after the integers. */
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseFloat on what go-yaml tries it with (a scalar starting with `.`): decimal forms only. */
const GO_DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

function goInteger(text: string): number | undefined {
  const m = GO_INTEGER.exec(text);
  if (!m) return undefined;
  const [, sign, hex, binary, octal, leadingZero, decimal] = m;
  const digits = hex !== undefined ? `0x${hex}` : binary !== undefined ? `0b${binary}` : octal !== undefined ? `0o${octal}` : leadingZero !== undefined ? `0o${leadingZero.slice(1) || '0'}` : decimal;
  const magnitude = Number(BigInt(digits));
  return sign === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/**
 * go-yaml v2's `resolve` for an untagged plain scalar, as decoded into `interface{}`. Timestamps
 * are left out: decoded into `interface{}`, go-yaml v2 gives a timestamp back as its string.
 */
export function resolveYaml11(text: string): Yaml11Value {
  // Looking a string up hashes all of it; the loader asks about every plain scalar it reads.
  if (text.length <= LOOKUP_LONGEST) {
    const known = LOOKUP.get(text);
    if (known !== undefined || LOOKUP.has(text)) return known ?? null;
  }
  const hint = text.charCodeAt(0);
  if (hint === 0x2e /* . */) {
    return GO_DOT_FLOAT.test(text) ? Number(text) : text;
  }
  const isDigit = hint >= 0x30 && hint <= 0x39;
  if (isDigit || hint === 0x2b /* + */ || hint === 0x2d /* - */) {
    const plain = text.replace(/_/g, '');
    const integer = goInteger(plain);
    if (integer !== undefined) return integer;
    if (YAML_STYLE_FLOAT.test(plain)) {
      const float = Number(plain);
      // ParseFloat fails on out-of-range values; go-yaml then keeps the text.
      if (Number.isFinite(float)) return float;
    }
  }
  return text;
}

/** Whether kubectl's reading and lineup's differ (NaN reads the same both ways). */
function differ(kubectl: Yaml11Value, lineup: unknown): boolean {
  if (typeof kubectl === 'number' && typeof lineup === 'number') return !(kubectl === lineup || (Number.isNaN(kubectl) && Number.isNaN(lineup)));
  return kubectl !== lineup;
}

/** Whether kubectl reads the plain scalar `text` as another value than `lineup`, the value lineup read from it. */
export function readsDifferentlyInYaml11(text: string, lineup: unknown): boolean {
  return differ(resolveYaml11(text), lineup);
}

/**
 * Where a document may hold a plain scalar that reads differently under YAML 1.1: one of the
 * boolean words alone in a value position (after `key: `, `- `, in a flow collection, or alone on
 * its line below its key or dash; perhaps after an anchor), or a number-like token there with a
 * leading zero, an upper-case base prefix, a sign before a dot or an underscore, or an underscore
 * after its first character. A test on the text (about a tenth of the time js-yaml takes to parse
 * it), so that only such documents (few) are parsed again; it may say yes to a quoted or
 * block-scalar text, never no to a document with a reading.
 */
const CANDIDATE = /(?:[:-][ \t]+|[[{,][ \t]*|^[ \t]*)(?:&\S+[ \t]+)?(?:(?:[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)[ \t]*(?:$|[#,\]}])|[-+]?0[0-7_BOX]|[-+][._]|[-+]?[0-9.][^\s,\]}#]*_)/m;

export function mayHoldYaml11Readings(documentText: string): boolean {
  return CANDIDATE.test(documentText);
}

/**
 * The plain scalars of a document (its text) that kubectl reads differently from the value lineup
 * read from it (`value`). Only a document that may hold one is read again, with every plain scalar
 * kept as written, and walked beside lineup's value. Paths follow the value: keys are matched as
 * written, and what lineup's value lacks (merge keys) is not followed; a node reached again through
 * an alias is not visited twice.
 */
export function yaml11Readings(documentText: string, value: unknown): Yaml11Reading[] {
  if (!mayHoldYaml11Readings(documentText)) return [];
  let written: unknown;
  try {
    written = jsyaml.load(documentText, { schema: AS_WRITTEN_SCHEMA });
  } catch {
    return []; // lineup read it; a reading as written cannot fail where that one did not, but no reading is no finding
  }
  const out: Yaml11Reading[] = [];
  const visited = new Set<object>();
  const visit = (node: unknown, path: PathStep[], read: unknown): void => {
    if (node === null || typeof node !== 'object' || visited.has(node)) return;
    visited.add(node);
    if (node instanceof String) {
      const text = node.valueOf();
      if (readsDifferentlyInYaml11(text, read)) out.push({ path, text, kubectl: resolveYaml11(text), lineup: read });
    } else if (Array.isArray(node)) {
      if (Array.isArray(read)) node.forEach((item, i) => visit(item, [...path, i], read[i]));
    } else if (read !== null && typeof read === 'object' && !Array.isArray(read)) {
      for (const key of Object.keys(node)) {
        if (Object.prototype.hasOwnProperty.call(read, key)) visit((node as Record<string, unknown>)[key], [...path, key], (read as Record<string, unknown>)[key]);
      }
    }
  };
  visit(written, [], value);
  return out;
}
