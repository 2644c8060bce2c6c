/**
 * Field errors as the API server builds and prints them (apimachinery pkg/util/validation/field,
 * errors.go), and the two ways users see a rejection: the Status message
 * (`Service "web" is invalid: [a, b]`) and kubectl's rendering of its causes.
 *
 * Sources: kubernetes/apimachinery pkg/util/validation/field/errors.go (Error.ErrorBody,
 * NotSupported, TooMany), pkg/util/errors/errors.go (aggregate.Error), pkg/api/errors/errors.go
 * (NewInvalid); kubernetes/kubectl pkg/cmd/util/helpers.go (checkErr, MultilineError).
 */

export type FieldErrorType = 'Required' | 'Invalid' | 'Duplicate' | 'Unsupported' | 'Forbidden' | 'TooLong' | 'TooMany' | 'NotFound';

export interface FieldError {
  /** Upstream field path, e.g. `spec.ports[0].port`. */
  field: string;
  type: FieldErrorType;
  /** The offending value; rendered as Go does (see renderValue). Ignored for Required/Forbidden/TooLong. */
  value?: unknown;
  detail?: string;
}

/**
 * A value that Go prints in `%#v` syntax (internal structs such as `core.ServicePort{...}`, typed
 * nil slices) or that we want printed verbatim (JSON of a wrongly-typed input). Rendered as is.
 */
export class GoValue {
  constructor(readonly text: string) {}
}

/** The reason string of the Status cause (metav1.CauseType). */
export const CAUSE_REASONS: Record<FieldErrorType, string> = {
  Required: 'FieldValueRequired',
  Invalid: 'FieldValueInvalid',
  Duplicate: 'FieldValueDuplicate',
  Unsupported: 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  TooLong: 'FieldValueTooLong',
  TooMany: 'FieldValueTooMany',
  NotFound: 'FieldValueNotFound',
};

const TYPE_WORDS: Record<FieldErrorType, string> = {
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  Unsupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  NotFound: 'Not found',
};

/** Types whose rendering never shows the value. */
const VALUELESS = new Set<FieldErrorType>(['Required', 'Forbidden', 'TooLong']);

/** Go's `%q`: double-quoted with Go escapes (printable Unicode stays as is). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0x80 && cp < 0xa0) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * The value part as upstream prints it: numbers and booleans bare, strings `%q`, nil (an unset
 * pointer) `null`, string slices in Go syntax (`[]string{"10.0.0.1"}`, the form the reference
 * quotes for clusterIPs), GoValue verbatim, anything else as JSON.
 */
export function renderValue(value: unknown): string {
  if (value instanceof GoValue) return value.text;
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v)).join(', ')}}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The message without the field: `Invalid value: 0: must be between 1 and 65535, inclusive`. */
export function renderErrorBody(e: FieldError): string {
  let s = TYPE_WORDS[e.type];
  if (!VALUELESS.has(e.type)) s += `: ${renderValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** `spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive`. */
export function renderFieldError(e: FieldError): string {
  return `${e.field}: ${renderErrorBody(e)}`;
}

function distinctRendered(errors: readonly FieldError[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const text = renderFieldError(e);
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}

/**
 * The Status message of the 422 response: `Service "web" is invalid: <err>`, or with several
 * distinct errors `... is invalid: [<err1>, <err2>]` (what wrapping commands print after `error: `).
 */
export function renderStatusMessage(kind: string, name: string, errors: readonly FieldError[]): string {
  const texts = distinctRendered(errors);
  const body = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return `${kind} ${goQuote(name)} is invalid: ${body}`;
}

/**
 * What `kubectl apply/create` prints: one cause on one line, several as a first line ending in
 * `invalid: ` (trailing space kept) followed by `* <field>: <message>` lines, duplicates dropped.
 */
export function renderInvalid(kind: string, name: string, errors: readonly FieldError[]): string {
  const texts = distinctRendered(errors);
  const head = `The ${kind} ${goQuote(name)} is invalid: `;
  if (texts.length === 1) return head + texts[0];
  return [head, ...texts.map((t) => `* ${t}`)].join('\n');
}

// ---- constructors, mirroring field.Required(...), field.Invalid(...) ----------------------------

export function required(field: string, detail = ''): FieldError {
  return { field, type: 'Required', detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { field, type: 'Invalid', value, detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { field, type: 'Duplicate', value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { field, type: 'Forbidden', detail };
}

/** field.NotSupported: `supported values: "A", "B"` with the list sorted as upstream's sets.List. */
export function notSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const sorted = [...supported].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const detail = sorted.length > 0 ? `supported values: ${sorted.map((v) => goQuote(v)).join(', ')}` : '';
  return { field, type: 'Unsupported', value, detail };
}

/** field.TooMany: `Too many: 1001: must have at most 1000 items`. */
export function tooMany(field: string, actual: number, max: number): FieldError {
  return { field, type: 'TooMany', value: actual, detail: `must have at most ${max} ${max === 1 ? 'item' : 'items'}` };
}

/** One Invalid error per helper message (`for _, msg := range IsX(v) { field.Invalid(...) }`). */
export function invalidEach(field: string, value: unknown, messages: readonly string[]): FieldError[] {
  return messages.map((msg) => invalid(field, value, msg));
}
