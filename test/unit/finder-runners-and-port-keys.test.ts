import assert from 'node:assert/strict';
import { findPorts, type FormatId } from '../../server/src/service/scan';

/** The digit runs a finder reports as ports, in order. */
function ports(format: FormatId, text: string): string[] {
  return findPorts(format, text).filter((o) => o.kind === 'port').map((o) => text.slice(o.start, o.end));
}

describe('package managers run the project binary or script that gets the flags', () => {
  it('reads -p after pnpm/yarn/bun scripts and binaries, not a -p that is no port', () => {
    assert.deepEqual(ports('shell', 'pnpm next dev -p 3001\n'), ['3001']);
    assert.deepEqual(ports('shell', 'yarn dev -p 3002\n'), ['3002']);
    assert.deepEqual(ports('shell', 'pnpm dlx serve -p 3004\n'), ['3004']);
    assert.deepEqual(ports('shell', 'bun run dev --port 3005\n'), ['3005']);
    assert.deepEqual(ports('shell', 'pnpm exec tsc -p tsconfig.json\n'), []);
    assert.deepEqual(ports('shell', 'yarn workspaces foreach -p run build\npnpm install --frozen-lockfile --network-concurrency 16\n'), []);
    assert.deepEqual(ports('json', '{ "tasks": [ { "type": "shell", "command": "pnpm next dev -p 3001" } ] }\n'), ['3001']);
  });
});

describe('port keys that do not end in "port"', () => {
  it('reads VS Code debugServer and a port_forwards setting, not look-alikes', () => {
    const launch = '{ "configurations": [ { "request": "attach", "port": 9229, "debugServer": 4711, "timeout": 30000 } ] }\n';
    assert.deepEqual(ports('json', launch), ['9229', '4711']);
    assert.deepEqual(ports('keyvalue', '[dev]\nport_forwards = 8080\nforward = 3\nserver = 4\nrecord = 5\n'), ['8080']);
  });
});

describe('Tiltfile port_forwards', () => {
  it('reads a port given to port_forwards and to a port_forward() call, not other keyword arguments', () => {
    const tilt = "k8s_resource('web', port_forwards=8080, labels=['frontend'], trigger_mode=2)\nk8s_resource('db', port_forwards=port_forward(15432, 5432, name='psql'))\n";
    assert.ok(ports('code', tilt).includes('8080'));
    assert.ok(ports('code', tilt).includes('15432'));
    assert.ok(!ports('code', tilt).includes('2'));
  });
});
