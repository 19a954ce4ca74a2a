/**
 * A small lexer for source code in many languages at once. It knows only what port recognition needs:
 * where string literals and comments start and end, identifiers, integer literals and punctuation.
 * A finder gets no language id, so the comment and string syntax is chosen by sniffing the text
 * (`sniffDialect`). Every single-line string ends at the end of its line, so a construct the lexer
 * misreads (a Rust lifetime, a regex it did not see) spoils at most the rest of that line.
 */
import { CHAR_MARK, MARK_SHELL, MARK_STOP } from './chars';

export const enum Tok {
  Ident = 1,
  /** An integer literal (decimal, optionally with a type suffix such as `u16` or `L`). */
  Int = 2,
  /** Any other number: float, hex, octal, binary, with digit separators. */
  Num = 3,
  Str = 4,
  Punct = 5,
  Newline = 6,
}

export interface Dialect {
  /** `#` starts a comment (Python, Ruby, Perl, PHP, shell-like, R, Elixir). */
  hashComments: boolean;
  /** `//` and `/* *\/` start comments (C family, JS, Go, Rust, PHP). */
  slashComments: boolean;
  /** `'a` is a Rust lifetime, `"..."` may span lines, `r#"..."#` is a raw string. */
  rust: boolean;
  /** Python, whose `listen(5)` takes a backlog, not a port. */
  python: boolean;
}

const SNIFF_LIMIT = 65536;
const C_DIRECTIVES = new Set([
  'include', 'define', 'if', 'ifdef', 'ifndef', 'endif', 'else', 'elif', 'pragma', 'undef', 'region',
  'endregion', 'error', 'warning', 'line', 'nullable', 'import', 'using',
]);

/** Chooses comment and string syntax from the text itself (its first 64 KiB). */
export function sniffDialect(text: string): Dialect {
  let hash = false, python = false, ruby = false, perl = false, rust = false, php = false;
  const n = Math.min(text.length, SNIFF_LIMIT);
  if (text.startsWith('#!')) {
    const nl = text.indexOf('\n');
    const first = text.slice(0, nl < 0 ? Math.min(text.length, 200) : Math.min(nl, 200));
    if (/python/.test(first)) python = true;
    else if (/ruby/.test(first)) ruby = true;
    else if (/perl/.test(first)) perl = true;
    else if (!/node|deno|bun|tsx|ts-node/.test(first) && !first.startsWith('#![')) hash = true;
  }
  // Skip a shebang line; it was read above.
  let s = text.startsWith('#!') ? Math.max(0, text.indexOf('\n')) : 0;
  if (text.startsWith('#!') && text.indexOf('\n') < 0) s = n;
  while (s < n) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > n) e = n;
    let i = s;
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      const d = text.charCodeAt(i + 1);
      if (i + 1 >= e || d === 32 || d === 9 || d === 35 || d === 13 || (d === 33 && text.charCodeAt(i + 2) !== 91)) hash = true;
      else if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90)) {
        let j = i + 1;
        while (j < e && /\w/.test(text[j])) j++;
        if (!C_DIRECTIVES.has(text.slice(i + 1, j))) hash = true;
      }
    } else if (c === 60 && text.startsWith('<?php', i)) php = true;
    else if (c === 100 /* d */ && text.startsWith('def ', i)) {
      let k = e;
      while (k > i && /\s/.test(text[k - 1])) k--;
      if (text.charCodeAt(k - 1) === 58 /* : */) python = true;
      else if (text.charCodeAt(k - 1) !== 123 /* { */ && text.charCodeAt(k - 1) !== 61 /* = */) ruby = true;
    } else if (c === 101 /* e */ && (text.startsWith('elif ', i) || text.startsWith('except', i))) python = true;
    else if (c === 105 /* i */ && /^import [a-z_]\w*( as \w+)?(, [a-z_]\w*)*\s*$/.test(text.slice(i, Math.min(e, i + 120)))) python = true;
    else if (c === 102 /* f */ && text.startsWith('from ', i) && / import /.test(text.slice(i, Math.min(e, i + 200)))) python = true;
    else if (c === 101 && text.startsWith('end', i) && /^end\s*$/.test(text.slice(i, Math.min(e, i + 10)))) ruby = true;
    else if (c === 114 /* r */ && /^require(_relative)? ['"]/.test(text.slice(i, Math.min(e, i + 20)))) ruby = true;
    else if (c === 117 /* u */ && /^use (strict|warnings);/.test(text.slice(i, Math.min(e, i + 20)))) perl = true;
    else if (c === 109 /* m */ && text.startsWith('my $', i)) perl = true;
    else if (c === 117 && /^use [a-z_]+::/.test(text.slice(i, Math.min(e, i + 40)))) rust = true;
    else if ((c === 102 || c === 112) && /^(pub(\([a-z]+\))? )?(async )?fn [a-z_]/.test(text.slice(i, Math.min(e, i + 40)))) rust = true;
    else if (c === 105 /* i */ && /^impl[ <]/.test(text.slice(i, Math.min(e, i + 8)))) rust = true;
    s = e + 1;
  }
  if (python || ruby || perl || php) hash = true;
  return { hashComments: hash, slashComments: !(python || ruby || perl), rust, python };
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

/** 1 for the ASCII characters that continue an identifier (every non-ASCII character does too). */
const IDENT_PART = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (isIdentStart(c) || (c >= 48 && c <= 57)) t[c] = 1;
  return t;
})();

