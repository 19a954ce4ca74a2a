import type { ComposeMapping, EmbeddedFormats, PortOccurrence } from '../../vocabulary/types';
import { digitsEnd, hasDigit, indexIn, isDigit } from '../../text/chars';
import { shiftOccurrence } from '../../vocabulary/common';
import type { YamlFrame } from '../../text/yamlScan';
import { K_SCRIPT, kindOf } from './keyFacts';

/** Shells whose `-c` takes a script: `["sh", "-c", "until nc -z db 5432; do sleep 1; done"]`. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/** What shiftOccurrence is given for occurrences without a Compose mapping, which it never reads. */
const NO_MAPPINGS: Set<ComposeMapping> = new Set();

/** A container's `command` or `args` list waiting for the other (see `CommandLists.held`). */
interface HeldList {
  part: 'command' | 'args';
  parent: number;
  items: number[];
  digit: boolean;
  from: number;
}

/** Which part of a container's command line a key holds: `command` and `entrypoint` the program, `args` its arguments. */
function containerPart(lower: string): 'command' | 'args' | undefined {
  return lower === 'command' || lower === 'entrypoint' ? 'command' : lower === 'args' ? 'args' : undefined;
}

/**
 * The command lists of a YAML file (`command: ["sh", "-c", "..."]`, `args:`, a health check's `test:`,
 * CI `run:` / `script:` steps) read as the shell reads them: the entries under one key are collected
 * until the key closes, then read as one command, so that `-p` and its value in two entries are
 * understood together. What the shell reader finds is added after what the YAML rules found in them.
 */
export class CommandLists {
  /** The command key whose list entries are being collected, their offsets, and whether one has a digit. */
  private key: YamlFrame | null = null;
  private readonly items: number[] = [];
  /**
   * How many of `items` are the list's: the array is overwritten rather than emptied, since an array
   * emptied by `length = 0` frees its storage and every list would make a new one.
   */
  private count = 0;
  private digit = false;
  /** The length of `out` before the first entry of that list was read: what the other rules found in it follows. */
  private from = 0;
  /**
   * A container's `command` (or `entrypoint`) or `args` list, read, held until the other one or the
   * container itself closes: Kubernetes runs `command` with `args` as one command line. `parent` is
   * the offset of the container's frame (frames are reused, offsets are not).
   */
  private held: HeldList | null = null;
  /**
   * A command written as a plain or quoted scalar (`command: redis-cli`), whose continuation lines
   * (`-p 6382` on the next line) extend it until its key closes: its key, text[s, e) and out's length before it.
   */
  private plain: { key: YamlFrame; s: number; e: number; from: number } | null = null;
  /** While a container's command and args are read: where each occurrence found since their first entry starts, by offset. */
  private spans: Map<number, number> | null = null;

  constructor(
    private readonly text: string,
    private readonly out: PortOccurrence[],
    private readonly embedded: EmbeddedFormats,
  ) {}

  /** Reads the list being collected when `f`, the frame that closes, is its key, and a held list when `f` is its container. */
  close(f: YamlFrame): void {
    if (this.plain !== null && f === this.plain.key) this.readPlain();
    if (f === this.key) this.flush();
    if (this.held !== null && f.start === this.held.parent) this.readHeld();
  }

  /** Reads the list being collected and a held one at the end of a document. */
  endDocument(): void {
    if (this.plain !== null) this.readPlain();
    if (this.key !== null) this.flush();
    if (this.held !== null) this.readHeld();
  }

  /** A command key's scalar value text[s, e), read when the key closes, with any continuation lines. */
  addPlain(keyF: YamlFrame, s: number, e: number, from: number): void {
    if (this.plain !== null) this.readPlain();
    this.plain = { key: keyF, s, e, from };
  }

  /** A continuation line text[s, e) of the plain scalar of `f`; false when `f` has none being read. */
  continuePlain(f: YamlFrame, s: number, e: number): boolean {
    if (this.plain === null || this.plain.key !== f) return false;
    this.plain.e = e;
    return true;
  }

  private readPlain(): void {
    const p = this.plain!;
    this.plain = null;
    if (hasDigit(this.text, p.s, p.e)) this.foldedText(p.s, p.e, p.from);
  }

  /** True when the command list under `keyF`, whose entry text[s, ..) is being read, starts with a flag. */
  isOptionList(keyF: YamlFrame, s: number): boolean {
    const first = this.key === keyF && this.count > 0 ? this.items[0] : s;
    return this.text.charCodeAt(first) === 45 /* - */;
  }

  /** Keeps one entry of a command list (`["sh", "-c", "..."]` or block items) until its key closes. */
  add(keyF: YamlFrame, s: number, e: number, before: number): void {
    if (this.key !== keyF) {
      if (this.key !== null) this.flush();
      this.key = keyF;
      this.from = before;
    }
    this.items[this.count++] = s;
    this.items[this.count++] = e;
    if (!this.digit && hasDigit(this.text, s, e)) this.digit = true;
  }

