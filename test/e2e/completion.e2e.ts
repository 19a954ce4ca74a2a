import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { labelOf, lineAfterAccepting, openFixture, poll, positionOf, revertActiveEditor } from './helpers';

// Completion that knows the image in front of the cursor, in a real VS Code: the editor sorts the
// server's items itself, so the order asserted here is the one a user sees.

/** The items in the order the suggest widget shows them for an empty word: by sortText, then label. */
function shownOrder(list: vscode.CompletionList): vscode.CompletionItem[] {
  return [...list.items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b)) || labelOf(a).localeCompare(labelOf(b)));
}

describe('completion from the image in front of the cursor', () => {
  it('proposes postgres:16\'s port as a mapping first in a new compose ports entry, and writes it when accepted', async () => {
    const editor = await openFixture('docker-compose.yml');
    try {
      const after = positionOf(editor.document, '"5432:5432"');
      const lineEnd = editor.document.lineAt(after.line).range.end;
      assert.ok(await editor.edit((b) => b.insert(lineEnd, '\n      - ')));
      const cursor = editor.document.lineAt(after.line + 1).range.end;
      const list = await poll(
        'completions proposing 5432:5432 for the db service (image postgres:16)',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, cursor),
        (l) => (l?.items ?? []).some((i) => labelOf(i) === '5432:5432'),
      );
      const first = shownOrder(list)[0];
      assert.equal(labelOf(first), '5432:5432');
      assert.equal(lineAfterAccepting(editor.document, cursor, first), '      - "5432:5432"');
      const last = shownOrder(list).at(-1);
      assert.match(typeof last?.label === 'string' ? '' : last?.label.description ?? '', /free port/, 'the free port stays last');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await revertActiveEditor();
    }
  });

  it('completes a software name to its port: kafka gives 9092', async () => {
    const editor = await openFixture('docker-compose.yml');
    try {
      const after = positionOf(editor.document, '"5432:5432"');
      const lineEnd = editor.document.lineAt(after.line).range.end;
      assert.ok(await editor.edit((b) => b.insert(lineEnd, '\n      - "kafka"')));
      const cursor = positionOf(editor.document, '- "kafka"', '- "kafka'.length, after.line + 1);
      const list = await poll(
        'a completion item 9092 for kafka',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, cursor),
        (l) => (l?.items ?? []).some((i) => labelOf(i) === '9092'),
      );
      const first = shownOrder(list)[0];
      assert.equal(labelOf(first), '9092');
      assert.match(first.detail ?? '', /Apache Kafka broker \(common practice; IANA: XmlIpcRegSvc\)/);
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await revertActiveEditor();
    }
  });

  it('proposes rabbitmq:3.13\'s port first for a new containerPort of that Kubernetes container', async () => {
    const editor = await openFixture('k8s/broker.yaml');
    try {
      const after = positionOf(editor.document, 'containerPort: 5672');
      const lineEnd = editor.document.lineAt(after.line).range.end;
      assert.ok(await editor.edit((b) => b.insert(lineEnd, '\n            - containerPort: ')));
      const cursor = editor.document.lineAt(after.line + 1).range.end;
      const list = await poll(
        'completions for a containerPort of the rabbitmq container',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, cursor),
        (l) => (l?.items ?? []).some((i) => labelOf(i) === '5672'),
      );
      const first = shownOrder(list)[0];
      assert.equal(labelOf(first), '5672');
      assert.equal(lineAfterAccepting(editor.document, cursor, first), '            - containerPort: 5672');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await revertActiveEditor();
    }
  });

  it('proposes the FROM image\'s port first after EXPOSE in a Dockerfile', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM redis:7-alpine\nEXPOSE ' });
    await vscode.window.showTextDocument(document);
    try {
      const cursor = document.lineAt(1).range.end;
      const list = await poll(
        'completions after EXPOSE under FROM redis',
        () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor),
        (l) => (l?.items ?? []).some((i) => labelOf(i) === '6379'),
      );
      assert.equal(labelOf(shownOrder(list)[0]), '6379');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
