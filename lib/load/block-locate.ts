/**
 * Positions of field paths read straight off a document's lines, for the block-style YAML that
 * Helm, kubectl and cdk8s write: mappings and sequences laid out by indentation, one key per line,
 * scalars and small flow collections as values. Locating a finding this way costs a walk over the
 * lines before it; the `yaml` package's syntax tree (locate.ts) costs a tokenizer pass over the
 * whole document and the package's loading, about ten times more in a run (bench/PROFILE.md,
 * round 8).
 *
 * The walk must give exactly what the syntax tree gives, so it answers only where it reads the
 * document exactly as the `yaml` parser does and returns null everywhere else: anchors, tags,
 * aliases, `?` and `<<` keys on the way, keys the composed document reads as numbers or booleans,
 * quoted keys with escapes, a step into a flow collection or block scalar, tabs where indentation
 * or separation is read, a continuation line that is not indented past its parent (the two parsers
 * disagree on such text), and anything it does not recognise. Null means "ask the syntax tree".
 *
 * Lines are read from the start of the document up to the step that is looked for; the values of
 * the entries passed on the way are read just far enough to know where they end (a quoted scalar
 * or flow collection may run over several lines, a block scalar's content may look like keys).
 */
import type { PathStep } from '../k8s/field-path';
import {
  AMPERSAND, BANG, BACKSLASH, COLON, COMMA, CR, DASH, DIGIT_1, DIGIT_9, DQUOTE, GT, HASH, LBRACE, LBRACKET, LF, PIPE, PLUS, QUESTION,
  RBRACE, RBRACKET, SPACE, SQUOTE, STAR, TAB, TAB_FIRST, BlockLines, cannotStartPlain, isBlank, isLineEnd, isMergeKey, plainKeyMayResolve,
} from './block-style';

/** Where a path leads: the deepest step found (`named`: its key or item), and the value's start. */
export interface Reached {
  named: number | undefined;
  value: number | undefined;
  /** How many steps were found. */
  resolved: number;
}

/** The walk cannot answer exactly: the caller asks the syntax tree. A line that begins with a tab is one such case, so this is TAB_FIRST too. */
const UNSURE = TAB_FIRST;
/** A step that is not in its mapping or sequence. */
const ABSENT = -2;

/** What starts at a position (returned by the methods that classify a value). */
const MAP = 1;
const SEQ = 2;
const SCALAR = 3;
/** A flow collection or block scalar: the syntax tree answers steps into it. */
const OTHER = 4;
/** A key with nothing after it: its value has no text. */
const EMPTY = 5;

const KEY = 1;
const NOT_KEY = 0;

/**
 * Follows `steps` through a block-style document's text. Null when the walk cannot be sure to
 * answer exactly what the `yaml` syntax tree answers (see the module comment).
 */
export function reachInBlockText(text: string, steps: readonly PathStep[]): Reached | null {
  // A carriage return is a line break of its own to some YAML readers; only CRLF is read here.
  for (let r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== LF) return null;
  // A byte order mark is passed over at the start only; elsewhere the two YAML readers differ on it.
  if (text.indexOf('\ufeff', 1) >= 0) return null;
  return new BlockWalk(text).reach(steps);
}

/**
 * One walk over one document. Positions are offsets into the text; the methods that move over
 * lines return the start of the next line with content (or the text's length), and leave that
 * line's indentation in `indent`, or return UNSURE.
 */
class BlockWalk extends BlockLines {
  /** Where the first line starts: after a byte order mark, which is not indentation. */
  private readonly origin: number;
  /** Set by readKey: the key's text (inside its quotes, if any) and the position after its `:`. */
  private keyFrom = 0;
  private keyTo = 0;
  private afterColon = 0;
  private keyIsPlain = false;
  /** Set by setNode: where the node last classified starts, and the indentation of its entries. */
  private at = 0;
  private nodeIndent = 0;

