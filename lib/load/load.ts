/**
 * Reading manifests: files, directories, standard input; multi-document YAML, JSON, `kind: List`.
 * The model is built from one read per document: off its lines for block-style YAML
 * (block-read.ts), else by js-yaml (the fastest YAML parser there is, with no positions); source
 * positions are located lazily, only for objects that get a finding (locate.ts). Malformed input never throws: it becomes a typed problem (problems.ts) that a rule
 * words. Only I/O problems (missing path, unreadable file) throw
 * UsageError, which the CLI turns into exit status 2.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { findPlaceholder, hasMappingKey } from './template-placeholder';
import type { SourceLocation } from '../findings';
import { isObject, type Json, type JsonObject } from '../k8s/json';
import type { PathStep } from '../k8s/field-path';
import { UsageError } from '../errors';
import { BlockReader } from './block-read';
import { documentShape, type DocumentShape, type ShapeProblem } from './depth';
import { KeptText, sourceText, type SourceText } from './file-text';
import { DocumentSource, ItemSource, ListDocument, type LocatableText } from './locate';
import { describeIoError, readInput } from './read-input';
import { identify } from './objects';
import { ORIGINS_FILE, attachOrigins } from './origins-file';
import type { LoadProblem } from './problems';
import { documentText, firstContentPosition, splitDocuments, type DocumentChunk } from './split';
import { emptyLoadResult, type LoadOptions, type LoadResult, type ManifestObject, type ManifestSource } from './types';
import { yaml11Readings, type Yaml11Reading } from './yaml11';
import { SCHEMA } from './yaml-schema';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** cdk8s writes this next to the manifests when validations are configured; it is not a manifest. */
const CDK8S_METADATA_FILE = 'construct-metadata.json';

/** Files in an output directory that are not manifests (lineup's origins file has no manifest extension anyway). */
const NOT_MANIFESTS = new Set([CDK8S_METADATA_FILE, ORIGINS_FILE]);

interface ParsedDoc {
  value?: unknown;
  error?: { message: string; line: number; column: number };
}

/** The shape of every document the block reader answers (see addText). */
const READ_SHAPE: DocumentShape = { numbersAreJson: true };

/** YAML allows a byte order mark at the start of every document, not only the stream (files concatenated by tools). */
const LEADING_BOM = /^([ \t\r\n]*)\ufeff/;

function parseChunk(chunk: DocumentChunk, chunkText: string): ParsedDoc {
  const text = chunkText.includes('\ufeff') ? chunkText.replace(LEADING_BOM, '$1') : chunkText;
  try {
    // js-yaml shares an aliased node instead of copying it, so even billion laughs parses in
    // microseconds; documentShapeProblem then refuses what would expand (see depth.ts).
    return { value: jsyaml.load(text, { schema: SCHEMA, json: false }) };
  } catch (e) {
    if (e instanceof jsyaml.YAMLException) {
      const mark = (e as jsyaml.YAMLException & { mark?: { line: number; column: number } }).mark;
      return { error: { message: e.reason ?? e.message, line: chunk.startLine + (mark?.line ?? 0), column: (mark?.column ?? 0) + 1 } };
    }
    if (e instanceof RangeError) {
      return { error: { message: 'the document nests too deeply to be a Kubernetes object', line: chunk.startLine, column: 1 } };
    }
    return { error: { message: e instanceof Error ? e.message : String(e), line: chunk.startLine, column: 1 } };
  }
}

function parseError(file: string, error: { message: string; line: number; column: number }): LoadProblem {
  return { type: 'syntax', at: { file, line: error.line, column: error.column }, reason: error.message };
}

/** A document too deep or too large to walk safely: located at its start, never re-parsed for positions. */
function shapeProblem(file: string, chunk: DocumentChunk, chunkText: string, shape: ShapeProblem): LoadProblem {
  const first = firstContentPosition(chunkText);
  return { type: 'shape', at: { file, line: chunk.startLine - 1 + first.line, column: first.column }, shape };
}

