// The hover card and Show Registry Information as a user meets them in a real VS Code: what runs on a port
// leads where IANA's name misleads, every card says what data is from when, and the registry's provenance
// opens as a document beside the code instead of a modal dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { hoverText, hoversAt, openFixture, poll, positionOf, STARTUP_DEADLINE_MS } from './helpers';

const PROVENANCE = /IANA names as of \d{4}-\d{2}; details as of \d{4}-\d{2}/;

describe('hover cards and registry provenance', () => {
  it('leads with common practice on 8080 (IANA: http-alt), and with IANA on 5432 where the name says it', async () => {
    const editor = await openFixture('docker-compose.yml');
    const at = positionOf(editor.document, '"127.0.0.1:8080:8080"', 12);
    const card = hoverText(await poll('a hover on 8080 naming http-alt', () => hoversAt(editor.document.uri, at), (h) => /http-alt/.test(hoverText(h)), STARTUP_DEADLINE_MS));
    assert.match(card, /\*\*Common practice\*\* \(not IANA\): Jenkins, Tomcat, Spring Boot/);
    assert.ok(card.indexOf('Common practice') < card.indexOf('http-alt'), card);
    assert.match(card, PROVENANCE);
    const pg = hoverText(await hoversAt(editor.document.uri, positionOf(editor.document, '"5432:5432"', 2)));
    assert.ok(pg.indexOf('postgresql') >= 0 && pg.indexOf('postgresql') < pg.indexOf('Common practice'), pg);
  });

  it('Show Registry Information opens a markdown document that says what is from when', async () => {
    await vscode.commands.executeCommand('ianaPorts.showRegistryInfo');
    const doc = await poll(
      'the registry information document',
      () => vscode.workspace.textDocuments.find((d) => d.uri.path === '/registry-information.md'),
      (d) => d !== undefined,
    );
    assert.match(doc!.getText(), /^# IANA Ports registry/);
    assert.match(doc!.getText(), PROVENANCE);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