  constructor(text: string) {
    super();
    this.text = text;
    this.end = text.length;
    this.origin = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  reach(steps: readonly PathStep[]): Reached | null {
    const first = this.nextContentLine(this.origin);
    if (first === UNSURE || first === this.end) return null;
    let kind = this.nodeOnItsLine(first, this.indent);
    // A root that is a scalar or flow collection is rare and not what this walk is for.
    if (kind !== MAP && kind !== SEQ) return null;
    // The `yaml` parser counts a byte order mark into the columns of `- key:` on the first line.
    if (kind === SEQ && first === this.origin && this.origin !== 0) return null;
    let at = this.at;
    let indent = this.nodeIndent;
    let named: number | undefined = at;
    let value: number | undefined = at;
    let resolved = 0;
    let depth = 0;
    for (const step of steps) {
      let next: number;
      if (kind === MAP) {
        const key = this.findKey(at, indent, String(step), depth === 0);
        if (key === UNSURE) return null;
        if (key === ABSENT) break;
        named = key;
        next = this.entryValue(this.afterColon, indent);
        if (next === UNSURE) return null;
      } else if (kind === SEQ) {
        if (typeof step !== 'number') break;
        const dash = this.findItem(at, indent, step, depth === 0);
        if (dash === UNSURE) return null;
        if (dash === ABSENT) break;
        next = this.itemValue(dash, indent);
        // An item with no value: the syntax tree has no node to point at.
        if (next === UNSURE || next === EMPTY) return null;
        named = this.at;
      } else if (kind === SCALAR) {
        break;
      } else {
        return null;
      }
      resolved++;
      if (next === EMPTY) {
        value = named;
        break;
      }
      value = this.at;
      kind = next;
      at = this.at;
      indent = this.nodeIndent;
      depth++;
    }
    return { named, value, resolved };
  }

  /**
   * The key `key` of the mapping whose first key is at `first` and whose keys are indented by
   * `indent`: its position (and afterColon), ABSENT or UNSURE. Every key before it is read: the
   * syntax tree hands over a mapping with any key it cannot compare, so this walk does too.
   */
  private findKey(first: number, indent: number, key: string, root: boolean): number {
    let at = first;
    for (;;) {
      if (this.readKey(at) !== KEY) return UNSURE;
      if (this.keyIsPlain && (plainKeyMayResolve(this.text, this.keyFrom, this.keyTo) || isMergeKey(this.text, this.keyFrom, this.keyTo))) return UNSURE;
      if (this.keyTo - this.keyFrom === key.length && this.text.startsWith(key, this.keyFrom)) return at;
      const next = this.skipEntryValue(this.afterColon, indent);
      const sibling = this.sibling(next, indent, root);
      if (sibling < 0) return sibling;
      at = next + indent;
    }
  }

  /** Item `index` of the sequence whose first `-` is at `first`: the position of its `-`, ABSENT or UNSURE. */
  private findItem(first: number, indent: number, index: number, root: boolean): number {
    let dash = first;
    for (let i = 0; i < index; i++) {
      const next = this.skipItem(dash, indent);
      const sibling = this.sibling(next, indent, root);
      if (sibling < 0) return sibling;
      if (!this.isDash(next + indent)) return ABSENT;
      dash = next + indent;
    }
    return dash;
  }

  /**
   * Whether the content line `next` continues the collection indented by `indent` (0), ends it
   * (ABSENT) or cannot be read (UNSURE). Content after the root collection has ended is not a
   * document this walk understands.
   */
  private sibling(next: number, indent: number, root: boolean): number {
    if (next === UNSURE) return UNSURE;
    if (next === this.end) return ABSENT;
    if (this.indent < indent) return root ? UNSURE : ABSENT;
    if (this.indent > indent) return UNSURE;
    return 0;
  }

  // ---- What a value is -------------------------------------------------------------------------

  /** The value of a mapping entry whose `:` ends at `afterColon`, in a mapping indented by `indent`. */
  private entryValue(afterColon: number, indent: number): number {
    const at = this.spaces(afterColon);
    if (at === UNSURE) return UNSURE;
    const c = this.text.charCodeAt(at);
    if (!isLineEnd(c) && c !== HASH) return this.inlineNode(at);
    const next = this.nextContentLine(this.lineAfter(at));
    if (next === UNSURE) return UNSURE;
    if (next !== this.end && this.indent > indent) return this.nodeOnItsLine(next, this.indent);
    // A sequence may sit at its key's own indentation (`key:` then `- item`).
    if (next !== this.end && this.indent === indent && this.isDash(next + indent)) return this.setNode(SEQ, next + indent, indent);
    return this.setNode(EMPTY, at, indent);
  }

  /** The value of the sequence item whose `-` is at `dash`, in a sequence indented by `indent`. */
  private itemValue(dash: number, indent: number): number {
    const at = this.spaces(dash + 1);
    if (at === UNSURE) return UNSURE;
    const c = this.text.charCodeAt(at);
    if (isLineEnd(c) || c === HASH) {
      const next = this.nextContentLine(this.lineAfter(at));
      if (next === UNSURE) return UNSURE;
      if (next !== this.end && this.indent > indent) return this.nodeOnItsLine(next, this.indent);
      return this.setNode(EMPTY, at, indent);
    }
    // `- - a` and `- key: v`: a collection starts on the item's line, indented by its column.
    if (this.isDash(at)) return this.setNode(SEQ, at, this.column(at));
    const key = this.readKey(at);
    if (key === UNSURE) return UNSURE;
    if (key === KEY) return this.setNode(MAP, at, this.column(at));
    return this.inlineNode(at);
  }

  /** The node whose first character is the first content of a line, indented by `indent`. */
  private nodeOnItsLine(line: number, indent: number): number {
    const at = line + indent;
    if (this.isDash(at)) return this.setNode(SEQ, at, indent);
    const key = this.readKey(at);
    if (key === UNSURE) return UNSURE;
    if (key === KEY) return this.setNode(MAP, at, indent);
    return this.inlineNode(at);
  }

  /** A value that is not a block collection, starting at `at`. */
  private inlineNode(at: number): number {
    const c = this.text.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) return this.setNode(SCALAR, at, 0);
    if (c === PIPE || c === GT || c === LBRACKET || c === LBRACE) return this.setNode(OTHER, at, 0);
    // Anchors, tags and aliases: the syntax tree positions such nodes differently (and so must be asked).
    if (cannotStartPlain(this.text, at)) return UNSURE;
    return this.setNode(SCALAR, at, 0);
  }

