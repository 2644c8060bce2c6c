/**
 * Splitting a YAML stream into documents with a cheap line scan, so that each document can be
 * parsed on its own: fast (the block reader, else js-yaml) for the model, and again for positions
 * only when a finding needs one. A line starting with `---` or `...` followed by a space or the line end is a
 * document marker wherever it appears (YAML 1.2, section 9.1: not even block scalars may contain one at
 * column 0), so the scan cannot cut a document in the wrong place.
 */
export interface DocumentChunk {
  /** Where the document is in the file's text: `[start, end)`. No copy is made (see documentText). */
  start: number;
  end: number;
  /** The document starts right after a `---` on its first line (`--- {a: 1}`, or just `---`). */
  markerLine: boolean;
  /** 1-based line in the file where the document begins. */
  startLine: number;
  /** 0-based index among the file's documents. */
  index: number;
}

/**
 * The document's own text, for the parsers that need one: the `---` on its first line is blanked
 * with spaces so that columns stay true.
 */
export function documentText(text: string, chunk: DocumentChunk): string {
  return markerBlanked(text.slice(chunk.start, chunk.end), chunk.markerLine);
}

/** A document's text from its `[start, end)` characters: what the `---` took is put back as spaces. */
export function markerBlanked(body: string, markerLine: boolean): string {
  return markerLine ? `   ${body}` : body;
}

function isMarker(text: string, at: number, ch: string): boolean {
  if (text.charCodeAt(at) !== ch.charCodeAt(0) || text.charCodeAt(at + 1) !== ch.charCodeAt(0) || text.charCodeAt(at + 2) !== ch.charCodeAt(0)) return false;
  const next = text.charCodeAt(at + 3);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 10 || next === 13;
}

export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let docStart = 0;
  let docStartLine = 1;
  let line = 1;
  let pos = 0;
  let markerLine = false;
  // Blank documents are dropped but still counted: indices name documents as the file has them.
  let index = 0;
  const push = (end: number): void => {
    if (!isBlankDocument(text, docStart, end)) chunks.push({ start: docStart, end, markerLine, startLine: docStartLine, index });
    index++;
  };
  while (pos <= text.length) {
    if (pos === text.length) break;
    if (isMarker(text, pos, '-') || isMarker(text, pos, '.')) {
      const isStart = text.charCodeAt(pos) === 45;
      // Everything before this marker is the previous document (possibly empty: leading `---`).
      if (pos > docStart || markerLine) push(pos);
      if (isStart) {
        // `--- {a: 1}` carries content on the marker line: keep it, with the marker blanked.
        docStart = pos + 3;
        markerLine = true;
        docStartLine = line;
      } else {
        // `...` ends a document; what follows up to the next `---` is not content.
        const eol = text.indexOf('\n', pos);
        docStart = eol < 0 ? text.length : eol + 1;
        markerLine = false;
        docStartLine = line + 1;
      }
    }
    const eol = text.indexOf('\n', pos);
    if (eol < 0) break;
    pos = eol + 1;
    line++;
  }
  if (docStart < text.length || markerLine) push(text.length);
  return chunks;
}

/** Only whitespace and comments: not a document at all (e.g. the space after a trailing `---`). */
function isBlankDocument(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (c === 35 || (c === 37 && (i === 0 || text.charCodeAt(i - 1) === 10))) {
      // Comments, and `%YAML`/`%TAG` directives, which belong to the next document's header.
      const eol = text.indexOf('\n', i);
      if (eol < 0 || eol >= end) return true;
      i = eol + 1;
    } else {
      return false;
    }
  }
  return true;
}

/** Line and column (1-based) of the first content character of a document. */
export function firstContentPosition(text: string): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      column = 1;
      i++;
    } else if (c === 32 || c === 9 || c === 13) {
      column++;
      i++;
    } else if (c === 35) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
    } else if (c === 37 && column === 1) {
      // A `%YAML` directive line.
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
    } else {
      return { line, column };
    }
  }
  return { line: 1, column: 1 };
}
