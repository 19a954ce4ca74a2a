import type { PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, portValue } from '../vocabulary/common';
import { indexIn, isDigit, digitsEnd } from '../text/chars';
import { scanCommand } from '../vocabulary/commands';
import { scanComment, scanValueText, TEXT } from '../vocabulary/values';
import { readPortItem } from '../vocabulary/portValue';
import { scanKeyValue } from '../vocabulary/keyValues';
import { wordOffsets, Lines, NextDigit, NextIndex } from '../text/words';

/** Instructions whose arguments are a command (shell or exec form). */
const COMMANDS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** The instructions the finder treats in their own way, by length, to name an instruction without slicing it. */
const INSTRUCTIONS: string[][] = [];
for (const i of ['EXPOSE', 'ENV', 'ARG', 'LABEL', 'FROM', 'USER', 'STOPSIGNAL', 'WORKDIR', 'VOLUME', 'SHELL', 'HEALTHCHECK', 'RUN', 'CMD', 'ENTRYPOINT', 'COPY', 'ONBUILD']) {
  (INSTRUCTIONS[i.length] ??= []).push(i);
}

/**
 * The instruction text[s, e) in upper case, as `toUpperCase` would give it, when it is one the finder
 * knows; '' for any other. ASCII words are matched in place; a word with other characters (some of
 * which upper-case to ASCII letters) takes the string route.
 */
function instructionAt(text: string, s: number, e: number): string {
  const list = INSTRUCTIONS[e - s];
  for (let i = s; i < e; i++) {
    if (text.charCodeAt(i) >= 128) {
      const upper = text.slice(s, e).toUpperCase();
      return INSTRUCTIONS[upper.length]?.includes(upper) ? upper : '';
    }
  }
  if (list === undefined) return '';
  next: for (const w of list) {
    for (let k = 0; k < w.length; k++) {
      const c = text.charCodeAt(s + k);
      const u = w.charCodeAt(k);
      if (c !== u && c !== u + 32) continue next;
    }
    return w;
  }
  return '';
}

/**
 * Finds the ports in a Dockerfile: `EXPOSE 80/tcp 443 7000-7010`, port keys in `ENV`/`ARG`/`LABEL`
 * (`ENV PORT=8080`, `ENV PORT 8080`), a registry port in `FROM registry.local:5000/app`, and
 * `--port N`, URLs and `host:port` in `RUN`/`CMD`/`ENTRYPOINT`/`HEALTHCHECK`. Image tags, versions,
 * `USER 1000` and option values such as `--retries=3` are not ports.
 */