  /** Records where a node starts; returns its kind. */
  private setNode(kind: number, at: number, indent: number): number {
    this.at = at;
    this.nodeIndent = indent;
    return kind;
  }

  // ---- Passing over values ---------------------------------------------------------------------

  /** Passes over the value of a mapping entry (see entryValue); returns the next content line. */
  private skipEntryValue(afterColon: number, indent: number): number {
    const at = this.skipProperties(this.spaces(afterColon));
    if (at === UNSURE) return UNSURE;
    const c = this.text.charCodeAt(at);
    if (!isLineEnd(c) && c !== HASH) return this.skipInline(at, indent);
    const next = this.nextContentLine(this.lineAfter(at));
    if (next === UNSURE || next === this.end) return next;
    if (this.indent > indent) return this.skipNodeOnItsLine(next, this.indent, indent);
    if (this.indent === indent && this.isDash(next + indent)) return this.skipSequence(next + indent, indent);
    return next;
  }

  /** Passes over the item whose `-` is at `dash` (see itemValue); returns the next content line. */
  private skipItem(dash: number, indent: number): number {
    const start = this.spaces(dash + 1);
    const at = this.skipProperties(start);
    if (at === UNSURE) return UNSURE;
    const c = this.text.charCodeAt(at);
    if (isLineEnd(c) || c === HASH) {
      const next = this.nextContentLine(this.lineAfter(at));
      if (next === UNSURE || next === this.end) return next;
      return this.indent > indent ? this.skipNodeOnItsLine(next, this.indent, indent) : next;
    }
    const propertied = at !== start;
    if (this.isDash(at)) return propertied ? UNSURE : this.skipSequence(at, this.column(at));
    const key = this.readKey(at);
    if (key === UNSURE) return UNSURE;
    if (key === KEY) return propertied ? UNSURE : this.skipMapping(at, this.column(at));
    return this.skipInline(at, indent);
  }

