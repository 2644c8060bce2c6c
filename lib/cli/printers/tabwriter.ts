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

/** Formats text containing `\t` cell separators and `\n` line ends. */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  const endsWithNewline = text.endsWith('\n');
  const body = endsWithNewline ? text.slice(0, -1) : text;
  const lines = body.split('\n').map((l) => l.split('\t'));
  const out: string[] = new Array<string>(lines.length);
  format(lines, 0, lines.length, [], opts, out);
  return out.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Rows of cells → aligned table text (each row ends with a newline). */
export function tabwriteRows(rows: readonly (readonly string[])[], opts: TabWriterOptions): string {
  return rows.length === 0 ? '' : tabwrite(rows.map((r) => r.join('\t')).join('\n') + '\n', opts);
}

function width(s: string): number {
  // Go counts runes (code points), not UTF-16 units.
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The recursive column-block algorithm of text/tabwriter's Writer.format. */
function format(lines: string[][], line0: number, line1: number, widths: number[], opts: TabWriterOptions, out: string[]): void {
  const column = widths.length;
  let start = line0;
  let i = line0;
  while (i < line1) {
    const line = lines[i]!;
    // Only tab-terminated cells (all but the last) belong to a column.
    if (column >= line.length - 1) {
      i++;
      continue;
    }
    writeLines(lines, start, i, widths, out);
    start = i;
    let w = opts.minWidth;
    for (; i < line1; i++) {
      const l = lines[i]!;
      if (column >= l.length - 1) break;
      w = Math.max(w, width(l[column]!) + opts.padding);
    }
    format(lines, start, i, [...widths, w], opts, out);
    start = i;
  }
  writeLines(lines, start, line1, widths, out);
}

function writeLines(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
  for (let i = from; i < to; i++) {
    const cells = lines[i]!;
    let s = '';
    cells.forEach((cell, j) => {
      s += cell;
      if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j]! - width(cell)));
    });
    out[i] = s;
  }
}
