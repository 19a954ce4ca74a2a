import type { ComposeMapping, EmbeddedFormats, PortOccurrence } from '../../vocabulary/types';
import { digitsEnd, hasDigit, isDigit } from '../../text/chars';
import type { YamlFrame } from '../../text/yamlScan';
import { K_SCRIPT, kindOf } from './keyFacts';

/** Shells whose `-c` takes a script: `["sh", "-c", "until nc -z db 5432; do sleep 1; done"]`. */
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

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
  private digit = false;
  /** The length of `out` before the first entry of that list was read: what the other rules found in it follows. */
  private from = 0;

  constructor(
    private readonly text: string,
    private readonly out: PortOccurrence[],
    private readonly embedded: EmbeddedFormats,
  ) {}

  /** Reads the list being collected when `f`, the frame that closes, is its key. */
  close(f: YamlFrame): void {
    if (f === this.key) this.flush();
  }

  /** Reads the list being collected at the end of a document. */
  endDocument(): void {
    if (this.key !== null) this.flush();
  }

  /** True when the command list under `keyF`, whose entry text[s, ..) is being read, starts with a flag. */
  isOptionList(keyF: YamlFrame, s: number): boolean {
    const first = this.key === keyF && this.items.length > 0 ? this.items[0] : s;
    return this.text.charCodeAt(first) === 45 /* - */;
  }

  /** Keeps one entry of a command list (`["sh", "-c", "..."]` or block items) until its key closes. */
  add(keyF: YamlFrame, s: number, e: number, before: number): void {
    if (this.key !== keyF) {
      if (this.key !== null) this.flush();
      this.key = keyF;
      this.from = before;
    }
    this.items.push(s, e);
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
    const digit = this.digit;
    const script = this.key !== null && kindOf(this.key) === K_SCRIPT;
    this.key = null;
    this.digit = false;
    const from = this.from;
    const n = items.length / 2;
    if (script) {
      // CI steps: every entry is a command line of its own.
      if (digit) for (let k = 0; k < n; k++) if (hasDigit(this.text, items[2 * k], items[2 * k + 1])) this.shellText(items[2 * k], items[2 * k + 1], from);
      items.length = 0;
      return;
    }
    let first = n;
    if (digit) {
      first = 0;
      if (this.isWord(items, 0, 'NONE')) first = n;
      else if (this.isWord(items, 0, 'CMD')) first = 1;
      else if (this.isWord(items, 0, 'CMD-SHELL')) {
        if (!this.allCovered(items, from)) for (let k = 1; k < n; k++) this.shellText(items[2 * k], items[2 * k + 1], from);
        first = n;
      }
    }
    // A list that starts with a flag holds the arguments of a command given elsewhere (the image's
    // entrypoint): the sequence rules above read its port flags, and the shell reader knows no more.
    if (first < n && this.text.charCodeAt(items[2 * first]) !== 45 && !this.allCovered(items, from)) {
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
    items.length = 0;
  }

  /** True when entry k of a command list is exactly `w`. */
  private isWord(items: number[], k: number, w: string): boolean {
    return items[2 * k + 1] - items[2 * k] === w.length && this.text.startsWith(w, items[2 * k]);
  }

  /** True when every digit run in the entries is inside an occurrence found since out[from]: the shell can add nothing. */
  private allCovered(items: number[], from: number): boolean {
    const text = this.text;
    const out = this.out;
    let o = from;
    for (let k = 0; k < items.length; k += 2) {
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
    const shifted = new Set<ComposeMapping>();
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
      o.start += delta;
      o.end += delta;
      if (o.mapping && !shifted.has(o.mapping)) {
        shifted.add(o.mapping);
        o.mapping.start += delta;
        o.mapping.end += delta;
      }
      this.pushShell(o, from);
    }
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
