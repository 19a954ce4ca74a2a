import type { Protocol } from '../../registry/types';
import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, joinMapping, protocolWord } from '../vocabulary/common';
import { indexIn, skipBlanks } from '../text/chars';
import { scanCommand } from '../vocabulary/commands';
import { scanComment, scanValueText } from '../vocabulary/values';
import { type AddressOptions, readAddress, readPortItem } from '../vocabulary/portValue';
import { scanKeyValue } from '../vocabulary/keyValues';
import { giveKey } from '../vocabulary/keys';
import { Lines, wordOffsets, WordSet } from '../text/words';

/**
 * The keys this finder tells apart, compared in place (lower-case): the first three are socket keys
 * whose value is a listen address, with the protocol they imply.
 */
const KEYS = new WordSet([
  'listenstream', 'listendatagram', 'listensequentialpacket', 'environment', 'socketbindallow', 'socketbinddeny',
  'publishport', 'exposehostport', 'image',
  // Free text, where only URLs and `host:port` count.
  'description', 'documentation', 'environmentfile', 'after', 'before', 'wants', 'requires', 'wantedby',
]);
/**
 * How the socket keys' values are read: a bare number is a port, any host goes, with the protocol each
 * key implies. Options objects made once, all with the same fields, rather than one per line.
 */
const LISTEN_OPTIONS: AddressOptions[] = (['tcp', 'udp', undefined] as Array<Protocol | undefined>).map(
  (protocol) => ({ bareNumber: true, anyHost: true, emptyHost: false, protocol }),
);
const [ENVIRONMENT, SOCKET_BIND_ALLOW, SOCKET_BIND_DENY, PUBLISH_PORT, EXPOSE_HOST_PORT, IMAGE] = [3, 4, 5, 6, 7, 8];

/** Key prefixes of limits, delays, priorities and identities: their numbers are not ports. */
const NOT_PORT_PREFIXES = new WordSet([
  'limit', 'timeout', 'restart', 'nice', 'memory', 'cpu', 'io', 'tasks', 'startlimit', 'runtimemax', 'watchdog', 'oomscore',
  'umask', 'user', 'group',
]);

/** What a continuation line belongs to. */
const enum Continued { No, Exec, Other }

/**
 * Finds the ports in a systemd unit (and Podman Quadlet `.container` files): `ListenStream=`,
 * `ListenDatagram=`, `Environment=PORT=3000`, `--port`/`host:port`/URLs in `Exec*=` commands,
 * `SocketBindAllow=tcp:8080`, Quadlet `PublishPort=` and `ExposeHostPort=`. Limits, delays,
 * priorities, sizes and socket paths are not ports.
 */
export const findSystemdPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  let continued = Continued.No;
  const lines = new Lines(text);
  while (lines.next()) {
    const le = lines.end;
    const s = skipBlanks(text, lines.start, le);
    if (s >= le) {
      continued = Continued.No;
      continue;
    }
    const c = text.charCodeAt(s);
    if (!continued && (c === 35 || c === 59)) {
      scanComment(text, s + 1, le, out);
      continue;
    }
    let e = le;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    const more = text.charCodeAt(e - 1) === 92;
    const ve = more ? e - 1 : e;
    if (continued !== Continued.No) {
      if (continued === Continued.Exec) scanCommand(text, s, ve, out);
      else scanValueText(text, s, ve, out);
      if (!more) continued = Continued.No;
      continue;
    }
    if (c === 91 /* [ */) continue;
    const eq = indexIn(text, 61, s, e);
    if (eq < 0) continue;
    let vs = eq + 1;
    while (vs < ve && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
    // The key is read where it stands; one with a non-ASCII character is trimmed and lower-cased as a string.
    let src = text;
    let ka = s;
    let kb = eq;
    while (ka < kb && isAsciiSpace(text.charCodeAt(ka))) ka++;
    while (kb > ka && isAsciiSpace(text.charCodeAt(kb - 1))) kb--;
    for (let i = ka; i < kb; i++) {
      if (text.charCodeAt(i) >= 128) {
        src = text.slice(s, eq).trim().toLowerCase();
        ka = 0;
        kb = src.length;
        break;
      }
    }
    const exec = kb - ka >= 4 && isExec(src, ka);
    if (more && kb > ka) continued = exec ? Continued.Exec : Continued.Other;
    const id = KEYS.indexOf(src, ka, kb);
    if (id >= 0 && id < LISTEN_OPTIONS.length) {
      readAddress(text, vs, ve, 'listen', out, LISTEN_OPTIONS[id]);
    } else if (id === ENVIRONMENT) {
      const words = wordOffsets(text, vs, ve, false);
      for (let k = 0; k < words.length; k += 2) environmentItem(text, words[k], words[k + 1], out);
    } else if (exec) {
      // `ExecStart=-/usr/bin/app` prefixes (`-`, `@`, `+`, `!`, `:`) are not part of the command.
      let cs = vs;
      while (cs < ve && isExecPrefix(text.charCodeAt(cs))) cs++;
      scanCommand(text, cs, ve, out);
    } else if (id === SOCKET_BIND_ALLOW || id === SOCKET_BIND_DENY) {
      socketBind(text, vs, ve, out);
    } else if (id === PUBLISH_PORT || id === EXPOSE_HOST_PORT) {
      const first = out.length;
      if (id === PUBLISH_PORT) publishPort(text, vs, ve, out);
      else readPortItem(text, vs, ve, 'listen', out);
      giveKey(out, first, src, ka, kb);
    } else if (id >= IMAGE) {
      scanValueText(text, vs, ve, out);
    } else if (!NOT_PORT_PREFIXES.hasPrefixOf(src, ka, kb)) {
      if (src === text) scanKeyValue(text, text.slice(ka, kb).toLowerCase(), vs, ve, out, { written: text.slice(ka, kb) });
      else scanKeyValue(text, src, vs, ve, out);
    }
  }
  return finish(out);
};

