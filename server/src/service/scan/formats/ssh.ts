import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, joinMapping } from '../vocabulary/common';
import { indexIn, skipBlanks } from '../text/chars';
import { scanCommand } from '../vocabulary/commands';
import { scanComment } from '../vocabulary/values';
import { type AddressOptions, readAddress, readPortItem, readPortsValue } from '../vocabulary/portValue';
import { commentStart, Lines, WordSet, wordOffsets } from '../text/words';

/**
 * Finds the ports in an OpenSSH client or server configuration: `Port`, `LocalForward`,
 * `RemoteForward`, `DynamicForward`, `ListenAddress host:port`, `ProxyJump user@host:port`,
 * `PermitListen`, `PermitOpen`, and `-p N` / `host:port` in `ProxyCommand`. `HostName` addresses,
 * intervals, counts and key file names are not ports.
 */
export const findSshPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  // A client config has `Host` sections; in sshd_config `Port` is what the server binds.
  const client = /^[ \t]*(Host|HostName|ProxyJump|IdentityFile)[ \t=]/im.test(text.length > 65536 ? text.slice(0, 65536) : text);
  const lines = new Lines(text);
  while (lines.next()) {
    const le = lines.end;
    const s = skipBlanks(text, lines.start, le);
    if (s >= le) continue;
    const cs = commentStart(text, s, le, '#');
    if (cs < le) scanComment(text, cs + 1, le, out);
    if (cs === s) continue;
    // The keyword ends at whitespace or `=`.
    let k = s;
    while (k < cs && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9 && text.charCodeAt(k) !== 61) k++;
    let kw = KEYWORDS.indexOf(text, s, k);
    if (kw < 0 && hasNonAscii(text, s, k)) {
      // Unicode lower-casing may turn a non-ASCII character into an ASCII letter.
      const lower = text.slice(s, k).toLowerCase();
      kw = KEYWORDS.indexOf(lower, 0, lower.length);
    }
    // Every other keyword (HostName, Host patterns, intervals, counts, key files) holds no ports.
    if (kw < 0) continue;
    let v = k;
    while (v < cs && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
    if (text.charCodeAt(v) === 61) {
      v++;
      while (v < cs && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
    }
    if (kw >= COMMAND) {
      scanCommand(text, v, cs, out);
      continue;
    }
    const words = wordOffsets(text, v, cs, false);
    const n = words.length;
    switch (kw) {
      case PORT:
        for (let w = 0; w < n; w += 2) readPortItem(text, words[w], words[w + 1], client ? 'connect' : 'listen', out);
        break;
      case LOCAL_FORWARD:
      case REMOTE_FORWARD: {
        const first = out.length;
        if (n >= 2) readAddress(text, words[0], words[1], kw === LOCAL_FORWARD ? 'listen' : 'host', out, FORWARD_LISTEN);
        if (n >= 4) readAddress(text, words[2], words[3], 'connect', out, ANY_HOST);
        joinMapping(out, first, 'forward');
        break;
      }
      case DYNAMIC_FORWARD:
        if (n >= 2) readAddress(text, words[0], words[1], 'listen', out, FORWARD_LISTEN);
        break;
      case LISTEN_ADDRESS:
        if (n >= 2) readAddress(text, words[0], words[1], 'listen', out, ANY_HOST);
        break;
      case PERMIT_LISTEN:
        for (let w = 0; w < n; w += 2) readAddress(text, words[w], words[w + 1], 'listen', out, BARE_ANY_HOST);
        break;
      case PERMIT_OPEN:
        for (let w = 0; w < n; w += 2) readAddress(text, words[w], words[w + 1], 'connect', out, ANY_HOST);
        break;
      case PROXY_JUMP:
        for (let w = 0; w < n; w += 2) jumpHosts(text, words[w], words[w + 1], out);
        break;
      case MATCH:
        matchLocalPort(text, words, out);
        break;
    }
  }
  return finish(out);
};

/** The keywords whose values hold ports, compared in place (lower-case); the last four hold commands. */
const KEYWORDS = new WordSet([
  'port', 'localforward', 'remoteforward', 'dynamicforward', 'listenaddress', 'permitlisten', 'permitopen', 'proxyjump', 'match',
  'proxycommand', 'localcommand', 'remotecommand', 'knownhostscommand',
]);
const [PORT, LOCAL_FORWARD, REMOTE_FORWARD, DYNAMIC_FORWARD, LISTEN_ADDRESS, PERMIT_LISTEN, PERMIT_OPEN, PROXY_JUMP, MATCH, COMMAND] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

const FORWARD_LISTEN: AddressOptions = { bareNumber: true, anyHost: true, emptyHost: true };
const ANY_HOST: AddressOptions = { anyHost: true };
const BARE_ANY_HOST: AddressOptions = { bareNumber: true, anyHost: true };

function hasNonAscii(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (text.charCodeAt(i) >= 128) return true;
  return false;
}

/**
 * `Match LocalPort 2222` or `Match User git LocalPort 2222,2223`: the value of the `LocalPort`
 * criterion (also written `LocalPort=2222`) lists ports sshd listens on. Other criteria (`User`,
 * `Address 10.0.0.0/8`, `Host`) hold no ports, and a pattern with wildcards or `!` is left alone.
 */
function matchLocalPort(text: string, words: readonly number[], out: PortOccurrence[]): void {
  const n = words.length;
  for (let w = 0; w < n; w += 2) {
    const s = words[w];
    const e = words[w + 1];
    if (e - s < 9 || text.slice(s, s + 9).toLowerCase() !== 'localport') continue;
    if (e - s === 9) {
      if (w + 2 < n) readPortsValue(text, words[w + 2], words[w + 3], 'listen', out);
      w += 2;
    } else if (text.charCodeAt(s + 9) === 61 /* = */) {
      readPortsValue(text, s + 10, e, 'listen', out);
    }
  }
}

/** `ProxyJump user@bastion:2222,ssh://admin@jump.example.com:2200`. */
function jumpHosts(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let hs = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 44) {
      let a = hs;
      const sep = indexIn(text, 58, a, i);
      if (sep >= 0 && text.startsWith('://', sep)) a = sep + 3;
      readAddress(text, a, i, 'connect', out, ANY_HOST);
      hs = i + 1;
    }
  }
}
