import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, RULE_IDS, isIgnoredPort, resolveSettings } from '../../server/src/service/settings';
import { RULES } from '../../server/src/service/rules';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
const declared: Record<string, { default: unknown; scope?: string; enum?: string[] }> = pkg.contributes.configuration.properties;

/** Reads a dotted path such as `lint.outOfRange` from the server's defaults. */
function serverDefault(key: string): unknown {
  return key.split('.').reduce<any>((o, k) => (o === undefined ? undefined : o[k]), DEFAULT_SETTINGS);
}

describe('settings', () => {
  it('declares in package.json exactly the defaults the server uses', () => {
    const keys = Object.keys(declared);
    assert.ok(keys.length >= 15);
    for (const k of keys) assert.deepEqual(declared[k].default, serverDefault(k.slice('ianaPorts.'.length)), `default of ${k}`);
  });

  it('declares one lint setting per rule, with every level and a scope', () => {
    for (const id of RULE_IDS) {
      const d = declared[`ianaPorts.lint.${id}`];
      assert.ok(d, `ianaPorts.lint.${id} declared`);
      assert.deepEqual(d.enum, ['ignore', 'hint', 'information', 'warning', 'error']);
      assert.equal(RULES[id].id, id);
    }
    for (const [k, d] of Object.entries(declared)) assert.ok(d.scope === 'resource' || d.scope === 'language-overridable', `${k} has a scope`);
  });

  it('falls back to defaults for missing or malformed values', () => {
    const s = resolveSettings({ lint: { dynamicRange: 'loud', outOfRange: 'hint' }, ephemeralRange: 42, ignorePorts: [8080, '9000-9010', {}], hover: { enable: 'no' } });
    assert.equal(s.lint.dynamicRange, 'warning');
    assert.equal(s.lint.outOfRange, 'hint');
    assert.equal(s.ephemeralRange, 'linux');
    assert.equal(s.hover.enable, true);
    assert.ok(isIgnoredPort(s, 8080) && isIgnoredPort(s, 9005) && !isIgnoredPort(s, 9011));
    assert.deepEqual(resolveSettings(null), DEFAULT_SETTINGS);
  });
});