  /** Passes over a node that starts a line (a value below its key or `-`, whose entry is indented by `owner`). */
  private skipNodeOnItsLine(line: number, indent: number, owner: number): number {
    const at = line + indent;
    if (this.isDash(at)) return this.skipSequence(at, indent);
    const key = this.readKey(at);
    if (key === UNSURE) return UNSURE;
    if (key === KEY) return this.skipMapping(at, indent);
    const c = this.text.charCodeAt(at);
    if (c === AMPERSAND || c === BANG) return UNSURE;
    return this.skipInline(at, owner);
  }

  private skipMapping(first: number, indent: number): number {
    let at = first;
    for (;;) {
      if (this.readKey(at) !== KEY) return UNSURE;
      const next = this.skipEntryValue(this.afterColon, indent);
      if (next === UNSURE || next === this.end || this.indent < indent) return next;
      if (this.indent > indent) return UNSURE;
      at = next + indent;
    }
  }

  private skipSequence(first: number, indent: number): number {
    let dash = first;
    for (;;) {
      const next = this.skipItem(dash, indent);
      if (next === UNSURE || next === this.end || this.indent < indent) return next;
      if (this.indent > indent) return UNSURE;
      // Not a `-`: the next key of the mapping that holds this sequence at its own indentation.
      if (!this.isDash(next + indent)) return next;
      dash = next + indent;
    }
  }

  /** Anchors and tags before a value are passed over (they do not change where the value ends). */
  private skipProperties(from: number): number {
    let at = from;
    while (at !== UNSURE) {
      const c = this.text.charCodeAt(at);
      if (c !== AMPERSAND && c !== BANG) break;
      while (!isBlank(this.text.charCodeAt(at))) at++;
      at = this.spaces(at);
    }
    return at;
  }

  /**
   * Passes over a scalar or flow collection that starts at `at`, belonging to an entry indented by
   * `owner`: its continuation lines must be indented past `owner`.
   */
  private skipInline(at: number, owner: number): number {
    const c = this.text.charCodeAt(at);
    let after: number;
    if (c === PIPE || c === GT) return this.skipBlockScalar(at, owner);
    if (c === DQUOTE || c === SQUOTE) {
      after = this.skipQuoted(at, owner);
    } else if (c === LBRACKET || c === LBRACE) {
      after = this.skipFlow(at, owner);
    } else if (c === STAR) {
      after = at + 1;
      while (!isBlank(this.text.charCodeAt(after))) after++;
    } else if (cannotStartPlain(this.text, at)) {
      return UNSURE;
    } else {
      return this.skipPlain(at, owner);
    }
    if (after === UNSURE) return UNSURE;
    // Only a comment may follow on the same line.
    const rest = this.spaces(after);
    if (rest === UNSURE) return UNSURE;
    const r = this.text.charCodeAt(rest);
    if (!isLineEnd(r) && !(r === HASH && rest > after)) return UNSURE;
    return this.nextContentLine(this.lineAfter(rest));
  }

  /**
   * A plain scalar goes on over the following lines indented past its owner; a comment ends it
   * (a line after the comment cannot continue it, and such text is left to the syntax tree).
   */
  private skipPlain(at: number, owner: number): number {
    const t = this.text;
    let segment = at;
    let line = this.lineAfter(at);
    for (;;) {
      if (line >= this.end) return this.end;
      let i = line;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (isLineEnd(c)) {
        line = this.lineAfter(i);
        continue;
      }
      if (c === TAB) return UNSURE;
      if (c === HASH || i - line <= owner) return this.nextContentLine(line);
      if (this.hasComment(segment, line)) return UNSURE;
      segment = i;
      line = this.lineAfter(i);
    }
  }

  /** Whether the text from `from` up to `to` holds a comment (`#` after a space or tab). */
  private hasComment(from: number, to: number): boolean {
    for (let i = from + 1; i < to; i++) {
      if (this.text.charCodeAt(i) !== HASH) continue;
      const before = this.text.charCodeAt(i - 1);
      if (before === SPACE || before === TAB) return true;
    }
    return false;
  }