/** An unrendered template placeholder: located at the placeholder when it is written as a value, else at the document. */
function placeholderProblem(file: string, chunk: DocumentChunk, chunkText: string): LoadProblem {
  const at = findPlaceholder(chunkText) ?? { ...firstContentPosition(chunkText), placeholder: undefined };
  return { type: 'template-placeholder', at: { file, line: chunk.startLine - 1 + at.line, column: at.column }, placeholder: at.placeholder };
}

/** Loads one file's text. `file` is how findings name it. */
export function loadText(text: string, file: string, opts: LoadOptions = {}): LoadResult {
  const result: LoadResult = emptyLoadResult([file]);
  objectLimit = maxInputObjects();
  const kept = withoutBom(text);
  addText(result, kept, new KeptText(kept), file, opts.defaultNamespace ?? 'default');
  attachOrigins(result);
  return result;
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Adds a file's documents; `source` gives its text back to the positions of its findings. */
function addText(result: LoadResult, text: string, source: SourceText, file: string, defaultNamespace: string): void {
  const trimmed = text.trimStart();
  // A file that parses as JSON is one document; one that only starts like JSON may be a YAML
  // stream of flow-style documents (`{...}\n---\n{...}`), so it is split like any other.
  const json = trimmed.startsWith('{') || trimmed.startsWith('[') ? parseJson(text) : undefined;
  const chunks: DocumentChunk[] = json ? jsonChunk(text) : splitDocuments(text);
  const reader = json ? undefined : new BlockReader();
  for (const chunk of chunks) {
    const chunkText = documentText(text, chunk);
    // Block-style YAML is read off its lines when block-read.ts is sure of the value; js-yaml reads the rest.
    const read = reader?.read(chunkText);
    const parsed: ParsedDoc = json ?? (read !== undefined ? { value: read } : parseChunk(chunk, chunkText));
    if (parsed.error) {
      result.problems.push(parseError(file, parsed.error));
      continue;
    }
    if (parsed.value === null || parsed.value === undefined) continue;
    // What the block reader answers is within depth.ts's bounds and holds only numbers JSON writes
    // (it hands over everything else), so there is nothing for the shape check to find.
    const shape = read !== undefined ? READ_SHAPE : documentShape(parsed.value);
    if (shape.problem) {
      result.problems.push(shapeProblem(file, chunk, chunkText, shape.problem));
      continue;
    }
    // js-yaml reads a mapping as a key (`{{ .Values.x }}`, an unrendered template, or a `?` key) as
    // "[object Object]"; JSON never makes one, YAML only with a `{` or a `?`, and the block reader
    // never (it hands over `{{`, `?` keys and flow mappings other than `{}`).
    if (!json && read === undefined && (chunkText.includes('{') || chunkText.includes('?')) && hasMappingKey(parsed.value)) {
      result.problems.push(placeholderProblem(file, chunk, chunkText));
      continue;
    }
    // JSON.parse made the values of JSON text and of what the block reader read: they keep no text.
    const value = json || read !== undefined ? parsed.value : detached(parsed.value, chunkText, shape.numbersAreJson);
    // The block reader found the YAML 1.1 readings of what it read, unless their order was not sure.
    const readings = json ? [] : (read !== undefined ? reader?.yaml11 : undefined) ?? yaml11Readings(chunkText, value);
    addDocument(result, value as Json, file, source, chunk, firstContentPosition(chunkText), readings, defaultNamespace);
  }
}

/**
 * The value js-yaml read, copied out of the text it was read from, when a JSON round trip copies
 * it exactly: no anchor in the document (so no node is shared), and every number one JSON writes
 * as is. js-yaml's long strings are slices of its own copy of the document, so the values the
 * model keeps would keep a copy of nearly every document alive: at 50,000 objects the values hold
 * 126 MB, of which 46 MB are the values themselves. The copy costs about what it saves in garbage
 * collection (bench/PROFILE.md, round 6).
 */
function detached(value: unknown, documentText: string, numbersAreJson: boolean): unknown {
  return numbersAreJson && !documentText.includes('&') ? JSON.parse(JSON.stringify(value)) : value;
}

function jsonChunk(text: string): DocumentChunk[] {
  return [{ start: 0, end: text.length, markerLine: false, startLine: 1, index: 0 }];
}

/** JSON.parse is the fastest parser there is; on a syntax error (undefined), YAML parsing reports the position. */
function parseJson(text: string): ParsedDoc | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/**
 * Adds one document's object(s); `first` is where its content starts within the document's text,
 * `readings` the plain scalars in it that kubectl reads differently (paths from the document's root).
 */
function addDocument(result: LoadResult, value: Json, file: string, text: SourceText, chunk: DocumentChunk, first: { line: number; column: number }, readings: Yaml11Reading[], defaultNamespace: string): void {
  const line = chunk.startLine - 1 + first.line;
  if (isList(value)) {
    // `kind: List` (what `kubectl get -o yaml` prints) is flattened into its items, which share the document's positions.
    const document = new ListDocument(file, text, chunk);
    addListItems(result, value, document, chunk.index, { file, line, column: first.column }, readings, defaultNamespace);
    return;
  }
  addObject(result, value, new DocumentSource(file, text, chunk, chunk.index, line, first.column), readings, defaultNamespace);
}

/** The readings under `prefix` (a List item's path), with paths from there. */
function readingsUnder(readings: Yaml11Reading[], prefix: readonly PathStep[]): Yaml11Reading[] {
  return readings.filter((r) => prefix.every((step, i) => r.path[i] === step)).map((r) => ({ ...r, path: r.path.slice(prefix.length) }));
}

function isList(value: Json): value is JsonObject & { items: Json[] } {
  return isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items);
}

