import type { ComposeMapping, EmbeddedFormats, FormatId, PortFinder, PortOccurrence } from '../vocabulary/types';
import { finish, portValue, scanHostPorts, shiftOccurrence, sortTail } from '../vocabulary/common';
import { indexIn } from '../text/chars';
import { scanProseNumbers } from '../vocabulary/prose';
import { scanShortcodePorts } from '../vocabulary/templates';

/**
 * Finds the ports in Markdown: a README's fenced code blocks are read by the finder their info
 * string names (`yaml`, `bash`, `nginx`, `Dockerfile`, ...), inline code spans as shell commands, the
 * columns of tables whose header names a port, and the prose only where it says so: URLs, `host:port`
 * with a clear host, and a number right after the word "port" ("on port 8080"), since prose is full
 * of numbers that are not ports.
 */

const FENCE_FORMATS: Record<string, FormatId> = {
  yaml: 'yaml', yml: 'yaml', compose: 'compose', 'docker-compose': 'compose',
  dockerfile: 'dockerfile', docker: 'dockerfile', containerfile: 'dockerfile',
  sh: 'shell', bash: 'shell', zsh: 'shell', shell: 'shell', console: 'shell', 'shell-session': 'shell', shellsession: 'shell',
  powershell: 'shell', ps1: 'shell', pwsh: 'shell', cmd: 'shell', bat: 'shell', fish: 'shell', make: 'shell', makefile: 'shell',
  env: 'dotenv', dotenv: 'dotenv',
  ini: 'keyvalue', properties: 'keyvalue', conf: 'keyvalue', cfg: 'keyvalue', apache: 'keyvalue', apacheconf: 'keyvalue',
  toml: 'toml', nginx: 'nginx', haproxy: 'haproxy', caddy: 'caddy', caddyfile: 'caddy', 'ssh-config': 'ssh', ssh: 'ssh',
  systemd: 'systemd', hcl: 'terraform', terraform: 'terraform', tf: 'terraform',
  json: 'json', jsonc: 'json', json5: 'json',
  js: 'code', javascript: 'code', jsx: 'code', mjs: 'code', ts: 'code', typescript: 'code', tsx: 'code',
  py: 'code', python: 'code', go: 'code', golang: 'code', java: 'code', kotlin: 'code', kt: 'code', rust: 'code',
  rs: 'code', cs: 'code', csharp: 'code', 'c#': 'code', rb: 'code', ruby: 'code', php: 'code', c: 'code', cpp: 'code',
  'c++': 'code', swift: 'code', scala: 'code', groovy: 'code', elixir: 'code', ex: 'code', dart: 'code', lua: 'code',
  perl: 'code', xml: 'code', html: 'code',
};

/** Diagrams, whose numbers are node labels and coordinates. */
const DIAGRAMS = new Set(['mermaid', 'plantuml', 'puml', 'dot', 'graphviz', 'svgbob', 'ascii', 'ditaa', 'd2']);

/**
 * The format for a fence's info string, e.g. "yaml title=compose.yml" or "{.bash}"; for a fence
 * without a known language, the format its content clearly is, else plain text; null for a diagram.
 */
