import type { Protocol } from '../../registry/types';
import type { PortOccurrence, PortPair, PortRole } from './types';
import { portAt, rangeAt } from './occurrence';
import { ADDRESS_FLAGS, isPortKeyIn, portValue, protocolSuffix, protocolWord, sortTail } from './common';
import { digitsEnd, indexIn, isQuoteish, isSpace, lastIndexIn } from '../text/chars';
import { roleForKeyIn } from './keys';
import { readFirewallItem, readPortSpec, readPortValue } from './portValue';
import { isPortDigits, scanCommentContent, scanHostPortsInText, scanKeyEqualsPorts, scanPlaceholderDefaults, type TextScanOptions } from './codeText';
import { WordTable } from '../text/codeLexer';
import { keepShape } from '../text/keepShape';
import { readForward, scanPortPairs, unquotedEnd, unquotedStart } from './values';
import { scanUpstreamsActions } from './templates';
import { isEphemeralRangeKey, readEphemeralRange } from './sysctl';
import { COMMAND_TABLE, EVERY_COMMAND_LONG, type ArgumentsRule, type CommandRow, type Reading } from './commandTable';

/**
 * The one command reader. Shell scripts and Makefiles are read with it, and so is every command
 * another format holds (Dockerfile RUN/CMD, Compose and Kubernetes command/args, CI run steps,
 * systemd Exec lines, package.json scripts, Markdown fences), so a command reads the same wherever it
 * is written. Commands are split into words with shell quoting rules; each command is then read with
 * its row of the command table (commandTable.ts), which says which flags and arguments take ports and
 * with what role: `-p` is a port for `psql` and `ssh`, a published mapping for `docker run`, a
 * password for `mysql` and a process id for `ps`. Words are kept as offsets and compared where they
 * stand: a script has many words and few ports.
 */

/**
 * A row of the command table as the reader uses it: every field present, each short flag's reading
 * found by its character code.
 */
class CommandSpec {
  readonly runsCommand: boolean;
  readonly runsAssignments: boolean;
  readonly valueFlags: string;
  readonly role: PortRole;
  /** The reading of each short flag letter (by character code below 128), the defaults applied. */
  readonly short: (Reading | undefined)[] = new Array<Reading | undefined>(128).fill(undefined);
  /** The character code of `listenSwitch`, or -1. */
  readonly listenSwitch: number;
  readonly long: readonly (readonly [string, Reading])[];
  readonly glued: boolean;
  readonly portLists: boolean;
  /** Its `-c` takes a script: a shell. */
  readonly shell: boolean;
  readonly args: ArgumentsRule | undefined;
  readonly listenArgs: ArgumentsRule | undefined;
  readonly env: readonly string[] | undefined;
  /** A word after the program may be its subcommand (see CommandRow.subcommands). */
  readonly subcommands: boolean;
  /** The `program subcommand` strings given last (`docker run`), so that each command of a script shares one. */
  private readonly subPrograms: string[] = new Array<string>(8).fill('');
  private readonly subs: string[] = new Array<string>(8).fill('');
  private readonly subCommands: string[] = new Array<string>(8).fill('');
  private subNext = 0;

  constructor(row: CommandRow) {
    this.runsCommand = row.runs === 'command';
    this.runsAssignments = row.runs === 'assignments';
    this.valueFlags = row.valueFlags ?? '';
    this.role = row.role ?? 'listen';
    this.short[112 /* p */] = 'port';
    for (const [letter, reading] of Object.entries(row.short ?? {})) this.short[letter.charCodeAt(0)] = reading === 'no port' ? undefined : reading;
    this.listenSwitch = row.listenSwitch ? row.listenSwitch.charCodeAt(0) : -1;
    this.long = Object.entries(row.long ?? {});
    this.glued = row.glued ?? false;
    this.portLists = row.portLists ?? false;
    this.shell = row.short?.c === 'script';
    this.args = row.args;
    this.listenArgs = row.listenArgs;
    this.env = row.env;
    this.subcommands = row.subcommands ?? true;
  }

  /** `program` (one of the row's names) and its subcommand text[s, e), as one string. */
  commandWith(program: string, text: string, s: number, e: number): string {
    for (let i = 0; i < 8; i++) {
      const sub = this.subs[i];
      if (this.subPrograms[i] === program && sub.length === e - s && text.startsWith(sub, s)) return this.subCommands[i];
    }
    const i = this.subNext++ & 7;
    this.subPrograms[i] = program;
    this.subs[i] = text.slice(s, e);
    return (this.subCommands[i] = program + ' ' + this.subs[i]);
  }
}

/** How the words of a command no row names are read, and options given to a command named elsewhere (`JAVA_OPTS`). */
const ANY_COMMAND = new CommandSpec({ names: [] });

/** The rows of the command table, and a table of their names (row index + 1). */
/** Every name of the table, its row, and a table of the names (index + 1). */
const SPECS = COMMAND_TABLE.map((row) => new CommandSpec(row));
const DOCKER = SPECS[COMMAND_TABLE.findIndex((row) => row.names.includes('docker'))];
const NAME_LIST = COMMAND_TABLE.flatMap((row) => row.names);
const NAME_SPEC = COMMAND_TABLE.flatMap((row, i) => row.names.map(() => SPECS[i]));
const NAMES = new WordTable(NAME_LIST.map((name, i): [string, number] => [name, i + 1]));
/** `-a` ... `-z`, `-A` ... `-Z` and the other short flags, as strings, by the character code of their letter. */
const SHORT_FLAGS = Array.from({ length: 128 }, (_, c) => '-' + String.fromCharCode(c));
const EVERY_LONG = Object.entries(EVERY_COMMAND_LONG);
const LONG_NAMES = new WordTable(EVERY_LONG.map(([name], i): [string, number] => [name, i + 1]));

/** Words are read up to this many characters where their text matters (a longer word is no name). */
const WORD_TEXT_LIMIT = 200;

/**
 * The names an occurrence carries (its command, program, flag and key), read once: a script names
 * the same few commands and flags again and again, and each occurrence would otherwise hold copies
 * of its own. A small table by hash, whose slots are overwritten: bounded whatever the text.
 */
class NamesRead {
  private readonly names = new Array<string>(512).fill('');
  private readonly lower = new Array<string>(512).fill('');
  private readonly commands = new Map<string, Map<string, string>>();

  /** text[s, e) as a string, the one read before when it is in the table. */
  get(text: string, s: number, e: number): string {
    let h = e - s;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
    const slot = h & 511;
    const known = this.names[slot];
    if (known.length === e - s && text.startsWith(known, s)) return known;
    const name = text.slice(s, e);
    this.names[slot] = name;
    this.lower[slot] = '';
    return name;
  }

  /** `name` (a string `get` gave) in lower case. */
  lowerCase(name: string): string {
    let h = name.length;
    for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0;
    const slot = h & 511;
    if (this.names[slot] !== name) return name.toLowerCase();
    return this.lower[slot] || (this.lower[slot] = name.toLowerCase());
  }

  /** `program subcommand`, one string for each pair. */
  command(program: string, sub: string): string {
    let subs = this.commands.get(program);
    if (subs === undefined) {
      if (this.commands.size >= 256) this.commands.clear();
      this.commands.set(program, (subs = new Map()));
    }
    let command = subs.get(sub);
    if (command === undefined) {
      if (subs.size >= 64) subs.clear();
      subs.set(sub, (command = program + ' ' + sub));
    }
    return command;
  }
}

const NAMES_READ = new NamesRead();

/** The words of the command being read: offsets in two arrays, reused from command to command. */
class Words {
  s: number[] = [];
  e: number[] = [];
  /** WM_ bits of the characters of each word (positional arguments leave them 0). */
  m: number[] = [];
  n = 0;
  add(s: number, e: number, marks = 0): void {
    this.s[this.n] = s;
    this.e[this.n] = e;
    this.m[this.n] = marks;
    this.n++;
  }
}

// What the tokenizer saw in a word, so that `scanWord` need not read it again.
const WM_COLON = 2;
const WM_DOLLAR = 4;
/** The word has quotes, escapes or `$(...)` groups, whose characters were skipped unread. */
const WM_UNREAD = 8;
/** The word has an `=`: it may be an assignment. */
const WM_EQUALS = 16;
/** The word has a `/`: a command name may be a path. */
const WM_SLASH = 32;

