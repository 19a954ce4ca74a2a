import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { FormatId } from '../../server/src/service/scan';
import { assertTargets, scoreFolder } from '../helpers/score';

// The config finders measured on labelled files the way the LSP probe measures the server: every
// digit run is a port or not, and a run counts as recognised when an occurrence covers its first
// character. Targets: precision >= 0.98 and recall >= 0.95.

const CONFIG_FORMATS = new Set<FormatId>(['dockerfile', 'dotenv', 'keyvalue', 'toml', 'nginx', 'haproxy', 'caddy', 'ssh', 'systemd', 'terraform', 'services']);

/** Scores the labelled files of a folder that are detected as config formats. */
const scoreConfigFiles = (dir: string) => scoreFolder(dir, (_f, format) => !!format && CONFIG_FORMATS.has(format));

describe('config finders on labelled corpora', () => {
  it('hold precision >= 0.98 and recall >= 0.95 on test/corpus/config', () => {
    const s = scoreConfigFiles(path.join(__dirname, '../corpus/config'));
    // Every labelled file there is a config format, and every format has a file.
    assert.ok(s.files.length >= 12, s.files.join(', '));
    const formats = new Set(s.files.map((f) => /\((\w+)\)$/.exec(f)![1]));
    for (const f of CONFIG_FORMATS) assert.ok(formats.has(f), `no labelled ${f} file`);
    assert.ok(s.tp > 250, `only ${s.tp} ports labelled and found`);
    assertTargets(s);
  });

  // The shared sample lives beside the project (never in it); where it is, hold the same targets.
  const shared = path.resolve(__dirname, '../../../shared/corpus');
  if (fs.existsSync(shared)) {
    it('hold precision >= 0.98 and recall >= 0.95 on the config files of ../shared/corpus', () => {
      const s = scoreConfigFiles(shared);
      for (const f of ['Dockerfile', 'default.conf', 'ssh_config']) assert.ok(s.files.some((x) => x.startsWith(f + ' ')), `${f} not scored`);
      assertTargets(s);
    });
  }
});
