import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { HEAP_FLAG_DEFAULTS, HEAP_FLAGS } from '../../server/src/heapFlags';
import { nodeRuntime } from '../../server/src/runtime';

// The server keeps V8's young generation small by flags set at run time (an editor starts it as plain
// `node dist/server.js`). A Node.js upgrade could rename a flag or stop reading it after start-up;
// then the server's memory after opening large files would grow again without any error.

describe('runtime heap flags', () => {
  it('every flag is known to this Node.js', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    for (const flag of HEAP_FLAGS) {
      const name = flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
      assert.ok(options.includes(`--${name}`), `${name} missing from node --v8-options`);
    }
    assert.equal(typeof nodeRuntime().tuneHeap, 'function');
  });

  it('HEAP_FLAG_DEFAULTS are V8\'s own values of the same flags (the warm code cache is made under them)', () => {
    const options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;
    const name = (flag: string): string => flag.replace(/^--(no-)?/, '').replace(/=.*$/, '');
    assert.deepEqual(HEAP_FLAG_DEFAULTS.map(name), HEAP_FLAGS.map(name));
    for (const flag of HEAP_FLAG_DEFAULTS) assert.ok(options.includes(`default: ${flag}\n`), `${flag} is not the default in node --v8-options`);
  });

  it('set after start-up, they keep the young generation from growing during an allocation burst', () => {
    const burst = (flags: string[]): number => {
      const script = `
        const v8 = require('node:v8');
        for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);
        const keep = [];
        for (let i = 0; i < 2e6; i++) { const o = { i, s: 'x' + i }; if (i % 8 === 0) keep.push(o); }
        const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
        process.stdout.write(String(space.space_size));`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      return Number(r.stdout);
    };
    const MB = 2 ** 20;
    assert.ok(burst([]) >= 16 * MB, 'without the flags the young generation grows (the test would prove nothing)');
    assert.ok(burst(HEAP_FLAGS) <= 4 * MB);
  });
});