function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** True when the key at `k` starts with `exec` in any case. */
function isExec(key: string, k: number): boolean {
  return (key.charCodeAt(k) | 32) === 101 && (key.charCodeAt(k + 1) | 32) === 120 && (key.charCodeAt(k + 2) | 32) === 101 &&
    (key.charCodeAt(k + 3) | 32) === 99;
}

function isExecPrefix(c: number): boolean {
  return c === 45 /* - */ || c === 64 /* @ */ || c === 43 /* + */ || c === 33 /* ! */ || c === 58 /* : */;
}

/** `"PORT=3000"`, `DB_PORT=5432`, `"DATABASE_URL=postgres://db:5432/app"`. */
function environmentItem(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const q = text.charCodeAt(s);
  if ((q === 34 || q === 39) && e - s >= 2 && text.charCodeAt(e - 1) === q) {
    s++;
    e--;
  }
  const eq = indexIn(text, 61, s, e);
  if (eq < 0) return;
  scanKeyValue(text, text.slice(s, eq), eq + 1, e, out);
}

/** `SocketBindAllow=tcp:8080`, `ipv4:udp:5353`, `8000-8100`, `any`. */
function socketBind(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let protocol: Protocol | undefined;
  let ps = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 58) {
      if (i === e) readPortItem(text, ps, e, 'listen', out, protocol);
      else protocol = protocolWord(text.slice(ps, i)) ?? protocol;
      ps = i + 1;
    }
  }
}

/** Quadlet `PublishPort=[ip:][hostPort:]containerPort[/proto]`. */
function publishPort(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let pe = e;
  let protocol: Protocol | undefined;
  const slash = indexIn(text, 47, s, e);
  if (slash >= 0) {
    protocol = protocolWord(text.slice(slash + 1, e));
    pe = slash;
  }
  // Split on the colons that are not inside `[...]`.
  const parts: Array<[number, number]> = [];
  let ps = s;
  let bracket = false;
  for (let i = s; i <= pe; i++) {
    const c = i < pe ? text.charCodeAt(i) : 58;
    if (c === 91) bracket = true;
    else if (c === 93) bracket = false;
    else if (c === 58 && !bracket) {
      parts.push([ps, i]);
      ps = i + 1;
    }
  }
  const n = parts.length;
  if (n === 0) return;
  const first = out.length;
  readPortItem(text, parts[n - 1][0], parts[n - 1][1], n === 1 ? 'listen' : 'container', out, protocol);
  if (n >= 2 && parts[n - 2][1] > parts[n - 2][0]) readPortItem(text, parts[n - 2][0], parts[n - 2][1], 'host', out, protocol);
  joinMapping(out, first, 'mapping');
}
