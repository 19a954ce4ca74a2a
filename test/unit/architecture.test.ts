import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The port-knowledge core stays pure: no files, network, processes or LSP transport inside it.

const CORE = path.join(__dirname, '../../server/src/service');
const ALLOWED = [/^\.\.?\//, /^vscode-languageserver-types$/, /^vscode-languageserver-textdocument$/, /^jsonc-parser$/];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

describe('architecture', () => {
  it('keeps server/src/service free of fs, network, child processes and the LSP connection', () => {
    const files = tsFiles(CORE);
    assert.ok(files.length > 20);
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2] ?? m[3];
        assert.ok(ALLOWED.some((r) => r.test(spec)), `${path.relative(CORE, f)} imports ${spec}`);
      }
      const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
      assert.doesNotMatch(code, /\bprocess\.(env|exit|stdout)|\bfetch\(/, `${path.relative(CORE, f)} reaches outside the core`);
    }
  });
});
