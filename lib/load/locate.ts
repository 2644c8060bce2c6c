/**
 * Exact positions for field paths, computed on demand. Only objects that get a finding pay for a
 * positioned parse (`yaml` with a LineCounter, ~10× slower than the model's parse), once per
 * document, cached.
 */
import type { Document, LineCounter, Node, Pair } from 'yaml';
import type { SourceLocation } from '../findings';
import { parsePath, type PathStep } from '../k8s/field-path';

/** `yaml` is loaded on first use: a run without findings never needs it (start-up time counts). */
function yamlLib(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}

export interface PositionedDocument {
  doc: Document.Parsed;
  lines: LineCounter;
}

/** A document's text plus where it sits in its file; parses itself with positions on first use. */
export class LocatableText {
  private parsed?: PositionedDocument | null;

  constructor(
    readonly file: string,
    readonly text: string,
    /** 1-based line in the file where `text` starts. */
    readonly startLine: number,
  ) {}

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
    const parsed = this.positioned();
    if (!parsed || !parsed.doc.contents) return fallback;
    const { isMap, isSeq, isScalar } = yamlLib();
    const steps = [...base, ...(fieldPath ? parsePath(fieldPath) : [])];
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
