// Checks that only make sense in VS Code's web worker extension host (vscode.dev, github.dev).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../helpers';

describe('the web worker extension host', () => {
  it('runs the extension from its browser entry, in a worker without Node', async () => {
    const g = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
    assert.equal(typeof g.importScripts, 'function', 'the tests run in a web worker');
    assert.equal(g.process?.versions?.node, undefined, 'no Node runtime');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.packageJSON.browser, './dist/web/client.js');
    const client = (await extension.activate()) as { isRunning(): boolean; serverProcess?: unknown };
    assert.ok(client.isRunning(), 'the language client is running');
    // The browser client has no server process: its server is a web worker.
    assert.equal(client.serverProcess, undefined);
  });

  it('registers the registry commands there too (they explain that downloading needs a Node host)', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('ianaPorts.updateRegistry') && commands.includes('ianaPorts.revertRegistry'));
  });
});
