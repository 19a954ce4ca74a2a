import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { bundledRegistryPath } from './runtime';
import { PortLanguageService } from './service/languageService';
import { lookupCards, registryInfo } from './service/lookup';
import { provenance } from './service/hover';
import { commonPracticeLabel, ianaNameAgrees } from './service/softwarePorts';
import { decodeRegistry } from './service/registry/codec';
import { RegistryIndex } from './service/registry/registryIndex';
import { detectFormat } from './service/scan';
import { resolveSettings, type Settings } from './service/settings';
import { findingsForDocuments, workspaceDiagnostics } from './service/workspaceRules';

// The command-line front end over the same core as the language server.

const USAGE = `Usage: iana-ports <command> [options]

Commands:
  scan [paths...]      List every port found in files and folders, with its IANA service, and the problems found
  check [paths...]     Report port problems (the editor's diagnostics); exit code 1 when an error-level problem exists
                         --format text|json|sarif   output format (default text)
                         --config FILE               settings file (default: .iana-ports.json in the current folder, if any)
  lookup <port|name>   Print the registry card for a port number or service name
  info                 Print which registry release is bundled and its sources

Folders are searched recursively, skipping node_modules, .git and files over 5 MB.`;

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', 'target', 'vendor']);
const MAX_FILE = 5_000_000;

function loadIndex(): RegistryIndex {
  return new RegistryIndex(decodeRegistry(fs.readFileSync(bundledRegistryPath(), 'utf8')));
}

/** The language id VS Code would give a file, as far as the format detection needs it. */
function languageIdFor(file: string): string {
  const b = path.basename(file).toLowerCase();
  if (/^(docker-)?compose.*\.ya?ml$/.test(b)) return 'dockercompose';
  return 'plaintext';
}

function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const visit = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      process.stderr.write(`iana-ports: cannot read ${p}\n`);
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (!SKIP_DIRS.has(e)) visit(path.join(p, e));
    } else if (st.isFile() && st.size <= MAX_FILE) {
      out.push(p);
    }
  };
  for (const p of paths.length ? paths : ['.']) visit(p);
  return out;
}

