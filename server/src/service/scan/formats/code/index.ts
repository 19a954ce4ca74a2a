import type { EmbeddedFormats, PortFinder, PortOccurrence, PortRole } from '../../vocabulary/types';
import { finish, isPortKeyIn, joinMapping, portValue } from '../../vocabulary/common';
import { digitsEnd, MARK_DIGIT, MARK_FORMAT, MARK_SHELL } from '../../text/chars';
import { MARKS_UNKNOWN, Tok, lexCode, sniffDialect, type Dialect, type TokenSink } from '../../text/codeLexer';
import {
  formatPortIndex, isLikelyHost, isPortDigits, isPortFlag, isPortLikeNumber, messageEnding, messagePortIndex, scanCommentContent,
  scanMessageContent, scanStringContent, scanStringContentMarked, MESSAGE_NONE, MESSAGE_ON,
} from '../../vocabulary/codeText';
import { readPortSpec } from '../../vocabulary/portValue';
import { isQualifiedPortNameIn, mayHoldQualifiedPortWord, roleForKeyIn } from '../../vocabulary/keys';
import {
  W_LISTEN, W_CONNECT, W_MAX1, W_CONSTRUCTOR, W_DEFAULT_METHOD, W_CONVERSION, W_DEFAULT_WORD, W_OR, W_NOT_CALLEE,
  W_DEF, W_RETURN, W_FUNC, W_SHELL_CALL, W_DOCKER_ARGS, W_SHELL_KEY, W_SUBPROCESS, W_GUEST, W_HOST, W_COMMAND,
  W_DIRECT, W_CALL, SHELL_COMMAND, DOCKER_ARGS, WORDS, P_LPAREN, P_RPAREN, P_LBRACKET, P_RBRACKET, P_LBRACE,
  P_RBRACE, P_COMMA, P_EQUALS, P_COLON, P_SEMICOLON, P_DOT, P_PLUS, P_QUESTION, P_COLON_EQUALS, P_DOUBLE_COLON,
  PF_ASSIGN, PF_DEFAULT, PF_CHAIN, PUNCT_MATTERS, punctFlags, isPortNameIn, isCountName, endsInPort,
  isOwnAddressCall, endsInServer, isParamWordChar, isWordOrColon, isKeyLike
} from './words';

/**
 * Port recognition in source code (JavaScript/TypeScript, Python, Go, Java, Rust, C#, Ruby, PHP,
 * Kotlin and others). The lexer (codeLexer.ts) separates strings, comments and code; this module reads
 * the token stream with a small state machine:
 * - a name that says port (`PORT`, `dbPort`, `"server.port"`, `:port`, `--port`) followed by `=`, `:`,
 *   `=>`, a default operator (`||`, `??`, `or`, `?:`, `.unwrap_or(`) or a getter's default argument
 *   makes the next integer literal (or all-digit string) a port;
 * - the first integer argument of a call that takes a port (`listen(8080)`,
 *   `new InetSocketAddress("localhost", 8080)`, `sock.connect(("db", 5432))`) is a port;
 * - string literals are read for URLs, `host:port`, `${server.port:8080}`, `port=5432` and `--port N`;
 * - comments only for URLs and clear `host:port`;
 * - a string given to a call that runs a shell command (`sh "docker run -p 5433:5432 ..."`,
 *   `subprocess.run("...")`, `system(...)`, `script: '...'`, a `<<-SHELL` heredoc) is also read as
 *   shell commands;
 * - `guest: 80, host: 8080` (Vagrant's forwarded ports) are the two ends of a mapping.
 * The machine runs once per token, so it keeps no token text: identifiers are known by the flags of
 * the word they are (WORDS, looked up without a string) and punctuation by its `punctCode`.
 */

const enum Mode {
  Off,
  /** Just after a port name, or inside the expression that computes a port. */
  AfterKey,
  /** After `=`, `:`, `==`: the next literal is the port. */
  ExpectValue,
  /** After `||`, `??`, `or`, a getter's `,`: the next literal is the default port. */
  ExpectDefault,
  /** Inside a call or argument list that began after the port name; resumes when it closes. */
  Suspended,
  /** Inside `ports[...]`: an index, not a port. */
  Index,
}

const enum CallKind {
  None,
  Listen,
  Connect,
  Address,
}

/** Offsets that mean "not set" in a Frame (an argument index is never negative). */
const UNSET = -2;

