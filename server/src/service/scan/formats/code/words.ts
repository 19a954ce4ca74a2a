import { isPortKeyIn } from '../../vocabulary/common';
import { WordTable, punctCode } from '../../text/codeLexer';

/*
 * The words and punctuation the source-code finder knows: the calls that take a port (LISTEN_CALLS,
 * CONNECT_CALLS, ADDRESS_CALLS: add a call there), the methods, conversions and keywords around a port
 * expression, the operators the machine treats alike, and the tests on names (`dbPort`, `MAX_PORTS`,
 * `HttpServer`). Identifiers are looked up by the flags of the word they are (WORDS), never as strings.
 */

// Flags of the words the machine knows (an identifier may be several of them).
export const W_LISTEN = 1;
export const W_CONNECT = 2;
const W_ADDRESS = 4;
/** With a call flag: the port may be the second argument (maxArg 1). */
export const W_MAX1 = 8;
export const W_CONSTRUCTOR = 16;
export const W_DEFAULT_METHOD = 32;
export const W_CONVERSION = 64;
export const W_DEFAULT_WORD = 128;
export const W_OR = 256;
export const W_NOT_CALLEE = 512;
export const W_DEF = 1024;
export const W_RETURN = 2048;
export const W_FUNC = 4096;
/** A call whose string argument is a shell command (`sh`, `system`, `exec`). */
export const W_SHELL_CALL = 8192;
/** A call whose string argument is the arguments of `docker run` (Jenkins' `withRun`, `inside`). */
export const W_DOCKER_ARGS = 16384;
/** A key whose string value is a shell command (`script:`, `inline:`). */
export const W_SHELL_KEY = 32768;
/** `subprocess`, whose methods take a command. */
export const W_SUBPROCESS = 65536;
/** `guest` and `host`, the two ends of a forwarded port (`guest: 80, host: 8080`). */
export const W_GUEST = 131072;
export const W_HOST = 262144;
/** A command that a PowerShell or batch script runs as a line of its own (`netsh ...`, `docker run ...`). */
export const W_COMMAND = 524288;
/**
 * A listening call whose own first argument is the port even in Python, where `listen(5)` is a
 * backlog: `start_http_server(8000)` (prometheus_client), `make_server('', 8000, app)`.
 */
export const W_DIRECT = 1048576;
export const W_CALL = W_LISTEN | W_CONNECT | W_ADDRESS;

/** What a string is read as besides a string: a shell command, or the arguments of `docker run`. */
export const SHELL_COMMAND = 1;
export const DOCKER_ARGS = 2;

