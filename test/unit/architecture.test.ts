import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

/*
 * The recognition code under server/src/service/scan/ is built in three layers, each a folder (see the
 * README.md in each):
 *   text/        text tools: lines, words, characters, the YAML walker, the code lexer. Imports only text/.
 *   vocabulary/  what ports are and how they are written: roles, port values, addresses, keys, commands.
 *                Imports only text/ and vocabulary/ (and the registry's Protocol type).
 *   formats/     one finder per format (a file), or per family of formats sharing one reader (a folder).
 *                Imports text/ and vocabulary/, never another format and never the format table: a format
 *                embedded in another (shell in YAML, nginx in a ConfigMap, Lua in nginx) is read through
 *                the embedded-format reader that the format table hands to the finder.
 * The format table (the files directly in scan/) sits on top and may import everything below it.
 * This test reads the imports of every file and fails on any that breaks these rules.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SCAN = path.join(ROOT, 'server', 'src', 'service', 'scan');

type Layer = 'text' | 'vocabulary' | 'format' | 'table' | 'outside';

/** The layer of a file, and for a format the unit it belongs to (`formats/nginx.ts`, `formats/yaml/`). */
function placeOf(file: string): { layer: Layer; unit: string } {
  const rel = path.relative(SCAN, file).split(path.sep);
  if (rel[0] === '..' || path.isAbsolute(rel.join('/'))) return { layer: 'outside', unit: '' };
  if (rel.length === 1) return { layer: 'table', unit: '' };
  if (rel[0] === 'text') return { layer: 'text', unit: 'text' };
  if (rel[0] === 'vocabulary') return { layer: 'vocabulary', unit: 'vocabulary' };
  if (rel[0] === 'formats') return { layer: 'format', unit: rel.length === 2 ? `formats/${rel[1]}` : `formats/${rel[1]}/` };
  return { layer: 'outside', unit: rel[0] };
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The files a module imports (static `import`/`export ... from`, `import()`), resolved; packages left out. */
export function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const spec = m[1] ?? m[2] ?? m[3];
    const base = path.resolve(path.dirname(file), spec);
    const hit = [base + '.ts', path.join(base, 'index.ts'), base].find((p) => fs.existsSync(p) && fs.statSync(p).isFile());
    assert.ok(hit, `${path.relative(ROOT, file)} imports ${spec}, which resolves to no file`);
    out.push(hit);
  }
  return out;
}

/** Why an import breaks a layer rule, or undefined when it keeps them. */
export function violation(from: string, to: string): string | undefined {
  const a = placeOf(from);
  const b = placeOf(to);
  const registryTypes = path.join(ROOT, 'server', 'src', 'service', 'registry', 'types.ts');
  // The common-practice table is data that imports nothing: prose reads its software names from it.
  const softwareTable = path.join(ROOT, 'server', 'src', 'service', 'softwarePorts.ts');
  switch (a.layer) {
    case 'text':
      return b.layer === 'text' ? undefined : 'text tools import only text tools';
    case 'vocabulary':
      return b.layer === 'text' || b.layer === 'vocabulary' || to === registryTypes || to === softwareTable ? undefined : 'the vocabulary imports only text tools and itself';
    case 'format':
      if (b.layer === 'format' && b.unit !== a.unit) return 'a format never imports another format (read an embedded one through the format table)';
      if (b.layer === 'table') return 'a format never imports the format table (its finder is given what it needs)';
      return undefined;
    default:
      return undefined;
  }
}

/** Today's known breaks, each to be removed when its owner fixes it; the test fails when one is gone. */
const KNOWN: ReadonlyArray<[from: string, to: string, owner: string]> = [
];

describe('architecture: the layers of the recognition code', () => {
  const files = sourceFiles(SCAN);
  const rel = (p: string) => path.relative(SCAN, p).split(path.sep).join('/');
  const found = new Map<string, string>();
  for (const f of files) for (const t of importsOf(f)) {
    const why = violation(f, t);
    if (why) found.set(`${rel(f)} -> ${rel(t)}`, why);
  }

  it('holds three layers and a format table, and the rules are read from real imports', () => {
    const layers = new Set(files.map((f) => placeOf(f).layer));
    assert.deepEqual([...layers].sort(), ['format', 'table', 'text', 'vocabulary']);
    // The import reader must see imports at all: the table imports every format.
    assert.ok(importsOf(path.join(SCAN, 'index.ts')).length >= 10);
  });

  it('no file breaks a layer rule beyond the known list', () => {
    const known = new Set(KNOWN.map(([a, b]) => `${a} -> ${b}`));
    const fresh = [...found].filter(([k]) => !known.has(k)).map(([k, why]) => `${k}: ${why}`);
    assert.deepEqual(fresh, []);
  });

  it('every known break still exists (remove the line when you fix it)', () => {
    const gone = KNOWN.filter(([a, b]) => !found.has(`${a} -> ${b}`)).map(([a, b, owner]) => `${a} -> ${b} (${owner})`);
    assert.deepEqual(gone, []);
  });

  it('a rule catches what it must: a text tool importing the vocabulary, a format importing a format', () => {
    assert.ok(violation(path.join(SCAN, 'text', 'words.ts'), path.join(SCAN, 'vocabulary', 'types.ts')));
    assert.ok(violation(path.join(SCAN, 'vocabulary', 'keys.ts'), path.join(SCAN, 'formats', 'shell.ts')));
    assert.ok(violation(path.join(SCAN, 'formats', 'nginx.ts'), path.join(SCAN, 'formats', 'code', 'index.ts')));
    assert.ok(violation(path.join(SCAN, 'formats', 'markdown.ts'), path.join(SCAN, 'detect.ts')));
    assert.equal(violation(path.join(SCAN, 'formats', 'yaml', 'index.ts'), path.join(SCAN, 'formats', 'yaml', 'ports.ts')), undefined);
    assert.equal(violation(path.join(SCAN, 'formats', 'nginx.ts'), path.join(SCAN, 'vocabulary', 'values.ts')), undefined);
  });
  it('the client imports from the server only the protocol file and the format table, which import nothing', () => {
    const SERVER = path.join(ROOT, 'server');
    // settings.ts: the registry download reads the default registry URL and its limits from there (cli-registry's
    // file); it is a known break until those names move to a file of shared data like the table.
    const allowed = new Set([path.join(SCAN, 'table.ts'), path.join(ROOT, 'server', 'src', 'protocol.ts'), path.join(ROOT, 'server', 'src', 'service', 'settings.ts')]);
    const reached = sourceFiles(path.join(ROOT, 'client', 'src')).flatMap((f) => importsOf(f).map((t) => [f, t]))
      .filter(([, t]) => t.startsWith(SERVER + path.sep) && !allowed.has(t))
      .map(([f, t]) => `${path.relative(ROOT, f)} -> ${path.relative(ROOT, t)}`);
    assert.deepEqual(reached, []);
    // Both are bundled into the client: they import types only, which the bundle drops.
    for (const shared of [path.join(SCAN, 'table.ts'), path.join(ROOT, 'server', 'src', 'protocol.ts')]) {
      assert.deepEqual(fs.readFileSync(shared, 'utf8').match(/^import (?!type ).*$/gm) ?? [], [], shared);
    }
  });
});

