import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { clientOptions, outputChannel, registerFeatures } from './features';

// The web worker entry (package.json `browser`): vscode.dev, github.dev and any browser window whose
// extension host is a web worker. The language server runs in a web worker of its own
// (dist/web/server.js); it cannot read files, so the bundled registry is read here and handed over.

let client: LanguageClient | undefined;

// The project compiles without the DOM library; this is the part of the browser's Worker used here.
type Worker = object;
declare const Worker: new (url: string, options?: { name?: string }) => Worker;

export async function activate(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const registry = await readExtensionFile(context, 'data/registry.json');
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js');
  client = new LanguageClient('ianaPorts', 'IANA Ports', () => connectWorker(serverMain), clientOptions({ bundledRegistry: registry }));
  registerFeatures(context, client);
  // Downloading IANA's registry needs Node's network stack and a storage folder on disk.
  const unavailable = () => void vscode.window.showInformationMessage(
    vscode.l10n.t('IANA Ports: updating the registry is not available in the browser; the bundled registry is used.'));
  context.subscriptions.push(
    vscode.commands.registerCommand('ianaPorts.updateRegistry', unavailable),
    vscode.commands.registerCommand('ianaPorts.revertRegistry', unavailable),
  );
  await client.start();
  return client;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * The transports to a new server worker. Returned as transports, not as the Worker: VS Code's web worker
 * host replaces the global Worker with a function of its own, so the library's `instanceof Worker` fails.
 */
async function connectWorker(serverMain: vscode.Uri): Promise<MessageTransports> {
  const worker = (await startWorker(serverMain)) as ConstructorParameters<typeof BrowserMessageReader>[0];
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

/**
 * Starts the server's worker. Where the extension is served over https (vscode.dev) the script's URL
 * works as it is. VS Code refuses to start a worker from a `vscode-remote:` URL (an extension served
 * by a VS Code server, as code-server does), so there the script is read through VS Code's file
 * system and started from a blob URL: still a worker of its own, off the extension host's thread.
 */
async function startWorker(serverMain: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(serverMain.toString(true), { name: 'IANA Ports language server' });
  } catch (e) {
    outputChannel().info(`Starting the server from ${serverMain.toString(true)} failed (${String(e)}); starting it from its text.`);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(serverMain));
    const url = URL.createObjectURL(new Blob([text], { type: 'application/javascript' }));
    return new Worker(url, { name: 'IANA Ports language server' });
  }
}

/** Reads one of the extension's own files: through VS Code's file system, or by fetch where no provider serves its scheme. */
async function readExtensionFile(context: vscode.ExtensionContext, relative: string): Promise<string> {
  const uri = vscode.Uri.joinPath(context.extensionUri, relative);
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    const res = await fetch(uri.toString(true));
    if (!res.ok) throw new Error(`cannot read ${uri.toString(true)}: HTTP ${res.status}`);
    return res.text();
  }
}
