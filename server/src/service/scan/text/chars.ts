export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads a run of ASCII digits at `i` (at most `to`); returns its end offset. */
export function digitsEnd(text: string, i: number, to: number): number {
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Offset of the first `code` in text[from, to), or -1. Unlike `indexOf`, it never looks past `to`,
 * so a finder calling a scanner once per line stays linear on a long file with few matches.
 */
export function indexIn(text: string, code: number, from: number, to: number): number {
  const end = Math.min(to, text.length);
  for (let i = Math.max(0, from); i < end; i++) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Offset of the last `code` in text[from, to), or -1; never looks before `from`. */
export function lastIndexIn(text: string, code: number, from: number, to: number): number {
  for (let i = Math.min(to, text.length) - 1; i >= Math.max(0, from); i--) if (text.charCodeAt(i) === code) return i;
  return -1;
}

/** Marks of the characters that `scanStringContent` looks for (and of digits and string ends, for lexers). */
export const MARK_DIGIT = 1;

export const MARK_COLON = 2;

export const MARK_DASH = 4;

export const MARK_EQUALS = 8;

export const MARK_DOLLAR = 16;

/** A quote, backslash or line end: where a lexer reading a string must stop and look. */
export const MARK_STOP = 32;

/** `%` or `{`, with which every placeholder of a format string (see `formatPortIndex`) begins. */
export const MARK_FORMAT = 64;

/** Not a character's mark: set by a lexer on a string that is a shell script (a `<<-SHELL` heredoc). */
export const MARK_SHELL = 128;

/** For each ASCII character, its MARK_ bits; a lexer ORs them together as it reads a string. */
export const CHAR_MARK = (() => {
  const t = new Uint8Array(128);
  for (let c = 48; c <= 57; c++) t[c] = MARK_DIGIT;
  t[58] = MARK_COLON;
  t[45] = MARK_DASH;
  t[61] = MARK_EQUALS;
  t[36] = MARK_DOLLAR;
  t[37] = MARK_FORMAT;
  t[123] = MARK_FORMAT;
  for (const c of [34, 39, 96, 92, 10, 13]) t[c] = MARK_STOP;
  return t;
})();

/** A space or a tab. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** A character of a word in a key or a host name: an ASCII letter or digit, `_`, `-` or `.`. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 45 || c === 46;
}

/** Whitespace as `trim` sees it in ASCII: space, tab, line ends, vertical tab and form feed. */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The string without one pair of matching quotes around it. */
export function stripQuotes(s: string): string {
  const q = s.charCodeAt(0);
  if ((q === 34 || q === 39) && s.length >= 2 && s.charCodeAt(s.length - 1) === q) return s.slice(1, -1);
  return s;
}

export function isQuoteish(c: number): boolean {
  return c === 34 || c === 39 || c === 92 || c === 96;
}

/** True when text[s, e) has an ASCII digit. */
export function hasDigit(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (isDigit(text.charCodeAt(i))) return true;
  return false;
}

/** A character of an identifier: an ASCII letter or digit, or `_`. */
export function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}

/** The first offset from `s` below `e` that is not a space or a tab, or `e`. */
export function skipBlanks(text: string, s: number, e: number): number {
  while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  return s;
}
