/**
 * A reader for plain block YAML — what cdk8s, kubectl, Helm and most people write: block mappings,
 * `- ` sequences, single-line plain and quoted scalars, comments, and one-line flow collections of
 * scalars (`[]`, `["a", b]`, `{path: /x}`). It builds each value straight from the file text by
 * offsets (js-yaml copies every document first), and it refuses (returns undefined, so load.ts
 * falls back to js-yaml for that document) anything outside that subset or in doubt: tabs,
 * anchors, aliases, tags, block scalars, multi-line scalars, nested or multi-line flow
 * collections, `?` keys, `<<` merges, `__proto__`, duplicate keys, directives, control
 * characters, a bad indentation. The guarantee: when it returns a value, that value is exactly
 * what js-yaml returns for the same document with the same schema (keys in the same order, plain
 * scalars resolved by js-yaml's own types, strings unescaped the same way), so the model cannot
 * tell which reader built it (test/load/fast-yaml.test.ts compares the two).
 *
 * The same reader, run again with `track` on, records where every key and value starts; that
 * gives the positions of findings without a `yaml` parse (blockYamlPositions, locateOffset).
 */
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES } from './depth';
import { IMPLICIT_TYPES, MERGE_TAG, type ImplicitType } from './yaml-schema';

/** What the reader gives back: the value, and where its first character is in the text. */
export interface BlockDocument {
  value: unknown;
  /** Offset of the document's first content character (its first key or `-`). */
  contentAt: number;
}

/**
 * Where a node was written (offsets into the file text), as far as locating a field path needs:
 * a block mapping starts at its first key, a block sequence at its first `-`, a flow collection at
 * its bracket, a scalar at its first character (its quote); `at` is -1 for a value that has no
 * text (`key:` alone). An empty list item (`-`
 * alone) starts where its text would be, after the dash and its spaces, as the `yaml` package puts it.
 */
export interface NodePosition {
  kind: typeof MAPPING | typeof SEQUENCE | typeof SCALAR;
  at: number;
  /** Mappings: key → where the key is and where its value is. */
  entries?: Map<string, { key: number; value: NodePosition }>;
  /**
   * Mappings: some plain key may be read differently by the `yaml` package (a key starting with a
   * digit, sign, dot or `~`, or resolved to a number, boolean or null), so keys cannot be matched here.
   */
  keysMayDiffer?: boolean;
  /** Sequences: each item's position. */
  items?: NodePosition[];
}

export const MAPPING = 1;
export const SEQUENCE = 2;
export const SCALAR = 3;

/** Thrown (one shared object, no stack captured) to abandon a document; caught at the entry points. */
const BAIL = { bail: true };

// Where a plain scalar's scan stopped.
const STOP_LINE_END = 0;
const STOP_COLON = 1;
const STOP_COMMENT = 2;

const hasOwn = Object.prototype.hasOwnProperty;

/** YAML's whitespace and line ends (NaN: the end of the text, which js-yaml sees as a line end). */
function isBlankOrEnd(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c !== c;
}

/**
 * Whether a plain scalar may start with `c` (followed by `next`), as js-yaml's readPlainScalar
 * decides: not an indicator, and `-`, `?`, `:` only when glued to what follows. Control characters
 * (tab included) are refused here too: the reader does not handle them.
 */
function plainCanStart(c: number, next: number): boolean {
  if (c < 33 || c !== c) return false;
  switch (c) {
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return false;
    case 45: // -
    case 63: // ?
    case 58: // :
      return !isBlankOrEnd(next);
    default:
      return true;
  }
}

/**
 * For each first character, the implicit types that could match a plain scalar starting with it,
 * in the schema's order. js-yaml tries every type on every plain scalar; a type that cannot match
 * (`int` on `name`) answers false, so skipping it changes nothing. The first characters each core
 * type can match are fixed by its definition (null: `~` null Null NULL; bool: true/false in three
 * casings; int and float: a digit, sign or dot; merge: `<<`); a type this table does not know is
 * tried on everything.
 */
