import { keepShape } from './keepShape';

/**
 * A fast, forgiving, line-based YAML walker for the port finders. It tracks the key path by
 * indentation (block mappings, block sequences `- `, flow collections `[a, {b: c}]`, quoted and plain
 * scalars, comments, block scalars `|`/`>`, `---` document separators) and reports each scalar with
 * the frame that holds it. It is not a YAML parser: it never throws, keeps going on malformed input
 * (tabs, bad indentation, unclosed quotes or brackets), runs in time linear in the text and uses no
 * recursion, so neither a megabyte-long line nor fifty thousand nested levels can hurt it.
 */

/**
 * A key's text, shared by every frame with the same key in one walk (most keys repeat), so that the
 * text is sliced and lower-cased once, and facts about it are worked out once.
 */
export interface YamlKey {
  key: string;
  lower: string;
  /** Free slot for the visitor to cache facts about the key; 0 until it does. */
  memo: number;
  /**
   * True when every key of the walk with this text is this record (keys too long, or first seen once
   * the table is full, get a record of their own each time).
   */
  shared: boolean;
  /** Free slot for the visitor, for what it keeps about a key it sees several times; undefined until it does. */
  data: unknown;
}

/**
 * One level of the key path: a mapping key, a block sequence item or a flow mapping. The walker reuses
 * a frame's object for a later frame once it has been closed, so a visitor must not keep one past its
 * `close`.
 */
export interface YamlFrame {
  /** Column of the key or dash; flow frames use a column past any line ({@link FLOW_INDENT}). */
  indent: number;
  /** True for a sequence item (`- `) or a flow mapping `{...}`; false for a mapping key. */
  isItem: boolean;
  /** True for frames opened inside a flow collection. */
  flow: boolean;
  /**
   * True for an entry of a sequence: a block item (`- `) or a flow mapping inside a flow sequence
   * (`[{a: 1}]`). False for a flow mapping that is a value (`key: {a: 1}`, `- {a: 1}`, whose entry is
   * the dash's item) and for mapping keys.
   */
  entry: boolean;
  /** The key text (unquoted); '' for items. */
  key: string;
  /** The key in lower case, computed once. */
  lower: string;
  /** The shared record of the key ({@link YamlKey}); `key` and `lower` are its strings. */
  name: YamlKey;
  /** Offset of the key, dash or brace. */
  start: number;
  /** End offset of the last scalar seen in this frame or its direct children. */
  end: number;
  /** The frame below this one on the stack. */
  parent: YamlFrame | null;
  /** The nearest mapping-key frame below this one, skipping items: for an item, the key holding the sequence. */
  owner: YamlFrame | null;
  /** True once the frame has a value or children. */
  hasValue: boolean;
  /**
   * For items: the direct child keys with a scalar value, by lower-case key. Always null when the
   * visitor set {@link YamlVisitor.fields} to false.
   */
  fields: Map<string, YamlScalar> | null;
  /** Free slot for the visitor (e.g. occurrences found inside an item). */
  data: unknown;
}

/** A scalar's value offsets (without quotes) and its quote character (0 for a plain scalar). */
export interface YamlScalar {
  start: number;
  end: number;
  quote: number;
}

export interface YamlVisitor {
  /** False when the visitor has no use for {@link YamlFrame.fields}, which then are not collected. */
  readonly fields?: boolean;
  /** A mapping key was opened (before its value is reported). */
  key?(frame: YamlFrame): void;
  /**
   * A scalar value. `frame` is the key frame (`key: value`, `{key: value}`), the item frame (`- value`)
   * or, for entries of a flow sequence, the frame holding the sequence; `inSeq` tells the last two apart
   * from the first.
   */
  scalar(frame: YamlFrame | null, s: number, e: number, quote: number, inSeq: boolean): void;
  /** A line of a block scalar, or a plain continuation line, inside `frame`. */
  freeText(frame: YamlFrame | null, s: number, e: number): void;
  /**
   * A block scalar (`|`, `>`) ended: text[s, e) runs from the start of its first content line
   * (indentation included) to the end of its last one. Its lines were reported through `freeText` before.
   */
  block?(frame: YamlFrame | null, s: number, e: number): void;
  /** A comment, without its `#`. */
  comment(s: number, e: number): void;
  /** A frame ends (its children were reported before). */
  close?(frame: YamlFrame): void;
  /** A document ends (`---`, `...` or end of text), after all its frames were closed. */
  endDocument?(): void;
}

