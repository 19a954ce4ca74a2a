import type { Protocol } from '../../../registry/types';
import type { PortOccurrence, PortPair, PortRole } from '../../vocabulary/types';
import { finish, isPortKey, protocolWord } from '../../vocabulary/common';
import { indexIn, isDigit } from '../../text/chars';
import { scanCommand } from '../../vocabulary/commands';
import { scanComment, scanValueText, maskVariables } from '../../vocabulary/values';
import { readPortItem, readPortsValue } from '../../vocabulary/portValue';
import { giveKey, isAddressKey, isCommandKey, isConfigPortKey, roleForKey } from '../../vocabulary/keys';
import { Lines, NextDigit } from '../../text/words';
import { keepShape } from '../../text/keepShape';

/*
 * The reader TOML and Terraform/HCL share: `key = value` lines in tables or blocks, lists, inline
 * tables and strings, with the port keys, protocols and commands of the vocabulary; `hcl` tells the two apart.
 */

/** A block or object being read: its header and the ports found in it, for a `protocol` key. */
interface Frame {
  name: string;
  label: string;
  occs: PortOccurrence[];
  /** Named by a port key (`ports { internal = 80 }`): every number in it is a port. */
  portBlock: boolean;
  protocol?: Protocol;
  /** An environment entry `{ name = "PORT", value = "8080" }` whose name says port. */
  portName?: boolean;
}

function isPublishedSide(o: PortOccurrence): boolean {
  return o.kind === 'port' && (o.role === 'host' || o.role === 'container');
}

/** Options that tell HCL from TOML. */
export interface StructuredOptions {
  /** HCL: `//` and `/* *\/` comments, heredocs, `${}` interpolation, block labels. */
  hcl: boolean;
}

/** Keys that hold a protocol for the ports of the same block (`protocol = "udp"`). */
const PROTOCOL_KEYS = new Set(['protocol', 'ip_protocol', 'transport_protocol', 'lb_protocol', 'instance_protocol']);

/** What a key says about its value, worked out once per distinct key in a document. */
interface KeyInfo {
  lower: string;
  protocol: boolean;
  configPort: boolean;
  command: boolean;
  address: boolean;
  /** A block or object with this name holds ports only: its numbers are ports. */
  portBlock: boolean;
  role: PortRole;
}

function keyInfo(key: string): KeyInfo {
  const lower = key.toLowerCase();
  return {
    lower,
    protocol: PROTOCOL_KEYS.has(lower),
    configPort: isConfigPortKey(key),
    command: isCommandKey(key),
    address: isAddressKey(key),
    // `listener "tcp" { ... }` (Vault, Consul) holds addresses and options such as `tls_disable = 1`:
    // only a name that ends in port(s) or port range(s) makes every number inside a port.
    portBlock: isConfigPortKey(key) && /(ports?|ranges?)$/.test(lower),
    role: roleForKey(key),
  };
}


/**
 * 1 for the ASCII characters the attribute reader passes without a look: whitespace, operators,
 * brackets, digits (never the start of an identifier). The rest may start a comment, string, heredoc,
 * identifier or block.
 */
const PLAIN = new Uint8Array(128);
for (const c of ' \t\r=,[]():;.-+*!?%&|>@\\^`~$0123456789') PLAIN[c.charCodeAt(0)] = 1;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** 1 for the characters of an identifier: ASCII letters, digits, `_`, `-` and `.`. */
const IDENT = new Uint8Array(128);
for (let c = 0; c < 128; c++) IDENT[c] = isIdentStart(c) || isDigit(c) || c === 45 || c === 46 ? 1 : 0;

