import type { Protocol } from '../../registry/types';
import type { ComposeMapping, PortOccurrence, PortPair, PortRole } from './types';
import { portAt } from './occurrence';
import { digitsEnd, indexIn, isDigit, lastIndexIn } from '../text/chars';
import { WordSet } from '../text/words';

/**
 * Shared recognition primitives for the per-format finders: which keys name a port, and where
 * `host:port`, URLs and `--port N` flags sit inside a stretch of text. Every scanner here runs in
 * time linear in its input; none uses a regular expression that can backtrack across a line.
 */

/** Largest number of digits read as a port; longer runs are sizes, ids or timestamps. */
const MAX_PORT_DIGITS = 6;

/** Lower-case key segments that always name a port number (or a list of them). */
const PORT_WORDS = new Set([
  'port', 'ports', 'containerport', 'hostport', 'targetport', 'nodeport', 'forwardports', 'appport',
  'listenport', 'listen_port', 'connectport', 'from_port', 'to_port', 'fromport', 'toport', 'localport', 'remoteport',
  'publishedport', 'exposedport', 'exposedports', 'serviceport', 'healthcheckport',
  // libpq's environment variable, written without a separator
  'pgport',
]);

/**
 * True when a key (env var, YAML/JSON key, property) says it holds a port: `PORT`, `DB_PORT`,
 * `server.port`, `mysqlx_port`, `containerPort`, `prometheus.io/port`, `http-port`. Words that merely
 * end in "port" (`support`, `transport`, `export`, `passport`) do not count.
 */
export function isPortKey(key: string): boolean {
  return isPortKeyIn(key, 0, key.length);
}

/**
 * `isPortKey(text.slice(s, e))` without the slice: this runs for every key and many words of a
 * config file, so an ASCII key is read where it stands, by character codes, with no lower-casing.
 */
export function isPortKeyIn(text: string, s: number, e: number): boolean {
  let b = e;
  while (b > s && isAsciiSpace(text.charCodeAt(b - 1))) b--;
  if (b === s) return false;
  // Anything unusual at the end (a non-ASCII character, which `trim` might remove) takes the slow path.
  if (text.charCodeAt(b - 1) >= 128) return isPortKeySlow(text.slice(s, e));
  // Every port key ends in "port" or "ports" (any case): most keys are ruled out here.
  let p = b;
  if ((text.charCodeAt(p - 1) | 32) === 115 /* s */) p--;
  if (!(p - s >= 4 && (text.charCodeAt(p - 1) | 32) === 116 && (text.charCodeAt(p - 2) | 32) === 114 &&
    (text.charCodeAt(p - 3) | 32) === 111 && (text.charCodeAt(p - 4) | 32) === 112)) return isOtherPortKey(text, s, p);
  const stem = p - 4;
  // The last key segment starts after the last separator; it is trimmed like `lastKeySegment` does.
  let a = stem;
  while (a > s && !isKeySeparator(text.charCodeAt(a - 1))) a--;
  for (let i = a; i < b; i++) if (text.charCodeAt(i) >= 128) return isPortKeySlow(text.slice(s, e));
  while (isAsciiSpace(text.charCodeAt(a))) a++;
  if (stem === a) return true;
  const before = text.charCodeAt(stem - 1);
  // `DB_PORT`, `http-port`, `server port` (after normalisation)
  if (before === 95 /* _ */ || before === 45 /* - */) return true;
  // camelCase: `containerPort`, `apiPort`, `debugPorts`, and after an acronym `vhostHTTPPort`, `sshPort`
  // written `SSHPort`: a capital `P` then `ort` in lower case starts a new word.
  if (text.charCodeAt(stem) === 80 /* P */ && ((before >= 97 && before <= 122) || isAcronymPort(text, stem, before))) return true;
  // Run-together words such as `hostport` or `PGPORT`, read in place: every code identifier that ends so
  // (`export`, `import`, `Report`) comes here, and the segment is ASCII.
  return PORT_WORD_SET.has(text, a, b) || isRunTogetherPort(text, a, stem, p);
}

/** PORT_WORDS for text read in place. */
const PORT_WORD_SET = new WordSet([...PORT_WORDS]);

/**
 * `SERVERPORT`, `ZBX_JAVAGATEWAYPORT`, `dbport`: the last word of a key (text[w, p) after its last `_`
 * or `-`, `stem` where "port" starts) is a name run together with "port" in one case. English words
 * that end in "port" (`REPORT`, `support`, `EXPORT`, `viewport`) are not port keys.
 */
function isRunTogetherPort(text: string, a: number, stem: number, p: number): boolean {
  let w = stem;
  while (w > a && text.charCodeAt(w - 1) !== 95 && text.charCodeAt(w - 1) !== 45) w--;
  if (stem - w < 2) return false;
  // One case throughout: `Dbport` and `SERVERPORT`, never a camelCase word that only ends so.
  let upper = 0;
  let lower = 0;
  for (let i = w; i < p; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (!(c >= 48 && c <= 57)) return false;
  }
  if (upper > 0 && lower > 0 && !(upper === 1 && text.charCodeAt(w) <= 90)) return false;
  for (const english of ENGLISH_PORT_ENDINGS) if (endsWithWord(text, w, p, english)) return false;
  return !ENGLISH_PORT_WORDS.has(text, w, p);
}

