import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, registerFeatures } from './features';
import { registerRegistryCommands, storedRegistryFile } from './registry';

// The Node entry (package.json `main`): the desktop, and remote windows (SSH, WSL, containers,
// Codespaces, code-server), where the extension runs beside the workspace and the server is a Node process.

export { FILE_PATTERNS, LANGUAGES } from './features';

let client: LanguageClient | undefined;

/** Starts the language server and registers the commands; returns the client once it is running. */
export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // A registry downloaded by "Update Registry from IANA" is used from the start.
  const options = clientOptions({ registryFile: storedRegistryFile(context.globalStorageUri.fsPath) });
  client = new LanguageClient('ianaPorts', 'IANA Ports', serverOptions, options);
  registerFeatures(context, client);
  registerRegistryCommands(vscode, context, client);
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
