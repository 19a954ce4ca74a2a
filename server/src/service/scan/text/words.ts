import { indexIn, isSpace, isWordChar, skipBlanks } from './chars';
import { keepShape } from './keepShape';

/*
 * Small tools the line- and word-based finders share to read text without allocating per line or per word.
 */

/**
 * The next offset of one character at or after a position, for callers that ask with positions
 * that only grow: each search resumes where the last one ended, so all of them together stay linear.
 */
export class NextIndex {
  private at = -2;
  private readonly char: string;
  constructor(private readonly text: string, code: number) {
    this.char = String.fromCharCode(code);
  }
  from(i: number): number {
    if (this.at === -1) return -1;
    if (this.at < i) this.at = this.text.indexOf(this.char, i);
    return this.at;
  }
}

/**
 * The next ASCII digit at or after a position (or the text length), for positions that only grow.
 * Every port is a digit run, so a finder without state across lines can skip any stretch this
 * says holds no digit; the native search jumps over digit-free text faster than a character loop.
 */
export class NextDigit {
  private at = -1;
  private readonly re = /[0-9]/g;
  constructor(private readonly text: string) {}
  from(i: number): number {
    if (this.at < i) {
      this.re.lastIndex = i;
      this.at = this.re.test(this.text) ? this.re.lastIndex - 1 : this.text.length;
    }
    return this.at;
  }
}

/**
 * Walks the lines of a text: after each `next()` that returns true, [start, end) is the line
 * without its line break (and without the `\r` of a CRLF). The finders that read line by line share
 * it instead of each repeating the offset arithmetic.
 */
export class Lines {
  start = 0;
  end = 0;
  private nl = -1;
  constructor(protected readonly text: string) {}
  next(): boolean {
    const text = this.text;
    const ls = this.nl + 1;
    if (ls > text.length) return false;
    let nl = text.indexOf('\n', ls);
    if (nl < 0) nl = text.length;
    this.nl = nl;
    this.start = ls;
    this.end = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    return true;
  }
}

/**
 * The lines of a configuration file whose comments start with `#` (haproxy, Caddy): each line's end,
 * its first non-blank offset (`first`) and, when asked, where its comment starts; with the finders
 * of the next digit and of a line's words that such a finder reads every line with.
 */
export class HashCommentedLines extends Lines {
  first = 0;
  readonly digits: NextDigit;
  readonly words = new Words();
  private readonly hashes: NextIndex;

  constructor(text: string) {
    super(text);
    this.digits = new NextDigit(text);
    this.hashes = new NextIndex(text, 35 /* # */);
  }

  override next(): boolean {
    if (!super.next()) return false;
    this.first = skipBlanks(this.text, this.start, this.end);
    return true;
  }

  /** Where the current line's comment starts, or its end. */
  commentStart(): number {
    return hashCommentStart(this.text, this.first, this.end, this.hashes);
  }
}

/**
 * The whitespace-separated words of a stretch of text, as `splitWords` reads them (a word that
 * starts with a quote runs to the closing quote), kept in arrays reused from line to line so that
 * splitting allocates nothing once they have grown.
 */
export class Words {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  length = 0;
  split(text: string, s: number, e: number): number {
    let n = 0;
    let i = s;
    while (i < e) {
      let c = text.charCodeAt(i);
      while (c === 32 || c === 9) {
        if (++i >= e) break;
        c = text.charCodeAt(i);
      }
      if (i >= e) break;
      const ws = i;
      if (c === 34 || c === 39) {
        const close = indexIn(text, c, i + 1, e);
        i = close < 0 ? e : close + 1;
      }
      while (i < e) {
        c = text.charCodeAt(i);
        if (c === 32 || c === 9) break;
        i++;
      }
      this.starts[n] = ws;
      this.ends[n] = i;
      n++;
    }
    this.length = n;
    return n;
  }
}

/**
 * True when text[s, e) lower-cases to `word`, which is lower-case ASCII, compared in place. Only the
 * ASCII capitals and the Kelvin sign (U+212A) lower-case to ASCII letters.
 */
export function isWordLower(text: string, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(s + k);
    const w = word.charCodeAt(k);
    if (c !== w && !(w >= 97 && w <= 122 && (c === w - 32 || (w === 107 && c === 0x212a)))) return false;
  }
  return true;
}

/**
 * A set of lower-case ASCII words, asked whether text[s, e) lower-cases to one of them without slicing;
 * it folds as `isWordLower` does (the Kelvin sign too).
 */
export class FoldedWordSet {
  private readonly byLength: string[][] = [];
  constructor(words: readonly string[]) {
    for (const w of words) (this.byLength[w.length] ??= []).push(w);
  }
  has(text: string, s: number, e: number): boolean {
    const list = this.byLength[e - s];
    if (list === undefined) return false;
    for (const w of list) if (isWordLower(text, s, e, w)) return true;
    return false;
  }
}

/**
 * A closed set of lower-case ASCII words, matched against a stretch of text by character codes:
 * key checks run for every line of a config file, and slicing and lower-casing each key's words
 * cost more than the rest of the line's work.
 */
