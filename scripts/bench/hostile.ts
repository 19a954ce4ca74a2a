import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { doCodeActions } from '../../server/src/service/codeActions';
import { doComplete } from '../../server/src/service/completion';
import { PortLanguageService } from '../../server/src/service/languageService';
import { decodeRegistry } from '../../server/src/service/registry/codec';
import { RegistryIndex } from '../../server/src/service/registry/registryIndex';
import { resolveSettings } from '../../server/src/service/settings';
import { PATHOLOGICAL, repeatTo as repeatToLength } from '../../test/helpers/pathological';
import { FORMAT_DOCS } from '../../test/helpers/robustness';
import { LspProcess } from './lsp';

/**
 * The "hostile inputs" section of `npm run bench` (issue 16): what a repository can hold that once froze
 * or killed the server. In process, each slow-per-byte document is checked (scan, rules, a hover) beside
 * a plain file of the same format and size, and the ratio is given. Over stdio, each shape is put in a
 * workspace folder of its own; while the server indexes it, a hover on another open document is timed
 * every 50 ms and the server's resident memory sampled: the targets are < 1 s and < 600 MB. Each
 * slow-per-byte document is also opened in the editor (didOpen to a server without a workspace): the
 * slowest hover on another open document until its diagnostics arrive, and peak memory.
 */

export interface HostileRow {
  figure: string;
  ours: number;
  unit: string;
  reference?: number;
  referenceLabel?: string;
  target?: string;
  met?: boolean;
  note?: string;
}

const MB = 1 << 20;

/** IANA_BENCH_HOSTILE=text runs only the shapes whose name contains it. */
const only = (shape: { name: string }): boolean => !process.env.IANA_BENCH_HOSTILE || shape.name.includes(process.env.IANA_BENCH_HOSTILE);

function repeatTo(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
}

/** Lines of decreasing backtick runs, each inside prose: the README that took 11-20 s. */
function backtickRuns(n: number): string {
  const lines: string[] = [];
  let len = 0;
  for (let k = 2000; len < n; k = k > 1 ? k - 1 : 2000) {
    const l = `a ${'`'.repeat(k)} x\n`;
    lines.push(l);
    len += l.length;
  }
  return lines.join('').slice(0, n);
}

interface DocumentShape {
  name: string;
  uri: string;
  languageId: string;
  text: (n: number) => string;
  /** An ordinary file of the same format, for the ratio. */
  plain: (n: number) => string;
  size: number;
}

const COMPOSE_HEAD = 'services:\n  web:\n';
const PLAIN_COMPOSE = (n: number) => 'services:\n' + repeatTo('  app:\n    image: nginx:1.27\n    restart: unless-stopped\n    environment:\n      LOG_LEVEL: info\n', n);
const PLAIN_MARKDOWN = (n: number) => repeatTo('The service starts after the database and logs to stdout, as described below.\n', n);

const DOCUMENTS: DocumentShape[] = [
  { name: '2,000 copies of "8080:80" (70 KB compose)', uri: 'file:///h/dup/compose.yaml', languageId: 'dockercompose', size: 70_000,
    text: (n) => COMPOSE_HEAD + '    ports:\n' + repeatTo('      - "8080:80"\n', n), plain: PLAIN_COMPOSE },
  { name: 'compose port ranges on many addresses (2 MB)', uri: 'file:///h/ranges/compose.yaml', languageId: 'dockercompose', size: 2 * MB,
    text: (n) => COMPOSE_HEAD + '    ports:\n' + repeatTo('      - 127.0.0.1:8000-8100:8000-8100\n      - 10.0.0.2:8050-8150:80\n', n), plain: PLAIN_COMPOSE },
  { name: 'compose command: block (4.8 MB)', uri: 'file:///h/cmd/compose.yaml', languageId: 'dockercompose', size: 4_800_000,
    text: (n) => COMPOSE_HEAD + '    command:\n' + repeatTo('      - --port=8080\n      - --listen\n      - 0.0.0.0:9090\n', n), plain: PLAIN_COMPOSE },
  { name: '${A:-...} nested 5,000 deep (compose)', uri: 'file:///h/nest/compose.yaml', languageId: 'dockercompose', size: 30_000,
    text: () => COMPOSE_HEAD + '    ports:\n      - "' + '${A:-'.repeat(5000) + '8080' + '}'.repeat(5000) + ':80"\n', plain: PLAIN_COMPOSE },
  { name: 'package.json with one long script (2 MB)', uri: 'file:///h/pkg/package.json', languageId: 'json', size: 2 * MB,
    text: (n) => '{"scripts": {"start": "' + repeatTo('node server.js --port=3000 && ', n) + 'true"}}',
    plain: (n) => '{"dependencies": {' + repeatTo('"left-pad": "^1.3.0", ', n) + '"x": "1"}}' },
  { name: 'README of decreasing backtick runs (512 KB)', uri: 'file:///h/md/README.md', languageId: 'markdown', size: 512 * 1024, text: backtickRuns, plain: PLAIN_MARKDOWN },
  { name: 'Markdown port table (4.8 MB)', uri: 'file:///h/table/README.md', languageId: 'markdown', size: 4_800_000,
    text: (n) => '| Service | Port |\n|---|---|\n' + repeatTo('| web | 8080 |\n', n), plain: PLAIN_MARKDOWN },
];

