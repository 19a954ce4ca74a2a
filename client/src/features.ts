import * as vscode from 'vscode';
import type { BaseLanguageClient, DocumentSelector, LanguageClientOptions } from 'vscode-languageclient';
import { PortsView } from './portsView';
import { tableFilePatterns, tableLanguageIds } from '../../server/src/service/scan/table';
import { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST, type LookupCard, type LookupParams } from '../../server/src/protocol';

/** IANA's registry page filtered to one port or name (the same link the hover card ends with). */
const IANA_SEARCH_URL = 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=';

/**
 * What the Node entry (extension.ts) and the web worker entry (web.ts) share: the documents served,
 * the client options, and the commands and view that talk to the server by requests only.
 */

/** Language ids the server reads, and file patterns for files VS Code opens as plain text: the format table's. */
export const LANGUAGES = tableLanguageIds();
export const FILE_PATTERNS = tableFilePatterns();

/** The output channel both entries log to; the language client writes the server's log and trace there. */
let output: vscode.LogOutputChannel | undefined;
export function outputChannel(): vscode.LogOutputChannel {
  return (output ??= vscode.window.createOutputChannel('IANA Ports', { log: true }));
}

/** Client options for either entry; `initializationOptions` is the entry's own. */
export function clientOptions(initializationOptions: object): LanguageClientOptions {
  const extra = vscode.workspace.getConfiguration('ianaPorts').get<Record<string, string>>('files.associations') ?? {};
  const documentSelector: DocumentSelector = [
    ...LANGUAGES.map((language) => ({ language })),
    ...FILE_PATTERNS.map((pattern) => ({ pattern })),
    ...Object.keys(extra).map((pattern) => ({ pattern })),
  ];
  return {
    documentSelector,
    synchronize: { configurationSection: 'ianaPorts' },
    // The server's log and, with `ianaPorts.trace.server`, the protocol trace (the client reads
    // `<id>.trace.server` itself) go to one channel.
    outputChannel: outputChannel(),
    initializationOptions,
    // No errorHandler of our own: the default restarts a dead server up to 4 times in 3 minutes, which the
    // e2e recovery test (test/e2e/extension.e2e.ts) asserts.
  };
}

/** Registers the commands and the view that work the same wherever the server runs. */
export function registerFeatures(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ianaPorts.lookup', () => lookUp(client)),
    vscode.commands.registerCommand('ianaPorts.showRegistryInfo', () => showRegistryInfo(client)),
    vscode.commands.registerCommand('ianaPorts.addIgnoredPort', addIgnoredPort),
    vscode.commands.registerCommand('ianaPorts.showOutput', () => outputChannel().show(true)),
    // From a row of the Ports in Files view (its inline action) or with a port number.
    vscode.commands.registerCommand('ianaPorts.openRegistryEntry', (arg?: { port?: { port?: number } } | number) => {
      const port = typeof arg === 'number' ? arg : arg?.port?.port;
      if (typeof port !== 'number') return;
      void vscode.env.openExternal(vscode.Uri.parse(IANA_SEARCH_URL + port));
    }),
    vscode.workspace.registerTextDocumentContentProvider(CARD_SCHEME, cards),
  );
  new PortsView(vscode, client).register(context);
}

const CARD_SCHEME = 'iana-ports-card';

/** Serves the look-up card as a read-only markdown document shown in the preview. */
class CardProvider implements vscode.TextDocumentContentProvider {
  readonly texts = new Map<string, string>();
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }
}
const cards = new CardProvider();

async function lookUp(client: BaseLanguageClient): Promise<void> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { card: LookupCard }>();
  pick.placeholder = vscode.l10n.t('Port number, service name or description (e.g. 5432, postgres, kerberos)');
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  let seq = 0;
  pick.onDidChangeValue(async (value) => {
    const mine = ++seq;
    pick.busy = true;
    const found = await client.sendRequest<LookupCard[]>(LOOKUP_REQUEST, { query: value, limit: 200 } satisfies LookupParams);
    if (mine !== seq) return;
    pick.items = found.map((card) => ({ label: card.label, description: card.description, detail: card.detail, card, alwaysShow: true }));
    pick.busy = false;
  });
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0];
    pick.hide();
    if (!item) return;
    const path = `/${item.card.label.replace(/[^\w.-]/g, '_')}.md`;
    cards.texts.set(path, item.card.markdown);
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: CARD_SCHEME, path }));
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

/** Shows the registry's provenance and sources as a markdown preview the user can keep open beside the code. */
async function showRegistryInfo(client: BaseLanguageClient): Promise<void> {
  const info = await client.sendRequest<{ markdown: string }>(REGISTRY_INFO_REQUEST);
  const path = '/registry-information.md';
  cards.texts.set(path, info.markdown);
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.from({ scheme: CARD_SCHEME, path }));
}

async function addIgnoredPort(port: number, uri?: string): Promise<void> {
  const scope = uri ? vscode.Uri.parse(uri) : undefined;
  const config = vscode.workspace.getConfiguration('ianaPorts', scope);
  const current = config.get<(number | string)[]>('ignorePorts') ?? [];
  if (current.includes(port)) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('ignorePorts', [...current, port], target);
}
