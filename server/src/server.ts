import {
  CodeActionKind, DiagnosticSeverity, DidChangeConfigurationNotification, DocumentDiagnosticReportKind, LSPErrorCodes, MarkupKind, ResponseError,
  TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type Connection, type Diagnostic, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DIAGNOSTIC_SOURCE, PortLanguageService } from './service/languageService';
import { doCodeActions } from './service/codeActions';
import { doComplete } from './service/completion';
import { lookupCards, registryInfo } from './service/lookup';
import type { RegistryIndex } from './service/registry/registryIndex';
import { loadIndex } from './service/registry/load';
import { resolveSettings, type Settings } from './service/settings';
import { doDocumentLinks } from './service/documentLinks';
import { doInlayHints } from './service/inlayHints';
import { setLocale, t } from './service/l10n';
import type { Runtime } from './runtime';
import { WorkspaceFeature } from './workspace/attach';
import { LargeDocuments, StaleCheck } from './workspace/openDocuments';
import { errorMessage, IMPORT_REGISTRY_REQUEST, importRegistry, loadRegistryFile, USE_REGISTRY_REQUEST, type ImportRegistryParams, type UseRegistryResult } from './workspace/registryFile';
import { WARM_UP_DOCUMENTS, warmUpRound } from './warmUp';
import { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST, type LookupParams } from './protocol';

/**
 * How many times each warm-up document is validated after start-up: the first pass costs about
 * 10 ms (code compiled for the first time, registry tables built on first use, which the first real
 * document would pay otherwise), each further one under a millisecond once the code is warm.
 */
const WARM_UP_PASSES = 8;

/** Pause between the registry load and the first warm-up round, in ms. */
const WARM_UP_DELAY_MS = 10;

/** Custom requests the client's commands use (their names are the protocol file's). */
export { LOOKUP_REQUEST, REGISTRY_INFO_REQUEST };

/**
 * Wires the port language service to a connection: documents, settings per document, hover,
 * completion, code actions and diagnostics (pulled where the client supports it, pushed otherwise).
 * The entry files only create the connection, so tests can run this in-process.
 */