function timeCheck(service: PortLanguageService, uri: string, languageId: string, text: string, settings = resolveSettings(undefined)): number {
  const doc = TextDocument.create(uri, languageId, 1, text);
  const t0 = performance.now();
  service.doValidation(doc, settings);
  service.doHover(doc, doc.positionAt(text.length >> 1), settings);
  const ms = performance.now() - t0;
  service.forget(uri);
  return ms;
}

/** Slow-per-byte documents against plain ones of the same size, in this process. */
export function hostileDocuments(root: string, quick: boolean): HostileRow[] {
  const registry = new RegistryIndex(decodeRegistry(fs.readFileSync(path.join(root, 'data', 'registry.json'), 'utf8')));
  const service = new PortLanguageService(() => registry);
  const rows: HostileRow[] = [];
  for (const d of DOCUMENTS.filter(only)) {
    const n = quick ? Math.min(d.size, 20_000) : d.size;
    const text = d.text(n);
    const plain = d.plain(text.length);
    timeCheck(service, d.uri, d.languageId, plain.slice(0, 1000));
    const ours = timeCheck(service, d.uri, d.languageId, text);
    const reference = timeCheck(service, d.uri, d.languageId, plain);
    rows.push({ figure: `check + hover: ${d.name}`, ours, unit: 'ms', reference, referenceLabel: 'plain file, same size', note: `${(text.length / MB).toFixed(2)} MB` });
  }
  const ignore = resolveSettings({ ignorePorts: Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `${20000 + i * 4}-${20000 + i * 5}` : 1000 + i)) });
  const compose = COMPOSE_HEAD + '    ports:\n' + Array.from({ length: quick ? 100 : 3000 }, (_, i) => `      - "${10000 + i}:80"\n`).join('');
  const withList = timeCheck(service, 'file:///h/ign/compose.yaml', 'dockercompose', compose, ignore);
  const without = timeCheck(service, 'file:///h/ign/compose.yaml', 'dockercompose', compose);
  rows.push({ figure: 'check with 10,000 ignorePorts entries', ours: withList, unit: 'ms', reference: without, referenceLabel: 'no ignorePorts' });
  return rows;
}

/**
 * The timings of the linear-time tests (test/unit/property-linear.test.ts), which assert only what the
 * server answers: a document over `maxFileSize` declined as a whole (diagnostics, hover, completion and
 * code actions on 10 MB of each pathological content; target < 2 s), and completion anywhere on lines
 * of 100,000 characters (target < 1 s per call). Quick runs decline 20 KB under a 10,000-character limit.
 */