  /** Passes over a quoted scalar; returns the position after its closing quote. */
  private skipQuoted(at: number, owner: number): number {
    const t = this.text;
    const quote = t.charCodeAt(at);
    for (let i = at + 1; i < this.end; i++) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        if (quote === SQUOTE && t.charCodeAt(i + 1) === SQUOTE) {
          i++;
          continue;
        }
        return i + 1;
      }
      if (c === BACKSLASH && quote === DQUOTE && t.charCodeAt(i + 1) !== LF && t.charCodeAt(i + 1) !== CR) {
        i++;
      } else if (c === LF) {
        const next = this.continuationLine(i + 1, owner);
        if (next === UNSURE) return UNSURE;
        i = next - 1;
      }
    }
    return UNSURE;
  }

  /**
   * Passes over a flow collection; returns the position after its closing bracket. A quote opens a
   * quoted scalar only where a scalar may start (after `[`, `{`, `,`, `?` or a value's `:`); inside a
   * plain scalar it is text.
   */
  private skipFlow(at: number, owner: number): number {
    const t = this.text;
    let depth = 0;
    // Whether a scalar may start here (as opposed to the middle or end of one).
    let scalarMayStart = true;
    // The last scalar was quoted or a collection: a `:` right after it is a value's.
    let afterJsonLike = false;
    for (let i = at; i < this.end; i++) {
      const c = t.charCodeAt(i);
      if (c === LBRACKET || c === LBRACE) {
        depth++;
        scalarMayStart = true;
        afterJsonLike = false;
      } else if (c === RBRACKET || c === RBRACE) {
        depth--;
        if (depth === 0) return i + 1;
        scalarMayStart = false;
        afterJsonLike = true;
      } else if (c === COMMA) {
        scalarMayStart = true;
        afterJsonLike = false;
      } else if (c === DQUOTE || c === SQUOTE) {
        if (!scalarMayStart) {
          // A quote right after a quoted scalar or collection is not YAML; inside a plain scalar it is text.
          if (afterJsonLike) return UNSURE;
          continue;
        }
        const after = this.skipQuoted(i, owner);
        if (after === UNSURE) return UNSURE;
        i = after - 1;
        scalarMayStart = false;
        afterJsonLike = true;
      } else if (c === COLON || c === QUESTION) {
        if (isBlank(t.charCodeAt(i + 1)) || (c === COLON && afterJsonLike)) {
          scalarMayStart = true;
          afterJsonLike = false;
        } else {
          scalarMayStart = false;
        }
      } else if (c === LF) {
        const next = this.continuationLine(i + 1, owner);
        if (next === UNSURE) return UNSURE;
        i = next - 1;
      } else if (c === HASH && (t.charCodeAt(i - 1) === SPACE || t.charCodeAt(i - 1) === TAB)) {
        const eol = t.indexOf('\n', i);
        if (eol < 0) return UNSURE;
        i = eol - 1;
      } else if (c !== SPACE && c !== TAB && c !== CR) {
        scalarMayStart = false;
        afterJsonLike = false;
      }
    }
    return UNSURE;
  }

  /**
   * The first content character of a line that continues a quoted scalar or flow collection: it
   * must be indented past the entry that owns the value (the two parsers read such text differently
   * otherwise). Blank lines are part of the value.
   */
  private continuationLine(line: number, owner: number): number {
    let i = line;
    while (this.text.charCodeAt(i) === SPACE) i++;
    const c = this.text.charCodeAt(i);
    if (isLineEnd(c)) return i;
    if (c === TAB || i - line <= owner) return UNSURE;
    return i;
  }

  /**
   * Passes over a block scalar (`|` or `>`, with optional indentation and chomping indicators):
   * its content is every following line indented by at least the content's indentation — the
   * indicator's, past the owner's, or else the first non-blank line's — and every blank line.
   */
  private skipBlockScalar(at: number, owner: number): number {
    const t = this.text;
    let i = at + 1;
    let explicit = 0;
    let chomping = false;
    for (let n = 0; n < 2; n++) {
      const c = t.charCodeAt(i);
      if (c >= DIGIT_1 && c <= DIGIT_9 && explicit === 0) {
        explicit = c - 48;
        i++;
      } else if ((c === PLUS || c === DASH) && !chomping) {
        chomping = true;
        i++;
      }
    }
    const rest = this.spaces(i);
    if (rest === UNSURE) return UNSURE;
    const r = t.charCodeAt(rest);
    if (!isLineEnd(r) && !(r === HASH && rest > i)) return UNSURE;
    let content = explicit === 0 ? 0 : owner + explicit;
    // Blank lines before the first content line may not be indented past it.
    let leadingBlank = 0;
    let line = this.lineAfter(rest);
    for (;;) {
      if (line >= this.end) return this.end;
      let j = line;
      while (t.charCodeAt(j) === SPACE) j++;
      const indent = j - line;
      const c = t.charCodeAt(j);
      if (isLineEnd(c)) {
        if (content === 0) leadingBlank = Math.max(leadingBlank, indent);
        line = this.lineAfter(j);
        continue;
      }
      if (content === 0 && indent > owner) {
        if (c === TAB || leadingBlank > indent) return UNSURE;
        content = indent;
      }
      if (content !== 0 && indent >= content) {
        line = this.lineAfter(j);
        continue;
      }
      // The first line indented less than the content ends the scalar; only a comment may sit
      // between the owner's indentation and the content's.
      if (c === TAB || (indent > owner && c !== HASH)) return UNSURE;
      return this.nextContentLine(line);
    }
  }

  // ---- Keys and lines --------------------------------------------------------------------------

  /**
   * Whether an implicit key (`key:`, `"key":`, `'key':` followed by a space or the line's end)
   * starts at `at`: KEY (with keyFrom, keyTo, afterColon, keyIsPlain set), NOT_KEY, or UNSURE for
   * a quoted key with escapes, whose text is not its source.
   */
  private readKey(at: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      let escaped = false;
      let close = at + 1;
      for (;; close++) {
        const d = t.charCodeAt(close);
        if (isLineEnd(d)) return NOT_KEY;
        if (d === c) {
          if (c === SQUOTE && t.charCodeAt(close + 1) === SQUOTE) {
            escaped = true;
            close++;
            continue;
          }
          break;
        }
        if (d === BACKSLASH && c === DQUOTE) {
          if (isLineEnd(t.charCodeAt(close + 1))) return NOT_KEY;
          escaped = true;
          close++;
        }
      }
      let colon = close + 1;
      while (t.charCodeAt(colon) === SPACE) colon++;
      if (t.charCodeAt(colon) !== COLON || !isBlank(t.charCodeAt(colon + 1))) return NOT_KEY;
      if (escaped) return UNSURE;
      this.keyFrom = at + 1;
      this.keyTo = close;
      this.afterColon = colon + 1;
      this.keyIsPlain = false;
      return KEY;
    }
    if (cannotStartPlain(t, at)) return NOT_KEY;
    for (let i = at; ; i++) {
      const d = t.charCodeAt(i);
      if (isLineEnd(d)) return NOT_KEY;
      if (d === COLON && isBlank(t.charCodeAt(i + 1))) {
        let to = i;
        while (t.charCodeAt(to - 1) === SPACE || t.charCodeAt(to - 1) === TAB) to--;
        this.keyFrom = at;
        this.keyTo = to;
        this.afterColon = i + 1;
        this.keyIsPlain = true;
        return KEY;
      }
      if (d === HASH && (t.charCodeAt(i - 1) === SPACE || t.charCodeAt(i - 1) === TAB)) return NOT_KEY;
    }
  }

  /** A `-` that starts a sequence item (followed by a space or the line's end; a tab is not read here). */
  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || isLineEnd(next);
  }

  /** Past the spaces from `at`; UNSURE on a tab, which YAML readers treat differently as separation. */
  private spaces(at: number): number {
    if (at === UNSURE) return UNSURE;
    let i = at;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return this.text.charCodeAt(i) === TAB ? UNSURE : i;
  }
}
