import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** The extension's identifier, `publisher.name` from package.json. */
export const EXTENSION_ID = 'iana-ports.iana-ports';

/**
 * How long one condition may take once the extension is up. Short enough that a suite whose every hover is
 * broken still ends in a few minutes; start-up itself gets the longer STARTUP_DEADLINE_MS.
 */
export const DEADLINE_MS = 15_000;
/** How long activation and the language server's start may take. */
export const STARTUP_DEADLINE_MS = 60_000;

/**
 * Calls `probe` every 100 ms until `accept` holds for its result, and returns that result.
 * Fails after `timeoutMs` with the last value seen, so a failure says what VS Code answered instead.
 */
export async function poll<T>(
  what: string,
  probe: () => T | Thenable<T>,
  accept: (value: T) => boolean,
  timeoutMs = DEADLINE_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError !== undefined ? `error ${String(lastError)}` : describe(last);
      assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Resolves with the first value `event` fires for which `accept` holds; fails after `timeoutMs`, saying `what`.
 * Subscribe before causing the event, so that one fired at once is not missed.
 */
export function nextEvent<T>(what: string, event: vscode.Event<T>, accept: (value: T) => boolean, timeoutMs = DEADLINE_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new assert.AssertionError({ message: `timed out after ${timeoutMs} ms waiting for ${what}` }));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

function describe(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value);
  } catch {
    s = String(value);
  }
  return s === undefined ? 'undefined' : s.length > 1500 ? s.slice(0, 1500) + '...' : s;
}

/** The fixture workspace VS Code was opened on (a fresh copy of test/e2e/workspace). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'VS Code must be opened on the fixture workspace');
  return folder.uri;
}

/** Opens a fixture file in an editor and returns that editor. */
export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The position `offset` characters into the first occurrence of `needle` at or after `fromLine`. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0, fromLine = 0): vscode.Position {
  for (let line = fromLine; line < document.lineCount; line++) {
    const column = document.lineAt(line).text.indexOf(needle);
    if (column >= 0) return new vscode.Position(line, column + offset);
  }
  assert.fail(`"${needle}" not found in ${document.uri.path}`);
}

/** All text of a hover result, markdown sources joined. */
export function hoverText(hovers: readonly vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const hover of hovers ?? []) {
    for (const content of hover.contents) {
      parts.push(typeof content === 'string' ? content : content.value);
    }
  }
  return parts.join('\n');
}

/** Runs VS Code's hover command at a position, the way the editor asks every hover provider. */
export async function hoversAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  return (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
}

/** The text of a completion item's label. */
export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/**
 * The line as it reads after accepting `item` at `position`, the way the editor applies it:
 * the item's replace range (or the word before the cursor) is replaced by its insert text (or label).
 */
export function lineAfterAccepting(document: vscode.TextDocument, position: vscode.Position, item: vscode.CompletionItem): string {
  let range: vscode.Range | undefined;
  if (item.range instanceof vscode.Range) range = item.range;
  else if (item.range) range = item.range.replacing;
  range ??= document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
  const insert = item.insertText ?? labelOf(item);
  // Snippet placeholders such as ${1:x} are shown as their default text; none is expected for a port.
  const text = typeof insert === 'string' ? insert : insert.value.replace(/\$\{\d+:([^}]*)\}|\$\d+/g, '$1');
  assert.equal(range.start.line, position.line, 'a port completion edits only the current line');
  const line = document.lineAt(position.line).text;
  return line.slice(0, range.start.character) + text + line.slice(range.end.character);
}

/** A diagnostic's code as a plain string (VS Code allows a string, a number or `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '';
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** Replaces the first occurrence of `from` in the editor's document with `to` (not saved). */
export async function replaceInEditor(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const start = positionOf(editor.document, from);
  const ok = await editor.edit((b) => b.replace(new vscode.Range(start, start.translate(0, from.length)), to));
  assert.ok(ok, `editing ${editor.document.uri.path} failed`);
}

/** Throws away unsaved changes of the active editor, so later tests see the fixture as written. */
export async function revertActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