/** An open bracket. Frames are reused as the brackets nest and close, so every field is reset in `reset`. */
class Frame {
  /** The opening character: `(`, `[` or `{`. */
  open = 0;
  call = CallKind.None;
  /** Highest argument index that may hold the port (0 for `listen(port, backlog)`). */
  maxArg = 0;
  argIndex = 0;
  /** The port of this call (or tuple) was found already. */
  taken = false;
  /** A tuple or array argument of a port call (`bind(("0.0.0.0", 9000))`): its parent call. */
  tupleOf: Frame | undefined = undefined;
  /** A list under a port name (`ports = [80, 443]`): every element is a port with this role. */
  container: PortRole | undefined = undefined;
  /** A port name or flag stood among this call's arguments (`add_argument("--port", default=...)`). */
  portArgRole: PortRole | undefined = undefined;
  /** The last string argument (its first 256 characters), taken as the host of a following port, and its index. */
  hostS = UNSET;
  hostE = UNSET;
  hostArg = UNSET;
  /** The last integer argument not yet known as a port, for `connect(4321, "legacy.internal")`. */
  intArg = UNSET;
  intS = 0;
  intE = 0;
  /** The argument a format string's `%s:%d` places after the colon. */
  fmtArg = UNSET;
  /**
   * The argument a log message says is a port (`console.log('up on port', 3000)`, `"on port {}"`), and
   * whether only "on" or "at" said so, which takes a port-like number only.
   */
  msgArg = UNSET;
  msgOn = false;
  /** What the call's first string argument is: SHELL_COMMAND, DOCKER_ARGS or 0. */
  shell = 0;
  /** A listening call whose direct arguments hold the port in Python too (W_DIRECT). */
  direct = false;
  /**
   * A call known only by its name ending in `Server` or `_server` (`new Server(8080)`, Jetty): its
   * first argument is a port only when it is a bare number that looks like one.
   */
  guessed = false;
  /**
   * Inside the options of a call that starts a server from them (NestJS `connectMicroservice({...})`,
   * `NestFactory.createMicroservice(AppModule, {...})`): an address there is the server's own.
   */
  ownAddress = false;

  reset(open: number, tupleOf: Frame | undefined): void {
    this.open = open;
    this.ownAddress = false;
    this.call = CallKind.None;
    this.maxArg = 0;
    this.argIndex = 0;
    this.taken = false;
    this.tupleOf = tupleOf;
    this.container = undefined;
    this.portArgRole = undefined;
    this.hostS = UNSET;
    this.hostE = UNSET;
    this.hostArg = UNSET;
    this.intArg = UNSET;
    this.intS = 0;
    this.intE = 0;
    this.fmtArg = UNSET;
    this.msgArg = UNSET;
    this.msgOn = false;
    this.shell = 0;
    this.direct = false;
    this.guessed = false;
  }
}

const MAX_FRAMES = 512;

// Token kinds as plain local constants: a `const enum` imported from another module is a property
// read per use when the code runs unbundled (tests), and this loop runs once per token.
const T_IDENT: number = Tok.Ident;
const T_INT: number = Tok.Int;
const T_NUM: number = Tok.Num;
const T_STR: number = Tok.Str;
const T_PUNCT: number = Tok.Punct;

/**
 * Makes the source-code finder; `embedded` reads shell scripts in strings (a Vagrantfile's heredoc, a
 * Jenkinsfile's `sh`) and `docker run` arguments. The finder never throws and is linear in the text.
 */
export function codeFinder(embedded: EmbeddedFormats): PortFinder {
  return (text) => {
    const out: PortOccurrence[] = [];
    const dialect = sniffDialect(text);
    const scan = new CodeScan(text, dialect, out, embedded);
    lastScan = scan;
    try {
      lexCode(text, dialect, scan);
    } catch {
      /* A lexer surprise must not cost the document its ports found so far. */
    }
    scan.release();
    return finish(out);
  };
}

/**
 * The last state machine made, kept without its document (`release`) so that its hidden class, and
 * its frames', stay alive between documents: see `lastLexer` in codeLexer.ts for what a full garbage
 * collection otherwise costs the next document.
 */
let lastScan: CodeScan | undefined;

/** What a released state machine holds instead of a document's occurrences. */
const NO_OCCURRENCES: PortOccurrence[] = [];

/** The token-stream state machine; the lexer feeds it through `token` and `comment`. */
class CodeScan implements TokenSink {
  private readonly frames: Frame[] = [];
  private nFrames = 0;
  private overflow = 0;
  private mode = Mode.Off;
  private role: PortRole = 'listen';
  private byString = false;
  private armDepth = 0;
  private chained = false;
  private keyJust = false;
  private juxt = 0;
  /** Word flags of the last method name in a chain after a port name (`.unwrap_or`), 0 for none. */
  private lastMethod = 0;
  private pendingDefault: PortRole | undefined = undefined;
  // The function being defined, when its name says it gives a port (`func grpcPort() int {`).
  private defState = 0;
  private defDepth = 0;
  private returnPort: PortRole | undefined = undefined;
  // The first of a `guest: N` / `host: N` pair in this statement: its offsets, which one it is, and
  // how deep in brackets it stood.
  private pairS = UNSET;
  private pairE = 0;
  private pairGuest = false;
  private pairDepth = 0;
  // Parallel assignment (`HOST, PORT = "0.0.0.0", 8000`): at the statement's depth, how many names
  // came before `=`, which one says port, and (after `=`) which value is being read.
  private tupDepth = 0;
  private tupNames = 0;
  private tupPort = -1;
  private tupRole: PortRole = 'listen';
  private tupRhs = -1;
  // The last three significant tokens: kinds and values (word flags for identifiers, punctCode for punctuation).
  private k1 = 0;
  private k2 = 0;
  private k3 = 0;
  private v1 = 0;
  private v2 = 0;
  private v3 = 0;
  /** No token came yet on this line. */
  private lineStart = true;
  /** Offsets of the last identifier. */
  private identS = 0;
  private identE = 0;
  /** A call that starts a server from its options was named; its next `(` opens them ({@link Frame.ownAddress}). */
  private ownCall = false;
  /** The port name just armed is a PowerShell-style parameter (`-LocalPort`), which takes lists and ranges. */
  private paramKey = false;
  /**
   * The port name just armed has words after "port" (`GRPC_PORT_DEFAULT`, `DefaultPortAPIServer`): a
   * default or a label, which may never be bound as written, so its port is shown but not judged.
   */
  private quiet = false;

