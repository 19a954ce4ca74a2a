// A file that exists nowhere but in the editor (untitled:), as in vscode.dev and github.dev before saving:
// hover, completion, diagnostics and quick fixes must work on its text alone. Runs in both extension hosts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, hoversAt, hoverText, labelOf, poll, positionOf } from './helpers';

const COMPOSE = 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n      - "61000:8080"\n      - "postg"\n';

describe('an untitled compose file', () => {
  let document: vscode.TextDocument;
  before(async () => {
    document = await vscode.workspace.openTextDocument({ language: 'dockercompose', content: COMPOSE });
    await vscode.window.showTextDocument(document);
    assert.equal(document.uri.scheme, 'untitled');
  });
  after(async () => {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hovers 5432 with postgresql', async () => {
    const at = positionOf(document, '"5432:5432"', 2);
    const hovers = await poll('a hover naming postgresql', () => hoversAt(document.uri, at), (h) => /postgresql/i.test(hoverText(h)));
    assert.match(hoverText(hovers), /5432/);
  });

  it('completes "postg" with 5432', async () => {
    const at = positionOf(document, '"postg"', '"postg'.length);
    const list = await poll('a completion item 5432',
      () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at),
      (l) => (l?.items ?? []).some((i) => labelOf(i) === '5432'));
    assert.ok(list.items.length > 0);
  });

  it('warns about 61000 and offers a quick fix for it', async () => {
    const at = positionOf(document, '"61000:8080"', 2);
    const diagnostics = await poll('a dynamicRange warning on 61000', () => vscode.languages.getDiagnostics(document.uri),
      (ds) => ds.some((d) => codeOf(d) === 'dynamicRange' && d.range.contains(at)));
    const warning = diagnostics.find((d) => codeOf(d) === 'dynamicRange');
    assert.ok(warning);
    const actions = await poll('a quick fix for the warning',
      () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, warning.range, vscode.CodeActionKind.QuickFix.value),
      (list) => (list ?? []).some((a) => a.kind?.value === 'quickfix' && /61000/.test(a.title)));
    assert.ok(actions.length > 0);
  });
});