/**
 * Reads shell commands in text[from, to) and appends their ports to `out`. Used for whole scripts
 * and for command strings inside other formats (the offsets are those of `text`).
 */
export function scanShellText(text: string, from: number, to: number, out: PortOccurrence[]): void {
  const r = new CommandRead(text, out, 0);
  let s = from;
  while (s < to && (text.charCodeAt(s) === 32 || text.charCodeAt(s) === 9 || text.charCodeAt(s) === 10 || text.charCodeAt(s) === 13)) s++;
  if (text.charCodeAt(s) === 91 /* [ */ && s < to && readExecArray(r, s, to)) return;
  scanShellCommands(r, from, to, undefined);
}

/** One reading of command text: the text, where its ports go, and what is known of the command being read. */
class CommandRead {
  /** The words of the command being read, and those of them that are plain arguments. */
  readonly words = new Words();
  readonly positional = new Words();
  /** Where the ports of the command being read begin in `out`. */
  first = 0;
  /** Its row of the command table, and the program's name when it is a plain word of the table (else ''). */
  spec = ANY_COMMAND;
  programName = '';
  /** The protocol a firewall rule names (`-p udp`, `--protocol tcp`), for the ports after it. */
  protocol: Protocol | undefined = undefined;
  /** The row's listen switch was given (`nc -l`). */
  listening = false;
  /** The module it runs (`python -m http.server`). */
  module = '';
  /** A shell was named (the command, or among its arguments: `docker exec web sh -c`): `-c` gives a script. */
  shell = false;
  /** Where the command that `docker exec` or `kubectl exec` runs inside starts and ends (-1: none), read as a command of its own. */
  insideFrom = -1;
  insideTo = -1;

  /** `depth`: how deep in scripts inside scripts (`sh -c '...'`) the text is. */
  constructor(readonly text: string, readonly out: PortOccurrence[], readonly depth: number) {}
}
keepShape(new CommandRead('', [], 0));

/**
 * A command written as a list, the exec form of Dockerfiles and of `command:` in Compose and
 * Kubernetes: `["python", "-m", "http.server", "8765"]`, `[nginx, -g, daemon off;]`. Its items are
 * the words of one command, each read as a whole. Returns false, reading nothing, when text[s, to)
 * is not such a list: `[ -f x ]` and `[ "$a" = 1 ]` are shell tests, which have no commas.
 */
function readExecArray(r: CommandRead, s: number, to: number): boolean {
  const text = r.text;
  const words = r.words;
  words.n = 0;
  let i = s + 1;
  let commas = 0;
  for (;;) {
    while (i < to && isListSpace(text.charCodeAt(i))) i++;
    if (i >= to) return false;
    const c = text.charCodeAt(i);
    if (c === 93 /* ] */ && words.n === commas) break;
    if (words.n > commas) {
      if (c === 93) break;
      if (c !== 44) return false;
      commas++;
      i++;
      continue;
    }
    if (c === 34 || c === 39) {
      // A quoted item; in double quotes a backslash escapes the next character.
      let j = i + 1;
      let marks = 0;
      while (j < to && text.charCodeAt(j) !== c) {
        if (c === 34 && text.charCodeAt(j) === 92) {
          marks = WM_UNREAD;
          j++;
        }
        j++;
      }
      if (j >= to) return false;
      words.add(i + 1, j, marks | itemMarks(text, i + 1, j));
      i = j + 1;
    } else {
      // A plain item runs to the next comma or the closing bracket; a YAML flow item may hold spaces.
      let j = i;
      while (j < to && text.charCodeAt(j) !== 44 && text.charCodeAt(j) !== 93 && text.charCodeAt(j) !== 91 && text.charCodeAt(j) !== 10) j++;
      if (j >= to || text.charCodeAt(j) === 91 || text.charCodeAt(j) === 10) return false;
      let e = j;
      while (e > i && isListSpace(text.charCodeAt(e - 1))) e--;
      words.add(i, e, WM_UNREAD | itemMarks(text, i, e));
      i = j;
    }
  }
  // Only a blank may follow the list.
  for (let j = i + 1; j < to; j++) if (!isListSpace(text.charCodeAt(j))) return false;
  if (commas === 0 || words.n === 0) return false;
  readCommand(r, undefined);
  return true;
}

function isListSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** The WM_ bits `scanShellCommands` would note for an item text[s, e) read as one word. */
function itemMarks(text: string, s: number, e: number): number {
  let m = 0;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) continue;
    const t = PLAIN[c];
    if (t !== 0) m |= t & ~1;
    else if (c === 36) m |= WM_DOLLAR;
    else m |= WM_UNREAD;
  }
  return m;
}

/**
 * The arguments of `docker run` in text[from, to), without the command itself: Jenkins'
 * `docker.image('postgres').withRun('-e X=1 -p 5433:5432')`.
 */
export function scanDockerRunArgs(text: string, from: number, to: number, out: PortOccurrence[]): void {
  scanShellCommands(new CommandRead(text, out, 0), from, to, DOCKER);
}

/**
 * Options given to a command named elsewhere, text[from, to): `JAVA_OPTS="-Dserver.port=8080"`,
 * `extra_args = --port 9000`. Every word is an argument; none is the command.
 */
export function scanCommandArguments(text: string, from: number, to: number, out: PortOccurrence[]): void {
  scanShellCommands(new CommandRead(text, out, 0), from, to, ANY_COMMAND);
}

/**
 * Scans a command given in shell form, or in exec form when it starts with `[` (a Dockerfile `CMD`,
 * a systemd `ExecStart`, an INI `command =`). A value that starts with a flag holds options of a
 * command named elsewhere (`JAVA_OPTS`, `extra_args`).
 */
export function scanCommand(text: string, s: number, e: number, out: PortOccurrence[]): void {
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  if (text.charCodeAt(s) === 45 /* - */) scanCommandArguments(text, s, e, out);
  else scanShellText(text, s, e, out);
}

/** A script given to `sh -c` in text[from, to), read as commands of its own; scripts two deep are left alone. */
function scanNestedScript(r: CommandRead, from: number, to: number): void {
  if (r.depth < 2) scanShellCommands(new CommandRead(r.text, r.out, r.depth + 1), from, to, undefined);
}

/**
 * `scanShellText` with `r`; `preset`, when set, is the row of a command that the first command's
 * words are the arguments of.
 */
function scanShellCommands(r: CommandRead, from: number, to: number, preset: CommandSpec | undefined): void {
  const text = r.text;
  const out = r.out;
  const words = r.words;
  words.n = 0;
  let ws = -1;
  // WM_ bits of the word being read.
  let wm = 0;
  let i = from;
  while (i < to) {
    let c = text.charCodeAt(i);
    if (c >= 128 || PLAIN[c] !== 0) {
      // The run of ordinary word characters, read in one tight loop.
      if (ws < 0) {
        ws = i;
        wm = 0;
      }
      for (;;) {
        if (c < 128) {
          const t = PLAIN[c];
          if (t === 0) break;
          wm |= t;
        }
        if (++i >= to) break;
        c = text.charCodeAt(i);
      }
      if (i >= to) break;
    }
    if (c === 32 || c === 9 || c === 13) {
      if (ws >= 0 && i > ws) words.add(ws, i, wm);
      ws = -1;
      i++;
      continue;
    }
    // A line end and `;` `|` `&` `(` `)` end a command.
    if (c === 10 || c === 59 || c === 124 || c === 38 || c === 40 || c === 41) {
      if (ws >= 0 && i > ws) words.add(ws, i, wm);
      ws = -1;
      if (words.n) readCommand(r, preset);
      preset = undefined;
      words.n = 0;
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      if (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10)) {
        // Line continuation: the command goes on.
        if (ws >= 0 && i > ws) words.add(ws, i, wm);
        ws = -1;
        i += text.charCodeAt(i + 1) === 13 ? 3 : 2;
        continue;
      }
      if (ws < 0) {
        ws = i;
        wm = 0;
      }
      wm |= WM_UNREAD;
      i += 2;
      continue;
    }
    if (c === 35 /* # */ && ws < 0) {
      let e = text.indexOf('\n', i);
      if (e < 0 || e > to) e = to;
      scanCommentContent(text, i + 1, e, out);
      i = e;
      continue;
    }
    if (c === 62 /* > */ || c === 60 /* < */) {
      // A redirection: `2>&1`, `>/dev/null`, `<<EOF`. A number glued before it is a file descriptor.
      if (ws >= 0 && isPortDigits(text, ws, i)) ws = -1;
      if (ws >= 0 && i > ws) words.add(ws, i, wm);
      ws = -1;
      i++;
      while (i < to && (text.charCodeAt(i) === 62 || text.charCodeAt(i) === 60)) i++;
      if (text.charCodeAt(i) === 38) i = digitsEnd(text, i + 1, to);
      continue;
    }
    if (ws < 0) {
      ws = i;
      wm = 0;
    }
    if (c === 39 /* ' */) {
      const e = text.indexOf("'", i + 1);
      i = e < 0 || e >= to ? to : e + 1;
      wm |= WM_UNREAD;
      continue;
    }
    if (c === 34 /* " */ || c === 96 /* ` */) {
      i = quotedEnd(text, i, to, c);
      wm |= WM_UNREAD;
      continue;
    }
    if (c === 36 /* $ */ && (text.charCodeAt(i + 1) === 40 || text.charCodeAt(i + 1) === 123)) {
      // `$(...)`, `${...}` and Make's `$(VAR)` stay inside the word.
      i = groupEnd(text, i + 1, to);
      wm |= WM_UNREAD | WM_DOLLAR;
      continue;
    }
    if (c === 36) wm |= WM_DOLLAR;
    i++;
  }
  if (ws >= 0 && to > ws) words.add(ws, to, wm);
  if (words.n) readCommand(r, preset);
}

