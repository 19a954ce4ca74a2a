import type { PortFinder, PortOccurrence, PortRole } from './types';
import { finish, isPortKey, portValue } from './common';
import { Tok, lexCode, sniffDialect, type Dialect } from './codeLexer';

import { formatPortIndex, isFilePosition, isLikelyHost, isPortDigits, isPortFlag, readPortSpec, roleForKey, scanCommentContent, scanStringContent } from './codeText';

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
 * - comments only for URLs and clear `host:port`.
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

interface Frame {
  /** The opening character: `(`, `[` or `{`. */
  open: number;
  call: CallKind;
  /** Highest argument index that may hold the port (0 for `listen(port, backlog)`). */
  maxArg: number;
  argIndex: number;
  /** The port of this call (or tuple) was found already. */
  taken: boolean;
  /** A tuple or array argument of a port call (`bind(("0.0.0.0", 9000))`): its parent call. */
  tupleOf?: Frame;
  /** A list under a port name (`ports = [80, 443]`): every element is a port with this role. */
  container?: PortRole;
  /** A port name or flag stood among this call's arguments (`add_argument("--port", default=...)`). */
  portArgRole?: PortRole;
  /** The last string argument, taken as the host of a following port, and its index. */
  host?: string;
  hostArg?: number;
  /** The last integer argument not yet known as a port, for `connect(4321, "legacy.internal")`. */
  intArg?: number;
  intS?: number;
  intE?: number;
  /** The argument a format string's `%s:%d` places after the colon. */
  fmtArg?: number;
}

/** Calls whose first (or second, after a host) integer argument is a port. */
const LISTEN_CALLS = new Map<string, number>([
  ['listen', 0], ['Listen', 1], ['ListenAnyIP', 0], ['ListenLocalhost', 0], ['listenTCP', 0], ['listenUDP', 0],
  ['bind', 1], ['Bind', 1], ['ServerSocket', 0], ['DatagramSocket', 0], ['TcpListener', 1], ['UdpClient', 0],
  ['HTTPServer', 1], ['ThreadingHTTPServer', 1], ['TCPServer', 1], ['UDPServer', 1], ['ThreadingTCPServer', 1],
  ['ThreadingUDPServer', 1], ['SimpleXMLRPCServer', 1], ['make_server', 1], ['run_simple', 1], ['WSGIServer', 1],
  ['HttpListener', 1], ['setPort', 0], ['WebSocketServer', 0],
]);
const CONNECT_CALLS = new Map<string, number>([
  ['connect', 1], ['Connect', 1], ['create_connection', 1], ['createConnection', 1], ['Socket', 1],
  ['TcpClient', 1], ['TCPSocket', 1], ['SMTP', 1], ['SMTP_SSL', 1], ['LMTP', 1], ['POP3', 1], ['POP3_SSL', 1],
  ['IMAP4', 1], ['IMAP4_SSL', 1], ['HTTPConnection', 1], ['HTTPSConnection', 1], ['Telnet', 1], ['Redis', 1],
  ['StrictRedis', 1], ['createClient', 1], ['MongoClient', 1], ['ConnectionParameters', 1], ['DialTCP', 1],
]);
const ADDRESS_CALLS = new Map<string, number>([
  ['InetSocketAddress', 1], ['IPEndPoint', 1], ['SocketAddr', 1], ['SocketAddrV4', 1], ['SocketAddrV6', 1],
  ['JoinHostPort', 1], ['createUnresolved', 1], ['htons', 0],
]);
/** Method names whose receiver names the call (`TCPServer.new(2000)`, `SocketAddr::from(...)`). */
const CONSTRUCTOR_NAMES = new Set(['new', 'open', 'from', 'create', 'New']);

