import {
  DidChangeWatchedFilesNotification, ErrorCodes, ResponseError,
  type CancellationToken, type Connection, type InitializeParams, type ServerCapabilities, type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Runtime } from '../runtime';
import type { Diagnostic, Location, Position, Range, SymbolInformation, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import type { KubeFile } from '../service/kubeModel';
import { allPlaces, namedPortAt, namedPortHover, type NamedPort } from '../service/kubeNamedPorts';
import { portNameProblem, servicePortNameProblem } from '../service/rules/portName';
import { kubeFacts, mapKubeFacts } from '../service/workspaceKube';
import type { PortLanguageService, ScanWindow } from '../service/languageService';
import { inUseLabel } from '../service/machine/facts';
import type { MachineSnapshot } from '../service/machine/types';
import type { RegistryIndex } from '../service/registry/registryIndex';
import { detectFormat, findPorts } from '../service/scan';
import { formatFromAssociations, formatFromFileName } from '../service/scan/detect';
import type { Settings } from '../service/settings';
import type { WorkspacePort } from '../service/workspaceIndex';
import { shortName, workspaceDiagnostics, workspaceFindings, type WorkspaceFinding } from '../service/workspaceRules';
import { excludePatterns } from './glob';
import { canonicalUri, WorkspaceIndexer, type IndexStatus } from './indexer';
import { spanAt, type LargeDocuments } from './openDocuments';
import type { CheckResult } from './scanThread';

import { INDEX_STATUS_REQUEST, WORKSPACE_PORTS_CHANGED, WORKSPACE_PORTS_REQUEST } from '../protocol';
import { errorText, safeRequest } from '../safeRequest';
import { t } from '../service/l10n';

// The names are the protocol file's; exported here too for the code and tests that import them from here.
export { INDEX_STATUS_REQUEST, WORKSPACE_PORTS_CHANGED, WORKSPACE_PORTS_REQUEST };

/** How long Find All References and workspace symbols wait for a running index before answering. */
const READY_WAIT_MS = 3000;
/** Coalesces index changes into one diagnostics refresh and one view notification. */
const CHANGE_DELAY_MS = 150;
/** Typing pauses this long before an edited document is indexed again... */
const INDEX_DELAY_MS = 200;
/** ...plus one millisecond per this many characters, at most MAX_INDEX_DELAY_MS: a 4.8 MB file is not re-indexed on every pause. */
const CHARS_PER_DELAY_MS = 1000;
const MAX_INDEX_DELAY_MS = 5000;
/**
 * Up to this size, a document whose index entry is older than the version being checked is indexed
 * right there (its scan is the one the check just made), so its cross-file findings belong to that
 * version. A larger one shows no cross-file findings until its own index entry catches up.
 */
const SYNC_INDEX_CHARS = 256 * 1024;

/** True when two sets of cross-file findings would show the same diagnostics; linear, without building strings. */
export function sameFindings(a: Map<string, WorkspaceFinding[]>, b: Map<string, WorkspaceFinding[]>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const sameRange = (x: Range, y: Range): boolean =>
    x.start.line === y.start.line && x.start.character === y.start.character && x.end.line === y.end.line && x.end.character === y.end.character;
  for (const [uri, xs] of a) {
    const ys = b.get(uri);
    if (!ys || ys.length !== xs.length) return false;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      const y = ys[i];
      if (x.rule !== y.rule || x.message !== y.message || x.port !== y.port || !sameRange(x.range, y.range) || x.related.length !== y.related.length) return false;
      for (let k = 0; k < x.related.length; k++) {
        const r = x.related[k];
        const q = y.related[k];
        if (r.uri !== q.uri || r.message !== q.message || !sameRange(r.range, q.range)) return false;
      }
    }
  }
  return true;
}

/**
 * Workspace-wide features on a connection: the background index, Find All References, workspace
 * symbols, the Ports view's data and the cross-file diagnostics. The server glue creates one and
 * forwards initialize, initialized and configuration changes; it listens to documents itself.
 */
