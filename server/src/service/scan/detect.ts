import { sniffConf, sniffFormat, withoutSampleSuffix } from './sniff';
import type { FormatId } from './vocabulary/types';
import { FORMAT_TABLE, PLAIN_TEXT_LANGUAGE } from './table';

/**
 * Chooses the port finder for a document from its language id and file name, since VS Code opens
 * many of these files as `plaintext`, `ini` or `properties`.
 */

export type { FormatId } from './vocabulary/types';

/** Every format, in the format table's order. */
export const FORMAT_IDS: readonly FormatId[] = FORMAT_TABLE.map((r) => r.id);

/** The language ids of source code, which a specific file name wins over only when it is not code itself. */
const CODE_LANGUAGES: ReadonlySet<string> = new Set(FORMAT_TABLE.find((r) => r.id === 'code')?.languageIds);

const CODE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'py', 'go', 'java', 'rs', 'cs', 'rb', 'php', 'kt', 'kts',
  'scala', 'c', 'h', 'cc', 'cpp', 'hpp', 'swift', 'dart', 'ex', 'exs', 'groovy', 'lua', 'pl', 'fs', 'vue',
  'svelte', 'm', 'zig', 'clj', 'hs', 'erl', 'jl', 'ps1', 'psm1',
]);

/** The format of each VS Code language id, from the format table. */
// Plain text is left out: such a document is read by its name and content before it falls back to prose.
const BY_LANGUAGE: Record<string, FormatId> = Object.fromEntries(FORMAT_TABLE.flatMap((r) => r.languageIds.filter((id) => id !== PLAIN_TEXT_LANGUAGE).map((id) => [id, r.id])));

function basename(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  let b = clean.slice(clean.lastIndexOf('/') + 1);
  try {
    b = decodeURIComponent(b);
  } catch {
    /* keep the raw name */
  }
  return b;
}