function isIdentChar(c: number): boolean {
  return c < 128 && IDENT[c] === 1;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** End of a string that starts with the quote at `i` (its closing quote's offset, or `e`). */
function stringEnd(text: string, i: number, e: number, hcl: boolean): number {
  const q = text.charCodeAt(i);
  let j = i + 1;
  while (j < e) {
    const c = text.charCodeAt(j);
    if (c === q) return j;
    if (c === 92 && q === 34) {
      j += 2;
      continue;
    }
    if (hcl && c === 36 && text.charCodeAt(j + 1) === 123) {
      // `${ ... }` may hold nested strings and braces.
      let depth = 0;
      let k = j + 1;
      for (; k < e; k++) {
        const d = text.charCodeAt(k);
        if (d === 123) depth++;
        else if (d === 125 && --depth === 0) break;
        else if (d === 34) k = stringEnd(text, k, e, true);
      }
      j = k + 1;
      continue;
    }
    j++;
  }
  return e;
}

/**
 * Reads HCL (Terraform) or TOML: `key = value` attributes and object items anywhere on a line,
 * blocks with labels, lists that span lines, and strings holding URLs or `host:port`.
 */
export function scanStructured(text: string, opts: StructuredOptions): PortOccurrence[] {
  return new StructuredScan(text, opts.hcl).run();
}

/** A line's reader returns DONE when the rest of the line needs no more reading. */
const DONE = -1;

/** The state of one read: open blocks, and what spans lines (a list, a block comment, a heredoc, a multi-line string). */
class StructuredScan {
  private readonly out: PortOccurrence[] = [];
  private readonly masked: string;
  private readonly frames: Frame[] = [];
  private header: { name: string; label: string } | null = null;
  private list: { role: PortRole; frame: Frame } | null = null;
  private blockComment = false;
  private heredoc = '';
  private heredocJson = false;
  private multiline = '';
  // The start and end of the line being read.
  private ls = 0;
  private le = 0;
  // Keys repeat throughout a document (`port`, `protocol`, `name`): each is classified once.
  private readonly keys = new Map<string, KeyInfo>();
  private readonly digits: NextDigit;

  constructor(
    private readonly text: string,
    private readonly hcl: boolean,
  ) {
    this.masked = hcl ? maskVariables(text) : text;
    this.digits = new NextDigit(text);
    this.frames.push(this.newFrame('', ''));
  }

  run(): PortOccurrence[] {
    const lines = new Lines(this.text);
    while (lines.next()) this.line(lines.start, lines.end);
    return finish(this.out);
  }

  private classify(key: string): KeyInfo {
    let info = this.keys.get(key);
    if (info === undefined) this.keys.set(key, (info = keyInfo(key)));
    return info;
  }

  private newFrame(name: string, label: string): Frame {
    return { name, label, occs: [], portBlock: this.classify(name).portBlock, protocol: undefined, portName: undefined };
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private record(from: number, frame: Frame): void {
    const out = this.out;
    for (let k = from; k < out.length; k++) frame.occs.push(out[k]);
  }

  /** Reads one line: what goes on from the lines before (heredoc, string, list), then its tokens. */
  private line(ls: number, le: number): void {
    const text = this.text;
    const out = this.out;
    this.ls = ls;
    this.le = le;
    let i = ls;
    while (i < le && isSpace(text.charCodeAt(i))) i++;
    if (this.heredoc) {
      if (text.slice(i, le).trim() === this.heredoc) {
        this.heredoc = '';
        return;
      }
      if (i < le && !this.heredocJson) {
        this.heredocJson = text.charCodeAt(i) === 123 || text.charCodeAt(i) === 91 || text.charCodeAt(i) === 34 || text.charCodeAt(i) === 125 || text.charCodeAt(i) === 93;
        if (!this.heredocJson) {
          scanCommand(this.masked, i, le, out);
          return;
        }
      }
    }
    if (this.multiline) {
      const close = findIn(text, this.multiline, i, le);
      const end = close < 0 ? le : close;
      scanValueText(text, i, end, out, {});
      if (end === le) return;
      this.multiline = '';
      i = end + 3;
    }
    if (!this.hcl && !this.list && text.charCodeAt(i) === 91 /* [ */) {
      // A TOML table header `[server]` or `[[services.ports]]`.
      const close = indexIn(text, 93, i, le);
      if (close > i) {
        this.frames.length = 1;
        this.frames[0] = this.newFrame('', '');
        i = close + 1;
        while (text.charCodeAt(i) === 93) i++;
      }
    }
    if (this.list) {
      i = readListItems(text, i, le, this.list, out, this.hcl);
      if (i < 0) return;
      this.list = null;
    }
    while (i < le) {
      // Blanks, operators and digits are passed here rather than by a call per character.
      const c = text.charCodeAt(i);
      if (c < 128 && PLAIN[c] === 1 && !this.blockComment) {
        i++;
        continue;
      }
      i = this.token(i);
      if (i === DONE) break;
    }
    if (!this.hcl && this.frames.length === 1) this.header = null;
  }

  /** Reads what starts at text[i] on the current line; returns where to go on, or DONE. */
  private token(i: number): number {
    const text = this.text;
    const hcl = this.hcl;
    const le = this.le;
    const c = text.charCodeAt(i);
    if (this.blockComment) {
      const close = findIn(text, '*/', i, le);
      const end = close < 0 ? le : close;
      scanComment(text, i, end, this.out);
      if (end === le) return DONE;
      this.blockComment = false;
      return end + 2;
    }
    if (c < 128 && PLAIN[c] === 1) return i + 1;
    if (c === 35 || (hcl && c === 47 && text.charCodeAt(i + 1) === 47)) {
      scanComment(text, i + 1, le, this.out);
      return DONE;
    }
    if (hcl && c === 47 && text.charCodeAt(i + 1) === 42) {
      this.blockComment = true;
      return i + 2;
    }
    if (hcl && c === 60 && text.charCodeAt(i + 1) === 60) {
      const m = /^<<-?\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, Math.min(le, i + 80)));
      if (m) {
        this.heredoc = m[1];
        this.heredocJson = false;
        return DONE;
      }
    }
    if (c === 34 || (!hcl && c === 39)) return this.quoted(i, c);
    if (isIdentStart(c) && (i === this.ls || !isIdentChar(text.charCodeAt(i - 1)))) return this.word(i);
    if (c === 123 /* { */) {
      this.frames.push(this.newFrame(this.header?.name ?? '', this.header?.label ?? ''));
      this.header = null;
      return i + 1;
    }
    if (c === 125 /* } */) {
      this.closeFrame();
      this.header = null;
      return i + 1;
    }
    return i + 1;
  }

  /** A string at text[i] (quote `c`): a quoted key, a block label, a TOML multi-line string, or a value read for addresses. */
  private quoted(i: number, c: number): number {
    const text = this.text;
    const le = this.le;
    const out = this.out;
    if (!this.hcl && text.startsWith(c === 34 ? '"""' : "'''", i)) {
      const delim = c === 34 ? '"""' : "'''";
      const close = findIn(text, delim, i + 3, le);
      if (close < 0) {
        scanValueText(text, i + 3, le, out, {});
        this.multiline = delim;
        return DONE;
      }
      scanValueText(text, i + 3, close, out, {});
      return close + 3;
    }
    const close = stringEnd(text, i, le, this.hcl);
    let k = close + 1;
    while (k < le && isSpace(text.charCodeAt(k))) k++;
    const sep = text.charCodeAt(k);
    // TOML writes `"key" = value`; HCL objects and heredoc JSON also `"key": value`.
    if ((sep === 61 && text.charCodeAt(k + 1) !== 61) || (this.hcl && sep === 58)) return this.attribute(text.slice(i + 1, close), k + 1);
    if (this.header && !this.header.label) this.header.label = text.slice(i + 1, close);
    if (this.digits.from(i + 1) < close) scanValueText(this.masked, i + 1, close, out, {});
    return close + 1;
  }

  /** An identifier at text[i]: an attribute's key, an HCL object item's key, or a block's name. */
  private word(i: number): number {
    const text = this.text;
    const le = this.le;
    let j = i;
    while (j < le && isIdentChar(text.charCodeAt(j))) j++;
    let k = j;
    while (k < le && isSpace(text.charCodeAt(k))) k++;
    const sep = text.charCodeAt(k);
    const ident = text.slice(i, j);
    if (sep === 61 && text.charCodeAt(k + 1) !== 61 && text.charCodeAt(k + 1) !== 62) return this.attribute(ident, k + 1);
    // HCL object items may be written `key: value`.
    if (this.hcl && sep === 58 && this.frames.length > 1 && text.charCodeAt(k + 1) !== 58) return this.attribute(ident, k + 1);
    // A block header: `resource "aws_lb" "web" {`, `ingress {`.
    if (this.hcl && (sep === 123 || sep === 34) && !this.header) this.header = { name: ident, label: '' };
    return j;
  }

  /** A `}`: the block's protocol goes to its ports, or its ports join the enclosing block's. */
  private closeFrame(): void {
    if (this.frames.length <= 1) return;
    const f = this.frames.pop()!;
    // `ports { internal = 80  external = 8080 }` (Terraform's docker_container) is one mapping.
    // Only small blocks are looked at, so that nested blocks stay linear.
    if (f.portBlock && f.occs.length === 2 && f.occs[0].role !== f.occs[1].role && isPublishedSide(f.occs[0]) && isPublishedSide(f.occs[1])) {
      const pair: PortPair = { by: 'mapping' };
      f.occs[0].pair = pair;
      f.occs[1].pair = pair;
    }
    if (f.protocol) {
      for (const o of f.occs) if (!o.protocol) o.protocol = f.protocol;
    } else {
      // Ports of an object also belong to the enclosing one (`ingress { ... }` inside a resource).
      // The shorter list goes into the longer (order does not matter), so 50,000 nested blocks stay
      // linear; ports with their own protocol ride along, as the assignment above skips them.
      const parent = this.top();
      if (f.occs.length > parent.occs.length) [parent.occs, f.occs] = [f.occs, parent.occs];
      for (const o of f.occs) parent.occs.push(o);
    }
  }

  /**
   * Handles `key = value` with the value at `vs` on the current line; returns where to continue
   * (right after the separator, so that strings and objects inside the value are read too).
   */
  private attribute(key: string, vs: number): number {
    const text = this.text;
    const frame = this.top();
    const le = this.le;
    let v = vs;
    while (v < le && isSpace(text.charCodeAt(v))) v++;
    const info = this.classify(key);
    const lower = info.lower;
    if (info.protocol) {
      const q = text.charCodeAt(v);
      const end = q === 34 ? stringEnd(text, v, le, this.hcl) : v;
      const p = q === 34 ? protocolWord(text.slice(v + 1, end)) : undefined;
      if (p) frame.protocol = p;
      return end > v ? end + 1 : v;
    }
    if (lower === 'name' && text.charCodeAt(v) === 34) {
      const end = stringEnd(text, v, le, this.hcl);
      // `{ name = "PORT", value = "8080" }`, and Helm `set { name = "service.ports.http" }`.
      const name = text.slice(v + 1, end);
      frame.portName = isPortKey(name) || (name.includes('ports.') && /(^|\.)ports\.[A-Za-z0-9_-]+$/.test(name));
      return end + 1;
    }
    if (text.charCodeAt(v) === 123 /* { */) {
      // `ports = { http = 80 }`: the object's numbers are ports; the brace pushes a frame named by the key.
      this.header = { name: key, label: '' };
      return v;
    }
    // In a block or object named by a port key (`ports { internal = 80 }`, `port { ... }`,
    // `ports = { http = 80 }`), every number is a port.
    const inPortBlock = frame.portBlock && (isDigit(text.charCodeAt(v)) || text.charCodeAt(v) === 34);
    const portKey = info.configPort || (lower === 'default' && isPortKey(frame.label)) || inPortBlock ||
      (lower === 'value' && frame.portName === true);
    if (!portKey) return this.otherValue(info, v);
    const role = lower === 'default' ? roleForKey(frame.label) : lower === 'external' ? 'host' : lower === 'internal' ? 'container' : info.role;
    const before = this.out.length;
    const next = this.portValue(lower, role, frame, v);
    // A number or string written right after its key knows the key (`to_port = 65535`); a list's items do not.
    if (text.charCodeAt(v) !== 91 /* [ */) giveKey(this.out, before, key, 0, key.length);
    this.record(before, frame);
    return next;
  }

  /** The value at text[v] of a key that names no port: a command or an address in a string. */
  private otherValue(info: KeyInfo, v: number): number {
    const text = this.text;
    if ((info.command || info.address) && text.charCodeAt(v) === 34) {
      const end = stringEnd(text, v, this.le, this.hcl);
      if (this.digits.from(v + 1) < end) {
        if (info.command) scanCommand(this.masked, v + 1, end, this.out);
        else scanValueText(this.masked, v + 1, end, this.out, { address: true });
      }
      return end + 1;
    }
    return v;
  }

  /** The value at text[v] of a port key (`lower`): a list, a string, or a number or range. */
  private portValue(lower: string, role: PortRole, frame: Frame, v: number): number {
    const text = this.text;
    const le = this.le;
    const out = this.out;
    const c = text.charCodeAt(v);
    if (c === 91 /* [ */) {
      const r = readListItems(text, v + 1, le, { role, frame }, out, this.hcl);
      if (r < 0) this.list = { role, frame };
      return r < 0 ? le : r;
    }
    if (c === 34 || (!this.hcl && c === 39)) {
      const end = stringEnd(text, v, le, this.hcl);
      if (!readPortsValue(text, v, end + 1, role, out)) scanValueText(this.masked, v + 1, end, out, { address: true });
      return end + 1;
    }
    if (isDigit(c) || c === 45) {
      let end = v + 1;
      while (end < le && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 45 || text.charCodeAt(end) === 95)) end++;
      const after = end < le ? text.charCodeAt(end) : 32;
      // `from_port = 0` with `protocol = "-1"` means every port, not port 0.
      const allPorts = end === v + 1 && text.charCodeAt(v) === 48 && (lower === 'from_port' || lower === 'to_port');
      if (!allPorts && (after === 32 || after === 9 || after === 44 || after === 125 || after === 93 || after === 35 || after === 47 || after === 13 || after === 41)) {
        readPortItem(text, v, end, role, out);
      }
      return end;
    }
    return v;
  }
}

