/**
 * What the loader met that is not an object it can hand on: typed, located, and not yet worded.
 * The loader is the only place that sees the text, so it finds these; the rules that own them word
 * them for people (the parse-error and invalid-object rules in lib/rules/).
 */
import type { SourceLocation } from '../findings';
import type { ShapeProblem } from './depth';

export type LoadProblem = (
  /** Text that does not parse: `reason` is the parser's (js-yaml's or the JSON reader's) own account. */
  | { type: 'syntax'; at: SourceLocation; reason: string }
  /** A template placeholder (`{{name}}`) that was never rendered: YAML reads it as a mapping used as a key. */
  | { type: 'template-placeholder'; at: SourceLocation; placeholder?: string }
  /** A document that would nest or expand without bound; it was not read. */
  | { type: 'shape'; at: SourceLocation; shape: ShapeProblem }
  /** A file that is not UTF-8 text: UTF-16 (byte order mark), binary (NUL bytes), or invalid UTF-8 at `at`. */
  | { type: 'encoding'; at: SourceLocation; encoding: 'utf-16' | 'binary' | 'invalid-utf-8' }
  /** A document that is not a mapping: `found` says what it is (`a list`, `empty`, `a string`). */
  | { type: 'not-an-object'; at: SourceLocation; documentIndex: number; found: string }
  /** A mapping without `apiVersion`, `kind` or `metadata.name`; `field` is the first missing one. */
  | { type: 'missing-identity'; at: SourceLocation; documentIndex: number; kind?: string; name?: string; missing: string[]; field: string }
  /** An object built in code that nests without end, refers to itself, or is too large to copy. */
  | { type: 'unsafe-object'; at: SourceLocation; documentIndex: number; shape: ShapeProblem }
) & {
  /** cdk8s construct path of the document, when it came from a chart. */
  constructPath?: string;
  /** Where the construct was created in the program's source, when known. */
  origin?: SourceLocation;
};