/** Calls whose first (or second, after a host) integer argument is a port. */
const LISTEN_CALLS: [string, number][] = [
  ['listen', 0], ['Listen', 1], ['ListenAnyIP', 0], ['ListenLocalhost', 0], ['listenTCP', 0], ['listenUDP', 0],
  ['bind', 1], ['Bind', 1], ['ServerSocket', 0], ['DatagramSocket', 0], ['TcpListener', 1], ['UdpClient', 0],
  ['HTTPServer', 1], ['ThreadingHTTPServer', 1], ['TCPServer', 1], ['UDPServer', 1], ['ThreadingTCPServer', 1],
  ['ThreadingUDPServer', 1], ['SimpleXMLRPCServer', 1], ['make_server', 1], ['run_simple', 1], ['WSGIServer', 1],
  ['HttpListener', 1], ['setPort', 0], ['WebSocketServer', 0], ['start_http_server', 0], ['start_wsgi_server', 0],
];
/** Listening calls of LISTEN_CALLS that take the port as a direct argument in Python too. */
const DIRECT_CALLS = ['start_http_server', 'start_wsgi_server', 'make_server', 'run_simple'];
const CONNECT_CALLS: [string, number][] = [
  ['connect', 1], ['Connect', 1], ['create_connection', 1], ['createConnection', 1], ['Socket', 1],
  ['TcpClient', 1], ['TCPSocket', 1], ['SMTP', 1], ['SMTP_SSL', 1], ['LMTP', 1], ['POP3', 1], ['POP3_SSL', 1],
  ['IMAP4', 1], ['IMAP4_SSL', 1], ['HTTPConnection', 1], ['HTTPSConnection', 1], ['Telnet', 1], ['Redis', 1],
  ['StrictRedis', 1], ['createClient', 1], ['MongoClient', 1], ['ConnectionParameters', 1], ['DialTCP', 1],
];
const ADDRESS_CALLS: [string, number][] = [
  ['InetSocketAddress', 1], ['IPEndPoint', 1], ['SocketAddr', 1], ['SocketAddrV4', 1], ['SocketAddrV6', 1],
  ['JoinHostPort', 1], ['createUnresolved', 1], ['htons', 0],
];
/** Method names whose receiver names the call (`TCPServer.new(2000)`, `SocketAddr::from(...)`). */
const CONSTRUCTOR_NAMES = ['new', 'open', 'from', 'create', 'New'];
/** Methods whose argument is the default of the value before them (`.unwrap_or(8080)`). */
const DEFAULT_METHODS = [
  'unwrap_or', 'unwrapOr', 'orElse', 'or_else', 'unwrap_or_else', 'orElseGet', 'getOrElse', 'getOrDefault',
  'orDefault', 'value_or', 'withDefault', 'or', 'fetch', 'get', 'getenv', 'getEnv', 'default',
];
/** Conversions that leave a port a port (`int(...)`, `Number(...)`, `htons(...)`). */
const CONVERSIONS = [
  'int', 'Int', 'Integer', 'parseInt', 'Number', 'atoi', 'htons', 'String', 'str', 'u16', 'uint16', 'Long',
  'parseLong', 'valueOf', 'toInt', 'toInteger', 'to_i', 'intval', 'Convert', 'ToInt32', 'ToUInt16', 'Parse',
  'new', 'uint', 'i32', 'u32', 'usize', 'Atoi', 'strconv', 'parseUnsignedInt',
];
/** Argument names that give the default for a named option (`add_argument("--port", default=8000)`). */
const DEFAULT_WORDS = ['default', 'defaultValue', 'default_value', 'fallback', 'defaultVal'];
/** Words that mean "otherwise" between a port expression and its default. */
const OR_WORDS = ['or', 'else'];
/** Keywords before `(` that are not calls. */
const NOT_CALLEES = ['if', 'while', 'for', 'switch', 'catch', 'return', 'function', 'elif', 'and', 'or', 'not', 'in', 'of', 'await', 'typeof', 'sizeof'];
/** Calls that run their string argument as a shell command (Jenkins' `sh`/`bat`, `os.system`, PHP's `shell_exec`). */
const SHELL_CALLS = ['sh', 'bat', 'system', 'exec', 'execSync', 'check_output', 'check_call', 'Popen', 'getoutput', 'getstatusoutput', 'shell_exec', 'passthru', 'popen'];
/**
 * Commands that, starting a line and followed by a word or flag, make the line a shell command (a
 * PowerShell script runs `netsh` and `docker` as they are); no other language has such a statement.
 * A few names of the command table (test/unit/command-word-lists.test.ts), not all of them: its other
 * names (`next`, `set`, `serve`, `env`) start statements of programming languages too.
 */
export const NATIVE_COMMANDS = ['netsh', 'docker', 'podman', 'kubectl', 'iptables', 'ip6tables', 'ufw', 'nft'];
/** Keywords that introduce a function definition, whose name then says what it returns. */
const DEF_KEYWORDS = ['def', 'func', 'function', 'fn', 'fun', 'sub', 'get'];

export const WORDS = (() => {
  const entries: [string, number][] = [];
  // A name in several call lists takes the first: listen before connect before address.
  const seen = new Set<string>();
  for (const [list, flag] of [[LISTEN_CALLS, W_LISTEN], [CONNECT_CALLS, W_CONNECT], [ADDRESS_CALLS, W_ADDRESS]] as const) {
    for (const [w, max] of list) {
      if (seen.has(w)) continue;
      seen.add(w);
      entries.push([w, flag | (max === 1 ? W_MAX1 : 0)]);
    }
  }
  const add = (words: string[], flag: number) => { for (const w of words) entries.push([w, flag]); };
  add(CONSTRUCTOR_NAMES, W_CONSTRUCTOR);
  add(DEFAULT_METHODS, W_DEFAULT_METHOD);
  add(CONVERSIONS, W_CONVERSION);
  add(DEFAULT_WORDS, W_DEFAULT_WORD);
  add(OR_WORDS, W_OR);
  add(NOT_CALLEES, W_NOT_CALLEE);
  add(DEF_KEYWORDS, W_DEF);
  add(['return'], W_RETURN);
  add(['func'], W_FUNC);
  add(SHELL_CALLS, W_SHELL_CALL);
  add(['withRun', 'inside'], W_DOCKER_ARGS);
  add(['script', 'inline'], W_SHELL_KEY);
  add(['subprocess'], W_SUBPROCESS);
  add(['guest'], W_GUEST);
  add(['host'], W_HOST);
  add(NATIVE_COMMANDS, W_COMMAND);
  add(DIRECT_CALLS, W_DIRECT);
  return new WordTable(entries);
})();

// Punctuation, by punctCode, and the flags of the operators the machine treats alike.
export const P_LPAREN = 40;
export const P_RPAREN = 41;
export const P_LBRACKET = 91;
export const P_RBRACKET = 93;
export const P_LBRACE = 123;
export const P_RBRACE = 125;
export const P_COMMA = 44;
export const P_EQUALS = 61;
export const P_COLON = 58;
export const P_SEMICOLON = 59;
export const P_DOT = 46;
export const P_PLUS = 43;
export const P_QUESTION = 63;
export const P_COLON_EQUALS = punctCode(':=');
export const P_DOUBLE_COLON = punctCode('::');

