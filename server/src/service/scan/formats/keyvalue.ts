import type { Protocol } from '../../registry/types';
import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { nameAt } from '../vocabulary/occurrence';
import { finish, portValue } from '../vocabulary/common';
import { digitsEnd, indexIn, isDigit, isSpace, isWordChar } from '../text/chars';
import { WordSet, commentStart, splitWords, wordOffsets } from '../text/words';
import { isConfigPortKeyIn, roleForKeyIn } from '../vocabulary/keys';
import { scanComment, scanValueText } from '../vocabulary/values';
import { type AddressOptions, hostOcc, readAddress, readPortItem } from '../vocabulary/portValue';
import { scanKeyValueAt, scanPair } from '../vocabulary/keyValues';

/*
 * Key/value configuration files (Java .properties, INI, my.cnf, postgresql.conf, redis.conf,
 * supervisord, php-fpm, uwsgi, mosquitto, Postfix, Tor, ...): `key = value`, `key: value` and `key value` lines.
 */

/** Sections of my.cnf whose `port` is the server a client program connects to. */
const CLIENT_SECTIONS = new Set(['client', 'mysql', 'mysqldump', 'mysqladmin', 'mysqlcheck', 'mysqlimport', 'mysqlshow', 'mysqlslap', 'mariadb-client']);

/**
 * Finds the ports in a key/value config: `key=value`, `key: value`, `key = value`, `key value`
 * (redis.conf), `[section]` headers, `#` `;` `!` comments and `\` continuation lines.
 */
export const findKeyValuePorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  // Whether the current section is one of a client program's.
  let clientSection = false;
  let continued = false;
  const n = text.length;
  for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
    nl = text.indexOf('\n', ls);
    if (nl < 0) nl = n;
    const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    let s = ls;
    while (s < le && isSpace(text.charCodeAt(s))) s++;
    if (s >= le) {
      continued = false;
      continue;
    }
    const wasContinued = continued;
    continued = text.charCodeAt(le - 1) === 92 && !(le - 2 >= s && text.charCodeAt(le - 2) === 92);
    const c = text.charCodeAt(s);
    if (wasContinued) {
      scanValueText(text, s, le, out);
      continue;
    }
    if (c === 35 || c === 59 || c === 33) {
      continued = false;
      scanComment(text, s + 1, le, out);
      continue;
    }
    const cs = commentStart(text, s, le, '#;');
    if (cs < le) scanComment(text, cs + 1, le, out);
    let e = cs;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (c === 91 /* [ */) {
      const close = indexIn(text, 93, s, e);
      if (close > s) {
        clientSection = CLIENT_SECTIONS.has(text.slice(s + 1, close).trim().toLowerCase());
        continue;
      }
    }
    scanLine(text, s, e, out, clientSection);
  }
  return finish(out);
};

function scanLine(text: string, s: number, e: number, out: PortOccurrence[], clientSection: boolean): void {
  // The key runs to `=`, `:` or whitespace; `\` escapes a separator inside a properties key.
  let k = s;
  while (k < e) {
    const c = text.charCodeAt(k);
    if (c === 92) {
      k += 2;
      continue;
    }
    if (c === 61 || c === 58 || isSpace(c)) break;
    k++;
  }
  const ke = Math.min(k, e);
  let v = k;
  while (v < e && isSpace(text.charCodeAt(v))) v++;
  const sep = text.charCodeAt(v);
  // A master.cf service line has `inet` after its first column, which may be `host:port`.
  if ((sep === 105 /* i */ ? v > k : sep === 58) && masterServiceLine(text, s, e, out)) return;
  if (v > k && v < e && sep !== 61 && sep !== 58 && multiWordKey(text, s, ke, v, e, out, clientSection)) return;
  if (v < e && sep === 58 && isDigit(text.charCodeAt(v + 1)) && !isConfigPortKeyIn(text, s, ke)) {
    // `localhost:8080` alone on a line is an address, not a key.
    scanValueText(text, s, e, out, { address: true });
    return;
  }
  if (v < e && (sep === 61 || sep === 58)) {
    v++;
    while (v < e && isSpace(text.charCodeAt(v))) v++;
  } else if (v === k) {
    // A line with no separator at all (`skip-networking`).
    scanValueText(text, s, e, out);
    return;
  }
  // Apache `<VirtualHost _default_:443 *:80>`: each word is an address.
  if (text.charCodeAt(s) === 60 /* < */ && ke - s === 12 && VIRTUAL_HOST.has(text, s + 1, ke)) {
    const words = wordOffsets(text, v, text.charCodeAt(e - 1) === 62 ? e - 1 : e, false);
    for (let n = 0; n < words.length; n += 2) readAddress(text, words[n], words[n + 1], 'listen', out, VIRTUAL_HOST_ADDRESS);
    return;
  }
  const special = REDIS_KEYS.indexOf(text, s, ke);
  if (special === REPLICAOF || special === SLAVEOF) {
    // redis `replicaof <host> <port>`
    const words = splitWords(text, v, e);
    if (words.length >= 2) readPortItem(text, words[1][0], words[1][1], 'connect', out);
    return;
  }
  if (special === SENTINEL) {
    // sentinel.conf `sentinel monitor <name> <host> <port> <quorum>`
    const words = splitWords(text, v, e);
    if (words.length >= 4 && text.slice(words[0][0], words[0][1]).toLowerCase() === 'monitor') {
      readPortItem(text, words[3][0], words[3][1], 'connect', out);
      return;
    }
  }
  // openvpn `management 127.0.0.1 7505`, `remote vpn.example.com 1194`: a host, then its port.
  if (hostThenPort(text, v, e, out)) return;
  scanKeyValueAt(text, s, ke, v, e, out, clientSection ? 'connect' : undefined);
}

