import { DidChangeConfigurationNotification, TextDocuments, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PortLanguageService } from './service/languageService';
import { setLocale } from './service/l10n';
import type { Runtime } from './runtime';
import { WorkspaceFeature } from './workspace/attach';
import { LargeDocuments } from './workspace/openDocuments';
import { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST } from './protocol';
import { errorText } from './safeRequest';
import { ClientFeatures, serverCapabilities } from './serverParts/clientFeatures';
import { DiagnosticsPush } from './serverParts/diagnosticsPush';
import { DocumentChecks } from './serverParts/documentChecks';
import { DocumentRequests } from './serverParts/documentRequests';
import { attachMachinePorts } from './serverParts/machinePorts';
import { attachRegistryRequests } from './serverParts/registryRequests';
import { RegistrySource } from './serverParts/registrySource';
import { SettingsSource } from './serverParts/settingsSource';
import { Snapshots } from './serverParts/snapshots';
import { WarmUpSchedule } from './serverParts/warmUpSchedule';

/** Custom requests the client's commands use (their names are the protocol file's). */
export { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST };

/**
 * Wires the port language service to a connection: documents, settings per document, hover,
 * completion, code actions and diagnostics (pulled where the client supports it, pushed otherwise).
 * The entry files only create the connection, so tests can run this in-process. Each part is a unit
 * of its own under serverParts/; this function only puts them together.
 */
export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  const client = new ClientFeatures();
  const registry = new RegistrySource(connection, runtime);
  const settings = new SettingsSource(connection, client);
  const settingsFor = (uri: string) => settings.for(uri);
  const service = new PortLanguageService(() => registry.get(), (e) => connection.console.error(`IANA Ports: ${errorText(e)}`));
  // Large open documents are scanned and checked in the scan thread, so that they hold up no request.
  const large: LargeDocuments = new LargeDocuments(runtime.offThread, service, () => registry.file, (m) => connection.console.info(`IANA Ports: ${m}`), (uri): boolean => workspace.indexer.indexes(uri));
  const workspace = new WorkspaceFeature(connection, documents, service, settingsFor, () => registry.tryGet(), () => diagnostics.refresh(), runtime.scanOffThread, { walkFolders: runtime.walksFolders !== false, large });
  const snapshots = new Snapshots(documents);
  const checks = new DocumentChecks(service, workspace, large);
  const diagnostics: DiagnosticsPush = new DiagnosticsPush(connection, documents, client, settingsFor, snapshots, checks);
  const warmUp = new WarmUpSchedule(connection, () => registry.get(), diagnostics);
  attachMachinePorts(connection, runtime, service, workspace, diagnostics);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    client.read(params);
    runtime.initializationOptions?.(params.initializationOptions);
    // Hover cards and messages in the client's display language (VS Code sends it as `locale`).
    setLocale(params.locale);
    settings.initialize((params.initializationOptions as { settings?: unknown } | undefined)?.settings);
    const file = (params.initializationOptions as { registryFile?: unknown } | undefined)?.registryFile;
    if (typeof file === 'string' && file) registry.file = file;
    const workspaceCapabilities = workspace.initialize(params);
    // Load the registry once the answer is out, while the client reads it and sends `initialized` and
    // its first documents: start-up stays as fast as an empty server's, and the first document waits
    // less. The library writes the answer in an immediate queued after this handler returns, so two
    // turns are needed to come after it.
    setImmediate(() => setImmediate(() => {
      if (registry.loadOnce()) warmUp.start();
    }));
    return { capabilities: { ...serverCapabilities(client.pullDiagnostics), ...workspaceCapabilities }, serverInfo: { name: 'iana-ports', version: '0.1.0' } };
  });

  connection.onInitialized(() => {
    if (client.hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ianaPorts' }).catch(() => undefined);
    }
    workspace.initialized();
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    diagnostics.refresh();
    if (client.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
    workspace.configurationChanged();
  });

  new DocumentRequests({ snapshots, settings, service, workspace, client, checks }).attach(connection);
  attachRegistryRequests(connection, runtime, registry, () => {
    large.registryChanged();
    diagnostics.refresh();
    workspace.registryChanged();
  });

  documents.onDidOpen((e) => diagnostics.schedule(e.document));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    large.forget(e.document.uri);
    snapshots.forget(e.document.uri);
    settings.forget(e.document.uri);
    if (!client.pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}