function isIdentPart(c: number): boolean {
  return c >= 128 || IDENT_PART[c] === 1;
}

/**
 * For each ASCII character: 0 when it ends an identifier, else 16, and for the letters of "port" (either
 * case) a bit of its own, so that the lexer learns in passing whether an identifier holds all four.
 */
const IDENT_BITS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) if (IDENT_PART[c] === 1) t[c] = 16;
  [112, 111, 114, 116].forEach((c, bit) => {
    t[c] |= 1 << bit;
    t[c - 32] |= 1 << bit;
  });
  return t;
})();

/** The four bits of IDENT_BITS that the letters p, o, r and t set. */
const PORT_LETTERS = 15;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Classes of ASCII characters, for the lexer's first look at each one (every non-ASCII one is C_IDENT).
const C_PUNCT = 0;
const C_SPACE = 1;
const C_NEWLINE = 2;
const C_IDENT = 3;
const C_DIGIT = 4;
const C_QUOTE = 5;
const C_SLASH = 6;
const C_HASH = 7;
const C_AT = 8;
const C_DOT = 9;
const C_OPEN_BRACE = 10;
const C_CLOSE_BRACE = 11;
const CLASS = (() => {
  const t = new Uint8Array(128).fill(C_PUNCT);
  for (let c = 0; c < 128; c++) if (isIdentStart(c)) t[c] = C_IDENT;
  for (let c = 48; c <= 57; c++) t[c] = C_DIGIT;
  for (const c of [32, 9, 13, 12, 11]) t[c] = C_SPACE;
  t[10] = C_NEWLINE;
  for (const c of [34, 39, 96]) t[c] = C_QUOTE;
  t[47] = C_SLASH;
  t[35] = C_HASH;
  t[64] = C_AT;
  t[46] = C_DOT;
  t[123] = C_OPEN_BRACE;
  t[125] = C_CLOSE_BRACE;
  return t;
})();

/**
 * The number that stands for a punctuation token, so that no string is made for it: the character
 * code for one character, and 7 more bits for each further character (the second is always ASCII).
 */
export function punctCode(p: string): number {
  let code = p.charCodeAt(0);
  if (p.length > 1) code |= p.charCodeAt(1) << 7;
  if (p.length > 2) code |= p.charCodeAt(2) << 14;
  return code;
}

/**
 * Hash of the word text[s, e): from its length and its first, second and last characters only, so
 * that it costs the same for any word (the table compares the characters on a hit anyway).
 */
function wordHash(text: string, s: number, e: number): number {
  const len = e - s;
  const h = Math.imul(len, 0x9e3779b1) ^ Math.imul(text.charCodeAt(s), 0x85ebca6b) ^
    Math.imul(len > 1 ? text.charCodeAt(s + 1) : 0, 0xc2b2ae35) ^ Math.imul(text.charCodeAt(e - 1), 0x27d4eb2f);
  return h ^ (h >>> 15);
}

function filterKey(text: string, s: number, e: number): number {
  return (text.charCodeAt(s) & 31) | ((text.charCodeAt(e - 1) & 31) << 5) | (((e - s) & 15) << 10);
}

