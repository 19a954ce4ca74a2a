import type { EmbeddedFormats, PortFinder, PortOccurrence, PortRole } from '../vocabulary/types';
import { portAt } from '../vocabulary/occurrence';
import { finish, isPortKey, isPortKeyIn, portValue, readAddressKey } from '../vocabulary/common';
import { readPortSpec } from '../vocabulary/portValue';
import { isPortDigits, isPortFlag, scanCommentContent, scanStringContent, scanStringContentMarked } from '../vocabulary/codeText';
import { giveKey, roleForKey, roleForKeyIn } from '../vocabulary/keys';
import { CHAR_MARK, MARK_DIGIT, MARK_STOP } from '../text/chars';
import { readForward } from '../vocabulary/values';
import { keepShape } from '../text/keepShape';

/**
 * Port recognition in JSON and JSONC (package.json, devcontainer.json, launch.json, settings.json,
 * tasks.json, ...). The document is read with the grammar and error recovery of jsonc-parser's
 * `visit` (comments, trailing commas and broken documents are tolerated in the same way), by a reader
 * of its own that allocates nothing per token: key names are decoded only for the values that may
 * hold a port, and strings without a digit are passed over.
 * - A value (or array element) under a key that names a port is a port or a port spec
 *   (`"port": 9229`, `"forwardPorts": [3000, "db:5432"]`, `"appPort": [8080, "8443:443"]`).
 * - The keys of `portsAttributes` are ports or ranges.
 * - Command strings (`scripts`, `*Command`, `command`) are read as shell commands.
 * - A port flag as its own array element makes the next element a port (`["--port", "8090"]`).
 * - Every other string is read for URLs, `host:port`, `port=N` and `--port N`.
 */

/** Makes the JSON/JSONC finder; `embedded` reads the shell commands of `command` keys. The finder never throws. */
export function jsonFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => findJsonPorts(text, embedded);
}

function findJsonPorts(text: string, embedded: EmbeddedFormats): PortOccurrence[] {
  const out: PortOccurrence[] = [];
  try {
    new JsonReader(text, out, embedded).read();
  } catch {
    /* keep what was found (a document nested too deeply for the stack ends here) */
  }
  return finish(out);
}

// Token kinds, numbered as jsonc-parser's SyntaxKind.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const KEYWORD = 7;
const STRING = 10;
const NUMBER = 11;
const EOF = 17;

/** Characters that end a bare word (jsonc-parser's `isUnknownContentCharacter` is false for them). */
const WORD_END = (() => {
  const t = new Uint8Array(128);
  for (const ch of ' \t\n\r}]{[":,/') t[ch.charCodeAt(0)] = 1;
  return t;
})();

/** The role a port-flag element gives the next element, or 'forward' after ssh's `-L`/`-R`. */
type FlagAfter = PortRole | 'forward' | undefined;

/**
 * A recursive-descent reader that follows jsonc-parser's `visit` token for token: the same tokens
 * (bare words are skipped as unknown symbols), the same recovery (skip to `,` or the closing
 * bracket), and the same path for every literal. (A string left open at a line end is read to its
 * last character; the finder built on jsonc-parser lost that character with the closing quote.)
 */
