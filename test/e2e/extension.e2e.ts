// The extension as a user meets it: installed in a real VS Code, opened on a folder of everyday config files.
// Every assertion goes through the VS Code API, so it checks the client, the server and their wiring together.
import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import * as vscode from 'vscode';
import type { LanguageClient, State } from 'vscode-languageclient/node';
import {
  DEADLINE_MS,
  EXTENSION_ID,
  STARTUP_DEADLINE_MS,
  codeOf,
  hoverText,
  hoversAt,
  labelOf,
  lineAfterAccepting,
  nextEvent,
  openFixture,
  poll,
  positionOf,
  replaceInEditor,
  revertActiveEditor,
} from './helpers';

/** Hovers until one names `expected`; the first requests may come before the server has the document. */
async function hoverNaming(file: string, needle: string, port: string, expected: string): Promise<string> {
  const editor = await openFixture(file);
  const position = positionOf(editor.document, needle, needle.indexOf(port) + 1);
  const word = new RegExp(`\\b${expected}\\b`, 'i');
  const hovers = await poll(
    `a hover on ${port} in ${file} naming ${expected}`,
    () => hoversAt(editor.document.uri, position),
    (h) => word.test(hoverText(h)),
  );
  return hoverText(hovers);
}

describe('IANA Ports in a real VS Code', () => {
  describe('activation', () => {
    it('starts when a served document opens, and hands back a running language client', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed`);
      // Activation is tied to the documents it serves. (Whether it is active already cannot be asserted: VS Code
      // creates plaintext models of its own at start-up, which fires onLanguage:plaintext, needed for nginx.conf.)
      const events: string[] = extension.packageJSON.activationEvents ?? [];
      assert.ok(!events.includes('*') && !events.includes('onStartupFinished'), `activation events: ${events.join(', ')}`);

      const editor = await openFixture('docker-compose.yml');
      assert.equal(editor.document.languageId, 'dockercompose');
      await poll('the extension to activate', () => extension.isActive, (active) => active, STARTUP_DEADLINE_MS);

      // activate() returns the LanguageClient after client.start() resolved.
      const client = (await extension.activate()) as { isRunning?: () => boolean; sendRequest?: unknown } | undefined;
      assert.ok(client && typeof client.sendRequest === 'function', 'activate() returns the language client');
      if (typeof client.isRunning === 'function') assert.equal(client.isRunning(), true, 'the language client is running');
      // The server has the document once it answers for it; later tests then need only the short deadline.
      const port = positionOf(editor.document, '"5432:5432"', 2);
      await poll('a first hover from the server', () => hoversAt(editor.document.uri, port), (h) => h.length > 0, STARTUP_DEADLINE_MS);
    });

    it('contributes the look-up and registry-information commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      assert.ok(commands.includes('ianaPorts.lookup'), 'ianaPorts.lookup is registered');
      assert.ok(commands.includes('ianaPorts.showRegistryInfo'), 'ianaPorts.showRegistryInfo is registered');
    });
  });

  describe('hover', () => {
    it('names the registered service of a published compose port', async () => {
      const text = await hoverNaming('docker-compose.yml', '"5432:5432"', '5432', 'postgresql');
      assert.match(text, /5432/, 'the card states the port it describes');
    });

    it('shows tarantool on 3301 together with its unauthorized-use report', async () => {
      const text = await hoverNaming('docker-compose.yml', '"3301:3301"', '3301', 'tarantool');
      assert.match(text, /unauthori[sz]ed/i);
    });

    it('stays silent on an image tag that looks like a number', async () => {
      // Wait until the server answers for this document at all, so that silence below is its decision.
      await hoverNaming('docker-compose.yml', '"5432:5432"', '5432', 'postgresql');
      const editor = await openFixture('docker-compose.yml');
      const tag = positionOf(editor.document, 'image: postgres:16', 'image: postgres:1'.length);
      assert.equal(hoverText(await hoversAt(editor.document.uri, tag)), '', 'no hover on the tag of postgres:16');
    });

    const elsewhere: Array<[file: string, needle: string, port: string, service: string]> = [
      ['Dockerfile', 'EXPOSE 8080/tcp 11211', '11211', 'memcache'],
      ['.env', 'REDIS_URL=redis://cache:6379/0', '6379', 'redis'],
      ['nginx.conf', 'listen 443 ssl', '443', 'https'],
      ['k8s/broker.yaml', 'containerPort: 5672', '5672', 'amqp'],
      ['app.ts', "'redis://localhost:6379'", '6379', 'redis'],
    ];
    for (const [file, needle, port, service] of elsewhere) {
      it(`works in ${file} too (${port} is ${service})`, async () => {
        await hoverNaming(file, needle, port, service);
      });
    }
  });

  describe('completion', () => {
    it('offers 5432 for "postg" typed in a compose ports entry, and accepting it writes the number', async () => {
      const editor = await openFixture('docker-compose.yml');
      try {
        const after = positionOf(editor.document, '"5432:5432"');
        const lineEnd = editor.document.lineAt(after.line).range.end;
        // What the editor holds after typing `- "postg` on a new line: the closing quote is auto-inserted.
        assert.ok(await editor.edit((b) => b.insert(lineEnd, '\n      - "postg"')));
        const cursor = positionOf(editor.document, '- "postg"', '- "postg'.length, after.line + 1);

        const list = await poll(
          'a completion item that turns "postg" into 5432',
          () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, cursor),
          (l) => (l?.items ?? []).some((item) => /"5432"/.test(lineAfterAccepting(editor.document, cursor, item))),
        );
        const item = list.items.find((i) => /"5432"/.test(lineAfterAccepting(editor.document, cursor, i)));
        assert.ok(item);
        assert.equal(lineAfterAccepting(editor.document, cursor, item), '      - "5432"');
        const shown = [labelOf(item), typeof item.label === 'string' ? '' : item.label.description ?? '', item.detail ?? '',
          typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? ''].join(' ');
        assert.match(shown, /postgresql/i, 'the item names the service it stands for');
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await revertActiveEditor();
      }
    });
  });

  describe('diagnostics', () => {
    it('warns with code dynamicRange on a fixed port in 49152-65535, and only there', async () => {
      const editor = await openFixture('docker-compose.yml');
      const port = positionOf(editor.document, '"61000:61000"', 1);
      const diagnostics = await poll(
        'a dynamicRange diagnostic on 61000',
        () => vscode.languages.getDiagnostics(editor.document.uri),
        (ds) => ds.some((d) => codeOf(d) === 'dynamicRange' && d.range.contains(port)),
      );
      const dynamic = diagnostics.filter((d) => codeOf(d) === 'dynamicRange');
      assert.ok(dynamic.every((d) => d.range.start.line === port.line), 'no other line of the file is in the dynamic range');
      assert.ok(dynamic.every((d) => d.severity === vscode.DiagnosticSeverity.Warning), 'dynamicRange is a warning by default');
      const postgres = positionOf(editor.document, '"5432:5432"', 1);
      assert.ok(!diagnostics.some((d) => d.range.contains(postgres) && d.severity <= vscode.DiagnosticSeverity.Warning),
        'no warning or error on a sound mapping such as 5432:5432');
    });

    it('follows edits: the warning goes when the port is fixed and comes back when the edit is undone', async () => {
      const editor = await openFixture('docker-compose.yml');
      const uri = editor.document.uri;
      const isDynamic = (d: vscode.Diagnostic) => codeOf(d) === 'dynamicRange';
      await poll('the dynamicRange warning', () => vscode.languages.getDiagnostics(uri), (ds) => ds.some(isDynamic));
      try {
        await replaceInEditor(editor, '"61000:61000"', '"8081:8081"');
        await poll('the warning to go after the edit', () => vscode.languages.getDiagnostics(uri), (ds) => !ds.some(isDynamic));
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await revertActiveEditor();
      }
      await poll('the warning to come back after the revert', () => vscode.languages.getDiagnostics(uri), (ds) => ds.some(isDynamic));
    });
  });

  // Last, because it takes the server down: whatever ran before must not depend on the restart.
  // Only the Node extension host starts the server as a process; the web suite (test/e2e/web/index.ts)
  // leaves this block out by setting __ianaPortsE2eWebHost.
  if (!(globalThis as { __ianaPortsE2eWebHost?: boolean }).__ianaPortsE2eWebHost) describe('recovery', () => {
    // vscode-languageclient's State values; the type-only import keeps a second copy of the library out of the
    // test bundle. The test checks RUNNING against isRunning() before relying on it.
    const RUNNING = 2 as State.Running;
    const STARTING = 3 as State.Starting;

    it('restarts the language server when its process is killed, and hover and diagnostics work again', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const client = (await extension.activate()) as LanguageClient;
      assert.ok(client.isRunning() && client.state === RUNNING, 'the language client is running before the kill');
      const editor = await openFixture('docker-compose.yml');
      await hoverNaming('docker-compose.yml', '"5432:5432"', '5432', 'postgresql');

      const server = client.serverProcess;
      const oldPid = server?.pid;
      assert.ok(server && oldPid !== undefined, 'the client knows its server process');
      // Subscribe before the kill, so that neither the exit nor the new Running state can be missed.
      const states: State[] = [];
      const watch = client.onDidChangeState((e) => states.push(e.newState));
      const exited = once(server, 'exit', { signal: AbortSignal.timeout(DEADLINE_MS) }).catch(() =>
        assert.fail(`server process ${oldPid} did not exit within ${DEADLINE_MS} ms of SIGKILL`));
      const restarted = nextEvent(
        'the client to be Running again with a new server process',
        client.onDidChangeState,
        (e) => e.newState === RUNNING && client.serverProcess?.pid !== undefined && client.serverProcess.pid !== oldPid,
        STARTUP_DEADLINE_MS,
      );
      const killedAt = Date.now();
      try {
        // The pid of this client's own child, never a name pattern: other servers on the machine are not ours.
        process.kill(oldPid, 'SIGKILL');
        const [[, signal]] = await Promise.all([exited, restarted]).catch((e: Error) =>
          assert.fail(`${e.message} (client states seen: ${states.join(', ') || 'none'}; 1 Stopped, 2 Running, 3 Starting)`));
        assert.equal(signal, 'SIGKILL', 'the server died of the kill');
      } finally {
        watch.dispose();
      }
      const newPid = client.serverProcess?.pid;
      console.log(`language server restarted: pid ${oldPid} -> ${newPid} in ${Date.now() - killedAt} ms; states ${states.join(' ')}`);
      assert.ok(states.indexOf(STARTING) >= 0 && states.indexOf(STARTING) < states.lastIndexOf(RUNNING),
        `the client went through Starting to Running (states seen: ${states.join(', ')})`);
      assert.ok(newPid !== undefined && newPid !== oldPid);
      assert.doesNotThrow(() => process.kill(newPid, 0), 'the new server process is alive');

      // Each hover is a new request, so an answer now comes from the new server.
      const text = await hoverNaming('docker-compose.yml', '"5432:5432"', '5432', 'postgresql');
      assert.match(text, /5432/);
      // A warning about a port that is only in the edited text can come from nowhere but the live server.
      const mentions62001 = (d: vscode.Diagnostic) => codeOf(d) === 'dynamicRange' && /62001/.test(d.message);
      try {
        await replaceInEditor(editor, '"61000:61000"', '"62001:62001"');
        await poll('a dynamicRange warning naming 62001 from the restarted server',
          () => vscode.languages.getDiagnostics(editor.document.uri), (ds) => ds.some(mentions62001));
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await revertActiveEditor();
      }
    });
  });
});
