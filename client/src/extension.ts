import * as vscode from 'vscode';

// The thin client: starts dist/server.js. (Skeleton.)
export function activate(_context: vscode.ExtensionContext): void {}
export function deactivate(): void {}
