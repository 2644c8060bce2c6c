/**
 * Go's text/tabwriter, as kubectl uses it: cells are tab-terminated, the last cell of a line is not
 * part of any column, and a column's width is computed over each block of consecutive lines that
 * have a cell in that column (so a line with fewer cells starts a new alignment block).
 * Cell width = text width + padding, at least minWidth; padding is written with spaces.
 */
export interface TabWriterOptions {
  minWidth: number;
  padding: number;
}

/** kubectl get (cli-runtime GetNewTabWriter): min width 6, tab width 4, padding 3, spaces. */
export const GET_TABWRITER: TabWriterOptions = { minWidth: 6, padding: 3 };
/** kubectl describe (tabbedString): min width 0, tab width 8, padding 2, spaces. */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minWidth: 0, padding: 2 };

type Cells = readonly (readonly string[])[];

/** Formats text containing `\t` cell separators and `\n` line ends. */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  const out: string[] = [];
  layOut(
    body.split('\n').map((l) => l.split('\t')),
    opts,
    (line) => out.push(line),
  );
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells → aligned table text (each row ends with a newline). */
export function tabwriteRows(rows: Cells, opts: TabWriterOptions): string {
  const out: string[] = [];
  writeTabwrittenRows(rows, opts, (line) => out.push(line));
  return out.join('');
}

/**
 * Rows of cells → aligned lines (each with its newline), handed to `write` one at a time and in
 * order, so that a table of millions of cells (`reach`) never exists as one string. A table whose
 * cells hold tabs or line breaks is laid out as text and written in one piece.
 */
export function writeTabwrittenRows(rows: Cells, opts: TabWriterOptions, write: (line: string) => void): void {
  if (rows.length === 0) return;
  // A cell holding a tab or a line break splits as it would in the text Go's tabwriter is given.
  if (rows.some((r) => r.some((c) => c.includes('\t') || c.includes('\n')))) {
    write(tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', opts));
    return;
  }
  layOut(rows, opts, (line) => write(`${line}\n`));
}

function width(s: string): number {
  // Go counts runes (code points), not UTF-16 units.
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Lines laid out by text/tabwriter's algorithm, emitted in order. */
function layOut(lines: Cells, opts: TabWriterOptions, emit: (line: string) => void): void {
  const widths: number[] = [];
  // Each line is joined from its parts: appending millions of cells one by one would keep a tree
  // of partial strings per line alive until the line is first read.
  const parts: string[] = [];
  const padding: string[] = []; // by length, made once each
  const spaces = (n: number): string => (n <= 0 ? '' : (padding[n] ??= ' '.repeat(n)));
  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      parts.length = 0;
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j]!;
        parts.push(cell);
        if (j < widths.length) parts.push(spaces(widths[j]! - width(cell)));
      }
      emit(parts.join(''));
    }
  };
  /** Writer.format: the lines of [line0, line1) whose columns before `widths.length` are sized. */
  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    let start = line0;
    let i = line0;
    while (i < line1) {
      // Only tab-terminated cells (all but the last) belong to a column.
      if (column >= lines[i]!.length - 1) {
        i++;
        continue;
      }
      writeLines(start, i);
      start = i;
      let w = opts.minWidth;
      for (; i < line1; i++) {
        const l = lines[i]!;
        if (column >= l.length - 1) break;
        w = Math.max(w, width(l[column]!) + opts.padding);
      }
      widths.push(w);
      format(start, i);
      widths.pop();
      start = i;
    }
    writeLines(start, line1);
  };
  format(0, lines.length);
}
