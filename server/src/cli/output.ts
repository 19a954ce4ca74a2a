import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { RULES } from '../service/rules';
import { DEFAULT_LINT, RULE_IDS, WORKSPACE_RULE_IDS, type RuleLevel } from '../service/settings';

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
const RFC6335 = 'https://www.rfc-editor.org/rfc/rfc6335#section-6';

/** Why each rule exists and where to read more; the one-line descriptions come from the rules themselves. */
const HELP: Record<string, { name: string; full: string; uri: string }> = {
  outOfRange: { name: 'PortOutOfRange', uri: RFC6335, full: 'TCP, UDP, SCTP and DCCP ports are 16-bit numbers: 0 to 65535. A larger or negative number is rejected or silently wrapped by the software that reads it.' },
  dynamicRange: { name: 'PortInDynamicRange', uri: RFC6335, full: 'IANA leaves 49152-65535 to dynamic and private use (RFC 6335, section 6): operating systems hand ports from it to outgoing connections, so a service fixed there can fail to bind when one is taken.' },
  ephemeralRange: { name: 'PortInEphemeralRange', uri: 'https://www.kernel.org/doc/html/latest/networking/ip-sysctl.html', full: "The chosen operating system assigns source ports of outgoing connections from its ephemeral range (Linux: net.ipv4.ip_local_port_range, 32768-60999 by default); a listener fixed inside it can collide with them." },
  browserUnsafe: { name: 'BrowserBlockedPort', uri: 'https://fetch.spec.whatwg.org/#port-blocking', full: 'Browsers refuse HTTP(S) and WebSocket connections to the Fetch standard\'s "bad ports" (for example 6000, 6665-6669) with ERR_UNSAFE_PORT, so a web server or a dev server there cannot be opened in a browser.' },
  unauthorizedUse: { name: 'UnauthorizedUseRecorded', uri: IANA, full: 'IANA\'s registry records known unauthorized use of this port by software it did not assign the port to; expect clashes with that software.' },
  duplicateHostPort: { name: 'DuplicateHostPort', uri: 'https://docs.docker.com/reference/compose-file/services/#ports', full: 'A compose file publishes the same host address, port and protocol twice; the second container fails to start with "port is already allocated".' },
  yamlBase60: { name: 'YamlBase60Mapping', uri: 'https://yaml.org/type/int.html', full: 'An unquoted HOST:CONTAINER mapping whose parts are below 60, such as 22:22, is a base-60 (sexagesimal) integer to YAML 1.1 parsers and reaches Docker as 1342. Quote the mapping.' },
  portName: { name: 'InvalidPortName', uri: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports', full: 'Kubernetes requires a container port name to be an IANA_SVC_NAME (at most 15 characters, lowercase letters, digits and hyphens, at least one letter, no double hyphen) and a Service port name to be a DNS label; the API server rejects other names.' },
  privileged: { name: 'PrivilegedPort', uri: 'https://man7.org/linux/man-pages/man7/capabilities.7.html', full: 'On Linux, binding a port below 1024 needs root or CAP_NET_BIND_SERVICE; a process running as a normal user fails with EACCES.' },
  reservedByOS: { name: 'PortReservedByOS', uri: 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang', full: 'The operating system reserves the port (on Windows, an excluded port range set by Hyper-V, WSL or Docker), so binding it fails with an access error.' },
  duplicateHostPortAcrossFiles: { name: 'DuplicateHostPortInComposeProject', uri: 'https://docs.docker.com/reference/compose-file/merge/', full: 'Files merged into one Compose project (the default file with its override file, include:, extends: file:, COMPOSE_FILE in the .env) publish the same host address, port and protocol, after Compose\'s merge rules; docker compose up fails with "port is already allocated". Projects side by side are compared only with compose.compareProjects on.' },
  unmatchedTargetPort: { name: 'UnmatchedTargetPort', uri: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service', full: 'A Kubernetes Service sends traffic to a targetPort (number or name) that no container of the pods it selects declares, so connections to the Service fail.' },
  fileTooLarge: { name: 'FileTooLarge', uri: IANA, full: 'The file is larger than the maxFileSize setting, so it was not scanned for ports. Raise the setting to check it.' },
};

const WORKSPACE_SHORT: Record<string, string> = {
  duplicateHostPortAcrossFiles: 'The same host address, port and protocol published twice by the files of one Compose project.',
  unmatchedTargetPort: 'A Kubernetes Service targetPort that no container of the selected pods declares.',
  fileTooLarge: 'A file over the size limit, not scanned.',
};

/** Metadata of every rule the checks can report, in a stable order. */
export function ruleMetadata(): RuleMeta[] {
  const ids = [...RULE_IDS, ...WORKSPACE_RULE_IDS, 'fileTooLarge'];
  return ids.map((id) => {
    const help = HELP[id];
    const short = (RULES as Record<string, { description: string } | undefined>)[id]?.description ?? WORKSPACE_SHORT[id] ?? id;
    const name = help?.name ?? id[0].toUpperCase() + id.slice(1);
    const full = help?.full ?? short;
    const uri = help?.uri ?? IANA;
    const setting = id === 'fileTooLarge' ? 'maxFileSize' : `lint.${id}`;
    return {
      id, name, short, full, helpUri: uri,
      help: `${full} More: ${uri}. Set its level (ignore, hint, information, warning, error) with "${setting}" in .iana-ports.json.`,
      level: (DEFAULT_LINT as Record<string, RuleLevel>)[id] ?? 'information',
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