  constructor(
    private text: string,
    private readonly dialect: Dialect,
    private out: PortOccurrence[],
    private readonly embedded: EmbeddedFormats,
  ) {}

  /** Lets go of the document once it is read (see `lastScan`). */
  release(): void {
    this.text = '';
    this.out = NO_OCCURRENCES;
  }

  comment(s: number, e: number): void {
    scanCommentContent(this.text, s, e, this.out);
  }

  newline(): void {
    this.lineStart = true;
    // A statement ends at a line end, unless a call or list goes on.
    const f = this.top();
    if (!(f && (f.open === 40 || f.open === 91))) {
      this.mode = Mode.Off;
      this.tupReset();
      this.pairS = UNSET;
    }
  }

  ident(s: number, e: number, portLetters: boolean): void {
    const text = this.text;
    const v = WORDS.find(text, s, e);
    if (this.lineStart) {
      this.lineStart = false;
      if ((v & W_COMMAND) !== 0) this.nativeCommand(s, e);
    }
    this.identS = s;
    this.identE = e;
    // The call's bracket may come after type arguments: `connectMicroservice<MicroserviceOptions>(`.
    if (e - s >= 18 && isOwnAddressCall(text, s, e)) this.ownCall = true;
    // Most names are none of the words the machine knows and come while it waits for a port name:
    // for them `onIdent` would only forget a pending default. A port name holds the letters of "port".
    if (v === 0 && this.mode === Mode.Off && this.defState === 0 && text.charCodeAt(s) !== 36 &&
      (!portLetters || (!endsInPort(text, s, e) && !(e - s >= 6 && mayHoldQualifiedPortWord(text, s, e))))) {
      this.pendingDefault = undefined;
    } else this.onIdent(s, e, v);
    this.shift(T_IDENT, v);
  }

  punct(code: number): void {
    this.lineStart = false;
    // Only brackets, commas, assignments and semicolons change anything while the machine waits for a
    // port name; other punctuation then only enters the history.
    if (this.mode !== Mode.Off || this.defState !== 0 || this.pendingDefault !== undefined || (code < 128 && PUNCT_MATTERS[code] === 1) || code === P_COLON_EQUALS) {
      this.onPunct(code);
    }
    this.shift(T_PUNCT, code);
  }

  number(int: boolean, s: number, e: number): void {
    this.lineStart = false;
    this.onNumber(int, s, e);
    this.shift(int ? T_INT : T_NUM, 0);
  }

  string(cs: number, ce: number, marks: number): void {
    this.lineStart = false;
    // The command's reading comes first: where both find the same digits, the first one found is kept.
    const sh = this.commandString(marks);
    if (sh === SHELL_COMMAND) this.embedded.scanShell(this.text, cs, ce, this.out);
    else if (sh === DOCKER_ARGS) this.embedded.scanDockerRunArgs(this.text, cs, ce, this.out);
    this.onString(cs, ce, marks);
    this.shift(T_STR, 0);
  }

  /**
   * Whether the string coming now is a shell command (SHELL_COMMAND) or `docker run` arguments
   * (DOCKER_ARGS): the first argument of such a call, with or without parentheses (`sh "make"`), the
   * value of `script:` or `inline:`, or a heredoc whose tag says shell.
   */
  private commandString(marks: number): number {
    const k1 = this.k1;
    const v1 = this.v1;
    if (k1 === T_IDENT) return (v1 & W_SHELL_CALL) !== 0 ? SHELL_COMMAND : (v1 & W_DOCKER_ARGS) !== 0 ? DOCKER_ARGS : 0;
    if (marks !== MARKS_UNKNOWN && (marks & MARK_SHELL) !== 0) return SHELL_COMMAND;
    if (k1 !== T_PUNCT) return 0;
    if (v1 === P_LPAREN) {
      const f = this.top();
      return f !== undefined && f.open === 40 ? f.shell : 0;
    }
    if (this.k2 === T_IDENT && (this.v2 & W_SHELL_KEY) !== 0 && (punctFlags(v1) & PF_ASSIGN) !== 0) return SHELL_COMMAND;
    return 0;
  }

