import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ConfigError, readConfig } from './cli/config';
import { escapeText, safeJson, SEVERITY_NAME, toSarif, type FileDiagnostics } from './cli/output';
import { walk } from './cli/walk';
import { bundledRegistryPath } from './runtime';
import { provenance, renderPortHover } from './service/hover';
import { PortLanguageService } from './service/languageService';
import { lookupCards, registryInfo } from './service/lookup';
import type { RegistryIndex } from './service/registry/registryIndex';
import { loadIndex } from './service/registry/load';
import { PROTOCOLS, type Protocol } from './service/registry/types';
import { detectFormat } from './service/scan';
import { commonPracticeLabel, ianaNameAgrees } from './service/softwarePorts';
import { DEFAULT_SETTINGS, MAX_FILE_SIZE_CEILING, type Settings } from './service/settings';
import { findingsForDocuments, workspaceDiagnostics } from './service/workspaceRules';
import fs from 'node:fs';

// The command-line front end over the same core as the language server. Exit codes: 0 nothing at the
// failing level, 1 a finding at it, 2 a usage error, a bad settings file or a path that cannot be read.

/** Set by the build from package.json; read from it when run from the sources. */
declare const IANA_PORTS_VERSION: string | undefined;
const VERSION = typeof IANA_PORTS_VERSION === 'string' ? IANA_PORTS_VERSION : (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;

const USAGE = `Usage: iana-ports <command> [options]

Commands:
  check [paths...]     Report port problems (the editor's diagnostics) in files and folders
      --format text|json|sarif   output format (default text)
      --config FILE              settings file (default: .iana-ports.json in the current folder, if any)
      --min-severity LEVEL       print findings at LEVEL or above (error, warning, information, hint)
                                 and fail on any of them; without it: information and above are
                                 printed and errors fail
      --fail-on LEVEL|none       fail (exit 1) on printed findings at LEVEL or above instead
  scan [paths...]      List every port found, with its IANA service, and the problems found
      --config FILE
  lookup <port[/protocol]|name>  Print the registry card for a port (22, 22/udp) or a service name
      --json                     print the registry records as JSON
  info                 Print which registry release is bundled and its sources
  --version            Print the version

Folders are walked as the editor walks a workspace: .gitignore is honoured, node_modules, .git, .hg
and .svn are skipped, symbolic links inside folders are not followed. Exit codes: 0 no finding at the
failing level, 1 at least one, 2 bad usage, a bad settings file, or a path that cannot be read.`;

class UsageError extends Error {}

/** A diagnostic's message as plain text. */
function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/**
 * A message for a terminal: its first line on the finding's line, the details under it indented, so
 * that no line of a message, whatever file text it quotes, can start like a finding.
 */
function messageLines(d: Diagnostic, indent: string): string {
  return messageText(d).split('\n').map(escapeText).join(`\n${indent}`);
}

/** Text of several lines for a terminal: each line escaped, the line breaks kept. */
function escapeLines(s: string): string {
  return s.split('\n').map(escapeText).join('\n');
}

interface Parsed {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/** Parses `--name value`, `--name=value` and flags; anything unknown is a UsageError. */
function parseArgs(args: string[], valued: string[], flags: string[]): Parsed {
  const out: Parsed = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      out.values.set(name, v);
    } else if (flags.includes(name) && eq < 0) {
      out.flags.add(name);
    } else {
      throw new UsageError(`unknown option "${escapeText(a)}"`);
    }
  }
  return out;
}

const LEVEL_RANK: Record<string, number> = { error: 1, warning: 2, information: 3, info: 3, hint: 4 };

function levelOption(p: Parsed, name: string, allowNone = false): number | undefined {
  const v = p.values.get(name);
  if (v === undefined) return undefined;
  if (allowNone && v === 'none') return 0;
  const rank = LEVEL_RANK[v];
  if (!rank) throw new UsageError(`unknown level "${escapeText(v)}" for ${name} (error, warning, information, hint${allowNone ? ', none' : ''})`);
  return rank;
}

/** The bundled registry's index, made by the loader the language server uses. */
function bundledIndex(): RegistryIndex {
  return loadIndex(fs.readFileSync(bundledRegistryPath(), 'utf8'));
}

/** The language id VS Code would give a file, as far as the format detection needs it. */
function languageIdFor(file: string): string {
  const b = path.basename(file).toLowerCase();
  if (/^(docker-)?compose.*\.ya?ml$/.test(b)) return 'dockercompose';
  return 'plaintext';
}

function openDocument(file: string, text: string): TextDocument | undefined {
  const uri = pathToFileURL(path.resolve(file)).href;
  const languageId = languageIdFor(file);
  if (text.includes('\u0000')) return undefined;
  // Plain text of no known format holds only documentation, which the command line does not report.
  const format = detectFormat(languageId, uri, text);
  if (!format || format === 'text') return undefined;
  return TextDocument.create(uri, languageId, 1, text);
}

