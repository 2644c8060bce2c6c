/**
 * What the two readers of block-style YAML share (block-locate.ts for positions, block-read.ts
 * for values): the characters they look at, how they classify them, and which plain keys only a
 * YAML parser may read. Both read the style Helm, kubectl and cdk8s write and hand everything
 * else to a full parser, so they must agree on what "everything else" starts with.
 */

export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const BANG = 33;
export const DQUOTE = 34;
export const HASH = 35;
export const PERCENT = 37;
export const AMPERSAND = 38;
export const SQUOTE = 39;
export const STAR = 42;
export const PLUS = 43;
export const COMMA = 44;
export const DASH = 45;
export const DOT = 46;
export const DIGIT_0 = 48;
export const DIGIT_1 = 49;
export const DIGIT_9 = 57;
export const COLON = 58;
export const LT = 60;
export const GT = 62;
export const QUESTION = 63;
export const AT = 64;
export const LBRACKET = 91;
export const BACKSLASH = 92;
export const RBRACKET = 93;
export const BACKTICK = 96;
export const LBRACE = 123;
export const PIPE = 124;
export const RBRACE = 125;
export const TILDE = 126;

/**
 * A plain key that YAML's core schema reads as something other than its text (`80`, `0x1F`,
 * `true`, `~`, `.5`): only a YAML parser can say which value (and which key text) it becomes.
 */
export const PLAIN_KEY_MAY_RESOLVE = /^(?:[-+.0-9~]|(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$)/;

/** PLAIN_KEY_MAY_RESOLVE on the plain key `text[from, to)`, without cutting it out of the text unless it may be a word. */
export function plainKeyMayResolve(text: string, from: number, to: number): boolean {
  const c = text.charCodeAt(from);
  if (c === DASH || c === PLUS || c === DOT || (c >= DIGIT_0 && c <= DIGIT_9) || c === TILDE) return true;
  const length = to - from;
  return (length === 4 || length === 5) && PLAIN_KEY_MAY_RESOLVE.test(text.slice(from, to));
}

/** Whether the plain key `text[from, to)` is `<<`, a merge key. */
export function isMergeKey(text: string, from: number, to: number): boolean {
  return to - from === 2 && text.charCodeAt(from) === LT && text.charCodeAt(from + 1) === LT;
}

export function isLineEnd(c: number): boolean {
  // NaN: past the end of the text.
  return c === LF || c === CR || Number.isNaN(c);
}

export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || isLineEnd(c);
}

/** A character that starts something other than a plain scalar (YAML's indicators). */
export function isIndicator(c: number): boolean {
  return (
    c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE || c === HASH || c === AMPERSAND ||
    c === STAR || c === BANG || c === PIPE || c === GT || c === SQUOTE || c === DQUOTE || c === PERCENT || c === AT ||
    c === BACKTICK
  );
}

/** Whether the text at `at` cannot start a plain scalar: an indicator, or `-`, `?`, `:` followed by a blank. */
export function cannotStartPlain(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return isIndicator(c) || ((c === DASH || c === QUESTION || c === COLON) && isBlank(text.charCodeAt(at + 1)));
}

/** What nextContentLine answers for a line that begins with a tab, or with `-` and a tab. */
export const TAB_FIRST = -1;

/**
 * The lines of a block-style document as both walkers move over them. Positions are offsets into
 * `text`; `indent` is the indentation of the line nextContentLine found last. The locator makes one
 * walk a document; the reader is reused, its text set for each document.
 */
export abstract class BlockLines {
  protected text = '';
  protected end = 0;
  protected indent = 0;

  /**
   * From the line starting at `line`: the start of the next line that is neither blank nor a
   * comment (its indentation in `indent`), `end` when there is none, or TAB_FIRST: neither walker
   * reads a tab as indentation, nor after an item's `-`.
   */
  protected nextContentLine(line: number): number {
    const t = this.text;
    let start = line;
    while (start < this.end) {
      let i = start;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (c === TAB || (c === DASH && t.charCodeAt(i + 1) === TAB)) return TAB_FIRST;
      if (c !== HASH && !isLineEnd(c)) {
        this.indent = i - start;
        return start;
      }
      start = this.lineAfter(i);
    }
    this.indent = 0;
    return this.end;
  }

  /** The start of the line after the one `at` is on, or `end`. */
  protected lineAfter(at: number): number {
    const nl = this.text.indexOf('\n', at);
    return nl < 0 ? this.end : nl + 1;
  }

  /** The column (0-based) of a position: how far it is from its line's start. */
  protected column(at: number): number {
    return at - (this.text.lastIndexOf('\n', at - 1) + 1);
  }
}
