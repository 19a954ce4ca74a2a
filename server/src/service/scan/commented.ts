import type { FormatId } from './detect';
import type { ComposeMapping, PortFinder, PortOccurrence } from './vocabulary/types';
import { finish, shiftOccurrence } from './vocabulary/common';

/**
 * Commented-out configuration, read in the file's own syntax: `#Port 22` in sshd_config,
 * `# DB_PORT=3306` in .env, `# - "8001:8081"` under a compose service's `ports:`, `// "forwardPorts":
 * [3000]` in JSONC, `# listen 443 ssl;` in nginx. A comment line whose body reads as a line of the
 * format is uncommented in a copy of the text and the format's finder reads the copy; what it finds
 * on those lines is documentation.
 * Prose comments stay comments: the sentence reader handles them.
 */

interface CommentSyntax {
  /** The regular expression that finds a full-line comment: group 1 is the marker run. */
  line: RegExp;
  /** True when a comment's body reads as one line of the format. */
  isConfig: (body: string) => boolean;
  /** Indentation means nesting: the lines of a commented block keep their indentation relative to its first line. */
  nested?: boolean;
}

const HASH = /^[ \t]*((?:#[ \t]*)+)(?=\S)/gm;
const HASH_OR_SEMI = /^[ \t]*((?:[#;][ \t]*)+)(?=\S)/gm;
const SLASHES = /^[ \t]*((?:\/\/[ \t]*)+)(?=\S)/gm;

// One line of each syntax. A key holds no space, so "Note: see below" passes but reads as nothing,
// while "Generated for the benchmark: ..." does not pass.
const YAML_LINE = /^(-[ \t]+\S|-$|"[^"]+":([ \t]|$)|'[^']+':([ \t]|$)|[A-Za-z0-9_.\/-]+:([ \t]+\S|$))/;
const DOTENV_LINE = /^(export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*=\S*([ \t]+#.*)?$/;
const INI_LINE = /^(\[[^\]\s]+\]$|[A-Za-z_][A-Za-z0-9_.-]*[ \t]*[=:][ \t]*\S)/;
// `tls-port 6379`, `Port 22`, `Listen 12.34.56.78:80`: a key and at most two value words.
const WORD_LINE = /^[A-Za-z_][A-Za-z0-9_.-]*[ \t]+[^\s#;]+([ \t]+[^\s#;]+)?[ \t]*;?$/;
const NGINX_LINE = /^[a-z_]+([ \t]+[^;#{}]+)?[ \t]*(;|\{)[ \t]*(#.*)?$/;
const TOML_LINE = /^(\[\[?[^\]\s]+\]\]?$|[A-Za-z0-9_."-]+[ \t]*=[ \t]*\S)/;
const JSON_LINE = /^("[^"]+"[ \t]*:|[{}[\]]|\d+[ \t]*,?$)/;
const DOCKERFILE_LINE = /^(EXPOSE|ENV|ARG|CMD|ENTRYPOINT|RUN|HEALTHCHECK)[ \t]/;
const SHELL_LINE = /^(sudo[ \t]+)?(docker(-compose)?|podman|kubectl|helm|curl|wget|ssh|nc|ncat|socat|redis-server|redis-cli|psql|mysql|python3?|node|npm|npx|uvicorn|gunicorn|flask|java|ngrok|iptables|ufw|firewall-cmd|export)[ \t]|^[A-Za-z_][A-Za-z0-9_]*=\S/;

const line = (...res: RegExp[]) => (body: string): boolean => res.some((re) => re.test(body));

const SYNTAX: Partial<Record<FormatId, CommentSyntax>> = {
  compose: { line: HASH, isConfig: line(YAML_LINE), nested: true },
  yaml: { line: HASH, isConfig: line(YAML_LINE), nested: true },
  dotenv: { line: HASH, isConfig: line(DOTENV_LINE) },
  keyvalue: { line: HASH_OR_SEMI, isConfig: line(INI_LINE, WORD_LINE) },
  toml: { line: HASH, isConfig: line(TOML_LINE) },
  nginx: { line: HASH, isConfig: line(NGINX_LINE) },
  haproxy: { line: HASH, isConfig: line(WORD_LINE) },
  caddy: { line: HASH, isConfig: line(WORD_LINE) },
  ssh: { line: HASH, isConfig: line(WORD_LINE) },
  systemd: { line: HASH_OR_SEMI, isConfig: line(INI_LINE) },
  json: { line: SLASHES, isConfig: line(JSON_LINE) },
  dockerfile: { line: HASH, isConfig: line(DOCKERFILE_LINE) },
  shell: { line: HASH, isConfig: line(SHELL_LINE) },
};

/** Wraps a format's finder so that it also reads that format's commented-out configuration. */
export function withCommentedConfig(format: FormatId, finder: PortFinder): PortFinder {
  const syntax = SYNTAX[format];
  if (!syntax) return finder;
  return (text) => {
    const found = finder(text);
    // Per uncommented line: where its body starts in the copy, the body's length and how far the
    // body moved left (the marker's width). The body moves to where the marker stood, so that
    // `  # replicas: 3` reads at the indentation of the keys around it, and the marker's width of
    // spaces ends the line, so that every other line keeps its offsets. In YAML the next lines of a
    // commented block keep their indentation relative to its first line (`# tcp:` / `#   8080: 30080`).
    const lines: number[] = [];
    const pieces: string[] = [];
    let copied = 0;
    // The end of the last uncommented line, and the columns of its block's first marker and body.
    let blockEnd = -2;
    let blockMarker = 0;
    let blockBody = 0;
    const re = syntax.line;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const markers = m.index + m[0].length - m[1].length;
      const body = m.index + m[0].length;
      let le = text.indexOf('\n', body);
      if (le < 0) le = text.length;
      const end = le > body && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
      re.lastIndex = le;
      if (end - body > 400 || !syntax.isConfig(text.slice(body, end))) continue;
      let at = markers;
      if (syntax.nested && m.index === blockEnd + 1) {
        at = Math.min(body, Math.max(markers, m.index + blockMarker + (body - m.index - blockBody)));
      } else {
        blockMarker = markers - m.index;
        blockBody = body - m.index;
      }
      blockEnd = le;
      pieces.push(text.slice(copied, markers), ' '.repeat(at - markers), text.slice(body, end), ' '.repeat(body - at));
      copied = end;
      lines.push(at, end - body, body - at);
    }
    if (!lines.length) return found;
    pieces.push(text.slice(copied));
    const extra: PortOccurrence[] = [];
    const moved = new Set<ComposeMapping>();
    let k = 0;
    for (const o of finder(pieces.join(''))) {
      while (k < lines.length && lines[k] + lines[k + 1] <= o.start) k += 3;
      if (k >= lines.length) break;
      // `# port 0` documents a sentinel (pick any free port), not a port.
      if (o.start < lines[k] || o.end > lines[k] + lines[k + 1] || (o.kind === 'port' && o.port === 0)) continue;
      shiftOccurrence(o, lines[k + 2], moved);
      o.inComment = true;
      extra.push(o);
    }
    if (!extra.length) return found;
    // The commented line's own reading comes first, so that it wins over the prose reading of the same digits.
    return finish([...extra, ...found]);
  };
}