/** Offset of `needle` starting in text[from, to), or -1; never looks past `to`. */
function findIn(text: string, needle: string, from: number, to: number): number {
  let i = indexIn(text, needle.charCodeAt(0), from, to);
  while (i >= 0) {
    if (text.startsWith(needle, i)) return i;
    i = indexIn(text, needle.charCodeAt(0), i + 1, to);
  }
  return -1;
}

/**
 * Reads the items of a port list from `i` up to its `]` (returns the offset after it) or to the line
 * end (returns -1: the list goes on).
 */
function readListItems(text: string, i: number, le: number, list: { role: PortRole; frame: Frame }, out: PortOccurrence[], hcl: boolean): number {
  let is = i;
  const before = out.length;
  let result = -1;
  let k = i;
  for (; k <= le; k++) {
    const c = k < le ? text.charCodeAt(k) : 44;
    if (c === 34 || (!hcl && c === 39)) {
      k = stringEnd(text, k, le, hcl);
      continue;
    }
    if (c === 35 || (hcl && c === 47 && text.charCodeAt(k + 1) === 47)) {
      scanComment(text, k + 1, le, out);
      readPortItem(text, is, k, list.role, out);
      break;
    }
    if (c === 123 /* { */) {
      // An inline table in a port list: frp `allowPorts = [{ start = 2000, end = 3000 }, { single = 3001 }]`.
      const close = inlineTableEnd(text, k, le, hcl);
      if (close < 0) continue;
      inlineTablePorts(text, k + 1, close, list.role, out, hcl);
      k = close;
      is = close + 1;
      continue;
    }
    if (c === 44 || c === 93) {
      if (k > is) readPortItem(text, is, k, list.role, out);
      is = k + 1;
      if (c === 93) {
        result = k + 1;
        break;
      }
    }
  }
  for (let n = before; n < out.length; n++) list.frame.occs.push(out[n]);
  return result;
}