export function pathologicalRows(root: string, quick: boolean): HostileRow[] {
  const registry = new RegistryIndex(decodeRegistry(fs.readFileSync(path.join(root, 'data', 'registry.json'), 'utf8')));
  const service = new PortLanguageService(() => registry);
  const size = quick ? 20_000 : 10 * MB;
  const settings = resolveSettings(quick ? { maxFileSize: 10_000 } : {});
  let slowest = { ms: 0, name: '' };
  const cases = quick ? PATHOLOGICAL.slice(0, 3) : PATHOLOGICAL;
  for (const c of cases) {
    const text = c.gen(size);
    const { uri, languageId } = FORMAT_DOCS[c.format];
    const doc = TextDocument.create(uri, languageId, 1, text);
    const t0 = performance.now();
    const diagnostics = service.doValidation(doc, settings);
    const middle = doc.positionAt(text.length >> 1);
    service.doHover(doc, middle, settings);
    doComplete(service, doc, middle, settings);
    doCodeActions(service, doc, { start: middle, end: middle }, { diagnostics }, settings);
    const ms = performance.now() - t0;
    if (ms >= slowest.ms) slowest = { ms, name: `${c.format} ${c.name}` };
    service.forget(uri);
  }
  const rows: HostileRow[] = [{
    figure: `decline a ${quick ? '20 KB' : '10 MB'} file over maxFileSize (diagnostics, hover, completion, code actions), slowest of ${cases.length}`,
    ours: slowest.ms, unit: 'ms', target: '< 2000 ms', met: slowest.ms < 2000, note: slowest.name,
  }];
  const lines = ['a.', 'a$', 'a.b', '"a', '- ', 'port: [1,', '--port ', 'listen( ', 'http://a:'].map((p) => repeatToLength(p, quick ? 2_000 : 100_000));
  let slowestCompletion = { ms: 0, name: '' };
  for (const format of ['compose', 'yaml', 'code', 'keyvalue', 'json', 'dockerfile', 'shell', 'nginx', 'dotenv'] as const) {
    const { uri, languageId } = FORMAT_DOCS[format];
    for (const line of lines) {
      const doc = TextDocument.create(uri, languageId, 1, 'x: 1\n' + line + '\n');
      for (const character of [line.length, 1999, 2000, 2001, line.length >> 1]) {
        const t0 = performance.now();
        doComplete(service, doc, { line: 1, character }, settings);
        const ms = performance.now() - t0;
        if (ms >= slowestCompletion.ms) slowestCompletion = { ms, name: `${format} ${JSON.stringify(line.slice(0, 12))} at ${character}` };
      }
      service.forget(uri);
    }
  }
  rows.push({
    figure: `completion on ${quick ? '2,000' : '100,000'}-character lines, slowest call`,
    ours: slowestCompletion.ms, unit: 'ms', target: '< 1000 ms', met: slowestCompletion.ms < 1000, note: slowestCompletion.name,
  });
  return rows;
}

interface WorkspaceShape {
  name: string;
  /** Fills the folder; returns settings to answer, if any. */
  make: (dir: string, quick: boolean) => Record<string, unknown> | void;
}

function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), text);
}

const WORKSPACES: WorkspaceShape[] = [
  ...DOCUMENTS.map((d) => ({ name: d.name, make: (dir: string, quick: boolean) => write(dir, new URL(d.uri).pathname.slice(3), d.text(quick ? Math.min(d.size, 20_000) : d.size)) })),
  { name: '3,000 folders with four mappings each', make: (dir, quick) => {
    for (let i = 0; i < (quick ? 30 : 3000); i++) write(dir, `p${i}/compose.yaml`, 'services:\n  web:\n    ports:\n      - "8080:80"\n      - "8081:81"\n      - "8443:443"\n      - "5432:5432"\n');
  } },
  { name: '.gitignore of 2,000 rules over 2,000 files', make: (dir, quick) => {
    write(dir, '.gitignore', Array.from({ length: 2000 }, (_, i) => `build-${i}/*.tmp`).join('\n'));
    for (let i = 0; i < (quick ? 20 : 2000); i++) write(dir, `src/f${i}.env`, `PORT=${3000 + (i % 100)}\n`);
  } },
  { name: '.gitignore line of 120 KB of blanks', make: (dir) => write(dir, '.gitignore', 'a' + ' '.repeat(120_000) + 'b\n') },
  { name: '.gitignore linked to /dev/zero, a FIFO named compose.yaml', make: (dir) => {
    fs.symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
    execFileSync('mkfifo', [path.join(dir, 'compose.yaml')]);
  } },
  { name: 'YAML of 800,000 ports (4.8 MB)', make: (dir, quick) => write(dir, 'ports.yaml', `ports: [${Array.from({ length: quick ? 2000 : 800_000 }, (_, i) => 1024 + (i % 9000)).join(',')}]\n`) },
  { name: '40 MB Dockerfile, maxFileSize 200,000,000 asked for', make: (dir, quick) => {
    write(dir, 'Dockerfile', repeatTo('EXPOSE 8080\n', quick ? 100_000 : 40 * MB));
    return { ianaPorts: { maxFileSize: 200_000_000 } };
  } },
  { name: 'files.exclude with 5,000 nested braces', make: (dir) => {
    write(dir, 'app/compose.yaml', 'services:\n  web:\n    ports:\n      - "8080:80"\n');
    return { files: { exclude: { ['{'.repeat(5000) + 'a' + '}'.repeat(5000)]: true } } };
  } },
  { name: 'folder chain 1,000 deep', make: (dir, quick) => write(dir, `${Array.from({ length: quick ? 50 : 1000 }, () => 'd').join('/')}/compose.yaml`, 'services:\n  web:\n    ports:\n      - "8080:80"\n') },
];