/** Non-zero for ASCII characters that the tokenizer treats as part of a word with no further thought. */
const PLAIN = (() => {
  const t = new Uint8Array(128);
  for (let c = 33; c < 127; c++) t[c] = 1;
  // Blanks and line ends, escapes, comments, operators, redirections, quotes and `$` need a look.
  for (const ch of '\\#;|&()<>\'"`$') t[ch.charCodeAt(0)] = 0;
  // A colon is an ordinary character that the tokenizer notes for `scanWord`.
  t[58] = 1 | WM_COLON;
  t[61] = 1 | WM_EQUALS;
  t[47] = 1 | WM_SLASH;
  return t;
})();

function quotedEnd(text: string, i: number, to: number, q: number): number {
  let j = i + 1;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 92) j += 2;
    else if (c === q) return j + 1;
    else j++;
  }
  return to;
}

/** End of a `(...)` or `{...}` group opened at `i`, on the same line. */
function groupEnd(text: string, i: number, to: number): number {
  const open = text.charCodeAt(i);
  const close = open === 40 ? 41 : 125;
  let depth = 0;
  let j = i;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c === 10) return j;
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j + 1;
    j++;
  }
  return to;
}

function isNameQuote(c: number): boolean {
  return c === 34 || c === 39 || c === 92;
}

/**
 * The row of the command named by the word text[s, e) (`marks`: its WM_ bits), or undefined: its
 * base name, the first 200 characters without leading and trailing `"`, `'` and `\\`, after its last
 * `/` (`"/usr/bin/nc"` is `nc`).
 */
function specOf(text: string, s: number, e: number, marks: number): CommandSpec | undefined {
  const name = nameOf(text, s, e, marks);
  return name === 0 ? undefined : NAME_SPEC[name - 1];
}

/** The index + 1 in NAME_LIST of the program a word names (its base name, unquoted), or 0. */
function nameOf(text: string, s: number, e: number, marks: number): number {
  e = Math.min(e, s + WORD_TEXT_LIMIT);
  // Quotes and backslashes come only with WM_UNREAD: without them and a slash, the base name is the word.
  if ((marks & (WM_UNREAD | WM_SLASH)) !== 0) {
    while (s < e && isNameQuote(text.charCodeAt(s))) s++;
    while (e > s && isNameQuote(text.charCodeAt(e - 1))) e--;
    const slash = lastIndexIn(text, 47 /* / */, s, e);
    if (slash >= 0) s = slash + 1;
  }
  return e > s ? NAMES.find(text, s, e) : 0;
}

/** `NAME=value`, `NAME?=value`, `NAME:=value` in text[s, e): the end of the name, or -1. The value follows the `=` after it. */
function assignmentNameEnd(text: string, s: number, e: number): number {
  let i = s;
  const c0 = text.charCodeAt(i);
  if (!((c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122) || c0 === 95)) return -1;
  while (i < e && isNameChar(text.charCodeAt(i))) i++;
  const nameEnd = i;
  while (i < e && (text.charCodeAt(i) === 63 || text.charCodeAt(i) === 58 || text.charCodeAt(i) === 43 || text.charCodeAt(i) === 33)) i++;
  return text.charCodeAt(i) === 61 && i - nameEnd <= 3 ? nameEnd : -1;
}

/** An assignment in text[s, e) whose name says port: its value is read, and its ports get the name as their key. */
function readAssignment(r: CommandRead, s: number, e: number): boolean {
  const { text, out } = r;
  const ne = assignmentNameEnd(text, s, e);
  if (ne < 0) return false;
  const v = indexIn(text, 61 /* = */, ne, e) + 1;
  // `sysctl -w net.ipv4.ip_local_port_range="1024 65000"`, `docker run --sysctl ...`.
  if (isEphemeralRangeKey(text, s, ne)) {
    const before = out.length;
    const vs = unquotedStart(text, v, e);
    if (readEphemeralRange(text, vs, unquotedEnd(text, vs, e), out)) {
      tagKey(out, before, NAMES_READ.get(text, s, Math.min(ne, s + WORD_TEXT_LIMIT)));
      return true;
    }
  }
  if (isPortKeyIn(text, s, ne)) {
    const before = out.length;
    readValue(text, v, e, out, roleForKeyIn(text, s, ne));
    tagKey(out, before, NAMES_READ.get(text, s, Math.min(ne, s + WORD_TEXT_LIMIT)));
  } else readPairs(text, v, e, out);
  return true;
}

/** Gives out[from..] the key `key` where unset. */
function tagKey(out: PortOccurrence[], from: number, key: string): void {
  for (let i = from; i < out.length; i++) out[i].key ??= key;
}

/** End of a flag's name in text[s, te): before `=` (`--port=80`), or after the letter of a glued `-p5432`. */
function flagEnd(text: string, s: number, te: number): number {
  const eq = indexIn(text, 61 /* = */, s, te);
  const e = eq >= 0 ? eq : te;
  if (text.charCodeAt(s + 1) !== 45 && e - s > 2 && digitsEnd(text, s + 2, e) === e) return s + 2;
  return e;
}

/**
 * `key=value` pairs whose key names a port inside a value of other words: AWS's
 * `IpProtocol=tcp,FromPort=443,ToPort=443`, firewalld's `port=80:proto=tcp:toport=8080`,
 * `JAVA_OPTS="-Dserver.port=8080"`.
 */
function readPairs(text: string, s: number, e: number, out: PortOccurrence[]): void {
  // The native search may read past `e`, but only to the next `=`, which the next assignment or
  // flag read starts after: over a script the searches stay linear.
  const eq = text.indexOf('=', s);
  if (eq >= 0 && eq < e) scanKeyEqualsPorts(text, s, e, out);
}

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

/** An assignment value that names a port: `8080`, `"8080"`, `${PORT:-8080}`, `db:5432`. */
function readValue(text: string, s: number, e: number, out: PortOccurrence[], role: PortRole): void {
  const vs = unquotedStart(text, s, e);
  const ve = unquotedEnd(text, vs, e);
  if (ve <= vs) return;
  if (text.charCodeAt(vs) === 36 /* $ */) {
    // `${PORT:-3000}` / `${PORT:=3000}` whatever the inner name is: the variable holds a port.
    const o = readPortValue(text, vs, ve, role);
    if (o && o.port >= 0) out.push(o);
    return;
  }
  readPortSpec(text, vs, ve, out, role);
}

/**
 * A flag's value or a port argument in text[s, e): `8080`, `8080:80`, `127.0.0.1:5432:5432/tcp`,
 * `:8080`, `22,80,443`, and with `mapping` `$(PORT):5432`.
 */