export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  let index: RegistryIndex | undefined;
  // A registry downloaded by the client's "Update Registry from IANA" command, used instead of the bundled one.
  let registryFile: string | undefined;
  const getIndex = (): RegistryIndex => {
    if (!index && registryFile) {
      try {
        index = loadRegistryFile(registryFile);
        connection.console.info(`IANA Ports: registry ${index.release} loaded from ${registryFile} (${index.size} records)`);
      } catch (e) {
        connection.console.error(`IANA Ports: cannot use the downloaded registry, using the bundled one: ${errorMessage(e)}`);
        registryFile = undefined;
      }
    }
    if (!index) {
      const t0 = performance.now();
      index = loadIndex(runtime.readBundledRegistry());
      connection.console.info(`IANA Ports: registry ${index.release} loaded (${index.size} records) in ${(performance.now() - t0).toFixed(1)} ms`);
    }
    return index;
  };
  const service = new PortLanguageService(getIndex, (e) => connection.console.error(`IANA Ports: ${errorText(e)}`));
  // Large open documents are scanned and checked in the scan thread, so that they hold up no request.
  const large: LargeDocuments = new LargeDocuments(runtime.offThread, service, () => registryFile, (m) => connection.console.info(`IANA Ports: ${m}`), (uri): boolean => workspace.indexer.indexes(uri));
  const workspace = new WorkspaceFeature(connection, documents, service, settingsFor, () => {
    try {
      return getIndex();
    } catch {
      return undefined;
    }
  }, () => refreshDiagnostics(), runtime.scanOffThread, { walkFolders: runtime.walksFolders !== false, large });
  attachMachine();

  let hasConfiguration = false;
  let pullDiagnostics = false;
  let inlayHintRefresh = false;
  /** Whether the client inserts snippets (the shapes of a compose port mapping are offered as snippets). */
  let snippets = false;
  let globalSettings: unknown = undefined;
  const settingsCache = new Map<string, Promise<Settings>>();

  // Without workspace/configuration, one settings object until they change: the caches keyed by settings
  // (a large document's check in the scan thread, its scan here) then serve every request.
  let resolvedGlobal: Promise<Settings> | undefined;
  function settingsFor(uri: string): Promise<Settings> {
    if (!hasConfiguration) return (resolvedGlobal ??= Promise.resolve(resolveSettings(globalSettings)));
    let p = settingsCache.get(uri);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'ianaPorts' })
        .then(resolveSettings, () => resolveSettings(undefined));
      settingsCache.set(uri, p);
    }
    return p;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    hasConfiguration = !!caps.workspace?.configuration;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    snippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    runtime.initializationOptions?.(params.initializationOptions);
    // Hover cards and messages in the client's display language (VS Code sends it as `locale`).
    setLocale(params.locale);
    inlayHintRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    globalSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    const file = (params.initializationOptions as { registryFile?: unknown } | undefined)?.registryFile;
    if (typeof file === 'string' && file) registryFile = file;
    const workspaceCapabilities = workspace.initialize(params);
    // Load the registry once the answer is out, while the client reads it and sends `initialized` and
    // its first documents: start-up stays as fast as an empty server's, and the first document waits
    // less. The library writes the answer in an immediate queued after this handler returns, so two
    // turns are needed to come after it.
    setImmediate(() => setImmediate(loadRegistry));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        inlayHintProvider: true,
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [':', '"', "'", ' ', '='], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        ...(pullDiagnostics ? { diagnosticProvider: { interFileDependencies: true, workspaceDiagnostics: false } } : {}),
        ...workspaceCapabilities,
      },
      serverInfo: { name: 'iana-ports', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'ianaPorts' }).catch(() => undefined);
    }
    workspace.initialized();
  });

  let registryLoading = false;
  function loadRegistry(): void {
    if (registryLoading) return;
    registryLoading = true;
    try {
      runtime.tuneHeap?.();
      getIndex();
    } catch (e) {
      connection.console.error(`IANA Ports: cannot load the bundled registry: ${errorText(e)}`);
      return;
    }
    warmUp();
  }

  /**
   * Validates small built-in documents in idle time, one per turn of the event loop, so that the
   * finders and rules are compiled before the first real document needs them. While a document waits
   * for its diagnostics the warm-up pauses; the next push resumes it.
   */
  let warmUpStep: (() => void) | undefined;
  function warmUp(): void {
    const warmService = new PortLanguageService(getIndex);
    const settings = resolveSettings(undefined);
    const rounds = WARM_UP_PASSES * WARM_UP_DOCUMENTS.length;
    let round = 0;
    let scheduled = false;
    const step = (): void => {
      scheduled = false;
      if (round >= rounds) {
        warmUpStep = undefined;
        return;
      }
      if (pushing > 0 || pending.size > 0) return;
      try {
        warmUpRound(warmService, settings, round++);
      } catch (e) {
        warmUpStep = undefined;
        connection.console.error(`IANA Ports: ${errorText(e)}`);
        return;
      }
      resume();
    };
    const resume = (): void => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(step);
    };
    warmUpStep = resume;
    // Messages that arrived while the registry loaded are handled one per turn of the event loop, as
    // the warm-up is: starting at once, its rounds would alternate with them and delay a document
    // opened with the editor. After a short pause that document is waiting for its diagnostics, which
    // holds the warm-up back until they are sent.
    setTimeout(resume, WARM_UP_DELAY_MS);
  }

  connection.onDidChangeConfiguration((change) => {
    settingsCache.clear();
    resolvedGlobal = undefined;
    if (!hasConfiguration) globalSettings = (change.settings as { ianaPorts?: unknown } | undefined)?.ianaPorts;
    refreshDiagnostics();
    if (inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
    workspace.configurationChanged();
  });

  /** Runs a request handler safely: honours cancellation and answers a default instead of crashing. */
  async function guarded<T>(token: CancellationToken, fallback: T, f: () => Promise<T> | T): Promise<T | ResponseError<void>> {
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    try {
      const r = await f();
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
      return r;
    } catch (e) {
      connection.console.error(`IANA Ports: ${errorText(e)}`);
      return fallback;
    }
  }

  /**
   * The document as it is now, frozen: a request that waits for settings must answer for the version
   * it was sent with, not for edits that arrive meanwhile. One snapshot serves every request for a
   * version, so its line offsets are computed once, not on each hover (0.2-0.5 ms for 5,000 lines).
   */
  const snapshots = new Map<string, TextDocument>();
  function snapshot(uri: string): TextDocument | undefined {
    const doc = documents.get(uri);
    if (!doc) return undefined;
    const text = doc.getText();
    const old = snapshots.get(uri);
    // The same string when nothing changed, so the text comparison is cheap; it guards against a
    // document closed and reopened with the same version number.
    if (old && old.version === doc.version && old.languageId === doc.languageId && old.getText() === text) return old;
    const fresh = TextDocument.create(doc.uri, doc.languageId, doc.version, text);
    snapshots.set(uri, fresh);
    return fresh;
  }

  connection.onHover((params, token) =>
    guarded(token, null, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      const scanned = offThreadScan(doc, settings);
      if (scanned) await scanned;
      const hover = service.doHover(doc, params.position, settings);
      if (!settings.hover.enable) return hover;
      // A Kubernetes port name (`targetPort: http`) first says which port it is; IANA's card on the name follows.
      const named = await workspace.namedPortHover(doc, params.position);
      if (!named) return hover;
      const card = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      return { contents: { kind: MarkupKind.Markdown, value: card ? `${named}\n\n---\n\n${card}` : named }, range: hover?.range };
    }),
  );

  connection.onCompletion((params, token) =>
    guarded(token, null, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      const scanned = offThreadScan(doc, settings);
      if (scanned) await scanned;
      return doComplete(service, doc, params.position, settings, { snippets });
    }),
  );

  connection.onCodeAction((params, token) =>
    guarded(token, null, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      // A client sends the few diagnostics under the cursor; 100,000 of them made a 118 MB answer.
      const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics.slice(0, MAX_ACTION_DIAGNOSTICS) : [];
      // Quick fixes are for this server's diagnostics only: a large document without any is not fetched from the scan thread.
      const scanned = diagnostics.some((d) => d?.source === DIAGNOSTIC_SOURCE) ? offThreadScan(doc, settings) : undefined;
      if (scanned) await scanned;
      return doCodeActions(service, doc, params.range, { ...params.context, diagnostics }, settings).slice(0, MAX_CODE_ACTIONS);
    }),
  );

  connection.languages.inlayHint.on((params, token) =>
    guarded(token, null, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      const scanned = settings.inlayHints.enable ? offThreadScan(doc, settings) : undefined;
      if (scanned) await scanned;
      return doInlayHints(service, doc, params.range, settings);
    }),
  );

  connection.onDocumentLinks((params, token) =>
    guarded(token, null, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return null;
      const settings = await settingsFor(doc.uri);
      if (large.applies(doc, settings)) {
        // Links are made in /etc/services-style files only: the check says the format, the scan is fetched for those.
        const r = await large.check(doc, settings).catch(() => undefined);
        if (r?.format !== 'services') return [];
        await large.ensureScan(doc, settings);
      }
      return doDocumentLinks(service, doc, settings);
    }),
  );

  connection.languages.diagnostics.on((params, token) =>
    guarded(token, { kind: DocumentDiagnosticReportKind.Full, items: [] }, async () => {
      const doc = snapshot(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const settings = await settingsFor(doc.uri);
      if (large.applies(doc, settings)) {
        try {
          return { kind: DocumentDiagnosticReportKind.Full, items: await checkedOffThread(doc, settings) };
        } catch (e) {
          // A newer version replaced this one before its check: the client asks again for that one.
          if (e instanceof StaleCheck) return new ResponseError(LSPErrorCodes.ServerCancelled, 'the document changed', { retriggerRequest: true });
          throw e;
        }
      }
      return { kind: DocumentDiagnosticReportKind.Full, items: capDiagnostics([...service.doValidation(doc, settings), ...workspace.diagnosticsFor(doc, settings)]) };
    }) as Promise<never>,
  );

  connection.onRequest(LOOKUP_REQUEST, (params: LookupParams) => {
    try {
      return lookupCards(getIndex(), String(params?.query ?? ''), params?.limit ?? 200);
    } catch (e) {
      connection.console.error(`IANA Ports: ${errorText(e)}`);
      return [];
    }
  });
  connection.onRequest(REGISTRY_INFO_REQUEST, () => registryInfo(getIndex(), registryFile ?? runtime.bundledRegistryPath));
  // Switches registries without a restart; a file that cannot be used is refused and the current registry stays.
  async function switchRegistry(what: string, file: string | undefined, load: () => RegistryIndex | Promise<RegistryIndex>): Promise<UseRegistryResult> {
    try {
      index = await load();
      registryFile = file;
      connection.console.info(`IANA Ports: now using registry ${index.release} from ${file ?? runtime.bundledRegistryPath}`);
      large.registryChanged();
      refreshDiagnostics();
      workspace.registryChanged();
      return { ok: true, release: index.release, records: index.size, path: file ?? runtime.bundledRegistryPath };
    } catch (e) {
      const current = getIndex();
      const message = t('{0}, so registry {1} stays in use: {2}', what, current.release, errorMessage(e));
      connection.console.error(`IANA Ports: ${message}`);
      return { ok: false, release: current.release, records: current.size, path: registryFile ?? runtime.bundledRegistryPath, message };
    }
  }
  connection.onRequest(USE_REGISTRY_REQUEST, (params: { path?: string | null } | undefined): Promise<UseRegistryResult> => {
    const file = typeof params?.path === 'string' && params.path ? params.path : undefined;
    return switchRegistry(t('The registry file cannot be used'), file, () => (file ? loadRegistryFile(file) : loadIndex(runtime.readBundledRegistry())));
  });
  // Converts and validates a download of IANA's registry; the stored file is replaced only by a registry that loaded.
  connection.onRequest(IMPORT_REGISTRY_REQUEST, (params: ImportRegistryParams | undefined): Promise<UseRegistryResult> => {
    const source = typeof params?.source === 'string' ? params.source : '';
    const target = typeof params?.target === 'string' ? params.target : '';
    const options = { source, target, origin: typeof params?.origin === 'string' ? params.origin : undefined, minRecords: typeof params?.minRecords === 'number' ? params.minRecords : undefined };
    return switchRegistry(t('The downloaded registry was refused and nothing stored was changed'), target, async () => {
      if (!source || !target) throw new Error(t('the request names no downloaded file or no target'));
      // IANA's XML is converted in the scan thread (about 0.5 s); the result is checked and stored here.
      return importRegistry(options, runtime.offThread ? await runtime.offThread.convert(options) : undefined);
    });
  });

  // Push diagnostics for clients without pull support; coalesce bursts of edits per document.
  const pending = new Map<string, NodeJS.Immediate>();
  function schedulePush(doc: TextDocument): void {
    if (pullDiagnostics) return;
    const old = pending.get(doc.uri);
    if (old) clearImmediate(old);
    pending.set(doc.uri, setImmediate(() => {
      pending.delete(doc.uri);
      void pushDiagnostics(doc.uri);
    }));
  }

  // Pushes under way (waiting for settings or being sent); the warm-up waits for them.
  let pushing = 0;
  async function pushDiagnostics(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    pushing++;
    try {
      const settings = await settingsFor(uri);
      const current = snapshot(uri);
      // A newer edit has arrived meanwhile: its own push will follow.
      if (!current || current.version !== version) return;
      let diagnostics: Diagnostic[];
      if (large.applies(current, settings)) {
        const checked = await checkedOffThread(current, settings).catch((e) => {
          if (e instanceof StaleCheck) return undefined;
          throw e;
        });
        // Edited while the scan thread checked it: the newer version's own push follows.
        if (!checked || documents.get(uri)?.version !== version) return;
        diagnostics = checked;
      } else diagnostics = capDiagnostics([...service.doValidation(current, settings), ...workspace.diagnosticsFor(current, settings)]);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (e) {
      connection.console.error(`IANA Ports: ${errorText(e)}`);
    } finally {
      pushing--;
      warmUpStep?.();
    }
  }

  /** Where a large document's occurrences come from the scan thread: the promise to wait for, else undefined. */
  function offThreadScan(doc: TextDocument, settings: Settings): Promise<void> | undefined {
    return large.applies(doc, settings) ? large.ensureScan(doc, settings) : undefined;
  }

  /** A large document's diagnostics, its own from the scan thread and its cross-file ones, for this version. */
  async function checkedOffThread(doc: TextDocument, settings: Settings): Promise<Diagnostic[]> {
    const r = await large.check(doc, settings);
    workspace.adoptCheck(doc, r);
    return capDiagnostics([...r.diagnostics, ...workspace.diagnosticsFor(doc, settings)], r.total - r.diagnostics.length);
  }

  /** This machine's ports: read in the background, used by hover, completion, a rule and the Ports view. */
  function attachMachine(): void {
    const machine = runtime.machine;
    if (!machine) return;
    machine.onError = (message) => connection.console.warn(`IANA Ports: ${message}`);
    service.machine = (settings) => machine.snapshot(settings.machine.enable);
    workspace.machine = service.machine;
    machine.onChange((changed) => {
      if (changed.reserved) refreshDiagnostics();
      if (changed.sockets) workspace.machineChanged();
    });
  }

  function refreshDiagnostics(): void {
    if (pullDiagnostics) connection.languages.diagnostics.refresh().catch(() => undefined);
    else for (const d of documents.all()) schedulePush(d);
  }

  documents.onDidOpen((e) => schedulePush(e.document));
  documents.onDidChangeContent((e) => schedulePush(e.document));
  documents.onDidClose((e) => {
    service.forget(e.document.uri);
    large.forget(e.document.uri);
    snapshots.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  documents.listen(connection);
  connection.listen();
}

/** Most diagnostics of one code-action request that get quick fixes, and most actions in one answer. */
const MAX_ACTION_DIAGNOSTICS = 100;
const MAX_CODE_ACTIONS = 200;

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

function errorText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}