/** The `}` closing the inline table whose `{` is at `i`, on the same line; -1 when it is not there. */
function inlineTableEnd(text: string, i: number, le: number, hcl: boolean): number {
  for (let k = i + 1; k < le; k++) {
    const c = text.charCodeAt(k);
    if (c === 34 || (!hcl && c === 39)) k = stringEnd(text, k, le, hcl);
    else if (c === 123) return -1;
    else if (c === 125) return k;
  }
  return -1;
}

/**
 * Keys of an inline table in a port list whose value is a port: the bounds of a range (`start`, `end`,
 * `from`, `to`, ...), a single port, and Docker's `internal` / `external`. Other keys (`weight`,
 * `count`, `protocol`) are not ports, though the table sits in a port list.
 */
const LIST_TABLE_PORT_KEYS = new Set([
  'start', 'end', 'single', 'from', 'to', 'min', 'max', 'first', 'last', 'begin', 'low', 'high', 'lo', 'hi',
  'internal', 'external', 'target', 'published', 'number',
]);

/** Reads `key = value` pairs of an inline table in text[s, e) inside a port list: port-valued keys give ports. */
function inlineTablePorts(text: string, s: number, e: number, role: PortRole, out: PortOccurrence[], hcl: boolean): void {
  let is = s;
  for (let k = s; k <= e; k++) {
    const c = k < e ? text.charCodeAt(k) : 44;
    if (c === 34 || (!hcl && c === 39)) {
      k = stringEnd(text, k, e, hcl);
      continue;
    }
    if (c !== 44) continue;
    // One pair in text[is, k): the key runs to `=` (or HCL's `:`).
    let eq = is;
    while (eq < k && text.charCodeAt(eq) !== 61 && !(hcl && text.charCodeAt(eq) === 58)) eq++;
    if (eq < k) {
      let ks = is;
      let ke = eq;
      while (ks < ke && isSpace(text.charCodeAt(ks))) ks++;
      while (ke > ks && isSpace(text.charCodeAt(ke - 1))) ke--;
      const key = text.slice(ks, ke);
      if (LIST_TABLE_PORT_KEYS.has(key.toLowerCase()) || isConfigPortKey(key)) readPortItem(text, eq + 1, k, role, out);
    }
    is = k + 1;
  }
}

// One reader outlives every collection, so that the finder's optimized code keeps the layout it checks (see ../../text/keepShape.ts).
keepShape(new StructuredScan('', false));
