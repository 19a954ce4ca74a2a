import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../service/settings';
import { StaleCheck } from '../workspace/openDocuments';
import { errorText } from '../safeRequest';
import type { ClientFeatures } from './clientFeatures';
import type { DocumentChecks } from './documentChecks';
import type { Snapshots } from './snapshots';

/** Diagnostics pushed to clients without pull support; bursts of edits are coalesced per document. */
export class DiagnosticsPush {
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Pushes under way (waiting for settings or being sent); the warm-up waits for them. */
  private pushing = 0;
  /** Called when a push ends: the warm-up resumes. */
  onIdle: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientFeatures,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    private readonly snapshots: Snapshots,
    private readonly checks: DocumentChecks,
  ) {}

  /** True while a document waits for its diagnostics. */
  get busy(): boolean {
    return this.pushing > 0 || this.pending.size > 0;
  }

  schedule(doc: TextDocument): void {
    if (this.client.pullDiagnostics) return;
    const old = this.pending.get(doc.uri);
    if (old) clearImmediate(old);
    this.pending.set(doc.uri, setImmediate(() => {
      this.pending.delete(doc.uri);
      void this.push(doc.uri);
    }));
  }

  /** Asks for every document's diagnostics again: the client pulls them, or they are pushed. */
  refresh(): void {
    if (this.client.pullDiagnostics) this.connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const d of this.documents.all()) this.schedule(d);
  }

  private async push(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    this.pushing++;
    try {
      const settings = await this.settingsFor(uri);
      const current = this.snapshots.get(uri);
      // A newer edit has arrived meanwhile: its own push will follow.
      if (!current || current.version !== version) return;
      let diagnostics: Diagnostic[];
      if (this.checks.offThread(current, settings)) {
        const checked = await this.checks.inThread(current, settings).catch((e) => {
          if (e instanceof StaleCheck) return undefined;
          throw e;
        });
        // Edited while the scan thread checked it: the newer version's own push follows.
        if (!checked || this.documents.get(uri)?.version !== version) return;
        diagnostics = checked;
      } else {
        const checked = await this.checks.hereInTurns(current, settings, () => this.snapshots.get(uri));
        // Edited between the scan and the rules: the newer version's own push follows.
        if (!checked) return;
        diagnostics = checked;
      }
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      this.connection.console.error(`IANA Ports: ${errorText(e)}`);
    } finally {
      this.pushing--;
      this.onIdle?.();
    }
  }
}
