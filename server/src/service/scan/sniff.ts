import type { FormatId } from './vocabulary/types';

/**
 * Tells a text's format from its content alone, for a file whose name says nothing (`conf`,
 * `env.sample`, `.env_srv`) and for a README's code fence without a language. Only a text that is
 * clearly one format gets one: most of its lines must read as that format's lines.
 */

const DOCKERFILE_LINE = /^(FROM|RUN|EXPOSE|ENV|CMD|ENTRYPOINT|COPY|ADD|WORKDIR|ARG|USER|LABEL|HEALTHCHECK|VOLUME|STOPSIGNAL|SHELL|ONBUILD)[ \t]/;
const DOTENV_LINE = /^(export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*=/;
const YAML_LINE = /^[ \t]*(- |-$|"[^"]*":([ \t]|$)|'[^']*':([ \t]|$)|[A-Za-z0-9_./-][A-Za-z0-9_./ -]*:([ \t]|$))/;
const INI_LINE = /^[ \t]*(\[[^\]]+\]|[A-Za-z0-9_.-]+[ \t]*=)/;
// A command line as READMEs show them: an optional prompt, then a command the command readers know
// or a common tool's name. Not the command table's names: this list says which words start a shell
// line in a text of unknown format (`cd`, `git`, `echo` do, and take no port), while the table's rows
// include words that start lines of other formats too (`set`, `if`, `read`, `watch`).
const SHELL_LINE = /^[ \t]*(\$|>|#|PS>|C:\\>)?[ \t]*(sudo[ \t]+)?(docker(-compose)?|podman|nerdctl|kubectl|helm|curl|wget|ssh|scp|sftp|nc|ncat|telnet|ss|netstat|lsof|nmap|npm|npx|yarn|pnpm|node|deno|bun|python3?|pip3?|go|java|redis-cli|redis-server|psql|mysql|mongo(sh|d)?|iptables|ufw|firewall-cmd|systemctl|ngrok|socat|openssl|minikube|k3d|kind|gcloud|aws|az|terraform|ansible|make|git|cd|export|echo|cat|sh|bash|php|rails|flask|uvicorn|gunicorn|caddy|nginx|haproxy|traefik|consul|vault|nomad|etcd|kafka-[a-z-]+|mvn|gradle|dotnet|cargo)([ \t]|$)/;

/** A here-document's start, `<<EOF`, `<<-'END'`, `<< "EOT"`: group 1 is the word that ends it. */
const HERE_DOC = /<<-?[ \t]*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/;

/** The format a text clearly is, or undefined. Reads at most the first 8 KB. */
export function sniffFormat(text: string): FormatId | undefined {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  const lines: string[] = [];
  for (const raw of head.split('\n')) {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.trim()) lines.push(l);
    if (lines.length >= 60) break;
  }
  if (!lines.length) return undefined;
  const first = lines[0].trimStart();
  const last = lines[lines.length - 1].trimEnd();
  if ((first.startsWith('{') && (last.endsWith('}') || text.length > head.length)) || (first.startsWith('[') && last.endsWith(']') && !/^\[[\w. "-]+\]$/.test(first))) return 'json';
  if (/^services:[ \t]*(#.*)?$/m.test(head)) return 'compose';
  let docker = 0;
  let dotenv = 0;
  let yaml = 0;
  let ini = 0;
  let shell = 0;
  let counted = 0;
  let continued = false;
  // The word that ends a here-document a command line opened (`cat > app.properties <<EOF`), whose
  // lines are part of the script whatever they look like.
  let hereEnd = '';
  for (const l of lines) {
    const t = l.trimStart();
    if (hereEnd) {
      counted++;
      shell++;
      if (t.trimEnd() === hereEnd) hereEnd = '';
      continue;
    }
    // Comments say nothing about the format (every format here but JSON has `#` comments).
    if (t.startsWith('#') && !SHELL_LINE.test(t)) continue;
    counted++;
    if (continued) shell++;
    else if (SHELL_LINE.test(l)) {
      shell++;
      hereEnd = HERE_DOC.exec(l)?.[1] ?? '';
    }
    continued = /\\[ \t]*$/.test(l) && (continued || SHELL_LINE.test(l));
    if (DOCKERFILE_LINE.test(t)) docker++;
    if (DOTENV_LINE.test(t)) dotenv++;
    if (YAML_LINE.test(l)) yaml++;
    if (INI_LINE.test(l)) ini++;
  }
  if (!counted) return undefined;
  const most = (n: number): boolean => n * 10 >= counted * 7;
  if (DOCKERFILE_LINE.test(first) && first.startsWith('FROM') && most(docker)) return 'dockerfile';
  if (most(dotenv)) return 'dotenv';
  if (most(shell)) return 'shell';
  const conf = sniffConf(head);
  if (conf !== 'keyvalue') return conf;
  if (most(yaml) && yaml > ini) return 'yaml';
  if (most(ini)) return 'keyvalue';
  return undefined;
}

/** Suffixes of a sample or template's name (`stack.yml.example`, `env.sample`, `httpd.conf.in`) that hide its format. */
const SAMPLE_SUFFIX = /\.(example|sample|dist|template|tmpl|tpl|in|orig|bak|default|defaults|j2|jinja2?|erb|skel|new|old)$/i;

/** The file name without a sample or template suffix, or undefined when it has none. */
export function withoutSampleSuffix(name: string): string | undefined {
  const m = SAMPLE_SUFFIX.exec(name);
  return m && m.index > 0 ? name.slice(0, m.index) : undefined;
}

/**
 * A `.conf` file may be nginx, haproxy or a plain key/value config (postgresql.conf, redis.conf):
 * look at its first lines.
 */
export function sniffConf(text: string): FormatId {
  const head = text.length > 8192 ? text.slice(0, 8192) : text;
  // A Logstash pipeline: its `port => 5044` settings are Ruby-like hashes, which the code finder reads.
  if (/^(input|filter|output)[ \t]*\{/m.test(head) && /=>/.test(head)) return 'code';
  // `[ \t]` rather than `\s`: a pattern must not run across lines, and `listen = 9000` (php-fpm) is key/value.
  // nginx ends its directives with `;`; HOCON (Akka, Ktor, Play) has `http {` blocks of `key = value` lines without.
  if ((/^[ \t]*(server|http|upstream|location|events|stream)\b[^\n{=]*\{/m.test(head) || /^[ \t]*(listen|proxy_pass|server_name)[ \t]+[^=\s]/m.test(head)) &&
    /;[ \t]*(#.*)?\r?$/m.test(head)) return 'nginx';
  if (/^[ \t]*(frontend|backend|listen|defaults|global)([ \t]+[^=\s][^\n]*)?$/m.test(head) && /^[ \t]+(bind|server|mode)[ \t]/m.test(head)) return 'haproxy';
  if (/^\s*\[(Unit|Service|Socket|Install)\]\s*$/m.test(head)) return 'systemd';
  return 'keyvalue';
}