/** text[w, p) ends in `word` (lower-case ASCII letters), in any case. */
function endsWithWord(text: string, w: number, p: number, word: string): boolean {
  const n = word.length;
  if (p - w < n) return false;
  for (let i = 0; i < n; i++) if ((text.charCodeAt(p - n + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** English words that end in "port", and end other words too (`misreport`, `reexport`, `httpsupport`). */
const ENGLISH_PORT_ENDINGS = ['report', 'support', 'export', 'import', 'passport', 'transport', 'viewport', 'spaceport'];

/** English words and names ending in "port" that a run-together key may end in without being them (`SIDECARPORT`). */
const ENGLISH_PORT_WORDS = new WordSet([
  'airport', 'carport', 'comport', 'deport', 'esport', 'freeport', 'heliport', 'jetport', 'newport', 'outport', 'purport',
  'rapport', 'seaport', 'teleport', 'davenport', 'bridgeport', 'stockport',
]);

/**
 * The few keys that hold ports without ending in "port(s)": Tilt's `port_forwards`, Skaffold's
 * `portForward`, VS Code's `debugServer`. `p` is the key's end without a final `s`.
 */
function isOtherPortKey(text: string, s: number, p: number): boolean {
  const last = text.charCodeAt(p - 1) | 32;
  if (last !== 100 /* d */ && last !== 114 /* r */) return false;
  let a = p;
  while (a > s && !isKeySeparator(text.charCodeAt(a - 1)) && !isAsciiSpace(text.charCodeAt(a - 1))) a--;
  if (p - a > 16) return false;
  return OTHER_PORT_KEYS.has(text.slice(a, p).toLowerCase());
}

const OTHER_PORT_KEYS = new Set(['port_forward', 'portforward', 'port-forward', 'debugserver']);

/** `Port` with `ort` in lower case at `stem`, after a capital: the last word of `vhostHTTPSPort`, not of `EXPORT`. */
function isAcronymPort(text: string, stem: number, before: number): boolean {
  return before >= 65 && before <= 90 && text.charCodeAt(stem + 1) === 111 && text.charCodeAt(stem + 2) === 114 &&
    text.charCodeAt(stem + 3) === 116;
}

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isKeySeparator(c: number): boolean {
  return c === 46 /* . */ || c === 47 /* / */ || c === 58 /* : */ || c === 91 /* [ */ || c === 93 /* ] */;
}

/** `isPortKey` for keys with non-ASCII characters, whose trimming and lower-casing are Unicode's. */
function isPortKeySlow(key: string): boolean {
  if (!mayEndInPort(key)) return false;
  const k = lastKeySegment(key);
  if (k.length < 4) return false;
  const lower = k.toLowerCase();
  if (PORT_WORDS.has(lower)) return true;
  if (!(lower.endsWith('port') || lower.endsWith('ports'))) return false;
  const stem = lower.endsWith('ports') ? k.length - 5 : k.length - 4;
  if (stem <= 0) return true;
  const before = k.charCodeAt(stem - 1);
  if (before === 95 /* _ */ || before === 45 /* - */) return true;
  if (k.charCodeAt(stem) === 80 /* P */ && ((before >= 97 && before <= 122) || isAcronymPort(k, stem, before))) return true;
  return false;
}

/**
 * False when a key certainly does not end in "port" or "ports" (any case, before trailing
 * whitespace), which every port key does: most keys are ruled out without slicing or lower-casing.
 * Anything unusual at the end (a non-ASCII character, which `trim` might remove) answers true, so the
 * full check decides.
 */
function mayEndInPort(key: string): boolean {
  let b = key.length;
  while (b > 0) {
    const c = key.charCodeAt(b - 1);
    if (c === 32 || (c >= 9 && c <= 13)) b--;
    else break;
  }
  if (b > 0 && key.charCodeAt(b - 1) >= 128) return true;
  if (b > 0 && (key.charCodeAt(b - 1) | 32) === 115 /* s */) b--;
  return b >= 4 && (key.charCodeAt(b - 1) | 32) === 116 && (key.charCodeAt(b - 2) | 32) === 114 &&
    (key.charCodeAt(b - 3) | 32) === 111 && (key.charCodeAt(b - 4) | 32) === 112;
}

/** The part of a dotted or slashed key after its last separator (`spring.redis.port` -> `port`). */
export function lastKeySegment(key: string): string {
  let i = key.length - 1;
  while (i >= 0) {
    const c = key.charCodeAt(i);
    if (c === 46 /* . */ || c === 47 /* / */ || c === 58 /* : */ || c === 91 /* [ */ || c === 93 /* ] */) break;
    i--;
  }
  return key.slice(i + 1).trim();
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Characters allowed in a host name, IPv4 address or `*`. */
function isHostChar(c: number): boolean {
  return isAlpha(c) || isDigit(c) || c === 45 /* - */ || c === 46 /* . */ || c === 95 /* _ */ || c === 42 /* * */;
}

/** Characters that may follow a port: end of the token. */
function isPortEnd(c: number): boolean {
  // NaN (end of text), whitespace, quotes, / ? # , ; ) ] } > | & and backslash (escaped quotes in strings)
  return (
    Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 ||
    c === 47 || c === 63 || c === 35 || c === 44 || c === 59 || c === 41 || c === 93 || c === 125 ||
    c === 62 || c === 124 || c === 38 || c === 92
  );
}

/** Characters after which a `host:port` token may begin. */
function isTokenStart(c: number): boolean {
  return (
    Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 ||
    c === 61 /* = */ || c === 40 /* ( */ || c === 44 /* , */ || c === 64 /* @ */ || c === 47 /* / */ ||
    c === 91 /* [ */ || c === 123 /* { */ || c === 60 /* < */ || c === 59 /* ; */ || c === 62 /* > */
  );
}

/** Parses a run of digits as a port value, or returns -1 when it is too long to be one. */
export function portValue(text: string, start: number, end: number): number {
  if (end <= start || end - start > MAX_PORT_DIGITS) return -1;
  let v = 0;
  for (let i = start; i < end; i++) v = v * 10 + (text.charCodeAt(i) - 48);
  return v;
}

function isIPv4(host: string): boolean {
  let parts = 0;
  let digits = 0;
  for (let i = 0; i <= host.length; i++) {
    const c = i < host.length ? host.charCodeAt(i) : 46;
    if (isDigit(c)) {
      if (++digits > 3) return false;
    } else if (c === 46) {
      if (digits === 0) return false;
      parts++;
      digits = 0;
    } else return false;
  }
  return parts === 4;
}

/** True for a host that certainly names a machine: localhost, an IP address, a wildcard or a dotted name. */
export function isClearHost(host: string): boolean {
  if (host === '' || host === '*' || host.startsWith('[')) return true;
  const h = host.toLowerCase();
  if (h === 'localhost' || h === 'host.docker.internal') return true;
  return isIPv4(host) || (host.includes('.') && /[a-z]/i.test(host) && !/^\d/.test(host));
}

/**
 * A map key that is a whole address, text[s, e): NGINX Unit's `"listeners": {"*:8080": ...,
 * "0.0.0.0:8080": ..., "[::]:8443": ..., "127.0.0.1:9000": ...}`. Only an IP address, `*` or
 * `localhost` is taken for the host, since keys such as `v1.2:3` or `en:25` are not addresses.
 * Under a key that names listeners every address is listened on; elsewhere only a wildcard one is.
 */
export function readAddressKey(text: string, s: number, e: number, listeners: boolean, out: PortOccurrence[]): boolean {
  if (e - s > 64) return false;
  const colon = lastIndexIn(text, 58 /* : */, s, e);
  if (colon <= s || !isDigit(text.charCodeAt(colon + 1)) || text.charCodeAt(colon + 1) === 48 || digitsEnd(text, colon + 1, e) !== e) return false;
  const host = text.slice(s, colon);
  const ok = host === '*' || host.toLowerCase() === 'localhost' || isIPv4(host) || /^\[[0-9a-fA-F:.]+\]$/.test(host);
  if (!ok) return false;
  const port = portValue(text, colon + 1, e);
  if (port <= 0 || port > 65535) return false;
  out.push(portAt(colon + 1, e, port, listeners ? 'listen' : roleForHost(host), host));
  return true;
}

export interface HostPortOptions {
  /** Role for ports found without a URL scheme. */
  role?: PortRole;
  /** Accept a dotless host with a port below 1024 (`web:80`), which elsewhere reads as an image tag. */
  lowPortsOnBareHosts?: boolean;
  /** Accept `:8080` with no host. */
  allowEmptyHost?: boolean;
  /** Prose: a full stop may end the sentence right after the port (`runs on localhost:3000.`). */
  sentenceEnd?: boolean;
}

/** A full stop at `i` followed by whitespace or the end of text[.., to). */
function isFullStop(text: string, i: number, to: number): boolean {
  if (text.charCodeAt(i) !== 46) return false;
  const c = i + 1 < to ? text.charCodeAt(i + 1) : NaN;
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Finds URLs with an explicit port and `host:port` tokens in text[from, to) and appends them to `out`.
 * Recognised: `scheme://user:pw@host:5432/x`, `dns:///orders.internal:50051`, `localhost:3000`,
 * `10.0.1.11:8080`, `[::1]:4001`, `*:80`, `0.0.0.0:8000`, `db:5432`, and `:9000` when allowed.
 * Not recognised: times (`10:30`), image tags (`postgres:16`, `redis:7.2-alpine`), ratios, IPv6 groups.
 */
export function scanHostPorts(text: string, from: number, to: number, out: PortOccurrence[], opts: HostPortOptions = {}): void {
  let i = indexIn(text, 58 /* : */, from, to);
  while (i >= 0) {
    const next = scanOneColon(text, from, to, i, out, opts);
    i = indexIn(text, 58, Math.max(next, i + 1), to);
  }
}

/** Looks at the colon at `colon`; records a port if one is there and returns where to continue. */
function scanOneColon(text: string, from: number, to: number, colon: number, out: PortOccurrence[], opts: HostPortOptions): number {
  // URL: scheme "://" authority
  if (text.charCodeAt(colon + 1) === 47 && text.charCodeAt(colon + 2) === 47) {
    let s = colon - 1;
    while (s >= from && (isAlpha(text.charCodeAt(s)) || isDigit(text.charCodeAt(s)) || text.charCodeAt(s) === 43 || text.charCodeAt(s) === 45 || text.charCodeAt(s) === 46)) s--;
    const scheme = text.slice(s + 1, colon).toLowerCase();
    if (scheme.length === 0 || !isAlpha(scheme.charCodeAt(0))) return colon + 3;
    let a = colon + 3;
    // gRPC-style `dns:///host:port`, `unix:///path`: the host follows the third slash
    if (text.charCodeAt(a) === 47) a++;
    // authority ends at / ? # , ; or whitespace/quote; the last `@` in it ends the userinfo
    let e = a;
    let at = -1;
    let bracket = false;
    while (e < to) {
      const c = text.charCodeAt(e);
      if (c === 47 || c === 63 || c === 35 || c === 32 || c === 9 || c === 10 || c === 13 || c === 34 || c === 39 || c === 96 || c === 62 || c === 92 || c === 41 || c === 44 || c === 59) break;
      // A `]` that closes no IPv6 literal ends a Markdown link's text: `[http://localhost:8080](...)`.
      if (c === 91) bracket = true;
      else if (c === 93 && !bracket) break;
      if (c === 64) at = e;
      e++;
    }
    // The authority stops at a comma, so a host list (`mongodb://a:1,b:2/db`) gives its first host only.
    readHostPort(text, at >= a ? at + 1 : a, e, scheme, out, opts);
    return e;
  }
  // `host:port` / `:port`
  const pStart = colon + 1;
  const pEnd = digitsEnd(text, pStart, to);
  if (pEnd === pStart) return pEnd;
  const after = pEnd < to ? text.charCodeAt(pEnd) : NaN;
  // ZooKeeper `host:2888:3888;2181`, a chain of ports after one host; the host is checked below.
  const chained = after === 58 /* : */ && isDigit(text.charCodeAt(pEnd + 1));
  // Redis Cluster `10.0.6.11:7001@17001`: the digits after `@` are the node's cluster bus port.
  let busEnd = -1;
  if (after === 64 /* @ */) {
    busEnd = digitsEnd(text, pEnd + 1, to);
    if (busEnd === pEnd + 1 || !isPortEnd(busEnd < to ? text.charCodeAt(busEnd) : NaN)) return pEnd;
  } else if (!chained && !(isPortEnd(after) || (opts.sentenceEnd && isFullStop(text, pEnd, to)))) return pEnd;
  // statsd `name.alive:1|c`, `api.latency:320|ms`: a value and its metric type, not a port.
  if (after === 124 /* | */ && isStatsdType(text, pEnd + 1, to)) return pEnd;
  // a digit run followed by `:` is itself the host of a mapping (`8080:80`); leave those to the finders
  let hs: number;
  let host: string;
  let placeholder = false;
  if (text.charCodeAt(colon - 1) === 93 /* ] */) {
    // An IPv6 literal with a zone is far shorter than 64 characters; looking no further keeps `]:1 ]:1 ...` linear.
    const open = lastIndexIn(text, 91 /* [ */, Math.max(from, colon - 64), colon);
    if (open < from) return pEnd;
    hs = open;
    host = text.slice(open, colon);
    // An IPv6 literal, or a name in postfix's brackets that skip the MX lookup: `[smtp.relay-host.test]:465`.
    if (!/^\[[0-9a-fA-F:.%a-zA-Z]+\]$/.test(host) && !/^\[[A-Za-z0-9][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+\]$/.test(host)) return pEnd;
  } else {
    hs = colon;
    // A host may be or hold a template placeholder: `${POD_IP}:9094`, `{{ .Values.host }}:80`, `pod-$(ID).svc:80`.
    for (let k = 0; k < 4; k++) {
      while (hs > from && isHostChar(text.charCodeAt(hs - 1))) hs--;
      const ps = placeholderStart(text, from, hs);
      if (ps < 0) break;
      hs = ps;
      placeholder = true;
    }
    host = text.slice(hs, colon);
  }
  let before = hs > from ? text.charCodeAt(hs - 1) : NaN;
  // postfix `inet:localhost:8891`, `smtp-amavis:[127.0.0.1]:10024`: a transport word before a clear host.
  const prefixed = before === 58 /* : */ && !placeholder && isClearHost(host) && host !== '' && host !== '*' &&
    isPrefixWord(text, from, hs - 1);
  if (prefixed) before = NaN;
  if (!isTokenStart(before) && !(hs === from)) return pEnd;
  if (host === '') {
    if (!opts.allowEmptyHost || chained || busEnd >= 0) return pEnd;
    // `:9000` but not `a::1` or `12:30`
    if (colon > from && (text.charCodeAt(colon - 1) === 58 || isDigit(text.charCodeAt(colon - 1)))) return pEnd;
  } else if (placeholder) {
    // `${hour}:05` is a time: a port is never written with a leading zero.
    if (text.charCodeAt(pStart) === 48 /* 0 */) return pEnd;
  } else if (!isPlausibleHost(host)) {
    return pEnd;
  }
  const port = portValue(text, pStart, pEnd);
  if (port < 0) return pEnd;
  const clear = !placeholder && isClearHost(host);
  if (!clear && port < 1024 && !opts.lowPortsOnBareHosts) return pEnd;
  const role = opts.role ?? roleForHost(host);
  if (chained || busEnd >= 0) {
    if (!clear || host === '*') return pEnd;
    return busEnd >= 0 ? pushBusPort(text, pStart, pEnd, busEnd, port, role, host, out) : pushPortChain(text, to, pStart, pEnd, port, role, host, out);
  }
  out.push(portAt(pStart, pEnd, port, role, host || undefined));
  return pEnd;
}

/**
 * Finds unbound's, NSD's and ldns's `host@port` in text[from, to): `1.1.1.1@853#cloudflare-dns.com`,
 * `192.168.1.1@53`, `2620:fe::fe@853`, and with `names` (the text is an address) `dns.quad9.net@853`.
 * The part before `@` must be an IP address (or, with `names`, a dotted host name) standing as a token
 * of its own, and the digits after it must end at `#` or the end of the token, so e-mail addresses,
 * ssh's `user@host`, haproxy's `ipv4@:80` and Redis Cluster's `host:7001@17001` are left alone.
 * A wildcard address listens; any other is one to connect to.
 */
export function scanAtPorts(text: string, from: number, to: number, out: PortOccurrence[], names = false): void {
  scanSeparatedPorts(text, from, to, out, 64 /* @ */, names);
  // dnsmasq's `server=8.8.8.8#53`, Jitsi's `JVB_ADVERTISE_IPS=192.168.1.1#12000`: an IP address only,
  // since `#` also starts comments and URL fragments.
  scanSeparatedPorts(text, from, to, out, 35 /* # */, false);
}

/** `scanAtPorts` for one separator between the host and the port. */
function scanSeparatedPorts(text: string, from: number, to: number, out: PortOccurrence[], sep: number, names: boolean): void {
  let at = indexIn(text, sep, from, to);
  while (at >= 0) {
    const pe = digitsEnd(text, at + 1, to);
    if (pe > at + 1 && isPortEnd(pe < to ? text.charCodeAt(pe) : NaN) && text.charCodeAt(at + 1) !== 48 /* 0 */) {
      // The host: IPv4 or name characters, or hex digits and colons for IPv6; 64 at most keeps `@1@1@1` linear.
      let hs = at;
      let colons = 0;
      while (hs > from && at - hs < 64) {
        const c = text.charCodeAt(hs - 1);
        if (c === 58) colons++;
        else if (!isHostChar(c) || c === 42) break;
        hs--;
      }
      if (hs < at && (hs === from || isTokenStart(text.charCodeAt(hs - 1))) && text.charCodeAt(hs - 1) !== sep) {
        const host = text.slice(hs, at);
        const port = portValue(text, at + 1, pe);
        const ok = colons > 0 ? colons >= 2 && /^[0-9a-fA-F:.]+$/.test(host) : isIPv4(host) || (names && isClearHost(host) && host.includes('.'));
        if (ok && port > 0 && port <= 65535) {
          out.push(portAt(at + 1, pe, port, host === '0.0.0.0' || host === '::' ? 'listen' : 'connect', host));
        }
      }
    }
    at = indexIn(text, sep, at + 1, to);
  }
}

/** True when a statsd metric type (`c`, `g`, `h`, `s`, `d`, `m`, `ms`) stands at `i`, ending there or before a non-letter. */
function isStatsdType(text: string, i: number, to: number): boolean {
  const c = text.charCodeAt(i);
  if (!(c === 99 || c === 103 || c === 104 || c === 115 || c === 100 || c === 109)) return false;
  const n = i + 1 < to ? text.charCodeAt(i + 1) : NaN;
  if (c === 109 && n === 115) return !(i + 2 < to && isAlpha(text.charCodeAt(i + 2)));
  return !isAlpha(n);
}

/** Pushes `host:7001@17001`, the node's port and its cluster bus port; returns where to continue. */
function pushBusPort(text: string, pStart: number, pEnd: number, busEnd: number, port: number, role: PortRole, host: string, out: PortOccurrence[]): number {
  const bus = portValue(text, pEnd + 1, busEnd);
  if (bus < 0) return pEnd;
  out.push(portAt(pStart, pEnd, port, role, host));
  out.push(portAt(pEnd + 1, busEnd, bus, role, host));
  return busEnd;
}

/**
 * Pushes a chain of ports after one clear host, `zk1.internal:2888:3888`, with ZooKeeper's optional
 * role (`:observer`) and client port (`;2181`). After a host name, every port of the chain must be
 * 1024 or more, so a source position (`main.go:10:5`) is not one. Returns where to continue.
 */
function pushPortChain(text: string, to: number, pStart: number, pEnd: number, port: number, role: PortRole, host: string, out: PortOccurrence[]): number {
  // Starts and ends of the ports after the first, at most three more.
  const found: number[] = [];
  const named = !isIPv4(host) && host.toLowerCase() !== 'localhost' && !host.startsWith('[');
  if (named && port < 1024) return pEnd;
  let e = pEnd;
  while (text.charCodeAt(e) === 58 && isDigit(text.charCodeAt(e + 1))) {
    const de = digitsEnd(text, e + 1, to);
    const v = portValue(text, e + 1, de);
    if (v < 0 || (named && v < 1024) || found.length >= 6) return pEnd;
    found.push(e + 1, de);
    e = de;
  }
  // `:participant`, `:observer`: a word, not a port.
  if (text.charCodeAt(e) === 58 && isAlpha(text.charCodeAt(e + 1))) {
    e++;
    while (e < to && isAlpha(text.charCodeAt(e))) e++;
  }
  let client = -1;
  if (text.charCodeAt(e) === 59 /* ; */ && isDigit(text.charCodeAt(e + 1))) {
    client = digitsEnd(text, e + 1, to);
    if (!isPortEnd(client < to ? text.charCodeAt(client) : NaN) || portValue(text, e + 1, client) < 0) client = -1;
  }
  if (!isPortEnd(e < to ? text.charCodeAt(e) : NaN)) return pEnd;
  out.push(portAt(pStart, pEnd, port, role, host));
  for (let n = 0; n < found.length; n += 2) {
    out.push(portAt(found[n], found[n + 1], portValue(text, found[n], found[n + 1]), role, host));
  }
  if (client < 0) return e;
  out.push(portAt(e + 1, client, portValue(text, e + 1, client), 'listen'));
  return client;
}

/**
 * Where a template placeholder ending right before `end` starts: `${POD_IP}`, `{{ .Values.host }}`,
 * `$(HOST)`, `%(domain)s` (whose `s` the host scan has read already, so `end` follows the `)`); -1 when
 * there is none. It looks back at most 64 characters, which keeps a line of colons linear.
 */
function placeholderStart(text: string, from: number, end: number): number {
  let close = end - 1;
  const c = text.charCodeAt(close);
  if (close <= from || (c !== 125 /* } */ && c !== 41 /* ) */)) return -1;
  // `{{ ... }}` is read from its inner braces.
  const double = c === 125 && text.charCodeAt(close - 1) === 125;
  if (double) close--;
  const o = lastIndexIn(text, c === 125 ? 123 : 40, Math.max(from, close - 64), close);
  if (o <= from) return -1;
  // Nothing closes in between: `${A}x}` is not one placeholder.
  if (indexIn(text, c, o + 1, close) >= 0) return -1;
  const lead = text.charCodeAt(o - 1);
  if (double) return lead === 123 ? o - 1 : -1;
  if (lead === 36 /* $ */) return o - 1;
  // `%(domain)s`: the host scan has read its `s` already.
  return c === 41 && lead === 37 /* % */ && text.charCodeAt(close + 1) === 115 /* s */ ? o - 1 : -1;
}

/**
 * True when text[.., colon) ends in a transport word standing as a token of its own (`inet`, `unix`,
 * `smtp-amavis`): letters first, then letters, digits, `-` or `_`, at most 32 characters.
 */
function isPrefixWord(text: string, from: number, colon: number): boolean {
  let w = colon;
  while (w > from && colon - w < 32) {
    const c = text.charCodeAt(w - 1);
    if (!(isAlpha(c) || isDigit(c) || c === 45 || c === 95)) break;
    w--;
  }
  if (w === colon || !isAlpha(text.charCodeAt(w))) return false;
  return w === from || isTokenStart(text.charCodeAt(w - 1));
}

/** A host part that reads as a machine name, not as a word, number or image name with a tag. */
function isPlausibleHost(host: string): boolean {
  if (host === '*' || host.startsWith('[')) return true;
  const c0 = host.charCodeAt(0);
  if (isDigit(c0)) return isIPv4(host);
  if (!isAlpha(c0) && c0 !== 95) return false;
  // A host ends with a letter or digit; `foo.` or `foo-` is prose or a key.
  const cl = host.charCodeAt(host.length - 1);
  return isAlpha(cl) || isDigit(cl);
}

function roleForHost(host: string): PortRole {
  if (host === '' || host === '*' || host === '0.0.0.0' || host === '[::]') return 'listen';
  return 'connect';
}

function readHostPort(text: string, s: number, e: number, scheme: string, out: PortOccurrence[], opts: HostPortOptions): void {
  let colon = -1;
  if (text.charCodeAt(s) === 91 /* [ */) {
    const close = indexIn(text, 93 /* ] */, s, e);
    if (close < 0 || close >= e) return;
    if (text.charCodeAt(close + 1) === 58) colon = close + 1;
  } else {
    colon = text.lastIndexOf(':', e - 1);
    if (colon < s) colon = -1;
  }
  if (colon < 0) return;
  const pEnd = digitsEnd(text, colon + 1, e);
  if (pEnd === colon + 1 || (pEnd !== e && !(opts.sentenceEnd && pEnd === e - 1 && isFullStop(text, pEnd, e + 1)))) return;
  const port = portValue(text, colon + 1, pEnd);
  if (port < 0) return;
  const host = text.slice(s, colon);
  const o = portAt(colon + 1, pEnd, port, 'connect', host || undefined);
  o.scheme = scheme;
  out.push(o);
}

/**
 * Finds command-line port flags in text[from, to): `--port 8080`, `--port=8080`, `--http-port 80`,
 * `--inspect=9229`, `-p 5432`, `-P 2222`. Appends to `out`.
 */
export function scanPortFlags(text: string, from: number, to: number, out: PortOccurrence[], role: PortRole = 'listen'): void {
  let i = indexIn(text, 45 /* - */, from, to);
  while (i >= 0) {
    const prev = i > from ? text.charCodeAt(i - 1) : NaN;
    if (!(Number.isNaN(prev) || prev === 32 || prev === 9 || prev === 34 || prev === 39 || prev === 91 || prev === 44)) {
      i = indexIn(text, 45, i + 1, to);
      continue;
    }
    let j = i + 1;
    let long = false;
    if (text.charCodeAt(j) === 45) {
      long = true;
      j++;
    }
    const ns = j;
    while (j < to && (isAlpha(text.charCodeAt(j)) || isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 45 || text.charCodeAt(j) === 95 || text.charCodeAt(j) === 46)) j++;
    const flag = text.slice(ns, j);
    const isPortFlag = long
      ? isPortKey(flag) || flag === 'inspect' || flag === 'inspect-brk' || flag === 'debug-port'
      : flag === 'p' || flag === 'P';
    if (isPortFlag) {
      const sep = text.charCodeAt(j);
      let v = j;
      if (sep === 61 /* = */ || (sep === 32 && long)) v = j + 1;
      else if (sep === 32 && !long) v = j + 1;
      else if (!long && isDigit(sep)) v = j; // `-p5432`
      if (v > j || (!long && v === j)) {
        // skip a quote around the value
        const q = text.charCodeAt(v);
        if (q === 34 || q === 39) v++;
        const ve = digitsEnd(text, v, to);
        const after = ve < to ? text.charCodeAt(ve) : NaN;
        if (ve > v && isPortEnd(after)) {
          const port = portValue(text, v, ve);
          if (port >= 0) {
            const o = portAt(v, ve, port, role);
            o.flag = text.slice(i, j);
            out.push(o);
          }
        }
      }
    }
    i = indexIn(text, 45, Math.max(j, i + 1), to);
  }
}

/** Reads `PROTO` from `/tcp`, `/udp`, `/sctp` after a port; returns it or undefined. */
export function protocolSuffix(text: string, i: number): Protocol | undefined {
  if (text.charCodeAt(i) !== 47) return undefined;
  const w = text.slice(i + 1, i + 5).toLowerCase();
  if (w.startsWith('tcp')) return 'tcp';
  if (w.startsWith('udp')) return 'udp';
  if (w.startsWith('sctp')) return 'sctp';
  if (w.startsWith('dccp')) return 'dccp';
  return undefined;
}

/** Normalises a protocol word (`TCP`, `udp`) or returns undefined. */
export function protocolWord(w: string): Protocol | undefined {
  const l = w.trim().toLowerCase();
  return l === 'tcp' || l === 'udp' || l === 'sctp' || l === 'dccp' ? l : undefined;
}

/**
 * The one reader of a placeholder's default: text[s, e) is exactly `${NAME:-DEFAULT}`, `${NAME-DEFAULT}`,
 * `${NAME:=DEFAULT}` or `${NAME=DEFAULT}` (shell, Compose, Make), and with `spring` also
 * `${server.port:DEFAULT}`. Returns where DEFAULT starts (it ends at e - 1), or -1.
 */
export function placeholderDefaultStart(text: string, s: number, e: number, spring = false): number {
  if (e - s < 5 || text.charCodeAt(s) !== 36 /* $ */ || text.charCodeAt(s + 1) !== 123 /* { */ || text.charCodeAt(e - 1) !== 125 /* } */) return -1;
  let i = s + 2;
  while (i < e - 1 && isPlaceholderNameChar(text.charCodeAt(i), spring)) i++;
  const d = defaultAfterName(text, i, spring);
  return d < e ? d : -1;
}

/**
 * Where a placeholder's default starts when its name ends at `i`: after `:-`, `:=`, `-` or `=`, and with
 * `spring` after a bare `:`; -1 when no default follows.
 */
export function defaultAfterName(text: string, i: number, spring: boolean): number {
  let c = text.charCodeAt(i);
  if (c === 58 /* : */) {
    c = text.charCodeAt(i + 1);
    if (c === 45 /* - */ || c === 61 /* = */) return i + 2;
    return spring ? i + 1 : -1;
  }
  return c === 45 || c === 61 ? i + 1 : -1;
}

/** A character of a placeholder's name: letters, digits, `_` and `.`, and with `spring` `-` (`${inventory.page-size:25}`). */
export function isPlaceholderNameChar(c: number, spring: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 || c === 46 || (spring && c === 45);
}

/** Sorts occurrences by offset and drops exact duplicates (two scanners finding the same digits). */
/**
 * Makes the ports pushed to `out` since `first` the sides of one mapping (`ssh -L`, Vagrant's
 * `guest:`/`host:`, `PublishPort=`), when there are two or more of them.
 */
export function joinMapping(out: PortOccurrence[], first: number, by: PortPair['by']): void {
  let ports = 0;
  for (let i = first; i < out.length; i++) if (out[i].kind === 'port') ports++;
  if (ports < 2) return;
  const pair: PortPair = { by };
  for (let i = first; i < out.length; i++) if (out[i].kind === 'port') out[i].pair = pair;
}

/**
 * Moves an occurrence found in a piece of text that starts at `offset` into the offsets of the whole
 * document. The sides of one Compose mapping share its object, so `moved` makes sure it moves once.
 */
export function shiftOccurrence(o: PortOccurrence, offset: number, moved: Set<ComposeMapping>): PortOccurrence {
  o.start += offset;
  o.end += offset;
  if (o.mapping && !moved.has(o.mapping)) {
    moved.add(o.mapping);
    o.mapping.start += offset;
    o.mapping.end += offset;
  }
  return o;
}

/**
 * Sorts out[first..] by offset, stably, when it is short: a reader that appends what several passes over
 * one stretch of text found (host:port, then the numbers of a sentence) leaves it in order here, and
 * spares `finish` a sort of the whole document. Long runs are left to `finish`, whose sort gives the
 * same order.
 */
export function sortTail(out: PortOccurrence[], first: number): void {
  if (out.length - first > 32) return;
  for (let i = first + 1; i < out.length; i++) {
    const o = out[i];
    let j = i - 1;
    while (j >= first && (out[j].start > o.start || (out[j].start === o.start && out[j].end > o.end))) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = o;
  }
}

export function finish(out: PortOccurrence[]): PortOccurrence[] {
  // Finders mostly emit in order: a linear check spares the sort (which is stable, so skipping it
  // when nothing is out of order gives the same result), and the copy is made only for duplicates.
  let sorted = true;
  let dup = false;
  for (let i = 1; i < out.length; i++) {
    const a = out[i - 1];
    const b = out[i];
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) {
      sorted = false;
      break;
    }
    if (a.start === b.start && a.end === b.end) dup = true;
  }
  if (!sorted) {
    out.sort((a, b) => a.start - b.start || a.end - b.end);
    dup = true;
  }
  if (!dup) return out;
  const r: PortOccurrence[] = [];
  for (const o of out) {
    const last = r[r.length - 1];
    if (last && last.start === o.start && last.end === o.end) {
      if (!last.protocol && o.protocol) last.protocol = o.protocol;
      if (!last.scheme && o.scheme) last.scheme = o.scheme;
      // A finder that read `127.0.0.1:8080:80` as a mapping knows better than the text scan's chain of ports.
      if ((o.role === 'host' || o.role === 'container') && last.kind === 'port' && o.kind === 'port') last.role = o.role;
      if (o.pair && !last.pair) last.pair = o.pair;
      continue;
    }
    r.push(o);
  }
  return r;
}

/**
 * Flags whose value is a listen address (`-b 0.0.0.0:8000`, `--bind :8000`, `--web.listen-address=:9102`),
 * by their name without dashes, as the one command reader (vocabulary/commands.ts) reads them.
 */
export const ADDRESS_FLAGS: ReadonlySet<string> = new Set([
  'b', 'bind', 'listen', 'addr', 'address', 'listen-address', 'listen-addr', 'http', 'http-addr', 'http-address',
  'web.listen-address', 'grpc-addr', 'metrics-addr', 'metrics-bind-address', 'health-probe-bind-address',
  'inspect', 'inspect-brk', 'debug', 'bind-address', 'socket', 'uwsgi-socket', 'http-socket',
]);

/**
 * An image reference reduced to its repository as the table stores it: tag and digest dropped,
 * `docker.io/`, `index.docker.io/` and `library/` dropped, lower-case. `bitnami/kafka:3.7` ->
 * `bitnami/kafka`, `docker.io/library/postgres@sha256:...` -> `postgres`. Returns '' for a reference
 * the table cannot match (a variable such as `${IMAGE}`).
 */
export function normaliseImage(ref: string): string {
  // Plain string operations rather than regular expressions: finders call this for every image they read.
  let s = ref.trim();
  const first = s.charCodeAt(0);
  if (first === 34 || first === 39) s = s.slice(1);
  const last = s.charCodeAt(s.length - 1);
  if (last === 34 || last === 39) s = s.slice(0, -1);
  s = s.toLowerCase();
  if (!s || s.includes('$') || s.includes('{')) return '';
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  // A tag follows the last ':' after the last '/'; a ':' before it is a registry's port.
  const slash = s.lastIndexOf('/');
  const colon = s.indexOf(':', slash + 1);
  if (colon >= 0) s = s.slice(0, colon);
  for (const registry of DOCKER_HUB) {
    if (s.startsWith(registry)) {
      s = s.slice(registry.length);
      break;
    }
  }
  return s.startsWith('library/') ? s.slice(8) : s;
}

/** The names of Docker Hub an image reference may start with, each with its slash. */
const DOCKER_HUB = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/'];