  /**
   * A bare first argument of a call named only by its `Server` ending, text[s, e): a whole argument
   * (then `)` or `,`) of 80, 443 or 1024-65535 but for the powers of two, which are sizes.
   */
  private guessedPort(f: Frame, s: number, e: number): boolean {
    const text = this.text;
    if (f.argIndex !== 0 || f.tupleOf !== undefined || !this.after(P_LPAREN)) return false;
    let i = e;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c !== 41 && c !== 44) return false;
    const v = portValue(text, s, e);
    if (v === 80 || v === 443) return true;
    return v >= 1024 && v <= 65535 && (v & (v - 1)) !== 0;
  }

  /**
   * A line that starts with a command name text[s, e) and a blank, then a word or flag
   * (`netsh int ipv4 set dynamicport tcp start=49152 num=16384`), is read as a shell command.
   */
  private nativeCommand(s: number, e: number): void {
    const text = this.text;
    if (text.charCodeAt(e) !== 32) return;
    const c = text.charCodeAt(e + 1);
    if (!((c >= 97 && c <= 122) || c === 45)) return;
    let le = text.indexOf('\n', e);
    if (le < 0) le = text.length;
    this.embedded.scanShell(text, s, le, this.out);
  }

  /**
   * The value of a PowerShell parameter that names a port, from text[s]: a list of ports and ranges
   * (`-LocalPort 80,443`, `-LocalPort 49152-65535`, `-RemotePort 5060, 5061`). The ends of a range
   * bind nothing themselves (a firewall rule's range): role 'unknown'.
   */
  private paramPorts(s: number): void {
    const text = this.text;
    let i = s;
    for (let items = 0; items < 64; items++) {
      const d = digitsEnd(text, i, text.length);
      if (d === i || !isPortDigits(text, i, d)) return;
      const c = text.charCodeAt(d);
      if (c === 45 /* - */) {
        const h = digitsEnd(text, d + 1, text.length);
        if (h === d + 1 || !isPortDigits(text, d + 1, h) || isParamWordChar(text.charCodeAt(h))) return;
        const lo = portValue(text, i, d);
        const hi = portValue(text, d + 1, h);
        this.out.push({ start: i, end: d, kind: 'port', port: lo, role: 'unknown', rangeLo: lo, rangeHi: hi });
        this.out.push({ start: d + 1, end: h, kind: 'port', port: hi, role: 'unknown', rangeLo: lo, rangeHi: hi });
        i = h;
      } else {
        if (isParamWordChar(c)) return;
        this.port(i, d, this.role, undefined, this.quiet);
        i = d;
      }
      while (text.charCodeAt(i) === 32) i++;
      if (text.charCodeAt(i) !== 44 /* , */) return;
      i++;
      while (text.charCodeAt(i) === 32) i++;
    }
  }

  /** Records a token in the history of the last three. */
  private shift(kind: number, v: number): void {
    this.k3 = this.k2;
    this.v3 = this.v2;
    this.k2 = this.k1;
    this.v2 = this.v1;
    this.k1 = kind;
    this.v1 = v;
  }

  private depth(): number {
    return this.nFrames + this.overflow;
  }

  private top(): Frame | undefined {
    return this.overflow || this.nFrames === 0 ? undefined : this.frames[this.nFrames - 1];
  }

  /** The last token was one of the given punctuation (0 matches nothing). */
  private after(p1: number, p2 = 0, p3 = 0): boolean {
    const v = this.v1;
    return this.k1 === T_PUNCT && (v === p1 || v === p2 || v === p3);
  }

  private tupReset(): void {
    this.tupDepth = this.depth();
    this.tupNames = 0;
    this.tupPort = -1;
    this.tupRhs = -1;
  }

  /** The value at the port name's position of a parallel assignment. */
  private tupleValue(s: number, e: number): boolean {
    if (this.tupRhs < 0 || this.tupRhs !== this.tupPort || this.depth() !== this.tupDepth || !this.after(P_COMMA, P_EQUALS, P_COLON_EQUALS)) return false;
    this.port(s, e, this.tupRole, undefined);
    this.tupRhs = -1;
    return true;
  }

  private port(s: number, e: number, r: PortRole, host: string | undefined, doc = false): void {
    const v = portValue(this.text, s, e);
    if (v < 0) return;
    if (doc) this.out.push({ start: s, end: e, kind: 'port', port: v, role: r, host, inComment: true });
    else this.out.push({ start: s, end: e, kind: 'port', port: v, role: r, host });
  }

  private arm(r: PortRole, str: boolean): void {
    this.quiet = false;
    this.mode = Mode.AfterKey;
    this.role = r;
    this.byString = str;
    this.armDepth = this.depth();
    this.chained = false;
    this.keyJust = true;
    this.juxt = 0;
    this.lastMethod = 0;
    const f = this.top();
    if (f && f.open === 40 && this.after(P_LPAREN, P_COMMA)) f.portArgRole = r;
  }

  /** The host string a frame holds (its first 256 characters), or undefined. */
  private hostOf(f: Frame): string | undefined {
    return f.hostS === UNSET ? undefined : this.text.slice(f.hostS, f.hostE);
  }

  /** A port call's argument, or a tuple inside one, may hold the port at this token. */
  private callPort(s: number, e: number): boolean {
    const f = this.top();
    if (!f || !this.after(P_LPAREN, P_COMMA, P_LBRACKET)) return false;
    if (f.container) {
      this.port(s, e, f.container, undefined);
      return true;
    }
    const call = f.tupleOf ?? f;
    if (call.call === CallKind.None) return this.hostPair(f, s, e);
    // Any other argument of such a call is read as in a call of no known kind.
    if (call.guessed && !this.guessedPort(f, s, e)) return this.hostPair(f, s, e);
    if (call.taken || f.argIndex > (f.tupleOf ? 1 : call.maxArg)) return false;
    if (call.call === CallKind.Listen && this.dialect.python && f === call && !call.direct) return false;
    call.taken = true;
    const host = this.hostOf(f);
    let r: PortRole;
    if (call.call === CallKind.Listen) r = 'listen';
    else if (call.call === CallKind.Connect) r = 'connect';
    else r = host === undefined || host === '' || host === '0.0.0.0' || host === '*' ? 'listen' : 'unknown';
    this.port(s, e, r, host || undefined);
    return true;
  }

  /**
   * What a string argument of a call says as a log message about the arguments after it: the next one
   * when it ends in "port" or "on" (`console.log('up on port', 3000)`), or the one its placeholder after
   * "port" stands for (`log.warn("endpoint on port {} is gone", 8443)`).
   */
  private message(f: Frame, cs: number, ce: number, marks: number): void {
    const ending = messageEnding(this.text, cs, ce);
    if (ending !== MESSAGE_NONE) {
      f.msgArg = f.argIndex + 1;
      f.msgOn = ending === MESSAGE_ON;
      return;
    }
    if (marks !== MARKS_UNKNOWN && (marks & MARK_FORMAT) === 0) return;
    const mi = messagePortIndex(this.text, cs, ce);
    if (mi >= 0) {
      f.msgArg = f.argIndex + 1 + mi;
      f.msgOn = false;
    }
  }

  /** The argument text[s, e) of a log call that its message names a port: documentation, like the message. */
  private messagePort(f: Frame, s: number, e: number): boolean {
    if (f.msgArg !== f.argIndex) return false;
    f.msgArg = UNSET;
    const v = portValue(this.text, s, e);
    if (v <= 0 || v > 65535) return false;
    if (f.msgOn) {
      let i = e;
      while (this.text.charCodeAt(i) === 32) i++;
      const c = this.text.charCodeAt(i);
      if (!isPortLikeNumber(v) || (c !== 41 && c !== 44)) return false;
    }
    this.out.push({ start: s, end: e, kind: 'port', port: v, role: 'unknown', inComment: true });
    return true;
  }

  /** `("127.0.0.1", 8125)`, `Statsd.new("localhost", 8125)`: a clear host, then an integer. */
  private hostPair(f: Frame, s: number, e: number): boolean {
    if (!this.after(P_COMMA)) return false;
    if (f.msgArg === f.argIndex && this.messagePort(f, s, e)) return true;
    if (f.fmtArg === f.argIndex) {
      this.port(s, e, 'connect', undefined);
      return true;
    }
    // An empty string is a wildcard host only inside a call that binds (see callPort), never in a list.
    if (f.hostE <= f.hostS || f.hostArg !== f.argIndex - 1 || f.taken) return false;
    const host = this.text.slice(f.hostS, f.hostE);
    if (!isLikelyHost(host)) return false;
    f.taken = true;
    this.port(s, e, host === '0.0.0.0' || host === '*' || host === '::' ? 'listen' : 'connect', host);
    return true;
  }

  private onOpen(c: number): void {
    const ownCall = this.ownCall;
    this.ownCall = false;
    const parent = this.top();
    let call = CallKind.None;
    let max = 0;
    let tupleOf: Frame | undefined;
    let shellArg = 0;
    let direct = false;
    let guessed = false;
    if (c === 40 && this.k1 === T_IDENT && (this.v1 & W_NOT_CALLEE) === 0) {
      let w = this.v1;
      if ((w & (W_SHELL_CALL | W_DOCKER_ARGS)) !== 0) shellArg = (w & W_SHELL_CALL) !== 0 ? SHELL_COMMAND : DOCKER_ARGS;
      // `subprocess.run("...")`, `subprocess.call(...)`: any method of subprocess.
      else if (this.k2 === T_PUNCT && this.v2 === P_DOT && this.k3 === T_IDENT && (this.v3 & W_SUBPROCESS) !== 0) shellArg = SHELL_COMMAND;
      if ((w & W_CALL) === 0 && (w & W_CONSTRUCTOR) !== 0 && this.k2 === T_PUNCT && (punctFlags(this.v2) & PF_CHAIN) !== 0 && this.k3 === T_IDENT) w = this.v3;
      if ((w & W_CALL) !== 0) {
        call = (w & W_LISTEN) !== 0 ? CallKind.Listen : (w & W_CONNECT) !== 0 ? CallKind.Connect : CallKind.Address;
        max = (w & W_MAX1) !== 0 ? 1 : 0;
        direct = (w & W_DIRECT) !== 0;
      } else if (endsInServer(this.text, this.identS, this.identE)) {
        call = CallKind.Listen;
        direct = true;
        guessed = true;
      }
    } else if ((c === 40 || c === 91) && parent && parent.call !== CallKind.None && !parent.tupleOf && this.after(P_LPAREN, P_COMMA) && parent.argIndex <= parent.maxArg) {
      // `bind(("0.0.0.0", 9000))`, `SocketAddr::from(([127, 0, 0, 1], 3000))`: the tuple holds host and port.
      tupleOf = parent;
    }
    if (this.nFrames < MAX_FRAMES) {
      let f = this.frames[this.nFrames];
      if (f === undefined) {
        f = new Frame();
        this.frames.push(f);
      }
      f.reset(c, tupleOf);
      f.call = call;
      f.maxArg = max;
      f.shell = shellArg;
      f.direct = direct;
      f.guessed = guessed;
      f.ownAddress = (parent !== undefined && parent.ownAddress) || (c === 40 && ownCall);
      this.nFrames++;
    } else this.overflow++;
  }

  private onClose(): void {
    if (this.overflow) this.overflow--;
    else if (this.nFrames > 0) this.nFrames--;
  }

  private onString(cs: number, ce: number, marks: number): void {
    const text = this.text;
    const mayHaveDigit = marks === MARKS_UNKNOWN || (marks & MARK_DIGIT) !== 0;
    const digits = mayHaveDigit && isPortDigits(text, cs, ce);
    const len = ce - cs;
    if (!digits && len >= 2 && len <= 64) {
      const c0 = text.charCodeAt(cs);
      if (c0 === 45 && isPortFlag(text.slice(cs, ce))) {
        this.arm('listen', true);
        return;
      }
      if (isPortKeyIn(text, cs, ce) && isKeyLike(text, cs, ce) && !isCountName(text, cs, ce)) {
        this.arm(roleForKeyIn(text, cs, ce), true);
        return;
      }
      // Another flag of the same option (`"-p", "--padding"`): the short one was not a port.
      if (c0 === 45 && (this.mode === Mode.AfterKey || this.mode === Mode.ExpectDefault) && this.byString) {
        this.mode = Mode.Off;
        const f = this.top();
        if (f) f.portArgRole = undefined;
        return;
      }
    }
    const mode = this.mode;
    if (mode === Mode.ExpectValue || mode === Mode.ExpectDefault) {
      if (digits) this.port(cs, ce, this.role, undefined, this.quiet);
      else if (!(mayHaveDigit && readPortSpec(text, cs, ce, this.out, this.role))) this.stringContent(cs, ce, marks);
      this.mode = Mode.Off;
      return;
    }
    if (mode === Mode.AfterKey && this.keyJust && digits) {
      this.port(cs, ce, this.role, undefined, this.quiet);
      this.mode = Mode.Off;
      return;
    }
    const f = this.top();
    if (f && !digits && this.after(P_LPAREN, P_COMMA, P_LBRACKET)) {
      f.hostS = cs;
      f.hostE = Math.min(ce, cs + 256);
      f.hostArg = f.argIndex;
      // `connect(4321, "legacy.internal")`, `send(msg, 8125, "statsd.local")`: a port, then its host.
      if (f.intArg === f.argIndex - 1 && this.k2 === T_INT && f.hostE > f.hostS) {
        const host = text.slice(f.hostS, f.hostE);
        if (isLikelyHost(host)) {
          this.port(f.intS, f.intE, host === '0.0.0.0' ? 'listen' : 'connect', host);
          f.intArg = UNSET;
        }
      }
      const fi = marks === MARKS_UNKNOWN || (marks & MARK_FORMAT) !== 0 ? formatPortIndex(text, cs, ce) : -1;
      if (fi >= 0) f.fmtArg = f.argIndex + 1 + fi;
      this.message(f, cs, ce, marks);
    }
    if (digits) {
      if (!this.callPort(cs, ce) && !this.tupleValue(cs, ce)) this.mode = Mode.Off;
      return;
    }
    if (mode !== Mode.Suspended && mode !== Mode.Index) this.mode = Mode.Off;
    // A string without a digit has no port in it.
    if (mayHaveDigit) this.stringContent(cs, ce, marks);
  }

  private stringContent(cs: number, ce: number, marks: number): void {
    const from = this.out.length;
    if (marks === MARKS_UNKNOWN) scanStringContent(this.text, cs, ce, this.out);
    else if ((marks & MARK_DIGIT) !== 0) scanStringContentMarked(this.text, cs, ce, this.out, marks);
    if (ce - cs >= 6 && (marks === MARKS_UNKNOWN || (marks & MARK_DIGIT) !== 0)) scanMessageContent(this.text, cs, ce, this.out, from);
    const f = this.top();
    if (f !== undefined && f.ownAddress) {
      // `url: 'orders-svc:50051'` in a microservice's options is where it listens, whatever the host says.
      for (let k = from; k < this.out.length; k++) if (this.out[k].role === 'connect' && !this.out[k].scheme) this.out[k].role = 'listen';
    }
  }

  /**
   * `guest: 80, host: 8080` (or `=`, `=>`): each alone is no port (`host: 80` may be anything), but
   * the two side by side in one statement are the ends of a forwarded port.
   */
  private pairPort(s: number, e: number): void {
    const guest = (this.v2 & W_GUEST) !== 0;
    const d = this.depth();
    if (this.pairS !== UNSET && this.pairGuest !== guest && this.pairDepth === d) {
      const first = this.out.length;
      this.port(this.pairS, this.pairE, this.pairGuest ? 'container' : 'host', undefined);
      this.port(s, e, guest ? 'container' : 'host', undefined);
      joinMapping(this.out, first, 'forward');
      this.pairS = UNSET;
      return;
    }
    this.pairS = s;
    this.pairE = e;
    this.pairGuest = guest;
    this.pairDepth = d;
  }

  private onNumber(isInt: boolean, s: number, e: number): void {
    if (isInt && this.k2 === T_IDENT && (this.v2 & (W_GUEST | W_HOST)) !== 0 && this.k1 === T_PUNCT && (punctFlags(this.v1) & PF_ASSIGN) !== 0) this.pairPort(s, e);
    const mode = this.mode;
    if (mode === Mode.ExpectValue || mode === Mode.ExpectDefault || (mode === Mode.AfterKey && this.keyJust && this.k1 === T_IDENT)) {
      if (isInt && mode === Mode.AfterKey && this.paramKey) this.paramPorts(s);
      else if (isInt) this.port(s, e, this.role, undefined, this.quiet);
      this.mode = Mode.Off;
    } else if (isInt) {
      if (this.returnPort && this.k1 === T_IDENT && (this.v1 & W_RETURN) !== 0) this.port(s, e, this.returnPort, undefined);
      else if (!this.callPort(s, e) && !this.tupleValue(s, e)) {
        const f = this.top();
        if (f && this.after(P_LPAREN, P_COMMA)) {
          f.intArg = f.argIndex;
          f.intS = s;
          f.intE = e;
        }
      }
      if (this.mode === Mode.AfterKey) this.mode = Mode.Off;
    }
    this.pendingDefault = undefined;
  }

  /** An identifier text[s, e) with raw word flags `raw`. */
  private onIdent(s: number, e: number, raw: number): void {
    const text = this.text;
    // PHP's `$port` is read as `port`.
    let ns = s;
    let w = raw;
    if (e - s > 1 && text.charCodeAt(s) === 36) {
      ns = s + 1;
      w = WORDS.find(text, ns, e);
    }
    const afterChain = this.k1 === T_PUNCT && (punctFlags(this.v1) & PF_CHAIN) !== 0;
    if (this.defState === 1 || (this.defState === 2 && this.depth() === this.defDepth)) {
      this.returnPort = isPortNameIn(text, ns, e) ? roleForKeyIn(text, ns, e) : undefined;
      this.defState = 0;
    } else if ((w & W_DEF) !== 0 && !afterChain) {
      this.defState = 1;
      this.defDepth = this.depth();
    }
    if ((w & W_DEFAULT_WORD) !== 0 && this.after(P_COMMA, P_LPAREN, P_LBRACE)) {
      const f = this.top();
      const p = this.nFrames >= 2 ? this.frames[this.nFrames - 2] : undefined;
      const r = f?.portArgRole ?? (f?.open === 123 ? p?.portArgRole : undefined);
      if (r) {
        this.pendingDefault = r;
        return;
      }
    }
    this.pendingDefault = undefined;
    // Port names end in "port" or "ports"; the cheap test spares most identifiers the full one.
    const named = endsInPort(text, ns, e) && isPortNameIn(text, ns, e);
    if (named || (e - ns >= 6 && mayHoldQualifiedPortWord(text, ns, e) && isQualifiedPortNameIn(text, ns, e))) {
      // Ruby symbols (`set :port, 4567`, `:port => 3000`) behave like string keys.
      const symbol = s > 0 && text.charCodeAt(s - 1) === 58 && (s < 2 || !isWordOrColon(text.charCodeAt(s - 2)));
      let r = roleForKeyIn(text, ns, e);
      // `redis.Redis(host="cache", port=6380)`: a keyword argument of a call that connects.
      const top = this.top();
      if (r === 'listen' && top !== undefined && top.open === 40 && top.call === CallKind.Connect && this.after(P_LPAREN, P_COMMA)) r = 'connect';
      const b = ns > 1 ? text.charCodeAt(ns - 2) : 32;
      const param = ns > 0 && text.charCodeAt(ns - 1) === 45 && (b === 32 || b === 9);
      if (this.tupRhs < 0 && this.tupNames >= 0 && this.depth() === this.tupDepth) {
        this.tupPort = this.tupNames;
        this.tupRole = r;
      }
      this.arm(r, symbol);
      this.paramKey = param;
      this.quiet = !named;
      return;
    }
    switch (this.mode) {
      case Mode.AfterKey:
        this.keyJust = false;
        if (afterChain) {
          this.chained = true;
          this.lastMethod = w;
        } else if ((w & W_OR) !== 0) this.mode = Mode.ExpectDefault;
        else if (++this.juxt > 1) this.mode = Mode.Off;
        return;
      case Mode.ExpectValue:
      case Mode.ExpectDefault:
        if ((w & W_CONVERSION) !== 0 || afterChain) return;
        this.mode = Mode.AfterKey;
        this.keyJust = false;
        this.chained = false;
        this.byString = false;
        this.juxt = 0;
        this.lastMethod = 0;
        return;
      default:
        return;
    }
  }

  /** Punctuation with code `p`. */
  private onPunct(p: number): void {
    // Go's `func (s *Server) Port() int`: the receiver comes before the name.
    if (this.defState === 1) this.defState = p === P_LPAREN && this.k1 === T_IDENT && (this.v1 & W_FUNC) !== 0 ? 2 : 0;
    if (this.pendingDefault && (p === P_EQUALS || p === P_COLON)) {
      this.mode = Mode.ExpectValue;
      this.role = this.pendingDefault;
      this.pendingDefault = undefined;
      this.armDepth = this.depth();
      return;
    }
    this.pendingDefault = undefined;
    if (p === P_LPAREN || p === P_LBRACKET || p === P_LBRACE) {
      const wasExpect = this.mode === Mode.ExpectValue || this.mode === Mode.ExpectDefault;
      const afterOperator = this.k1 === T_PUNCT;
      this.onOpen(p);
      if (p === P_LBRACE) this.tupReset();
      if (wasExpect) {
        if (p === P_LBRACKET && afterOperator) {
          const f = this.top();
          if (f) f.container = this.role;
          this.mode = Mode.Off;
        } else if (p === P_LBRACE) this.mode = Mode.Off;
        return;
      }
      if (this.mode === Mode.AfterKey) {
        if (p === P_LBRACKET) {
          this.mode = Mode.Index;
          this.armDepth = this.depth();
        } else if (p === P_LPAREN) {
          if (this.keyJust || (this.lastMethod & W_DEFAULT_METHOD) !== 0) this.mode = this.keyJust ? Mode.ExpectValue : Mode.ExpectDefault;
          else {
            this.mode = Mode.Suspended;
            this.armDepth = this.depth();
          }
        } else this.mode = this.after(P_RPAREN) ? Mode.ExpectDefault : Mode.Off;
      }
      return;
    }
    if (p === P_RPAREN || p === P_RBRACKET || p === P_RBRACE) {
      this.onClose();
      if (p === P_RBRACE) this.tupReset();
      const d = this.depth();
      if (this.mode !== Mode.Off && d < this.armDepth) {
        if (p === P_RBRACE || this.mode === Mode.ExpectValue || this.mode === Mode.ExpectDefault) this.mode = Mode.Off;
        else {
          this.mode = Mode.AfterKey;
          this.keyJust = false;
          this.armDepth = d;
        }
      }
      return;
    }
    if (p === P_COMMA) {
      const f = this.top();
      if (f) f.argIndex++;
      if (this.depth() === this.tupDepth) {
        if (this.tupRhs >= 0) this.tupRhs++;
        else if (this.tupNames >= 0) this.tupNames++;
      }
    }
    if ((p === P_EQUALS || p === P_COLON_EQUALS) && this.depth() === this.tupDepth && this.tupRhs < 0) {
      if (this.tupNames > 0 && this.tupPort >= 0) this.tupRhs = 0;
      else this.tupNames = -1;
    }
    if (p === P_SEMICOLON) {
      this.mode = Mode.Off;
      this.tupReset();
      this.pairS = UNSET;
      return;
    }
    switch (this.mode) {
      case Mode.AfterKey: {
        const pf = punctFlags(p);
        if ((pf & PF_ASSIGN) !== 0) this.mode = this.chained ? Mode.Off : Mode.ExpectValue;
        else if ((pf & PF_DEFAULT) !== 0) this.mode = Mode.ExpectDefault;
        else if (p === P_COMMA) {
          if (this.byString) this.mode = Mode.ExpectDefault;
          else if (this.armDepth > 0 && this.depth() >= this.armDepth) this.mode = Mode.Suspended;
          else this.mode = Mode.Off;
        } else if ((pf & PF_CHAIN) !== 0 || p === P_QUESTION) {
          /* a method chain or an optional marker: still the same value */
        } else this.mode = Mode.Off;
        this.keyJust = false;
        return;
      }
      case Mode.ExpectValue:
      case Mode.ExpectDefault:
        // `.` in `Integer.parseInt(`, unary `+`, and `=` after a type (`port: u16 = 8080`).
        if (p === P_DOT || p === P_PLUS || p === P_DOUBLE_COLON || (p === P_EQUALS && this.k1 === T_IDENT)) return;
        this.mode = Mode.Off;
        return;
      default:
        return;
    }
  }
}