function readFlagValue(r: CommandRead, s: number, e: number, role: PortRole, mapping: boolean): void {
  const { text, out } = r;
  const vs = unquotedStart(text, s, e);
  const ve = unquotedEnd(text, vs, e);
  if (ve <= vs) return;
  let p = vs;
  const before = out.length;
  if (text.charCodeAt(p) === 58 /* : */) p++;
  if (!readPortSpec(text, p, ve, out, role, true) && mapping) readLooseMapping(text, vs, ve, out);
  replaceEarlier(out, before, r.first);
}

/**
 * The flag's reading of its value (out[from..]) replaces what the host and port scan of the word
 * found at the same offsets since `first` (`--publish 127.0.0.1:5433:5432` publishes, it does not connect).
 */
function replaceEarlier(out: PortOccurrence[], from: number, first: number): void {
  let n = from;
  for (let i = from; i < out.length; i++) {
    const o = out[i];
    let j = from - 1;
    while (j >= first && j >= from - 32 && !(out[j].start === o.start && out[j].end === o.end)) j--;
    if (j >= first && j >= from - 32) out[j] = o;
    else out[n++] = o;
  }
  // Setting the length is a call into the runtime: most values replace nothing.
  if (n !== out.length) out.length = n;
}

/**
 * A published mapping with variables in it (`$(POSTGRES_PORT):5432`, `${HOST_PORT}:80/tcp`): the
 * segments that are numbers are still ports.
 */
function readLooseMapping(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const first = out.length;
  let ps = s;
  for (let i = s; i <= e; i++) {
    if (i === e || text.charCodeAt(i) === 58) {
      let pe = i;
      const slash = text.lastIndexOf('/', pe);
      if (slash >= ps && protocolSuffix(text, slash)) pe = slash;
      if (isPortDigits(text, ps, pe)) {
        const port = portValue(text, ps, pe);
        out.push(portAt(ps, pe, port, i === e ? 'container' : 'host', undefined, protocolSuffix(text, pe)));
      }
      ps = i + 1;
    }
  }
  // Both sides written as numbers (`127.0.0.1:8080:80` with a variable elsewhere): one mapping.
  if (out.length - first === 2 && out[first].role === 'host' && out[first + 1].role === 'container') {
    const pair: PortPair = { by: 'mapping' };
    out[first].pair = pair;
    out[first + 1].pair = pair;
  }
}

/** text[s, e) (its first 200 characters) is `word`. */
/**
 * The index of the word that starts the command run inside a container, for `docker exec [options]
 * CONTAINER COMMAND...` (podman, nerdctl; `docker compose exec`, `docker-compose exec`) and
 * `kubectl exec POD -- COMMAND...`; -1 for any other command. Its flags are that program's own
 * (`docker exec db psql -p 5433`: psql connects to 5433; docker exec publishes nothing).
 */
function insideCommandAt(r: CommandRead, at: number): number {
  const { text, words } = r;
  const { s: WS, e: WE, n } = words;
  let k = at + 1;
  if (k + 1 >= n) return -1;
  const program = r.programName;
  if (r.spec === DOCKER && wordIs(text, WS[k], WE[k], 'compose')) k++;
  else if (program === 'kubectl' && wordIs(text, WS[k], WE[k], 'exec')) {
    for (let j = k + 1; j < n; j++) if (wordIs(text, WS[j], WE[j], '--')) return j + 1 < n ? j + 1 : -1;
    return -1;
  } else if (r.spec !== DOCKER && program !== 'docker-compose') return -1;
  if (!wordIs(text, WS[k], WE[k], 'exec')) return -1;
  // The container (or service) is the first word that is no option or option value.
  for (let j = k + 1; j < n; j++) {
    const s = WS[j];
    const e = WE[j];
    if (text.charCodeAt(s) !== 45 /* - */) return j + 1 < n ? j + 1 : -1;
    if (e - s === 2 && text.charCodeAt(s + 1) === 45) return -1;
    // Options that take the next word: -e -u -w (last in a cluster), --env --env-file --user --workdir --detach-keys --index.
    const last = text.charCodeAt(e - 1);
    if (text.charCodeAt(s + 1) !== 45 ? last === 101 || last === 117 || last === 119 : isOneOf(text, s + 2, e, EXEC_VALUE_OPTIONS)) j++;
  }
  return -1;
}

const EXEC_VALUE_OPTIONS = ['env', 'env-file', 'user', 'workdir', 'detach-keys', 'index'];

function wordIs(text: string, s: number, e: number, word: string): boolean {
  return Math.min(e - s, WORD_TEXT_LIMIT) === word.length && text.startsWith(word, s);
}

/** Reads one simple command (the words of `r`) for ports; `preset` as in `scanShellCommands`. */
function readCommand(r: CommandRead, preset: CommandSpec | undefined): void {
  const out = r.out;
  const first = out.length;
  r.first = first;
  r.insideFrom = -1;
  const at = readCommandWords(r, preset);
  if (at >= 0 && out.length > first) tagCommand(r, at);
  readQuotedPairs(r.text, r.words, out, first);
  if (out.length - first > 1) sortTail(out, first);
  if (r.insideFrom >= 0) scanNestedScript(r, r.insideFrom, r.insideTo);
}

/**
 * Gives the command's ports the command they were read from (word `at` and, when a plain word follows
 * it, its subcommand: `docker run`, `next dev`) and its program as their software, where unset: a port
 * of a nested `sh -c` script keeps the inner command.
 */
function tagCommand(r: CommandRead, at: number): void {
  const { text, words, out } = r;
  const known = r.programName !== '';
  let program = r.programName;
  if (!known) {
    let s = unquotedStart(text, words.s[at], words.e[at]);
    const e = Math.min(unquotedEnd(text, s, words.e[at]), s + WORD_TEXT_LIMIT);
    const slash = lastIndexIn(text, 47 /* / */, s, e);
    if (slash >= 0) s = slash + 1;
    if (e <= s) return;
    program = NAMES_READ.get(text, s, e);
  }
  let command = program;
  if (at + 1 < words.n && r.spec.subcommands && isSubcommand(text, words.s[at + 1], words.e[at + 1])) {
    const ss = words.s[at + 1];
    const se = words.e[at + 1];
    command = known ? r.spec.commandWith(program, text, ss, se) : NAMES_READ.command(program, NAMES_READ.get(text, ss, se));
  }
  // The table's names are in lower case.
  const software = known ? program : NAMES_READ.lowerCase(program);
  for (let i = r.first; i < out.length; i++) {
    const o = out[i];
    // Only this reader sets `software`, with `command`.
    if (o.command === undefined) {
      o.command = command;
      o.software = software;
    }
  }
}

/** A subcommand word: lower-case letters first, then letters, digits, `-` or `:`, at most 32 characters (`run`, `port-forward`, `dev`). */
function isSubcommand(text: string, s: number, e: number): boolean {
  if (e - s < 2 || e - s > 32) return false;
  const c0 = text.charCodeAt(s);
  if (c0 < 97 || c0 > 122) return false;
  for (let i = s + 1; i < e; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 58)) return false;
  }
  return true;
}

/**
 * Whether a flag (words flagJ to last, the flag and its value) may have given ports: out grew past
 * `mark`, or one of its words has a colon, a dollar or quotes, whose ports the flag's reading may
 * have put in place of those the words' scan found. Most flags (`-d`, `--rm`) did neither.
 */
function flagRead(marks: number[], out: PortOccurrence[], flagJ: number, last: number, mark: number): boolean {
  if (out.length > mark) return true;
  for (let j = flagJ; j <= last; j++) if ((marks[j] & (WM_COLON | WM_DOLLAR | WM_UNREAD)) !== 0) return true;
  return false;
}

/**
 * Gives the ports read from a flag's value (those of out[first..] in text[s, valueEnd), among the
 * last 32) the flag text[s, flagEnd), where unset.
 */
