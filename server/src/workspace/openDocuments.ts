import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Position, type Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type PortLanguageService, type ScanWindow } from '../service/languageService';
import { t } from '../service/l10n';
import type { MachineSnapshot } from '../service/machine/types';
import type { Settings } from '../service/settings';
import { canonicalUri } from './indexer';
import type { CheckResult, OffThread } from './scanThread';
import { MAX_HELD_OCCURRENCES } from './scanWindow';

/**
 * Open documents at least this long are checked in the scan thread: a 2 MB package.json with one
 * long script or a 4.8 MB compose `command:` block takes 0.5-2 s to scan and check, which on the main
 * thread held up every hover on other documents. Below it a check takes a few tens of milliseconds and
 * stays where it is (the 5,000-line compose file of the benchmark, 144 KB, and the 10,000-line
 * Kubernetes manifest, 229 KB, get their first diagnostics without a round trip to the thread).
 */
export const OFF_THREAD_DOCUMENT_CHARS = 256 * 1024;

/**
 * Open documents from this long up to OFF_THREAD_DOCUMENT_CHARS are scanned here, and checked in the
 * scan thread when the scan found more than MAX_MAIN_CHECK_OCCURRENCES ports and port names: the cost
 * of the rules and diagnostics grows with them, and a 70 KB compose file of 2,000 copies of `8080:80` (7,778 ports, 1,000 findings)
 * held up every hover 1.2-1.7 s under load while checked here. The benchmark's 5,000-line compose file
 * (2,295 ports) and 10,000-line Kubernetes manifest (2,406) stay here, as their first diagnostics
 * would wait for the thread to start.
 */
export const MID_DOCUMENT_CHARS = 64 * 1024;
export const MAX_MAIN_CHECK_OCCURRENCES = 5000;

/** The text offsets a request at a position reads (for a large document's window of occurrences). */
export function spanAt(doc: TextDocument, pos: Position): ScanWindow {
  const at = doc.offsetAt(pos);
  return { start: at, end: at };
}