/** A fixed set of words with a number each, looked up by an identifier's place in the text without making a string of it. */
export class WordTable {
  private readonly words: string[];
  private readonly values: number[];
  private readonly mask: number;
  /**
   * 1 where some word has that first character, last character and length (each folded to a few
   * bits, see `filterKey`): most identifiers are no word, and this rules them out with one look-up.
   */
  private readonly filter = new Uint8Array(1 << 14);

  constructor(entries: Iterable<[string, number]>) {
    const list = [...entries];
    let size = 64;
    while (size < list.length * 4) size *= 2;
    this.mask = size - 1;
    this.words = new Array<string>(size).fill('');
    this.values = new Array<number>(size).fill(0);
    for (const [w, v] of list) {
      let slot = wordHash(w, 0, w.length) & this.mask;
      while (this.words[slot] !== '' && this.words[slot] !== w) slot = (slot + 1) & this.mask;
      this.words[slot] = w;
      this.values[slot] |= v;
      this.filter[filterKey(w, 0, w.length)] = 1;
    }
  }

  /** The number of the word text[s, e), or 0 when it is not in the table. */
  find(text: string, s: number, e: number): number {
    if (this.filter[filterKey(text, s, e)] === 0) return 0;
    const len = e - s;
    let slot = wordHash(text, s, e) & this.mask;
    for (;;) {
      const w = this.words[slot];
      if (w.length === 0) return 0;
      if (w.length === len) {
        let i = 0;
        while (i < len && w.charCodeAt(i) === text.charCodeAt(s + i)) i++;
        if (i === len) return this.values[slot];
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** Second characters of the two- and three-character operators. */
const PUNCT_SECOND = (() => {
  const t = new Uint8Array(128);
  for (const ch of '=&|?.:><+-*!') t[ch.charCodeAt(0)] = 1;
  return t;
})();
const PUNCT3 = new Set(['===', '!==', '??=', '||=', '&&=', '...', '<=>', '**=', '>>>', '::='].map(punctCode));
/** 1 at the code of each two-character operator (codes of two ASCII characters are below 16384). */
const PUNCT2 = (() => {
  const t = new Uint8Array(16384);
  for (const p of ['==', '!=', '<=', '>=', '&&', '||', '??', '?.', '?:', '=>', '->', '::', ':=', '+=', '-=', '*=', '/=', '%=',
    '|=', '&=', '^=', '<<', '>>', '++', '--', '**', '..', '<-', '!.']) t[punctCode(p)] = 1;
  return t;
})();

/** Punctuation after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_PUNCT = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '&&', '||', '??', '==', '===', '!=', '!==', '=>'].map(punctCode));
/** Keywords after which a `/` starts a regular expression (all short and lower-case). */
const REGEX_AFTER_WORD = new WordTable(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'yield', 'await', 'void', 'delete', 'throw', 'new'].map((w): [string, number] => [w, 1]));

/** `marks` of a string token whose characters were not read one by one: the sink reads them itself. */
export const MARKS_UNKNOWN = -1;

/** Receives tokens in order, one method per kind of token. */
export interface TokenSink {
  /**
   * An identifier text[s, e); `portLetters` when it holds the letters p, o, r and t in any case, as
   * every name that says port does.
   */
  ident(s: number, e: number, portLetters: boolean): void;
  /** Punctuation, by its `punctCode`. */
  punct(code: number): void;
  /** A number: an integer literal (`Tok.Int`) or any other (`Tok.Num`). */
  number(int: boolean, s: number, e: number): void;
  /**
   * A string literal whose contents (without quotes or prefix) are text[cs, ce); `marks` holds the
   * CHAR_MARK bits of the characters there, or MARKS_UNKNOWN.
   */
  string(cs: number, ce: number, marks: number): void;
  newline(): void;
  comment(start: number, end: number): void;
}

/**
 * Lexes `text` and feeds the sink. Linear in the text: every loop advances, and no regular expression
 * runs over more than a few characters.
 */
export function lexCode(text: string, d: Dialect, sink: TokenSink): void {
  const lexer = new CodeLexer(text, d, sink);
  lastLexer = lexer;
  try {
    lexer.run();
  } finally {
    lexer.release();
  }
}

/**
 * The last lexer made, kept (without its text) so that its hidden class stays alive: when no lexer was
 * alive at a full garbage collection, V8 dropped the class and with it the optimized code of every
 * method that had seen it (a deoptimization for "weak objects"), and the next document was lexed
 * three to four times slower while the code was optimized again.
 */
let lastLexer: CodeLexer | undefined;

/**
 * The lexer's state over one text. The main loop (`run`) reads a character's class and hands the token
 * that starts there to the method for that class, which returns where the next token may start, or
 * PUNCTUATION when the character is punctuation after all (a `/` that starts no comment or regex).
 */
class CodeLexer {
  private readonly n: number;
  private readonly slashComments: boolean;
  private readonly hashComments: boolean;
  private readonly rust: boolean;
  /** Brace depths at which a JS template literal's `${ ... }` returns to the template text. */
  private readonly templateStack: number[] = [];
  private braceDepth = 0;
  /*
   * What came last, for deciding whether a `/` starts a regular expression (after punctuation such
   * as `(` or `=`, after keywords such as `return`, and at the start; not after a name, number,
   * string or regex). It is worked out only when a `/` comes, from the last token: SIG_PUNCT with
   * its code in `sigCode`, or SIG_WORD with the identifier at sigS..sigE.
   */
  private sig = SIG_START;
  private sigCode = 0;
  private sigS = 0;
  private sigE = 0;
  /*
   * A heredoc of a shell script read (`inline: <<-SHELL` in a Vagrantfile): its body was given to the
   * sink as a string, and the line end at `heredocFrom` leads past its terminator to `heredocTo`.
   * After a heredoc whose terminator is missing, no more are looked for (each search could read to
   * the end).
   */
  private heredocFrom = -1;
  private heredocTo = -1;
  private heredocs: boolean;

  constructor(private text: string, private readonly d: Dialect, private readonly sink: TokenSink) {
    this.n = text.length;
    this.slashComments = d.slashComments;
    this.hashComments = d.hashComments;
    this.rust = d.rust;
    this.heredocs = d.hashComments;
  }

  /** Lets go of the text once it is lexed (see `lastLexer`). */
  release(): void {
    this.text = '';
  }

  run(): void {
    const text = this.text;
    const n = this.n;
    let i = this.shebang();
    while (i < n) {
      const c = text.charCodeAt(i);
      let next: number;
      switch (c < 128 ? CLASS[c] : C_IDENT) {
        case C_SPACE:
          // Runs of blanks (indentation) are passed over here rather than one turn of the loop each.
          i++;
          while (i < n && text.charCodeAt(i) === 32) i++;
          continue;
        case C_NEWLINE:
          i = this.newline(i);
          continue;
        case C_IDENT:
          i = this.word(c, i);
          continue;
        case C_DIGIT:
          i = lexNumber(text, i, this.sink);
          this.sig = SIG_OTHER;
          continue;
        case C_QUOTE:
          i = this.quote(c, i);
          continue;
        case C_SLASH:
          next = this.slash(i);
          break;
        case C_HASH:
          next = this.hash(i);
          break;
        case C_AT:
          next = this.at(i);
          break;
        case C_DOT:
          next = this.dot(i);
          break;
        case C_OPEN_BRACE:
          this.braceDepth++;
          next = PUNCTUATION;
          break;
        case C_CLOSE_BRACE:
          next = this.closeBrace(i);
          break;
        default:
          next = PUNCTUATION;
          break;
      }
      i = next === PUNCTUATION ? this.punctuation(c, i) : next;
    }
  }

  /** A `#!` line at the start is a comment (not Rust's `#![attribute]`); returns where code starts. */
  private shebang(): number {
    const text = this.text;
    if (!text.startsWith('#!') || text.startsWith('#![')) return 0;
    const nl = text.indexOf('\n');
    const e = nl < 0 ? this.n : nl;
    this.sink.comment(0, e);
    return e;
  }

  private newline(i: number): number {
    this.sink.newline();
    const from = this.heredocFrom;
    if (from >= 0) {
      if (i === from) {
        this.heredocFrom = -1;
        return this.heredocTo;
      }
      if (i > from) {
        // Something on the opening line ran past its end, and the body was lexed as code: no
        // more heredocs, lest one in that body search for the same terminator again.
        this.heredocFrom = -1;
        this.heredocs = false;
      }
    }
    return i + 1;
  }

  /** An identifier starting at `i` with character `c` (or a string that a prefix such as `r#` or `$@` opens). */
  private word(c: number, i: number): number {
    const text = this.text;
    const n = this.n;
    let e = i + 1;
    let letters = c < 128 ? IDENT_BITS[c] : 0;
    while (e < n) {
      const x = text.charCodeAt(e);
      if (x < 128) {
        const b = IDENT_BITS[x];
        if (b === 0) break;
        letters |= b;
      }
      e++;
    }
    const next = text.charCodeAt(e);
    // Rust raw strings: r"..." r#"..."# br#"..."#
    if (this.rust && (next === 35 || next === 34) && (e - i === 1 && c === 114 || e - i === 2 && text.startsWith('br', i))) {
      const r = rustRawString(text, e, this.sink);
      if (r > 0) {
        this.sig = SIG_OTHER;
        return r;
      }
    }
    if (c === 36 && e === i + 1) {
      // C# interpolated $"..." and $@"...": the `$` is part of the identifier characters.
      if (next === 64 && text.charCodeAt(e + 1) === 34 && !this.hashComments) {
        this.sig = SIG_OTHER;
        return verbatimString(text, e + 1, this.sink);
      }
      if (next === 34) return i + 1;
    }
    this.sink.ident(i, e, (letters & PORT_LETTERS) === PORT_LETTERS);
    this.sig = SIG_WORD;
    this.sigS = i;
    this.sigE = e;
    // A single blank after a token is passed over here, sparing the loop a turn for it.
    return next === 32 ? e + 1 : e;
  }

  private quote(c: number, i: number): number {
    this.sig = SIG_OTHER;
    // A Rust char literal ('a', '\n', '\u{1F600}') or a lifetime ('a, 'static): neither holds ports.
    if (c === 39 && this.rust) return rustQuote(this.text, i);
    return lexString(this.text, i, this.d, this.templateStack, this.braceDepth, this.sink);
  }

  /** A line comment, a block comment or a regular expression at the `/` at `i`. */
  private slash(i: number): number {
    if (!this.slashComments) return PUNCTUATION;
    const text = this.text;
    const c2 = text.charCodeAt(i + 1);
    if (c2 === 47) {
      const e = lineEnd(text, i);
      this.sink.comment(i + 2, e);
      return e;
    }
    if (c2 === 42) {
      let e = text.indexOf('*/', i + 2);
      if (e < 0) e = this.n;
      this.sink.comment(i + 2, e);
      return Math.min(this.n, e + 2);
    }
    if (!this.hashComments && regexMayFollow(text, this.sig, this.sigCode, this.sigS, this.sigE)) {
      const e = regexEnd(text, i);
      if (e > 0) {
        this.sig = SIG_OTHER;
        return e;
      }
    }
    return PUNCTUATION;
  }

  /** A `#` comment, but for Ruby's `#{` and Rust's `#[attribute]`. */
  private hash(i: number): number {
    const text = this.text;
    if (!this.hashComments || text.charCodeAt(i + 1) === 123 || text.charCodeAt(i + 1) === 91) return PUNCTUATION;
    const e = lineEnd(text, i);
    this.sink.comment(i + 1, e);
    return e;
  }

  /** C# verbatim strings @"..." / @$"..." ($@"..." starts at the `$`). */
  private at(i: number): number {
    const text = this.text;
    if (this.hashComments || !(text.charCodeAt(i + 1) === 34 || (text.charCodeAt(i + 1) === 36 && text.charCodeAt(i + 2) === 34))) return PUNCTUATION;
    const q = text.charCodeAt(i + 1) === 34 ? i + 1 : i + 2;
    this.sig = SIG_OTHER;
    return verbatimString(text, q, this.sink);
  }

  /** A number written `.5`. */
  private dot(i: number): number {
    if (!isDigitCode(this.text.charCodeAt(i + 1))) return PUNCTUATION;
    this.sig = SIG_OTHER;
    return lexNumber(this.text, i, this.sink);
  }

  /** A `}` that closes a template literal's `${`, after which its text goes on. */
  private closeBrace(i: number): number {
    const stack = this.templateStack;
    if (stack.length && stack[stack.length - 1] === this.braceDepth) {
      stack.pop();
      this.sig = SIG_OTHER;
      return lexTemplateRest(this.text, i + 1, stack, this.braceDepth, this.sink, i + 1);
    }
    if (this.braceDepth > 0) this.braceDepth--;
    return PUNCTUATION;
  }

  /** Punctuation at `i` of one, two or three characters, unless `<<` opens a shell heredoc. */
  private punctuation(c: number, i: number): number {
    const text = this.text;
    if (c === 60 && this.heredocs && this.heredocFrom < 0 && text.charCodeAt(i + 1) === 60) {
      const h = this.heredoc(i);
      if (h > 0) {
        this.sig = SIG_OTHER;
        return h;
      }
      if (h < 0) this.heredocs = false;
    }
    let len = 1;
    let code = c;
    // Every two- and three-character operator has one of PUNCT_SECOND as its second character.
    const c2 = text.charCodeAt(i + 1);
    if (c2 < 128 && PUNCT_SECOND[c2] === 1) {
      const two = c | (c2 << 7);
      const three = i + 3 <= this.n ? two | (text.charCodeAt(i + 2) << 14) : -1;
      if (three >= 0 && PUNCT3.has(three)) {
        len = 3;
        code = three;
      } else if (PUNCT2[two] === 1) {
        len = 2;
        code = two;
      }
    }
    this.sink.punct(code);
    this.sig = SIG_PUNCT;
    this.sigCode = code;
    i += len;
    return text.charCodeAt(i) === 32 ? i + 1 : i;
  }

  /**
   * A heredoc opened at `i` (`<<`) whose tag says shell (SHELL_TAGS): Ruby's `<<-SHELL`, `<<~SHELL`,
   * `<<SHELL`, Perl's `<<"SHELL"`, PHP's `<<<SHELL`. Gives the body to the sink as a string marked
   * MARK_SHELL, sets `heredocFrom` (the end of the line that opens it) and `heredocTo` (where code
   * resumes after its terminator line) and returns the offset after the tag; 0 when this is no such
   * heredoc, -1 when it is one whose terminator never comes.
   */
  private heredoc(i: number): number {
    const text = this.text;
    let j = i + 2;
    if (text.charCodeAt(j) === 60) j++;
    const flavour = text.charCodeAt(j);
    const indented = flavour === 45 /* - */ || flavour === 126 /* ~ */;
    if (indented) j++;
    let q = text.charCodeAt(j);
    if (q === 34 || q === 39) j++;
    else q = 0;
    const ts = j;
    while (j < this.n && j - ts <= 40 && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
    const te = j;
    if (te === ts || isDigitCode(text.charCodeAt(ts))) return 0;
    if (q !== 0) {
      if (text.charCodeAt(j) !== q) return 0;
      j++;
    } else if (!indented && !isUpperTag(text, ts, te)) {
      // `x <<FOO` with a bare tag: only an upper-case one, `a << b` being a shift or an append.
      return 0;
    }
    const tag = text.slice(ts, te);
    // Other heredocs (SQL, YAML, text) are lexed as code, as they always were: `port: 5432` there reads well so.
    if (!SHELL_TAGS.has(tag)) return 0;
    const nl = text.indexOf('\n', j);
    if (nl < 0) return 0;
    const ls = terminatorLine(text, tag, nl + 1);
    if (ls < 0) return -1;
    let marks = 0;
    for (let k = nl + 1; k < ls; k++) {
      const c2 = text.charCodeAt(k);
      if (c2 < 128) marks |= CHAR_MARK[c2];
    }
    this.sink.string(nl + 1, ls, (marks & ~MARK_STOP) | MARK_SHELL);
    this.heredocFrom = nl;
    let le = text.indexOf('\n', ls);
    if (le < 0) le = this.n;
    this.heredocTo = le;
    return j;
  }
}

/** What a token method returns when the character at hand is punctuation after all. */
const PUNCTUATION = -1;

/** Heredoc tags that say the body is a shell script. */
const SHELL_TAGS = new Set(['SHELL', 'SH', 'BASH', 'ZSH', 'SCRIPT']);

/** text[ts, te) holds only upper-case letters, digits and `_`. */
function isUpperTag(text: string, ts: number, te: number): boolean {
  for (let k = ts; k < te; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 65 && c <= 90) || c === 95 || isDigitCode(c))) return false;
  }
  return true;
}

/**
 * The start of the first line from `ls` on that closes a heredoc tagged `tag`: the tag alone (indented,
 * and followed by `;`, `,` or `)` in PHP). -1 when none does.
 */
function terminatorLine(text: string, tag: string, ls: number): number {
  const n = text.length;
  while (ls < n) {
    let le = text.indexOf('\n', ls);
    if (le < 0) le = n;
    let a = ls;
    while (a < le && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    if (text.startsWith(tag, a)) {
      let b = a + tag.length;
      const c = text.charCodeAt(b);
      if (c === 59 || c === 44 || c === 41) b++;
      while (b < le && (text.charCodeAt(b) === 32 || text.charCodeAt(b) === 9 || text.charCodeAt(b) === 13)) b++;
      if (b === le) return ls;
    }
    ls = le + 1;
  }
  return -1;
}

const SIG_START = 0;
const SIG_PUNCT = 1;
const SIG_WORD = 2;
const SIG_OTHER = 3;

/** Whether a `/` after the last token (see `lexCode`) starts a regular expression. */
function regexMayFollow(text: string, sig: number, code: number, s: number, e: number): boolean {
  if (sig === SIG_START) return true;
  if (sig === SIG_PUNCT) return REGEX_AFTER_PUNCT.has(code);
  // Only short lower-case words can be keywords that precede a regex.
  if (sig === SIG_WORD) {
    const c = text.charCodeAt(s);
    return e - s <= 6 && c >= 97 && c <= 122 && REGEX_AFTER_WORD.find(text, s, e) !== 0;
  }
  return false;
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i);
  if (e < 0) return text.length;
  return e > i && text.charCodeAt(e - 1) === 13 ? e - 1 : e;
}

/** End of a JS regex literal starting at `i` (`/`), or -1 when none closes on this line. */
function regexEnd(text: string, i: number): number {
  let j = i + 1;
  let inClass = false;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 10 || c === 13) return -1;
    if (c === 92) j += 2;
    else {
      if (c === 91) inClass = true;
      else if (c === 93) inClass = false;
      else if (c === 47 && !inClass) break;
      j++;
    }
  }
  if (j >= n) return -1;
  j++;
  while (j < n && isIdentPart(text.charCodeAt(j))) j++;
  return j;
}