function tagFlag(text: string, out: PortOccurrence[], first: number, s: number, flagEnd: number, valueEnd: number): void {
  let flag: string | undefined;
  for (let i = Math.max(first, out.length - 32); i < out.length; i++) {
    const o = out[i];
    // A port of a script the flag gives (`sh -c 'nc -z db 5432'`) has its own command and is no value of the flag.
    if (o.start >= s && o.start < valueEnd && o.flag === undefined && o.command === undefined) o.flag = flag ??= flagEnd - s === 2 && text.charCodeAt(s + 1) < 128 ? SHORT_FLAGS[text.charCodeAt(s + 1)] : NAMES_READ.get(text, s, Math.min(flagEnd, s + WORD_TEXT_LIMIT));
  }
}

/**
 * Reads the words of one command with its row of the command table; `preset`, when set, is the row
 * of a command that all the words are arguments of. Returns the index of the command's own word (its
 * program), or -1 when it has none (assignments alone, options of a command named elsewhere).
 */
function readCommandWords(r: CommandRead, preset: CommandSpec | undefined): number {
  scanEveryWord(r);
  if (readSpacedAssignment(r)) return -1;
  let at = -1;
  if (preset !== undefined) r.spec = preset;
  else {
    at = findProgram(r);
    if (at >= r.words.n) return -1;
    if (r.spec.env !== undefined) giveEnvRole(r);
    const inside = insideCommandAt(r, at);
    if (inside > 0) {
      // The words from `inside` on are another program's: this command ends before them.
      r.insideFrom = r.words.s[inside];
      r.insideTo = r.words.e[r.words.n - 1];
      r.words.n = inside;
    }
  }
  r.protocol = undefined;
  r.listening = false;
  r.module = '';
  r.shell = r.spec.shell;
  r.positional.n = 0;
  readArguments(r, at + 1);
  readPlainArguments(r, at);
  return at;
}

/** The ports of variables set before the command that it reads its port from (`PGPORT=5433 psql`) take its role. */
function giveEnvRole(r: CommandRead): void {
  const { out, spec } = r;
  for (let i = r.first; i < out.length; i++) {
    const key = out[i].key;
    if (key !== undefined && spec.env!.includes(key)) out[i].role = spec.role;
  }
}

/** Every word may hold a URL, host:port or a `${PORT:-3000}` default, and a path `/dev/tcp/host/port`. */
function scanEveryWord(r: CommandRead): void {
  const { text, out } = r;
  const { s: WS, e: WE, m: WM, n } = r.words;
  for (let k = 0; k < n; k++) {
    const m = WM[k];
    if ((m & WM_UNREAD) !== 0) scanWord(text, WS[k], WE[k], out);
    else if ((m & (WM_COLON | WM_DOLLAR)) !== 0) scanWordMarked(text, WS[k], WE[k], out, m);
    // Only a word that starts with `/` (perhaps after a quote) can be such a path.
    if ((m & (WM_SLASH | WM_UNREAD)) !== 0) {
      const c = text.charCodeAt(WS[k]);
      if (c === 47 || (isQuoteish(c) && text.charCodeAt(WS[k] + 1) === 47)) readDevTcp(text, WS[k], WE[k], out);
    }
  }
}

/** Make-style and spaced assignments, `PORT ?= 8000`, `PORT := 8000`: read, and true, when the command is one. */
function readSpacedAssignment(r: CommandRead): boolean {
  const { text, out } = r;
  const { s: WS, e: WE, n } = r.words;
  if (n < 3 || WE[1] - WS[1] > 3 || text.charCodeAt(WE[1] - 1) !== 61 /* = */) return false;
  const o = WS[1];
  const oe = WE[1];
  if (!(wordIs(text, o, oe, '=') || wordIs(text, o, oe, '?=') || wordIs(text, o, oe, ':=') || wordIs(text, o, oe, '::=') || wordIs(text, o, oe, '+='))) return false;
  const name = text.slice(WS[0], Math.min(WE[0], WS[0] + WORD_TEXT_LIMIT)).replace(/^export\s+/, '');
  if (n === 3 && isPortKeyIn(name, 0, name.length)) {
    const before = out.length;
    readValue(text, WS[2], WE[2], out, roleForKeyIn(name, 0, name.length));
    tagKey(out, before, name);
  }
  return true;
}

/**
 * Finds the command's program past leading assignments and wrappers (`PGPASSWORD=x psql`,
 * `sudo -u app nc`, `timeout 60 curl`) and sets `r.spec` to its row. Returns its index; -1 when the
 * words are options of a command named elsewhere; the number of words when there is no program
 * (`export PORT=1`).
 */
function findProgram(r: CommandRead): number {
  const text = r.text;
  const { s: WS, e: WE, m: WM, n } = r.words;
  for (let k = 0; k < n; k++) {
    const s = WS[k];
    const e = WE[k];
    if ((WM[k] & (WM_EQUALS | WM_UNREAD)) !== 0 && readAssignment(r, s, e)) continue;
    // A shell prompt copied with the command (`$ curl localhost:8080` in a README) is no program.
    if (k === 0 && e - s === 1 && text.charCodeAt(s) === 36 /* $ */) continue;
    // A Procfile's process name (`web: gunicorn ...`) comes before the command.
    if (k === 0 && (WM[k] & WM_COLON) !== 0 && isLabel(text, s, e)) continue;
    const name = nameOf(text, s, e, WM[k]);
    const spec = name === 0 ? undefined : NAME_SPEC[name - 1];
    if (spec?.runsAssignments) {
      for (k++; k < n; k++) if ((WM[k] & (WM_EQUALS | WM_UNREAD)) !== 0) readAssignment(r, WS[k], WE[k]);
      return n;
    }
    if (spec?.runsCommand) {
      // Its flags that take a value: `sudo -u user`.
      while (spec.valueFlags !== '' && k + 1 < n && text.charCodeAt(WS[k + 1]) === 45) {
        const fs = WS[k + 1];
        k += WE[k + 1] - fs === 2 && spec.valueFlags.includes(text[fs + 1]) ? 2 : 1;
      }
      continue;
    }
    const c0 = text.charCodeAt(s);
    if (k === 0 && c0 === 45 /* - */) {
      // A line of options alone (the rest of a folded `command: >` block): the arguments of a command named elsewhere.
      r.spec = ANY_COMMAND;
      return -1;
    }
    // A wrapper's flags and numbers: `nice -n 10`, `timeout 60`, `watch -n 5`.
    if (k > 0 && (c0 === 45 || isDigitCode(c0))) continue;
    r.spec = spec ?? ANY_COMMAND;
    // A plain word that is a name of the table is the program's name as the table writes it.
    r.programName = spec !== undefined && (WM[k] & (WM_UNREAD | WM_SLASH)) === 0 && e - s < WORD_TEXT_LIMIT ? NAME_LIST[name - 1] : '';
    return k;
  }
  return n;
}

/** Reads the command's words from `from` on: assignments, flags (with their values) and plain arguments, noted in `r.positional`. */
function readArguments(r: CommandRead, from: number): void {
  const { text, out } = r;
  const { s: WS, e: WE, m: WM, n } = r.words;
  for (let j = from; j < n; j++) {
    const unread = (WM[j] & WM_UNREAD) !== 0;
    const us = unread ? unquotedStart(text, WS[j], WE[j]) : WS[j];
    const ue = unread ? unquotedEnd(text, us, WE[j]) : WE[j];
    if ((WM[j] & (WM_EQUALS | WM_UNREAD)) !== 0 && readAssignment(r, us, ue)) continue;
    // The flag as far as its text is read.
    const te = Math.min(ue, us + WORD_TEXT_LIMIT);
    const c1 = text.charCodeAt(us + 1);
    // Most words are plain arguments: only flags need their text. `-` and `-5` are no flags.
    if (text.charCodeAt(us) !== 45 /* - */ || ue <= us || te - us < 2 || isDigitCode(c1)) {
      notePlainArgument(r, us, ue);
      continue;
    }
    const mark = out.length;
    const last = te - us > 2 && c1 === 45 ? readLongFlag(r, j, us, ue, te) : readShortFlag(r, j, us, ue, te);
    if (flagRead(WM, out, j, last, mark)) tagFlag(text, out, r.first, us, flagEnd(text, us, te), WE[last]);
    j = last;
  }
}