  /**
   * Reads the collected entries of a command list as one command: `CMD` and `CMD-SHELL` (Compose and
   * Docker health checks) and `sh -c SCRIPT` unwrapped, the script read in place, and other entries
   * read as the words of one command, joined by spaces, so that `-p` and its value in two entries
   * are understood together.
   */
  flush(): void {
    const items = this.items;
    const count = this.count;
    this.count = 0;
    const digit = this.digit;
    const key = this.key;
    const script = key !== null && kindOf(key) === K_SCRIPT;
    this.key = null;
    this.digit = false;
    const from = this.from;
    if (script) {
      // CI steps: every entry is a command line of its own.
      if (digit) for (let k = 0; k < count; k += 2) if (hasDigit(this.text, items[k], items[k + 1])) this.shellText(items[k], items[k + 1], from);
      return;
    }
    const part = key !== null && key.parent !== null ? containerPart(key.lower) : undefined;
    if (part !== undefined) {
      const parent = key!.parent!.start;
      const held = this.held;
      if (held !== null && held.parent === parent && held.part !== part) {
        // The container's command and its args: one command line, the command's entries first.
        this.held = null;
        const mine = items.slice(0, count);
        const joined = part === 'command' ? mine.concat(held.items) : held.items.concat(mine);
        this.readList(joined, joined.length / 2, true, Math.min(from, held.from), true);
        return;
      }
      if (held !== null) this.readHeld();
      this.held = { part, parent, items: items.slice(0, count), digit, from };
      return;
    }
    this.readList(items, count / 2, digit, from, false);
  }

  /** Reads a held list alone: its container had no other part. */
  private readHeld(): void {
    const held = this.held!;
    this.held = null;
    this.readList(held.items, held.items.length / 2, held.digit, held.from, false);
  }

  /**
   * Reads the `n` entries of one command list (offsets in `items`, any digit in them `digit`, what the
   * rules found in them since out[from]). `joined` marks a container's command and args read together,
   * whose reading is the command reader's: it replaces what the rules made of an args list of options.
   */
  private readList(items: number[], n: number, digit: boolean, from: number, joined: boolean): void {
    if (joined) {
      this.spans = new Map();
      for (let i = from; i < this.out.length; i++) this.spans.set(this.out[i].start, i);
    }
    try {
      this.readEntries(items, n, digit, from, joined);
    } finally {
      this.spans = null;
    }
  }

  private readEntries(items: number[], n: number, digit: boolean, from: number, joined: boolean): void {
    let first = n;
    if (digit) {
      first = 0;
      if (this.isWord(items, 0, 'NONE')) first = n;
      else if (this.isWord(items, 0, 'CMD')) first = 1;
      else if (this.isWord(items, 0, 'CMD-SHELL')) {
        if (!this.allCovered(items, n, from)) for (let k = 1; k < n; k++) this.shellText(items[2 * k], items[2 * k + 1], from);
        first = n;
      }
    }
    // A list that starts with a flag holds the arguments of a command given elsewhere (the image's
    // entrypoint): the sequence rules above read its port flags, and the shell reader knows no more.
    if (first < n && this.text.charCodeAt(items[2 * first]) !== 45 && (joined || !this.allCovered(items, n, from))) {
      const sh = this.word(items, first);
      const base = sh.slice(sh.lastIndexOf('/') + 1);
      if (n - first >= 3 && SHELLS.has(base) && /^-[a-z]*c[a-z]*$/.test(this.word(items, first + 1))) {
        this.shellText(items[2 * first + 4], items[2 * first + 5], from);
      } else if (n - first === 1) {
        this.shellText(items[2 * first], items[2 * first + 1], from);
      } else {
        this.joinedWords(items, first, n, from);
      }
    }
  }

  /** True when entry k of a command list is exactly `w`. */
  private isWord(items: number[], k: number, w: string): boolean {
    return items[2 * k + 1] - items[2 * k] === w.length && this.text.startsWith(w, items[2 * k]);
  }

  /** True when every digit run in the entries is inside an occurrence found since out[from]: the shell can add nothing. */
  private allCovered(items: number[], n: number, from: number): boolean {
    const text = this.text;
    const out = this.out;
    let o = from;
    for (let k = 0; k < 2 * n; k += 2) {
      for (let i = items[k]; i < items[k + 1]; i++) {
        if (!isDigit(text.charCodeAt(i))) continue;
        const d = digitsEnd(text, i, items[k + 1]);
        // Occurrences follow the text here, so one pass over them serves all the digit runs.
        while (o < out.length && out[o].end <= i) o++;
        if (o >= out.length || out[o].start > i || out[o].end < d) return false;
        i = d;
      }
    }
    return true;
  }

