/**
 * Glob patterns as VS Code's `files.exclude` and `.gitignore` write them (`**∕node_modules`,
 * `**∕*.{log,tmp}`, `out/[ab]*`), matched against a whole folder-relative path with `/` separators.
 *
 * The patterns come from the user's repository, so matching must not backtrack: a regular expression
 * built from `*a*a*a*a*a*a*b` takes minutes on a long name. A glob is compiled into a small automaton
 * instead (Thompson's construction) and every state is followed at once, so a match costs at most
 * (path length) x (glob length) steps.
 */

/** A compiled glob. `source` is the pattern as given, which callers use as a cache key. */
export interface Glob {
  readonly source: string;
  test(path: string): boolean;
}

const SLASH = 47;

/** A state that reads one character, or (with `test` null) one that branches without reading. */
interface State {
  test: ((c: number) => boolean) | null;
  /** Next state after reading a character. */
  out: number;
  /** For branching states: the states reached without reading. */
  alts: number[];
}

/** One element of a parsed glob. */
type Item =
  | { kind: 'char'; test: (c: number) => boolean }
  | { kind: 'star'; test: (c: number) => boolean }
  | { kind: 'dirs' }
  | { kind: 'alt'; alts: Item[][] };

const notSlash = (c: number): boolean => c !== SLASH;
const anyChar = (): boolean => true;

/** Parses `[...]` at `i` (the `[`); returns the test and the index of the closing `]`, or null. */
function parseClass(glob: string, i: number): { test: (c: number) => boolean; close: number } | null {
  // As in the shells and VS Code, a `]` right after `[` (or `[!`) is a member, not the end.
  const close = glob.indexOf(']', i + 2);
  if (close < 0) return null;
  let body = glob.slice(i + 1, close);
  let negate = false;
  if (body.startsWith('!') || body.startsWith('^')) {
    negate = true;
    body = body.slice(1);
  }
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < body.length; k++) {
    const lo = body.charCodeAt(k);
    if (body[k + 1] === '-' && k + 2 < body.length) {
      ranges.push([lo, body.charCodeAt(k + 2)]);
      k += 2;
    } else ranges.push([lo, lo]);
  }
  const test = (c: number): boolean => {
    let hit = false;
    for (const [lo, hi] of ranges) if (c >= lo && c <= hi) { hit = true; break; }
    return hit !== negate;
  };
  return { test, close };
}

/**
 * Braces nest at most this deep; a deeper `{` is read as a literal character. The automaton is built by
 * recursion over nested braces, and a pattern of 5,000 nested braces would overflow the stack.
 */
export const MAX_BRACE_DEPTH = 32;

/**
 * Parses a glob into items. `{a,b}` nests; an unclosed `{` runs to the end of the pattern and an
 * unclosed `[` is a literal, so no pattern is an error.
 */
function parse(glob: string): Item[] {
  const stack: Item[][][] = [];
  let seq: Item[] = [];
  let cls: ReturnType<typeof parseClass>;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of whole segments (none included), a trailing or inner `**` anything.
      if (glob[i + 2] === '/') {
        seq.push({ kind: 'dirs' });
        i += 2;
      } else {
        seq.push({ kind: 'star', test: anyChar });
        i += 1;
      }
    } else if (c === '*') seq.push({ kind: 'star', test: notSlash });
    else if (c === '?') seq.push({ kind: 'char', test: notSlash });
    else if (c === '{' && stack.length < MAX_BRACE_DEPTH) {
      stack.push([seq]);
      seq = [];
    } else if ((c === ',' || c === '}') && stack.length > 0) {
      const alts = stack[stack.length - 1];
      alts.push(seq);
      seq = [];
      if (c === '}') {
        stack.pop();
        const [outer, ...choices] = alts;
        outer.push({ kind: 'alt', alts: choices });
        seq = outer;
      }
    } else if (c === '[' && (cls = parseClass(glob, i))) {
      seq.push({ kind: 'char', test: cls.test });
      i = cls.close;
    } else {
      const code = glob.charCodeAt(i);
      seq.push({ kind: 'char', test: (x) => x === code });
    }
  }
  while (stack.length > 0) {
    const alts = stack.pop()!;
    alts.push(seq);
    const [outer, ...choices] = alts;
    outer.push({ kind: 'alt', alts: choices });
    seq = outer;
  }
  return seq;
}