export class WorkspaceFeature {
  readonly indexer: WorkspaceIndexer;
  private hasConfiguration = false;
  private watcherDynamic = false;
  private foldersChangeable = false;
  private folderUris: string[] = [];
  private findingsGeneration = -1;
  private findings = new Map<string, WorkspaceFinding[]>();
  private changeTimer: NodeJS.Timeout | undefined;
  private readonly pendingDocs = new Map<string, NodeJS.Timeout>();
  /** The version of each open document its index entry was made from. */
  private readonly indexedVersion = new Map<string, number>();
  /** Set when the findings changed since diagnostics were last refreshed. */
  private findingsChanged = false;
  /**
   * Whether the findings compare Compose projects side by side: only once a document's settings ask
   * for it, since thousands of sample folders make that comparison cost seconds nobody looks at.
   */
  private compareProjects = false;
  /** Documents whose diagnostics went out without their cross-file findings, waiting for their index entry. */
  private readonly withheld = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly service: PortLanguageService,
    private readonly settingsFor: (uri: string) => Promise<Settings>,
    /** The registry in use, or undefined when it cannot be loaded. */
    private readonly registry: () => RegistryIndex | undefined,
    /** Re-runs diagnostics of open documents (pull refresh or push). */
    private readonly refreshDiagnostics: () => void,
    /** Scans a large workspace file in a worker thread, where the runtime has one. */
    scanOffThread?: Runtime['scanOffThread'],
    /**
     * `walkFolders: false` (a web worker, which has no file system) indexes open documents only;
     * `large` checks large open documents in the scan thread.
     */
    private readonly options: { walkFolders: boolean; large?: LargeDocuments } = { walkFolders: true },
  ) {
    this.indexer = new WorkspaceIndexer({
      folderConfig: async (folderUri) => {
        const settings = await this.settingsFor(folderUri);
        let exclude: unknown;
        if (this.hasConfiguration) {
          exclude = await this.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files' })
            .then((files: { exclude?: unknown } | null) => files?.exclude, () => undefined);
        }
        return { settings, exclude: excludePatterns(exclude) };
      },
      formatOf: (uri, settings) => formatFromAssociations(uri, settings.files.associations) ?? formatFromFileName(uri),
      scanText: (uri, text, settings) => {
        const format = formatFromAssociations(uri, settings.files.associations) ?? detectFormat('plaintext', uri, text);
        if (!format) return undefined;
        return { format, occurrences: findPorts(format, text, (e) => this.error(e)) };
      },
      scanOffThread: scanOffThread && (async (uri, text, settings) => {
        const r = await scanOffThread(uri, text, settings.files.associations);
        for (const e of r.errors) this.error(e);
        return r.file;
      }),
      onDidChange: () => this.changed(),
      log: (m) => this.connection.console.info(`IANA Ports: ${m}`),
    });
    documents.onDidOpen((e) => this.documentChanged(e.document, true));
    documents.onDidChangeContent((e) => this.documentChanged(e.document, false));
    documents.onDidClose((e) => {
      const t = this.pendingDocs.get(e.document.uri);
      if (t) clearTimeout(t);
      this.pendingDocs.delete(e.document.uri);
      this.indexedVersion.delete(e.document.uri);
      this.withheld.delete(e.document.uri);
      this.indexer.closeDocument(e.document.uri);
    });
    connection.onReferences((params, token) => this.guard(token, [], async () => {
      const doc = this.documents.get(params.textDocument.uri);
      if (!doc) return [];
      const named = await this.namedPort(doc, params.position);
      if (named) return allPlaces(named, params.context.includeDeclaration);
      const settings = await this.settingsFor(doc.uri);
      await this.scanned(doc, settings, spanAt(doc, params.position));
      const o = this.service.occurrenceAt(doc, params.position, settings);
      if (!o) return [];
      await this.indexer.ready(READY_WAIT_MS);
      const target = o.kind === 'port' ? { port: o.port } : o.name ? { name: o.name } : undefined;
      if (!target) return [];
      return this.withDocument(doc, this.indexer.index.references(target), settings, target);
    }));
    connection.onDefinition((params, token) => this.guard(token, null as Location[] | null, async () => {
      const doc = this.documents.get(params.textDocument.uri);
      const named = doc && (await this.namedPort(doc, params.position));
      return named && named.declarations.length ? named.declarations.map((d) => d.location) : null;
    }));
    connection.onPrepareRename((params, token) => this.guard(token, null as { range: Range; placeholder: string } | null, async () => {
      const doc = this.documents.get(params.textDocument.uri);
      const named = doc && (await this.namedPort(doc, params.position));
      return named ? { range: named.at.range, placeholder: named.name } : null;
    }));
    connection.onRenameRequest((params, token) => this.guard(token, null as WorkspaceEdit | ResponseError<void> | null, async () => {
      const doc = this.documents.get(params.textDocument.uri);
      const named = doc && (await this.namedPort(doc, params.position));
      if (!named) return null;
      const problem = named.kind === 'container' ? portNameProblem(params.newName) : servicePortNameProblem(params.newName);
      if (problem) {
        const rule = named.kind === 'container'
          ? t('A container port name (IANA service name) is at most 15 characters of a-z, 0-9 and -.')
          : t('A Service port name (DNS label) is at most 63 characters of a-z, 0-9 and -.');
        return new ResponseError<void>(ErrorCodes.InvalidParams, `${t('"{0}" {1}.', params.newName, problem)} ${rule}`);
      }
      const changes: Record<string, TextEdit[]> = {};
      for (const l of allPlaces(named)) (changes[l.uri] ??= []).push({ range: l.range, newText: params.newName });
      return { changes };
    }));
    connection.onWorkspaceSymbol((params, token) => this.guard(token, [] as SymbolInformation[], async () => {
      await this.indexer.ready(READY_WAIT_MS);
      return this.indexer.index.symbols(params.query, this.registry());
    }));
    connection.onDidChangeWatchedFiles((params) => {
      for (const c of params.changes) this.indexer.fileEvent(c.uri, c.type);
    });
    connection.onRequest(WORKSPACE_PORTS_REQUEST, async (params: { maxPlaces?: number } | undefined, token: CancellationToken) =>
      this.guard(token, { status: this.indexer.status(), ports: [] as WorkspacePort[] }, async () => ({
        status: this.indexer.status(),
        ports: await this.markInUse(this.indexer.index.ports(this.registry(), Math.max(1, Math.min(Number(params?.maxPlaces) || 200, 10000)))),
      })));
    connection.onRequest(INDEX_STATUS_REQUEST, (): IndexStatus => this.indexer.status());
  }

  /** This machine's ports, where the server reads them: the Ports view marks the ports in use now. */
  machine?: (settings: Settings) => MachineSnapshot | undefined;

  /** The ports the view was last given and their marks, so that only a change it would show is announced. */
  private shownMarks = new Map<number, string | undefined>();
  private shownSettings: Settings | undefined;

  private async markInUse(ports: WorkspacePort[]): Promise<WorkspacePort[]> {
    if (!this.machine) return ports;
    const settings = await this.settingsFor(this.folderUris[0] ?? '');
    const snapshot = this.machine(settings);
    this.shownSettings = settings;
    this.shownMarks = new Map();
    for (const p of ports) {
      const here = inUseLabel(snapshot, p.port);
      if (here) p.here = here;
      this.shownMarks.set(p.port, here);
    }
    return ports;
  }

  /** This machine's ports in use changed: tells the Ports view to ask again when a port it shows changed its mark. */
  machineChanged(): void {
    if (!this.machine || !this.shownSettings) return;
    const snapshot = this.machine(this.shownSettings);
    for (const [port, shown] of this.shownMarks) {
      if (inUseLabel(snapshot, port) !== shown) {
        void this.connection.sendNotification(WORKSPACE_PORTS_CHANGED, this.indexer.status()).catch(() => undefined);
        return;
      }
    }
  }

  /**
   * The Kubernetes named port at a position of a YAML document, resolved across the workspace: the
   * document's own manifests from its current text, the others from the index.
   */
  async namedPort(doc: TextDocument, pos: Position): Promise<NamedPort | undefined> {
    const settings = await this.settingsFor(doc.uri);
    await this.scanned(doc, settings, spanAt(doc, pos));
    const scan = this.service.scan(doc, settings);
    if (scan.format !== 'yaml' || scan.tooLarge || !/^[ \t]*kind:/m.test(doc.getText())) return undefined;
    await this.indexer.ready(READY_WAIT_MS);
    const self = canonicalUri(doc.uri);
    const files: KubeFile[] = [{ uri: doc.uri, kube: this.ownKubeFacts(doc) }];
    for (const f of this.indexer.index.all()) if (f.uri !== self && f.uri !== doc.uri) files.push(f);
    return namedPortAt(files, doc.uri, pos);
  }

  /**
   * A document's own Kubernetes facts with their positions, read once per version of its text: read on
   * every request, they took 80 ms of each hover on a 10,000-line manifest. The documents the editor
   * syncs change in place, so the entry holds the version and the text it was read from.
   */
  private readonly ownKube = new WeakMap<TextDocument, { version: number; text: string; kube: KubeFile['kube'] }>();

  private ownKubeFacts(doc: TextDocument): KubeFile['kube'] {
    const text = doc.getText();
    const known = this.ownKube.get(doc);
    if (known && known.version === doc.version && known.text === text) return known.kube;
    const kube = mapKubeFacts(kubeFacts(text), (v) => ({ text: v.text, range: { start: doc.positionAt(v.start), end: doc.positionAt(v.end) } }));
    this.ownKube.set(doc, { version: doc.version, text, kube });
    return kube;
  }

  /** The hover's lines for a named port at a position, or undefined. */
  async namedPortHover(doc: TextDocument, pos: Position): Promise<string | undefined> {
    const named = await this.namedPort(doc, pos);
    return named && namedPortHover(named, shortName);
  }

  /** Capabilities to merge into the initialize result; remembers what the client can do. */
  initialize(params: InitializeParams): ServerCapabilities {
    const caps = params.capabilities;
    this.hasConfiguration = !!caps.workspace?.configuration;
    this.watcherDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.folderUris = folders;
    this.foldersChangeable = !!caps.workspace?.workspaceFolders;
    return {
      referencesProvider: true,
      definitionProvider: true,
      renameProvider: { prepareProvider: true },
      workspaceSymbolProvider: true,
      ...(this.foldersChangeable ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    };
  }

  /** Registers the file watcher and starts indexing in the background. */
  initialized(): void {
    if (this.watcherDynamic) {
      void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] }).catch(() => undefined);
    }
    if (this.foldersChangeable) {
      try {
        this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
          const removed = new Set(e.removed.map((f) => f.uri));
          this.folderUris = [...this.folderUris.filter((u) => !removed.has(u)), ...e.added.map((f) => f.uri)];
          if (this.options.walkFolders) void this.indexer.setFolders(this.folderUris);
        });
      } catch {
        /* the client does not send folder changes after all */
      }
    }
    if (this.folderUris.length && this.options.walkFolders) setImmediate(() => void this.indexer.setFolders(this.folderUris));
  }

  /** Settings changed: `files.exclude`, the size limit or associations may differ; if so, index again. */
  configurationChanged(): void {
    if (this.folderUris.length) void this.indexer.configurationChanged().catch((e) => this.error(e));
  }

  /**
   * Cross-file findings for one open document, as diagnostics under its settings. Every finding shown
   * belongs to this version of the document: when its index entry was made from another version (edits
   * since the last pause, fast undos), it is indexed now, or, when too large for that, its cross-file
   * findings wait for the entry to catch up.
   */
  diagnosticsFor(doc: TextDocument, settings: Settings): Diagnostic[] {
    if (this.indexedVersion.get(doc.uri) !== doc.version) {
      if (doc.getText().length > SYNC_INDEX_CHARS) {
        this.withheld.add(doc.uri);
        return [];
      }
      this.indexNow(doc, settings);
    }
    if (settings.compose.compareProjects && !this.compareProjects) {
      this.compareProjects = true;
      this.findingsGeneration = -1;
      // The other open documents' diagnostics follow once the findings are computed again.
      this.changed();
    }
    return workspaceDiagnostics(this.currentFindings().get(canonicalUri(doc.uri)), settings, doc);
  }

  /** The registry changed: service names in the view change with it. */
  registryChanged(): void {
    this.changed();
  }

  /** The cross-file findings of the current index; while the first index is built, the last ones computed. */
  private currentFindings(): Map<string, WorkspaceFinding[]> {
    const gen = this.indexer.index.generation;
    if (gen !== this.findingsGeneration && this.indexer.state !== 'indexing') {
      const next = workspaceFindings(this.indexer.index.all(), { compareProjects: this.compareProjects });
      if (!sameFindings(this.findings, next)) this.findingsChanged = true;
      this.findings = next;
      this.findingsGeneration = gen;
    }
    return this.findings;
  }

  /** Coalesces index changes: one diagnostics refresh, when the findings changed, and one view notification. */
  private changed(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      // While the first index is built, the cross-file rules wait for the whole picture: running them
      // on every slice would cost time and flash half-true diagnostics.
      // The findings may have been recomputed meanwhile by a diagnostics request for one document: the
      // flag, not a comparison made now, says whether the others' diagnostics are out of date.
      if (this.indexer.state !== 'indexing') {
        this.currentFindings();
        if (this.findingsChanged) {
          this.findingsChanged = false;
          this.refreshDiagnostics();
        }
      }
      void this.connection.sendNotification(WORKSPACE_PORTS_CHANGED, this.indexer.status()).catch(() => undefined);
    }, CHANGE_DELAY_MS);
  }

  private documentChanged(doc: TextDocument, now: boolean): void {
    const old = this.pendingDocs.get(doc.uri);
    if (old) clearTimeout(old);
    if (now) {
      this.pendingDocs.delete(doc.uri);
      void this.indexDocument(doc.uri);
      return;
    }
    // Typing: index the editor's text once the edits pause, longer for a large document.
    const delay = Math.min(INDEX_DELAY_MS + Math.floor(doc.getText().length / CHARS_PER_DELAY_MS), MAX_INDEX_DELAY_MS);
    this.pendingDocs.set(doc.uri, setTimeout(() => {
      this.pendingDocs.delete(doc.uri);
      void this.indexDocument(doc.uri);
    }, delay));
  }

  private async indexDocument(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    try {
      const settings = await this.settingsFor(uri);
      const current = this.documents.get(uri);
      if (!current || this.indexedVersion.get(uri) === current.version) return;
      const large = this.options.large;
      if (large?.applies(current, settings)) {
        const r = await large.check(current, settings).catch(() => undefined);
        // A version edited meanwhile is indexed by its own pause.
        if (r && this.documents.get(uri)?.version === current.version) this.adoptCheck(current, r);
        return;
      }
      this.indexNow(current, settings);
    } catch (e) {
      this.error(e);
    }
  }

  /** A request on a large document reads its occurrences (around `span`): they come from the scan thread, not a scan here. */
  private scanned(doc: TextDocument, settings: Settings, span: ScanWindow): Promise<void> | undefined {
    return this.options.large?.applies(doc, settings) ? this.options.large.ensureScan(doc, settings, span) : undefined;
  }

  /**
   * A large document's check from the scan thread: its index entry, made from this version, replaces
   * the one before, so that its cross-file findings belong to this version.
   */
  adoptCheck(doc: TextDocument, result: CheckResult & { failed?: boolean }): void {
    if (this.indexedVersion.get(doc.uri) === doc.version) return;
    const pending = this.pendingDocs.get(doc.uri);
    if (pending) clearTimeout(pending);
    this.pendingDocs.delete(doc.uri);
    this.indexer.setOpenDocumentFile(doc.uri, doc.getText(), result.failed ? undefined : result.file);
    this.indexedVersion.set(doc.uri, doc.version);
    if (this.withheld.delete(doc.uri)) {
      this.findingsChanged = true;
      this.changed();
    }
  }

  /** Indexes an open document's current text (its scan is cached per version) and notes the version. */
  private indexNow(doc: TextDocument, settings: Settings): void {
    const pending = this.pendingDocs.get(doc.uri);
    if (pending) clearTimeout(pending);
    this.pendingDocs.delete(doc.uri);
    const scan = this.service.scan(doc, settings);
    this.indexer.setOpenDocument(doc.uri, scan.tooLarge ? undefined : scan.format, doc.getText(), scan.occurrences, scan.kube);
    this.indexedVersion.set(doc.uri, doc.version);
    if (this.withheld.delete(doc.uri)) {
      this.findingsChanged = true;
      this.changed();
    }
  }

  /**
   * The asking document's own places come from its current text (its index entry may lag behind an
   * edit, and it may lie outside the workspace folders); everything else from the index.
   */
  private withDocument(doc: TextDocument, fromIndex: Location[], settings: Settings, target: { port: number } | { name: string }): Location[] {
    const self = canonicalUri(doc.uri);
    const own: Location[] = [];
    for (const o of this.service.scan(doc, settings).occurrences) {
      const hit = 'port' in target ? o.kind === 'port' && o.port === target.port : o.kind !== 'port' && o.name?.toLowerCase() === target.name.toLowerCase();
      if (hit) own.push({ uri: doc.uri, range: { start: doc.positionAt(o.start), end: doc.positionAt(o.end) } });
    }
    const rest = fromIndex.filter((l) => l.uri !== self);
    return [...own, ...rest];
  }

  private guard<T>(token: CancellationToken, fallback: T, f: () => Promise<T>): Promise<T | ResponseError<void>> {
    return safeRequest(token, fallback, f, (e) => this.error(e));
  }

  private error(e: unknown): void {
    this.connection.console.error(`IANA Ports: ${errorText(e)}`);
  }
}
