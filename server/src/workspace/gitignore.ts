import { GlobSet, MAX_GLOB_CHARS, type GlobSetEntry } from './glob';

/**
 * The characters of patterns one `.gitignore` compiles at most. Compiling costs about a microsecond per
 * character on this machine when idle, several under load: a 1 MB file of ordinary rules blocked the
 * server 3-4 s. Real ignore files hold a few KB; the rules past the bound are left out (the files they
 * would hide are indexed), with a note in the log.
 */
export const MAX_IGNORE_PATTERN_CHARS = 64 * 1024;

/**
 * The common subset of `.gitignore` (gitignore(5)): comments, blank lines, `!` negation, a trailing `/`
 * for folders only, a leading or inner `/` anchoring the pattern to the file's folder, `*`, `?`, `[...]`
 * and `**`. The last matching pattern wins, and a deeper `.gitignore` overrides a shallower one.
 */

interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
}

/** The patterns of one `.gitignore`, for paths relative to the folder that holds it. */
export interface IgnoreFile {
  /** The folder of the `.gitignore`, relative to the walk's root ('' for the root itself). */
  base: string;
  rules: IgnoreRule[];
  /** Patterns without a slash, matched against the last segment of a path, as git does. */
  names: GlobSet;
  /** Patterns with a slash, matched against the whole path below `base`. */
  paths: GlobSet;
  /** Rules left out: longer than MAX_GLOB_CHARS, or past MAX_IGNORE_PATTERN_CHARS in all. */
  leftOut: number;
}

/** The line without trailing blanks, except one escaped with a backslash; linear in the line's length. */
function trimTrailingBlanks(line: string): string {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  if (end < line.length && end > 0 && line[end - 1] === '\\') end++;
  return end === line.length ? line : line.slice(0, end);
}

/** Parses one `.gitignore` text into one matcher for all its rules. Unusual lines are skipped, never an error. */
export function parseGitignore(text: string, base = ''): IgnoreFile {
  const rules: IgnoreRule[] = [];
  const names: GlobSetEntry[] = [];
  const paths: GlobSetEntry[] = [];
  let chars = 0;
  let leftOut = 0;
  for (const raw of text.split(/\r?\n/)) {
    let line = trimTrailingBlanks(raw);
    if (!line || line.startsWith('#')) continue;
    // A pattern longer than any path cannot be meant; compiling it cost 0.1-1 s per 120 KB line.
    if (line.length > MAX_GLOB_CHARS || chars + line.length > MAX_IGNORE_PATTERN_CHARS) {
      leftOut++;
      continue;
    }
    chars += line.length;
    let negate = false;
    if (line.startsWith('!')) {
      negate = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    let dirOnly = false;
    if (line.endsWith('/')) {
      dirOnly = true;
      line = line.replace(/\/+$/, '');
    }
    if (!line) continue;
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const id = rules.push({ negate, dirOnly }) - 1;
    // `**/name` is the same as `name`: either matches the last segment at any depth.
    if (!anchored) names.push({ glob: line, id, flag: dirOnly });
    else if (line.startsWith('**/') && !line.slice(3).includes('/')) names.push({ glob: line.slice(3), id, flag: dirOnly });
    else paths.push({ glob: line, id, flag: dirOnly });
  }
  return { base, rules, names: new GlobSet(names), paths: new GlobSet(paths), leftOut };
}

/**
 * True when `relPath` (relative to the walk's root, `/` separators) is ignored by the given files,
 * listed from the root down. Callers test each folder before entering it, as git does: a file inside
 * an ignored folder cannot be re-included.
 */
export function isIgnored(files: readonly IgnoreFile[], relPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const f of files) {
    let p = relPath;
    if (f.base) {
      if (!relPath.startsWith(f.base + '/')) continue;
      p = relPath.slice(f.base.length + 1);
    }
    let last = -1;
    if (f.names.size) {
      const m = f.names.match(p.slice(p.lastIndexOf('/') + 1));
      last = isDir ? m.last : m.lastUnflagged;
    }
    if (f.paths.size) {
      const m = f.paths.match(p);
      last = Math.max(last, isDir ? m.last : m.lastUnflagged);
    }
    if (last >= 0) ignored = !f.rules[last].negate;
  }
  return ignored;
}