const SP = 32;
const TAB = 9;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const DQ = 34;
const SQ = 39;
const LBRACK = 91;
const RBRACK = 93;
const LBRACE = 123;
const RBRACE = 125;
const COMMA = 44;

/**
 * The column of flow frames: past any line. A small integer rather than `Number.MAX_SAFE_INTEGER`,
 * so that every frame's `indent` stays a small integer and V8 keeps one object shape for frames (a
 * double in that field made it deoptimize the walker's hot functions).
 */
export const FLOW_INDENT = 0x3fffffff;
/** Keys interned per walk, at most; further distinct keys are sliced for each frame. */
const MAX_KEYS = 4096;
/** Slots of the key table when it is first made; it doubles while it is at most half full. */
const FIRST_SLOTS = 64;
/** Longer keys are not interned. */
const MAX_KEY_LENGTH = 40;

function newKey(key: string, shared: boolean): YamlKey {
  return { key, lower: key.toLowerCase(), memo: 0, shared, data: undefined };
}

/** A frame to be filled by Walker.push; every frame is made here, so that all share one map. */
function newFrame(name: YamlKey): YamlFrame {
  return {
    indent: 0, isItem: false, flow: false, entry: false, key: name.key, lower: name.lower, name, start: 0, end: 0,
    parent: null, owner: null, hasValue: false, fields: null, data: undefined,
  };
}

/** The hash of text[s, e) that keys are interned by; keyColon computes the same one as it reads a key. */
function hashText(text: string, s: number, e: number): number {
  let h = 0;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

function isBlank(c: number): boolean {
  return c === SP || c === TAB;
}

/**
 * Offset of `needle` inside text[from, to), or -1. Unlike `indexOf` it never looks past `to`, so
 * scanning one value or line at a time stays linear on a long text with no match.
 */
export function findIn(text: string, needle: string, from: number, to: number): number {
  const end = Math.min(to, text.length) - needle.length;
  const c0 = needle.charCodeAt(0);
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    if (text.charCodeAt(i) !== c0) continue;
    for (let k = 1; k < needle.length; k++) if (text.charCodeAt(i + k) !== needle.charCodeAt(k)) continue outer;
    return i;
  }
  return -1;
}

/** Walks a YAML text and reports its scalars, block text and comments to `v`. */
export function walkYaml(text: string, v: YamlVisitor): void {
  new Walker(text, v).run();
}

class Walker {
  // The open frames are stack[0, depth); the objects past them are closed frames kept for reuse.
  private readonly stack: YamlFrame[] = [];
  private depth = 0;
  private readonly fields: boolean;
  // The walk's keys: an open-addressing table of 1-based indexes into keyList, by a hash of the key's
  // characters; keyHash holds each key's hash.
  private readonly keyList: YamlKey[] = [];
  private readonly keyHash: number[] = [];
  private slots = new Int32Array(FIRST_SLOTS);
  // The offsets of the next `#` and `{` at or after the last offset asked about (text.length when there
  // is none): most lines have neither, and knowing it spares reading a value character by character.
  // Lines are read in order, so each search starts past the previous match and the text is searched once.
  private hashAt = -1;
  private braceAt = -1;
  // The hash of the key keyColon found last, when colonHashed says it computed one.
  private colonHash = 0;
  private colonHashed = false;
  private readonly itemKey: YamlKey = newKey('', false);
  // Block scalar state: the frame owning it, the column content must exceed, and its indentation once known.
  private blockFrame: YamlFrame | null | undefined = undefined;
  private blockParent = 0;
  private blockIndent = -1;
  private blockStart = -1;
  private blockEnd = -1;
  // Flow collection state: kinds of the open brackets, and the column of the node that opened them.
  private readonly flowKinds: number[] = [];
  private flowOwnerIndent = 0;
  private flowBase = 0;