function fenceFormat(info: string, body: string, sniffFormat: (text: string) => FormatId | undefined): FormatId | null {
  const word = info.replace(/^[{.\s]+/, '').split(/[\s{},]/)[0].toLowerCase();
  if (DIAGRAMS.has(word)) return null;
  const format = FENCE_FORMATS[word] ?? sniffFormat(body) ?? 'text';
  // A YAML block with a top-level `services:` is a compose file, which the compose finder reads better.
  if (format === 'yaml' && /^services:[ \t]*(#.*)?$/m.test(body)) return 'compose';
  return format;
}

/** Makes the Markdown finder; `embedded` gives the finders of the formats fenced blocks name or look like. */
export function markdownFinder(embedded: EmbeddedFormats): PortFinder {
  const sniffFormat = (body: string) => embedded.sniffFormat(body);
  return (text) => {
    const out: PortOccurrence[] = [];
    const moved = new Set<ComposeMapping>();
    const n = text.length;
    // The open fence: its character, length and the offset where its body starts; or null in prose.
    let fence: { char: string; len: number; info: string; body: number } | null = null;
    // The previous prose line (a table's header when the next is its delimiter row), and which
    // columns of the table being read name a port.
    let prevStart = 0;
    let prevEnd = 0;
    let portColumns: boolean[] | null = null;
    // A fenced block's body text[s, e): read by the finder its info string names, or as prose.
    const readFence = (info: string, s: number, e: number): void => {
      const body = text.slice(s, e);
      const format = fenceFormat(info, body, sniffFormat);
      if (format) for (const o of embedded.finder(format)(body)) out.push(shiftOccurrence(o, s, moved));
    };
    for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
      nl = text.indexOf('\n', ls);
      if (nl < 0) nl = n;
      const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      // A fence inside a list item is indented as deep as the item's text (`1. Add:` / `    ```text`).
      // Only a line whose first character after the indentation is a backtick or a tilde can be one.
      const m = mayOpenFence(text, ls, le) ? FENCE.exec(text.slice(ls, Math.min(le, ls + 512))) : null;
      if (fence) {
        if (m && m[1][0] === fence.char && m[1].length >= fence.len && !m[2].trim()) {
          readFence(fence.info, fence.body, ls);
          fence = null;
        }
        continue;
      }
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        fence = { char: m[1][0], len: m[1].length, info: m[2].trim(), body: Math.min(nl + 1, n) };
        continue;
      }
      if (indexIn(text, 45 /* - */, ls, Math.min(le, ls + 512)) >= 0 && DELIMITER_ROW.test(text.slice(ls, Math.min(le, ls + 512)))) {
        // A table: the columns whose header names a port hold ports in every row below.
        portColumns = tableColumns(text, prevStart, prevEnd).map((c) => PORT_HEADER.test(text.slice(c[0], c[1])));
        continue;
      }
      if (portColumns && indexIn(text, 124 /* | */, ls, le) >= 0) scanTableRow(text, ls, le, portColumns, out);
      else portColumns = null;
      scanProse(text, ls, le, out, embedded.finder('shell'), moved);
      prevStart = ls;
      prevEnd = le;
    }
    // An unclosed fence runs to the end of the document, as CommonMark says.
    if (fence) readFence(fence.info, fence.body, n);
    return finish(out);
  };
}

const FENCE = /^ {0,12}(`{3,}|~{3,})(.*)$/;

/** True when the line text[ls, le) has a backtick or a tilde after at most 12 spaces, as FENCE requires. */
function mayOpenFence(text: string, ls: number, le: number): boolean {
  let i = ls;
  while (i < le && i - ls < 12 && text.charCodeAt(i) === 32) i++;
  const c = text.charCodeAt(i);
  return i < le && (c === 96 || c === 126);
}

const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/;
const PORT_HEADER = /\bports?\b/i;

/** The cells of a table row as [start, end) offsets, without the outer pipes. */
function tableColumns(text: string, s: number, e: number): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let a = s;
  while (a < e && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
  if (text.charCodeAt(a) === 124) a++;
  for (let i = a; i <= e; i++) {
    if (i === e || (text.charCodeAt(i) === 124 && text.charCodeAt(i - 1) !== 92)) {
      if (i < e || i > a) cells.push([a, i]);
      a = i + 1;
    }
  }
  // A trailing pipe leaves an empty last cell.
  if (cells.length && !text.slice(cells[cells.length - 1][0], cells[cells.length - 1][1]).trim()) cells.pop();
  return cells;
}

/** A cell of a port column: `5432`, `` `8080` ``, `53/udp`, `80, 443`, `9000-9010`. */
const PORT_CELL = /^[ \t]*`?\d{1,5}(\/(tcp|udp|sctp))?([ \t]*([,/]|-|–|and|or)[ \t]*\d{1,5}(\/(tcp|udp|sctp))?)*`?[ \t]*$/i;

function scanTableRow(text: string, s: number, e: number, portColumns: boolean[], out: PortOccurrence[]): void {
  const cells = tableColumns(text, s, e);
  for (let c = 0; c < cells.length && c < portColumns.length; c++) {
    if (!portColumns[c] || !PORT_CELL.test(text.slice(cells[c][0], cells[c][1]))) continue;
    pushNumbers(text, cells[c][0], cells[c][1], out);
  }
}

/** Every run of digits in [s, e) that is a port value, as a port whose role the prose does not tell. */
function pushNumbers(text: string, s: number, e: number, out: PortOccurrence[]): void {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    let j = i;
    while (j < e && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const port = portValue(text, i, j);
    if (port >= 0 && port <= 65535) out.push({ start: i, end: j, kind: 'port', port, role: 'unknown' });
    i = j;
  }
}

/** Prose: a full stop may end the sentence right after a port (`at http://localhost:8080.`). */
const SENTENCE = { sentenceEnd: true };

/**
 * A prose line: code spans as shell commands, the rest for URLs and clear `host:port`, then the
 * whole line (code spans included: "the `50000` port") for the numbers its sentences tie to a port.
 * A span closes at the next backtick run of the same length on the line (CommonMark); the runs are
 * listed once and each one's closing run found from a table, so the line is read in one pass.
 * Searching the rest of the document for each run's closing took 11-20 s on a 512 KB README of
 * decreasing backtick runs.
 */
function scanProse(text: string, s: number, e: number, out: PortOccurrence[], shell: PortFinder, moved: Set<ComposeMapping>): void {
  const first = out.length;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = indexIn(text, 96 /* ` */, s, e); i >= 0; i = indexIn(text, 96, i, e)) {
    let run = i;
    while (run < e && text.charCodeAt(run) === 96) run++;
    starts.push(i);
    ends.push(run);
    i = run;
  }
  let from = s;
  if (starts.length > 1) {
    // For each run, the next run of the same length, found from the right.
    const closer = new Int32Array(starts.length).fill(-1);
    const lastOfLength = new Map<number, number>();
    for (let k = starts.length - 1; k >= 0; k--) {
      const len = ends[k] - starts[k];
      closer[k] = lastOfLength.get(len) ?? -1;
      lastOfLength.set(len, k);
    }
    for (let k = 0; k < starts.length; ) {
      const j = closer[k];
      if (j < 0) break;
      if (starts[k] > from && indexIn(text, 58, from, starts[k]) >= 0) scanHostPorts(text, from, starts[k], out, SENTENCE);
      for (const o of shell(text.slice(ends[k], starts[j]))) out.push(shiftOccurrence(o, ends[k], moved));
      from = ends[j];
      k = j + 1;
    }
  }
  if (from < e && indexIn(text, 58, from, e) >= 0) scanHostPorts(text, from, e, out, SENTENCE);
  // Hugo documentation fills a port in with a shortcode: `{{< sitevar name="port" nojs="9091" >}}`.
  scanShortcodePorts(text, s, e, out);
  scanProseNumbers(text, s, e, out, first);
  // Each reader above appends what it finds in the line, out of the line's order.
  sortTail(out, first);
}
