/**
 * Values of block-style YAML documents read straight off their lines: the style Helm, kubectl and
 * cdk8s write (mappings and sequences laid out by indentation, comments, plain, quoted and block
 * scalars, small flow lists). The loader tries this first for every YAML document; js-yaml reads
 * the rest.
 *
 * Why: js-yaml builds its values from a character-by-character state machine, and its long strings
 * are slices of its copy of the document, so the loader copied every value once more through JSON
 * so that the model would not keep the documents' text alive. This reader walks the lines once,
 * writes the document as JSON text and has `JSON.parse` build the value: one pass of native code
 * that makes flat strings holding no file text, in place of the parse and the copy. On the
 * Helm-like bench sets that is most of the load's cost (bench/PROFILE.md, round 11).
 *
 * What it gives is exactly what `jsyaml.load(text, { schema: SCHEMA })` gives and a JSON round trip
 * keeps (key order, numbers, strings, nulls), or undefined: "not sure, ask js-yaml". It answers
 * only where it reads the document as js-yaml does, and hands over, besides anything it does not
 * recognise:
 * - what needs a YAML parser's state or tags: anchors, aliases, tags, `?` keys, `<<` merge keys,
 *   directives, flow mappings other than `{}`, flow lists that are not one line of scalars;
 * - keys the core schema reads as something other than their text (`80`, `true`, `~`), duplicate
 *   keys (js-yaml refuses them);
 * - numbers JSON cannot carry (`-0`, `.inf`, `.nan`);
 * - text js-yaml may read differently or refuse: tabs, non-printable characters, a lone carriage
 *   return, a byte order mark, `{{` (unrendered templates), a continuation line of a scalar that is
 *   not indented past the entry holding it, a comment inside a multi-line plain scalar;
 * - documents beyond depth.ts's bounds, so that the loader's shape check has nothing to find in what
 *   this reader answers;
 * - a root that is not a block mapping or sequence, or anything after the root.
 * Plain scalars are resolved by js-yaml's own exported types, in SCHEMA's order. Quoted and block
 * scalars follow js-yaml's folding rules (as js-yaml 4 applies them, e.g. it keeps a quoted line's
 * trailing spaces before a fold). test/load/block-read.test.ts holds the two readers equal.
 */
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES } from './depth';
import {
  BACKSLASH, COLON, COMMA, DASH, DIGIT_0, DIGIT_9, DQUOTE, GT, HASH, LBRACE, LBRACKET, LF, LT, PIPE, PLAIN_KEY_MAY_RESOLVE, PLUS, QUESTION, RBRACE,
  RBRACKET, SPACE, SQUOTE, cannotStartPlain,
} from './block-style';
import { IMPLICIT_TYPES } from './yaml-schema';

/**
 * Characters after which the reader does not answer: tabs (YAML readers differ on them as
 * indentation and separation), what js-yaml refuses as non-printable (C0 and C1 controls, lone
 * surrogates — a surrogate pair is handed over too —, U+FFFE, U+FFFF), a byte order mark, a
 * carriage return that is not part of CRLF, and `{{`.
 */