  constructor(private readonly text: string, private readonly v: YamlVisitor) {
    this.fields = v.fields !== false;
    // The first frame is made here rather than by the first push, which would make it anyway: so the
    // walker kept alive below keeps a frame too, and with it the frames' map.
    this.stack.push(newFrame(this.itemKey));
  }

  run(): void {
    const text = this.text;
    const n = text.length;
    let ls = 0;
    while (ls <= n) {
      let nl = text.indexOf('\n', ls);
      if (nl < 0) nl = n;
      const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.line(ls, le);
      if (nl >= n) break;
      ls = nl + 1;
    }
    this.endDocument();
  }

  private top(): YamlFrame | null {
    return this.depth > 0 ? this.stack[this.depth - 1] : null;
  }

  private pop(): void {
    const f = this.stack[--this.depth];
    this.v.close?.(f);
  }

  private endBlock(): void {
    const f = this.blockFrame;
    this.blockFrame = undefined;
    if (f !== undefined && this.blockStart >= 0) this.v.block?.(f, this.blockStart, this.blockEnd);
  }

  private endDocument(): void {
    this.flowKinds.length = 0;
    this.endBlock();
    while (this.depth > 0) this.pop();
    this.v.endDocument?.();
  }

  /** The offset of the first `#` at or after `s`, or text.length. */
  private nextHash(s: number): number {
    if (s > this.hashAt) {
      const i = this.text.indexOf('#', s);
      this.hashAt = i < 0 ? this.text.length : i;
    }
    return this.hashAt;
  }

  /** The offset of the first `{` at or after `s`, or text.length. */
  private nextBrace(s: number): number {
    if (s > this.braceAt) {
      const i = this.text.indexOf('{', s);
      this.braceAt = i < 0 ? this.text.length : i;
    }
    return this.braceAt;
  }

  /** The shared key record for text[s, e). */
  private keyOf(s: number, e: number): YamlKey {
    if (e - s > MAX_KEY_LENGTH) return newKey(this.text.slice(s, e), false);
    return this.keyOfHash(s, e, hashText(this.text, s, e));
  }

  /** The shared key record for text[s, e), whose {@link hashText} is `h`. */
  private keyOfHash(s: number, e: number, h: number): YamlKey {
    // Looked up by the key's characters in place, against each record's key (sliced from the text when
    // the key was first seen): a key line slices no string unless its key is new.
    const text = this.text;
    const len = e - s;
    const slots = this.slots;
    const mask = slots.length - 1;
    let slot = (h ^ (h >>> 13)) & mask;
    for (let at = slots[slot]; at !== 0; at = slots[slot]) {
      if (this.keyHash[at - 1] === h) {
        const k = this.keyList[at - 1];
        // One native comparison rather than a loop of charCodeAt (much the cheaper before V8 optimizes).
        if (k.key.length === len && text.startsWith(k.key, s)) return k;
      }
      slot = (slot + 1) & mask;
    }
    const shared = this.keyList.length < MAX_KEYS && len <= MAX_KEY_LENGTH;
    const k = newKey(text.slice(s, e), shared);
    if (shared) {
      this.keyList.push(k);
      this.keyHash.push(h);
      slots[slot] = this.keyList.length;
      if (this.keyList.length * 2 > slots.length) this.growKeys();
    }
    return k;
  }