/** Builds the automaton's states for `items`, each leading on to `next`; returns the entry state. */
function build(items: Item[], next: number, states: State[]): number {
  const add = (s: State): number => states.push(s) - 1;
  let entry = next;
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item.kind === 'char') entry = add({ test: item.test, out: entry, alts: [] });
    else if (item.kind === 'star') {
      // A loop: read one more character and come back, or go on.
      const loop = add({ test: null, out: -1, alts: [] });
      const read = add({ test: item.test, out: loop, alts: [] });
      states[loop].alts = [read, entry];
      entry = loop;
    } else if (item.kind === 'dirs') {
      // `(?:[^/]*/)*`: any number of segments, each ended by a slash.
      const loop = add({ test: null, out: -1, alts: [] });
      const slash = add({ test: (c) => c === SLASH, out: loop, alts: [] });
      const segment = add({ test: null, out: -1, alts: [] });
      const read = add({ test: notSlash, out: segment, alts: [] });
      states[segment].alts = [read, slash];
      states[loop].alts = [segment, entry];
      entry = loop;
    } else {
      const after = entry;
      entry = add({ test: null, out: -1, alts: item.alts.map((alt) => build(alt, after, states)) });
    }
  }
  return entry;
}

/** The spelling a glob is matched in: `/` separators, no leading `./` or `/`. */
function normalize(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '');
}

/**
 * Globs longer than this are not compiled and match nothing: no path is that long (PATH_MAX is 4,096
 * bytes on Linux, 1,024 on macOS), and each character costs a state, built and then followed for every
 * path tested (a `files.exclude` pattern of 120 KB allocated 480 KB per file walked).
 */
export const MAX_GLOB_CHARS = 4096;

/** Compiles a glob that must match a whole folder-relative path. Never throws. */
export function compileGlob(glob: string): Glob {
  if (glob.length > MAX_GLOB_CHARS) return { source: glob, test: () => false };
  const g = normalize(glob);
  const states: State[] = [];
  const accept = states.push({ test: null, out: -1, alts: [] }) - 1;
  const start = build(parse(g), accept, states);
  const n = states.length;
  return {
    source: glob,
    test(path: string): boolean {
      let cur: number[] = [];
      let next: number[] = [];
      // The step at which a state was last added, so each is added once per step.
      const seen = new Int32Array(n).fill(-1);
      const addTo = (list: number[], s: number, step: number): void => {
        // Explicit stack: branching states can chain deeply in long brace lists.
        const todo = [s];
        while (todo.length > 0) {
          const t = todo.pop()!;
          if (seen[t] === step) continue;
          seen[t] = step;
          const st = states[t];
          if (st.test) list.push(t);
          else if (t === accept) list.push(t);
          else for (let a = st.alts.length - 1; a >= 0; a--) todo.push(st.alts[a]);
        }
      };
      addTo(cur, start, 0);
      for (let j = 0; j < path.length && cur.length > 0; j++) {
        const c = path.charCodeAt(j);
        next.length = 0;
        for (const t of cur) {
          const st = states[t];
          if (st.test && st.test(c)) addTo(next, st.out, j + 1);
        }
        [cur, next] = [next, cur];
      }
      return cur.includes(accept);
    },
  };
}

/** One pattern of a GlobSet: its id (the answer when it matches last) and a flag the caller may filter on. */
export interface GlobSetEntry {
  glob: string;
  id: number;
  flag: boolean;
}

/** A state of the lazily built deterministic automaton: a set of states of the combined one. */
interface DfaState {
  states: Int32Array;
  next: Map<number, DfaState>;
  /** The highest id among the patterns this state accepts, and among those without the flag; -1 for none. */
  last: number;
  lastUnflagged: number;
}

/** A bound on the cached deterministic states; past it the cache starts afresh. */
const MAX_DFA_STATES = 4096;

/**
 * Many globs compiled into one matcher, as `.gitignore` needs: which pattern with the highest id
 * matches a path. All patterns share one automaton, turned lazily into a deterministic one whose
 * states are cached, so a path costs one step per character however many patterns there are (a
 * new state costs one pass over the patterns still alive, once). Testing each of 2,000 rules on each
 * of 2,000 files was 4 million automaton runs.
 */
