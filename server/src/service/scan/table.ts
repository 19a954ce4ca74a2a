import type { FormatId } from './vocabulary/types';

/*
 * The format table: one row per format, with the VS Code language ids that open it and the file patterns
 * of the files VS Code opens as plain text. Detection (detect.ts), the client's document selector
 * (client/src/extension.ts) and package.json's activationEvents come from it; a test fails when
 * package.json disagrees (test/unit/format-table.test.ts). Each format's finder is in index.ts, and the
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
}

export const FORMAT_TABLE: readonly FormatRow[] = [
  {
    id: 'compose', label: 'Compose', languageIds: ['dockercompose'], filePatterns: [],
    activationFiles: ['**/docker-compose.yml', '**/compose.yaml'],
  },
  { id: 'yaml', label: 'YAML', languageIds: ['yaml', 'github-actions-workflow', 'helm'], filePatterns: ['**/.kube/config', '**/kubeconfig'] },
  {
    id: 'dockerfile', label: 'Dockerfile', languageIds: ['dockerfile'], filePatterns: ['**/Dockerfile', '**/Dockerfile.*', '**/Containerfile'],
    activationFiles: ['**/Dockerfile'],
  },
  { id: 'dotenv', label: '.env', languageIds: ['dotenv'], filePatterns: ['**/.env', '**/.env.*', '**/*.env'] },
  {
    id: 'keyvalue', label: 'properties, INI and key/value config', languageIds: ['properties', 'java-properties', 'ini'],
    filePatterns: [
      '**/*.conf', '**/*.cnf', '**/*.cfg', '**/*.properties', '**/*.cf', '**/torrc', '**/.gitconfig', '**/.git/config',
      '**/.npmrc', '**/.yarnrc', '**/.pypirc',
    ],
  },
  { id: 'toml', label: 'TOML', languageIds: ['toml'], filePatterns: [] },
  { id: 'nginx', label: 'nginx', languageIds: ['nginx'], filePatterns: ['**/nginx.conf'] },
  { id: 'haproxy', label: 'HAProxy', languageIds: ['haproxy'], filePatterns: ['**/haproxy.cfg'] },
  { id: 'caddy', label: 'Caddyfile', languageIds: ['caddyfile'], filePatterns: ['**/Caddyfile', '**/Corefile'] },
  { id: 'ssh', label: 'ssh/sshd config', languageIds: ['ssh_config', 'sshd_config'], filePatterns: ['**/sshd_config', '**/ssh_config', '**/.ssh/config'] },
  { id: 'systemd', label: 'systemd units', languageIds: ['systemd-unit-file'], filePatterns: ['**/*.service', '**/*.socket'] },
  { id: 'terraform', label: 'Terraform/HCL', languageIds: ['terraform', 'hcl'], filePatterns: ['**/*.tf'] },
  { id: 'services', label: '/etc/services', languageIds: [], filePatterns: ['**/services'] },
  { id: 'json', label: 'JSON', languageIds: ['json', 'jsonc', 'json5'], filePatterns: [] },
  {
    id: 'code', label: 'source code',
    languageIds: [
      'javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'go', 'java', 'rust', 'csharp',
      'ruby', 'php', 'kotlin', 'scala', 'c', 'cpp', 'swift', 'dart', 'elixir', 'groovy', 'lua', 'perl', 'fsharp',
      'vue', 'svelte', 'objective-c', 'zig', 'clojure', 'haskell', 'erlang', 'r', 'julia', 'powershell', 'xml',
    ],
    filePatterns: ['**/Vagrantfile', '**/Jenkinsfile'],
  },
  { id: 'shell', label: 'shell scripts', languageIds: ['shellscript', 'makefile', 'bat', 'procfile'], filePatterns: ['**/Procfile', '**/justfile', '**/Justfile'] },
  { id: 'markdown', label: 'Markdown', languageIds: ['markdown', 'mdx'], filePatterns: [] },
  { id: 'text', label: 'plain text', languageIds: [], filePatterns: [] },
];

/** VS Code opens the files of `filePatterns` as plain text; the extension starts for them too. */
export const PLAIN_TEXT_LANGUAGE = 'plaintext';

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
    `onLanguage:${PLAIN_TEXT_LANGUAGE}`,
    ...FORMAT_TABLE.flatMap((r) => r.activationFiles ?? []).map((glob) => `workspaceContains:${glob}`),
  ];
}
