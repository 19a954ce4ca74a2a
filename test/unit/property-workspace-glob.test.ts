import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileGlob, excludePatterns, isExcluded } from '../../server/src/workspace/glob';
import { isIgnored, parseGitignore } from '../../server/src/workspace/gitignore';

// `.gitignore` files and `files.exclude` come from the repository being opened, so a hostile pattern
// must not stall the workspace index. The globs used to become backtracking regular expressions; the
// regular expression below is that old translation, kept as the oracle for what a glob means.

function oracleSource(glob: string): string {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '[\\s\\S]*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[' && glob.indexOf(']', i + 2) >= 0) {
      const close = glob.indexOf(']', i + 2);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += `[${body}]`;
      i = close;
    } else re += /[.+^${}()|[\]\\*?]/.test(c) ? '\\' + c : c;
  }
  while (braces-- > 0) re += ')';
  return re;
}

function oracle(glob: string): RegExp {
  return new RegExp(`^${oracleSource(glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\//, ''))}$`);
}

describe('workspace globs (files.exclude, .gitignore)', () => {
  it('compileGlob agrees with the regular-expression translation on random globs and paths', () => {
    const globPiece = fc.constantFrom('*', '**', '**/', '?', 'a', 'b', '/', '.', '.log', '{', '}', ',', '[ab]', '[!a]', '[a-c]', '{a,b/}', '{,a}', '(', '$');
    const pathPiece = fc.constantFrom('a', 'b', 'c', '/', '.', '.log', ',', '{', '}', '(', '$', 'x');
    fc.assert(
      fc.property(fc.array(globPiece, { maxLength: 9 }), fc.array(pathPiece, { maxLength: 14 }), (g, p) => {
        const glob = g.join('');
        const path = p.join('');
        let expected: boolean;
        try {
          expected = oracle(glob).test(path);
        } catch {
          // A glob the regular expression cannot express (such as `[b-a]`) is not compared.
          return;
        }
        assert.equal(compileGlob(glob).test(path), expected, JSON.stringify({ glob, path }));
      }),
      { seed: 7502, numRuns: 6000 },
    );
  });

  it('matches the forms VS Code and git users write', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/node_modules', 'node_modules', true],
      ['**/node_modules', 'a/b/node_modules', true],
      ['**/node_modules', 'a/node_modules/x', false],
      ['**/node_modules/**', 'a/node_modules/x/y.yml', true],
      ['**/*.{log,tmp}', 'deep/er/x.tmp', true],
      ['**/*.{log,tmp}', 'x.toml', false],
      ['out/[ab]*', 'out/beta', true],
      ['out/[!ab]*', 'out/beta', false],
      ['out/[!ab]*', 'out/core', true],
      ['{src,lib}/**/*.{ts,{m,c}js}', 'lib/x/y.cjs', true],
      ['{src,lib}/**/*.{ts,{m,c}js}', 'test/y.ts', false],
      ['./build', 'build', true],
      ['/dist/*', 'dist/a', true],
      ['dist\\*.map', 'dist/app.js.map', true],
      ['a?c', 'a/c', false],
    ];
    for (const [glob, path, want] of cases) assert.equal(compileGlob(glob).test(path), want, `${glob} on ${path}`);
    assert.equal(compileGlob('**/x').source, '**/x');
  });

  it('hostile patterns from a repository are decided quickly instead of stalling the index', () => {
    // Each of these took seconds to minutes as a regular expression on these paths; the automaton
    // follows at most (path length) x (pattern length) steps, far below the generous bound here.
    const name = 'a'.repeat(300);
    const hostile = [
      '*a'.repeat(14) + '*b',
      '**' + 'a**'.repeat(14) + 'b',
      '**/'.repeat(12) + 'b',
      '{a,a}'.repeat(16) + 'b',
      '{*a,a*}'.repeat(10) + 'b',
      '[a]*'.repeat(16) + 'b',
    ];
    for (const glob of hostile) {
      const t0 = performance.now();
      assert.equal(compileGlob(glob).test(name), false, glob);
      assert.equal(compileGlob(glob).test(`x/${name}/${name}`), false, glob);
      assert.ok(performance.now() - t0 < 2000, glob);
    }
    const ig = parseGitignore(hostile.join('\n'));
    assert.equal(isIgnored([ig], `src/${name}`, false), false);
    assert.equal(isExcluded(excludePatterns(Object.fromEntries(hostile.map((g) => [g, true]))), name), false);
  });
});