/** Detects the format from the file name alone, or undefined when the name says nothing. */
export function formatFromFileName(fullUri: string): FormatId | undefined {
  // Folder rules look at the path only: a query or fragment is not part of the file's name.
  const uri = fullUri.replace(/[?#].*$/, '');
  const b = basename(uri);
  const l = b.toLowerCase();
  const dot = l.lastIndexOf('.');
  const ext = dot > 0 ? l.slice(dot + 1) : '';
  if (/^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/.test(l) || /\.compose\.ya?ml$/.test(l)) return 'compose';
  if (l === 'dockerfile' || l === 'containerfile' || l.startsWith('dockerfile.') || ext === 'dockerfile' || l.startsWith('containerfile.')) return 'dockerfile';
  if (l === '.env' || l.startsWith('.env.') || ext === 'env' || l === '.envrc' || l === 'env') return 'dotenv';
  // CoreDNS's Corefile has the Caddyfile's syntax (server blocks named by `zone:port`).
  if (l === 'caddyfile' || l.startsWith('caddyfile.') || ext === 'caddyfile' || ext === 'caddy' || l === 'corefile') return 'caddy';
  if (l === 'ssh_config' || l === 'sshd_config' || /\/\.ssh\/config$/.test(uri) || /\/ssh_config\.d\/|\/sshd_config\.d\//.test(uri)) return 'ssh';
  if (l === 'services' || ext === 'services') return 'services';
  if (l === 'haproxy.cfg' || ext === 'haproxy' || (/haproxy/.test(l) && ext === 'cfg')) return 'haproxy';
  if (l === 'nginx.conf' || ext === 'nginx' || /\/nginx\/|\/sites-(available|enabled)\//.test(uri)) return 'nginx';
  if (['service', 'socket', 'target', 'mount', 'timer', 'path', 'network', 'netdev', 'container', 'pod', 'kube'].includes(ext) && l !== 'services') return 'systemd';
  // kubectl's config is YAML without an extension.
  if (l === 'kubeconfig' || ext === 'kubeconfig' || /\/\.kube\/config$/.test(uri)) return 'yaml';
  if (ext === 'yml' || ext === 'yaml') return 'yaml';
  if (ext === 'json' || ext === 'jsonc' || ext === 'json5' || l === '.devcontainer.json') return 'json';
  if (ext === 'toml') return 'toml';
  if (ext === 'tf' || ext === 'tfvars' || ext === 'hcl') return 'terraform';
  if (ext === 'properties' || ext === 'ini' || ext === 'cnf' || ext === 'cfg' || ext === 'conf') return 'keyvalue';
  // Git, npm, Yarn and PyPI settings are INI-like `key = value` files without an extension.
  if (l === '.gitconfig' || l === 'gitconfig' || /\/\.git\/config$/.test(uri) || l === '.npmrc' || l === '.yarnrc' || l === '.pypirc' || l === 'pip.conf') return 'keyvalue';
  // Postfix's main.cf and master.cf, and Tor's torrc, are `key = value` or `Key value` lines.
  if (ext === 'cf' || l === 'torrc' || l.startsWith('torrc.')) return 'keyvalue';
  if (ext === 'sh' || ext === 'bash' || ext === 'zsh' || l === 'makefile' || l === 'gnumakefile' || ext === 'mk') return 'shell';
  // just's recipes are shell lines.
  if (l === 'justfile' || l === '.justfile' || ext === 'just') return 'shell';
  // A Procfile's lines are `name: command`.
  if (l === 'procfile' || l.startsWith('procfile.')) return 'shell';
  // Ruby (Vagrantfile), Groovy (Jenkinsfile) and Starlark (Tiltfile) programs without an extension.
  if (l === 'vagrantfile' || l === 'jenkinsfile' || l.startsWith('jenkinsfile.') || ext === 'jenkinsfile' || l === 'tiltfile' || ext === 'gradle') return 'code';
  if (ext === 'md' || ext === 'markdown' || ext === 'mdx') return 'markdown';
  if (ext === 'xml') return 'code';
  if (CODE_EXTENSIONS.has(ext)) return 'code';
  // A format whose names need no rule above is known by its row's file patterns alone (`**/*.http`).
  return FORMAT_TABLE.find((r) => r.filePatterns.some((glob) => globMatches(glob, uri)))?.id;
}

/** Detects a document's format; undefined means the document is not served. */
export function detectFormat(languageId: string, uri: string, text = ''): FormatId | undefined {
  const byName = formatFromFileName(uri);
  // A specific file name (compose, Dockerfile, nginx.conf, ...) wins over a generic language id.
  if (byName && byName !== 'yaml' && byName !== 'keyvalue' && byName !== 'json') {
    if (byName === 'code' && !CODE_LANGUAGES.has(languageId) && languageId !== 'plaintext' && languageId in BY_LANGUAGE) {
      return BY_LANGUAGE[languageId];
    }
    return byName;
  }
  if (byName === 'keyvalue' && /\.(conf|cfg)$/i.test(basename(uri))) return sniffConf(text);
  const byLang = BY_LANGUAGE[languageId];
  if (byLang === 'yaml' && byName !== 'yaml') return 'yaml';
  if (byLang) return byLang === 'keyvalue' && byName ? byName : byLang;
  if (CODE_LANGUAGES.has(languageId)) return 'code';
  if (byName || languageId !== 'plaintext') return byName;
  // A plain-text file whose name nobody registered: a sample's name without its suffix
  // (`stack.yml.example`), else its content (`env.sample`, an nginx block in `conf`), else plain text.
  const bare = withoutSampleSuffix(basename(uri));
  const byBareName = bare ? formatFromFileName(bare) : undefined;
  if (byBareName === 'keyvalue' || byBareName === 'yaml') return (text && sniffFormat(text)) || byBareName;
  return byBareName ?? (text ? sniffFormat(text) : undefined) ?? 'text';
}

// Turns a glob (**/*.conf, deploy/*.yml, Caddyfile) into a regular expression over a path.
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern without a slash matches a file name anywhere, as in files.associations.
  return new RegExp(`(^|/)${re}$`);
}

// Glob tokens for globMatches: a literal character, `?`, `*`, `**`, and `**/` as two states (the
// optional group's entry, then the `.*` loop that ends at a slash).
const LIT = 0;
const ONE = 1;
const STAR = 2;
const ANY = 3;
const DIRS_ENTRY = 4;
const DIRS_LOOP = 5;

function isLineEnd(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
}

/**
 * True when `globToRegExp(glob)` matches `path`, decided by walking the glob's states over the path
 * once (time glob length x path length). The regular expression backtracks: `**a**a**a**a**b`, which
 * a workspace's settings may hold, against a long file name took minutes.
 */
export function globMatches(glob: string, path: string): boolean {
  const kinds: number[] = [];
  const chars: string[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        kinds.push(DIRS_ENTRY, DIRS_LOOP);
        chars.push(c, c);
        i += 2;
      } else {
        kinds.push(ANY);
        chars.push(c);
        i += 1;
      }
    } else {
      kinds.push(c === '*' ? STAR : c === '?' ? ONE : LIT);
      chars.push(c);
    }
  }
  const m = kinds.length;
  let cur = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // Wildcards may match nothing: a state before one also stands after it. `**/` may be skipped whole
  // (entry to after the loop) or entered (entry to loop).
  const close = (set: Uint8Array): void => {
    for (let k = 0; k < m; k++) {
      if (!set[k]) continue;
      const kind = kinds[k];
      if (kind === STAR || kind === ANY || kind === DIRS_ENTRY) set[k + 1] = 1;
      if (kind === DIRS_ENTRY) set[k + 2] = 1;
    }
  };
  cur[0] = 1;
  close(cur);
  for (let j = 0; j < path.length; j++) {
    const c = path[j];
    next.fill(0);
    for (let k = 0; k < m; k++) {
      if (!cur[k]) continue;
      const kind = kinds[k];
      if (kind === LIT) {
        if (chars[k] === c) next[k + 1] = 1;
      } else if (kind === ONE) {
        if (c !== '/') next[k + 1] = 1;
      } else if (kind === STAR) {
        if (c !== '/') next[k] = 1;
      } else if (kind !== DIRS_ENTRY) {
        // `**` is `.*` and `**/` is `(?:.*/)?`: any character but a line end, and `**/` ends at a slash.
        if (!isLineEnd(c)) next[k] = 1;
        if (kind === DIRS_LOOP && c === '/') next[k + 1] = 1;
      }
    }
    // As `(^|/)` says, a match may also start right after any slash.
    if (c === '/') next[0] = 1;
    close(next);
    [cur, next] = [next, cur];
  }
  return cur[m] === 1;
}

/** The format a user's `ianaPorts.files.associations` gives a URI, if any pattern matches. */
export function formatFromAssociations(uri: string, associations: Record<string, string>): FormatId | undefined {
  const entries = Object.entries(associations);
  if (!entries.length) return undefined;
  let p = uri.replace(/[?#].*$/, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    /* keep the raw path */
  }
  for (const [glob, format] of entries) {
    if ((FORMAT_IDS as readonly string[]).includes(format) && globMatches(glob, p)) return format as FormatId;
  }
  return undefined;
}