function rustQuote(text: string, i: number): number {
  const c1 = text.charCodeAt(i + 1);
  if (c1 === 92 /* \ */) {
    const close = text.indexOf("'", i + 2);
    const nl = text.indexOf('\n', i);
    if (close > 0 && (nl < 0 || close < nl) && close - i < 14) return close + 1;
    return i + 2;
  }
  // A char literal may be any one code point, surrogate pairs included.
  const w = c1 >= 0xd800 && c1 <= 0xdbff ? 2 : 1;
  if (text.charCodeAt(i + 1 + w) === 39) return i + 2 + w;
  return i + 1; // a lifetime or label
}

/** Integer-literal suffixes that leave the number a plain integer (`8080u16`, `80L`, `443ULL`). */
const INT_SUFFIX = /^(_?[ui](8|16|32|64|128|size)|[lLuUnN]|[uU][lL]|[lL][lL]|[uU][lL][lL])$/;

function lexNumber(text: string, i: number, sink: TokenSink): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (c === 48 && i + 1 < n) {
    const x = text.charCodeAt(i + 1) | 32;
    if (x === 120 || x === 98 || x === 111) {
      let e = i + 2;
      while (e < n && (isIdentPart(text.charCodeAt(e)))) e++;
      sink.number(false, i, e);
      return e;
    }
  }
  let e = i;
  while (e < n && isDigitCode(text.charCodeAt(e))) e++;
  const intEnd = e;
  let int = intEnd > i;
  // Fraction, exponent or digit separators make it something other than a port.
  if (text.charCodeAt(e) === 46 && isDigitCode(text.charCodeAt(e + 1))) {
    int = false;
    e++;
    while (e < n && isDigitCode(text.charCodeAt(e))) e++;
  }
  let k = e;
  while (k < n && isIdentPart(text.charCodeAt(k))) k++;
  if (k > e) {
    if (!INT_SUFFIX.test(text.slice(e, k))) int = false;
    e = k;
  }
  // `1.2.3`: the second part of a dotted version, an IP address or a date is never a port.
  if (i > 0 && text.charCodeAt(i - 1) === 46) int = false;
  if (text.charCodeAt(e) === 46 && isDigitCode(text.charCodeAt(e + 1))) int = false;
  if (int) sink.number(true, i, intEnd);
  else sink.number(false, i, e);
  return e;
}