/*
 * The shape of the server's code: no function longer than FUNCTION_LINES (a longer one holds its special
 * cases in control flow; give them a table or small named functions), and no import cycle among the
 * server's modules (a cycle hides which of two files is the base and breaks module initialisation order).
 */
const SERVER_SRC = path.join(ROOT, 'server', 'src');
const FUNCTION_LINES = 150;

/** Every function (declaration, method, arrow, expression) in a file longer than `limit` lines, with its name and line. */
export function longFunctions(file: string, limit: number, text = fs.readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const line = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const from = line(n.getStart(sf));
      const lines = line(n.end) - from + 1;
      if (lines > limit) {
        const named = n.name ?? (ts.isVariableDeclaration(n.parent) || ts.isPropertyAssignment(n.parent) ? n.parent.name : undefined);
        out.push(`${path.relative(ROOT, file).split(path.sep).join('/')} ${named ? named.getText(sf) : '(anonymous)'}`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The import cycles among `files` (static, value imports: `import type` is erased and cannot cycle at run time). */
export function importCycles(files: string[]): string[][] {
  const edges = new Map<string, string[]>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8').replace(/(^|\n)\s*(?:import|export)\s+type\s[^;]*;/g, '$1');
    edges.set(f, importsOf(f, text).filter((t) => t !== f));
  }
  // Tarjan's strongly connected components: each with more than one file is a cycle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(path.relative(ROOT, w).split(path.sep).join('/'));
      } while (w !== v);
      if (part.length > 1) cycles.push(part.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return cycles.sort();
}

/** Today's long functions, each to be removed when it is split; the test fails when one is gone. */
const KNOWN_LONG: readonly string[] = [
];

/** Today's import cycles, each to be removed when it is broken. */
const KNOWN_CYCLES: readonly string[] = [];

describe('architecture: the shape of the server code', () => {
  const files = sourceFiles(SERVER_SRC);

  it(`no function is longer than ${FUNCTION_LINES} lines beyond the known list, and every known one still is`, () => {
    const long = files.flatMap((f) => longFunctions(f, FUNCTION_LINES));
    assert.deepEqual(long.filter((l) => !KNOWN_LONG.includes(l)), [], 'split these (tables or small named functions)');
    assert.deepEqual(KNOWN_LONG.filter((l) => !long.includes(l)), [], 'remove these from KNOWN_LONG');
  });

  it('the length rule measures what it must: a long method, arrow and nested function', () => {
    const body = Array.from({ length: 160 }, (_, i) => `    x += ${i};`).join('\n');
    const text = `class A {\n  m(): void {\n    let x = 0;\n${body}\n  }\n}\nconst f = () => {\n  function inner() {\n    let x = 0;\n${body}\n  }\n};\nfunction short() { return 1; }\n`;
    const file = path.join(SERVER_SRC, 'example.ts');
    assert.deepEqual(longFunctions(file, FUNCTION_LINES, text), ['server/src/example.ts m', 'server/src/example.ts f', 'server/src/example.ts inner']);
  });

  it('no import cycle among the server modules beyond the known list, and every known one still exists', () => {
    const cycles = importCycles(files).map((c) => c.join(' '));
    assert.deepEqual(cycles.filter((c) => !KNOWN_CYCLES.includes(c)), [], 'break these cycles');
    assert.deepEqual(KNOWN_CYCLES.filter((c) => !cycles.includes(c)), [], 'remove these from KNOWN_CYCLES');
  });

  it('the cycle finder finds a cycle of three files and none in a chain', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
    try {
      const write = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), body);
      write('a.ts', "import { b } from './b';\nexport const a = b;\n");
      write('b.ts', "import { c } from './c';\nexport const b = c;\n");
      write('c.ts', "import { a } from './a';\nimport type { D } from './d';\nexport const c = 1;\n");
      write('d.ts', "import { c } from './c';\nexport type D = number;\nexport const d = c;\n");
      const cycles = importCycles(['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((n) => path.join(dir, n)));
      assert.equal(cycles.length, 1);
      assert.deepEqual(cycles[0].map((p) => path.basename(p)), ['a.ts', 'b.ts', 'c.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
