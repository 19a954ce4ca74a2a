import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULE_ROWS } from '../service/rules';
import type { RuleLevel } from '../service/settings';

/**
 * What the command line prints. File names and messages quote the checked files, so everything
 * printed for a terminal passes through `escapeText`: a file's text cannot move the cursor, recolour
 * the terminal or forge a finding line, and a file name with a newline stays on its own line.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, and bidirectional overrides and isolates. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeChar(c: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text for a terminal: every control character written as an escape (`\n`, `\u001b`). */
export function escapeText(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/**
 * JSON for output: JSON.stringify already escapes C0 controls; this escapes the rest of UNSAFE too
 * (C1 controls such as U+009B CSI, line separators, bidi overrides), which stays valid JSON.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Severity names in output; `info` as the command line has always printed it. */
export const SEVERITY_NAME = ['', 'error', 'warning', 'info', 'hint'] as const;

export interface FileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

export interface RuleMeta {
  id: string;
  /** PascalCase name, as SARIF viewers show it. */
  name: string;
  short: string;
  full: string;
  help: string;
  /** The authoritative page behind the rule. */
  helpUri: string;
  level: RuleLevel;
}

const IANA = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml';

/** Not a rule but reported like one: a file over the size limit. */
const FILE_TOO_LARGE = {
  id: 'fileTooLarge', description: 'A file over the size limit, not scanned.', level: 'information' as RuleLevel,
  help: { name: 'FileTooLarge', uri: IANA, full: 'The file is larger than the maxFileSize setting, so it was not scanned for ports. Raise the setting to check it.' },
};

/** Metadata of every rule the checks can report, in a stable order. */
export function ruleMetadata(): RuleMeta[] {
  return [...RULE_ROWS, FILE_TOO_LARGE].map((r) => {
    const short = r.description;
    const name = r.help?.name ?? r.id[0].toUpperCase() + r.id.slice(1);
    const full = r.help?.full ?? short;
    const uri = r.help?.uri ?? IANA;
    const setting = r.id === 'fileTooLarge' ? 'maxFileSize' : `lint.${r.id}`;
    return {
      id: r.id, name, short, full, helpUri: uri,
      help: `${full} More: ${uri}. Set its level (ignore, hint, information, warning, error) with "${setting}" in .iana-ports.json.`,
      level: r.level,
    };
  });
}

const SARIF_LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', info: 'note', hint: 'note', ignore: 'none' };

/** A file path as a SARIF artifact URI: relative paths as percent-encoded relative references, others as file URLs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map((seg) => encodeURIComponent(seg)).join('/');
}

export interface SarifNotification {
  file: string;
  message: string;
}

/** The SARIF 2.1.0 log of one run, with the rules' metadata and notifications for paths that could not be read. */
export function toSarif(results: FileDiagnostics[], notifications: SarifNotification[], version: string, cwd: string): unknown {
  const rules = ruleMetadata();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'iana-ports',
          version,
          semanticVersion: version,
          informationUri: IANA,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.name,
            shortDescription: { text: r.short },
            fullDescription: { text: r.full },
            help: { text: r.help, markdown: `${r.full}\n\nMore: [${r.helpUri}](${r.helpUri}). Set its level with \`${r.id === 'fileTooLarge' ? 'maxFileSize' : `lint.${r.id}`}\` in \`.iana-ports.json\`.` },
            helpUri: r.helpUri,
            defaultConfiguration: { level: SARIF_LEVEL[r.level], enabled: r.level !== 'ignore' },
          })),
        },
      },
      invocations: [{
        executionSuccessful: notifications.length === 0,
        toolExecutionNotifications: notifications.map((n) => ({
          level: 'error',
          message: { text: `${n.file} ${n.message}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(n.file), ...(path.isAbsolute(n.file) ? {} : { uriBaseId: 'SRCROOT' }) } } }],
        })),
      }],
      originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
      results: results.flatMap((r) => r.diagnostics.map((d) => {
        const id = String(d.code);
        return {
          ruleId: id,
          ...(ruleIndex.has(id) ? { ruleIndex: ruleIndex.get(id) } : {}),
          level: SARIF_LEVEL[SEVERITY_NAME[d.severity ?? 1]],
          message: { text: d.message },
          locations: [{
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.file), ...(path.isAbsolute(r.file) ? {} : { uriBaseId: 'SRCROOT' }) },
              region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
            },
          }],
        };
      })),
    }],
  };
}