/** A plain argument, text[us, ue). */
function notePlainArgument(r: CommandRead, us: number, ue: number): void {
  const text = r.text;
  // Every shell's name ends in `h` (sh, bash, zsh, dash, ksh, ash) but su's.
  if (!r.shell && ue - us <= 4 && ue - us >= 2) {
    const lc = text.charCodeAt(ue - 1);
    if ((lc === 104 || lc === 117) && specOf(text, us, ue, 0)?.shell) r.shell = true;
  }
  r.positional.add(us, ue);
}

/**
 * A short flag, word j, text[us, ue) (its text read to te): `-p 5432`, `-p5432`, `-lp 4444`, Go's
 * `-http.port=9090`, Java's `-Dserver.port=8080`. Returns the index of its last word (its value's).
 */
function readShortFlag(r: CommandRead, j: number, us: number, ue: number, te: number): number {
  const { text, spec } = r;
  const { s: WS, e: WE, m: WM, n } = r.words;
  const ls = us + 1;
  const one = te - ls === 1;
  if (spec.listenSwitch >= 0 && indexIn(text, spec.listenSwitch, ls, te) >= 0) r.listening = true;
  // A Java system property, `-Dserver.port=8080`.
  if (text.charCodeAt(ls) === 68 /* D */ && !one && (WM[j] & (WM_EQUALS | WM_UNREAD)) !== 0 && readAssignment(r, ls + 1, ue)) return j;
  // Go's `flag` style: `-dns.port 53`, `-http.port=9090`, `-grpc-port=50051`. The name must say port
  // (`isPortKey`), so `-p`, `-P` and clusters such as `-pp` keep the row's readings below.
  if (te - us > 4) {
    const eqAt = indexIn(text, 61 /* = */, ls, te);
    if (isPortKeyIn(text, ls, eqAt >= 0 ? eqAt : te)) {
      if (eqAt >= 0) readFlagValue(r, eqAt + 1, ue, spec.role, false);
      else if (j + 1 < n) readFlagValue(r, WS[++j], WE[j], spec.role, false);
      return j;
    }
  }
  const last = text.charCodeAt(te - 1);
  if (r.shell && last === 99 /* c */ && j + 1 < n) {
    // `sh -c 'script'`, `bash -lc "..."`: the script is read as commands of its own.
    j++;
    const ss = unquotedStart(text, WS[j], WE[j]);
    scanNestedScript(r, ss, unquotedEnd(text, ss, WE[j]));
    return j;
  }
  if (!one && digitsEnd(text, ls + 1, te) === te) {
    // A value glued to its letter: `-p5432`, `-P3307`.
    if (spec.glued && spec.short[text.charCodeAt(ls)] === 'port') readFlagValue(r, us + 2, ue, spec.role, false);
    return j;
  }
  const reading = last < 128 ? spec.short[last] : undefined;
  if (reading === undefined || j + 1 >= n) return j;
  j++;
  switch (reading) {
    case 'port':
      readFlagValue(r, WS[j], WE[j], spec.role, false);
      break;
    case 'listen port':
      readFlagValue(r, WS[j], WE[j], 'listen', false);
      break;
    case 'published':
      readFlagValue(r, WS[j], WE[j], 'host', true);
      break;
    case 'forward':
      readForward(text, { s: WS[j], e: WE[j] }, r.out);
      break;
    case 'protocol':
      r.protocol = protocolWord(text.slice(WS[j], Math.min(WE[j], WS[j] + 8))) ?? r.protocol;
      break;
    case 'module': {
      const ms = unquotedStart(text, WS[j], WE[j]);
      r.module = text.slice(ms, Math.min(unquotedEnd(text, ms, WE[j]), ms + WORD_TEXT_LIMIT));
      break;
    }
    case 'value':
      break;
    default:
      // Readings that take no value here.
      return j - 1;
  }
  return j;
}

/**
 * A long flag, word j, text[us, ue) (its text read to te): `--port 8080`, `--port=8080`,
 * `--publish 127.0.0.1:8080:80`, `--dport 60000:61000`. Returns the index of its last word.
 */
function readLongFlag(r: CommandRead, j: number, us: number, ue: number, te: number): number {
  const { text, spec, out } = r;
  const { s: WS, e: WE, n } = r.words;
  const eqAt = indexIn(text, 61 /* = */, us, te);
  const ns = us + 2;
  const ne = eqAt >= 0 ? eqAt : te;
  const reading = longReading(spec, text, ns, ne);
  if (reading === undefined) {
    if (eqAt >= 0) readOtherFlagValue(r, ns, ne, eqAt + 1, ue);
    return j;
  }
  // The value: after `=`, or the next word.
  let vs = eqAt + 1;
  let ve = ue;
  if (eqAt < 0) {
    if (j + 1 >= n) return j;
    j++;
    vs = WS[j];
    ve = WE[j];
  }
  switch (reading) {
    case 'protocol':
      r.protocol = protocolWord(text.slice(vs, Math.min(ve, vs + 8))) ?? r.protocol;
      return j;
    case 'resolve':
    case 'connect-to': {
      const ps = unquotedStart(text, vs, ve);
      readPinnedAddress(r, ps, unquotedEnd(text, ps, ve), reading === 'connect-to');
      return j;
    }
  }
  // A firewall rule's ports: `--dport 60000:61000`, `--dports 80,443`, `--add-port=5060-5061/udp`.
  if (spec.portLists && readFirewallPorts(r, vs, ve, spec.role, r.protocol)) return j;
  const before = out.length;
  if (reading === 'published') readFlagValue(r, vs, ve, 'host', true);
  else readFlagValue(r, vs, ve, reading === 'listen port' ? 'listen' : spec.role, false);
  if (eqAt >= 0 && out.length === before) readPairs(text, vs, ve, out);
  return j;
}

/** How the long flag named text[ns, ne) is read: the row's long flags, those of every command, then any name that says port. */
function longReading(spec: CommandSpec, text: string, ns: number, ne: number): Reading | undefined {
  if (ne <= ns) return undefined;
  // Index loops, not for-of or a closure: this runs for every long flag, and a closure in a function
  // gives every call of it a context object (the command reader's garbage grew a fifth).
  const long = spec.long;
  for (let i = 0; i < long.length; i++) if (wordIs(text, ns, ne, long[i][0])) return long[i][1];
  const every = LONG_NAMES.find(text, ns, ne);
  if (every !== 0) return EVERY_LONG[every - 1][1];
  return isPortKeyIn(text, ns, ne) ? 'port' : undefined;
}

/** Reads the plain arguments with the row's rule (`nc host 80`, `kubectl port-forward svc/web 8080:80`, `ufw allow 8443/tcp`). */
function readPlainArguments(r: CommandRead, at: number): void {
  const spec = r.spec;
  const rule = r.listening && spec.listenArgs !== undefined ? spec.listenArgs : spec.args;
  if (rule === undefined || (rule.module !== undefined && !rule.module.includes(r.module))) return;
  const { s: PS, e: PE, n: np } = r.positional;
  let from = 0;
  if (rule.after !== undefined) {
    const within = Math.min(np, rule.within ?? np);
    while (from < within && !isOneOf(r.text, PS[from], PE[from], rule.after)) from++;
    if (from >= within) return;
    from++;
  }
  if (rule.read === 'nft rule') return readNftPorts(r);
  if (rule.read === 'netsh dynamic range') return readNetshDynamicRange(r, at + 1, from);
  const role = rule.role ?? spec.role;
  for (let idx = from + (rule.skip ?? 0); idx < np; idx++) {
    if (rule.first && !isPortDigits(r.text, PS[idx], PE[idx])) continue;
    readArgument(r, rule.read, PS[idx], PE[idx], role);
    if (rule.first) break;
  }
}

/** text[s, e) is one of `words`. */
function isOneOf(text: string, s: number, e: number, words: readonly string[]): boolean {
  for (let i = 0; i < words.length; i++) if (wordIs(text, s, e, words[i])) return true;
  return false;
}