/** Methods whose argument is the default of the value before them (`.unwrap_or(8080)`). */
const DEFAULT_METHODS = new Set([
  'unwrap_or', 'unwrapOr', 'orElse', 'or_else', 'unwrap_or_else', 'orElseGet', 'getOrElse', 'getOrDefault',
  'orDefault', 'value_or', 'withDefault', 'or', 'fetch', 'get', 'getenv', 'getEnv', 'default',
]);
/** Conversions that leave a port a port (`int(...)`, `Number(...)`, `htons(...)`). */
const CONVERSIONS = new Set([
  'int', 'Int', 'Integer', 'parseInt', 'Number', 'atoi', 'htons', 'String', 'str', 'u16', 'uint16', 'Long',
  'parseLong', 'valueOf', 'toInt', 'toInteger', 'to_i', 'intval', 'Convert', 'ToInt32', 'ToUInt16', 'Parse',
  'new', 'uint', 'i32', 'u32', 'usize', 'Atoi', 'strconv', 'parseUnsignedInt',
]);
/** Argument names that give the default for a named option (`add_argument("--port", default=8000)`). */
const DEFAULT_WORDS = new Set(['default', 'defaultValue', 'default_value', 'fallback', 'defaultVal']);
/** Words that mean "otherwise" between a port expression and its default. */
const OR_WORDS = new Set(['or', 'else']);
/** Keywords before `(` that are not calls. */
const NOT_CALLEES = new Set(['if', 'while', 'for', 'switch', 'catch', 'return', 'function', 'elif', 'and', 'or', 'not', 'in', 'of', 'await', 'typeof', 'sizeof']);
const ASSIGN_OPS = new Set(['=', ':', ':=', '=>', '==', '===', '!=', '!==', '?=', '||=', '??=', '::=', '<-']);
const DEFAULT_OPS = new Set(['||', '??', '?:', '|', '//']);
const CHAIN_OPS = new Set(['.', '?.', '::', '!', '!.', '->']);
/** Keywords that introduce a function definition, whose name then says what it returns. */
const DEF_KEYWORDS = new Set(['def', 'func', 'function', 'fn', 'fun', 'sub', 'get']);
/** Key words that make a plural `ports` name a count (`MAX_PORTS = 10`). */
const COUNT_WORDS = /(^|[_.-])(max|min|num|n|count|total)[_.-]?ports$|^(max|min|num|total)Ports$/i;

const MAX_FRAMES = 512;

// Token kinds as plain local constants: a `const enum` imported from another module is a property
// read per use when the code runs unbundled (tests), and this loop runs once per token.
const T_IDENT: number = Tok.Ident;
const T_INT: number = Tok.Int;
const T_NUM: number = Tok.Num;
const T_STR: number = Tok.Str;
const T_PUNCT: number = Tok.Punct;
const T_NEWLINE: number = Tok.Newline;

/** Finds the ports in a source-code document. Never throws; linear in the text. */
export const findCodePorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  try {
    scanCode(text, sniffDialect(text), out);
  } catch {
    /* A lexer surprise must not cost the document its ports found so far. */
  }
  return finish(out);
};

