import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
  switch (a.layer) {
    case 'text':
      return b.layer === 'text' ? undefined : 'text tools import only text tools';
    case 'vocabulary':
      return b.layer === 'text' || b.layer === 'vocabulary' || to === registryTypes ? undefined : 'the vocabulary imports only text tools and itself';
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
    assert.ok(violation(path.join(SCAN, 'formats', 'nginx.ts'), path.join(SCAN, 'formats', 'code.ts')));
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
