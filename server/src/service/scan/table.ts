import type { FormatId } from './vocabulary/types';

/*
 * The format table: one row per format, with the VS Code language ids that open it and the file patterns
 * of the files VS Code opens as plain text. Detection (detect.ts), the client's document selector
 * (client/src/extension.ts), package.json's activationEvents and where completion offers ports come from
 * it; a test fails when package.json disagrees (test/unit/format-table.test.ts). Each format's finder is in index.ts, and the
 * rules that read a file's name (dotted names, folders, samples) in detect.ts's `formatFromFileName`.
 * The client imports this file: it must stay data, importing nothing but types.
 */

export interface FormatRow {
  readonly id: FormatId;
  /** What users call these files, for the README. */
  readonly label: string;
  /** VS Code language ids whose documents are this format (unless their file name says otherwise). */
  readonly languageIds: readonly string[];
  /** Globs of files VS Code may open as plain text, which the client asks to be sent to the server. */
  readonly filePatterns: readonly string[];
  /** Globs whose presence in a workspace activates the extension before any file is opened. */
  readonly activationFiles?: readonly string[];
  /**
   * Where completion offers a port (or a service name) on a line of this format: the line's text before
   * the word being typed matches one of these. The places every format shares (a port flag, `host:`, a key
   * that names a port) and the YAML sequences under `ports:` are read in completion.ts.
   */
  readonly completion?: { readonly port?: readonly RegExp[]; readonly serviceName?: readonly RegExp[] };
  /** The README's row for this format: the files (Markdown) and what is recognised in them (Markdown). */
  readonly readme: { readonly files: string; readonly recognised: string };
}

/** VS Code opens the files of `filePatterns`, and every file it has no language for, as plain text. */
export const PLAIN_TEXT_LANGUAGE = 'plaintext';

