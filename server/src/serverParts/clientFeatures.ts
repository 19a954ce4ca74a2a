import { CodeActionKind, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver';

/** What the client said it can do at initialize. */
export class ClientFeatures {
  /** Whether the client answers `workspace/configuration` (settings per document). */
  hasConfiguration = false;
  /** Whether the client pulls diagnostics; otherwise they are pushed. */
  pullDiagnostics = false;
  inlayHintRefresh = false;
  /** Whether the client inserts snippets (the shapes of a compose port mapping are offered as snippets). */
  snippets = false;

  read(params: InitializeParams): void {
    const caps = params.capabilities;
    this.hasConfiguration = !!caps.workspace?.configuration;
    this.pullDiagnostics = !!caps.textDocument?.diagnostic;
    this.snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    this.inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
  }
}

/** What the server offers, besides the workspace feature's own capabilities. */
export function serverCapabilities(pullDiagnostics: boolean): InitializeResult['capabilities'] {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    hoverProvider: true,
    inlayHintProvider: true,
    documentLinkProvider: { resolveProvider: false },
    completionProvider: { triggerCharacters: [':', '"', "'", ' ', '='], resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
  };
}
