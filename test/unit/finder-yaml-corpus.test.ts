import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { assertTargets, scoreFolder } from '../helpers/score';

// The Compose and YAML finders measured on labelled files the way the LSP probe measures the server:
// every digit run is a port or not, and a run counts as recognised when an occurrence covers its
// first character. Targets: precision >= 0.98 and recall >= 0.95.

/** Scores the labelled YAML files (`.yml`, `.yaml`) of a folder. */
const scoreYamlFiles = (dir: string) => scoreFolder(dir, (file) => /\.ya?ml$/.test(file));

describe('compose and yaml finders on labelled corpora', () => {
  const own = path.join(__dirname, '../corpus/yaml');

  it('hold precision >= 0.98 and recall >= 0.95 on test/corpus/yaml', () => {
    const s = scoreYamlFiles(own);
    assert.ok(s.files.length >= 8, s.files.join(', '));
    // Both finders are exercised, including a compose file known by content only (stack.yml).
    assert.ok(s.files.some((f) => f.endsWith('(compose)')), s.files.join(', '));
    assert.ok(s.files.includes('stack.yml (yaml)'), s.files.join(', '));
    assert.ok(s.tp > 150, `only ${s.tp} ports labelled and found`);
    assert.ok(s.tn > 200, `only ${s.tn} non-ports labelled`);
    assertTargets(s);
  });

  // The shared sample lives beside the project (never in it); where it is, hold the same targets.
  const shared = path.resolve(__dirname, '../../../shared/corpus');
  if (fs.existsSync(shared)) {
    it('hold precision >= 0.98 and recall >= 0.95 on the YAML files of ../shared/corpus', () => {
      const s = scoreYamlFiles(shared);
      for (const f of ['docker-compose.yml', 'compose.override.yml', 'pod.yaml', 'service.yaml', 'application.yaml']) {
        assert.ok(s.files.some((x) => x.startsWith(f + ' ')), `${f} not scored: ${s.files.join(', ')}`);
      }
      assertTargets(s);
    });
  }
});