/** The text offsets a request over a range reads. */
export function spanOf(doc: TextDocument, range: Range): ScanWindow {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** A check asked for a document version that a newer version replaced before it was sent. */
export class StaleCheck extends Error {}

interface Entry {
  version: number;
  text: string;
  settings: Settings;
  /** The settings as a string: two requests may carry equal settings in different objects. */
  settingsKey: string;
  registry: number;
  /** The machine's reserved ranges the check was made with, as a string to compare. */
  reserved: string;
  machine: MachineSnapshot | undefined;
  promise: Promise<CheckResult & { failed?: boolean }>;
}

/**
 * Large open documents, checked off the main thread: each version once, its diagnostics and index
 * entry computed in the scan thread, its occurrences fetched from there only when a request on the
 * document itself needs them (a hover, a code action). Checks of one document run one after another,
 * and a version replaced before its turn is never sent, so fast typing costs one check per pause, not
 * one per keystroke. Results belong to the exact version (and text, settings, registry) they were
 * made for; anything older is dropped.
 */
export class LargeDocuments {
  private readonly entries = new Map<string, Entry>();
  /** The last check of each document in the thread's queue: the next one waits for it. */
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly scans = new Map<string, { version: number; text: string; settings: Settings; span: ScanWindow | undefined; promise: Promise<void> }>();
  private registryGeneration = 0;

  constructor(
    private readonly thread: OffThread | undefined,
    private readonly service: PortLanguageService,
    /** The registry file in use, undefined for the bundled one. */
    private readonly registryFile: () => string | undefined,
    private readonly log: (message: string) => void,
    /** Whether the workspace index takes a document's entry: a document outside every folder gets none made. */
    private readonly indexes: (uri: string) => boolean = () => true,
  ) {}

  /**
   * True when this document is checked in the scan thread: large, or of middle size with many ports
   * (scanned here to know), and not too large to scan at all (that is said at once, without a scan).
   */
  applies(doc: TextDocument, settings: Settings): boolean {
    const n = doc.getText().length;
    if (this.thread === undefined || n < MID_DOCUMENT_CHARS || n > settings.maxFileSize) return false;
    return n >= OFF_THREAD_DOCUMENT_CHARS || this.service.scan(doc, settings).occurrences.length > MAX_MAIN_CHECK_OCCURRENCES;
  }

  /** The check of this document version under these settings; rejects with StaleCheck when a newer version replaced it first. */
  check(doc: TextDocument, settings: Settings): Promise<CheckResult & { failed?: boolean }> {
    const text = doc.getText();
    // Of the machine's state, only the ranges the system reserves matter to a check (the reservedByOS
    // rule); the ports in use change every few seconds and would otherwise have a 4 MB file checked again.
    const snapshot = settings.lint.reservedByOS !== 'ignore' ? this.service.machine?.(settings) : undefined;
    const machine = snapshot?.reserved.length ? { ...snapshot, sockets: [] } : undefined;
    const reserved = machine ? `${machine.platform} ${JSON.stringify(machine.reserved)}` : '';
    const settingsKey = JSON.stringify(settings);
    const old = this.entries.get(doc.uri);
    if (old && old.version === doc.version && old.text === text && old.settingsKey === settingsKey && old.registry === this.registryGeneration && old.reserved === reserved) return old.promise;
    const entry = { version: doc.version, text, settings, settingsKey, registry: this.registryGeneration, reserved, machine } as Entry;
    this.entries.set(doc.uri, entry);
    const before = this.tails.get(doc.uri) ?? Promise.resolve();
    entry.promise = before.then(() => {
      if (this.entries.get(doc.uri) !== entry) throw new StaleCheck(`version ${doc.version} of ${doc.uri} was replaced before it was checked`);
      return this.send(doc, entry);
    });
    const tail = entry.promise.catch(() => undefined);
    this.tails.set(doc.uri, tail);
    void tail.then(() => {
      if (this.tails.get(doc.uri) === tail) this.tails.delete(doc.uri);
    });
    return entry.promise;
  }

  /**
   * Makes the service hold this version's scan, fetched from the scan thread, so that the features
   * that read occurrences (hover, completion, code actions) answer from it without scanning here.
   * A document of more than MAX_HELD_OCCURRENCES is held as a window around `span`, the text offsets
   * the request reads (undefined: the whole document, of which its first occurrences are held).
   */
  ensureScan(doc: TextDocument, settings: Settings, span?: ScanWindow): Promise<void> {
    if (this.service.scanned(doc, settings, span)) return Promise.resolve();
    const text = doc.getText();
    const old = this.scans.get(doc.uri);
    if (old && old.version === doc.version && old.text === text && old.settings === settings && old.span?.start === span?.start && old.span?.end === span?.end) return old.promise;
    const promise = this.fetchScan(doc, settings, span);
    this.scans.set(doc.uri, { version: doc.version, text, settings, span, promise });
    return promise;
  }

  /** A closed document: its checks and scan are dropped here and in the thread. */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.scans.delete(uri);
    this.thread?.forget(uri);
  }

  /** The registry changed: every check is made again under the new one. */
  registryChanged(): void {
    this.registryGeneration++;
  }

  private async fetchScan(doc: TextDocument, settings: Settings, span: ScanWindow | undefined): Promise<void> {
    let result: (CheckResult & { failed?: boolean }) | undefined;
    try {
      result = await this.check(doc, settings);
    } catch {
      result = undefined;
    }
    // The thread keeps the last few documents it checked; one evicted meanwhile is checked again, once.
    let kept = result && !result.failed ? await this.thread?.kept(doc.uri, doc.version, span).catch(() => undefined) : undefined;
    if (result && !result.failed && !kept) {
      this.entries.delete(doc.uri);
      result = await this.check(doc, settings).catch(() => undefined);
      kept = result && !result.failed ? await this.thread?.kept(doc.uri, doc.version, span).catch(() => undefined) : undefined;
    }
    if (this.service.scanned(doc, settings, span)) return;
    const w = kept?.window;
    if (w) this.log(`${doc.uri} (version ${doc.version}) has more than ${MAX_HELD_OCCURRENCES} ports: the server holds the ${kept!.occurrences.length} from offset ${w.start} to ${w.end === Number.MAX_SAFE_INTEGER ? 'the end' : w.end}`);
    // Without the thread's scan the document's features answer nothing: scanning it here would block.
    this.service.adopt(doc, settings, kept ?? { format: result?.format, occurrences: [], tooLarge: result?.tooLarge });
  }

  private async send(doc: TextDocument, entry: Entry): Promise<CheckResult & { failed?: boolean }> {
    const t0 = performance.now();
    const size = `${(entry.text.length / (1 << 20)).toFixed(1)} MB`;
    try {
      const r = await this.thread!.check({
        uri: doc.uri, indexUri: this.indexes(doc.uri) ? canonicalUri(doc.uri) : undefined, languageId: doc.languageId, version: entry.version, text: entry.text,
        settings: entry.settings, registryFile: this.registryFile(), machine: entry.machine,
      });
      for (const e of r.errors) this.log(`${doc.uri}: ${e}`);
      this.log(`${doc.uri} (${size}, version ${entry.version}) was checked in the scan thread in ${(performance.now() - t0).toFixed(0)} ms: ${r.total} diagnostics`);
      return r;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      this.log(`${doc.uri} (${size}, version ${entry.version}) could not be checked in the scan thread: ${why}`);
      // Checking it here instead would block the server for as long as it took the thread to give up.
      return {
        format: undefined, failed: true, total: 1, errors: [],
        diagnostics: [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: 'notChecked',
          source: DIAGNOSTIC_SOURCE,
          message: t('IANA Ports could not check this file for ports within its time and memory bounds ({0}); edit it or reopen it to try again.', why),
        }],
      };
    }
  }
}