/**
 * Lexes a quoted string starting at `i`; returns the offset after it. Handles triple quotes, JS
 * template literals with `${}` (the expression is lexed as code by the caller's loop), and
 * backslash escapes.
 */
function lexString(text: string, i: number, d: Dialect, templateStack: number[], braceDepth: number, sink: TokenSink): number {
  const n = text.length;
  const q = text.charCodeAt(i);
  if (q !== 96 && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q) {
    // Triple-quoted: Python, Kotlin, Swift, Java text blocks, C# raw strings. Spans lines.
    const closer = q === 34 ? '"""' : "'''";
    let e = text.indexOf(closer, i + 3);
    if (e < 0) e = n;
    sink.string(i + 3, e, MARKS_UNKNOWN);
    return Math.min(n, e + 3);
  }
  if (q === 96) {
    if (d.hashComments) return simpleString(text, i, q, false, sink);
    return lexTemplateRest(text, i + 1, templateStack, braceDepth, sink, i + 1);
  }
  return simpleString(text, i, q, d.rust && q === 34, sink);
}

function simpleString(text: string, i: number, q: number, multiline: boolean, sink: TokenSink): number {
  const n = text.length;
  let j = i + 1;
  let marks = 0;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 128) {
      const m = CHAR_MARK[c];
      if ((m & MARK_STOP) === 0) {
        marks |= m;
        j++;
        continue;
      }
      if (c === 92) {
        // The escaped character is marked too: the marks must cover every character of the contents.
        const x = text.charCodeAt(j + 1);
        if (x < 128) marks |= CHAR_MARK[x];
        j += 2;
        continue;
      }
      if (c === q) break;
      if (c === 10 && !multiline) break;
    }
    j++;
  }
  const ce = Math.min(j, n);
  const end = j < n && text.charCodeAt(j) === q ? j + 1 : ce;
  sink.string(i + 1, ce, marks);
  return end;
}