  /**
   * Pushes an occurrence the shell reader found unless the rules found the same span since out[from]
   * (looked for among the last few only, to stay linear: result() removes any duplicate left).
   */
  private pushShell(o: PortOccurrence, from: number): void {
    const out = this.out;
    if (this.spans !== null) {
      // A container's command and args: the command reader's reading replaces the rules'.
      const i = this.spans.get(o.start);
      if (i !== undefined && out[i].end === o.end) out[i] = o;
      else out.push(o);
      return;
    }
    for (let i = out.length - 1; i >= from && i >= out.length - 16; i--) if (out[i].start === o.start && out[i].end === o.end) return;
    out.push(o);
  }

  /** The text of entry k of a command list when it is short enough to be a command word or flag; '' otherwise. */
  private word(items: number[], k: number): string {
    const s = items[2 * k];
    const e = items[2 * k + 1];
    return e - s <= 64 ? this.text.slice(s, e) : '';
  }

  /** The entries [first, n) read as the words of one command, each occurrence mapped back to its entry. */
  private joinedWords(items: number[], first: number, n: number, from: number): void {
    const text = this.text;
    let joined = '';
    const at: number[] = [];
    for (let k = first; k < n; k++) {
      at.push(joined.length);
      joined += text.slice(items[2 * k], items[2 * k + 1]) + ' ';
    }
    const found: PortOccurrence[] = [];
    try {
      this.embedded.scanShell(joined, 0, joined.length, found);
    } catch {
      return;
    }
    // Made only for a command that gives a Compose mapping (`docker run -p`), which is moved once.
    let shifted: Set<ComposeMapping> | undefined;
    for (const o of found) {
      // The entry holding the occurrence; one that spans two entries is no reading of either.
      let lo = 0;
      let hi = at.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (at[mid] <= o.start) lo = mid;
        else hi = mid - 1;
      }
      const k = lo;
      const delta = items[2 * (first + k)] - at[k];
      if (o.end + delta > items[2 * (first + k) + 1]) continue;
      if (o.mapping !== undefined) shifted ??= new Set();
      this.pushShell(shiftOccurrence(o, delta, shifted ?? NO_MAPPINGS), from);
    }
  }

  /**
   * Reads text[s, e), a plain, quoted or folded (`>`) scalar over several lines, as the one command
   * line YAML makes of it: a line break is a blank (`command: redis-cli` then `-p 6382` on the next
   * line), a blank line a line break. Offsets are kept: the folded copy has the scalar's length.
   */
  foldedText(s: number, e: number, from: number): void {
    if (indexIn(this.text, 10 /* \n */, s, e) < 0) {
      this.shellText(s, e, from);
      return;
    }
    const raw = this.text.slice(s, e);
    let folded = '';
    let last = 0;
    for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) {
      let j = i + 1;
      while (j < raw.length && (raw.charCodeAt(j) === 32 || raw.charCodeAt(j) === 9)) j++;
      if (j < raw.length && raw.charCodeAt(j) !== 10 && raw.charCodeAt(j) !== 13) {
        const cr = i > 0 && raw.charCodeAt(i - 1) === 13 ? i - 1 : i;
        folded += raw.slice(last, cr) + (cr < i ? '  ' : ' ');
        last = i + 1;
      }
    }
    folded += raw.slice(last);
    const found: PortOccurrence[] = [];
    try {
      this.embedded.scanShell(folded, 0, folded.length, found);
    } catch {
      return;
    }
    const shifted = new Set<ComposeMapping>();
    for (const o of found) this.pushShell(shiftOccurrence(o, s, shifted), from);
  }

  /**
   * True when the block scalar whose text starts at `s` is folded (`command: >`, `>-`): its header,
   * the end of the line before, ends in `>` and chomping or indentation indicators.
   */
  isFoldedBlock(s: number): boolean {
    let i = this.text.lastIndexOf('\n', s - 1);
    // The header line ends at most a few characters before: only spaces, `-`, `+` and a digit follow the indicator.
    for (let k = 0; i > 0 && k < 8; k++) {
      const c = this.text.charCodeAt(i - 1);
      if (c === 13 || c === 32 || c === 9 || c === 45 || c === 43 || (c >= 49 && c <= 57)) i--;
      else return c === 62 /* > */;
    }
    return false;
  }

  /** Reads text[s, e) as shell commands with the shell finder's reader. */
  shellText(s: number, e: number, from: number): void {
    const found: PortOccurrence[] = [];
    try {
      this.embedded.scanShell(this.text, s, e, found);
    } catch {
      return;
    }
    for (const o of found) this.pushShell(o, from);
  }
}