export const findDockerfilePorts: PortFinder = (text) => {
  const out: PortOccurrence[] = [];
  let escape = 92; // `\`, or a backtick after `# escape=\``
  let instr = '';
  let continued = false;
  let first = true;
  let heredoc = '';
  let envLegacy = false;
  const lines = new Lines(text);
  const digits = new NextDigit(text);
  const angles = new NextIndex(text, 60 /* < */);
  while (lines.next()) {
    const le = lines.end;
    let s = lines.start;
    while (s < le && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
    // Every port is a digit run: a stretch without digits yields nothing, though it may change state.
    const hasDigit = digits.from(s) < le;
    if (heredoc) {
      if (text.slice(s, le).trim() === heredoc) heredoc = '';
      else if (hasDigit) scanCommand(text, s, le, out);
      continue;
    }
    let e = le;
    while (e > s && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (s >= e) {
      continue;
    }
    if (text.charCodeAt(s) === 35 /* # */) {
      if (first && /^#\s*escape\s*=\s*`/.test(text.slice(s, e))) escape = 96;
      if (hasDigit) scanComment(text, s + 1, e, out);
      continue;
    }
    first = false;
    const wasContinued = continued;
    continued = text.charCodeAt(e - 1) === escape;
    const argsEnd = continued ? e - 1 : e;
    let as = s;
    let startOfInstr = false;
    if (!wasContinued) {
      let w = s;
      while (w < e && !(text.charCodeAt(w) === 32 || text.charCodeAt(w) === 9)) w++;
      instr = instructionAt(text, s, w);
      as = w;
      // `ONBUILD RUN ...` carries another instruction.
      if (instr === 'ONBUILD') {
        while (as < e && (text.charCodeAt(as) === 32 || text.charCodeAt(as) === 9)) as++;
        w = as;
        while (w < e && !(text.charCodeAt(w) === 32 || text.charCodeAt(w) === 9)) w++;
        instr = instructionAt(text, as, w);
        as = w;
      }
      startOfInstr = true;
    }
    if (instr === 'RUN' || instr === 'COPY') {
      // A heredoc starts at `<<`; the expression runs only on lines that have one.
      const limit = Math.min(argsEnd, as + 4096);
      const lt = angles.from(as);
      if (lt >= 0 && lt < limit) {
        const hd = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/.exec(text.slice(as, limit));
        if (hd) heredoc = hd[1];
      }
    }
    if (instr === 'ENV' && startOfInstr) envLegacy = !isPairForm(text, as, argsEnd);
    if (!hasDigit || digits.from(as) >= argsEnd) continue;
    switch (instr) {
      case 'EXPOSE': {
        const words = wordOffsets(text, as, argsEnd, false);
        for (let k = 0; k < words.length; k += 2) readPortItem(text, words[k], words[k + 1], 'listen', out);
        break;
      }
      case 'ENV':
        if (envLegacy) legacyEnv(text, as, argsEnd, out);
        else pairs(text, as, argsEnd, out);
        break;
      case 'ARG':
      case 'LABEL':
        pairs(text, as, argsEnd, out);
        break;
      case 'FROM': {
        const words = wordOffsets(text, as, argsEnd, false);
        for (let k = 0; k < words.length; k += 2) registryPort(text, words[k], words[k + 1], out);
        break;
      }
      case 'USER':
      case 'STOPSIGNAL':
      case 'WORKDIR':
      case 'VOLUME':
      case 'SHELL':
        break;
      case 'HEALTHCHECK': {
        // `HEALTHCHECK --interval=30s CMD ...`: the command follows the `CMD` word.
        const cmd = startOfInstr ? / CMD\s/i.exec(text.slice(as, Math.min(argsEnd, as + 4096))) : null;
        if (cmd) {
          scanCommand(text, as + cmd.index + 4, argsEnd, out);
          break;
        }
        scanCommand(text, as, argsEnd, out);
        break;
      }
      default:
        if (COMMANDS.has(instr)) scanCommand(text, as, argsEnd, out);
        else scanValueText(text, as, argsEnd, out, TEXT);
    }
  }
  return finish(out);
};

/** True when `ENV` arguments are `KEY=value` pairs rather than the legacy `ENV KEY value`. */
function isPairForm(text: string, s: number, e: number): boolean {
  while (s < e && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9)) s++;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 61) return true;
    if (c === 32 || c === 9) return false;
  }
  return false;
}

/** `ENV PORT 8080`: one key, the rest of the line is its value. */
function legacyEnv(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const words = wordOffsets(text, s, e, false);
  if (words.length < 4) {
    if (words.length === 2) scanValueText(text, words[0], words[1], out, TEXT);
    return;
  }
  scanKeyValue(text, text.slice(words[0], words[1]), words[2], e, out);
}

/** `KEY=value KEY2="a b"` pairs, as `ENV`, `ARG` and `LABEL` write them. */
function pairs(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let i = s;
  while (i < e) {
    while (i < e && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i >= e) break;
    const ks = i;
    let kq = text.charCodeAt(i);
    if (kq === 34 || kq === 39) {
      const close = indexIn(text, kq, i + 1, e);
      i = close < 0 ? e : close + 1;
    } else {
      kq = 0;
      while (i < e && text.charCodeAt(i) !== 61 && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) i++;
    }
    const key = text.slice(kq ? ks + 1 : ks, kq ? i - 1 : i);
    if (text.charCodeAt(i) !== 61) {
      // `ARG NAME` without a default.
      continue;
    }
    const vs = i + 1;
    let ve = vs;
    const q = text.charCodeAt(vs);
    if (q === 34 || q === 39) {
      let j = vs + 1;
      while (j < e && text.charCodeAt(j) !== q) j += text.charCodeAt(j) === 92 ? 2 : 1;
      ve = Math.min(j + 1, e);
    } else {
      while (ve < e && text.charCodeAt(ve) !== 32 && text.charCodeAt(ve) !== 9) ve += text.charCodeAt(ve) === 92 ? 2 : 1;
      ve = Math.min(ve, e);
    }
    scanKeyValue(text, key, vs, ve, out);
    i = ve;
  }
}

/** `FROM registry.local:5000/team/api:2.3.1`: the registry port, never the image tag. */
function registryPort(text: string, s: number, e: number, out: PortOccurrence[]): void {
  if (text.charCodeAt(s) === 45 /* --platform */) return;
  const slash = indexIn(text, 47, s, e);
  if (slash < 0) return;
  const colon = indexIn(text, 58, s, slash);
  if (colon < 0) return;
  const de = digitsEnd(text, colon + 1, slash);
  if (de !== slash || de === colon + 1 || !isDigit(text.charCodeAt(colon + 1))) return;
  const port = portValue(text, colon + 1, de);
  if (port < 0) return;
  out.push({ start: colon + 1, end: de, kind: 'port', port, role: 'connect', host: text.slice(s, colon) });
}
