/**
 * Exact positions for field paths, computed on demand. Only objects that get a finding pay for
 * locating. Block-style documents are read line by line (block-locate.ts); where that walk cannot
 * be sure, the `yaml` package's concrete syntax tree of the document
 * (tokens with offsets, no values built) answers the common case — a path through block and flow
 * mappings and sequences with plain or quoted keys; anything it cannot answer exactly as the
 * composed document would (keys that resolve to numbers or booleans, anchors and tags on the way,
 * `?` keys) is answered by a composed `yaml` document, about twice the work.
 */
import type { CST, Document, Node, Pair } from 'yaml';
import type { SourceLocation } from '../findings';
import { parsePath, type PathStep } from '../k8s/field-path';
import { reachInBlockText, type Reached } from './block-locate';
import { PLAIN_KEY_MAY_RESOLVE } from './block-style';
import type { OpenFiles, SourceText } from './file-text';
import { markerBlanked, type DocumentChunk } from './split';
import type { ManifestSource } from './types';

/** `yaml` is loaded on first use: a run without findings never needs it (start-up time counts). */
function yamlLib(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export type { Reached };

type CollectionItem = CST.BlockMap['items'][number] | CST.FlowCollection['items'][number];

/** Anchors and tags before a key or value: the composed document positions such nodes differently. */
function hasProperties(tokens: readonly CST.SourceToken[] | undefined): boolean {
  return tokens !== undefined && tokens.some((t) => t.type === 'anchor' || t.type === 'tag' || t.type === 'explicit-key-ind');
}

/** The item of a mapping whose key is `step`, or undefined (not there); null when only the composed document can tell. */
function findEntry(items: readonly CollectionItem[], step: string): CollectionItem | undefined | null {
  const { CST: cst } = yamlLib();
  for (const item of items) {
    const key = item.key;
    if (!key || hasProperties(item.start)) return null;
    if (key.type === 'scalar') {
      if (PLAIN_KEY_MAY_RESOLVE.test(key.source)) return null;
    } else if (key.type !== 'single-quoted-scalar' && key.type !== 'double-quoted-scalar') {
      return null;
    }
    const resolved = cst.resolveAsScalar(key);
    if (!resolved || resolved.value === step) return resolved ? item : null;
  }
  return undefined;
}

/** Start of a value's text, or undefined for a value that has none (`key:` alone). Null: ask the composed document. */
function valueStart(item: CollectionItem, value: CST.Token | undefined): number | undefined | null {
  if (hasProperties(item.sep) || hasProperties(item.start)) return null;
  if (value === undefined) return undefined;
  switch (value.type) {
    case 'block-map':
    case 'block-seq':
    case 'flow-collection':
    case 'block-scalar':
      return value.offset;
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      return value.source === '' ? null : value.offset;
    default:
      return null;
  }
}

/**
 * Follows `steps` through a document's syntax tree. Null when the tree cannot answer exactly as the
 * composed document would; the caller then asks the composed document.
 */
export function reachInTree(root: CST.Token | undefined, steps: readonly PathStep[]): Reached | null {
  if (root === undefined || !('offset' in root)) return null;
  let node: CST.Token | undefined = root;
  let named: number | undefined = root.offset;
  let value: number | undefined = named;
  let resolved = 0;
  for (const step of steps) {
    let item: CollectionItem | undefined | null;
    if (node.type === 'block-map' || (node.type === 'flow-collection' && node.start.source === '{')) {
      item = findEntry(node.items, String(step));
      if (item === null) return null;
      if (item === undefined) break;
      named = item.key!.offset;
    } else if ((node.type === 'block-seq' || (node.type === 'flow-collection' && node.start.source === '[')) && typeof step === 'number') {
      item = node.items[step];
      if (item === undefined) break;
      if (item.key !== undefined || item.value === undefined) return null;
    } else if (node.type === 'scalar' || node.type === 'single-quoted-scalar' || node.type === 'double-quoted-scalar' || node.type === 'block-seq' || node.type === 'flow-collection') {
      break;
    } else {
      return null;
    }
    const start = valueStart(item, item.value);
    if (start === null) return null;
    if (item.key === undefined) named = start;
    value = start ?? named;
    resolved++;
    node = item.value;
    if (node === undefined) break;
  }
  return { named, value, resolved };
}

/** Follows `steps` through the composed document (values resolved as the `yaml` package reads them). */
export function reachInDocument(doc: Document.Parsed, steps: readonly PathStep[]): Reached | undefined {
  if (!doc.contents) return undefined;
  const { isMap, isSeq, isScalar } = yamlLib();
  let node: Node | null = doc.contents as Node;
  let named: number | undefined = node.range?.[0];
  let value: number | undefined = named;
  let resolved = 0;
  for (const step of steps) {
    if (isMap(node)) {
      const pair: Pair | undefined = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      const key = pair.key as Node;
      named = key.range?.[0] ?? named;
      node = (pair.value as Node | null) ?? null;
      value = node?.range && node.range[0] < node.range[1] ? node.range[0] : named;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as Node | undefined;
      if (!item) break;
      named = item.range?.[0] ?? named;
      value = named;
      node = item;
    } else {
      break;
    }
    resolved++;
    if (node === null) break;
  }
  return { named, value, resolved };
}

/**
 * One document of a file, by offsets into the file's text (which is read again, not kept, for a
 * file on disk: file-text.ts), plus where it sits in the file.
 */
export class LocatableText {
  readonly start: number;
  private readonly end: number;
  /** 1-based line in the file where the document starts. */
  readonly startLine: number;
  readonly markerLine: boolean;

  constructor(
    readonly file: string,
    /** The file's text (offsets are into it). */
    private readonly source: SourceText,
    chunk: DocumentChunk,
  ) {
    this.start = chunk.start;
    this.end = chunk.end;
    this.startLine = chunk.startLine;
    this.markerLine = chunk.markerLine;
  }

  /**
   * The document's text (the `---` on its first line blanked), built only when a position is asked;
   * undefined when its file changed since it was loaded.
   */
  text(files?: OpenFiles): string | undefined {
    const body = this.source.slice(this.start, this.end, files);
    return body === undefined ? undefined : markerBlanked(body, this.markerLine);
  }

  /**
   * Position of `base` + `fieldPath`. When the whole path exists: its value (for a block mapping or
   * list, where its first entry starts, e.g. `app: wbe` under `selector:`; a flow `{}`/`[]` or a scalar, the value itself), or its key when the value has
   * no text (`key:` alone). When the path stops early (a missing field), the key of the deepest
   * step that exists: a missing `metadata.name` points at `metadata:`, not at its first entry.
   *
   * Nothing is kept between calls: thousands of findings would otherwise keep thousands of parsed
   * documents alive with the model, and a document rarely has more than one finding.
   */
  locatePath(base: readonly PathStep[], fieldPath: string | undefined, fallback: SourceLocation, files?: OpenFiles): SourceLocation {
    return this.locatePaths([fieldPath ? [...base, ...parsePath(fieldPath)] : base], fallback, files)[0]!;
  }

  /**
   * The positions of several paths from one parse of the document: a `kind: List` places each of
   * its items this way, where one parse per item would cost the document's length for every item.
   */
  locatePaths(paths: readonly (readonly PathStep[])[], fallback: SourceLocation, files?: OpenFiles): SourceLocation[] {
    const text = this.text(files);
    if (text === undefined) return paths.map(() => fallback);
    let tree: { value: CST.Token | undefined } | undefined;
    let document: Document.Parsed | undefined;
    return paths.map((steps) => {
      let reached: Reached | null | undefined;
      try {
        reached = this.readsLines ? reachInBlockText(text, steps) : null;
        if (reached === null) {
          tree ??= { value: this.syntaxTree(text) };
          reached = reachInTree(tree.value, steps);
        }
        if (reached === null) {
          document ??= yamlLib().parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
          reached = reachInDocument(document, steps);
        }
      } catch {
        return fallback;
      }
      if (!reached) return fallback;
      const best = reached.resolved === steps.length ? reached.value : reached.named;
      if (best === undefined) return fallback;
      const { line, column } = lineAndColumn(text, best);
      return { file: this.file, line: this.startLine - 1 + line, column };
    });
  }

  /**
   * Whether paths are first looked for by reading the document's lines (block-locate.ts), which
   * costs the lines up to the path each time and keeps nothing.
   */
  protected get readsLines(): boolean {
    return true;
  }

  /** The document's syntax tree, parsed anew on each call (see locatePath). */
  protected syntaxTree(text: string): CST.Token | undefined {
    const { Parser } = yamlLib();
    return documentTree(new Parser().parse(text));
  }
}

/**
 * A `kind: List` document: one document that holds many objects, each of which may have findings.
 * Its syntax tree is kept after the first parse, so that locating a finding costs the walk to it,
 * not a parse of the whole List (a 2,000-item List with a finding per item took minutes). One
 * tree per List document stays alive with the model, bounded by the input's size.
 */
export class ListDocument extends LocatableText {
  private tree: { value: CST.Token | undefined } | undefined;

  /** Reading the lines up to each item's path would cost the List's length once per finding. */
  protected override get readsLines(): boolean {
    return false;
  }

  protected override syntaxTree(text: string): CST.Token | undefined {
    this.tree ??= { value: super.syntaxTree(text) };
    return this.tree.value;
  }
}

/**
 * The 1-based line and column of an offset, counted in the text itself: only the one offset a
 * finding needs is asked, so counting the line breaks before it costs less than the parser's
 * LineCounter, which records every line start of the document.
 */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The content of the first document among a text's tokens. */
function documentTree(tokens: Iterable<CST.Token>): CST.Token | undefined {
  for (const token of tokens) if (token.type === 'document') return token.value;
  return undefined;
}

interface SerializedSource {
  file: string;
  documentIndex: number;
  line: number;
  column: number;
}

/**
 * The source of an object that is a whole document, i.e. nearly every object: the document and
 * the object's start in one object, since tens of thousands of these stay alive with the model
 * (and the garbage collector pays for every one).
 */
export class DocumentSource extends LocatableText implements ManifestSource {
  constructor(
    file: string,
    source: SourceText,
    chunk: DocumentChunk,
    readonly documentIndex: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(file, source, chunk);
  }

  locate(fieldPath?: string, files?: OpenFiles): SourceLocation {
    const start = { file: this.file, line: this.line, column: this.column };
    return fieldPath ? this.locatePath(NO_STEPS, fieldPath, start, files) : start;
  }

  /** What a serialized source says (not the file's text it refers to). */
  toJSON(): SerializedSource {
    return { file: this.file, documentIndex: this.documentIndex, line: this.line, column: this.column };
  }
}

const NO_STEPS: readonly PathStep[] = [];

/** The source of an item of a `kind: List` document: the items share their document's positions. */
export class ItemSource implements ManifestSource {
  readonly file: string;

  constructor(
    private readonly document: LocatableText,
    readonly documentIndex: number,
    readonly line: number,
    readonly column: number,
    /** The item's path in the document (`items[3]`). */
    private readonly base: readonly PathStep[],
  ) {
    this.file = document.file;
  }

  locate(fieldPath?: string, files?: OpenFiles): SourceLocation {
    const start = { file: this.file, line: this.line, column: this.column };
    return fieldPath ? this.document.locatePath(this.base, fieldPath, start, files) : start;
  }

  toJSON(): SerializedSource {
    return { file: this.file, documentIndex: this.documentIndex, line: this.line, column: this.column };
  }
}
