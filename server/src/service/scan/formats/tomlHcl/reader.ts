import type { Protocol } from '../../../registry/types';
import type { PortOccurrence, PortRole } from '../../vocabulary/types';
import { finish, isPortKey, protocolWord } from '../../vocabulary/common';
import { indexIn, isDigit } from '../../text/chars';
import { scanCommand } from '../../vocabulary/commands';
import { readPortItem, readPortsValue, scanComment, scanValueText, maskVariables } from '../../vocabulary/values';
import { isAddressKey, isCommandKey, isConfigPortKey, roleForKey } from '../../vocabulary/keys';
import { Lines, NextDigit } from '../../text/words';

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
  const out: PortOccurrence[] = [];
  const hcl = opts.hcl;
  const masked = hcl ? maskVariables(text) : text;
  const frames: Frame[] = [];
  let header: { name: string; label: string } | null = null;
  let list: { role: PortRole; frame: Frame } | null = null;
  let blockComment = false;
  let heredoc = '';
  let heredocJson = false;
  let multiline = '';
  // The end of the line being read, for `attribute`.
  let curLe = 0;
  // Keys repeat throughout a document (`port`, `protocol`, `name`): each is classified once.
  const keys = new Map<string, KeyInfo>();
  const classify = (key: string): KeyInfo => {
    let info = keys.get(key);
    if (info === undefined) keys.set(key, (info = keyInfo(key)));
    return info;
  };
  const newFrame = (name: string, label: string): Frame =>
    ({ name, label, occs: [], portBlock: classify(name).portBlock, protocol: undefined, portName: undefined });
  const digits = new NextDigit(text);
  frames.push(newFrame('', ''));

  const top = (): Frame => frames[frames.length - 1];
  const record = (from: number, frame: Frame): void => {
    for (let k = from; k < out.length; k++) frame.occs.push(out[k]);
  };

  const lines = new Lines(text);
  while (lines.next()) {
    const ls = lines.start;
    const le = lines.end;
    curLe = le;
    let i = ls;
    while (i < le && isSpace(text.charCodeAt(i))) i++;
    if (heredoc) {
      if (text.slice(i, le).trim() === heredoc) {
        heredoc = '';
        continue;
      }
      if (i < le && !heredocJson) {
        heredocJson = text.charCodeAt(i) === 123 || text.charCodeAt(i) === 91 || text.charCodeAt(i) === 34 || text.charCodeAt(i) === 125 || text.charCodeAt(i) === 93;
        if (!heredocJson) {
          scanCommand(masked, i, le, out);
          continue;
        }
      }
    }
    if (multiline) {
      const close = findIn(text, multiline, i, le);
      const end = close < 0 ? le : close;
      scanValueText(text, i, end, out, {});
      if (end === le) continue;
      multiline = '';
      i = end + 3;
    }
    if (!hcl && !list && text.charCodeAt(i) === 91 /* [ */) {
      // A TOML table header `[server]` or `[[services.ports]]`.
      const close = indexIn(text, 93, i, le);
      if (close > i) {
        frames.length = 1;
        frames[0] = newFrame('', '');
        i = close + 1;
        while (text.charCodeAt(i) === 93) i++;
      }
    }
    if (list) {
      i = readListItems(text, i, le, list, out, hcl);
      if (i < 0) continue;
      list = null;
    }
    while (i < le) {
      const c = text.charCodeAt(i);
      if (blockComment) {
        const close = findIn(text, '*/', i, le);
        const end = close < 0 ? le : close;
        scanComment(text, i, end, out);
        if (end === le) break;
        blockComment = false;
        i = end + 2;
        continue;
      }
      if (c < 128 && PLAIN[c] === 1) {
        i++;
        continue;
      }
      if (c === 35 || (hcl && c === 47 && text.charCodeAt(i + 1) === 47)) {
        scanComment(text, i + 1, le, out);
        break;
      }
      if (hcl && c === 47 && text.charCodeAt(i + 1) === 42) {
        blockComment = true;
        i += 2;
        continue;
      }
      if (hcl && c === 60 && text.charCodeAt(i + 1) === 60) {
        const m = /^<<-?\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i, Math.min(le, i + 80)));
        if (m) {
          heredoc = m[1];
          heredocJson = false;
          break;
        }
      }
      if (c === 34 || (!hcl && c === 39)) {
        if (!hcl && text.startsWith(c === 34 ? '"""' : "'''", i)) {
          const delim = c === 34 ? '"""' : "'''";
          const close = findIn(text, delim, i + 3, le);
          if (close < 0) {
            scanValueText(text, i + 3, le, out, {});
            multiline = delim;
            break;
          }
          scanValueText(text, i + 3, close, out, {});
          i = close + 3;
          continue;
        }
        const close = stringEnd(text, i, le, hcl);
        let k = close + 1;
        while (k < le && isSpace(text.charCodeAt(k))) k++;
        const sep = text.charCodeAt(k);
        // TOML writes `"key" = value`; HCL objects and heredoc JSON also `"key": value`.
        if ((sep === 61 && text.charCodeAt(k + 1) !== 61) || (hcl && sep === 58)) {
          i = attribute(text.slice(i + 1, close), k + 1);
          continue;
        }
        if (header && !header.label) header.label = text.slice(i + 1, close);
        if (digits.from(i + 1) < close) scanValueText(masked, i + 1, close, out, {});
        i = close + 1;
        continue;
      }
      if (isIdentStart(c) && (i === ls || !isIdentChar(text.charCodeAt(i - 1)))) {
        let j = i;
        while (j < le && isIdentChar(text.charCodeAt(j))) j++;
        let k = j;
        while (k < le && isSpace(text.charCodeAt(k))) k++;
        const sep = text.charCodeAt(k);
        const ident = text.slice(i, j);
        if (sep === 61 && text.charCodeAt(k + 1) !== 61 && text.charCodeAt(k + 1) !== 62) {
          i = attribute(ident, k + 1);
          continue;
        }
        if (hcl && sep === 58 && frames.length > 1 && text.charCodeAt(k + 1) !== 58) {
          // HCL object items may be written `key: value`.
          i = attribute(ident, k + 1);
          continue;
        }
        // A block header: `resource "aws_lb" "web" {`, `ingress {`.
        if (hcl && (sep === 123 || sep === 34) && !header) header = { name: ident, label: '' };
        i = j;
        continue;
      }
      if (c === 123 /* { */) {
        frames.push(newFrame(header?.name ?? '', header?.label ?? ''));
        header = null;
        i++;
        continue;
      }
      if (c === 125 /* } */) {
        if (frames.length > 1) {
          const f = frames.pop()!;
          if (f.protocol) {
            for (const o of f.occs) if (!o.protocol) o.protocol = f.protocol;
          } else {
            // Ports of an object also belong to the enclosing one (`ingress { ... }` inside a resource).
            // The shorter list goes into the longer (order does not matter), so 50,000 nested blocks stay
            // linear; ports with their own protocol ride along, as the assignment above skips them.
            const parent = top();
            if (f.occs.length > parent.occs.length) [parent.occs, f.occs] = [f.occs, parent.occs];
            for (const o of f.occs) parent.occs.push(o);
          }
        }
        header = null;
        i++;
        continue;
      }
      i++;
    }
    if (!hcl && frames.length === 1) header = null;
  }
  return finish(out);

  /**
   * Handles `key = value` with the value at `vs` on the current line; returns where to continue
   * (right after the separator, so that strings and objects inside the value are read too).
   */
  function attribute(key: string, vs: number): number {
    const frame = top();
    const le = curLe;
    let v = vs;
    while (v < le && isSpace(text.charCodeAt(v))) v++;
    const info = classify(key);
    const lower = info.lower;
    if (info.protocol) {
      const q = text.charCodeAt(v);
      const end = q === 34 ? stringEnd(text, v, le, hcl) : v;
      const p = q === 34 ? protocolWord(text.slice(v + 1, end)) : undefined;
      if (p) frame.protocol = p;
      return end > v ? end + 1 : v;
    }
    if (lower === 'name' && text.charCodeAt(v) === 34) {
      const end = stringEnd(text, v, le, hcl);
      // `{ name = "PORT", value = "8080" }`, and Helm `set { name = "service.ports.http" }`.
      const name = text.slice(v + 1, end);
      frame.portName = isPortKey(name) || (name.includes('ports.') && /(^|\.)ports\.[A-Za-z0-9_-]+$/.test(name));
      return end + 1;
    }
    if (text.charCodeAt(v) === 123 /* { */) {
      // `ports = { http = 80 }`: the object's numbers are ports; the brace pushes a frame named by the key.
      header = { name: key, label: '' };
      return v;
    }
    // In a block or object named by a port key (`ports { internal = 80 }`, `port { ... }`,
    // `ports = { http = 80 }`), every number is a port.
    const inPortBlock = frame.portBlock && (isDigit(text.charCodeAt(v)) || text.charCodeAt(v) === 34);
    const portKey = info.configPort || (lower === 'default' && isPortKey(frame.label)) || inPortBlock ||
      (lower === 'value' && frame.portName === true);
    if (!portKey) {
      if (info.command && text.charCodeAt(v) === 34) {
        const end = stringEnd(text, v, le, hcl);
        if (digits.from(v + 1) < end) scanCommand(masked, v + 1, end, out);
        return end + 1;
      }
      if (info.address && text.charCodeAt(v) === 34) {
        const end = stringEnd(text, v, le, hcl);
        if (digits.from(v + 1) < end) scanValueText(masked, v + 1, end, out, { address: true });
        return end + 1;
      }
      return v;
    }
    const role = lower === 'default' ? roleForKey(frame.label) : lower === 'external' ? 'host' : lower === 'internal' ? 'container' : info.role;
    const before = out.length;
    const c = text.charCodeAt(v);
    let next = v;
    if (c === 91 /* [ */) {
      const r = readListItems(text, v + 1, le, { role, frame }, out, hcl);
      if (r < 0) list = { role, frame };
      next = r < 0 ? le : r;
    } else if (c === 34 || (!hcl && c === 39)) {
      const end = stringEnd(text, v, le, hcl);
      if (!readPortsValue(text, v, end + 1, role, out)) scanValueText(masked, v + 1, end, out, { address: true });
      next = end + 1;
    } else if (isDigit(c) || c === 45) {
      let end = v + 1;
      while (end < le && (isDigit(text.charCodeAt(end)) || text.charCodeAt(end) === 45 || text.charCodeAt(end) === 95)) end++;
      const after = end < le ? text.charCodeAt(end) : 32;
      // `from_port = 0` with `protocol = "-1"` means every port, not port 0.
      const allPorts = end === v + 1 && text.charCodeAt(v) === 48 && (lower === 'from_port' || lower === 'to_port');
      if (allPorts) {
        // nothing
      } else if (after === 32 || after === 9 || after === 44 || after === 125 || after === 93 || after === 35 || after === 47 || after === 13 || after === 41) {
        readPortItem(text, v, end, role, out);
      }
      next = end;
    }
    record(before, frame);
    return next;
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