function addListItems(result: LoadResult, list: JsonObject & { items: Json[] }, document: LocatableText, documentIndex: number, documentStart: SourceLocation, readings: Yaml11Reading[], defaultNamespace: string): void {
  // Nested Lists are flattened too; every item is placed from one parse of the document.
  const items: { item: Json; path: PathStep[] }[] = [];
  const collect = (l: JsonObject & { items: Json[] }, base: readonly PathStep[]): void => {
    l.items.forEach((item, i) => {
      const path = [...base, 'items', i];
      if (isList(item)) collect(item, path);
      else items.push({ item, path });
    });
  };
  collect(list, []);
  const starts = document.locatePaths(items.map((i) => i.path), documentStart);
  items.forEach(({ item, path }, i) => {
    const start = starts[i]!;
    addObject(result, item, new ItemSource(document, documentIndex, start.line, start.column, path), readings.length > 0 ? readingsUnder(readings, path) : readings, defaultNamespace);
  });
}

/** kustomize's file names: a folder holding one is a kustomization. */
const KUSTOMIZATION_FILES = new Set(['kustomization.yaml', 'kustomization.yml']);

function addObject(result: LoadResult, value: Json, source: ManifestSource, readings: Yaml11Reading[], defaultNamespace: string): void {
  const { object, problem, skipped } = identify(value, source, defaultNamespace);
  if (skipped) {
    result.skipped.push({ file: source.file, line: source.line, column: source.column, reason: skipped });
    const dir = path.posix.dirname(source.file);
    // A kustomize file found in a folder (by its name or its kind) makes the folder a kustomization, once.
    if (source.file !== '<stdin>' && (skipped === 'kustomize' || KUSTOMIZATION_FILES.has(path.posix.basename(source.file))) && !result.kustomizations.some((k) => k.dir === dir)) {
      result.kustomizations.push({ dir, file: source.file, line: source.line, column: source.column });
    }
    return;
  }
  if (problem) result.problems.push(problem);
  if (object) {
    if (readings.length > 0) object.yaml11 = readings;
    result.objects.push(object);
    if (result.objects.length > objectLimit) {
      throw new UsageError(`the inputs hold more than ${objectLimit.toLocaleString('en')} objects (at ${source.file}); lineup models at most that many per run, so memory stays bounded: check the inputs in parts, e.g. one directory or namespace at a time`);
    }
  }
}