function openDocument(file: string): TextDocument | undefined {
  const uri = pathToFileURL(path.resolve(file)).href;
  const languageId = languageIdFor(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  if (text.includes('\u0000')) return undefined;
  // Plain text of no known format holds only documentation, which the command line does not report.
  const format = detectFormat(languageId, uri, text);
  if (!format || format === 'text') return undefined;
  return TextDocument.create(uri, languageId, 1, text);
}

function readSettings(args: string[]): Settings {
  const i = args.indexOf('--config');
  const file = i >= 0 ? args[i + 1] : fs.existsSync('.iana-ports.json') ? '.iana-ports.json' : undefined;
  if (!file) return resolveSettings(undefined);
  try {
    const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    return resolveSettings(raw.ianaPorts ?? raw);
  } catch (e) {
    process.stderr.write(`iana-ports: cannot use settings file ${file}: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

const SEVERITY_NAME = ['', 'error', 'warning', 'info', 'hint'];

function positionals(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format' || args[i] === '--config') i++;
    else if (!args[i].startsWith('--')) out.push(args[i]);
  }
  return out;
}

function scan(args: string[]): number {
  const settings = readSettings(args);
  const service = new PortLanguageService(loadIndex);
  let files = 0;
  let ports = 0;
  let problems = 0;
  for (const file of collectFiles(positionals(args))) {
    const doc = openDocument(file);
    if (!doc) continue;
    const { format, occurrences } = service.scan(doc, settings);
    const diags = service.doValidation(doc, settings);
    if (!occurrences.length && !diags.length) continue;
    files++;
    console.log(`\n${file}  (${format})`);
    for (const o of occurrences) {
      const p = doc.positionAt(o.start);
      const where = `${p.line + 1}:${p.character + 1}`.padEnd(8);
      if (o.kind === 'port') {
        ports++;
        const l = service.index.byPort(o.port, o.protocol);
        const ianaNames = [...new Set(l.records.filter((r) => r.name).map((r) => r.name))];
        const names = ianaNames.slice(0, 4).join(', ');
        const common = settings.commonPractice.enable && !ianaNameAgrees(o.port, ianaNames, o.protocol) ? commonPracticeLabel(o.port, o.protocol) : undefined;
        // What runs there leads where the table knows it, labelled, with IANA's names after it.
        const what = l.portClass === 'invalid' ? 'not a valid port'
          : common ? `${common} (common practice); IANA: ${names || 'unassigned'}` : names || 'unassigned';
        console.log(`  ${where} ${String(o.port).padEnd(6)} ${(o.protocol ?? '').padEnd(4)} ${o.role.padEnd(9)} ${what}`);
      } else {
        console.log(`  ${where} ${o.name} (${o.kind === 'service' ? 'service name' : 'port name'})`);
      }
    }
    for (const d of diags) {
      problems++;
      console.log(`  ${`${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8)} ${SEVERITY_NAME[d.severity ?? 1]} [${d.code}] ${d.message}`);
    }
  }
  console.log(`\n${ports} ports in ${files} files, ${problems} problems (${provenance(service.index)}).`);
  return 0;
}

interface FileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

function check(args: string[]): number {
  const fi = args.indexOf('--format');
  const format = fi >= 0 ? args[fi + 1] : 'text';
  if (!['text', 'json', 'sarif'].includes(format)) {
    process.stderr.write(`iana-ports: unknown format "${format}" (text, json or sarif)\n`);
    return 2;
  }
  const settings = readSettings(args);
  const service = new PortLanguageService(loadIndex);
  const results: FileDiagnostics[] = [];
  const opened: { file: string; doc: TextDocument }[] = [];
  for (const file of collectFiles(positionals(args))) {
    const doc = openDocument(file);
    if (doc) opened.push({ file, doc });
  }
  // The cross-file rules compare every file checked together, as the editor compares the workspace.
  const crossFile = findingsForDocuments(service, opened.map((o) => o.doc), settings);
  for (const { file, doc } of opened) {
    const diagnostics = [...service.doValidation(doc, settings), ...workspaceDiagnostics(crossFile.get(doc.uri), settings, doc)];
    diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    if (diagnostics.length) results.push({ file, diagnostics });
  }
  const errors = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 1).length, 0);
  if (format === 'json') {
    console.log(JSON.stringify(results.flatMap((r) => r.diagnostics.map((d) => ({
      file: r.file, line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1, severity: SEVERITY_NAME[d.severity ?? 1], rule: d.code, message: d.message,
    }))), null, 2));
  } else if (format === 'sarif') {
    console.log(JSON.stringify(toSarif(results), null, 2));
  } else {
    for (const r of results) {
      for (const d of r.diagnostics) {
        console.log(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} [${d.code}] ${d.message}`);
      }
    }
    const total = results.reduce((n, r) => n + r.diagnostics.length, 0);
    console.log(`${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in ${results.length} file${results.length === 1 ? '' : 's'}.`);
  }
  return errors > 0 ? 1 : 0;
}

function toSarif(results: FileDiagnostics[]) {
  const level = (s?: number) => (s === 1 ? 'error' : s === 2 ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'iana-ports', informationUri: 'https://www.iana.org/assignments/service-names-port-numbers/', rules: [] } },
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: String(d.code),
        level: level(d.severity),
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.file.split(path.sep).join('/') },
            region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
          },
        }],
      }))),
    }],
  };
}

/** Markdown card as terminal text: links shown as `label <url>`, escapes and emphasis removed. */
function markdownToText(md: string): string {
  return md
    .replace(/\[([^\]]*)\]\((https?:[^)]*)\)/g, '$1 <$2>')
    .replace(/\*\*/g, '')
    .replace(/\\([\\`*_{}[\]|~<>&])/g, '$1')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function lookup(args: string[]): number {
  const q = positionals(args).join(' ');
  if (!q) {
    process.stderr.write('iana-ports: lookup needs a port number or a service name\n');
    return 2;
  }
  const index = loadIndex();
  const cards = lookupCards(index, q, 10);
  if (!cards.length) {
    console.log(`Nothing in the registry matches "${q}".`);
    return 1;
  }
  const exact = cards.filter((c) => c.label.toLowerCase() === q.toLowerCase());
  for (const c of (exact.length ? exact : cards.slice(0, 1))) console.log(markdownToText(c.markdown) + '\n');
  if (!exact.length && cards.length > 1) {
    console.log('Other matches:');
    for (const c of cards.slice(1)) console.log(`  ${c.label.padEnd(16)} ${c.description.padEnd(14)} ${c.detail}`);
  }
  return 0;
}

function info(): number {
  const index = loadIndex();
  const i = registryInfo(index, bundledRegistryPath());
  console.log(i.provenance);
  console.log(`Registry release ${i.release}: ${i.records} records (${i.ranges} ranges, ${i.nameOnly} name-only), ${i.superseded} superseded, ${i.people} people`);
  for (const s of i.sources) console.log(`  ${s.id} (${s.release}): ${s.records} records — ${s.title}`);
  console.log(`File: ${i.path}`);
  return 0;
}

function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'scan':
      return scan(rest);
    case 'check':
      return check(rest);
    case 'lookup':
      return lookup(rest);
    case 'info':
      return info();
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      console.log(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      process.stderr.write(`iana-ports: unknown command "${cmd}"\n\n${USAGE}\n`);
      return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