/** `listen(`, `.bind(("0.0.0.0", `, `new InetSocketAddress("localhost", `, `new ServerSocket(` */
const CALL_ARGUMENT = /\b(listen|ListenAndServe|bind|InetSocketAddress|ServerSocket|createServer|run)\(\s*\(?(["'][^"']*["']\s*,\s*)?$/;

export const FORMAT_TABLE: readonly FormatRow[] = [
  {
    id: 'compose', label: 'Compose', languageIds: ['dockercompose'], filePatterns: [],
    activationFiles: ['**/docker-compose.yml', '**/compose.yaml'],
    readme: {
      files: 'Compose (`docker-compose.yml`, `compose.yaml`, …)',
      recognised: '`ports` short syntax in every form (`"8080:80"`, `"127.0.0.1:3000:3000"`, `"[::1]:4001:4001"`, `"53:53/udp"`, ranges, unquoted, bare), long syntax (`target`, `published`), `expose`, port environment entries (`PORT=3000`, `API_PORT: "8000"`), URLs and `host:port` in values, the registry host in `image` (`registry.local:5000/…`), `command` and `healthcheck` read as commands',
    },
  },
  {
    id: 'yaml', label: 'YAML', languageIds: ['yaml', 'github-actions-workflow', 'helm'], filePatterns: ['**/.kube/config', '**/kubeconfig'],
    readme: {
      files: 'YAML: Kubernetes, Helm, Spring `application.yml`, Prometheus, GitHub Actions, kubeconfig',
      recognised: '`containerPort`, `hostPort`, `port`, `targetPort`, `nodePort`, probe ports, env values whose name says port, `*.port` keys, `targets`, URLs; `command`/`args`, CI `run` and `script` read as commands',
    },
  },
  {
    id: 'dockerfile', label: 'Dockerfile', languageIds: ['dockerfile'], filePatterns: ['**/Dockerfile', '**/Dockerfile.*', '**/Containerfile'],
    activationFiles: ['**/Dockerfile'],
    completion: { port: [/^\s*EXPOSE\s+(.*\s)?$/i] },
    readme: {
      files: 'Dockerfile, Containerfile',
      recognised: '`EXPOSE 80/tcp 443`, `ENV PORT=8080`, URLs and commands in `RUN`/`CMD`/`HEALTHCHECK` (`--port N`, `psql -p 5433`, …)',
    },
  },
  {
    id: 'dotenv', label: '.env', languageIds: ['dotenv'], filePatterns: ['**/.env', '**/.env.*', '**/*.env'],
    readme: {
      files: '`.env`, `.env.*`, `*.env`',
      recognised: 'keys that name a port (`PORT`, `DB_PORT`), `host:port` and URLs',
    },
  },
  {
    id: 'keyvalue', label: 'properties, INI and key/value config', languageIds: ['properties', 'java-properties', 'ini'],
    filePatterns: [
      '**/*.conf', '**/*.cnf', '**/*.cfg', '**/*.properties', '**/*.cf', '**/torrc', '**/.gitconfig', '**/.git/config',
      '**/.npmrc', '**/.yarnrc', '**/.pypirc',
    ],
    completion: { port: [/^\s*(Port|port)\s+$/] },
    readme: {
      files: '`.properties`, INI, `*.conf`, `*.cnf`, `*.cfg`, PostgreSQL/Redis/MySQL config, `.npmrc`, `.gitconfig`, Postfix, `torrc`',
      recognised: 'keys that name a port (`server.port`, `port = 5432`, `mysqlx_port`), `host:port` and URLs (`jdbc:` too)',
    },
  },
  {
    id: 'toml', label: 'TOML', languageIds: ['toml'], filePatterns: [],
    readme: {
      files: 'TOML',
      recognised: 'keys that name a port, `host:port` and URLs, server tuples (`servers = [["10.0.0.1", 5432]]`)',
    },
  },
  {
    id: 'nginx', label: 'nginx', languageIds: ['nginx'], filePatterns: ['**/nginx.conf'],
    completion: { port: [/^\s*listen\s+(\S*:)?$/] },
    readme: {
      files: 'nginx (`nginx.conf`, `sites-available/*`)',
      recognised: '`listen`, `server`, `proxy_pass`, `fastcgi_pass`, URLs',
    },
  },
  {
    id: 'haproxy', label: 'HAProxy', languageIds: ['haproxy'], filePatterns: ['**/haproxy.cfg'],
    readme: {
      files: 'HAProxy (`haproxy.cfg`)',
      recognised: '`bind`, `server`, `port` options',
    },
  },
  {
    id: 'caddy', label: 'Caddyfile', languageIds: ['caddyfile'], filePatterns: ['**/Caddyfile', '**/Corefile'],
    completion: { port: [/^\s*:$/] },
    readme: {
      files: 'Caddyfile, CoreDNS `Corefile`',
      recognised: 'site addresses, `reverse_proxy`, `zone:port`',
    },
  },
  {
    id: 'ssh', label: 'ssh/sshd config', languageIds: ['ssh_config', 'sshd_config'], filePatterns: ['**/sshd_config', '**/ssh_config', '**/.ssh/config'],
    completion: { port: [/^\s*(Port|LocalForward|RemoteForward|DynamicForward|PermitListen)\s+$/i] },
    readme: {
      files: 'ssh/sshd config',
      recognised: '`Port`, `ListenAddress`, `LocalForward`, `RemoteForward`, `DynamicForward`',
    },
  },
  {
    id: 'systemd', label: 'systemd units', languageIds: ['systemd-unit-file'], filePatterns: ['**/*.service', '**/*.socket'],
    completion: { port: [/^\s*Listen(Stream|Datagram|SequentialPacket)=(\S*:)?$/] },
    readme: {
      files: 'systemd units (`*.service`, `*.socket`, …)',
      recognised: '`ListenStream=`, `ListenDatagram=`, ports in `Exec*=` commands and `Environment=`',
    },
  },
  {
    id: 'terraform', label: 'Terraform/HCL', languageIds: ['terraform', 'hcl'], filePatterns: ['**/*.tf'],
    readme: {
      files: 'Terraform/HCL (`*.tf`, `*.tfvars`, `*.hcl`)',
      recognised: '`from_port`/`to_port`, `port`, `container_port`, URLs',
    },
  },
  {
    id: 'services', label: '/etc/services', languageIds: [], filePatterns: ['**/services'],
    completion: { serviceName: [/^\s*$/], port: [/^\S+\s+$/] },
    readme: {
      files: '`/etc/services`',
      recognised: 'the port column',
    },
  },
  {
    id: 'json', label: 'JSON', languageIds: ['json', 'jsonc', 'json5'], filePatterns: [],
    readme: {
      files: 'JSON/JSONC',
      recognised: 'keys that name a port (`"port"`, `forwardPorts`, `appPort`, `portsAttributes` keys), URLs, commands in `package.json` scripts',
    },
  },
  {
    id: 'code', label: 'source code',
    languageIds: [
      'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'go', 'java', 'rust', 'csharp',
      'ruby', 'php', 'kotlin', 'scala', 'c', 'cpp', 'swift', 'dart', 'elixir', 'groovy', 'lua', 'perl', 'fsharp',
      'vue', 'svelte', 'objective-c', 'zig', 'clojure', 'haskell', 'erlang', 'r', 'julia', 'powershell', 'xml',
    ],
    filePatterns: ['**/Vagrantfile', '**/Jenkinsfile'],
    completion: { port: [CALL_ARGUMENT] },
    readme: {
      files: 'code (JS/TS, Python, Go, Java, Rust, C#, Ruby, PHP, Kotlin, …; `Vagrantfile`, `Jenkinsfile`, XML attributes such as `port="8080"`)',
      recognised: '`host:port` and URLs in string literals, `listen(8080)`, `port: 3000`/`port=5000`/`PORT = 8000`, keyword arguments, `new InetSocketAddress(8080)`, `new ServerSocket(9990)`, env defaults (`process.env.PORT ?? 3000`)',
    },
  },
  {
    id: 'shell', label: 'shell scripts', languageIds: ['shellscript', 'makefile', 'bat', 'procfile'], filePatterns: ['**/Procfile', '**/justfile', '**/Justfile'],
    completion: { port: [CALL_ARGUMENT] },
    readme: {
      files: 'shell scripts, Makefiles, `justfile`, `Procfile`',
      recognised: 'one command reader for every command (`docker run -p 8080:80`, `kubectl port-forward svc/web 8080:80`, `ssh -L 5433:db:5432`, `psql -p 5433`, `redis-cli -p 6380`, `iptables --dport 8080`, `socat TCP-LISTEN:5000`, dev servers, `python -m http.server 8765`), assignments whose name says port (`PORT=3000`, `PORT ?= 8000`), URLs and `host:port`',
    },
  },
  {
    id: 'markdown', label: 'Markdown', languageIds: ['markdown', 'mdx'], filePatterns: [],
    readme: {
      files: 'Markdown (`README.md`, `*.mdx`)',
      recognised: 'fenced code blocks, read as the format their info string names (`yaml`, `bash`, `Dockerfile`, `nginx`, `ini`, `json`, `ts`, …; a YAML block with `services:` as compose) or, without one, as the format their content clearly is (a compose excerpt, a `docker run` line, an nginx block, `.env` lines; else as text, so `docker ps` and `ss -ltn` output count); inline code spans as commands; table columns headed "Port"; and sentences (below). Diagrams (`mermaid`) are skipped. Hovers and references only: documentation gets no warnings',
    },
  },
  {
    id: 'http', label: 'HTTP request files', languageIds: ['http'], filePatterns: ['**/*.http', '**/*.rest'],
    readme: {
      files: 'HTTP request files (`*.http`, `*.rest`: REST Client, JetBrains HTTP Client)',
      recognised: 'the server of each request line (`GET http://localhost:8080/api HTTP/1.1`), file variables (`@host = localhost:3000`, `@port = 8080`), the `Host` header and URLs in other headers, all as ports the requests connect to; bodies and comments as documentation. `HTTP/1.1`, `Content-Length: 5432` and numbers in JSON bodies are not ports',
    },
  },
  {
    // Plain text is read by its name and content first (detect.ts): `env.sample`, nginx in `conf`, else prose.
    id: 'text', label: 'plain text', languageIds: [PLAIN_TEXT_LANGUAGE], filePatterns: [],
    readme: {
      files: 'plain text (notes, pasted command output, files of unknown names)',
      recognised: 'URLs, clear `host:port`, `docker ps` mappings (`0.0.0.0:8088->80/tcp`) and sentences that tie a number to a port (below), all as documentation',
    },
  },
];


/** Every language id of the table, in table order. */
export function tableLanguageIds(): string[] {
  return FORMAT_TABLE.flatMap((r) => r.languageIds);
}

/** Every file pattern of the table, in table order. */
export function tableFilePatterns(): string[] {
  return FORMAT_TABLE.flatMap((r) => r.filePatterns);
}

/** The activation events package.json must list, in this order. */
export function activationEvents(): string[] {
  return [
    ...tableLanguageIds().map((id) => `onLanguage:${id}`),
    ...FORMAT_TABLE.flatMap((r) => r.activationFiles ?? []).map((glob) => `workspaceContains:${glob}`),
  ];
}

/** The README's last row: what every format's comments and prose give, which no row owns. */
const README_COMMENTS_ROW = '| comments and prose, in every format | commented-out configuration read in the file\'s own syntax (`#Port 22`, `# DB_PORT=3306`, `# - "8001:8081"`, `// "forwardPorts": [3000]`, `# listen 443 ssl;`, `;port = 6432`); sentences that tie a number to a port: a port word ("listens on port 9000", "ports 587 / 465", "ports 40000, 40001, 40002", "the `50000` port"), a service\'s usual port ("SMTP 25", "Kafka broker: 9092", "80 for HTTP") or a port already named on the line. Versions, steps, issue numbers, years, sizes, `HTTP/2` and digits in names (`/etc/redis/6379.conf`) are not ports. Hovers, references, symbols and the Ports view, never a warning |';

/**
 * The README's table of where ports are recognised, one row per format in table order, which
 * README.md holds between `<!-- format-table -->` and `<!-- /format-table -->` (test/unit/format-table.test.ts).
 */
export function readmeFormatTable(): string[] {
  return [
    '| files | recognised |',
    '|---|---|',
    ...FORMAT_TABLE.map((r) => `| ${r.readme.files} | ${r.readme.recognised} |`),
    README_COMMENTS_ROW,
  ];
}
