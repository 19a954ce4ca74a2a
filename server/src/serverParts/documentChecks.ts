import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeRan } from '../codeWarm';
import { t } from '../service/l10n';
import type { PortLanguageService, ScanWindow } from '../service/languageService';
import type { Settings } from '../service/settings';
import type { WorkspaceFeature } from '../workspace/attach';
import type { LargeDocuments } from '../workspace/openDocuments';

/**
 * A document's diagnostics, its own and its cross-file ones: checked here, or in the scan thread for a
 * large document, so that it holds up no request.
 */
export class DocumentChecks {
  constructor(
    private readonly service: PortLanguageService,
    private readonly workspace: WorkspaceFeature,
    readonly large: LargeDocuments,
  ) {}

  /** Whether the document is checked, and its occurrences found, in the scan thread. */
  offThread(doc: TextDocument, settings: Settings): boolean {
    return this.large.applies(doc, settings);
  }

  /** A document's diagnostics checked here. */
  here(doc: TextDocument, settings: Settings): Diagnostic[] {
    codeRan();
    return capDiagnostics([...this.service.doValidation(doc, settings), ...this.workspace.diagnosticsFor(doc, settings)]);
  }

  /** A large document's diagnostics, its own from the scan thread and its cross-file ones, for this version. */
  async inThread(doc: TextDocument, settings: Settings): Promise<Diagnostic[]> {
    const r = await this.large.check(doc, settings);
    this.workspace.adoptCheck(doc, r);
    return capDiagnostics([...r.diagnostics, ...this.workspace.diagnosticsFor(doc, settings)], r.total - r.diagnostics.length);
  }

  /**
   * Where a large document's occurrences come from the scan thread: the promise to wait for, else
   * undefined. `span` is what the request reads (a document of many ports is held as a window around it).
   */
  scanned(doc: TextDocument, settings: Settings, span?: ScanWindow): Promise<void> | undefined {
    return this.large.applies(doc, settings) ? this.large.ensureScan(doc, settings, span) : undefined;
  }

  /**
   * A document's diagnostics checked here, its scan and its rules in two turns of the event loop, so
   * that a request that arrived meanwhile (a hover on another document) is answered between them;
   * undefined when the document changed in between (the newer version is checked in its turn).
   */
  async hereInTurns(doc: TextDocument, settings: Settings, current: () => TextDocument | undefined): Promise<Diagnostic[] | undefined> {
    this.service.scan(doc, settings);
    // Two turns: messages that arrived during the scan are read after the first (the library queues
    // each for a turn of its own), and are handled before the second.
    await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
    const now = current();
    if (!now || now.version !== doc.version || now.getText() !== doc.getText()) return undefined;
    return this.here(doc, settings);
  }
}

/** Most problems one document reports; a generated file with 100,000 ports would otherwise send megabytes. */
const MAX_DIAGNOSTICS = 1000;

/** The first MAX_DIAGNOSTICS of a list, with a note when there are more (`omitted`: those left out before). */
function capDiagnostics(list: Diagnostic[], omitted = 0): Diagnostic[] {
  if (list.length + omitted <= MAX_DIAGNOSTICS) return list;
  const shown = list.slice(0, MAX_DIAGNOSTICS);
  shown.push({
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'tooManyProblems',
    source: 'iana-ports',
    message: t('IANA Ports shows the first {0} of {1} port problems in this file; run `iana-ports check` for all of them.', MAX_DIAGNOSTICS, list.length + omitted),
  });
  return shown;
}