/** One plain argument, text[s, e), read as `reading` says. */
function readArgument(r: CommandRead, reading: Reading, s: number, e: number, role: PortRole): void {
  const { text, out } = r;
  switch (reading) {
    case 'port':
      readPortSpec(text, s, e, out, role);
      break;
    case 'firewall':
      if (!readFirewallPorts(r, s, e, role, r.protocol)) readPortSpec(text, s, e, out, role);
      break;
    case 'socat address':
      readSocatAddress(r, s, e);
      break;
    case 'ss filter':
      // `'sport = :443'`, `( dport = :5432 or dport = :6432 )`.
      if (indexIn(text, 58, s, e) >= 0) scanHostPortsInText(text, s, e, out, SS_FILTER);
      break;
    case 'port/protocol':
      if (/^\d+\/(tcp|udp)$/.test(text.slice(s, Math.min(e, s + WORD_TEXT_LIMIT)))) readPortSpec(text, s, e, out, role);
      break;
  }
}

/**
 * A firewall rule's port value, text[s, e): a list of ports and ranges, `80,443`, `1024:65535`,
 * `:1023` (from 0), `1024:` (to 65535), `5060-5061`, with a protocol suffix for the whole value
 * (`60000:61000/udp`) or else `protocol`. Ranges bind nothing (role 'unknown'); single ports take
 * `role`. Returns false, adding nothing, when the value has another shape (`port=80:proto=tcp`).
 */
function readFirewallPorts(r: CommandRead, s: number, e: number, role: PortRole, protocol: Protocol | undefined): boolean {
  const text = r.text;
  let vs = unquotedStart(text, s, e);
  let ve = unquotedEnd(text, vs, e);
  if (text.charCodeAt(vs) === 33 /* ! */) vs++;
  if (ve <= vs || ve - vs > WORD_TEXT_LIMIT) return false;
  const slash = indexIn(text, 47, vs, ve);
  if (slash >= 0) {
    const p = protocolSuffix(text, slash);
    if (!p || slash + 1 + p.length !== ve) return false;
    protocol = p;
    ve = slash;
  }
  firewallPorts.length = 0;
  let is = vs;
  for (let i = vs; i <= ve; i++) {
    if (i < ve && text.charCodeAt(i) !== 44) continue;
    if (!readFirewallItem(text, is, i, firewallPorts, role, protocol)) return false;
    is = i + 1;
  }
  // They replace what the host and port scan of the word made of them (`:1023` alone is no listen port).
  for (const o of firewallPorts) putPort(r.out, r.first, o);
  firewallPorts.length = 0;
  return true;
}

/** Scratch for `readFirewallPorts`. */
const firewallPorts: PortOccurrence[] = [];

/**
 * nft rules given as words: `tcp dport 22`, `udp dport 60000-61000`, `tcp dport { 22, 80, 443 }`
 * (each item its own word, braces and commas glued on or standing alone).
 */
function readNftPorts(r: CommandRead): void {
  const text = r.text;
  const { s: PS, e: PE, n: np } = r.positional;
  for (let idx = 0; idx + 1 < np; idx++) {
    if (!wordIs(text, PS[idx], PE[idx], 'dport') && !wordIs(text, PS[idx], PE[idx], 'sport')) continue;
    const protocol = idx > 0 ? protocolWord(text.slice(PS[idx - 1], Math.min(PE[idx - 1], PS[idx - 1] + 8))) : undefined;
    let j = idx + 1;
    const braced = text.charCodeAt(PS[j]) === 123 /* { */;
    for (; j < np; j++) {
      let s = PS[j];
      let e = PE[j];
      if (text.charCodeAt(s) === 123) s++;
      const close = e > s && text.charCodeAt(e - 1) === 125 /* } */;
      if (close) e--;
      while (e > s && text.charCodeAt(e - 1) === 44) e--;
      while (s < e && text.charCodeAt(s) === 44) s++;
      if (e > s) readFirewallPorts(r, s, e, 'listen', protocol);
      if (!braced || close) break;
    }
    idx = j;
  }
}

/**
 * `netsh int ipv4 set dynamicport tcp start=49152 num=16384`: the start of the range Windows takes
 * outgoing ports from (`num` is its size, no port). Words from `from` on are the arguments; plain
 * argument `protocolAt` names the protocol.
 */
function readNetshDynamicRange(r: CommandRead, from: number, protocolAt: number): void {
  const { text, out, words, positional } = r;
  const protocol = protocolAt < positional.n ? protocolWord(text.slice(positional.s[protocolAt], Math.min(positional.e[protocolAt], positional.s[protocolAt] + 8))) : undefined;
  let ss = -1, se = -1, count = -1;
  for (let k = from; k < words.n; k++) {
    const s = words.s[k];
    const e = words.e[k];
    if (text.startsWith('start=', s) && isPortDigits(text, s + 6, e)) {
      ss = s + 6;
      se = e;
    } else if (text.startsWith('num=', s) && digitsEnd(text, s + 4, e) === e && e - s - 4 <= 6) count = portValue(text, s + 4, e);
  }
  if (ss < 0) return;
  const lo = portValue(text, ss, se);
  const hi = count > 0 ? Math.min(65535, lo + count - 1) : 65535;
  out.push(rangeAt(ss, se, lo, 'unknown', lo, hi, protocol));
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** URLs, host:port and `${PORT:-3000}` defaults anywhere in the word text[s, e). */
function scanWord(text: string, s: number, e: number, out: PortOccurrence[]): void {
  let m = 0;
  let brace = false;
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c === 58) m |= WM_COLON;
    else if (c === 36) m |= WM_DOLLAR;
    else if (c === 123) brace = true;
  }
  scanWordMarked(text, s, e, out, m);
  // A quoted label value: `-l "caddy.reverse_proxy={{upstreams 80}}"`.
  if (brace) scanUpstreamsActions(text, s, e, out);
}

/** Scratch for `readQuotedPairs`. */
const pairPorts: PortOccurrence[] = [];

/**
 * A quoted snippet of configuration among the words (`sed 's/listen 80;/listen 8080;/'`): its
 * `listen 8080` and `port 5432` pairs, where nothing else of the command was found at their place.
 */
function readQuotedPairs(text: string, words: Words, out: PortOccurrence[], first: number): void {
  for (let k = 0; k < words.n; k++) {
    if ((words.m[k] & WM_UNREAD) === 0) continue;
    const s = words.s[k];
    const e = words.e[k];
    if (indexIn(text, 32, s, e) < 0) continue;
    scanPortPairs(text, s, e, pairPorts);
    if (pairPorts.length === 0) continue;
    for (const o of pairPorts) if (!hasSpan(out, first, o)) out.push(o);
    pairPorts.length = 0;
  }
}

/**
 * True when out[first..] has an occurrence at the offsets of `o`. Only the last 32 are looked at, so
 * that a command with thousands of ports stays linear; `finish` removes a duplicate left.
 */
function hasSpan(out: PortOccurrence[], first: number, o: PortOccurrence): boolean {
  for (let i = Math.max(first, out.length - 32); i < out.length; i++) if (out[i].start === o.start && out[i].end === o.end) return true;
  return false;
}

/** `scanWord` for a word whose colons and dollars are known from `m` (WM_ bits). */
function scanWordMarked(text: string, s: number, e: number, out: PortOccurrence[], m: number): void {
  if ((m & WM_DOLLAR) !== 0) scanPlaceholderDefaults(text, s, e, out);
  if ((m & WM_COLON) !== 0) {
    const us = unquotedStart(text, s, e);
    const ue = unquotedEnd(text, us, e);
    // `:3000` (lsof -i :3000, gunicorn -b :8000) is a port on all addresses.
    const empty = text.charCodeAt(us) === 58 && isPortDigits(text, us + 1, ue);
    if (empty) out.push(portAt(us + 1, ue, portValue(text, us + 1, ue), 'listen'));
    else if (!(isTransportPrefix(text, us, ue) && readPortSpec(text, us + 4, ue, out, 'connect'))) scanHostPortsInText(text, s, e, out);
  }
}

/** Options of `scanHostPortsInText` for `ss` filters, where `:443` alone is a port. */
const SS_FILTER: TextScanOptions = { allowEmptyHost: true };

/** `web:` ending the word text[s, e): a name of letters, digits, `_`, `-` and `.` before one colon. */
function isLabel(text: string, s: number, e: number): boolean {
  if (e - s < 2 || text.charCodeAt(e - 1) !== 58) return false;
  const c0 = text.charCodeAt(s);
  if (!((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90))) return false;
  for (let i = s + 1; i < e - 1; i++) if (!isNameChar(text.charCodeAt(i)) && text.charCodeAt(i) !== 45) return false;
  return true;
}

