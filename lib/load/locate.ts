/**
 * Exact positions for field paths, computed on demand. Only objects that get a finding pay for
 * locating: a document the block reader read (fast-yaml.ts) is read again with positions
 * recorded (microseconds); any other document gets a positioned `yaml` parse (with a
 * LineCounter, ~10× slower than the model's parse). Once per document, cached.
 */
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { SourceLocation } from '../findings';
import { parsePath, type PathStep } from '../k8s/field-path';
import { blockYamlPositions, locateOffset, type NodePosition } from './fast-yaml';
import { documentText, type DocumentChunk } from './split';
import type { ManifestSource } from './types';

/** File line and column of `offset`, counted from the start of the document `chunk` of the file's text `source`. */
export function positionInDocument(file: string, source: string, chunk: Pick<DocumentChunk, 'start' | 'startLine' | 'markerLine'>, offset: number): SourceLocation {
  let line = chunk.startLine;
  // The first line starts at the `---` when the document starts after one.
  let lineStart = chunk.markerLine ? chunk.start - 3 : chunk.start;
  for (let i = chunk.start; i < offset; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

/** `yaml` is loaded on first use: a run without findings never needs it (start-up time counts). */
function yamlLib(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export interface PositionedDocument {
  doc: Document.Parsed;
  lines: LineCounter;
}

/**
 * One document of a file, by offsets into the file's text (no copy of its own: the values read
 * from it already point into that text), plus where it sits in the file.
 */
export class LocatableText {
  readonly start: number;
  private readonly end: number;
  /** 1-based line in the file where the document starts. */
  readonly startLine: number;
  readonly markerLine: boolean;
  private parsed: PositionedDocument | null | undefined = undefined;
  private blockPositions: NodePosition | null | undefined = undefined;

  constructor(
    readonly file: string,
    /** The whole file's text. */
    private readonly source: string,
    chunk: DocumentChunk,
    /** The block reader read this document, so it can locate in it without `yaml`. */
    private readonly blockYaml: boolean,
  ) {
    this.start = chunk.start;
    this.end = chunk.end;
    this.startLine = chunk.startLine;
    this.markerLine = chunk.markerLine;
  }

  /** The document's text (the `---` on its first line blanked), built only for a `yaml` parse. */
  get text(): string {
    return documentText(this.source, { start: this.start, end: this.end, markerLine: this.markerLine, startLine: this.startLine, index: 0 });
  }

  /** File line and column of an offset into the file's text, within this document. */
  positionAt(offset: number): SourceLocation {
    return positionInDocument(this.file, this.source, this, offset);
  }

  private positioned(): PositionedDocument | undefined {
    if (this.parsed === undefined) {
      try {
        const { LineCounter, parseDocument } = yamlLib();
        const lines = new LineCounter();
        const doc = parseDocument(this.text, { lineCounter: lines, keepSourceTokens: false, uniqueKeys: false });
        this.parsed = { doc, lines };
      } catch {
        this.parsed = null;
      }
    }
    return this.parsed ?? undefined;
  }

  private toLocation(offset: number): SourceLocation {
    const parsed = this.positioned()!;
    const { line, col } = parsed.lines.linePos(offset);
    return { file: this.file, line: this.startLine - 1 + line, column: col };
  }

  /**
   * Position of `base` + `fieldPath`. When the whole path exists: its value (for a block mapping or
   * list, where its first entry starts, e.g. `app: wbe` under `selector:`, as the contract's
   * example does; a flow `{}`/`[]` or a scalar, the value itself), or its key when the value has
   * no text (`key:` alone). When the path stops early (a missing field), the key of the deepest
   * step that exists: a missing `metadata.name` points at `metadata:`, not at its first entry.
   */
  locatePath(base: readonly PathStep[], fieldPath: string | undefined, fallback: SourceLocation): SourceLocation {
    const steps = fieldPath ? [...base, ...parsePath(fieldPath)] : base;
    if (this.blockYaml) {
      if (this.blockPositions === undefined) this.blockPositions = blockYamlPositions(this.source, this.start, this.end, this.markerLine) ?? null;
      const offset = this.blockPositions ? locateOffset(this.blockPositions, steps) : undefined;
      // Undefined: a key the `yaml` package may read differently; it answers below, as it does for other documents.
      if (offset !== undefined) return this.positionAt(offset);
    }
    const parsed = this.positioned();
    if (!parsed || !parsed.doc.contents) return fallback;
    const { isMap, isSeq, isScalar } = yamlLib();
    let node: Node | null = parsed.doc.contents as Node;
    // Where the deepest existing step is named (its key, or the list item), and where its value starts.
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
    const best = resolved === steps.length ? value : named;
    return best === undefined ? fallback : this.toLocation(best);
  }
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
    source: string,
    chunk: DocumentChunk,
    blockYaml: boolean,
    readonly documentIndex: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(file, source, chunk, blockYaml);
  }

  locate(fieldPath?: string): SourceLocation {
    const start = { file: this.file, line: this.line, column: this.column };
    return fieldPath ? this.locatePath(NO_STEPS, fieldPath, start) : start;
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

  locate(fieldPath?: string): SourceLocation {
    const start = { file: this.file, line: this.line, column: this.column };
    return fieldPath ? this.document.locatePath(this.base, fieldPath, start) : start;
  }

  toJSON(): SerializedSource {
    return { file: this.file, documentIndex: this.documentIndex, line: this.line, column: this.column };
  }
}