class JsonReader {
  private pos = 0;
  private tok = EOF;
  private tokOff = 0;
  private tokEnd = 0;
  /** For a string token: the CHAR_MARK bits of its characters (read up to any backslash), and whether it has one. */
  private strMarks = 0;
  private strEscape = false;
  /** The string token ended at its closing quote (not at a line end or the end of the text). */
  private strClosed = false;
  // The path of jsonc-parser's visitor, one entry per level below `depth`: a property (its key token)
  // or an array index. The arrays only grow; a level is overwritten when it is entered again.
  private depth = 0;
  private readonly isIndex: boolean[] = [];
  private readonly keyOff: number[] = [];
  private readonly keyEnd: number[] = [];
  private readonly keyStr: (string | undefined)[] = [];
  /** Whether the key is written with escapes, so that only its decoded value can be compared. */
  private readonly keyEsc: boolean[] = [];
  /** `isPortKey` of the key once known: 1 or 0, -1 before it is asked. */
  private readonly keyPort: number[] = [];
  /** `roleForKey` of the key once known. */
  private readonly keyRoleOf: (PortRole | undefined)[] = [];
  /** Whether the key ends in `portsAttributes` once known: 1 or 0, -1 before it is asked. */
  private readonly keyAttrs: number[] = [];
  private readonly index: number[] = [];
  /** For each open array: the role its next element takes after a port flag element. */
  private readonly flagAfter: FlagAfter[] = [];
  /** The last port flag element read, which the next element's ports are the value of. */
  private flag = '';

  constructor(private readonly text: string, private readonly out: PortOccurrence[], private readonly embedded: EmbeddedFormats) {}

  read(): void {
    this.next();
    if (this.tok === EOF) return;
    // Whatever follows the first value is not read, as with jsonc-parser.
    this.value();
  }