  private growKeys(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let at = 1; at <= this.keyList.length; at++) {
      const h = this.keyHash[at - 1];
      let slot = (h ^ (h >>> 13)) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = at;
    }
    this.slots = slots;
  }

  private push(indent: number, isItem: boolean, flow: boolean, name: YamlKey, start: number, entry = isItem && !flow): YamlFrame {
    const parent = this.top();
    if (parent) parent.hasValue = true;
    // An item's owner is the key holding its sequence. A key's owner is the key of the mapping around
    // it; a key directly inside a block sequence item has none, so `ports: - name: x` does not read as
    // a `ports` map entry, while a flow mapping is transparent (`port: {number: 80}`).
    const owner = isItem
      ? (parent ? (parent.isItem ? parent.owner : parent) : null)
      : (parent ? (parent.isItem ? (parent.flow ? parent.owner : null) : parent) : null);
    // A closed frame's object is reused: most lines open a frame, and this spares their allocation.
    let f = this.stack[this.depth];
    if (f === undefined) {
      f = newFrame(name);
      this.stack.push(f);
    }
    f.indent = indent;
    f.isItem = isItem;
    f.flow = flow;
    f.entry = entry;
    f.key = name.key;
    f.lower = name.lower;
    f.name = name;
    f.start = start;
    f.end = start;
    f.parent = parent;
    f.owner = owner;
    f.hasValue = false;
    f.fields = null;
    f.data = undefined;
    this.depth++;
    if (!isItem) this.v.key?.(f);
    return f;
  }

  private indentOf(ls: number, le: number): number {
    let i = ls;
    while (i < le && isBlank(this.text.charCodeAt(i))) i++;
    return i - ls;
  }

  private line(ls: number, le: number): void {
    const text = this.text;
    const ind = this.indentOf(ls, le);
    const pos0 = ls + ind;
    const blank = pos0 >= le;

    if (this.blockFrame !== undefined) {
      if (blank) return;
      if (this.blockIndent < 0) {
        if (ind > this.blockParent) this.blockIndent = ind;
      }
      if (this.blockIndent >= 0 && ind >= this.blockIndent) {
        if (this.blockStart < 0) this.blockStart = ls;
        this.blockEnd = le;
        this.v.freeText(this.blockFrame, pos0, le);
        return;
      }
      this.endBlock();
    }

    if (this.flowKinds.length > 0) {
      if (blank) return;
      const c = text.charCodeAt(pos0);
      // A flow collection left open reads on while lines stay indented past its owner (or close it).
      if (ind > this.flowOwnerIndent || c === RBRACK || c === RBRACE) {
        this.flow(pos0, le);
        return;
      }
      this.abortFlow();
    }

    if (blank) return;
    let c = text.charCodeAt(pos0);
    if (c === HASH) {
      this.v.comment(pos0 + 1, le);
      return;
    }
    if (ind === 0 && (c === DASH || c === 46) && le - ls >= 3) {
      const three = text.startsWith('---', ls) || text.startsWith('...', ls);
      if (three && (le - ls === 3 || isBlank(text.charCodeAt(ls + 3)))) {
        this.endDocument();
        return;
      }
    }
    if (ind === 0 && c === 37 /* % directive */) return;
    // A Helm/Go template action alone on its line (`{{- if ... }}`) is not YAML structure.
    if (c === LBRACE && text.charCodeAt(pos0 + 1) === LBRACE) {
      const close = findIn(text, '}}', pos0 + 2, le);
      if (close < 0 || close + 2 >= le || this.onlyBlankOrComment(close + 2, le)) {
        this.templateLine(pos0, le);
        return;
      }
    }

    let pos = pos0;
    let openedItem: YamlFrame | null = null;
    // Block sequence dashes, possibly several on one line (`- - a`).
    while (c === DASH && (pos + 1 >= le || isBlank(text.charCodeAt(pos + 1)))) {
      const col = pos - ls;
      this.popForItem(col);
      openedItem = this.push(col, true, false, this.itemKey, pos);
      pos++;
      while (pos < le && isBlank(text.charCodeAt(pos))) pos++;
      if (pos >= le) return;
      c = text.charCodeAt(pos);
    }
    if (c === HASH) {
      this.v.comment(pos + 1, le);
      return;
    }
    const col = pos - ls;
    const colon = this.keyColon(pos, le);
    if (colon >= 0) {
      const key = this.keyText(pos, colon);
      this.popForKey(col);
      const f = this.push(col, false, false, key, pos);
      this.value(f, colon + 1, le, false);
      return;
    }
    if (openedItem) {
      this.value(openedItem, pos, le, true);
      return;
    }
    // A value on the line after its key, or a plain scalar continued over several lines.
    const t = this.top();
    if (t && !t.hasValue && ind > t.indent && !t.flow) {
      this.value(t, pos, le, t.isItem);
      return;
    }
    this.v.freeText(t, pos, le);
  }

  private onlyBlankOrComment(i: number, le: number): boolean {
    while (i < le && isBlank(this.text.charCodeAt(i))) i++;
    return i >= le || this.text.charCodeAt(i) === HASH;
  }

  /** A template line is reported as text so that URLs inside it still count, without touching structure. */
  private templateLine(s: number, e: number): void {
    this.v.freeText(null, s, e);
  }

  private popForItem(col: number): void {
    for (;;) {
      const t = this.top();
      if (!t || !(t.indent > col || (t.indent === col && t.isItem))) break;
      this.pop();
    }
  }

  private popForKey(col: number): void {
    for (;;) {
      const t = this.top();
      if (!t || t.indent < col) break;
      this.pop();
    }
  }

  /** The offset of the `:` that ends a mapping key starting at `pos`, or -1 when the line holds no key. */
  private keyColon(pos: number, le: number): number {
    const text = this.text;
    const c0 = text.charCodeAt(pos);
    this.colonHashed = false;
    if (c0 === DQ || c0 === SQ) {
      const q = this.closeQuote(pos, le, c0);
      if (q < 0) return -1;
      let j = q + 1;
      while (j < le && isBlank(text.charCodeAt(j))) j++;
      return text.charCodeAt(j) === COLON && (j + 1 >= le || isBlank(text.charCodeAt(j + 1))) ? j : -1;
    }
    if (c0 === LBRACK || (c0 === LBRACE && text.charCodeAt(pos + 1) !== LBRACE)) return -1;
    // `? ` complex keys, `|` and `>` cannot start a key.
    if ((c0 === 63 || c0 === 124 || c0 === 62) && (pos + 1 >= le || isBlank(text.charCodeAt(pos + 1)))) return -1;
    // The key's hash is computed on the way, as keyText would (text[pos, colon)), unless a template skips characters.
    let h = 0;
    let whole = true;
    for (let j = pos; j < le; j++) {
      const c = text.charCodeAt(j);
      if (c === COLON) {
        if (j + 1 >= le || isBlank(text.charCodeAt(j + 1))) {
          this.colonHash = h;
          this.colonHashed = whole;
          return j;
        }
      } else if (c === HASH) {
        if (j > pos && isBlank(text.charCodeAt(j - 1))) return -1;
      } else if (c === LBRACE && text.charCodeAt(j + 1) === LBRACE) {
        const close = findIn(text, '}}', j + 2, le);
        if (close < 0) return -1;
        j = close + 1;
        whole = false;
        continue;
      }
      h = (Math.imul(h, 31) + c) | 0;
    }
    return -1;
  }

  private keyText(pos: number, colon: number): YamlKey {
    const text = this.text;
    let e = colon;
    while (e > pos && isBlank(text.charCodeAt(e - 1))) e--;
    const c0 = text.charCodeAt(pos);
    if ((c0 === DQ || c0 === SQ) && e - pos >= 2 && text.charCodeAt(e - 1) === c0) return this.keyOf(pos + 1, e - 1);
    if (e === colon && this.colonHashed && e - pos <= MAX_KEY_LENGTH) return this.keyOfHash(pos, e, this.colonHash);
    return this.keyOf(pos, e);
  }

  /** The offset of the quote closing a quoted scalar opened at `s`, or -1 when it does not close on this line. */
  private closeQuote(s: number, le: number, q: number): number {
    const text = this.text;
    let j = s + 1;
    while (j < le) {
      const c = text.charCodeAt(j);
      if (q === DQ && c === 92 /* \ */) {
        j += 2;
        continue;
      }
      if (c === q) {
        if (q === SQ && text.charCodeAt(j + 1) === SQ) {
          j += 2;
          continue;
        }
        return j;
      }
      j++;
    }
    return -1;
  }

  /** Reads the value after a key's colon (or after a dash) on text[s, le). */
  private value(f: YamlFrame, s: number, le: number, inSeq: boolean): void {
    const text = this.text;
    while (s < le && isBlank(text.charCodeAt(s))) s++;
    if (s >= le) return;
    let c = text.charCodeAt(s);
    // Anchors (`&name`) and tags (`!!str`, `!Ref`) come before the value.
    while (c === 38 /* & */ || c === 33 /* ! */) {
      while (s < le && !isBlank(text.charCodeAt(s))) s++;
      while (s < le && isBlank(text.charCodeAt(s))) s++;
      if (s >= le) return;
      c = text.charCodeAt(s);
    }
    f.hasValue = true;
    if (c === HASH) {
      this.v.comment(s + 1, le);
      return;
    }
    if (c === 42 /* * alias */) {
      this.trailingComment(s, le);
      return;
    }
    if ((c === 124 || c === 62) && this.isBlockHeader(s + 1, le)) {
      this.blockFrame = f;
      this.blockParent = f.indent;
      this.blockIndent = -1;
      this.blockStart = -1;
      this.trailingComment(s, le);
      return;
    }
    if (c === LBRACK || (c === LBRACE && text.charCodeAt(s + 1) !== LBRACE)) {
      this.flowOwnerIndent = f.indent;
      this.flowBase = this.depth;
      this.flow(s, le);
      return;
    }
    if (c === DQ || c === SQ) {
      const q = this.closeQuote(s, le, c);
      if (q < 0) {
        let e = le;
        while (e > s + 1 && isBlank(text.charCodeAt(e - 1))) e--;
        this.emit(f, s + 1, e, c, inSeq);
        return;
      }
      this.emit(f, s + 1, q, c, inSeq);
      this.trailingComment(q + 1, le);
      return;
    }
    let e = le;
    if (this.nextHash(s) < le || this.nextBrace(s) < le) {
      // A comment may end the value, and a template's `}}` may hide a `#`.
      e = s;
      while (e < le) {
        const ch = text.charCodeAt(e);
        if (ch === HASH && isBlank(text.charCodeAt(e - 1))) break;
        if (ch === LBRACE && text.charCodeAt(e + 1) === LBRACE) {
          const close = findIn(text, '}}', e + 2, le);
          e = close < 0 ? le : close + 2;
          continue;
        }
        e++;
      }
    }
    const ce = e;
    while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
    this.emit(f, s, e, 0, inSeq);
    if (ce < le) this.v.comment(ce + 1, le);
  }

  private isBlockHeader(i: number, le: number): boolean {
    const text = this.text;
    while (i < le) {
      const c = text.charCodeAt(i);
      if (c === DASH || c === 43 || (c >= 48 && c <= 57)) i++;
      else break;
    }
    if (i >= le) return true;
    if (!isBlank(text.charCodeAt(i))) return false;
    while (i < le && isBlank(text.charCodeAt(i))) i++;
    return i >= le || text.charCodeAt(i) === HASH;
  }

  private trailingComment(i: number, le: number): void {
    const text = this.text;
    for (i = this.nextHash(i); i < le; i++) {
      if (text.charCodeAt(i) === HASH && (isBlank(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === DQ || text.charCodeAt(i - 1) === SQ)) {
        this.v.comment(i + 1, le);
        return;
      }
    }
  }

  private emit(f: YamlFrame | null, s: number, e: number, quote: number, inSeq: boolean): void {
    if (f) {
      if (e > f.end) f.end = e;
      const p = f.parent;
      if (!inSeq && !f.isItem && p && p.isItem) {
        if (e > p.end) p.end = e;
        if (this.fields) {
          if (!p.fields) p.fields = new Map();
          p.fields.set(f.lower, { start: s, end: e, quote });
        }
      }
    }
    this.v.scalar(f, s, e, quote, inSeq);
  }

  /** Reads flow collection text from `s` to the end of the line, keeping bracket state across lines. */
  private flow(s: number, le: number): void {
    const text = this.text;
    const kinds = this.flowKinds;
    let i = s;
    while (i < le) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c === HASH && (i === s || isBlank(text.charCodeAt(i - 1)))) {
        this.v.comment(i + 1, le);
        return;
      }
      if (kinds.length === 0 && c !== LBRACK && c !== LBRACE) {
        // Anything after the closing bracket other than a comment is malformed: ignore it.
        return;
      }
      if (c === LBRACK) {
        kinds.push(LBRACK);
        i++;
        continue;
      }
      if (c === LBRACE && text.charCodeAt(i + 1) !== LBRACE) {
        // A mapping directly inside a flow sequence is one of its entries; anywhere else it is a value.
        const entry = kinds.length > 0 && kinds[kinds.length - 1] === LBRACK;
        kinds.push(LBRACE);
        this.push(FLOW_INDENT, true, true, this.itemKey, i, entry);
        i++;
        continue;
      }
      if (c === RBRACK || c === RBRACE) {
        this.closeFlow();
        i++;
        continue;
      }
      if (c === COMMA) {
        if (kinds[kinds.length - 1] === LBRACE) this.popFlowKey();
        i++;
        continue;
      }
      let ts = i;
      let te: number;
      let quote = 0;
      if (c === DQ || c === SQ) {
        const q = this.closeQuote(i, le, c);
        quote = c;
        ts = i + 1;
        if (q < 0) {
          te = le;
          i = le;
        } else {
          te = q;
          i = q + 1;
        }
      } else {
        let j = i;
        while (j < le) {
          const ch = text.charCodeAt(j);
          if (ch === COMMA || ch === RBRACK || ch === RBRACE || ch === LBRACK) break;
          if (ch === LBRACE) {
            if (text.charCodeAt(j + 1) !== LBRACE) break;
            const close = findIn(text, '}}', j + 2, le);
            j = close < 0 ? le : close + 2;
            continue;
          }
          if (ch === COLON) {
            const nx = j + 1 < le ? text.charCodeAt(j + 1) : SP;
            if (isBlank(nx) || nx === COMMA || nx === RBRACK || nx === RBRACE) break;
          }
          if (ch === HASH && isBlank(text.charCodeAt(j - 1))) break;
          j++;
        }
        if (j === i && kinds[kinds.length - 1] !== LBRACE) {
          // A `:` opening a flow sequence entry (`[: 80]`, an empty key): step over it, or this loop never ends.
          i++;
          continue;
        }
        te = j;
        while (te > ts && isBlank(text.charCodeAt(te - 1))) te--;
        i = j;
      }
      // A key inside a flow collection: `{port: 80}` or the single pair of `[port: 80]`.
      let k = i;
      while (k < le && isBlank(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === COLON && kinds[kinds.length - 1] === LBRACE) {
        this.popFlowKey();
        this.push(FLOW_INDENT, false, true, this.keyOf(ts, te), ts);
        i = k + 1;
        continue;
      }
      const t = this.top();
      const inSeq = kinds[kinds.length - 1] === LBRACK;
      if (te > ts || quote) this.emit(t, ts, te, quote, inSeq);
    }
  }

  /** Pops the key frame of the current flow mapping entry, if any. */
  private popFlowKey(): void {
    const t = this.top();
    if (t && t.flow && !t.isItem && this.depth > this.flowBase) this.pop();
  }

  private closeFlow(): void {
    const k = this.flowKinds.pop();
    if (k === LBRACE) {
      this.popFlowKey();
      const t = this.top();
      if (t && t.flow && t.isItem && this.depth > this.flowBase) this.pop();
    }
  }

  private abortFlow(): void {
    this.flowKinds.length = 0;
    while (this.depth > this.flowBase) {
      const t = this.top()!;
      if (!t.flow) break;
      this.pop();
    }
  }
}

// One walker stays alive for the process, so that its class's maps survive a full garbage collection (keepShape.ts).
keepShape(new Walker('', { scalar() {}, freeText() {}, comment() {} }));