const HAND_OVER_TEXT = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]|\r(?!\n)|\{\{/;

/** Thrown inside the reader when it cannot be sure; never leaves this module. */
const UNSURE = { unsure: true };

const DOT = 46;
const TILDE = 126;

/**
 * The value js-yaml reads from a document's text with SCHEMA, as a JSON round trip would copy it,
 * or undefined when this reader cannot be sure of it (see the module comment).
 */
export function readBlockDocument(text: string): unknown {
  if (HAND_OVER_TEXT.test(text)) return undefined;
  // js-yaml reads CRLF as one line break everywhere, and ends the text with one if it has none.
  let lines = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  if (lines.charCodeAt(lines.length - 1) !== LF) lines += '\n';
  let json: string;
  try {
    json = new BlockRead(lines).document();
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
  return JSON.parse(json);
}

/**
 * One read of one document whose text ends with a line feed. Methods that read a value append its
 * JSON to `out` and return the start of the next line with content (or the text's length), leaving
 * that line's indentation in `indent`.
 */
class BlockRead {
  private readonly end: number;
  private out = '';
  /** Indentation of the line last returned by a line-moving method. */
  private indent = 0;
  /** Values written so far, as depth.ts counts them. */
  private nodes = 1;
  /** Set by readKey: the key's text, and the position after its `:`. */
  private key = '';
  private afterColon = 0;
  /** Set by the quoted-scalar readers: the position after the closing quote. */
  private afterQuote = 0;

  constructor(private readonly text: string) {
    this.end = text.length;
  }

  document(): string {
    const first = this.nextContentLine(0);
    if (first === this.end) throw UNSURE;
    const indent = this.indent;
    const at = first + indent;
    let next: number;
    if (this.isDash(at)) next = this.sequence(at, indent, 1);
    else if (this.readKey(at)) next = this.mapping(indent, 1);
    else throw UNSURE;
    // Anything after the root (a line indented less than it) is not a document this reader knows.
    if (next !== this.end) throw UNSURE;
    return this.out;
  }

  // ---- Collections ------------------------------------------------------------------------------

  /** A block mapping whose keys are indented by `indent`; its first key has just been read. */
  private mapping(indent: number, depth: number): number {
    if (depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    const keys: string[] = [];
    this.out += '{';
    for (;;) {
      const key = this.key;
      if (keys.includes(key)) throw UNSURE; // js-yaml refuses a duplicate key
      keys.push(key);
      this.out += (keys.length === 1 ? '' : ',') + JSON.stringify(key) + ':';
      this.counted();
      const next = this.entryValue(this.afterColon, indent, depth);
      if (next === this.end || this.indent < indent) {
        this.out += '}';
        return next;
      }
      if (this.indent > indent || !this.readKey(next + indent)) throw UNSURE;
    }
  }

  /** A block sequence whose `-` are indented by `indent`; the first `-` is at `first`. */
  private sequence(first: number, indent: number, depth: number): number {
    if (depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    this.out += '[';
    let dash = first;
    for (;;) {
      if (dash !== first) this.out += ',';
      this.counted();
      const next = this.itemValue(dash, indent, depth);
      // Not a `-`: the next key of the mapping that holds this sequence at its own indentation.
      if (next === this.end || this.indent < indent || (this.indent === indent && !this.isDash(next + indent))) {
        this.out += ']';
        return next;
      }
      if (this.indent > indent) throw UNSURE;
      dash = next + indent;
    }
  }

  /** The value after a key's `:` (at `afterColon`) in a mapping indented by `indent`. */
  private entryValue(afterColon: number, indent: number, depth: number): number {
    const at = this.spaces(afterColon);
    const c = this.text.charCodeAt(at);
    if (c !== LF && c !== HASH) return this.inlineValue(at, indent, depth);
    const next = this.nextContentLine(this.lineAfter(at));
    if (next !== this.end && this.indent > indent) return this.nodeOnItsLine(next, indent, depth);
    // A sequence may sit at its key's own indentation (`key:` then `- item`).
    if (next !== this.end && this.indent === indent && this.isDash(next + indent)) return this.sequence(next + indent, indent, depth + 1);
    this.out += 'null';
    return next;
  }

  /** The value of the item whose `-` is at `dash`, in a sequence indented by `indent`. */
  private itemValue(dash: number, indent: number, depth: number): number {
    const at = this.spaces(dash + 1);
    const c = this.text.charCodeAt(at);
    if (c === LF || c === HASH) {
      const next = this.nextContentLine(this.lineAfter(at));
      if (next !== this.end && this.indent > indent) return this.nodeOnItsLine(next, indent, depth);
      this.out += 'null';
      return next;
    }
    // `- - a` and `- key: v`: a collection starts on the item's line, indented by its column.
    if (this.isDash(at)) return this.sequence(at, at - this.lineStart(at), depth + 1);
    if (this.readKey(at)) return this.mapping(at - this.lineStart(at), depth + 1);
    return this.inlineValue(at, indent, depth);
  }

  /** A value that starts a line of its own (`line`, indented by `this.indent`), below an entry indented by `owner`. */
  private nodeOnItsLine(line: number, owner: number, depth: number): number {
    const indent = this.indent;
    const at = line + indent;
    if (this.isDash(at)) return this.sequence(at, indent, depth + 1);
    if (this.readKey(at)) return this.mapping(indent, depth + 1);
    return this.inlineValue(at, owner, depth);
  }

  /**
   * A value that is not a block collection, starting at `at`, held by an entry indented by
   * `owner`: what follows it on its line may only be a comment, and the next line with content may
   * not be indented past the owner (js-yaml refuses that).
   */
  private inlineValue(at: number, owner: number, depth: number): number {
    const t = this.text;
    const c = t.charCodeAt(at);
    let after: number;
    if (c === DQUOTE) {
      this.out += JSON.stringify(this.doubleQuoted(at, owner));
      after = this.afterQuote;
    } else if (c === SQUOTE) {
      this.out += JSON.stringify(this.singleQuoted(at, owner));
      after = this.afterQuote;
    } else if (c === PIPE || c === GT) {
      return this.closed(this.blockScalar(at, owner), owner);
    } else if (c === LBRACKET) {
      after = this.flowSequence(at, depth + 1);
    } else if (c === LBRACE) {
      if (t.charCodeAt(at + 1) !== RBRACE || depth + 1 > MAX_DOCUMENT_DEPTH) throw UNSURE;
      this.out += '{}';
      after = at + 2;
    } else if (cannotStartPlain(t, at)) {
      throw UNSURE;
    } else {
      return this.closed(this.plain(at, owner), owner);
    }
    const rest = this.spaces(after);
    const r = t.charCodeAt(rest);
    if (r !== LF && !(r === HASH && rest > after)) throw UNSURE;
    return this.closed(this.nextContentLine(this.lineAfter(rest)), owner);
  }

  /** The next content line after a value held by an entry indented by `owner`, which may not be indented past it. */
  private closed(next: number, owner: number): number {
    if (next !== this.end && this.indent > owner) throw UNSURE;
    return next;
  }

  /** `[a, "b", 1]` on one line: scalars only. Returns the position after `]`. */
  private flowSequence(at: number, depth: number): number {
    if (depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    const t = this.text;
    this.out += '[';
    let i = this.spaces(at + 1);
    if (t.charCodeAt(i) === RBRACKET) {
      this.out += ']';
      return i + 1;
    }
    for (let items = 0; ; items++) {
      if (items > 0) this.out += ',';
      this.counted();
      const c = t.charCodeAt(i);
      if (c === DQUOTE || c === SQUOTE) {
        const value = c === DQUOTE ? this.doubleQuoted(i, -1) : this.singleQuoted(i, -1);
        // A flow list on one line: a quoted item that runs over lines is handed over.
        if (value.includes('\n') || t.lastIndexOf('\n', this.afterQuote - 1) > i) throw UNSURE;
        this.out += JSON.stringify(value);
        i = this.afterQuote;
      } else {
        // In a flow list `-` and `?` before `,` or `]` do not start a plain scalar either.
        if (cannotStartPlain(t, i) || (c === DASH || c === QUESTION) && (t.charCodeAt(i + 1) === COMMA || t.charCodeAt(i + 1) === RBRACKET)) throw UNSURE;
        let to = i;
        let j = i;
        for (; ; j++) {
          const d = t.charCodeAt(j);
          if (d === COMMA || d === RBRACKET) break;
          // Nested collections, pairs, comments and line breaks inside a flow list: js-yaml answers.
          if (d === LF || d === COLON || d === HASH || d === LBRACKET || d === LBRACE || d === RBRACE) throw UNSURE;
          if (d !== SPACE) to = j + 1;
        }
        this.out += this.plainJson(t.slice(i, to));
        i = j;
      }
      i = this.spaces(i);
      const d = t.charCodeAt(i);
      if (d === RBRACKET) {
        this.out += ']';
        return i + 1;
      }
      if (d !== COMMA) throw UNSURE;
      i = this.spaces(i + 1);
      // An empty item or a trailing comma: js-yaml answers.
      if (t.charCodeAt(i) === COMMA || t.charCodeAt(i) === RBRACKET) throw UNSURE;
    }
  }

  // ---- Scalars ---------------------------------------------------------------------------------

  /**
   * A plain scalar starting at `at`, held by an entry indented by `owner`: it goes on over the
   * following lines indented past the owner (folded as js-yaml folds them) and ends at a comment.
   */
  private plain(at: number, owner: number): number {
    const t = this.text;
    let i = at;
    let to = at;
    for (; ; i++) {
      const c = t.charCodeAt(i);
      if (c === LF) break;
      if (c === COLON) {
        const d = t.charCodeAt(i + 1);
        // `a: b: c`: js-yaml refuses it.
        if (d === SPACE || d === LF) throw UNSURE;
      } else if (c === HASH && t.charCodeAt(i - 1) === SPACE) {
        this.out += this.plainJson(t.slice(at, to));
        return this.nextContentLine(this.lineAfter(i));
      }
      if (c !== SPACE) to = i + 1;
    }
    let value: string | undefined;
    let breaks = 1;
    let line = i + 1;
    while (line < this.end) {
      let j = line;
      while (t.charCodeAt(j) === SPACE) j++;
      const c = t.charCodeAt(j);
      if (c === LF) {
        breaks++;
        line = j + 1;
        continue;
      }
      if (c === HASH || j - line <= owner) break;
      // A continuation line.
      let segmentEnd = j;
      let k = j;
      for (; ; k++) {
        const d = t.charCodeAt(k);
        if (d === LF) break;
        if (d === COLON) {
          const e = t.charCodeAt(k + 1);
          if (e === SPACE || e === LF) throw UNSURE;
        } else if (d === HASH && t.charCodeAt(k - 1) === SPACE) {
          throw UNSURE;
        }
        if (d !== SPACE) segmentEnd = k + 1;
      }
      value = (value ?? t.slice(at, to)) + (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)) + t.slice(j, segmentEnd);
      breaks = 1;
      line = k + 1;
    }
    this.out += this.plainJson(value ?? t.slice(at, to));
    return this.nextContentLine(line);
  }

  /** A plain scalar's JSON: resolved by SCHEMA's implicit types where one may apply, else its text. */
  private plainJson(text: string): string {
    const c = text.charCodeAt(0);
    const mayResolve =
      (c >= DIGIT_0 && c <= DIGIT_9) || c === DASH || c === PLUS || c === DOT || c === TILDE ||
      c === 110 /* n */ || c === 78 /* N */ || c === 116 /* t */ || c === 84 /* T */ || c === 102 /* f */ || c === 70 /* F */ || c === LT;
    if (mayResolve) {
      for (const type of IMPLICIT_TYPES) {
        if (!type.resolve(text)) continue;
        const value: unknown = type.construct(text);
        if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
        // -0, infinities and NaN do not survive JSON.
        if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
        throw UNSURE;
      }
    }
    return JSON.stringify(text);
  }

  /**
   * A single-quoted scalar starting at `at` (`''` is a quote); line breaks fold as in js-yaml.
   * Sets afterQuote.
   */
  private singleQuoted(at: number, owner: number): string {
    const t = this.text;
    let result = '';
    let start = at + 1;
    for (let i = start; i < this.end; ) {
      const c = t.charCodeAt(i);
      if (c === SQUOTE) {
        result += t.slice(start, i);
        if (t.charCodeAt(i + 1) !== SQUOTE) {
          this.afterQuote = i + 1;
          return result;
        }
        result += "'";
        i += 2;
        start = i;
      } else if (c === LF) {
        result += t.slice(start, i);
        i = this.fold(i, owner);
        result += this.folded;
        start = i;
      } else {
        i++;
      }
    }
    throw UNSURE;
  }

  /** A double-quoted scalar starting at `at`, with YAML's escapes as js-yaml reads them. Sets afterQuote. */
  private doubleQuoted(at: number, owner: number): string {
    const t = this.text;
    let result = '';
    let start = at + 1;
    for (let i = start; i < this.end; ) {
      const c = t.charCodeAt(i);
      if (c === DQUOTE) {
        this.afterQuote = i + 1;
        return result + t.slice(start, i);
      }
      if (c === BACKSLASH) {
        result += t.slice(start, i);
        const e = t.charCodeAt(i + 1);
        if (e === LF) {
          // An escaped line break: the break and the next lines' leading blanks are dropped.
          i = this.fold(i + 1, owner);
        } else {
          const simple = SIMPLE_ESCAPES.get(e);
          if (simple !== undefined) {
            result += simple;
            i += 2;
          } else {
            const digits = e === 120 /* x */ ? 2 : e === 117 /* u */ ? 4 : e === 85 /* U */ ? 8 : 0;
            if (digits === 0) throw UNSURE;
            const hex = t.slice(i + 2, i + 2 + digits);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw UNSURE;
            const code = parseInt(hex, 16);
            if (code > 0x10ffff) throw UNSURE;
            result += String.fromCodePoint(code);
            i += 2 + digits;
          }
        }
        start = i;
      } else if (c === LF) {
        result += t.slice(start, i);
        i = this.fold(i, owner);
        result += this.folded;
        start = i;
      } else {
        i++;
      }
    }
    throw UNSURE;
  }

  /** Set by fold: what the line breaks passed become (one: a space; n: n − 1 line feeds). */
  private folded = '';

  /**
   * Passes over the line break at `at`, blank lines and the next line's indentation, as js-yaml
   * does inside a quoted scalar; returns where the text goes on. The line must be indented past the
   * owner (js-yaml accepts less, the `yaml` parser does not: not sure).
   */
  private fold(at: number, owner: number): number {
    const t = this.text;
    let breaks = 0;
    let i = at;
    for (;;) {
      if (t.charCodeAt(i) !== LF) break;
      breaks++;
      i++;
      const lineStart = i;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i >= this.end) throw UNSURE;
      if (t.charCodeAt(i) !== LF && i - lineStart <= owner) throw UNSURE;
    }
    this.folded = breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
    return i;
  }

  /**
   * A block scalar (`|` or `>`, with js-yaml's chomping and indentation indicators) held by an
   * entry indented by `owner`, read by js-yaml's rules: content is indented by the indicator's
   * width past the owner, else by the first line indented past it (blank lines before it count);
   * `>` folds lines that start with content and keeps more-indented lines' breaks.
   */
  private blockScalar(at: number, owner: number): number {
    const t = this.text;
    const folding = t.charCodeAt(at) === GT;
    let chomping = CLIP;
    let detected = false;
    let textIndent = owner + 1;
    let i = at + 1;
    let c = t.charCodeAt(i);
    for (;; c = t.charCodeAt(++i)) {
      if (c === PLUS || c === DASH) {
        if (chomping !== CLIP) throw UNSURE;
        chomping = c === PLUS ? KEEP : STRIP;
      } else if (c >= DIGIT_0 && c <= DIGIT_9) {
        if (c === DIGIT_0 || detected) throw UNSURE;
        textIndent = owner + (c - DIGIT_0);
        detected = true;
      } else {
        break;
      }
    }
    if (c === SPACE) {
      i = this.spaces(i);
      if (t.charCodeAt(i) === HASH) i = t.indexOf('\n', i);
    }
    if (t.charCodeAt(i) !== LF) throw UNSURE;
    let result = '';
    let emptyLines = 0;
    let didReadContent = false;
    let atMoreIndented = false;
    // `i` is at a line break.
    for (;;) {
      i++;
      let lineIndent = 0;
      c = t.charCodeAt(i);
      while ((!detected || lineIndent < textIndent) && c === SPACE) {
        lineIndent++;
        c = t.charCodeAt(++i);
      }
      if (!detected && lineIndent > textIndent) textIndent = lineIndent;
      if (c === LF) {
        emptyLines++;
        continue;
      }
      if (lineIndent < textIndent) {
        // The end (a line indented less, or the text's end): chomping.
        if (chomping === KEEP) result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === CLIP && didReadContent) result += '\n';
        this.out += JSON.stringify(result);
        return this.nextContentLine(i - lineIndent);
      }
      if (folding) {
        if (c === SPACE) {
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detected = true;
      emptyLines = 0;
      const eol = t.indexOf('\n', i);
      result += t.slice(i, eol);
      i = eol;
    }
  }

  // ---- Keys and lines --------------------------------------------------------------------------

  /**
   * Whether an implicit key (`key:`, `"key":`, `'key':` followed by a space or the line's end)
   * starts at `at`; sets key and afterColon. Throws UNSURE for keys only a YAML parser may read
   * (PLAIN_KEY_MAY_RESOLVE, `<<`).
   */
  private readKey(at: number): boolean {
    const t = this.text;
    const c = t.charCodeAt(at);
    if (c === DQUOTE || c === SQUOTE) {
      // A quoted key is on one line: find its closing quote there first.
      let close = at + 1;
      for (;; close++) {
        const d = t.charCodeAt(close);
        if (d === LF) return false;
        if (d === c) {
          if (c === SQUOTE && t.charCodeAt(close + 1) === SQUOTE) {
            close++;
            continue;
          }
          break;
        }
        if (d === BACKSLASH && c === DQUOTE) {
          if (t.charCodeAt(close + 1) === LF) return false;
          close++;
        }
      }
      const colon = this.spaces(close + 1);
      if (t.charCodeAt(colon) !== COLON) return false;
      const d = t.charCodeAt(colon + 1);
      if (d !== SPACE && d !== LF) return false;
      this.key = c === DQUOTE ? this.doubleQuoted(at, -1) : this.singleQuoted(at, -1);
      this.afterColon = colon + 1;
      return true;
    }
    if (cannotStartPlain(t, at)) return false;
    for (let i = at; ; i++) {
      const d = t.charCodeAt(i);
      if (d === LF) return false;
      if (d === COLON) {
        const e = t.charCodeAt(i + 1);
        if (e !== SPACE && e !== LF) continue;
        let to = i;
        while (t.charCodeAt(to - 1) === SPACE) to--;
        const key = t.slice(at, to);
        if (PLAIN_KEY_MAY_RESOLVE.test(key) || key === '<<') throw UNSURE;
        this.key = key;
        this.afterColon = i + 1;
        return true;
      }
      if (d === HASH && t.charCodeAt(i - 1) === SPACE) return false;
    }
  }

  /** One more value; past depth.ts's bound the loader's shape check must be the one to speak. */
  private counted(): void {
    if (++this.nodes > MAX_DOCUMENT_NODES) throw UNSURE;
  }

  /** A `-` that starts a sequence item (followed by a space or the line's end). */
  private isDash(at: number): boolean {
    if (this.text.charCodeAt(at) !== DASH) return false;
    const next = this.text.charCodeAt(at + 1);
    return next === SPACE || next === LF;
  }

  private spaces(at: number): number {
    let i = at;
    while (this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** From the line starting at `line`: the next line that is neither blank nor a comment (its indentation in `indent`). */
  private nextContentLine(line: number): number {
    const t = this.text;
    let start = line;
    while (start < this.end) {
      let i = start;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (c !== HASH && c !== LF) {
        this.indent = i - start;
        return start;
      }
      start = this.lineAfter(i);
    }
    this.indent = 0;
    return this.end;
  }

  private lineAfter(at: number): number {
    const nl = this.text.indexOf('\n', at);
    return nl < 0 ? this.end : nl + 1;
  }

  private lineStart(at: number): number {
    return this.text.lastIndexOf('\n', at - 1) + 1;
  }
}

const CLIP = 0;
const KEEP = 1;
const STRIP = 2;

/** YAML's one-character escapes in double-quoted scalars, as js-yaml reads them (tab aside: tabs are handed over). */
const SIMPLE_ESCAPES = new Map<number, string>([
  [48 /* 0 */, '\x00'],
  [97 /* a */, '\x07'],
  [98 /* b */, '\x08'],
  [116 /* t */, '\x09'],
  [110 /* n */, '\x0A'],
  [118 /* v */, '\x0B'],
  [102 /* f */, '\x0C'],
  [114 /* r */, '\x0D'],
  [101 /* e */, '\x1B'],
  [32 /* space */, ' '],
  [34 /* " */, '"'],
  [47 /* / */, '/'],
  [92 /* \ */, '\\'],
  [78 /* N */, '\x85'],
  [95 /* _ */, '\xA0'],
  [76 /* L */, '\u2028'],
  [80 /* P */, '\u2029'],
]);
