import fs from 'node:fs';
import path from 'node:path';
import { isIgnored, parseGitignore, type IgnoreFile } from '../workspace/gitignore';
import { MAX_IGNORE_FILE_BYTES, SKIP_DIRS } from '../workspace/indexer';
import { readRegularFile } from '../workspace/regularFile';

/**
 * The files the command line checks, chosen as the editor chooses a workspace's: folders are walked
 * without following symbolic links (a link to `.` cannot repeat or loop the walk), node_modules, .git,
 * .hg and .svn are skipped, and `.gitignore` files apply from the repository's root down, as git reads
 * them. A path named on the command line is always checked, ignored or not. Only regular files are
 * read, each at most `maxBytes`; what cannot be read is reported, never skipped silently.
 */

export interface WalkedFile {
  /** The path as shown: relative to the current folder when inside it, else absolute. */
  file: string;
  text: string;
}

export interface WalkProblem {
  file: string;
  message: string;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Paths that do not exist or cannot be read: exit code 2. */
  problems: WalkProblem[];
  /** Files over the size limit, not checked (said on stderr, not an error). */
  tooLarge: string[];
}

/** The folder holding `.git` at or above `dir`, if any. */
function repositoryRoot(dir: string): string | undefined {
  for (let d = dir, i = 0; i < 256; i++) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? 'error';
}

export async function walk(paths: string[], maxBytes: number): Promise<WalkResult> {
  const result: WalkResult = { files: [], problems: [], tooLarge: [] };
  const seen = new Set<string>();
  const ignoreCache = new Map<string, IgnoreFile | null>();
  const cwd = process.cwd();
  const shown = (abs: string): string => {
    const rel = path.relative(cwd, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  };

  /** The parsed `.gitignore` of a folder (`base` relative to the repository root), read once. */
  const ignoreFileOf = async (dir: string, base: string): Promise<IgnoreFile | null> => {
    let f = ignoreCache.get(dir);
    if (f !== undefined) return f;
    const read = await readRegularFile(path.join(dir, '.gitignore'), MAX_IGNORE_FILE_BYTES, true);
    f = read.ok ? parseGitignore(read.text, base) : null;
    ignoreCache.set(dir, f);
    return f;
  };

  const readFile = async (abs: string): Promise<void> => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const read = await readRegularFile(abs, maxBytes);
    if (read.ok) result.files.push({ file: shown(abs), text: read.text });
    else if (read.reason === 'too large') result.tooLarge.push(shown(abs));
    else if (read.reason === 'unreadable') result.problems.push({ file: shown(abs), message: 'cannot be read (permission denied or I/O error)' });
  };

  const walkDir = async (root: string, repo: string, top: IgnoreFile[]): Promise<void> => {
    // Folders still to list, each with the ignore files that apply in it; a stack, so no recursion depth.
    const stack: { dir: string; ignores: IgnoreFile[] }[] = [{ dir: root, ignores: top }];
    while (stack.length) {
      const { dir, ignores: parent } = stack.pop()!;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch (e) {
        result.problems.push({ file: shown(dir), message: `cannot be listed (${errorCode(e)})` });
        continue;
      }
      const rel = (name: string) => path.relative(repo, path.join(dir, name)).split(path.sep).join('/');
      const own = entries.some((e) => e.name === '.gitignore') ? await ignoreFileOf(dir, path.relative(repo, dir).split(path.sep).join('/')) : null;
      const ignores = own ? [...parent, own] : parent;
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const e of entries) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !isIgnored(ignores, rel(e.name), true) && !seen.has(abs)) {
            seen.add(abs);
            subdirs.push(abs);
          }
        } else if (e.isFile()) {
          if (!isIgnored(ignores, rel(e.name), false)) await readFile(abs);
        }
        // Symbolic links, FIFOs, sockets and devices are not followed or read, as in the editor.
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i], ignores });
    }
  };

  for (const p of paths.length ? paths : ['.']) {
    let st: fs.Stats;
    let abs: string;
    try {
      // A path named on the command line is followed if it is a link, as a shell user expects.
      abs = fs.realpathSync(p);
      st = fs.statSync(abs);
    } catch (e) {
      const code = errorCode(e);
      result.problems.push({ file: p, message: code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code})` });
      continue;
    }
    if (st.isDirectory()) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      const repo = repositoryRoot(abs) ?? abs;
      // The .gitignore files of the folders from the repository's root down to this one apply here too.
      const top: IgnoreFile[] = [];
      const chain = path.relative(repo, abs).split(path.sep).filter(Boolean);
      let ignoredAbove = false;
      for (let i = 0; i < chain.length && !ignoredAbove; i++) {
        const dir = path.join(repo, ...chain.slice(0, i));
        const f = await ignoreFileOf(dir, chain.slice(0, i).join('/'));
        if (f) top.push(f);
        ignoredAbove = isIgnored(top, chain.slice(0, i + 1).join('/'), true);
      }
      await walkDir(abs, repo, top);
    } else if (st.isFile()) {
      await readFile(abs);
    } else {
      result.problems.push({ file: p, message: 'is not a regular file or a folder' });
    }
  }
  return result;
}
