/**
 * Glob patterns as VS Code's `files.exclude` writes them (`**∕node_modules`, `**∕*.{log,tmp}`,
 * `out/[ab]*`), turned into regular expressions over a folder-relative path with `/` separators.
 */

function escape(c: string): string {
  return /[.+^${}()|[\]\\*?]/.test(c) ? '\\' + c : c;
}

/** Converts one glob into a regular expression source (no anchors). Never throws. */
function globSource(glob: string): string {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` matches any number of whole segments, a trailing `**` anything below.
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body}]`;
      i = close;
    } else re += escape(c);
  }
  while (braces-- > 0) re += ')';
  return re;
}

/** A compiled glob that matches a whole folder-relative path. */
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, '');
  try {
    return new RegExp(`^${globSource(g)}$`);
  } catch {
    return /(?!)/;
  }
}

/** One switched-on `files.exclude` pattern; `when` names a sibling that must exist, as in `$(basename).ts`. */
export interface ExcludePattern {
  re: RegExp;
  when?: string;
}

/** The patterns of a `files.exclude` object that are switched on. */
export function excludePatterns(exclude: unknown): ExcludePattern[] {
  if (!exclude || typeof exclude !== 'object') return [];
  const out: ExcludePattern[] = [];
  for (const [glob, on] of Object.entries(exclude as Record<string, unknown>)) {
    if (on === true) out.push({ re: globToRegExp(glob) });
    else if (on && typeof on === 'object' && typeof (on as { when?: unknown }).when === 'string') out.push({ re: globToRegExp(glob), when: (on as { when: string }).when });
  }
  return out;
}

/**
 * True when a folder-relative path is excluded. `siblings` lists the names in the same folder, for
 * patterns with a `when` condition.
 */
export function isExcluded(patterns: ExcludePattern[], relPath: string, siblings?: ReadonlySet<string>): boolean {
  for (const p of patterns) {
    if (!p.re.test(relPath)) continue;
    if (!p.when) return true;
    const name = relPath.slice(relPath.lastIndexOf('/') + 1);
    const dot = name.lastIndexOf('.');
    const base = dot > 0 ? name.slice(0, dot) : name;
    if (siblings?.has(p.when.replace(/\$\(basename\)/g, base))) return true;
  }
  return false;
}
