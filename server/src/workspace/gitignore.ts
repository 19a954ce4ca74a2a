import { compileGlob, type Glob } from './glob';

/**
 * The common subset of `.gitignore` (gitignore(5)): comments, blank lines, `!` negation, a trailing `/`
 * for folders only, a leading or inner `/` anchoring the pattern to the file's folder, `*`, `?`, `[...]`
 * and `**`. The last matching pattern wins, and a deeper `.gitignore` overrides a shallower one.
 */

interface IgnoreRule {
  glob: Glob;
  negate: boolean;
  dirOnly: boolean;
}

/** The patterns of one `.gitignore`, for paths relative to the folder that holds it. */
export interface IgnoreFile {
  /** The folder of the `.gitignore`, relative to the walk's root ('' for the root itself). */
  base: string;
  rules: IgnoreRule[];
}

/** Parses one `.gitignore` text. Unusual lines are skipped, never an error. */
export function parseGitignore(text: string, base = ''): IgnoreFile {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
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
    const glob = anchored || line.startsWith('**/') ? line : `**/${line}`;
    rules.push({ glob: compileGlob(glob), negate, dirOnly });
  }
  return { base, rules };
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
    for (const r of f.rules) {
      if (r.dirOnly && !isDir) continue;
      if (r.glob.test(p)) ignored = !r.negate;
    }
  }
  return ignored;
}
