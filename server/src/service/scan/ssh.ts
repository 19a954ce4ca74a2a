import type { PortFinder, PortOccurrence, PortRole } from './types';
import { finish, indexIn } from './common';
import { commentStart, readAddress, readPortItem, scanCommand, scanComment, splitWords } from './keyvalue';

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
  // A plain loop over line offsets: no generator, no [start, end] array per line.
  const textLength = text.length;
  for (let ls = 0, nextNl = 0; ls <= textLength; ls = nextNl + 1) {
    nextNl = text.indexOf('\n', ls);
    if (nextNl < 0) nextNl = textLength;
    const le = nextNl > ls && text.charCodeAt(nextNl - 1) === 13 ? nextNl - 1 : nextNl;
    let s = ls;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    if (s >= le) continue;
    const cs = commentStart(text, s, le, '#');
    if (cs < le) scanComment(text, cs + 1, le, out);
    if (cs === s) continue;
    // The keyword ends at whitespace or `=`.
    let k = s;
    while (k < cs && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9 && text.charCodeAt(k) !== 61) k++;
    const kw = text.slice(s, k).toLowerCase();
    let v = k;
    while (v < cs && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
    if (text.charCodeAt(v) === 61) {
      v++;
      while (v < cs && (text.charCodeAt(v) === 32 || text.charCodeAt(v) === 9)) v++;
    }
    const words = splitWords(text, v, cs);
    switch (kw) {
      case 'port':
        for (const [ws, we] of words) readPortItem(text, ws, we, client ? 'connect' : 'listen', out);
        break;
      case 'localforward':
      case 'remoteforward':
        if (words.length >= 1) readAddress(text, words[0][0], words[0][1], kw === 'localforward' ? 'listen' : 'host', out, { bareNumber: true, anyHost: true, emptyHost: true });
        if (words.length >= 2) readAddress(text, words[1][0], words[1][1], 'connect', out, { anyHost: true });
        break;
      case 'dynamicforward':
        if (words.length >= 1) readAddress(text, words[0][0], words[0][1], 'listen', out, { bareNumber: true, anyHost: true, emptyHost: true });
        break;
      case 'listenaddress':
        if (words.length >= 1) readAddress(text, words[0][0], words[0][1], 'listen', out, { anyHost: true });
        break;
      case 'permitlisten':
        addressList(text, words, 'listen', true, out);
        break;
      case 'permitopen':
        addressList(text, words, 'connect', false, out);
        break;
      case 'proxyjump':
        for (const [ws, we] of words) jumpHosts(text, ws, we, out);
        break;
      case 'proxycommand':
      case 'localcommand':
      case 'remotecommand':
      case 'knownhostscommand':
        scanCommand(text, v, cs, out);
        break;
      default:
        // HostName, Host patterns, intervals, counts and key files hold no ports.
        break;
    }
  }
  return finish(out);
};

function addressList(text: string, words: Array<[number, number]>, role: PortRole, bare: boolean, out: PortOccurrence[]): void {
  for (const [ws, we] of words) readAddress(text, ws, we, role, out, { bareNumber: bare, anyHost: true });
}

/** `ProxyJump user@bastion:2222,ssh://admin@jump.example.com:2200`. */
function jumpHosts(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let hs = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 44) {
      let a = hs;
      const sep = indexIn(text, 58, a, i);
      if (sep >= 0 && text.startsWith('://', sep)) a = sep + 3;
      readAddress(text, a, i, 'connect', out, { anyHost: true });
      hs = i + 1;
    }
  }
}