/** The bytes a file may have to hold at most `maxFileSize` characters (a character is at most 4 bytes in UTF-8). */
function byteLimit(settings: Settings): number {
  return Math.min(settings.maxFileSize, MAX_FILE_SIZE_CEILING) * 4;
}

/** Reads the files under the paths; says on stderr what could not be read. Returns the documents and whether all paths were read. */
async function openAll(paths: string[], settings: Settings): Promise<{ opened: { file: string; doc: TextDocument }[]; problems: { file: string; message: string }[] }> {
  const walked = await walk(paths, byteLimit(settings));
  for (const p of walked.problems) process.stderr.write(`iana-ports: ${escapeText(p.file)} ${p.message}\n`);
  if (walked.tooLarge.length) {
    process.stderr.write(`iana-ports: ${walked.tooLarge.length} file${walked.tooLarge.length === 1 ? ' is' : 's are'} over the size limit (maxFileSize) and not checked, e.g. ${escapeText(walked.tooLarge[0])}\n`);
  }
  const opened: { file: string; doc: TextDocument }[] = [];
  for (const f of walked.files) {
    const doc = openDocument(f.file, f.text);
    if (doc) opened.push({ file: f.file, doc });
  }
  return { opened, problems: walked.problems };
}

async function settingsFrom(p: Parsed): Promise<Settings> {
  return (await readConfig(p.values.get('--config'))).settings;
}

async function scan(args: string[]): Promise<number> {
  const p = parseArgs(args, ['--config'], []);
  const settings = await settingsFrom(p);
  const service = new PortLanguageService(bundledIndex);
  let files = 0;
  let ports = 0;
  let problems = 0;
  const { opened, problems: unreadable } = await openAll(p.positionals, settings);
  const out: string[] = [];
  for (const { file, doc } of opened) {
    const { format, occurrences } = service.scan(doc, settings);
    const diags = service.doValidation(doc, settings);
    if (!occurrences.length && !diags.length) continue;
    files++;
    out.push(`\n${escapeText(file)}  (${format})`);
    for (const o of occurrences) {
      const pos = doc.positionAt(o.start);
      const where = `${pos.line + 1}:${pos.character + 1}`.padEnd(8);
      if (o.kind === 'port') {
        ports++;
        const l = service.index.byPort(o.port, o.protocol);
        const ianaNames = [...new Set(l.records.filter((r) => r.name).map((r) => r.name))];
        const names = ianaNames.slice(0, 4).join(', ');
        const common = settings.commonPractice.enable && !ianaNameAgrees(o.port, ianaNames, o.protocol) ? commonPracticeLabel(o.port, o.protocol) : undefined;
        // What runs there leads where the table knows it, labelled, with IANA's names after it.
        const what = l.portClass === 'invalid' ? 'not a valid port'
          : common ? `${common} (common practice); IANA: ${names || 'unassigned'}` : names || 'unassigned';
        out.push(`  ${where} ${String(o.port).padEnd(6)} ${(o.protocol ?? '').padEnd(4)} ${o.role.padEnd(9)} ${escapeText(what)}`);
      } else {
        out.push(`  ${where} ${escapeText(o.name ?? '')} (${o.kind === 'service' ? 'service name' : 'port name'})`);
      }
    }
    for (const d of diags) {
      problems++;
      out.push(`  ${`${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8)} ${SEVERITY_NAME[d.severity ?? 1]} [${d.code}] ${messageLines(d, '           ')}`);
    }
  }
  out.push(`\n${ports} ports in ${files} files, ${problems} problems (${provenance(service.index)}).`);
  process.stdout.write(out.join('\n') + '\n');
  return unreadable.length ? 2 : 0;
}

async function check(args: string[]): Promise<number> {
  const p = parseArgs(args, ['--format', '--config', '--min-severity', '--fail-on'], []);
  const format = p.values.get('--format') ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${escapeText(format)}" (text, json or sarif)`);
  const min = levelOption(p, '--min-severity');
  const failOn = levelOption(p, '--fail-on', true) ?? min ?? LEVEL_RANK.error;
  const shownUpTo = min ?? LEVEL_RANK.information;
  const settings = await settingsFrom(p);
  const service = new PortLanguageService(bundledIndex);
  const { opened, problems } = await openAll(p.positionals, settings);
  // The cross-file rules compare every file checked together, as the editor compares the workspace.
  const crossFile = findingsForDocuments(service, opened.map((o) => o.doc), settings);
  const results: FileDiagnostics[] = [];
  for (const { file, doc } of opened) {
    const diagnostics = [...service.doValidation(doc, settings), ...workspaceDiagnostics(crossFile.get(doc.uri), settings, doc)]
      .filter((d) => (d.severity ?? 1) <= shownUpTo);
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (diagnostics.length) results.push({ file, diagnostics });
  }
  const all = results.flatMap((r) => r.diagnostics);
  const failing = all.filter((d) => (d.severity ?? 1) <= failOn).length;
  if (format === 'json') {
    process.stdout.write(safeJson(results.flatMap((r) => r.diagnostics.map((d) => ({
      file: r.file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1, severity: SEVERITY_NAME[d.severity ?? 1], rule: d.code, message: messageText(d),
    })))) + '\n');
  } else if (format === 'sarif') {
    process.stdout.write(safeJson(toSarif(results, problems, VERSION, process.cwd())) + '\n');
  } else {
    const lines: string[] = [];
    for (const r of results) {
      for (const d of r.diagnostics) {
        lines.push(`${escapeText(r.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} [${d.code}] ${messageLines(d, '    ')}`);
      }
    }
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const errors = all.filter((d) => d.severity === 1).length;
    let summary = `${count(all.length, 'problem')} (${count(errors, 'error')}) in ${count(results.length, 'file')}`;
    if (problems.length) summary += `; ${count(problems.length, 'path')} could not be read`;
    lines.push(`${summary}.`);
    process.stdout.write(lines.join('\n') + '\n');
  }
  return problems.length ? 2 : failing > 0 ? 1 : 0;
}

/** Markdown card as terminal text: links shown as `label <url>`, escapes and emphasis removed. */
function markdownToText(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\((https?:[^)]*)\)/g, '$1 <$2>')
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_{}[\]|~<>&])/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `22/udp` as a port and a protocol; undefined for anything else. */
function portQuery(q: string): { port: number; protocol?: Protocol } | undefined {
  const m = /^(\d{1,6})(?:\/([a-z]+))?$/i.exec(q);
  if (!m) return undefined;
  const protocol = m[2]?.toLowerCase();
  if (protocol !== undefined && !(PROTOCOLS as readonly string[]).includes(protocol)) throw new UsageError(`unknown protocol "${escapeText(m[2])}" (tcp, udp, sctp or dccp)`);
  return { port: Number(m[1]), protocol: protocol as Protocol | undefined };
}

