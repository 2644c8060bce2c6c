/**
 * Values of block-style YAML documents read straight off their lines: the style Helm, kubectl and
 * cdk8s write (mappings and sequences laid out by indentation, comments, plain, quoted and block
 * scalars, small flow lists, anchors on values). The loader tries this first for every YAML
 * document; js-yaml reads the rest.
 *
 * Why: js-yaml's long strings are slices of its copy of the document, so the loader copied every
 * value once more through JSON, so that the model would not keep the documents' text alive; and a
 * document with a YAML 1.1 look-alike was parsed a second time (yaml11.ts). This reader walks the
 * lines once, writes the document as JSON text and has `JSON.parse` build the value (flat strings
 * that hold no file text), checking each plain scalar for its YAML 1.1 reading on the way. On the
 * Helm-like bench sets the load costs a fifth less CPU for it (bench/PROFILE.md, round 11).
 *
 * What it gives is exactly what `jsyaml.load(text, { schema: SCHEMA })` gives as a JSON round trip
 * keeps it (key order, numbers, strings, nulls; an alias is a copy of its anchored value, not the
 * same object), or undefined: "not sure, ask js-yaml". It answers only where it reads the document
 * as js-yaml does, and hands over, besides anything it does not recognise:
 * - what needs a YAML parser's state or tags: tags, `?` keys, `<<` merge keys, directives, flow
 *   mappings other than `{}`, flow lists that are not one line of scalars, anchors and aliases
 *   anywhere but on values, and the cases where js-yaml anchors something else than the value;
 * - keys the core schema reads as something other than their text (`80`, `true`, `~`), duplicate
 *   keys (js-yaml refuses them);
 * - numbers JSON cannot carry (`-0.0`, `.inf`, `.nan`);
 * - text js-yaml may read differently or refuse: tabs, non-printable characters, a lone carriage
 *   return, a byte order mark, `{{` (unrendered templates), a continuation line of a scalar that is
 *   not indented past the entry holding it, a comment inside a multi-line plain scalar;
 * - documents beyond depth.ts's bounds (aliases counted as copies, as there), so that the loader's
 *   shape check has nothing to find in what this reader answers;
 * - a root that is not a block mapping or sequence, or anything after the root.
 * Plain scalars are resolved by js-yaml's own exported types, in SCHEMA's order. Quoted and block
 * scalars follow js-yaml's folding rules as js-yaml 4 applies them (it keeps a quoted line's
 * trailing spaces before a fold, for one). test/load/block-read.test.ts holds the two equal.
 */
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES } from './depth';
import {
  AMPERSAND, BACKSLASH, COLON, COMMA, DASH, DIGIT_0, DIGIT_9, DOT, DQUOTE, GT, HASH, LBRACE, LBRACKET, LF, PIPE, PLUS, QUESTION,
  RBRACE, RBRACKET, SPACE, SQUOTE, STAR, TILDE, BlockLines, cannotStartPlain, isMergeKey, plainKeyMayResolve,
} from './block-style';
import { IMPLICIT_TYPES } from './yaml-schema';
import type { PathStep } from '../k8s/field-path';
import { readsDifferentlyInYaml11, resolveYaml11, type Yaml11Reading } from './yaml11';

/**
 * Characters after which the reader does not answer: tabs (YAML readers differ on them as
 * indentation and separation), what js-yaml refuses as non-printable (C0 and C1 controls, lone
 * surrogates — a surrogate pair is handed over too —, U+FFFE, U+FFFF), a byte order mark. A
 * carriage return outside CRLF and `{{` are looked for apart: one expression with the three
 * alternatives took 69 ms over the 10,000-object set's documents in a fresh process, this class
 * and two substring searches 10 ms.
 */
const NOT_READ = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF]/;

/** Thrown inside the reader when it cannot be sure; never leaves this module. */
const UNSURE = { unsure: true };

/** A quoted scalar that must end on its line (a key, an item of a flow list). */
const ONE_LINE = -2;