  /** Scans the next token, reading comments on the way and skipping blanks and unknown symbols. */
  private next(): number {
    const text = this.text;
    const n = text.length;
    let i = this.pos;
    for (;;) {
      if (i >= n) {
        this.tokOff = this.tokEnd = this.pos = n;
        return (this.tok = EOF);
      }
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) {
        i++;
        continue;
      }
      this.tokOff = i;
      switch (c) {
        case 123: return this.punct(i, OPEN_BRACE);
        case 125: return this.punct(i, CLOSE_BRACE);
        case 91: return this.punct(i, OPEN_BRACKET);
        case 93: return this.punct(i, CLOSE_BRACKET);
        case 58: return this.punct(i, COLON);
        case 44: return this.punct(i, COMMA);
        case 34: return this.string(i);
        case 47: {
          const c2 = text.charCodeAt(i + 1);
          if (c2 === 47) {
            let e = i + 2;
            while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
            scanCommentContent(text, i, e, this.out);
            i = e;
            continue;
          }
          if (c2 === 42) {
            let e = text.indexOf('*/', i + 2);
            // An unclosed block comment runs to the end of the text.
            e = e < 0 ? n : e + 2;
            scanCommentContent(text, i, e, this.out);
            i = e;
            continue;
          }
          // A lone slash is an unknown symbol.
          i++;
          continue;
        }
        case 45: {
          if (i + 1 < n && isDigitCode(text.charCodeAt(i + 1))) return this.number(i, i + 1);
          i++;
          continue;
        }
        default: {
          if (isDigitCode(c)) return this.number(i, i);
          // A bare word: `true`, `false`, `null` or an unknown symbol, which is skipped.
          let e = i;
          while (e < n) {
            const d = text.charCodeAt(e);
            if (d < 128 && WORD_END[d] === 1) break;
            e++;
          }
          if (e === i) e++;
          const len = e - i;
          if ((len === 4 && (text.startsWith('true', i) || text.startsWith('null', i))) || (len === 5 && text.startsWith('false', i))) {
            this.tokEnd = this.pos = e;
            return (this.tok = KEYWORD);
          }
          i = e;
          continue;
        }
      }
    }
  }

  private punct(i: number, kind: number): number {
    this.tokEnd = this.pos = i + 1;
    return (this.tok = kind);
  }

  /** A string token from its opening quote: it ends at the closing quote, a line break or the end. */
  private string(i: number): number {
    const text = this.text;
    const n = text.length;
    let j = i + 1;
    let marks = 0;
    let escape = false;
    let closed = false;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c >= 128) {
        j++;
        continue;
      }
      const m = CHAR_MARK[c];
      if ((m & MARK_STOP) === 0) {
        marks |= m;
        j++;
        continue;
      }
      if (c === 34) {
        j++;
        closed = true;
        break;
      }
      if (c === 92) {
        escape = true;
        j += 2;
        continue;
      }
      if (c === 10 || c === 13) break;
      // A single quote or backtick is an ordinary character here.
      j++;
    }
    // `\` as the last character leaves the string at the end of the text.
    if (j > n) j = n;
    this.strMarks = marks;
    this.strEscape = escape;
    this.strClosed = closed;
    this.tokEnd = this.pos = j;
    return (this.tok = STRING);
  }

  /** A number token (jsonc-parser's `scanNumber`); `d` is its first digit, after any minus. */
  private number(i: number, d: number): number {
    const text = this.text;
    const n = text.length;
    let p = d;
    if (text.charCodeAt(p) === 48) p++;
    else {
      p++;
      while (p < n && isDigitCode(text.charCodeAt(p))) p++;
    }
    if (p < n && text.charCodeAt(p) === 46) {
      p++;
      if (p < n && isDigitCode(text.charCodeAt(p))) {
        p++;
        while (p < n && isDigitCode(text.charCodeAt(p))) p++;
      } else {
        this.tokEnd = this.pos = p;
        return (this.tok = NUMBER);
      }
    }
    if (p < n && (text.charCodeAt(p) === 69 || text.charCodeAt(p) === 101)) {
      p++;
      // jsonc-parser's own precedence: `pos < length && c === '+' || c === '-'`.
      if ((p < n && text.charCodeAt(p) === 43) || text.charCodeAt(p) === 45) p++;
      if (p < n && isDigitCode(text.charCodeAt(p))) {
        p++;
        while (p < n && isDigitCode(text.charCodeAt(p))) p++;
      }
    }
    this.tokEnd = this.pos = p;
    return (this.tok = NUMBER);
  }

  /** jsonc-parser's `handleError` recovery: skip tokens until one of `until` (kept) or EOF. */
  private skipUntil(a: number, b: number): void {
    let t = this.tok;
    while (t !== EOF && t !== a && t !== b) t = this.next();
  }

  private value(): boolean {
    switch (this.tok) {
      case OPEN_BRACKET: this.array(); return true;
      case OPEN_BRACE: this.object(); return true;
      case STRING:
      case NUMBER:
      case KEYWORD:
        this.literal();
        this.next();
        return true;
      default:
        return false;
    }
  }

  private object(): void {
    this.next();
    while (this.tok !== CLOSE_BRACE && this.tok !== EOF) {
      if (this.tok === COMMA) {
        if (this.next() === CLOSE_BRACE) break;
      }
      if (this.tok !== STRING) {
        this.skipUntil(CLOSE_BRACE, COMMA);
      } else {
        this.property();
      }
    }
    if (this.tok === CLOSE_BRACE) this.next();
  }

  private property(): void {
    const ks = this.tokOff;
    const ke = this.tokEnd;
    // A key of `portsAttributes` is a port or a range.
    const top = this.depth - 1;
    if (top >= 0 && !this.isIndex[top] && this.isPortsAttributes(top)) {
      readPortSpec(this.text, ks + 1, this.strClosed ? ke - 1 : ke, this.out, 'listen');
    } else if ((this.strMarks & MARK_DIGIT) !== 0 && !this.strEscape && this.strClosed) {
      // A key that is an address: NGINX Unit's `"listeners": {"0.0.0.0:8080": {...}}`.
      readAddressKey(this.text, ks + 1, ke - 1, top >= 0 && !this.isIndex[top] && (this.keyIs(top, 'listeners') || this.keyIs(top, 'listen')), this.out);
    }
    this.enter(false, ks, ke, this.strEscape);
    this.next();
    if (this.tok === COLON) {
      this.next();
      if (!this.value()) this.skipUntil(CLOSE_BRACE, COMMA);
    } else {
      this.skipUntil(CLOSE_BRACE, COMMA);
    }
    this.popLevel();
  }

  private array(): void {
    this.flagAfter.push(undefined);
    this.next();
    let first = true;
    while (this.tok !== CLOSE_BRACKET && this.tok !== EOF) {
      if (this.tok === COMMA) {
        if (this.next() === CLOSE_BRACKET) break;
      }
      if (first) {
        this.enter(true, 0, 0, false);
        first = false;
      } else {
        this.index[this.depth - 1]++;
      }
      if (!this.value()) this.skipUntil(CLOSE_BRACKET, COMMA);
    }
    this.flagAfter.pop();
    if (!first) {
      this.popLevel();
    }
    if (this.tok === CLOSE_BRACKET) this.next();
  }

  /** Adds a path level: a property with its key token text[ks, ke), or the index of an array. */
  private enter(isIndex: boolean, ks: number, ke: number, esc: boolean): void {
    const d = this.depth++;
    this.isIndex[d] = isIndex;
    this.keyOff[d] = ks;
    this.keyEnd[d] = ke;
    this.keyStr[d] = undefined;
    this.keyEsc[d] = esc;
    this.keyPort[d] = isIndex ? 0 : -1;
    this.keyRoleOf[d] = undefined;
    this.keyAttrs[d] = -1;
    this.index[d] = 0;
  }

  private popLevel(): void {
    this.depth--;
  }

  /** End of the key's characters at level `k` (before its closing quote, if it has one). */
  private keyContentEnd(k: number): number {
    const e = this.keyEnd[k];
    return e - 1 > this.keyOff[k] && this.text.charCodeAt(e - 1) === 34 ? e - 1 : e;
  }

  /** The key at level `k` ends with `suffix`, compared in the text unless it has escapes. */
  private keyEndsWith(k: number, suffix: string): boolean {
    if (this.keyEsc[k]) return this.key(k).endsWith(suffix);
    const s = this.keyContentEnd(k) - suffix.length;
    return s > this.keyOff[k] && this.text.startsWith(suffix, s);
  }

  /** The key at level `k` ends in `portsAttributes` (asked once for each of its keys). */
  private isPortsAttributes(k: number): boolean {
    let a = this.keyAttrs[k];
    if (a < 0) {
      a = this.keyEndsWith(k, 'portsAttributes') ? 1 : 0;
      this.keyAttrs[k] = a;
    }
    return a === 1;
  }

  /** The key at level `k` is `word`. */
  private keyIs(k: number, word: string): boolean {
    if (this.keyEsc[k]) return this.key(k) === word;
    return this.keyContentEnd(k) - this.keyOff[k] - 1 === word.length && this.text.startsWith(word, this.keyOff[k] + 1);
  }

  /** `isPortKey` of the key at level `k`; most keys are ruled out from their last letters in the text. */
  private isPortKeyAt(k: number): boolean {
    let p = this.keyPort[k];
    if (p < 0) {
      p = (this.keyEsc[k] ? isPortKey(this.key(k)) : isPortKeyIn(this.text, this.keyOff[k] + 1, this.keyContentEnd(k))) ? 1 : 0;
      this.keyPort[k] = p;
    }
    return p === 1;
  }

  /** The key's value (or, for an array, its elements) is a shell command line. */
  private isCommandKeyAt(owner: number): boolean {
    if (owner >= 1 && !this.isIndex[owner - 1] && this.keyIs(owner - 1, 'scripts')) return true;
    if (owner < 0) return false;
    // Every command key ends in `d`, `t`, `l` or `s`: the last letter picks the names to compare.
    const last = this.keyEsc[owner] ? 0 : this.text.charCodeAt(this.keyContentEnd(owner) - 1);
    if (last === 100 /* d */) return this.keyIs(owner, 'command') || this.keyIs(owner, 'cmd') || this.keyEndsWith(owner, 'Command') || this.keyEndsWith(owner, '_command');
    if (last === 116 /* t */) return this.keyIs(owner, 'script');
    if (last === 108 /* l */) return this.keyIs(owner, 'shell');
    if (last === 115 /* s */) return this.keyEndsWith(owner, 'Commands');
    if (last !== 0) return false;
    return this.keyIs(owner, 'command') || this.keyIs(owner, 'cmd') || this.keyIs(owner, 'script') || this.keyIs(owner, 'shell') ||
      this.keyEndsWith(owner, 'Command') || this.keyEndsWith(owner, 'Commands') || this.keyEndsWith(owner, '_command');
  }

  /** `roleForKey` of the key at level `k` ('listen' when there is none or it is empty). */
  private keyRole(k: number): PortRole {
    if (k < 0) return 'listen';
    let r = this.keyRoleOf[k];
    if (r === undefined) {
      r = this.readKeyRole(k);
      this.keyRoleOf[k] = r;
    }
    return r;
  }

  private readKeyRole(k: number): PortRole {
    if (this.keyEsc[k]) {
      const key = this.key(k);
      return key ? roleForKey(key) : 'listen';
    }
    return roleForKeyIn(this.text, this.keyOff[k] + 1, this.keyContentEnd(k));
  }

  /** The decoded name of the property at path level `k`. */
  private key(k: number): string {
    let s = this.keyStr[k];
    if (s === undefined) {
      s = decodeString(this.text, this.keyOff[k], this.keyEnd[k]);
      this.keyStr[k] = s;
    }
    return s;
  }

  /** The current token is a literal (string, number, keyword): what it says about ports. */
  private literal(): void {
    const text = this.text;
    const offset = this.tokOff;
    const end = this.tokEnd;
    const tok = this.tok;
    const top = this.depth - 1;
    const inArray = top >= 0 && this.isIndex[top];
    const fa = this.flagAfter;
    let afterFlag: FlagAfter;
    if (inArray) {
      afterFlag = fa[fa.length - 1];
      fa[fa.length - 1] = undefined;
    }
    const first = this.out.length;
    if (afterFlag === 'forward') {
      // `["-L", "6543:db:5432"]`, or a bare number (`["-D", 1080]`), which has no quotes to leave out.
      if (tok === STRING) readForward(text, { s: offset + 1, e: this.strClosed ? end - 1 : end }, this.out);
      else readForward(text, { s: offset, e: end }, this.out);
    }
    else if (tok === NUMBER) {
      // Only a plain run of digits can be a port; what else a number is does not matter.
      if (isPortDigits(text, offset, end)) this.numberLiteral(offset, end, top, afterFlag);
    } else if (tok === STRING && ((this.strMarks & MARK_DIGIT) !== 0 || this.strEscape)) {
      this.stringLiteral(offset, end, top, afterFlag);
    }
    if (first < this.out.length) this.giveKeyOrFlag(first, top, afterFlag !== undefined);
    if (inArray && tok === STRING) {
      // A flag element starts with `-` (or is written with escapes).
      const c = text.charCodeAt(offset + 1);
      if (c === 45 || this.strEscape) {
        const value = this.strEscape ? decodeString(text, offset, end) : text.slice(offset + 1, text.charCodeAt(end - 1) === 34 && end - 1 > offset ? end - 1 : end);
        if (value === '-L' || value === '-R') fa[fa.length - 1] = 'forward';
        else if (isPortFlag(value)) fa[fa.length - 1] = value === '--publish' || value === '-p' ? 'host' : 'listen';
        if (fa[fa.length - 1] !== undefined) this.flag = value;
      }
    }
  }

  /**
   * The ports a literal gave since `first` know where they came from: the flag element before them
   * (`["--port", 8080]`), or the property whose value the literal is (`"nodePort": 0`), when it names a port.
   */
  private giveKeyOrFlag(first: number, top: number, afterFlag: boolean): void {
    const out = this.out;
    if (afterFlag) {
      for (let i = first; i < out.length; i++) out[i].flag ??= this.flag;
      return;
    }
    if (top < 0 || this.isIndex[top]) return;
    if (this.keyEsc[top]) {
      const key = this.key(top);
      giveKey(out, first, key, 0, key.length);
    } else {
      giveKey(out, first, this.text, this.keyOff[top] + 1, this.keyContentEnd(top));
    }
  }

  /** The path level of the property a value belongs to (its own, or the array's), or -1. */
  private ownerLevel(top: number): number {
    let i = top;
    while (i >= 0 && this.isIndex[i]) i--;
    return i;
  }

  /** `"ports": { "web": 8080 }`: the value is a named port inside an object under a port key. */
  private underPortKey(top: number, owner: number): boolean {
    if (owner !== top || owner < 1 || this.isIndex[owner - 1]) return false;
    return this.isPortKeyAt(owner - 1) && !/attributes$/i.test(this.key(owner - 1));
  }

  private numberLiteral(offset: number, end: number, top: number, afterFlag: PortRole | undefined): void {
    const owner = this.ownerLevel(top);
    const portKey = owner >= 0 && this.isPortKeyAt(owner);
    if (!(portKey || afterFlag || this.underPortKey(top, owner))) return;
    const role = afterFlag ?? this.keyRole(owner);
    this.out.push(portAt(offset, end, portValue(this.text, offset, end), role));
  }

  private stringLiteral(offset: number, end: number, top: number, afterFlag: PortRole | undefined): void {
    const text = this.text;
    const out = this.out;
    const cs = offset + 1;
    const ce = this.strClosed ? end - 1 : end;
    if (ce <= cs) return;
    const owner = this.ownerLevel(top);
    if (afterFlag) {
      let s = cs;
      if (text.charCodeAt(s) === 58 /* :8080 */) s++;
      if (readPortSpec(text, s, ce, out, afterFlag, true)) return;
    }
    if ((owner >= 0 && this.isPortKeyAt(owner)) || this.underPortKey(top, owner)) {
      if (readPortSpec(text, cs, ce, out, this.keyRole(owner))) return;
    }
    if (this.isCommandKeyAt(owner)) {
      this.embedded.scanShell(text, cs, ce, out);
      return;
    }
    // Escaped characters were not marked: those strings are read again.
    if (this.strEscape) scanStringContent(text, cs, ce, out);
    else scanStringContentMarked(text, cs, ce, out, this.strMarks);
  }
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of the string token text[s, e), decoded as jsonc-parser's scanner decodes it. */
function decodeString(text: string, s: number, e: number): string {
  let j = s + 1;
  let start = j;
  let result = '';
  while (j < e) {
    const c = text.charCodeAt(j);
    if (c === 34) break;
    if (c === 92) {
      result += text.slice(start, j);
      j++;
      if (j >= e) return result;
      const c2 = text.charCodeAt(j++);
      switch (c2) {
        case 34: result += '"'; break;
        case 92: result += '\\'; break;
        case 47: result += '/'; break;
        case 98: result += '\b'; break;
        case 102: result += '\f'; break;
        case 110: result += '\n'; break;
        case 114: result += '\r'; break;
        case 116: result += '\t'; break;
        case 117: {
          let v = 0;
          let k = 0;
          for (; k < 4; k++) {
            const h = text.charCodeAt(j + k);
            const x = h >= 48 && h <= 57 ? h - 48 : h >= 65 && h <= 70 ? h - 55 : h >= 97 && h <= 102 ? h - 87 : -1;
            if (x < 0) break;
            v = v * 16 + x;
          }
          // Too few hex digits: jsonc-parser keeps the ones it read out of the value.
          j += k;
          if (k === 4) result += String.fromCharCode(v);
          break;
        }
        default:
          break;
      }
      start = j;
      continue;
    }
    j++;
  }
  return result + text.slice(start, Math.min(j, e));
}

// One reader outlives every collection, so that the finder's optimized code keeps the layout it checks
// (see ../text/keepShape.ts); the format table's embedded readers are not known here and not needed.
keepShape(new JsonReader('', [], undefined as unknown as EmbeddedFormats));