/** True when text[s, e) is a name: an ASCII letter, then letters, digits, `_`, `-` or `.`. */
function isNameWord(text: string, s: number, e: number): boolean {
  const c0 = text.charCodeAt(s);
  if (e <= s || !((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90))) return false;
  for (let i = s + 1; i < e; i++) if (!isWordChar(text.charCodeAt(i))) return false;
  return true;
}

/**
 * INI and Samba keys of several words, `smb ports = 445 139`, `bind interfaces only = yes`: the first
 * word is text[s, ke) and the next starts at `w`. When every word up to an `=` is a name (no number, so
 * torrc's `SocksPort 9050 IsolateX=1` and sshd's `keepalive 10 120` keep their first word as the key),
 * the key is all of them: its last word decides whether the value is ports, all its words give the role.
 * Returns true when it read the line.
 */
function multiWordKey(text: string, s: number, ke: number, w: number, e: number, out: PortOccurrence[], clientSection: boolean): boolean {
  if (!isNameWord(text, s, ke)) return false;
  let lw = w;
  let i = w;
  for (;;) {
    const ws = i;
    while (i < e && isWordChar(text.charCodeAt(i))) i++;
    if (!isNameWord(text, ws, i)) return false;
    lw = ws;
    const we = i;
    while (i < e && isSpace(text.charCodeAt(i))) i++;
    if (i >= e) return false;
    if (text.charCodeAt(i) === 61 /* = */) {
      let vs = i + 1;
      while (vs < e && isSpace(text.charCodeAt(vs))) vs++;
      if (isConfigPortKeyIn(text, lw, we)) scanPair(text, text, lw, we, vs, e, out, clientSection ? 'connect' : roleForKeyIn(text, s, we));
      else scanPair(text, text, s, we, vs, e, out, clientSection ? 'connect' : undefined);
      return true;
    }
    // Words are separated by blanks; anything else (`:`, a quote, a path) is no key of names.
    if (i === we) return false;
  }
}

/** Postfix master.cf's private, unpriv and chroot columns: `y`, `n` or `-`. */
function isFlagColumn(text: string, i: number, e: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 121 || c === 110 || c === 45) && i + 1 < e && isSpace(text.charCodeAt(i + 1));
}

/**
 * A Postfix master.cf service line `2525 inet n - y - - smtpd`, `127.0.0.1:10025 inet ...`,
 * `submission inet ...`: the type column `inet` followed by three `y`/`n`/`-` columns marks it, and the
 * first column is what the service listens on, a port, `host:port` or a service name. Returns true when
 * it read the line.
 */
function masterServiceLine(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  let fe = s;
  while (fe < e && !isSpace(text.charCodeAt(fe))) fe++;
  let t = fe;
  while (t < e && isSpace(text.charCodeAt(t))) t++;
  if (t === fe || t + 5 >= e || !text.startsWith('inet', t) || !isSpace(text.charCodeAt(t + 4))) return false;
  let c = t + 4;
  for (let n = 0; n < 3; n++) {
    while (c < e && isSpace(text.charCodeAt(c))) c++;
    if (!isFlagColumn(text, c, e)) return false;
    c += 1;
  }
  if (digitsEnd(text, s, fe) === fe) {
    readPortItem(text, s, fe, 'listen', out);
  } else if (indexIn(text, 58, s, fe) >= 0) {
    readAddress(text, s, fe, 'listen', out, MASTER_ADDRESS);
  } else if (isNameWord(text, s, fe)) {
    out.push(nameAt('service', s, fe, text.slice(s, fe), 'listen'));
  }
  return true;
}

const MASTER_ADDRESS: AddressOptions = { anyHost: true, emptyHost: true };

const VIRTUAL_HOST = new WordSet(['virtualhost']);
const VIRTUAL_HOST_ADDRESS: AddressOptions = { anyHost: true };