/** Each shape in a workspace of its own: the slowest hover on another document while it is indexed, and peak RSS. */
export async function hostileWorkspaces(script: string, quick: boolean, log: (s: string) => void): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  for (const shape of WORKSPACES.filter(only)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iana-ports-hostile-'));
    try {
      const settings = shape.make(dir, quick) ?? {};
      const p = new LspProcess(script);
      p.configuration = settings;
      try {
        const t0 = performance.now();
        await p.initialize(pathToFileURL(dir).href);
        const other = 'file:///elsewhere/hover.yaml';
        p.open(other, 'yaml', 'port: 8080\n');
        let slowest = 0;
        let hovers = 0;
        let peak = 0;
        let ready = false;
        const deadline = performance.now() + (quick ? 10_000 : 60_000);
        while (performance.now() < deadline) {
          const h0 = performance.now();
          await p.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 7 } }, 30_000);
          slowest = Math.max(slowest, performance.now() - h0);
          hovers++;
          peak = Math.max(peak, p.rss() ?? 0);
          if (ready) break;
          const s = await p.request<{ state: string }>('ianaPorts/indexStatus', null, 30_000);
          ready = s.state === 'ready';
          await new Promise((r) => setTimeout(r, 50));
        }
        const indexMs = performance.now() - t0;
        rows.push({ figure: `slowest hover while indexing: ${shape.name}`, ours: slowest, unit: 'ms', target: '< 1000 ms', met: slowest < 1000 && ready,
          note: `${hovers} hovers, index ${ready ? `ready in ${(indexMs / 1000).toFixed(1)} s` : 'NOT ready'}` });
        rows.push({ figure: `  peak RSS: ${shape.name}`, ours: peak / MB, unit: 'MB', target: '< 600 MB', met: peak < 600 * MB });
        log(`hostile workspace ${shape.name}: slowest hover ${slowest.toFixed(0)} ms, peak RSS ${(peak / MB).toFixed(0)} MB`);
      } finally {
        await p.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/**
 * Each slow-per-byte document opened in the editor: hovers on another open document every 50 ms until
 * the large one's diagnostics arrive (large documents are checked in the scan thread), then one hover
 * in the large document itself, which fetches its occurrences from there.
 */
export async function hostileOpenDocuments(script: string, quick: boolean, log: (s: string) => void): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  for (const d of DOCUMENTS.filter(only)) {
    const text = d.text(quick ? Math.min(d.size, 20_000) : d.size);
    const p = new LspProcess(script);
    try {
      await p.initialize(null);
      const other = 'file:///elsewhere/hover.yaml';
      p.open(other, 'yaml', 'port: 8080\n');
      const hover = () => p.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 7 } }, 60_000);
      await hover();
      const t0 = performance.now();
      let diagnosticsAt: number | undefined;
      const diagnostics = p.nextDiagnostics(d.uri, 60_000).then((r) => (diagnosticsAt = r.at - t0), () => undefined);
      p.open(d.uri, d.languageId, text);
      let slowest = 0;
      let hovers = 0;
      let peak = 0;
      while (diagnosticsAt === undefined && performance.now() - t0 < 60_000) {
        const h0 = performance.now();
        await hover();
        slowest = Math.max(slowest, performance.now() - h0);
        hovers++;
        peak = Math.max(peak, p.rss() ?? 0);
        await new Promise((r) => setTimeout(r, 50));
      }
      await diagnostics;
      // The middle line's first port: a hover in the large document itself.
      const lines = text.split('\n');
      const mid = lines.length >> 1;
      const col = Math.max(0, lines[mid].search(/\d/));
      const s0 = performance.now();
      await p.request('textDocument/hover', { textDocument: { uri: d.uri }, position: { line: mid, character: col } }, 60_000);
      const own = performance.now() - s0;
      peak = Math.max(peak, p.rss() ?? 0);
      rows.push({ figure: `slowest hover on another document while open: ${d.name}`, ours: slowest, unit: 'ms', target: '< 1000 ms', met: slowest < 1000 && diagnosticsAt !== undefined,
        note: `${hovers} hovers, diagnostics ${diagnosticsAt === undefined ? 'NOT received' : `after ${(diagnosticsAt / 1000).toFixed(1)} s`}` });
      rows.push({ figure: `  first hover in the document itself: ${d.name}`, ours: own, unit: 'ms', target: '< 1000 ms', met: own < 1000 });
      rows.push({ figure: `  peak RSS: ${d.name} open`, ours: peak / MB, unit: 'MB', target: '< 600 MB', met: peak < 600 * MB });
      log(`hostile open document ${d.name}: slowest other hover ${slowest.toFixed(0)} ms, own hover ${own.toFixed(0)} ms, peak RSS ${(peak / MB).toFixed(0)} MB`);
    } finally {
      await p.close();
    }
  }
  return rows;
}