function scanCode(text: string, dialect: Dialect, out: PortOccurrence[]): void {
  const frames: Frame[] = [];
  let overflow = 0;
  let mode = Mode.Off;
  let role: PortRole = 'listen';
  let byString = false;
  let armDepth = 0;
  let chained = false;
  let keyJust = false;
  let juxt = 0;
  let lastMethod = '';
  let pendingDefault: PortRole | undefined;
  // The function being defined, when its name says it gives a port (`func grpcPort() int {`).
  let defState = 0;
  let defDepth = 0;
  let returnPort: PortRole | undefined;
  // Parallel assignment (`HOST, PORT = "0.0.0.0", 8000`): at the statement's depth, how many names
  // came before `=`, which one says port, and (after `=`) which value is being read.
  let tupDepth = 0;
  let tupNames = 0;
  let tupPort = -1;
  let tupRole: PortRole = 'listen';
  let tupRhs = -1;
  const tupReset = () => {
    tupDepth = depth();
    tupNames = 0;
    tupPort = -1;
    tupRhs = -1;
  };
  /** The value at the port name's position of a parallel assignment. */
  const tupleValue = (s: number, e: number): boolean => {
    if (tupRhs < 0 || tupRhs !== tupPort || depth() !== tupDepth || k1 !== T_PUNCT || !(t1 === ',' || t1 === '=' || t1 === ':=')) return false;
    port(s, e, tupRole);
    tupRhs = -1;
    return true;
  };
  // The last three significant tokens: kinds and texts (texts only for identifiers and punctuation).
  let k1 = 0, k2 = 0, k3 = 0;
  let t1 = '', t2 = '', t3 = '';

  const depth = () => frames.length + overflow;
  const top = (): Frame | undefined => (overflow ? undefined : frames[frames.length - 1]);
  const push = (o: PortOccurrence) => out.push(o);
  const port = (s: number, e: number, r: PortRole, host?: string) => {
    const v = portValue(text, s, e);
    if (v >= 0) push({ start: s, end: e, kind: 'port', port: v, role: r, host });
  };
  const arm = (r: PortRole, str: boolean) => {
    mode = Mode.AfterKey;
    role = r;
    byString = str;
    armDepth = depth();
    chained = false;
    keyJust = true;
    juxt = 0;
    lastMethod = '';
    const f = top();
    if (f && f.open === 40 && (k1 === T_PUNCT && (t1 === '(' || t1 === ','))) f.portArgRole = r;
  };
  const shift = (kind: number, s: number, e: number) => {
    k3 = k2; t3 = t2; k2 = k1; t2 = t1; k1 = kind;
    t1 = kind === T_IDENT || kind === T_PUNCT ? text.slice(s, e) : '';
  };

  /** A port call's argument, or a tuple inside one, may hold the port at this token. */
  const callPort = (s: number, e: number, isString: boolean): boolean => {
    const f = top();
    if (!f || !(k1 === T_PUNCT && (t1 === '(' || t1 === ',' || t1 === '['))) return false;
    if (f.container) {
      port(s, e, f.container);
      return true;
    }
    const call = f.tupleOf ?? f;
    if (call.call === CallKind.None) return hostPair(f, s, e);
    if (call.taken || f.argIndex > (f.tupleOf ? 1 : call.maxArg)) return false;
    if (call.call === CallKind.Listen && dialect.python && f === call) return false;
    call.taken = true;
    const host = f.host;
    let r: PortRole;
    if (call.call === CallKind.Listen) r = 'listen';
    else if (call.call === CallKind.Connect) r = 'connect';
    else r = host === undefined || host === '' || host === '0.0.0.0' || host === '*' ? 'listen' : 'unknown';
    port(s, e, r, host || undefined);
    return true;
  };

  /** `("127.0.0.1", 8125)`, `Statsd.new("localhost", 8125)`: a clear host, then an integer. */
  const hostPair = (f: Frame, s: number, e: number): boolean => {
    if (k1 !== T_PUNCT || t1 !== ',') return false;
    if (f.fmtArg === f.argIndex) {
      port(s, e, 'connect');
      return true;
    }
    const host = f.host;
    // An empty string is a wildcard host only inside a call that binds (see callPort), never in a list.
    if (!host || f.hostArg !== f.argIndex - 1 || f.taken || !isLikelyHost(host)) return false;
    f.taken = true;
    port(s, e, host === '' || host === '0.0.0.0' || host === '*' || host === '::' ? 'listen' : 'connect', host || undefined);
    return true;
  };

  const onOpen = (c: number) => {
    const parent = top();
    let f: Frame = { open: c, call: CallKind.None, maxArg: 0, argIndex: 0, taken: false };
    if (c === 40 && k1 === T_IDENT && !NOT_CALLEES.has(t1)) {
      let name = t1;
      let max = LISTEN_CALLS.get(name) ?? CONNECT_CALLS.get(name) ?? ADDRESS_CALLS.get(name);
      if (max === undefined && CONSTRUCTOR_NAMES.has(name) && k2 === T_PUNCT && CHAIN_OPS.has(t2) && k3 === T_IDENT) {
        name = t3;
        max = LISTEN_CALLS.get(name) ?? CONNECT_CALLS.get(name) ?? ADDRESS_CALLS.get(name);
      }
      if (max !== undefined) {
        f.call = LISTEN_CALLS.has(name) ? CallKind.Listen : CONNECT_CALLS.has(name) ? CallKind.Connect : CallKind.Address;
        f.maxArg = max;
      }
    } else if ((c === 40 || c === 91) && parent && parent.call !== CallKind.None && !parent.tupleOf && k1 === T_PUNCT && (t1 === '(' || t1 === ',') && parent.argIndex <= parent.maxArg) {
      // `bind(("0.0.0.0", 9000))`, `SocketAddr::from(([127, 0, 0, 1], 3000))`: the tuple holds host and port.
      f = { open: c, call: CallKind.None, maxArg: 0, argIndex: 0, taken: false, tupleOf: parent };
    }
    if (frames.length < MAX_FRAMES) frames.push(f);
    else overflow++;
  };

  const onClose = () => {
    if (overflow) overflow--;
    else frames.pop();
  };

  const scanStringToken = (s: number, e: number, cs: number, ce: number) => {
    const digits = isPortDigits(text, cs, ce);
    const len = ce - cs;
    if (!digits && len >= 2 && len <= 64) {
      const content = text.slice(cs, ce);
      if (isPortFlag(content)) {
        arm('listen', true);
        return;
      }
      if (/^[A-Za-z_][\w.-]*$/.test(content) && isPortName(content)) {
        arm(roleForKey(content), true);
        return;
      }
      // Another flag of the same option (`"-p", "--padding"`): the short one was not a port.
      if (content.charCodeAt(0) === 45 && (mode === Mode.AfterKey || mode === Mode.ExpectDefault) && byString) {
        mode = Mode.Off;
        const f = top();
        if (f) f.portArgRole = undefined;
        return;
      }
    }
    if (mode === Mode.ExpectValue || mode === Mode.ExpectDefault) {
      if (digits) port(cs, ce, role);
      else if (!readPortSpec(text, cs, ce, out, role)) scanStringContent(text, cs, ce, out);
      mode = Mode.Off;
      return;
    }
    if (mode === Mode.AfterKey && keyJust && digits) {
      port(cs, ce, role);
      mode = Mode.Off;
      return;
    }
    const f = top();
    if (f && !digits && k1 === T_PUNCT && (t1 === '(' || t1 === ',' || t1 === '[')) {
      f.host = text.slice(cs, Math.min(ce, cs + 256));
      f.hostArg = f.argIndex;
      // `connect(4321, "legacy.internal")`, `send(msg, 8125, "statsd.local")`: a port, then its host.
      if (f.intArg === f.argIndex - 1 && k2 === T_INT && f.intS !== undefined && f.intE !== undefined && f.host && isLikelyHost(f.host)) {
        port(f.intS, f.intE, f.host === '0.0.0.0' ? 'listen' : 'connect', f.host);
        f.intArg = undefined;
      }
      const fi = formatPortIndex(text, cs, ce);
      if (fi >= 0) f.fmtArg = f.argIndex + 1 + fi;
    }
    if (digits) {
      if (!callPort(cs, ce, true) && !tupleValue(cs, ce)) mode = Mode.Off;
      return;
    }
    if (mode !== Mode.Suspended && mode !== Mode.Index) mode = Mode.Off;
    scanStringContent(text, cs, ce, out);
  };

  lexCode(text, dialect, {
    comment(s, e) {
      scanCommentContent(text, s, e, out);
    },
    token(kind, s, e, cs, ce) {
      if (kind === T_NEWLINE) {
        const f = top();
        if (!(f && (f.open === 40 || f.open === 91))) {
          mode = Mode.Off;
          tupReset();
        }
        return;
      }
      if (kind === T_STR) {
        scanStringToken(s, e, cs, ce);
        shift(kind, s, e);
        return;
      }
      if (kind === T_INT || kind === T_NUM) {
        const isInt = kind === T_INT;
        if (mode === Mode.ExpectValue || mode === Mode.ExpectDefault || (mode === Mode.AfterKey && keyJust && k1 === T_IDENT)) {
          if (isInt) port(s, e, role);
          mode = Mode.Off;
        } else if (isInt) {
          if (returnPort && k1 === T_IDENT && t1 === 'return') port(s, e, returnPort);
          else if (!callPort(s, e, false) && !tupleValue(s, e)) {
            const f = top();
            if (f && k1 === T_PUNCT && (t1 === '(' || t1 === ',')) {
              f.intArg = f.argIndex;
              f.intS = s;
              f.intE = e;
            }
          }
          if (mode === Mode.AfterKey) mode = Mode.Off;
        }
        pendingDefault = undefined;
        shift(kind, s, e);
        return;
      }
      if (kind === T_IDENT) {
        onIdent(s, e);
        shift(kind, s, e);
        return;
      }
      onPunct(text.slice(s, e));
      shift(kind, s, e);
    },
  });

  function onIdent(s: number, e: number): void {
    let name = text.slice(s, e);
    if (name.length > 1 && name.charCodeAt(0) === 36) name = name.slice(1);
    if (defState === 1 || (defState === 2 && depth() === defDepth)) {
      returnPort = isPortName(name) ? roleForKey(name) : undefined;
      defState = 0;
    } else if (DEF_KEYWORDS.has(name) && !(k1 === T_PUNCT && CHAIN_OPS.has(t1))) {
      defState = 1;
      defDepth = depth();
    }
    const afterChain = k1 === T_PUNCT && CHAIN_OPS.has(t1);
    const lastChar = name.charCodeAt(name.length - 1) | 32;
    if (DEFAULT_WORDS.has(name) && k1 === T_PUNCT && (t1 === ',' || t1 === '(' || t1 === '{')) {
      const f = top();
      const p = frames[frames.length - 2];
      const r = f?.portArgRole ?? (f?.open === 123 ? p?.portArgRole : undefined);
      if (r) {
        pendingDefault = r;
        return;
      }
    }
    pendingDefault = undefined;
    // Port names end in "port" or "ports"; the cheap test spares most identifiers the full one.
    if ((lastChar === 116 || lastChar === 115) && isPortName(name)) {
      // Ruby symbols (`set :port, 4567`, `:port => 3000`) behave like string keys.
      const symbol = s > 0 && text.charCodeAt(s - 1) === 58 && (s < 2 || !/[\w:]/.test(text[s - 2]));
      if (tupRhs < 0 && tupNames >= 0 && depth() === tupDepth) {
        tupPort = tupNames;
        tupRole = roleForKey(name);
      }
      arm(roleForKey(name), symbol);
      return;
    }
    switch (mode) {
      case Mode.AfterKey:
        keyJust = false;
        if (afterChain) {
          chained = true;
          lastMethod = name;
        } else if (OR_WORDS.has(name)) mode = Mode.ExpectDefault;
        else if (++juxt > 1) mode = Mode.Off;
        return;
      case Mode.ExpectValue:
      case Mode.ExpectDefault:
        if (CONVERSIONS.has(name) || afterChain) return;
        mode = Mode.AfterKey;
        keyJust = false;
        chained = false;
        byString = false;
        juxt = 0;
        lastMethod = '';
        return;
      default:
        return;
    }
  }

  function onPunct(p: string): void {
    const c = p.charCodeAt(0);
    // Go's `func (s *Server) Port() int`: the receiver comes before the name.
    if (defState === 1) defState = p === '(' && k1 === T_IDENT && t1 === 'func' ? 2 : 0;
    if (pendingDefault && (p === '=' || p === ':')) {
      mode = Mode.ExpectValue;
      role = pendingDefault;
      pendingDefault = undefined;
      armDepth = depth();
      return;
    }
    pendingDefault = undefined;
    if (p.length === 1 && (c === 40 || c === 91 || c === 123)) {
      const wasExpect = mode === Mode.ExpectValue || mode === Mode.ExpectDefault;
      const afterOperator = k1 === T_PUNCT;
      onOpen(c);
      if (c === 123) tupReset();
      if (wasExpect) {
        if (c === 91 && afterOperator) {
          const f = top();
          if (f) f.container = role;
          mode = Mode.Off;
        } else if (c === 123) mode = Mode.Off;
        return;
      }
      if (mode === Mode.AfterKey) {
        if (c === 91) mode = Mode.Index, armDepth = depth();
        else if (c === 40) {
          if (keyJust || DEFAULT_METHODS.has(lastMethod)) mode = keyJust ? Mode.ExpectValue : Mode.ExpectDefault;
          else mode = Mode.Suspended, armDepth = depth();
        } else if (c === 123) mode = k1 === T_PUNCT && t1 === ')' ? Mode.ExpectDefault : Mode.Off;
      }
      return;
    }
    if (p.length === 1 && (c === 41 || c === 93 || c === 125)) {
      onClose();
      if (c === 125) tupReset();
      const d = depth();
      if (mode !== Mode.Off && d < armDepth) {
        if (c === 125 || mode === Mode.ExpectValue || mode === Mode.ExpectDefault) mode = Mode.Off;
        else {
          mode = Mode.AfterKey;
          keyJust = false;
          armDepth = d;
        }
      }
      return;
    }
    if (p === ',') {
      const f = top();
      if (f) {
        f.argIndex++;
      }
      if (depth() === tupDepth) {
        if (tupRhs >= 0) tupRhs++;
        else if (tupNames >= 0) tupNames++;
      }
    }
    if ((p === '=' || p === ':=') && depth() === tupDepth && tupRhs < 0) {
      if (tupNames > 0 && tupPort >= 0) tupRhs = 0;
      else tupNames = -1;
    }
    if (p === ';') {
      mode = Mode.Off;
      tupReset();
      return;
    }
    switch (mode) {
      case Mode.AfterKey:
        if (ASSIGN_OPS.has(p)) mode = chained ? Mode.Off : Mode.ExpectValue;
        else if (DEFAULT_OPS.has(p)) mode = Mode.ExpectDefault;
        else if (p === ',') {
          if (byString) mode = Mode.ExpectDefault;
          else if (armDepth > 0 && depth() >= armDepth) mode = Mode.Suspended;
          else mode = Mode.Off;
        } else if (CHAIN_OPS.has(p) || p === '?') {
          /* a method chain or an optional marker: still the same value */
        } else mode = Mode.Off;
        keyJust = false;
        return;
      case Mode.ExpectValue:
      case Mode.ExpectDefault:
        // `.` in `Integer.parseInt(`, unary `+`, and `=` after a type (`port: u16 = 8080`).
        if (p === '.' || p === '+' || p === '::' || (p === '=' && k1 === T_IDENT)) return;
        mode = Mode.Off;
        return;
      default:
        return;
    }
  }
}

/** A name that says it holds a port, but not a count of ports (`MAX_PORTS`). */
function isPortName(name: string): boolean {
  return isPortKey(name) && !COUNT_WORDS.test(name);
}