/**
 * Reads a value of exactly two words, a host and a number (`127.0.0.1 7505`, `redis.internal 6379`),
 * or three with a protocol last (`vpn.example.com 1194 udp`), and pushes the number as the host's port. The host is an IPv4 address that is not a network (`10.8.0.0
 * 255.255.255.0` is a route), `localhost`, or a lower-case dotted name that is not a file (`ta.key 0`,
 * `openvpn-status.log 30`). Returns true when it pushed.
 */
function hostThenPort(text: string, s: number, e: number, out: PortOccurrence[]): boolean {
  if (e <= s) return false;
  // openvpn `remote vpn.example.com 1194 udp`: a protocol may follow the port.
  let protocol: Protocol | undefined;
  const lc = text.charCodeAt(e - 1);
  if (!isDigit(lc)) {
    if (lc !== 112 && lc !== 80 && lc !== 116) return false;
    let w = e;
    while (w > s && !isSpace(text.charCodeAt(w - 1))) w--;
    if (!TRANSPORTS.has(text, w, e)) return false;
    protocol = (text.charCodeAt(w) | 32) === 117 /* u */ ? 'udp' : 'tcp';
    e = w;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  }
  // The number comes last: most values are ruled out by their last character.
  if (e <= s || !isDigit(text.charCodeAt(e - 1))) return false;
  let ps = e;
  while (ps > s && isDigit(text.charCodeAt(ps - 1))) ps--;
  if (ps === s || !isSpace(text.charCodeAt(ps - 1)) || text.charCodeAt(ps) === 48 /* 0 */) return false;
  let he = ps;
  while (he > s && isSpace(text.charCodeAt(he - 1))) he--;
  let hs = he;
  while (hs > s && !isSpace(text.charCodeAt(hs - 1))) hs--;
  if (hs !== s || !isHostWord(text, hs, he)) return false;
  const port = portValue(text, ps, e);
  if (port < 1 || port > 65535) return false;
  const host = text.slice(hs, he);
  out.push(hostOcc(ps, e, port, host === '0.0.0.0' ? 'listen' : 'connect', host, protocol));
  return true;
}

/** openvpn's protocol words after a `remote` host and port. */
const TRANSPORTS = new WordSet(['udp', 'tcp', 'tcp-client']);

/** File name endings that a dotted word ends in when it is a file rather than a host. */
const FILE_ENDINGS = new WordSet([
  'key', 'pem', 'crt', 'cert', 'cer', 'csr', 'der', 'p12', 'pfx', 'jks', 'log', 'txt', 'conf', 'cfg', 'ini', 'json', 'yaml',
  'yml', 'xml', 'toml', 'pid', 'sock', 'db', 'sqlite', 'dat', 'gz', 'zip', 'tar', 'so', 'dll', 'exe', 'sh', 'py', 'js', 'ts',
  'rb', 'go', 'pl', 'lua', 'java', 'jar', 'class', 'html', 'htm', 'css', 'md', 'lock', 'tmp', 'bak', 'bin', 'img', 'iso',
  'csv', 'out', 'err', 'map', 'list', 'pub', 'secret', 'keytab', 'crl', 'dh', 'env',
]);

/** True when text[s, e) is an IPv4 host address (not a network ending in `.0`), `localhost`, or a lower-case dotted host name. */
function isHostWord(text: string, s: number, e: number): boolean {
  if (e - s === 9 && text.startsWith('localhost', s)) return true;
  let dots = 0;
  let letters = false;
  let lastDot = -1;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      // No empty label: `a..b`, `.a`, `a.`.
      if (i === s || i === lastDot + 1) return false;
      dots++;
      lastDot = i;
    } else if (c >= 97 && c <= 122) letters = true;
    else if (!(isDigit(c) || ((c === 45 || c === 95) && i > s))) return false;
  }
  if (dots === 0 || lastDot === e - 1) return false;
  if (!letters) {
    // An IPv4 address of four numbers below 256, not a network or mask ending in `.0`.
    if (dots !== 3 || (e - lastDot === 2 && text.charCodeAt(e - 1) === 48)) return false;
    for (let i = s, part = s; i <= e; i++) {
      if (i === e || text.charCodeAt(i) === 46) {
        if (i - part > 3 || portValue(text, part, i) > 255) return false;
        part = i + 1;
      }
    }
    return true;
  }
  // A host name starts with a letter and its last label is letters only, not a file ending.
  if (!(text.charCodeAt(s) >= 97 && text.charCodeAt(s) <= 122)) return false;
  for (let i = lastDot + 1; i < e; i++) if (!(text.charCodeAt(i) >= 97 && text.charCodeAt(i) <= 122)) return false;
  return !FILE_ENDINGS.has(text, lastDot + 1, e);
}

/** redis.conf and sentinel.conf keys whose values are read by position. */
const REDIS_KEYS = new WordSet(['replicaof', 'slaveof', 'sentinel']);
const [REPLICAOF, SLAVEOF, SENTINEL] = [0, 1, 2];
