import type { Protocol } from '../registry/types';
import type { PortFinder, PortOccurrence } from './types';
import { finish, indexIn, protocolWord } from './common';
import { readAddress, readPortItem, scanCommand, scanComment, scanKeyValue, scanValueText, splitWords } from './keyvalue';

/** Socket unit keys whose value is a listen address, with the protocol they imply. */
const LISTEN: Record<string, Protocol | undefined> = {
  listenstream: 'tcp',
  listendatagram: 'udp',
  listensequentialpacket: undefined,
};

/**
 * Finds the ports in a systemd unit (and Podman Quadlet `.container` files): `ListenStream=`,
 * `ListenDatagram=`, `Environment=PORT=3000`, `--port`/`host:port`/URLs in `Exec*=` commands,
 * `SocketBindAllow=tcp:8080`, Quadlet `PublishPort=` and `ExposeHostPort=`. Limits, delays,
 * priorities, sizes and socket paths are not ports.
 */
export const findSystemdPorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  let continued = '';
  // A plain loop over line offsets: no generator, no [start, end] array per line.
  const textLength = text.length;
  for (let ls = 0, nextNl = 0; ls <= textLength; ls = nextNl + 1) {
    nextNl = text.indexOf('\n', ls);
    if (nextNl < 0) nextNl = textLength;
    const le = nextNl > ls && text.charCodeAt(nextNl - 1) === 13 ? nextNl - 1 : nextNl;
    let s = ls;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    if (s >= le) {
      continued = '';
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
    if (continued) {
      if (continued.startsWith('exec')) scanCommand(text, s, ve, out);
      else scanValueText(text, s, ve, out, {});
      if (!more) continued = '';
      continue;
    }
    if (c === 91 /* [ */) continue;
    const eq = indexIn(text, 61, s, e);
    if (eq < 0) continue;
    const key = text.slice(s, eq).trim().toLowerCase();
    let vs = eq + 1;
    while (vs < ve && (text.charCodeAt(vs) === 32 || text.charCodeAt(vs) === 9)) vs++;
    if (more) continued = key;
    if (key in LISTEN) {
      readAddress(text, vs, ve, 'listen', out, { bareNumber: true, anyHost: true, protocol: LISTEN[key] });
    } else if (key === 'environment') {
      for (const [ws, we] of splitWords(text, vs, ve)) environmentItem(text, ws, we, out);
    } else if (key.startsWith('exec')) {
      // `ExecStart=-/usr/bin/app` prefixes (`-`, `@`, `+`, `!`, `:`) are not part of the command.
      let cs = vs;
      while (cs < ve && '-@+!:'.includes(text[cs])) cs++;
      scanCommand(text, cs, ve, out);
    } else if (key === 'socketbindallow' || key === 'socketbinddeny') {
      socketBind(text, vs, ve, out);
    } else if (key === 'publishport') {
      publishPort(text, vs, ve, out);
    } else if (key === 'exposehostport') {
      readPortItem(text, vs, ve, 'listen', out);
    } else if (key === 'image') {
      scanValueText(text, vs, ve, out, {});
    } else if (/^(description|documentation|environmentfile|after|before|wants|requires|wantedby)$/.test(key)) {
      scanValueText(text, vs, ve, out, {});
    } else if (!/^(limit|timeout|restart|nice|memory|cpu|io|tasks|startlimit|runtimemax|watchdog|oomscore|umask|user|group)/.test(key)) {
      scanKeyValue(text, key, vs, ve, out);
    }
  }
  return finish(out);
};

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
  readPortItem(text, parts[n - 1][0], parts[n - 1][1], n === 1 ? 'listen' : 'container', out, protocol);
  if (n >= 2 && parts[n - 2][1] > parts[n - 2][0]) readPortItem(text, parts[n - 2][0], parts[n - 2][1], 'host', out, protocol);
}