export class GlobSet {
  private readonly states: State[] = [];
  private readonly acceptOf = new Map<number, GlobSetEntry>();
  private readonly seen: Int32Array;
  private stamp = 0;
  private cache = new Map<string, DfaState>();
  private start: DfaState;
  readonly size: number;

  constructor(entries: readonly GlobSetEntry[]) {
    const starts: number[] = [];
    for (const e of entries) {
      const accept = this.states.push({ test: null, out: -1, alts: [] }) - 1;
      this.acceptOf.set(accept, e);
      starts.push(build(parse(normalize(e.glob)), accept, this.states));
    }
    this.size = entries.length;
    this.seen = new Int32Array(this.states.length).fill(-1);
    this.start = this.dfaState(this.closure(starts));
  }

  /** The highest id of a matching pattern (`last`) and of a matching unflagged one; -1 when none. */
  match(path: string): { last: number; lastUnflagged: number } {
    let d = this.start;
    for (let j = 0; j < path.length && d.states.length > 0; j++) {
      const c = path.charCodeAt(j);
      let n = d.next.get(c);
      if (!n) {
        const targets: number[] = [];
        for (const t of d.states) {
          const st = this.states[t];
          if (st.test && st.test(c)) targets.push(st.out);
        }
        n = this.dfaState(this.closure(targets));
        d.next.set(c, n);
      }
      d = n;
    }
    return { last: d.last, lastUnflagged: d.lastUnflagged };
  }

  /** The reading and accepting states reached from `from` without reading, sorted. */
  private closure(from: number[]): number[] {
    const stamp = ++this.stamp;
    const out: number[] = [];
    const todo = from.slice();
    while (todo.length > 0) {
      const t = todo.pop()!;
      if (this.seen[t] === stamp) continue;
      this.seen[t] = stamp;
      const st = this.states[t];
      if (st.test || this.acceptOf.has(t)) out.push(t);
      else for (let a = st.alts.length - 1; a >= 0; a--) todo.push(st.alts[a]);
    }
    return out.sort((a, b) => a - b);
  }

  private dfaState(set: number[]): DfaState {
    const key = set.join(',');
    let d = this.cache.get(key);
    if (d) return d;
    if (this.cache.size >= MAX_DFA_STATES) {
      // The start state is kept so that the next path does not rebuild it.
      this.cache = new Map([[this.start.states.join(','), this.start]]);
      this.start.next.clear();
    }
    let last = -1;
    let lastUnflagged = -1;
    for (const t of set) {
      const e = this.acceptOf.get(t);
      if (!e) continue;
      last = Math.max(last, e.id);
      if (!e.flag) lastUnflagged = Math.max(lastUnflagged, e.id);
    }
    d = { states: Int32Array.from(set), next: new Map(), last, lastUnflagged };
    this.cache.set(key, d);
    return d;
  }
}

/** One switched-on `files.exclude` pattern; `when` names a sibling that must exist, as in `$(basename).ts`. */
export interface ExcludePattern {
  glob: Glob;
  when?: string;
}

/** The patterns of a `files.exclude` object that are switched on. */
export function excludePatterns(exclude: unknown): ExcludePattern[] {
  if (!exclude || typeof exclude !== 'object') return [];
  const out: ExcludePattern[] = [];
  for (const [glob, on] of Object.entries(exclude as Record<string, unknown>)) {
    if (on === true) out.push({ glob: compileGlob(glob) });
    else if (on && typeof on === 'object' && typeof (on as { when?: unknown }).when === 'string') out.push({ glob: compileGlob(glob), when: (on as { when: string }).when });
  }
  return out;
}

/**
 * True when a folder-relative path is excluded. `siblings` lists the names in the same folder, for
 * patterns with a `when` condition.
 */
export function isExcluded(patterns: ExcludePattern[], relPath: string, siblings?: ReadonlySet<string>): boolean {
  for (const p of patterns) {
    if (!p.glob.test(relPath)) continue;
    if (!p.when) return true;
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const base = dot > 0 ? name.slice(0, dot) : name;
    if (siblings?.has(p.when.replace(/\$\(basename\)/g, base))) return true;
  }
  return false;
}
