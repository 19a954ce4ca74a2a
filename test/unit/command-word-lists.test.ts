import assert from 'node:assert/strict';
import { COMMAND_TABLE, EVERY_COMMAND_LONG } from '../../server/src/service/scan/vocabulary/commandTable';
import { isPortFlag } from '../../server/src/service/scan/vocabulary/codeText';
import { NATIVE_COMMANDS } from '../../server/src/service/scan/formats/code/words';

// Word lists about commands outside the command table either come from it or name a part of it.

describe('command word lists and the command table', () => {
  it('a flag in code is a port flag when the command table reads its value as a port for every command', () => {
    for (const [flag, reading] of Object.entries(EVERY_COMMAND_LONG)) {
      assert.equal(isPortFlag(`--${flag}`), reading === 'port' || reading === 'published', `--${flag} (${reading})`);
    }
    // Names that say port need no row.
    assert.ok(isPortFlag('--metrics-port'));
    assert.ok(!isPortFlag('--report'));
  });

  it('the commands that make a line of code a shell command are commands of the table', () => {
    const names = new Set(COMMAND_TABLE.flatMap((r) => r.names));
    for (const c of NATIVE_COMMANDS) assert.ok(names.has(c), `${c} has no row in COMMAND_TABLE`);
  });
});
