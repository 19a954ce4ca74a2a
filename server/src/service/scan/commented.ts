import type { FormatId } from './detect';
import type { ComposeMapping, PortFinder, PortOccurrence } from './vocabulary/types';
import { finish, shiftOccurrence } from './vocabulary/common';
import { keepShape } from './text/keepShape';

/**
 * Commented-out configuration, read in the file's own syntax: `#Port 22` in sshd_config,
 * `# DB_PORT=3306` in .env, `# - "8001:8081"` under a compose service's `ports:`, `// "forwardPorts":
 * [3000]` in JSONC, `# listen 443 ssl;` in nginx. A comment line whose body reads as a line of the
 * format is uncommented in a copy of the text and the format's finder reads the copy; what it finds
 * on those lines is documentation.
 * Prose comments stay comments: the sentence reader handles them.
 */

interface CommentSyntax {
  /** The characters a comment marker starts with: a line whose first non-blank character is one may be a comment. */
  marks: string;
  /** Read (sticky) at the start of such a line: its blanks, the marker run (group 1), then the comment's first character. */
  line: RegExp;
  /** True when a comment's body reads as one line of the format. */
  isConfig: (body: string) => boolean;
  /** Indentation means nesting: the lines of a commented block keep their indentation relative to its first line. */
  nested?: boolean;
}

const HASH = /[ \t]*((?:#[ \t]*)+)(?=\S)/y;
const HASH_OR_SEMI = /[ \t]*((?:[#;][ \t]*)+)(?=\S)/y;
const SLASHES = /[ \t]*((?:\/\/[ \t]*)+)(?=\S)/y;

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
// A commented-out shell line worth reading as a command. Not the command table's names: these are the
// commands people leave commented out to run by hand (servers such as `uvicorn` or `java` take ports
// through flags every command shares and have no row), and a commented `# read -p ...` or `# echo` is prose.
const SHELL_LINE = /^(sudo[ \t]+)?(docker(-compose)?|podman|kubectl|helm|curl|wget|ssh|nc|ncat|socat|redis-server|redis-cli|psql|mysql|python3?|node|npm|npx|uvicorn|gunicorn|flask|java|ngrok|iptables|ufw|firewall-cmd|export)[ \t]|^[A-Za-z_][A-Za-z0-9_]*=\S/;

const line = (...res: RegExp[]) => (body: string): boolean => res.some((re) => re.test(body));

const SYNTAX: Partial<Record<FormatId, CommentSyntax>> = {
  compose: { marks: '#', line: HASH, isConfig: line(YAML_LINE), nested: true },
  yaml: { marks: '#', line: HASH, isConfig: line(YAML_LINE), nested: true },
  dotenv: { marks: '#', line: HASH, isConfig: line(DOTENV_LINE) },
  keyvalue: { marks: '#;', line: HASH_OR_SEMI, isConfig: line(INI_LINE, WORD_LINE) },
  toml: { marks: '#', line: HASH, isConfig: line(TOML_LINE) },
  nginx: { marks: '#', line: HASH, isConfig: line(NGINX_LINE) },
  haproxy: { marks: '#', line: HASH, isConfig: line(WORD_LINE) },
  caddy: { marks: '#', line: HASH, isConfig: line(WORD_LINE) },
  ssh: { marks: '#', line: HASH, isConfig: line(WORD_LINE) },
  systemd: { marks: '#;', line: HASH_OR_SEMI, isConfig: line(INI_LINE) },
  json: { marks: '/', line: SLASHES, isConfig: line(JSON_LINE) },
  dockerfile: { marks: '#', line: HASH, isConfig: line(DOCKERFILE_LINE) },
  shell: { marks: '#', line: HASH, isConfig: line(SHELL_LINE) },
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
    const marked = new MarkedLines(text, syntax.marks);
    while (marked.next()) {
      const ls = marked.start;
      re.lastIndex = ls;
      const m = re.exec(text);
      if (!m) continue;
      const markers = ls + m[0].length - m[1].length;
      const body = ls + m[0].length;
      let le = text.indexOf('\n', body);
      if (le < 0) le = text.length;
      const end = le > body && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
      marked.skipTo(le);
      if (end - body > 400 || !syntax.isConfig(text.slice(body, end))) continue;
      let at = markers;
      if (syntax.nested && ls === blockEnd + 1) {
        at = Math.min(body, Math.max(markers, ls + blockMarker + (body - ls - blockBody)));
      } else {
        blockMarker = markers - ls;
        blockBody = body - ls;
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
    return finish(mergeByPlace(extra, found));
  };
}

/** True when `list` is in order of (start, end), as `finish` leaves it. */
function inOrder(list: readonly PortOccurrence[]): boolean {
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1];
    const b = list[i];
    if (a.start > b.start || (a.start === b.start && a.end > b.end)) return false;
  }
  return true;
}

/**
 * `first` and `then`, each in order of place, merged into one list in order of place, `first`'s
 * occurrence before `then`'s where both stand at the same place: what a stable sort of their
 * concatenation gives, in one pass (a sort of a whole file's occurrences was a large share of the cost
 * of reading a file with many comments). Lists out of order are concatenated for `finish` to sort.
 */
function mergeByPlace(first: PortOccurrence[], then: PortOccurrence[]): PortOccurrence[] {
  if (!inOrder(first) || !inOrder(then)) return [...first, ...then];
  const out: PortOccurrence[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < then.length) {
    const a = first[i];
    const b = then[j];
    if (b.start < a.start || (b.start === a.start && b.end < a.end)) {
      out.push(b);
      j++;
    } else {
      out.push(a);
      i++;
    }
  }
  while (i < first.length) out.push(first[i++]);
  while (j < then.length) out.push(then[j++]);
  return out;
}

/**
 * The lines whose first non-blank character is a comment marker, found by searching for the marker
 * characters (`indexOf`) rather than by trying a regular expression at every line of the text. A line
 * starts where a multiline `^` would match: after `\n`, `\r`, U+2028 or U+2029.
 */
class MarkedLines {
  /** The start of the current line. */
  start = 0;
  private from = 0;
  /** Per marker character, the offset of its next occurrence at or after `from` (the text's length for none). */
  private readonly ahead: number[];

  constructor(private readonly text: string, private readonly marks: string) {
    this.ahead = new Array<number>(marks.length).fill(-1);
  }

  next(): boolean {
    const text = this.text;
    while (this.from < text.length) {
      let p = text.length;
      for (let c = 0; c < this.marks.length; c++) {
        if (this.ahead[c] < this.from) {
          const n = text.indexOf(this.marks[c], this.from);
          this.ahead[c] = n < 0 ? text.length : n;
        }
        if (this.ahead[c] < p) p = this.ahead[c];
      }
      if (p >= text.length) break;
      this.from = p + 1;
      let ls = p;
      while (ls > 0 && (text.charCodeAt(ls - 1) === 32 || text.charCodeAt(ls - 1) === 9)) ls--;
      const before = ls > 0 ? text.charCodeAt(ls - 1) : 10;
      if (before === 10 || before === 13 || before === 0x2028 || before === 0x2029) {
        this.start = ls;
        return true;
      }
    }
    this.from = text.length;
    return false;
  }

  /** Goes on searching at `offset` (the end of a comment line just read). */
  skipTo(offset: number): void {
    if (offset > this.from) this.from = offset;
  }
}
keepShape(new MarkedLines('', '#'));
