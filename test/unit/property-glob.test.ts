import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatFromAssociations, globMatches, globToRegExp } from '../../server/src/service/scan/detect';

// `ianaPorts.files.associations` comes from workspace settings, which an untrusted repository may
// write, and file names come from the same repository. A glob of many wildcards against a long name
// made the regular expression backtrack for minutes; globMatches decides the same in one pass.

describe('property: files.associations globs', () => {
  it('globMatches agrees with the glob regular expression on random globs and paths', () => {
    const globPiece = fc.constantFrom('*', '**', '**/', '?', 'a', 'b', '/', '.', '.yml', '-', '\n', '(', '[', '$');
    const pathPiece = fc.constantFrom('a', 'b', '/', '.', '.yml', '-', '\n', '(', '[', '$', 'x');
    fc.assert(
      fc.property(fc.array(globPiece, { maxLength: 8 }), fc.array(pathPiece, { maxLength: 14 }), (g, p) => {
        const glob = g.join('');
        const path = p.join('');
        assert.equal(globMatches(glob, path), globToRegExp(glob).test(path), JSON.stringify({ glob, path }));
      }),
      { seed: 7501, numRuns: 5000 },
    );
  });

  it('the association examples of the setting match as documented', () => {
    const assoc = { '**/*.myconf': 'keyvalue', 'deploy/*.yml': 'compose', Caddyfile: 'caddy', '**/conf.d/**': 'nginx' };
    assert.equal(formatFromAssociations('file:///w/app/x.myconf', assoc), 'keyvalue');
    assert.equal(formatFromAssociations('file:///w/deploy/stack.yml', assoc), 'compose');
    assert.equal(formatFromAssociations('file:///w/deploy/sub/stack.yml', assoc), undefined);
    assert.equal(formatFromAssociations('file:///w/site/Caddyfile', assoc), 'caddy');
    assert.equal(formatFromAssociations('file:///etc/nginx/conf.d/a/b.conf', assoc), 'nginx');
    assert.equal(formatFromAssociations('file:///w/My%20Files/x.myconf', assoc), 'keyvalue');
  });

  it('a hostile glob against a 250-character file name is decided in milliseconds', () => {
    const globs = ['**' + 'a**'.repeat(12) + 'b', '*a'.repeat(12) + '*b', '**/' + '*a'.repeat(12) + '*b', '?*'.repeat(40) + 'b'];
    const uri = 'file:///w/' + 'a'.repeat(250);
    for (const glob of globs) {
      const t0 = performance.now();
      assert.equal(formatFromAssociations(uri, { [glob]: 'yaml' }), undefined);
      const ms = performance.now() - t0;
      assert.ok(ms < 200, `${glob}: ${ms.toFixed(0)} ms`);
    }
  });
});