export class WordSet {
  /** The words by length and first character (`length * 32 + code % 32`), each with its index in the constructor's list. */
  private readonly buckets: Array<Array<[string, number]>> = [];
  private maxLength = 0;

  constructor(words: readonly string[]) {
    words.forEach((w, n) => {
      (this.buckets[w.length * 32 + (w.charCodeAt(0) & 31)] ??= []).push([w, n]);
      this.maxLength = Math.max(this.maxLength, w.length);
    });
  }

  /** True when text[s, e) with ASCII letters lower-cased is one of the words. */
  has(text: string, s: number, e: number): boolean {
    return this.indexOf(text, s, e) >= 0;
  }

  /** The index of the word text[s, e) is (with ASCII letters lower-cased), or -1. */
  indexOf(text: string, s: number, e: number): number {
    if (e <= s || e - s > this.maxLength) return -1;
    // Upper- and lower-case ASCII letters share their code modulo 32.
    const list = this.buckets[(e - s) * 32 + (text.charCodeAt(s) & 31)];
    if (list === undefined) return -1;
    next: for (let n = 0; n < list.length; n++) {
      const w = list[n][0];
      for (let i = 0; i < w.length; i++) {
        const c = text.charCodeAt(s + i);
        if ((c >= 65 && c <= 90 ? c + 32 : c) !== w.charCodeAt(i)) continue next;
      }
      return list[n][1];
    }
    return -1;
  }

  /** True when text[s, e) starts with one of the words (ASCII letters lower-cased). */
  hasPrefixOf(text: string, s: number, e: number): boolean {
    for (let len = 1; len <= this.maxLength && len <= e - s; len++) if (this.indexOf(text, s, s + len) >= 0) return true;
    return false;
  }
}

/**
 * Where a comment starts in text[s, e): one of `chars` at the line start or after whitespace, outside
 * quotes. Returns e when there is none.
 */
export function commentStart(text: string, s: number, e: number, chars: string, quotes = true): number {
  let quote = 0;
  // Quote characters known not to occur again on the line, so the search for a closing one runs once.
  let unclosed = '';
  // The comment characters as codes (callers pass one or two), compared without making strings.
  const k0 = chars.charCodeAt(0);
  const k1 = chars.length > 1 ? chars.charCodeAt(1) : k0;
  const few = chars.length <= 2;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
      else if (c === 92) i++;
      continue;
    }
    if (quotes && (c === 34 || (c === 39 && (i === s || !isWordChar(text.charCodeAt(i - 1)))))) {
      // Only a quote that closes later on the line opens a string; an apostrophe in prose does not.
      if (!unclosed.includes(text[i])) {
        if (indexIn(text, c, i + 1, e) >= 0) quote = c;
        else unclosed += text[i];
      }
      continue;
    }
    if ((few ? c === k0 || c === k1 : chars.includes(text[i])) && (i === s || isSpace(text.charCodeAt(i - 1)))) return i;
  }
  return e;
}

/**
 * Where a `#` comment starts on the line text[s, le), or `le`: `hashes` finds the next `#` of the
 * whole text, so that a line without one is not read for quotes.
 */
function hashCommentStart(text: string, s: number, le: number, hashes: NextIndex): number {
  const hash = hashes.from(s);
  return hash >= 0 && hash < le ? commentStart(text, s, le, '#') : le;
}

/** Whitespace-separated words of text[s, e) as [start, end) pairs. */
export function splitWords(text: string, s: number, e: number): Array<[number, number]> {
  const flat = wordOffsets(text, s, e, false);
  const words: Array<[number, number]> = [];
  for (let n = 0; n < flat.length; n += 2) words.push([flat[n], flat[n + 1]]);
  return words;
}

/** The end of the whitespace-separated word that starts at `i` in text[.., e), as `splitWords` reads it. */
export function wordEnd(text: string, i: number, e: number): number {
  const q = text.charCodeAt(i);
  if (q === 34 || q === 39) {
    const close = indexIn(text, q, i + 1, e);
    i = close < 0 ? e : close + 1;
  }
  while (i < e && !isSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whitespace-separated words of text[s, e) as a flat list of offsets `[start0, end0, start1, ...]`
 * (no array per word); with `unquote`, quotes around a word are left out of its range.
 */
export function wordOffsets(text: string, s: number, e: number, unquote: boolean): number[] {
  const words: number[] = [];
  let i = s;
  while (i < e) {
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    if (i >= e) break;
    const ws = i;
    const q = text.charCodeAt(i);
    if (q === 34 || q === 39) {
      const close = indexIn(text, q, i + 1, e);
      i = close < 0 ? e : close + 1;
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
      if (unquote && i - ws >= 2 && text.charCodeAt(i - 1) === q) {
        words.push(ws + 1, i - 1);
        continue;
      }
    } else {
      while (i < e && !isSpace(text.charCodeAt(i))) i++;
    }
    words.push(ws, i);
  }
  return words;
}

// One reader of each kind outlives every collection, so that the finders' optimized code keeps the maps it checks (see keepShape.ts).
keepShape(new NextIndex('', 10));
keepShape(new NextDigit(''));
keepShape(new Lines(''));
keepShape(new HashCommentedLines(''));
keepShape(new Words());
