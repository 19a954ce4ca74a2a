import {
  DocumentDiagnosticReportKind, LSPErrorCodes, MarkupKind, ResponseError,
  type CancellationToken, type CodeActionParams, type CompletionParams, type Connection, type DocumentDiagnosticParams,
  type DocumentLinkParams, type HoverParams, type InlayHintParams,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { doCodeActions } from '../service/codeActions';
import { doComplete } from '../service/completion';
import { doDocumentLinks } from '../service/documentLinks';
import { doInlayHints } from '../service/inlayHints';
import { DIAGNOSTIC_SOURCE, type PortLanguageService, type ScanWindow } from '../service/languageService';
import type { Settings } from '../service/settings';
import type { WorkspaceFeature } from '../workspace/attach';
import { spanAt, spanOf, StaleCheck } from '../workspace/openDocuments';
import { errorText, safeRequest } from '../safeRequest';
import type { ClientFeatures } from './clientFeatures';
import type { DocumentChecks } from './documentChecks';
import type { SettingsSource } from './settingsSource';
import type { Snapshots } from './snapshots';

/** Most diagnostics of one code-action request that get quick fixes, and most actions in one answer. */
const MAX_ACTION_DIAGNOSTICS = 100;
const MAX_CODE_ACTIONS = 200;

/** A request's document, frozen at the version the request was sent for, and its settings. */
interface Prepared {
  doc: TextDocument;
  settings: Settings;
}

/** What the requests on a document need. */
export interface DocumentRequestParts {
  snapshots: Snapshots;
  settings: SettingsSource;
  service: PortLanguageService;
  workspace: WorkspaceFeature;
  client: ClientFeatures;
  checks: DocumentChecks;
}

/** Hover, completion, code actions, inlay hints, links and pulled diagnostics, each answered safely (safeRequest). */
export class DocumentRequests {
  constructor(private readonly parts: DocumentRequestParts) {}

  attach(connection: Connection): void {
    const guarded = <T>(token: CancellationToken, fallback: T, f: () => Promise<T>): Promise<T | ResponseError<void>> =>
      safeRequest(token, fallback, f, (e) => connection.console.error(`IANA Ports: ${errorText(e)}`));
    connection.onHover((params, token) => guarded(token, null, () => this.hover(params)));
    connection.onCompletion((params, token) => guarded(token, null, () => this.completion(params)));
    connection.onCodeAction((params, token) => guarded(token, null, () => this.codeActions(params)));
    connection.languages.inlayHint.on((params, token) => guarded(token, null, () => this.inlayHints(params)));
    connection.onDocumentLinks((params, token) => guarded(token, null, () => this.links(params)));
    connection.languages.diagnostics.on((params, token) =>
      guarded(token, { kind: DocumentDiagnosticReportKind.Full, items: [] }, () => this.diagnostics(params)) as Promise<never>);
  }

  /**
   * The request's document and its settings, once a large document's occurrences have come from the
   * scan thread where `needsScan` says the answer reads them; undefined when the document is not open.
   */
  private async prepare(uri: string, needsScan: (settings: Settings) => boolean, span?: (doc: TextDocument) => ScanWindow): Promise<Prepared | undefined> {
    const doc = this.parts.snapshots.get(uri);
    if (!doc) return undefined;
    const settings = await this.parts.settings.for(doc.uri);
    const scanned = needsScan(settings) ? this.parts.checks.scanned(doc, settings, span?.(doc)) : undefined;
    if (scanned) await scanned;
    return { doc, settings };
  }

  private async hover(params: HoverParams) {
    const at = await this.prepare(params.textDocument.uri, always, (doc) => spanAt(doc, params.position));
    if (!at) return null;
    const hover = this.parts.service.doHover(at.doc, params.position, at.settings);
    if (!at.settings.hover.enable) return hover;
    // A Kubernetes port name (`targetPort: http`) first says which port it is; IANA's card on the name follows.
    const named = await this.parts.workspace.namedPortHover(at.doc, params.position);
    if (!named) return hover;
    const card = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    return { contents: { kind: MarkupKind.Markdown, value: card ? `${named}\n\n---\n\n${card}` : named }, range: hover?.range };
  }

  private async completion(params: CompletionParams) {
    const at = await this.prepare(params.textDocument.uri, always, (doc) => spanAt(doc, params.position));
    if (!at) return null;
    return doComplete(this.parts.service, at.doc, params.position, at.settings, { snippets: this.parts.client.snippets });
  }

  private async codeActions(params: CodeActionParams) {
    // A client sends the few diagnostics under the cursor; 100,000 of them made a 118 MB answer.
    const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics.slice(0, MAX_ACTION_DIAGNOSTICS) : [];
    // Quick fixes are for this server's diagnostics only: a large document without any is not fetched from the scan thread.
    const ours = diagnostics.some((d) => d?.source === DIAGNOSTIC_SOURCE);
    const at = await this.prepare(params.textDocument.uri, () => ours, (doc) => spanOf(doc, params.range));
    if (!at) return null;
    return doCodeActions(this.parts.service, at.doc, params.range, { ...params.context, diagnostics }, at.settings).slice(0, MAX_CODE_ACTIONS);
  }

  private async inlayHints(params: InlayHintParams) {
    const at = await this.prepare(params.textDocument.uri, (settings) => settings.inlayHints.enable, (doc) => spanOf(doc, params.range));
    if (!at) return null;
    return doInlayHints(this.parts.service, at.doc, params.range, at.settings);
  }

  private async links(params: DocumentLinkParams) {
    const at = await this.prepare(params.textDocument.uri, never);
    if (!at) return null;
    const { large } = this.parts.checks;
    if (large.applies(at.doc, at.settings)) {
      // Links are made in /etc/services-style files only: the check says the format, the scan is fetched for those.
      const r = await large.check(at.doc, at.settings).catch(() => undefined);
      if (r?.format !== 'services') return [];
      await large.ensureScan(at.doc, at.settings);
    }
    return doDocumentLinks(this.parts.service, at.doc, at.settings);
  }

  private async diagnostics(params: DocumentDiagnosticParams) {
    const at = await this.prepare(params.textDocument.uri, never);
    if (!at) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const { checks } = this.parts;
    if (!checks.offThread(at.doc, at.settings)) {
      // The answer is for the version asked about (the snapshot), even when an edit arrives between the turns.
      const items = await checks.hereInTurns(at.doc, at.settings, () => at.doc);
      return { kind: DocumentDiagnosticReportKind.Full, items: items ?? [] };
    }
    try {
      return { kind: DocumentDiagnosticReportKind.Full, items: await checks.inThread(at.doc, at.settings) };
    } catch (e) {
      // A newer version replaced this one before its check: the client asks again for that one.
      if (e instanceof StaleCheck) return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
      throw e;
    }
  }
}

const always = (): boolean => true;
const never = (): boolean => false;