/**
 * Reads template-literal text from `j` up to the closing backtick or a `${`. On `${` it records the
 * brace depth at which the expression will end and returns, so the main loop lexes the expression.
 */
function lexTemplateRest(text: string, j: number, templateStack: number[], braceDepth: number, sink: TokenSink, cs: number): number {
  const n = text.length;
  let marks = 0;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === 92) {
      const x = text.charCodeAt(j + 1);
      if (x < 128) marks |= CHAR_MARK[x];
      j += 2;
      continue;
    }
    if (c === 96) {
      sink.string(cs, j, marks);
      return j + 1;
    }
    if (c === 36 && text.charCodeAt(j + 1) === 123 && templateStack.length < 64) {
      sink.string(cs, j, marks);
      templateStack.push(braceDepth);
      return j + 2;
    }
    if (c < 128) marks |= CHAR_MARK[c];
    j++;
  }
  sink.string(cs, n, marks);
  return n;
}

function verbatimString(text: string, q: number, sink: TokenSink): number {
  const n = text.length;
  let j = q + 1;
  while (j < n) {
    if (text.charCodeAt(j) === 34) {
      if (text.charCodeAt(j + 1) === 34) {
        j += 2;
        continue;
      }
      break;
    }
    j++;
  }
  const end = Math.min(n, j + 1);
  sink.string(q + 1, Math.min(j, n), MARKS_UNKNOWN);
  return end;
}

/** `r"..."`, `r#"..."#`: `e` is the offset after the `r`/`br` prefix. Returns -1 if not a raw string. */
function rustRawString(text: string, e: number, sink: TokenSink): number {
  let h = 0;
  while (text.charCodeAt(e + h) === 35) h++;
  if (text.charCodeAt(e + h) !== 34) return -1;
  const closer = '"' + '#'.repeat(h);
  const cs = e + h + 1;
  let ce = text.indexOf(closer, cs);
  if (ce < 0) ce = text.length;
  const end = Math.min(text.length, ce + closer.length);
  sink.string(cs, ce, MARKS_UNKNOWN);
  return end;
}
