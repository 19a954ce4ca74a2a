import type { FormatId } from './detect';
import type { ComposeMapping, PortFinder, PortOccurrence } from './types';
import { finish } from './common';
import { scanComment } from './keyvalue';

/**
 * Finds the ports in Markdown: a README's fenced code blocks are read by the finder their info
 * string names (`yaml`, `bash`, `nginx`, `Dockerfile`, ...), inline code spans as shell commands, and
 * the prose only for URLs and `host:port` with a clear host, as comments are, since prose is full of
 * numbers that are not ports.
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

/** The format for a fence's info string, e.g. "yaml title=compose.yml" or "{.bash}"; undefined for prose-like blocks. */
function fenceFormat(info: string, body: string): FormatId | undefined {
  const word = info.replace(/^[{.\s]+/, '').split(/[\s{},]/)[0].toLowerCase();
  const format = FENCE_FORMATS[word];
  // A YAML block with a top-level `services:` is a compose file, which the compose finder reads better.
  if (format === 'yaml' && /^services:[ \t]*(#.*)?$/m.test(body)) return 'compose';
  return format;
}

/** Shifts an occurrence found in a block that starts at `offset` into document offsets. */
function shift(o: PortOccurrence, offset: number, moved: Set<ComposeMapping>): PortOccurrence {
  o.start += offset;
  o.end += offset;
  if (o.mapping && !moved.has(o.mapping)) {
    moved.add(o.mapping);
    o.mapping.start += offset;
    o.mapping.end += offset;
  }
  return o;
}

/** Makes the Markdown finder; `finderFor` gives the finders of the formats fenced blocks name. */
export function markdownFinder(finderFor: (format: FormatId) => PortFinder): PortFinder {
  return (text) => {
    const out: PortOccurrence[] = [];
    const moved = new Set<ComposeMapping>();
    const n = text.length;
    // The open fence: its character, length and the offset where its body starts; or null in prose.
    let fence: { char: string; len: number; info: string; body: number } | null = null;
    for (let ls = 0, nl = 0; ls <= n; ls = nl + 1) {
      nl = text.indexOf('\n', ls);
      if (nl < 0) nl = n;
      const le = nl > ls && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(text.slice(ls, Math.min(le, ls + 512)));
      if (fence) {
        if (m && m[1][0] === fence.char && m[1].length >= fence.len && !m[2].trim()) {
          const body = text.slice(fence.body, ls);
          const format = fenceFormat(fence.info, body);
          if (format) for (const o of finderFor(format)(body)) out.push(shift(o, fence.body, moved));
          else scanComment(text, fence.body, ls, out);
          fence = null;
        }
        continue;
      }
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        fence = { char: m[1][0], len: m[1].length, info: m[2].trim(), body: Math.min(nl + 1, n) };
        continue;
      }
      scanProse(text, ls, le, out, finderFor('shell'), moved);
    }
    // An unclosed fence runs to the end of the document, as CommonMark says.
    if (fence) {
      const body = text.slice(fence.body);
      const format = fenceFormat(fence.info, body);
      if (format) for (const o of finderFor(format)(body)) out.push(shift(o, fence.body, moved));
      else scanComment(text, fence.body, n, out);
    }
    return finish(out);
  };
}

/** A prose line: code spans as shell commands, the rest for URLs and clear `host:port`. */
function scanProse(text: string, s: number, e: number, out: PortOccurrence[], shell: PortFinder, moved: Set<ComposeMapping>): void {
  let from = s;
  for (let i = text.indexOf('`', s); i >= 0 && i < e; i = text.indexOf('`', i)) {
    let run = i;
    while (run < e && text.charCodeAt(run) === 96) run++;
    const ticks = text.slice(i, run);
    const close = text.indexOf(ticks, run);
    if (close < 0 || close >= e) break;
    if (i > from) scanComment(text, from, i, out);
    for (const o of shell(text.slice(run, close))) out.push(shift(o, run, moved));
    from = close + ticks.length;
    i = from;
  }
  if (from < e) scanComment(text, from, e, out);
}