const LOWER_U = 117;
const LOWER_N = 110;
const HEX_DIGITS = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/** An anchored value: where its JSON is in the buffer, the values inside it and its depth below its parent, as depth.ts counts them. */
interface Anchored {
  from: number;
  to: number;
  nodes: number;
  depth: number;
}

/**
 * Reads documents one at a time (see the module comment); one per file, so that the buffer the
 * JSON text is written into grows to the file's largest document once, not for every document.
 */
export class BlockReader extends BlockLines {
  // The text of a document read has no tab (NOT_READ), so nextContentLine never answers TAB_FIRST here.
  /** The JSON text of the document being read, as bytes: every character outside printable ASCII is written as a `\u` escape. */
  private buf = Buffer.allocUnsafe(1 << 12);
  private len = 0;
  /** Values written so far, as depth.ts counts them. */
  private nodes = 1;
  /**
   * After a read: what yaml11Readings gives for the document, found on the way instead of by a
   * second parse: every plain scalar written is checked, in document order, which is the order of
   * the value's keys. Undefined where that order may differ (a key such as `"80"`, which
   * JavaScript puts before the others): the loader then asks yaml11Readings.
   */
  yaml11: Yaml11Reading[] | undefined;
  private readings: Yaml11Reading[] | undefined;
  private integerLikeKey = false;
  /** The path to the value being written: for a key, where its JSON is in the buffer; for an item, -1 and its index. */
  private readonly steps: number[] = [];
  /** How many of `steps` are the path (two per step; the array is reused, not shortened). */
  private stepsInPath = 0;
  /**
   * Where the keys of the mappings being written are in the buffer, two numbers a key, those of
   * the innermost mapping last; the first `keysHeld` are current. Reused across mappings and
   * documents: an array per mapping was a tenth of a 10,000-object check's allocation.
   */
  private readonly keyRanges: number[] = [];
  private keysHeld = 0;
  /** Set by readKey: where the key's text is (inside its quotes, if any), its quote, and the position after its `:`. */
  private keyFrom = 0;
  private keyTo = 0;
  private keyQuote = 0;
  private afterColon = 0;
  /** The anchors met so far in the document, and the deepest collection written (for the depth of what an alias copies). */
  private anchors: Map<string, Anchored> | undefined;
  private deepest = 0;
  /** Set by plainLine: where the line's text stopped (its line feed, or a comment's `#`). */
  private scanned = 0;

  /**
   * The value js-yaml reads from a document's text with SCHEMA, as a JSON round trip would copy
   * it, or undefined when this reader cannot be sure of it (see the module comment).
   */
  read(text: string): unknown {
    if (NOT_READ.test(text) || text.includes('{{')) return undefined;
    let lines = text;
    if (text.includes('\r')) {
      // js-yaml reads CRLF as one line break everywhere; a carriage return alone is not read here.
      lines = text.replace(/\r\n/g, '\n');
      if (lines.includes('\r')) return undefined;
    }
    // js-yaml ends the text with a line break if it has none.
    if (lines.charCodeAt(lines.length - 1) !== LF) lines += '\n';
    this.text = lines;
    this.end = lines.length;
    this.len = 0;
    this.nodes = 1;
    this.yaml11 = undefined;
    this.readings = undefined;
    this.integerLikeKey = false;
    this.stepsInPath = 0;
    this.keysHeld = 0;
    this.anchors = undefined;
    this.deepest = 0;
    try {
      this.document();
      this.yaml11 = this.integerLikeKey ? undefined : (this.readings ?? []);
    } catch (e) {
      if (e === UNSURE) return undefined;
      throw e;
    } finally {
      this.text = '';
    }
    return JSON.parse(this.buf.toString('latin1', 0, this.len));
  }

  private document(): void {
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
  }

  // ---- Collections ------------------------------------------------------------------------------