async function lookup(args: string[]): Promise<number> {
  const p = parseArgs(args, [], ['--json']);
  const q = p.positionals.join(' ').trim();
  if (!q) throw new UsageError('lookup needs a port number (22, 22/udp) or a service name');
  const index = bundledIndex();
  const asPort = portQuery(q);
  if (p.flags.has('--json')) {
    const records = asPort ? index.byPort(asPort.port, asPort.protocol).records : index.byName(q);
    const json = {
      query: q,
      ...(asPort ? { port: asPort.port, protocol: asPort.protocol ?? null, portClass: index.byPort(asPort.port).portClass, commonPractice: commonPracticeLabel(asPort.port, asPort.protocol) ?? null } : {}),
      registry: { release: index.release, provenance: provenance(index) },
      records: records.map((r) => ({
        name: r.name, port: r.portLo === null ? null : r.portLo === r.portHi ? r.portLo : `${r.portLo}-${r.portHi}`, protocol: r.protocol || null,
        description: r.description, assignee: r.assignee.map((a) => index.personName(a)), references: r.references, registered: r.registered || null,
        modified: r.modified || null, notes: r.notes || null, unauthorized: r.unauthorized || null,
      })),
    };
    process.stdout.write(safeJson(json) + '\n');
    return records.length || asPort ? 0 : 1;
  }
  if (asPort?.protocol) {
    console.log(escapeLines(markdownToText(renderPortHover(index, asPort.port, { protocol: asPort.protocol }, DEFAULT_SETTINGS))) + '\n');
    return 0;
  }
  const cards = lookupCards(index, asPort ? String(asPort.port) : q, 10);
  if (!cards.length) {
    console.log(`Nothing in the registry matches "${escapeText(q)}".`);
    return 1;
  }
  const exact = cards.filter((c) => c.label.toLowerCase() === q.toLowerCase());
  for (const c of (exact.length ? exact : cards.slice(0, 1))) console.log(escapeLines(markdownToText(c.markdown)) + '\n');
  if (!exact.length && cards.length > 1) {
    console.log('Other matches:');
    for (const c of cards.slice(1)) console.log(`  ${c.label.padEnd(16)} ${c.description.padEnd(14)} ${c.detail}`);
  }
  return 0;
}

function info(): number {
  const index = bundledIndex();
  const i = registryInfo(index, bundledRegistryPath());
  console.log(i.provenance);
  console.log(`Registry release ${i.release}: ${i.records} records (${i.ranges} ranges, ${i.nameOnly} name-only), ${i.superseded} superseded, ${i.people} people`);
  for (const s of i.sources) console.log(`  ${s.id} (${s.release}): ${s.records} records — ${s.title}`);
  console.log(`File: ${i.path}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'scan':
        return await scan(rest);
      case 'check':
        return await check(rest);
      case 'lookup':
        return await lookup(rest);
      case 'info':
        parseArgs(rest, [], []);
        return info();
      case '--version':
      case '-v':
      case 'version':
        console.log(VERSION);
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${escapeText(cmd)}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`iana-ports: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof ConfigError) {
      process.stderr.write(`iana-ports: ${escapeLines(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e) => {
    process.stderr.write(`iana-ports: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 3;
  },
);