export const PF_ASSIGN = 1;
export const PF_DEFAULT = 2;
export const PF_CHAIN = 4;
/** Flags of one- and two-character punctuation by code (below 16384); longer operators are in PUNCT_FLAGS3. */
const PUNCT_FLAGS = new Uint8Array(16384);
const PUNCT_FLAGS3 = new Map<number, number>();
for (const [ops, flag] of [
  [['=', ':', ':=', '=>', '==', '===', '!=', '!==', '?=', '||=', '??=', '::=', '<-'], PF_ASSIGN],
  [['||', '??', '?:', '|', '//'], PF_DEFAULT],
  [['.', '?.', '::', '!', '!.', '->'], PF_CHAIN],
] as const) {
  for (const op of ops) {
    const code = punctCode(op);
    if (code < 16384) PUNCT_FLAGS[code] |= flag;
    else PUNCT_FLAGS3.set(code, (PUNCT_FLAGS3.get(code) ?? 0) | flag);
  }
}

/** 1 for the one-character punctuation that `onPunct` acts on even with no port name pending. */
export const PUNCT_MATTERS = (() => {
  const t = new Uint8Array(128);
  for (const c of [P_LPAREN, P_RPAREN, P_LBRACKET, P_RBRACKET, P_LBRACE, P_RBRACE, P_COMMA, P_EQUALS, P_SEMICOLON]) t[c] = 1;
  return t;
})();

export function punctFlags(code: number): number {
  return code < 16384 ? PUNCT_FLAGS[code] : PUNCT_FLAGS3.get(code) ?? 0;
}

/** Key words that make a plural `ports` name a count (`MAX_PORTS = 10`). */
const COUNT_WORDS = /(^|[_.-])(max|min|num|n|count|total)[_.-]?ports$|^(max|min|num|total)Ports$/i;

/** A name that says it holds a port, but not a count of ports (`MAX_PORTS`): text[s, e). */
export function isPortNameIn(text: string, s: number, e: number): boolean {
  return isPortKeyIn(text, s, e) && !isCountName(text, s, e);
}

/** COUNT_WORDS matches text[s, e); only names that end in `s` can match, and most port names end in `t`. */
export function isCountName(text: string, s: number, e: number): boolean {
  return (text.charCodeAt(e - 1) | 32) === 115 && COUNT_WORDS.test(text.slice(s, e));
}

/**
 * text[s, e) ends in "port" or "ports", any case (an identifier, so no blank or other character
 * follows), or is Tilt's `port_forwards` / a `portForward`.
 */
export function endsInPort(text: string, s: number, e: number): boolean {
  let p = e;
  if ((text.charCodeAt(p - 1) | 32) === 115 /* s */) p--;
  if ((text.charCodeAt(p - 1) | 32) === 100 /* d */) return p - s >= 11 && isPortKeyIn(text, s, e);
  return p - s >= 4 && (text.charCodeAt(p - 1) | 32) === 116 && (text.charCodeAt(p - 2) | 32) === 114 &&
    (text.charCodeAt(p - 3) | 32) === 111 && (text.charCodeAt(p - 4) | 32) === 112;
}

/** Calls whose options object holds the address the new server listens on (NestJS microservices). */
export function isOwnAddressCall(text: string, s: number, e: number): boolean {
  const n = e - s;
  return (n === 19 && text.startsWith('connectMicroservice', s)) || (n === 18 && text.startsWith('createMicroservice', s));
}

/** text[s, e) ends in `Server` or `_server`: `new Server(8080)`, `start_metrics_server(9100)`. */
export function endsInServer(text: string, s: number, e: number): boolean {
  if (e - s < 6) return false;
  const c = text.charCodeAt(e - 6);
  if (c !== 83 && c !== 115) return false;
  if (!text.startsWith('erver', e - 5)) return false;
  // `Server`, `HttpServer`, `start_server`; not `observer` or `reserver`.
  return c === 83 || (e - s >= 7 && text.charCodeAt(e - 7) === 95);
}

/** A character that may not follow a number that ends a parameter's value (`80abc`, `8.5`). */
export function isParamWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

/** `\w` or `:`: what may not stand before a Ruby symbol's colon. */
export function isWordOrColon(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58;
}

/** `^[A-Za-z_][\w.-]*$` over text[s, e): a string that may be a key. */
export function isKeyLike(text: string, s: number, e: number): boolean {
  if (e <= s) return false;
  const c0 = text.charCodeAt(s);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || c0 === 95)) return false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45)) return false;
  }
  return true;
}