/**
 * How many objects one run models. Memory grows with the objects (about 2 KiB each once loaded,
 * more for the pods they make): 500,000 stays within Node's default heap, and beyond it a clear
 * exit-2 message beats running out of memory. LINEUP_MAX_OBJECTS lowers it (tests use it).
 */
export const MAX_INPUT_OBJECTS = 500_000;

/** The limit for the load in progress (read once per load: process.env is slow to read per object). */
let objectLimit = MAX_INPUT_OBJECTS;

function maxInputObjects(): number {
  const env = Number(process.env.LINEUP_MAX_OBJECTS);
  return Number.isInteger(env) && env > 0 && env < MAX_INPUT_OBJECTS ? env : MAX_INPUT_OBJECTS;
}

function decodeUtf8(bytes: Buffer, file: string): { text?: string; problem?: LoadProblem } {
  // Windows tools (PowerShell's `>`) write UTF-16: say so rather than call it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { problem: { type: 'encoding', at: { file, line: 1, column: 1 }, encoding: 'utf-16' } };
  }
  if (bytes.includes(0)) {
    return { problem: { type: 'encoding', at: { file, line: 1, column: 1 }, encoding: 'binary' } };
  }
  try {
    // isUtf8 + toString is the native fast path; the text is what a fatal TextDecoder returns (BOM dropped).
    if (!isUtf8(bytes)) throw new Error('not UTF-8');
    const text = bytes.toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    // Find the first bad byte for the message.
    const text = bytes.toString('utf8');
    const bad = text.indexOf('\ufffd');
    const before = bad < 0 ? text : text.slice(0, bad);
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return { problem: { type: 'encoding', at: { file, line, column }, encoding: 'invalid-utf-8' } };
  }
}

/** Recursively lists manifest files under a directory, sorted by path, following symlinks once. */
function listDirectory(dir: string, seen: Set<string>, out: string[]): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    throw new UsageError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  if (seen.has(real)) return; // a symlink loop, or the same directory twice
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new UsageError(`cannot read directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const names = entries.map((e) => e.name).sort();
  for (const name of names) {
    const full = path.join(dir, name);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      continue; // a dangling symlink is not an input
    }
    if (stat.isDirectory()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      listDirectory(full, seen, out);
    } else if (stat.isFile() && MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase()) && !NOT_MANIFESTS.has(name)) {
      out.push(full);
    }
  }
}

/** Expands the paths given on the command line into files, in a deterministic order. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      // Only a missing path is "no such file"; a symlink loop or a permission problem says so.
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code === 'ENOENT' || code === undefined ? `no such file or directory: ${p}` : `cannot read ${p}: ${describeIoError(e)}; check the path`);
    }
    if (stat.isDirectory()) listDirectory(p, seen, files);
    else files.push(p);
  }
  return files;
}

/** Loads every manifest under the given paths (`-` = standard input). */
export function loadPaths(paths: string[], opts: LoadOptions = {}): LoadResult {
  const result: LoadResult = emptyLoadResult();
  const defaultNamespace = opts.defaultNamespace ?? 'default';
  objectLimit = maxInputObjects();
  for (const file of expandPaths(paths)) {
    const display = file === '-' ? '<stdin>' : file.split(path.sep).join('/');
    const input = readInput(file, display);
    result.files.push(display);
    const { text, problem }: { text?: string; problem?: LoadProblem } = 'text' in input ? input : decodeUtf8(input.bytes, display);
    if (problem) result.problems.push(problem);
    if (text === undefined) continue;
    const withoutMark = withoutBom(text);
    const byteLength = 'text' in input ? input.byteLength : input.bytes.length;
    const source = sourceText(withoutMark, byteLength, file === '-' ? undefined : file, input.stamp);
    addText(result, withoutMark, source, display, defaultNamespace);
  }
  attachOrigins(result);
  return result;
}

export type { ManifestObject };