/** Bash's `/dev/tcp/HOST/PORT` and `/dev/udp/HOST/PORT` as the word text[s, e) (quotes allowed). */
function readDevTcp(text: string, s: number, e: number, out: PortOccurrence[]): void {
  const us = unquotedStart(text, s, e);
  if (text.charCodeAt(us) !== 47 || e - us < 12 || !text.startsWith('/dev/', us)) return;
  const udp = text.startsWith('udp/', us + 5);
  if (!udp && !text.startsWith('tcp/', us + 5)) return;
  const hs = us + 9;
  const ue = unquotedEnd(text, us, e);
  const slash = indexIn(text, 47, hs, ue);
  if (slash <= hs || !isPortDigits(text, slash + 1, ue)) return;
  const port = portValue(text, slash + 1, ue);
  out.push(portAt(slash + 1, ue, port, 'connect', text.slice(hs, slash), udp ? 'udp' : 'tcp'));
}

/**
 * The value text[vs, ve) of a long flag `--name=value` whose name (text[ns, ne)) does not say port:
 * `:PORT` after an address flag (`--web.listen-address=:9102`, `--statsd.listen-udp=:9125`), or
 * port pairs inside it (`--ip-permissions=FromPort=443,...`). `host:PORT` values are found with
 * every other host and port.
 */
function readOtherFlagValue(r: CommandRead, ns: number, ne: number, vs: number, ve: number): void {
  const { text, out } = r;
  if (text.charCodeAt(vs) === 58 /* : */ && isPortDigits(text, vs + 1, ve)) {
    if (isAddressFlag(text, ns, ne)) out.push(portAt(vs + 1, ve, portValue(text, vs + 1, ve), 'listen'));
    return;
  }
  // `--admin-listen=127.0.0.1:9901`: the address this program listens on, whatever its host says.
  if (indexIn(text, 58, vs, ve) > vs && isAddressFlag(text, ns, ne)) {
    const found: PortOccurrence[] = [];
    if (readPortSpec(text, vs, ve, found, 'listen')) {
      for (const o of found) {
        o.role = 'listen';
        putPort(out, r.first, o);
      }
      return;
    }
  }
  readPairs(text, vs, ve, out);
}

/**
 * The value text[s, e) of `--resolve` or `--connect-to`: the ports curl connects to, each with the
 * host written before it. `--resolve` gives one (`api.example.com:443:127.0.0.1`, perhaps after `+`
 * or with a `*` host); `--connect-to` two (`example.com:443:localhost:8443`, `::backend:80`).
 * Anything of another shape gives nothing: the words were scanned for `host:port` already.
 */
function readPinnedAddress(r: CommandRead, s: number, e: number, connectTo: boolean): void {
  const text = r.text;
  if (text.charCodeAt(s) === 43 /* + */) s++;
  const c1 = indexIn(text, 58, s, e);
  if (c1 < 0) return;
  const p1e = indexIn(text, 58, c1 + 1, e);
  if (p1e < 0) return;
  const found: PortOccurrence[] = [];
  if (p1e > c1 + 1) {
    if (!isPortDigits(text, c1 + 1, p1e)) return;
    found.push(portAt(c1 + 1, p1e, portValue(text, c1 + 1, p1e), 'connect', text.slice(s, c1) || undefined));
  } else if (!connectTo) return;
  if (connectTo) {
    // The second host may be a bracketed IPv6 address: its port follows the last colon.
    let c2 = -1;
    for (let i = e - 1; i > p1e; i--) {
      if (text.charCodeAt(i) === 58) {
        c2 = i;
        break;
      }
    }
    if (c2 < 0 || !isPortDigits(text, c2 + 1, e)) return;
    found.push(portAt(c2 + 1, e, portValue(text, c2 + 1, e), 'connect', text.slice(p1e + 1, c2) || undefined));
  }
  for (const o of found) putPort(r.out, r.first, o);
}

/** Words in a flag's name that say its value is an address to listen on. */
const ADDRESS_WORDS = /(^|[.-])(listen|bind|addr|address|webhook|endpoint)([.-]|$)/;

/** A flag name text[s, e) that takes a listen address: in `ADDRESS_FLAGS`, or with a word such as `listen` or `addr`. */
function isAddressFlag(text: string, s: number, e: number): boolean {
  const name = text.slice(s, Math.min(e, s + WORD_TEXT_LIMIT));
  return ADDRESS_FLAGS.has(name) || ADDRESS_WORDS.test(name);
}

/** socat's address types that take `host:port` (or, with LISTEN/RECV, a port alone); options follow a comma. */
const SOCAT_TYPE = /^(tcp|udp|sctp|dccp|openssl|ssl|udplite)[46]?(-(listen|connect|sendto|recvfrom|recv|datagram))?$/i;

/** Scratch for `readSocatAddress`. */
const socatPorts: PortOccurrence[] = [];

/**
 * One socat address, text[s, e): `TCP-LISTEN:5000,fork` (a port it listens on), `TCP:10.0.0.8:5000`
 * and `UDP4-SENDTO:10.0.7.2:514` (a port it sends to). Its ports replace what the host and port scan
 * of the word made of them (`TCP-LISTEN` is no host); `first` is where the command's ports begin.
 */
function readSocatAddress(r: CommandRead, s: number, e: number): void {
  const text = r.text;
  const colon = indexIn(text, 58, s, Math.min(e, s + 20));
  if (colon < 0) return;
  const type = text.slice(s, colon);
  const m = SOCAT_TYPE.exec(type);
  if (!m) return;
  let pe = indexIn(text, 44, colon + 1, e);
  if (pe < 0) pe = e;
  const family = m[1].toLowerCase();
  const protocol: Protocol = family === 'udp' || family === 'udplite' ? 'udp' : family === 'sctp' || family === 'dccp' ? family : 'tcp';
  const kind = (m[3] ?? '').toLowerCase();
  socatPorts.length = 0;
  if (kind === 'listen' || kind === 'recvfrom' || kind === 'recv') {
    if (isPortDigits(text, colon + 1, pe)) socatPorts.push(portAt(colon + 1, pe, portValue(text, colon + 1, pe), 'listen', undefined, protocol));
  } else if (indexIn(text, 58, colon + 1, pe) >= 0 && readPortSpec(text, colon + 1, pe, socatPorts, 'connect')) {
    for (const o of socatPorts) {
      o.role = 'connect';
      o.protocol = protocol;
    }
  }
  for (const o of socatPorts) putPort(r.out, r.first, o);
  socatPorts.length = 0;
}

/** Puts `o` in `out`, in place of an occurrence at the same offsets found since `first`. */
function putPort(out: PortOccurrence[], first: number, o: PortOccurrence): void {
  for (let i = first; i < out.length; i++) {
    if (out[i].start === o.start && out[i].end === o.end) {
      out[i] = o;
      return;
    }
  }
  out.push(o);
}

/** `tcp:` or `udp:` (any case) starting text[s, e), before a port or `host:port` (`wait-on tcp:db:5432`). */
function isTransportPrefix(text: string, s: number, e: number): boolean {
  if (e - s < 5 || text.charCodeAt(s + 3) !== 58) return false;
  const a = text.charCodeAt(s) | 32;
  const b = text.charCodeAt(s + 1) | 32;
  const c = text.charCodeAt(s + 2) | 32;
  return (a === 116 && b === 99 && c === 112) || (a === 117 && b === 100 && c === 112);
}

/** Development servers by program: true when the program alone starts one, or the subcommands that do. */
const DEV_SERVERS: ReadonlyMap<string, true | readonly string[]> = new Map(
  COMMAND_TABLE.flatMap((row) => (row.devServer === undefined ? [] : row.names.map((name): [string, true | readonly string[]] => [name, row.devServer!]))),
);

/** True when an occurrence's `command` (`vite`, `next dev`) starts a development server (the command table's `devServer`). */
export function isDevServerCommand(command: string): boolean {
  const blank = command.indexOf(' ');
  const subs = DEV_SERVERS.get(blank < 0 ? command : command.slice(0, blank));
  if (subs === undefined) return false;
  return subs === true || (blank >= 0 && subs.includes(command.slice(blank + 1)));
}
