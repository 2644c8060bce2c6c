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
  private readonly start: number;
  private readonly end: number;
  /** 1-based line in the file where the document starts. */
  readonly startLine: number;
  private readonly markerLine: boolean;
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
    const source = this.source;
    let line = this.startLine;
    // The first line starts at the `---` when the document starts after one.
    let lineStart = this.markerLine ? this.start - 3 : this.start;
    for (let i = this.start; i < offset; i++) {
      if (source.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { file: this.file, line, column: offset - lineStart + 1 };
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
  locate(base: readonly PathStep[], fieldPath: string | undefined, fallback: SourceLocation): SourceLocation {
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
