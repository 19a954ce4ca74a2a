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
    // Settings the client reads itself (the language client reads `ianaPorts.trace.server`).
    const clientOnly = new Set(['ianaPorts.trace.server']);
    for (const k of keys) if (!clientOnly.has(k)) assert.deepEqual(declared[k].default, serverDefault(k.slice('ianaPorts.'.length)), `default of ${k}`);
  });

  it('declares one lint setting per rule, with every level and a scope', () => {
    for (const id of RULE_IDS) {
      const d = declared[`ianaPorts.lint.${id}`];
      assert.ok(d, `ianaPorts.lint.${id} declared`);
      assert.deepEqual(d.enum, ['ignore', 'hint', 'information', 'warning', 'error']);
      assert.equal(RULES[id].id, id);
    }
    // Settings a repository must not control are the user's alone: a repository's .vscode/settings.json
    // cannot set them. maxFileSize raises a bound; the registry URL decides what is downloaded, and is a
    // machine setting so that a remote machine (a container behind a proxy) may name its own mirror;
    // reading this machine may start processes.
    const userOnly = new Map([
      ['ianaPorts.maxFileSize', 'application'], ['ianaPorts.registry.url', 'machine'], ['ianaPorts.machine.enable', 'machine'], ['ianaPorts.trace.server', 'window'],
    ]);
    for (const [k, d] of Object.entries(declared)) {
      if (userOnly.has(k)) assert.equal(d.scope, userOnly.get(k), `${k} has scope ${userOnly.get(k)}`);
      else assert.ok(d.scope === 'resource' || d.scope === 'language-overridable', `${k} has a scope`);
    }
  });

  it('lets no repository turn on reading this machine, which may start processes', () => {
    assert.equal(declared['ianaPorts.machine.enable'].scope, 'machine');
    assert.equal(resolveSettings({ machine: { enable: 'on' } }).machine.enable, 'on');
    assert.equal(resolveSettings({ machine: { enable: 'always' } }).machine.enable, 'auto');
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

  it('maxFileSize is held at 16,000,000 whatever a client sends (a 200 MB Dockerfile took the server past 3.8 GB)', () => {
    assert.equal(resolveSettings({ maxFileSize: 200_000_000 }).maxFileSize, 16_000_000);
    assert.equal(resolveSettings({ maxFileSize: 1000 }).maxFileSize, 1000);
  });

  it('10,000 ignorePorts entries are parsed once and searched by halves (each check parsed all 10,000)', () => {
    const list: (number | string)[] = [];
    for (let i = 0; i < 10_000; i++) list.push(i % 2 ? `${20000 + i * 4}-${20000 + i * 4 + 1}` : 1000 + i);
    const s = resolveSettings({ ignorePorts: list });
    assert.ok(isIgnoredPort(s, 1000) && isIgnoredPort(s, 10998) && !isIgnoredPort(s, 1001));
    assert.ok(isIgnoredPort(s, 20004) && isIgnoredPort(s, 20005) && !isIgnoredPort(s, 20006));
    // Many checks, as one large file's findings make: answered from the compiled list.
    isIgnoredPort(s, 0);
    const exec = RegExp.prototype.exec;
    let calls = 0;
    RegExp.prototype.exec = function (this: RegExp, text: string) {
      calls++;
      return exec.call(this, text);
    };
    try {
      for (let p = 0; p < 2000; p++) isIgnoredPort(s, p);
    } finally {
      RegExp.prototype.exec = exec;
    }
    assert.equal(calls, 0, `${calls} strings parsed for 2,000 checks`);
  });
});