const CANDIDATES: (readonly ImplicitType[])[] = (() => {
  const starts: Record<string, string> = {
    'tag:yaml.org,2002:null': '~nN',
    'tag:yaml.org,2002:bool': 'tTfF',
    'tag:yaml.org,2002:int': '0123456789+-',
    'tag:yaml.org,2002:float': '0123456789+-.',
    [MERGE_TAG]: '<',
  };
  const table: ImplicitType[][] = [];
  for (let c = 0; c < 128; c++) {
    table.push(IMPLICIT_TYPES.filter((t) => starts[t.tag] === undefined || starts[t.tag].includes(String.fromCharCode(c))));
  }
  return table;
})();
/** First characters beyond ASCII: only types the table does not know. */
const WIDE_CANDIDATES: readonly ImplicitType[] = IMPLICIT_TYPES.filter((t) => !['tag:yaml.org,2002:null', 'tag:yaml.org,2002:bool', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float', MERGE_TAG].includes(t.tag));

/** The type js-yaml would resolve this plain scalar with, or undefined for a string. */
function implicitTypeOf(raw: string): ImplicitType | undefined {
  const c = raw.charCodeAt(0);
  const candidates = c < 128 ? CANDIDATES[c] : WIDE_CANDIDATES;
  for (let i = 0; i < candidates.length; i++) {
    if (candidates[i].resolve(raw)) return candidates[i];
  }
  return undefined;
}

/** A plain scalar's value, as js-yaml's composeNode resolves it. */
function resolvePlain(raw: string): unknown {
  const type = implicitTypeOf(raw);
  return type === undefined ? raw : type.construct(raw);
}

/** A plain key as js-yaml stores it: resolved like any scalar, then made a string (`1.0:` is '1'). */
function plainKey(raw: string): string {
  const type = implicitTypeOf(raw);
  if (type === undefined) return raw;
  if (type.tag === MERGE_TAG) throw BAIL; // `<<` merges mappings: js-yaml's business
  return String(type.construct(raw));
}

/**
 * Plain scalars read recently, by a hash of their text: a value or key written again (`v1`, `TCP`,
 * `name`, a label repeated in selector and template) is taken from here instead of being sliced
 * and resolved again, so the model holds one string where it would hold thousands of equal ones
 * (what survives is what the garbage collector pays for). Direct-mapped: a slot is compared with
 * the text before use, so a collision costs a miss, never a wrong value. Emptied after each load
 * (releaseScalarCache) so that no file's text stays referenced.
 */
const CACHE_SLOTS = 4096;
const valueCacheText: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
const valueCacheValue: unknown[] = new Array<unknown>(CACHE_SLOTS).fill(undefined);
const keyCacheText: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);
const keyCacheKey: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

/** Items of the sequences being read (readSequence). */
const itemStack: unknown[] = [];

/** Forgets the cached scalars (they may point into a file's text). */
export function releaseScalarCache(): void {
  valueCacheText.fill(undefined);
  valueCacheValue.fill(undefined);
  keyCacheText.fill(undefined);
  keyCacheKey.fill(undefined);
}

/** js-yaml's simple escapes in double-quoted scalars (a tab after `\` is left out: tabs are refused). */
const SIMPLE_ESCAPES: (string | undefined)[] = (() => {
  const table: (string | undefined)[] = new Array(128).fill(undefined);
  const pairs: [string, string][] = [
    ['0', '\x00'], ['a', '\x07'], ['b', '\x08'], ['t', '\x09'], ['n', '\x0A'], ['v', '\x0B'], ['f', '\x0C'], ['r', '\x0D'], ['e', '\x1B'],
    [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'], ['N', '\x85'], ['_', '\xA0'], ['L', '\u2028'], ['P', '\u2029'],
  ];
  for (const [escape, value] of pairs) table[escape.charCodeAt(0)] = value;
  return table;
})();

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** js-yaml's charFromCodepoint, overflow included, so that `\U` escapes give the same code units. */
function charFromCodepoint(c: number): string {
  if (c <= 0xffff) return String.fromCharCode(c);
  return String.fromCharCode(((c - 0x010000) >> 10) + 0xd800, ((c - 0x010000) & 0x03ff) + 0xdc00);
}

class BlockReader {
  /** First content character of the current line; `end` once the document is exhausted. */
  private pos = 0;
  private lineStart = 0;
  /** Indentation of the current line; -1 once the document is exhausted. */
  private indent = 0;
  private nodes = 0;
  /** After a quoted scalar: the offset after its closing quote. */
  private after = 0;
  /** After scanPlain: where and why it stopped, and the cache slot of the scalar's text. */
  private stopAt = 0;
  private stopKind = STOP_LINE_END;
  private slot = 0;
  /** The document's first content character (its first key or `-`). */
  contentAt = 0;
  /** With `track`: the position of the value read last. */
  private position: NodePosition = { kind: SCALAR, at: -1 };

  constructor(
    private readonly text: string,
    private readonly end: number,
    private readonly track: boolean,
  ) {}

  /** The whole document from `start`; `markerLine`: the text starts right after a `---` on its line. */
  read(start: number, markerLine: boolean): unknown {
    let p = start;
    if (markerLine) {
      // Only a comment may follow `---` on its line: content there would start at a column the
      // indentation rules below do not expect.
      while (this.text.charCodeAt(p) === 32) p++;
      const c = this.text.charCodeAt(p);
      if (c === 35 && p > start) p = this.skipComment(p);
      else p = this.afterLineEnd(p);
    }
    this.seekContent(p);
    if (this.indent < 0) throw BAIL;
    // js-yaml takes `---` at the start of a document's first line as a marker, whatever follows it (`---foo: 1`).
    if (this.indent === 0 && this.text.startsWith('---', this.pos)) throw BAIL;
    this.contentAt = this.pos;
    const value = this.atSequenceItem() ? this.readSequence(this.indent, 1) : this.readMapping(this.indent, 1);
    // Anything left (a line less indented than the first) is an error for js-yaml.
    if (this.indent >= 0) throw BAIL;
    return value;
  }

  lastPosition(): NodePosition {
    return this.position;
  }

  /** Moves to the next line with content at or after `from` (a line start); skips blank and comment lines. */
  private seekContent(from: number): void {
    const text = this.text;
    let p = from;
    for (;;) {
      if (p >= this.end) {
        this.indent = -1;
        this.pos = this.end;
        return;
      }
      const lineStart = p;
      while (text.charCodeAt(p) === 32) p++;
      const c = text.charCodeAt(p);
      if (c === 10) {
        p++;
      } else if (c === 13) {
        if (text.charCodeAt(p + 1) !== 10) throw BAIL;
        p += 2;
      } else if (c === 35) {
        p = this.skipComment(p);
      } else if (c !== c) {
        this.indent = -1;
        this.pos = this.end;
        return;
      } else if (c < 32) {
        throw BAIL; // a tab or control character before the content
      } else {
        this.lineStart = lineStart;
        this.indent = p - lineStart;
        this.pos = p;
        return;
      }
    }
  }

  /** From a `#`: the offset after the comment's line end. */
  private skipComment(from: number): number {
    const text = this.text;
    let p = from + 1;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 10) return p + 1;
      if (c !== c) return p;
      if (c < 32) {
        // A lone CR is a line break for js-yaml (the rest would be content), not for a line scan.
        if (c === 13 && text.charCodeAt(p + 1) === 10) return p + 2;
        throw BAIL;
      }
      p += c < 0x7f ? 1 : this.wide(p, c);
    }
  }

  /** At a line end (or the end of the text): the offset of the next line. */
  private afterLineEnd(p: number): number {
    const c = this.text.charCodeAt(p);
    if (c === 10) return p + 1;
    if (c === 13 && this.text.charCodeAt(p + 1) === 10) return p + 2;
    if (c !== c) return p;
    throw BAIL;
  }

  /** After a value on its line: only spaces and a comment may follow. Moves to the next content line. */
  private finishLine(from: number): void {
    const text = this.text;
    let p = from;
    while (text.charCodeAt(p) === 32) p++;
    const c = text.charCodeAt(p);
    // A comment needs a space before it (js-yaml would also take `"a"#b`, the `yaml` package not).
    this.seekContent(c === 35 && p > from ? this.skipComment(p) : this.afterLineEnd(p));
  }

  /**
   * A character at or beyond DEL: the count of code units it takes (2 for a surrogate pair). Refuses
   * what js-yaml refuses or reads differently: C1 controls, lone surrogates, U+FFFE/U+FFFF, and
   * NEL, LS, PS and the BOM (line breaks or marks in some readers).
   */
  private wide(p: number, c: number): number {
    if (c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) throw BAIL;
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = this.text.charCodeAt(p + 1);
      if (c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) return 2;
      throw BAIL;
    }
    return 1;
  }

  private atSequenceItem(): boolean {
    return this.text.charCodeAt(this.pos) === 45 && isBlankOrEnd(this.text.charCodeAt(this.pos + 1));
  }

  /**
   * Scans a plain scalar on its line from `from` (its first character, already checked): returns
   * its end without trailing spaces, and sets stopAt/stopKind (a `: ` separator, a ` #` comment,
   * or the line end), as js-yaml's readPlainScalar stops within one line.
   */
  private scanPlain(from: number): number {
    const text = this.text;
    let p = from;
    let last = from;
    // A hash of the non-space characters, for the scalar caches (spaces inside are checked on use).
    let hash = 0;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 58) {
        if (isBlankOrEnd(text.charCodeAt(p + 1))) {
          this.stopKind = STOP_COLON;
          break;
        }
      } else if (c === 35) {
        if (text.charCodeAt(p - 1) === 32) {
          this.stopKind = STOP_COMMENT;
          break;
        }
      } else if (c < 32 || c !== c) {
        if (c === 10 || c !== c || (c === 13 && text.charCodeAt(p + 1) === 10)) {
          this.stopKind = STOP_LINE_END;
          break;
        }
        throw BAIL; // a tab, a lone CR or a control character
      } else if (c >= 0x7f) {
        hash = (Math.imul(hash, 31) + c) | 0;
        p += this.wide(p, c);
        last = p;
        continue;
      }
      if (c !== 32) {
        last = p + 1;
        hash = (Math.imul(hash, 31) + c) | 0;
      }
      p++;
    }
    this.stopAt = p;
    this.slot = (hash ^ (hash >>> 12)) & (CACHE_SLOTS - 1);
    return last;
  }

  /** The value of the plain scalar `[from, end)` just scanned, from the cache when it was read recently. */
  private plainValue(from: number, end: number): unknown {
    const slot = this.slot;
    const cached = valueCacheText[slot];
    if (cached !== undefined && cached.length === end - from && this.text.startsWith(cached, from)) return valueCacheValue[slot];
    const raw = this.text.slice(from, end);
    const value = resolvePlain(raw);
    valueCacheText[slot] = raw;
    valueCacheValue[slot] = value;
    return value;
  }

  /** The key of the plain scalar `[from, end)` just scanned, from the cache when it was read recently. */
  private plainKey(from: number, end: number): string {
    const slot = this.slot;
    const cached = keyCacheText[slot];
    if (cached !== undefined && cached.length === end - from && this.text.startsWith(cached, from)) return keyCacheKey[slot]!;
    const raw = this.text.slice(from, end);
    const key = plainKey(raw);
    keyCacheText[slot] = raw;
    keyCacheKey[slot] = key;
    return key;
  }

  /** A single-quoted scalar starting at `from` (the quote), closed on the same line; sets `after`. */
  private readSingleQuoted(from: number): string {
    const text = this.text;
    let p = from + 1;
    let segment = p;
    let result = '';
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 39) {
        if (text.charCodeAt(p + 1) === 39) {
          result += text.slice(segment, p + 1);
          p += 2;
          segment = p;
          continue;
        }
        this.after = p + 1;
        const tail = text.slice(segment, p);
        return result === '' ? tail : result + tail;
      }
      if (c < 32 || c !== c) throw BAIL; // the line ends inside: a multi-line or unterminated scalar
      p += c < 0x7f ? 1 : this.wide(p, c);
    }
  }

  /** A double-quoted scalar starting at `from` (the quote), closed on the same line; sets `after`. */
  private readDoubleQuoted(from: number): string {
    const text = this.text;
    let p = from + 1;
    let segment = p;
    let result = '';
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 34) {
        this.after = p + 1;
        const tail = text.slice(segment, p);
        return escaped ? result + tail : tail;
      }
      if (c === 92) {
        result += text.slice(segment, p);
        escaped = true;
        const e = text.charCodeAt(p + 1);
        const simple = e < 128 ? SIMPLE_ESCAPES[e] : undefined;
        if (simple !== undefined) {
          result += simple;
          p += 2;
        } else {
          const digits = e === 120 ? 2 : e === 117 ? 4 : e === 85 ? 8 : 0;
          if (digits === 0) throw BAIL; // an escaped line break (multi-line) or an unknown escape
          let code = 0;
          for (let i = 2; i < 2 + digits; i++) {
            const d = hexDigit(text.charCodeAt(p + i));
            if (d < 0) throw BAIL;
            code = (code << 4) + d;
          }
          result += charFromCodepoint(code);
          p += 2 + digits;
        }
        segment = p;
        continue;
      }
      if (c < 32 || c !== c) throw BAIL;
      p += c < 0x7f ? 1 : this.wide(p, c);
    }
  }

  /** A block mapping whose first key is at the current position, at column `indent`. */
  private readMapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DOCUMENT_DEPTH) throw BAIL;
    const text = this.text;
    const result: Record<string, unknown> = {};
    const start = this.pos;
    const entries = this.track ? new Map<string, { key: number; value: NodePosition }>() : undefined;
    let keysMayDiffer = false;
    for (;;) {
      const keyAt = this.pos;
      let p = keyAt;
      let c = text.charCodeAt(p);
      let key: string;
      if (c === 34 || c === 39) {
        key = c === 34 ? this.readDoubleQuoted(p) : this.readSingleQuoted(p);
        p = this.after;
        while (text.charCodeAt(p) === 32) p++;
        if (text.charCodeAt(p) !== 58 || !isBlankOrEnd(text.charCodeAt(p + 1))) throw BAIL;
        p++;
      } else {
        if (!plainCanStart(c, text.charCodeAt(p + 1))) throw BAIL;
        const keyEnd = this.scanPlain(p);
        if (this.stopKind !== STOP_COLON) throw BAIL; // a scalar alone on its line, or `a # b: c`
        key = this.plainKey(p, keyEnd);
        if (this.track) {
          const raw = text.slice(p, keyEnd);
          if (implicitTypeOf(raw) !== undefined || '0123456789+-.~'.includes(raw[0])) keysMayDiffer = true;
        }
        p = this.stopAt + 1;
      }
      // js-yaml defines `__proto__` as an own property and refuses duplicate keys: leave both to it.
      if (key === '__proto__' || hasOwn.call(result, key)) throw BAIL;
      while (text.charCodeAt(p) === 32) p++;
      c = text.charCodeAt(p);
      let value: unknown;
      if (c === 10 || c === 13 || c !== c || c === 35) {
        // `key:` with the value on the following lines (a `#` here follows the separator's space).
        this.seekContent(c === 35 ? this.skipComment(p) : this.afterLineEnd(p));
        if (this.indent > indent) {
          value = this.readNode(depth + 1);
        } else if (this.indent === indent && this.atSequenceItem()) {
          // A sequence may sit at its key's own indentation (`ports:` / `- port: 80`).
          value = this.readSequence(indent, depth + 1);
        } else {
          value = null;
          if (this.track) this.position = { kind: SCALAR, at: -1 };
        }
      } else {
        value = this.readInlineValue(p, c, depth + 1);
      }
      result[key] = value;
      if (++this.nodes > MAX_DOCUMENT_NODES) throw BAIL;
      if (entries !== undefined) entries.set(key, { key: keyAt, value: this.position });
      if (this.indent === indent) {
        if (this.atSequenceItem()) throw BAIL; // `- ` at a mapping's indentation after a value
        continue;
      }
      // Deeper than the mapping: a scalar continued on the next line, or an indentation error.
      if (this.indent > indent) throw BAIL;
      break;
    }
    if (this.track) this.position = { kind: MAPPING, at: start, entries, keysMayDiffer };
    return result;
  }

  /** A block sequence whose first `-` is at the current position, at column `indent`. */
  private readSequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DOCUMENT_DEPTH) throw BAIL;
    const text = this.text;
    // Items gather on a shared stack and are copied out at the end: an array grown by push keeps
    // room for 17 items, and most lists here hold one to three (a few MB less to keep at 50k objects).
    const base = itemStack.length;
    const start = this.pos;
    const items: NodePosition[] | undefined = this.track ? [] : undefined;
    for (;;) {
      let p = this.pos + 1;
      while (text.charCodeAt(p) === 32) p++;
      const c = text.charCodeAt(p);
      let item: unknown;
      if (c === 10 || c === 13 || c !== c || c === 35) {
        const emptyAt = p;
        this.seekContent(c === 35 ? this.skipComment(p) : this.afterLineEnd(p));
        if (this.indent > indent) {
          item = this.readNode(depth + 1);
        } else {
          // After an empty item js-yaml takes the next `- ` line as this sequence's next item, at
          // whatever indentation (`-` / `  -` / `- 0` is [[null, 0]]); only the aligned case agrees.
          if (this.indent >= 0 && this.indent !== indent && this.atSequenceItem()) throw BAIL;
          item = null;
          if (this.track) this.position = { kind: SCALAR, at: emptyAt };
        }
      } else if (this.isKeyAt(p, c)) {
        // A mapping that starts on the dash's line (`- name: http`): its keys align with the first.
        this.pos = p;
        this.indent = p - this.lineStart;
        item = this.readMapping(this.indent, depth + 1);
      } else {
        item = this.readInlineValue(p, c, depth + 1);
      }
      itemStack.push(item);
      if (++this.nodes > MAX_DOCUMENT_NODES) throw BAIL;
      if (items !== undefined) items.push(this.position);
      if (this.indent === indent) {
        if (this.atSequenceItem()) continue;
        break; // a key at the sequence's indentation: the parent mapping goes on (or refuses)
      }
      if (this.indent > indent) throw BAIL;
      break;
    }
    const result = itemStack.slice(base);
    itemStack.length = base;
    if (this.track) this.position = { kind: SEQUENCE, at: start, items };
    return result;
  }

  /** A mapping or sequence starting on its own line, deeper than its parent. */
  private readNode(depth: number): unknown {
    return this.atSequenceItem() ? this.readSequence(this.indent, depth) : this.readMapping(this.indent, depth);
  }

  /** Whether a `key:` starts at `p` on a `- ` line. Refuses what cannot start a scalar. */
  private isKeyAt(p: number, c: number): boolean {
    const text = this.text;
    if (c === 34 || c === 39) {
      if (c === 34) this.readDoubleQuoted(p);
      else this.readSingleQuoted(p);
      let q = this.after;
      while (text.charCodeAt(q) === 32) q++;
      return text.charCodeAt(q) === 58 && isBlankOrEnd(text.charCodeAt(q + 1));
    }
    if (c === 123 || c === 91) return false;
    if (!plainCanStart(c, text.charCodeAt(p + 1))) throw BAIL; // `- - x`, `- &a`, `- |`, ...
    this.scanPlain(p);
    return this.stopKind === STOP_COLON;
  }

  /**
   * A value on the same line as its key or dash, starting at `p` with `c`: a quoted or plain
   * scalar, or an empty flow collection. Then moves to the next content line.
   */
  private readInlineValue(p: number, c: number, depth: number): unknown {
    const text = this.text;
    let value: unknown;
    let next: number;
    if (c === 34 || c === 39) {
      value = c === 34 ? this.readDoubleQuoted(p) : this.readSingleQuoted(p);
      next = this.after;
    } else if (c === 123 || c === 91) {
      if (depth > MAX_DOCUMENT_DEPTH) throw BAIL;
      value = c === 123 ? this.readFlowMapping(p) : this.readFlowSequence(p);
      next = this.after;
    } else {
      if (!plainCanStart(c, text.charCodeAt(p + 1))) throw BAIL;
      const end = this.scanPlain(p);
      if (this.stopKind === STOP_COLON) throw BAIL; // `a: b: c`
      value = this.plainValue(p, end);
      next = end; // before the spaces, so that finishLine sees a comment's leading space
    }
    // A flow collection has set its own position.
    if (this.track && c !== 123 && c !== 91) this.position = { kind: SCALAR, at: p };
    this.finishLine(next);
    return value;
  }

  /**
   * A flow sequence of scalars on one line, `[a, "b", 3]` (`[]` included), from its `[` at `from`;
   * sets `after`. Nested collections, pairs (`[a: b]`), empty or trailing entries and line ends
   * inside are refused.
   */
  private readFlowSequence(from: number): unknown[] {
    const text = this.text;
    const result: unknown[] = [];
    const items: NodePosition[] | undefined = this.track ? [] : undefined;
    let p = this.skipSpaces(from + 1);
    if (text.charCodeAt(p) !== 93) {
      for (;;) {
        const at = p;
        result.push(this.readFlowScalar(p));
        if (++this.nodes > MAX_DOCUMENT_NODES) throw BAIL;
        if (items !== undefined) items.push({ kind: SCALAR, at });
        p = this.skipSpaces(this.after);
        const c = text.charCodeAt(p);
        if (c === 93) break;
        if (c !== 44) throw BAIL;
        p = this.skipSpaces(p + 1);
      }
    }
    this.after = p + 1;
    if (this.track) this.position = { kind: SEQUENCE, at: from, items };
    return result;
  }

  /**
   * A flow mapping of scalars on one line, `{path: /dev/log, "b": 2}` (`{}` included), from its
   * `{` at `from`; sets `after`. Keys need `: ` and a value; the rest as readFlowSequence.
   */
  private readFlowMapping(from: number): Record<string, unknown> {
    const text = this.text;
    const result: Record<string, unknown> = {};
    const entries = this.track ? new Map<string, { key: number; value: NodePosition }>() : undefined;
    let keysMayDiffer = false;
    let p = this.skipSpaces(from + 1);
    if (text.charCodeAt(p) !== 125) {
      for (;;) {
        const keyAt = p;
        const c = text.charCodeAt(p);
        let key: string;
        if (c === 34 || c === 39) {
          key = c === 34 ? this.readDoubleQuoted(p) : this.readSingleQuoted(p);
          p = this.skipSpaces(this.after);
        } else {
          const end = this.scanFlowPlain(p);
          const raw = text.slice(p, end);
          key = plainKey(raw);
          if (this.track && (implicitTypeOf(raw) !== undefined || '0123456789+-.~'.includes(raw[0]))) keysMayDiffer = true;
          p = this.after;
        }
        // `: ` and a value (js-yaml also reads `{a}` and `{"a":1}`; the `yaml` package differs on some).
        if (text.charCodeAt(p) !== 58 || text.charCodeAt(p + 1) !== 32) throw BAIL;
        if (key === '__proto__' || hasOwn.call(result, key)) throw BAIL;
        p = this.skipSpaces(p + 1);
        const valueAt = p;
        result[key] = this.readFlowScalar(p);
        if (++this.nodes > MAX_DOCUMENT_NODES) throw BAIL;
        if (entries !== undefined) entries.set(key, { key: keyAt, value: { kind: SCALAR, at: valueAt } });
        p = this.skipSpaces(this.after);
        const next = text.charCodeAt(p);
        if (next === 125) break;
        if (next !== 44) throw BAIL;
        p = this.skipSpaces(p + 1);
      }
    }
    this.after = p + 1;
    if (this.track) this.position = { kind: MAPPING, at: from, entries, keysMayDiffer };
    return result;
  }

  /** A scalar inside a flow collection at `p` (a quoted one, or plain up to `,`, a bracket or `: `); sets `after`. */
  private readFlowScalar(p: number): unknown {
    const c = this.text.charCodeAt(p);
    if (c === 34) return this.readDoubleQuoted(p);
    if (c === 39) return this.readSingleQuoted(p);
    const end = this.scanFlowPlain(p);
    return resolvePlain(this.text.slice(p, end));
  }

  /**
   * A plain scalar inside a flow collection, as js-yaml's readPlainScalar reads it there: it may
   * not start with an indicator (nor `-`, `?`, `:` before a space or flow indicator) and stops at
   * `,[]{}` or a `:` before a space or flow indicator. Returns its end without trailing spaces and
   * sets `after` to where it stopped. Comments and line ends inside a flow collection are refused.
   */
  private scanFlowPlain(from: number): number {
    const text = this.text;
    const first = text.charCodeAt(from);
    const second = text.charCodeAt(from + 1);
    if (!plainCanStart(first, second) || ((first === 45 || first === 63 || first === 58) && isFlowIndicator(second))) throw BAIL;
    let p = from;
    let last = from;
    for (;;) {
      const c = text.charCodeAt(p);
      if (c === 58) {
        const f = text.charCodeAt(p + 1);
        if (isBlankOrEnd(f) || isFlowIndicator(f)) break;
      } else if (isFlowIndicator(c)) {
        break;
      } else if (c === 35) {
        if (text.charCodeAt(p - 1) === 32) throw BAIL; // a comment: the collection goes on on another line
      } else if (c < 32 || c !== c) {
        throw BAIL; // the line ends inside the collection, or a tab or control character
      } else if (c >= 0x7f) {
        p += this.wide(p, c);
        last = p;
        continue;
      }
      if (c !== 32) last = p + 1;
      p++;
    }
    this.after = p;
    return last;
  }

  private skipSpaces(from: number): number {
    let p = from;
    while (this.text.charCodeAt(p) === 32) p++;
    return p;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
}