  /** A block mapping whose keys are indented by `indent`; its first key has just been read. */
  private mapping(indent: number, depth: number): number {
    if (depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    if (depth > this.deepest) this.deepest = depth;
    // This mapping's keys are keyRanges from `first` on; equal strings are written as equal bytes.
    const first = this.keysHeld;
    const keys = this.keyRanges;
    this.byte(LBRACE);
    for (;;) {
      if (this.keysHeld > first) this.byte(COMMA);
      const from = this.len;
      this.writeKey();
      const to = this.len;
      for (let k = first; k < this.keysHeld; k += 2) {
        if (this.sameBytes(keys[k]!, keys[k + 1]!, from, to)) throw UNSURE; // js-yaml refuses a duplicate key
      }
      keys[this.keysHeld] = from;
      keys[this.keysHeld + 1] = to;
      this.keysHeld += 2;
      // A quoted key may be one JavaScript orders before the others (see yaml11).
      if (this.keyQuote !== 0 && this.text.charCodeAt(this.keyFrom + 1) >= DIGIT_0 && this.text.charCodeAt(this.keyFrom + 1) <= DIGIT_9) this.integerLikeKey = true;
      this.byte(COLON);
      this.counted();
      this.step(from, to);
      const next = this.entryValue(this.afterColon, indent, depth);
      this.stepsInPath -= 2;
      if (next === this.end || this.indent < indent) {
        this.byte(RBRACE);
        this.keysHeld = first;
        return next;
      }
      if (this.indent > indent || !this.readKey(next + indent)) throw UNSURE;
    }
  }

  /** A block sequence whose `-` are indented by `indent`; the first `-` is at `first`. */
  private sequence(first: number, indent: number, depth: number): number {
    if (depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    if (depth > this.deepest) this.deepest = depth;
    this.byte(LBRACKET);
    let dash = first;
    for (let index = 0; ; index++) {
      if (index > 0) this.byte(COMMA);
      this.counted();
      this.step(-1, index);
      const next = this.itemValue(dash, indent, depth);
      this.stepsInPath -= 2;
      // Not a `-`: the next key of the mapping that holds this sequence at its own indentation.
      if (next === this.end || this.indent < indent || (this.indent === indent && !this.isDash(next + indent))) {
        this.byte(RBRACKET);
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
    if (c === AMPERSAND) return this.anchored(at, indent, depth, false);
    if (c !== LF && c !== HASH) return this.inlineValue(at, indent, depth);
    return this.valueBelow(at, indent, depth, false);
  }

  /** The value of the item whose `-` is at `dash`, in a sequence indented by `indent`. */
  private itemValue(dash: number, indent: number, depth: number): number {
    const at = this.spaces(dash + 1);
    const c = this.text.charCodeAt(at);
    if (c === AMPERSAND) return this.anchored(at, indent, depth, true);
    if (c === LF || c === HASH) return this.valueBelow(at, indent, depth, true);
    // `- - a` and `- key: v`: a collection starts on the item's line, indented by its column.
    if (this.isDash(at)) return this.sequence(at, this.column(at), depth + 1);
    if (this.readKey(at)) return this.mapping(this.column(at), depth + 1);
    return this.inlineValue(at, indent, depth);
  }

  /**
   * The value of an entry or item (indented by `indent`) whose line ends at `at` (or has only a
   * comment left): on the lines below, indented past it, or null.
   */
  private valueBelow(at: number, indent: number, depth: number, item: boolean): number {
    const next = this.nextContentLine(this.lineAfter(at));
    if (next !== this.end && this.indent > indent) return this.nodeOnItsLine(next, indent, depth);
    if (next !== this.end && !item && this.indent === indent && this.isDash(next + indent)) {
      // A sequence may sit at its key's own indentation (`key:` then `- item`).
      return this.sequence(next + indent, indent, depth + 1);
    }
    // After an empty item js-yaml reads a `-` indented less as this sequence's next item.
    if (next !== this.end && item && this.indent < indent && this.isDash(next + this.indent)) throw UNSURE;
    this.word('null');
    return next;
  }

  /**
   * A value with an anchor (`&name` at `at`) of an entry or item indented by `indent`: written as
   * any value, and its JSON kept for the aliases that follow (js-yaml shares one node between
   * them; a JSON round trip, as the loader keeps values, copies it to each).
   */
  private anchored(at: number, indent: number, depth: number, item: boolean): number {
    const t = this.text;
    const after = this.anchorName(at);
    const name = t.slice(at + 1, after);
    const anchors = (this.anchors ??= new Map<string, Anchored>());
    // Until the node is read, an alias to this name is js-yaml's business (a cycle, or the old node).
    anchors.delete(name);
    const from = this.len;
    const nodes = this.nodes;
    const outerDeepest = this.deepest;
    this.deepest = depth;
    const v = this.spaces(after);
    const c = t.charCodeAt(v);
    let next: number;
    if (c === LF || c === HASH) {
      // js-yaml anchors an empty mapping, not a block scalar that starts the next line; an alias
      // there is not read here either.
      const below = this.nextContentLine(this.lineAfter(v));
      const first = t.charCodeAt(below + this.indent);
      if (below !== this.end && this.indent > indent && (first === PIPE || first === GT || first === STAR)) throw UNSURE;
      next = this.valueBelow(v, indent, depth, item);
    } else {
      // Two properties, an alias (which js-yaml refuses to anchor), or a key after the anchor
      // (which then names the key): js-yaml answers.
      if (c === AMPERSAND || c === STAR || c === 33 /* ! */ || this.isDash(v) || this.readKey(v)) throw UNSURE;
      next = this.inlineValue(v, indent, depth);
    }
    anchors.set(name, { from, to: this.len, nodes: this.nodes - nodes, depth: this.deepest - depth });
    this.deepest = Math.max(outerDeepest, this.deepest);
    return next;
  }

  /** An alias (`*name` at `at`) held by an entry indented by `owner`, in a collection at `depth`: a copy of the anchored value's JSON. */
  private alias(at: number, owner: number, depth: number): number {
    const after = this.anchorName(at);
    const anchored = this.anchors?.get(this.text.slice(at + 1, after));
    if (anchored === undefined) throw UNSURE;
    this.nodes += anchored.nodes;
    if (this.nodes > MAX_DOCUMENT_NODES || depth + anchored.depth > MAX_DOCUMENT_DEPTH) throw UNSURE;
    this.deepest = Math.max(this.deepest, depth + anchored.depth);
    const length = anchored.to - anchored.from;
    this.room(length);
    this.buf.copy(this.buf, this.len, anchored.from, anchored.to);
    this.len += length;
    return after;
  }

  /** The end of the anchor or alias name whose `&` or `*` is at `at`; it must be followed by a space or the line's end. */
  private anchorName(at: number): number {
    const t = this.text;
    let i = at + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SPACE || c === LF) break;
      // Flow indicators end a name in js-yaml: not read here.
      if (c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE) throw UNSURE;
      i++;
    }
    if (i === at + 1) throw UNSURE;
    return i;
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
    if (c === DQUOTE || c === SQUOTE) {
      after = this.quoted(at, owner);
    } else if (c === PIPE || c === GT) {
      return this.closed(this.blockScalar(at, owner), owner);
    } else if (c === LBRACKET) {
      after = this.flowSequence(at, depth + 1);
    } else if (c === LBRACE) {
      if (t.charCodeAt(at + 1) !== RBRACE || depth + 1 > MAX_DOCUMENT_DEPTH) throw UNSURE;
      this.byte(LBRACE);
      this.byte(RBRACE);
      this.deepest = Math.max(this.deepest, depth + 1);
      after = at + 2;
    } else if (c === STAR) {
      after = this.alias(at, owner, depth);
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
    if (depth > this.deepest) this.deepest = depth;
    const t = this.text;
    this.byte(LBRACKET);
    let i = this.spaces(at + 1);
    if (t.charCodeAt(i) === RBRACKET) {
      this.byte(RBRACKET);
      return i + 1;
    }
    for (let items = 0; ; items++) {
      if (items > 0) this.byte(COMMA);
      this.counted();
      this.step(-1, items);
      const c = t.charCodeAt(i);
      if (c === DQUOTE || c === SQUOTE) {
        i = this.quoted(i, ONE_LINE);
      } else {
        // In a flow list `-` and `?` before `,` or `]` do not start a plain scalar either.
        const d = t.charCodeAt(i + 1);
        if (cannotStartPlain(t, i) || ((c === DASH || c === QUESTION) && (d === COMMA || d === RBRACKET))) throw UNSURE;
        let to = i;
        let j = i;
        for (; ; j++) {
          const e = t.charCodeAt(j);
          if (e === COMMA || e === RBRACKET) break;
          // Nested collections, pairs, comments and line breaks inside a flow list: js-yaml answers.
          if (e === LF || e === COLON || e === HASH || e === LBRACKET || e === LBRACE || e === RBRACE) throw UNSURE;
          if (e !== SPACE) to = j + 1;
        }
        this.plainScalar(i, to);
        i = j;
      }
      this.stepsInPath -= 2;
      i = this.spaces(i);
      const d = t.charCodeAt(i);
      if (d === RBRACKET) {
        this.byte(RBRACKET);
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
    const to = this.plainLine(at);
    if (t.charCodeAt(this.scanned) === HASH) {
      this.plainScalar(at, to);
      return this.nextContentLine(this.lineAfter(this.scanned));
    }
    // Continuation lines, if any: their text, and what the line breaks before them fold into.
    let folded: string | undefined;
    let breaks = 1;
    let line = this.scanned + 1;
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
      const segmentEnd = this.plainLine(j);
      if (t.charCodeAt(this.scanned) === HASH) throw UNSURE;
      folded = (folded ?? t.slice(at, to)) + (breaks === 1 ? ' ' : '\n'.repeat(breaks - 1)) + t.slice(j, segmentEnd);
      breaks = 1;
      line = this.scanned + 1;
    }
    if (folded === undefined) this.plainScalar(at, to);
    else this.resolved(folded);
    return this.nextContentLine(line);
  }

  /**
   * Reads one line of a plain scalar from `from` up to its line feed or a comment's `#` (left in
   * `scanned`); returns where its text ends, trailing spaces cut. `: ` inside is refused by js-yaml.
   */
  private plainLine(from: number): number {
    const t = this.text;
    let to = from;
    let i = from;
    for (; ; i++) {
      const c = t.charCodeAt(i);
      if (c === LF) break;
      if (c === COLON) {
        const d = t.charCodeAt(i + 1);
        if (d === SPACE || d === LF) throw UNSURE;
      } else if (c === HASH && t.charCodeAt(i - 1) === SPACE) {
        break;
      }
      if (c !== SPACE) to = i + 1;
    }
    this.scanned = i;
    return to;
  }

  /**
   * Writes the plain scalar `text[from, to)`: resolved by SCHEMA's implicit types where one may
   * apply (js-yaml's own `resolve` and `construct`), else its text. A canonical decimal integer
   * that a double holds exactly is written as it is (YAML 1.1 reads it as the same number).
   */
  private plainScalar(from: number, to: number): void {
    const t = this.text;
    const c = t.charCodeAt(from);
    const length = to - from;
    if ((c >= DIGIT_0 && c <= DIGIT_9) || c === DASH) {
      let i = c === DASH ? from + 1 : from;
      const first = t.charCodeAt(i);
      if (first > DIGIT_0 && first <= DIGIT_9 && to - i <= 15) {
        while (i < to && t.charCodeAt(i) >= DIGIT_0 && t.charCodeAt(i) <= DIGIT_9) i++;
        if (i === to) {
          this.room(length);
          for (let k = from; k < to; k++) this.buf[this.len++] = t.charCodeAt(k);
          return;
        }
      }
      this.resolved(t.slice(from, to));
    } else if (
      c === PLUS || c === DOT ||
      (length === 1 && c === TILDE) ||
      ((length === 4 || length === 5) && (c === 110 /* n */ || c === 78 /* N */ || c === 116 /* t */ || c === 84 /* T */ || c === 102 /* f */ || c === 70 /* F */))
    ) {
      this.resolved(t.slice(from, to));
    } else {
      // No implicit type resolves a scalar that starts otherwise (`<<` resolves to itself). YAML
      // 1.1 reads it as its text too, but for the short words of resolveYaml11's table (`y`, `no`, `on`, `off`).
      if (length <= 3 && (c === 121 /* y */ || c === 89 /* Y */ || c === 110 /* n */ || c === 78 /* N */ || c === 111 /* o */ || c === 79 /* O */)) {
        const text = t.slice(from, to);
        this.checkYaml11(text, text);
      }
      this.quotedRange(from, to);
    }
  }

  private step(from: number, to: number): void {
    this.steps[this.stepsInPath] = from;
    this.steps[this.stepsInPath + 1] = to;
    this.stepsInPath += 2;
  }

  /** Records the plain scalar `text` (read as `value`) where kubectl reads it otherwise. */
  private checkYaml11(text: string, value: unknown): void {
    if (!readsDifferentlyInYaml11(text, value)) return;
    const path: PathStep[] = [];
    for (let i = 0; i < this.stepsInPath; i += 2) {
      const from = this.steps[i]!;
      const to = this.steps[i + 1]!;
      path.push(from < 0 ? to : (JSON.parse(this.buf.toString('latin1', from, to)) as string));
    }
    (this.readings ??= []).push({ path, text, kubectl: resolveYaml11(text), lineup: value });
  }

  /** Writes a plain scalar's value as js-yaml resolves it. */
  private resolved(text: string): void {
    for (const type of IMPLICIT_TYPES) {
      if (!type.resolve(text)) continue;
      const value: unknown = type.construct(text);
      this.checkYaml11(text, value);
      if (value === null) this.word('null');
      else if (value === true) this.word('true');
      else if (value === false) this.word('false');
      else if (typeof value === 'string') this.quotedString(value);
      // -0, infinities and NaN do not survive JSON; every other double does, written as JSON writes it.
      else if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) this.word(JSON.stringify(value));
      else throw UNSURE;
      return;
    }
    this.checkYaml11(text, text);
    this.quotedString(text);
  }

  /**
   * Writes a quoted scalar starting at `at` (`'` or `"`); returns the position after it. In
   * single quotes `''` is a quote; in double quotes YAML's escapes are read as js-yaml reads them.
   * Line breaks fold as in js-yaml.
   */
  private quoted(at: number, owner: number): number {
    const t = this.text;
    const quote = t.charCodeAt(at);
    this.byte(DQUOTE);
    let start = at + 1;
    for (let i = start; i < this.end; ) {
      const c = t.charCodeAt(i);
      if (c === quote) {
        this.range(start, i);
        if (quote === DQUOTE || t.charCodeAt(i + 1) !== SQUOTE) {
          this.byte(DQUOTE);
          return i + 1;
        }
        this.byte(SQUOTE);
        i += 2;
        start = i;
      } else if (c === BACKSLASH && quote === DQUOTE) {
        this.range(start, i);
        i = this.escape(i, owner);
        start = i;
      } else if (c === LF) {
        this.range(start, i);
        i = this.fold(i, owner, true);
        start = i;
      } else {
        i++;
      }
    }
    throw UNSURE;
  }

  /** Writes the escape whose `\` is at `at` in a double-quoted scalar; returns the position after it. */
  private escape(at: number, owner: number): number {
    const t = this.text;
    const e = t.charCodeAt(at + 1);
    // An escaped line break: the break and the next lines' leading blanks are dropped.
    if (e === LF) return this.fold(at + 1, owner, false);
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.room(6);
      this.char(simple);
      return at + 2;
    }
    const digits = e === 120 /* x */ ? 2 : e === LOWER_U ? 4 : e === 85 /* U */ ? 8 : 0;
    if (digits === 0) throw UNSURE;
    const hex = t.slice(at + 2, at + 2 + digits);
    if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) throw UNSURE;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw UNSURE;
    this.room(12);
    if (code <= 0xffff) {
      this.char(code);
    } else {
      this.char(((code - 0x10000) >> 10) + 0xd800);
      this.char(((code - 0x10000) & 0x3ff) + 0xdc00);
    }
    return at + 2 + digits;
  }

  /**
   * Passes over the line break at `at`, blank lines and the next line's indentation, as js-yaml
   * does inside a quoted scalar, and writes what they fold into when `write` (one break: a space;
   * n: n − 1 line feeds); returns where the text goes on. The line must be indented past the owner
   * (js-yaml accepts less, the `yaml` parser does not: not sure).
   */
  private fold(at: number, owner: number, write: boolean): number {
    if (owner === ONE_LINE) throw UNSURE;
    const t = this.text;
    let breaks = 0;
    let i = at;
    while (t.charCodeAt(i) === LF) {
      breaks++;
      i++;
      const lineStart = i;
      while (t.charCodeAt(i) === SPACE) i++;
      if (i >= this.end) throw UNSURE;
      if (t.charCodeAt(i) !== LF && i - lineStart <= owner) throw UNSURE;
    }
    if (write) {
      if (breaks === 1) this.byte(SPACE);
      else this.lineFeeds(breaks - 1);
    }
    return i;
  }

  /**
   * Writes a block scalar (`|` or `>`, with js-yaml's chomping and indentation indicators) held by
   * an entry indented by `owner`, read by js-yaml's rules: content is indented by the indicator's
   * width past the owner, else by the first line indented past it (blank lines before it count);
   * `>` folds lines that start with content and keeps more-indented lines' breaks. Returns the next
   * content line.
   */
  private blockScalar(at: number, owner: number): number {
    const t = this.text;
    const folding = t.charCodeAt(at) === GT;
    let chomping: 'clip' | 'keep' | 'strip' = 'clip';
    let detected = false;
    let textIndent = owner + 1;
    let i = at + 1;
    let c = t.charCodeAt(i);
    for (;; c = t.charCodeAt(++i)) {
      if (c === PLUS || c === DASH) {
        if (chomping !== 'clip') throw UNSURE;
        chomping = c === PLUS ? 'keep' : 'strip';
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
    this.byte(DQUOTE);
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
        if (chomping === 'keep') this.lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === 'clip' && didReadContent) this.lineFeeds(1);
        this.byte(DQUOTE);
        return this.nextContentLine(i - lineIndent);
      }
      if (folding) {
        if (c === SPACE) {
          atMoreIndented = true;
          this.lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          this.lineFeeds(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) this.byte(SPACE);
        } else {
          this.lineFeeds(emptyLines);
        }
      } else {
        this.lineFeeds(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detected = true;
      emptyLines = 0;
      const eol = t.indexOf('\n', i);
      this.range(i, eol);
      i = eol;
    }
  }

  // ---- Keys and lines --------------------------------------------------------------------------

  /**
   * Whether an implicit key (`key:`, `"key":`, `'key':` followed by a space or the line's end)
   * starts at `at`; sets keyFrom, keyTo, keyQuote and afterColon. Throws UNSURE for keys only a
   * YAML parser may read (PLAIN_KEY_MAY_RESOLVE, `<<`).
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
      this.keyFrom = at;
      this.keyQuote = c;
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
        if (plainKeyMayResolve(t, at, to) || isMergeKey(t, at, to)) throw UNSURE;
        this.keyFrom = at;
        this.keyTo = to;
        this.keyQuote = 0;
        this.afterColon = i + 1;
        return true;
      }
      if (d === HASH && t.charCodeAt(i - 1) === SPACE) return false;
    }
  }

  /** Writes the key readKey found. */
  private writeKey(): void {
    if (this.keyQuote === 0) this.quotedRange(this.keyFrom, this.keyTo);
    else this.quoted(this.keyFrom, ONE_LINE);
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

  // ---- Writing JSON ------------------------------------------------------------------------------
  // A string is written one way only: printable ASCII as itself (`"` and `\` escaped), every other
  // UTF-16 unit as `\u` and four lower-case hex digits. So two keys are equal exactly when their
  // bytes are, and the text is ASCII whatever the document holds.

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }

  private byte(c: number): void {
    this.room(1);
    this.buf[this.len++] = c;
  }

  /** `null`, `true`, a number: ASCII without escapes. */
  private word(text: string): void {
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.len++] = text.charCodeAt(i);
  }

  /** One UTF-16 unit of a string (room for six bytes made by the caller). */
  private char(c: number): void {
    const buf = this.buf;
    if (c >= SPACE && c < 0x7f) {
      if (c === DQUOTE || c === BACKSLASH) buf[this.len++] = BACKSLASH;
      buf[this.len++] = c;
      return;
    }
    buf[this.len++] = BACKSLASH;
    buf[this.len++] = LOWER_U;
    buf[this.len++] = HEX_DIGITS[(c >> 12) & 15]!;
    buf[this.len++] = HEX_DIGITS[(c >> 8) & 15]!;
    buf[this.len++] = HEX_DIGITS[(c >> 4) & 15]!;
    buf[this.len++] = HEX_DIGITS[c & 15]!;
  }

  /** The text's characters `[from, to)` inside a string. */
  private range(from: number, to: number): void {
    this.room(6 * (to - from));
    const t = this.text;
    const buf = this.buf;
    let len = this.len;
    for (let i = from; i < to; i++) {
      const c = t.charCodeAt(i);
      if (c >= SPACE && c < 0x7f && c !== DQUOTE && c !== BACKSLASH) {
        buf[len++] = c;
      } else {
        this.len = len;
        this.char(c);
        len = this.len;
      }
    }
    this.len = len;
  }

  /** The text's characters `[from, to)` as a string. */
  private quotedRange(from: number, to: number): void {
    this.byte(DQUOTE);
    this.range(from, to);
    this.byte(DQUOTE);
  }

  private quotedString(s: string): void {
    this.room(6 * s.length + 2);
    this.buf[this.len++] = DQUOTE;
    for (let i = 0; i < s.length; i++) this.char(s.charCodeAt(i));
    this.buf[this.len++] = DQUOTE;
  }

  /** `n` line feeds inside a string. */
  private lineFeeds(n: number): void {
    this.room(2 * n);
    for (let i = 0; i < n; i++) {
      this.buf[this.len++] = BACKSLASH;
      this.buf[this.len++] = LOWER_N;
    }
  }

  private sameBytes(a: number, aEnd: number, b: number, bEnd: number): boolean {
    if (aEnd - a !== bEnd - b) return false;
    for (let i = 0; i < aEnd - a; i++) if (this.buf[a + i] !== this.buf[b + i]) return false;
    return true;
  }
}

/** YAML's one-character escapes in double-quoted scalars, as js-yaml reads them (tab aside: tabs are handed over). */
const SIMPLE_ESCAPES = new Map<number, number>([
  [48 /* 0 */, 0x00],
  [97 /* a */, 0x07],
  [98 /* b */, 0x08],
  [116 /* t */, 0x09],
  [110 /* n */, 0x0a],
  [118 /* v */, 0x0b],
  [102 /* f */, 0x0c],
  [114 /* r */, 0x0d],
  [101 /* e */, 0x1b],
  [32 /* space */, 0x20],
  [34 /* " */, 0x22],
  [47 /* / */, 0x2f],
  [92 /* \ */, 0x5c],
  [78 /* N */, 0x85],
  [95 /* _ */, 0xa0],
  [76 /* L */, 0x2028],
  [80 /* P */, 0x2029],
]);