/**
 * Reads the document `text[start, end)` if it is plain block YAML; undefined otherwise (then
 * js-yaml must read it). `markerLine`: the document starts right after a `---` on the same line.
 * Never throws. A document read here has no aliases and stays within the depth and size bounds of
 * depth.ts, so it needs no shape check.
 */
export function readBlockYaml(text: string, start: number, end: number, markerLine: boolean): BlockDocument | undefined {
  try {
    const reader = new BlockReader(text, end, false);
    const value = reader.read(start, markerLine);
    return { value, contentAt: reader.contentAt };
  } catch {
    // BAIL, or anything unforeseen: js-yaml reads the document and reports its errors.
    itemStack.length = 0;
    return undefined;
  }
}

/** Positions of every node of a document readBlockYaml accepts; undefined otherwise. */
export function blockYamlPositions(text: string, start: number, end: number, markerLine: boolean): NodePosition | undefined {
  try {
    const reader = new BlockReader(text, end, true);
    reader.read(start, markerLine);
    return reader.lastPosition();
  } catch {
    itemStack.length = 0;
    return undefined;
  }
}

/**
 * The offset `locate` reports for `steps`, following the `yaml`-based locator's rules exactly
 * (locate.ts): the value's start when the whole path exists (the key when the value has no
 * text), else the key or item of the deepest step that exists. Undefined when keys may be read
 * differently by the `yaml` package: then that locator must answer.
 */
export function locateOffset(root: NodePosition, steps: readonly (string | number)[]): number | undefined {
  let node: NodePosition = root;
  let named = root.at;
  let value = named;
  let resolved = 0;
  for (const step of steps) {
    if (node.kind === MAPPING) {
      if (node.keysMayDiffer) return undefined;
      const entry = node.entries!.get(String(step));
      if (entry === undefined) break;
      named = entry.key;
      node = entry.value;
      value = node.at >= 0 ? node.at : named;
    } else if (node.kind === SEQUENCE && typeof step === 'number') {
      const item = node.items![step];
      if (item === undefined) break;
      named = item.at;
      value = named;
      node = item;
    } else {
      break;
    }
    resolved++;
  }
  return resolved === steps.length ? value : named;
}

