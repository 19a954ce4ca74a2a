import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { PortOccurrence } from '../service/scan';
import type { FormatId } from '../service/scan/detect';
import type { Settings } from '../service/settings';
import { indexEntry, WorkspaceIndex, type IndexedFile } from '../service/workspaceIndex';
import type { KubeFacts } from '../service/workspaceKube';
import { isExcluded, MAX_GLOB_CHARS, type ExcludePattern } from './glob';
import { isIgnored, MAX_IGNORE_PATTERN_CHARS, parseGitignore, type IgnoreFile } from './gitignore';
import { readRegularFile } from './regularFile';

/**
 * The background workspace indexer: walks the workspace folders, reads the files the server can scan
 * and keeps a WorkspaceIndex current as files change. It works in small slices (a few milliseconds,
 * then setImmediate), so hovers and other requests are answered while it runs.
 */

/** Folders never walked, whatever the settings say. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A bound on memory for huge workspaces. */
export const MAX_FILES = 50_000;
/** Work done between two yields to the event loop. */
const SLICE_MS = 8;
/** Files read at the same time. */
const CONCURRENCY = 8;
/**
 * Files at least this long are scanned in the scan thread where there is one: a 4.8 MB compose file
 * takes over a second to scan, which would hold up every request meanwhile.
 */
export const OFF_THREAD_CHARS = 64 * 1024;
/** A `.gitignore` is read up to this many bytes; the rules past it are left out, with a note in the log. */
export const MAX_IGNORE_FILE_BYTES = 1 << 20;

export interface FolderConfig {
  settings: Settings;
  exclude: ExcludePattern[];
}

export interface IndexerHost {
  /** The settings and `files.exclude` patterns that apply in a workspace folder. */
  folderConfig(folderUri: string): Promise<FolderConfig>;
  /** Which format a file would be served as, from its name alone; undefined to skip it unread. */
  formatOf(uri: string, settings: Settings): FormatId | undefined;
  /** Scans a file's text; undefined when the content shows it is not one the server reads. */
  scanText(uri: string, text: string, settings: Settings): { format: FormatId; occurrences: PortOccurrence[] } | undefined;
  /** Scans a large file off the main thread into its index entry; rejects with a reason to leave it out. */
  scanOffThread?(uri: string, text: string, settings: Settings): Promise<IndexedFile | undefined>;
  /** Called after the index changed (already coalesced per slice). */
  onDidChange(): void;
  log(message: string): void;
}

interface Folder {
  uri: string;
  fsPath: string;
  /** The folder's path with symbolic links resolved, to tell whether an event's path stays inside. */
  realPath?: string;
  config?: FolderConfig;
}

export interface IndexStatus {
  state: 'idle' | 'indexing' | 'ready';
  files: number;
  places: number;
  /** Time the last full index took, in milliseconds. */
  durationMs?: number;
  /** Files skipped for size, and whether the file cap was reached. */
  skippedLarge: number;
  capped: boolean;
}

/** A `file:` URI in one canonical spelling, so that URIs from the client and from the disk compare equal. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

// The callback forms of fs, promisified: measurably faster than fs.promises for many small files
// (fs.promises.readFile costs four promise round trips per file).
const readdir = promisify(fs.readdir);
const lstat = promisify(fs.lstat);
const realpath = promisify(fs.realpath);

/** What in a folder's configuration decides which files are indexed, as a comparable string. */
function configKey(c: FolderConfig): string {
  return JSON.stringify([c.exclude.map((p) => [p.glob.source, p.when ?? '']), c.settings.maxFileSize, c.settings.files.associations]);
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class WorkspaceIndexer {
  readonly index = new WorkspaceIndex();
  private folders: Folder[] = [];
  /** Bumped by every full rescan: a walk that sees another value stops. */
  private walkGeneration = 0;
  private phase: IndexStatus['state'] = 'idle';
  private durationMs: number | undefined;
  private skippedLarge = 0;
  private capped = false;
  private readonly open = new Set<string>();
  private readonly ignoreCache = new Map<string, IgnoreFile | null>();
  /** The `.gitignore` files that apply in a folder, by folder-relative path: each folder extends its parent's list. */
  private readonly ignoreLists = new Map<string, IgnoreFile[]>();
  private readyWaiters: (() => void)[] = [];
  private sliceStart = 0;
  private pendingEvents = new Map<string, number>();
  private eventTimer: NodeJS.Timeout | undefined;

  constructor(private readonly host: IndexerHost) {}

  get state(): IndexStatus['state'] {
    return this.phase;
  }

  status(): IndexStatus {
    return { state: this.phase, files: this.index.size, places: this.index.placeCount(), durationMs: this.durationMs, skippedLarge: this.skippedLarge, capped: this.capped };
  }

  /** Resolves once the current full index is complete, or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<boolean> {
    if (this.phase !== 'indexing') return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => resolve(false), timeoutMs);
      this.readyWaiters.push(() => {
        clearTimeout(t);
        resolve(true);
      });
    });
  }

  /** Sets the workspace folders (file URIs) and indexes them from scratch. */
  setFolders(uris: string[]): Promise<void> {
    this.folders = [];
    for (const uri of uris) {
      if (!uri.startsWith('file:')) continue;
      try {
        const fsPath = fileURLToPath(uri);
        this.folders.push({ uri: canonicalUri(uri), fsPath });
      } catch {
        /* not a local folder */
      }
    }
    return this.rescan();
  }

  /**
   * Settings changed: walks again only when what decides the walk changed (`files.exclude`, the size
   * limit, the file associations), not for a rule's severity.
   */
  async configurationChanged(): Promise<void> {
    let differs = false;
    for (const f of this.folders) {
      const next = await this.host.folderConfig(f.uri);
      if (!f.config || configKey(next) !== configKey(f.config)) differs = true;
      f.config = next;
    }
    if (differs) await this.rescan();
  }

  /** Forgets everything and walks every folder again (settings or `.gitignore` changed). */
  async rescan(): Promise<void> {
    const gen = ++this.walkGeneration;
    this.phase = 'indexing';
    this.ignoreCache.clear();
    this.ignoreLists.clear();
    this.skippedLarge = 0;
    this.capped = false;
    const t0 = performance.now();
    const keep = new Set(this.open);
    for (const uri of this.index.uris()) if (!keep.has(uri)) this.index.delete(uri);
    try {
      for (const f of this.folders) {
        f.config = await this.host.folderConfig(f.uri);
        if (gen !== this.walkGeneration) return;
        await this.walkFolder(f, gen);
        if (gen !== this.walkGeneration) return;
      }
    } catch (e) {
      this.host.log(`workspace index failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (gen !== this.walkGeneration) return;
    this.durationMs = performance.now() - t0;
    this.phase = 'ready';
    this.host.log(`workspace indexed: ${this.index.size} files with ports, ${this.index.placeCount()} places, in ${this.durationMs.toFixed(0)} ms${this.capped ? ` (stopped at ${MAX_FILES} files)` : ''}`);
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
    this.host.onDidChange();
  }

  /** True when an open document would be part of the workspace's index (it lies in a workspace folder). */
  indexes(uri: string): boolean {
    const u = canonicalUri(uri);
    try {
      return u.startsWith('file:') && this.folderOf(fileURLToPath(u)) !== undefined;
    } catch {
      return false;
    }
  }

  private folderOf(fsPath: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of this.folders) {
      if ((fsPath === f.fsPath || fsPath.startsWith(f.fsPath.endsWith(path.sep) ? f.fsPath : f.fsPath + path.sep)) && (!best || f.fsPath.length > best.fsPath.length)) best = f;
    }
    return best;
  }

  private relPath(folder: Folder, fsPath: string): string {
    return path.relative(folder.fsPath, fsPath).split(path.sep).join('/');
  }

  /**
   * The parsed `.gitignore` of a folder, read once per walk: a regular file only (a link to /dev/zero or
   * /dev/stdin, a FIFO or a device counts as absent), its first MAX_IGNORE_FILE_BYTES at most.
   */
  private async ignoreFileOf(dir: string, rel: string): Promise<IgnoreFile | null> {
    const cached = this.ignoreCache.get(dir);
    if (cached !== undefined) return cached;
    let parsed: IgnoreFile | null = null;
    const file = path.join(dir, '.gitignore');
    const r = await readRegularFile(file, MAX_IGNORE_FILE_BYTES, true);
    if (r.ok) {
      // A cut file loses its last, partial line rather than read half a rule.
      const text = r.truncated ? r.text.slice(0, r.text.lastIndexOf('\n') + 1) : r.text;
      if (r.truncated) this.host.log(`${file} is ${r.size} bytes; only the rules in its first ${MAX_IGNORE_FILE_BYTES} bytes are used`);
      parsed = parseGitignore(text, rel);
      if (parsed.leftOut) this.host.log(`${file}: ${parsed.leftOut} rules left out (longer than ${MAX_GLOB_CHARS} characters, or past ${MAX_IGNORE_PATTERN_CHARS} characters of rules in all)`);
    } else if (r.reason === 'not a regular file') this.host.log(`${file} is not a regular file; it is not read`);
    this.ignoreCache.set(dir, parsed);
    return parsed;
  }

  /**
   * The `.gitignore` files that apply to a folder-relative path, from the root down. Each folder's list
   * is its parent's plus its own file, kept per walk, so a chain of 1,000 folders costs 1,000 steps,
   * not a million path joins.
   */
  private async ignoresFor(folder: Folder, relDir: string): Promise<IgnoreFile[]> {
    const key = `${folder.fsPath}\0${relDir}`;
    const cached = this.ignoreLists.get(key);
    if (cached) return cached;
    const cut = relDir.lastIndexOf('/');
    const parent = relDir ? await this.ignoresFor(folder, cut < 0 ? '' : relDir.slice(0, cut)) : [];
    const own = await this.ignoreFileOf(relDir ? path.join(folder.fsPath, ...relDir.split('/')) : folder.fsPath, relDir);
    const list = own ? [...parent, own] : parent;
    this.ignoreLists.set(key, list);
    return list;
  }

  /** True when the walk would skip this folder-relative path (or a folder above it). */
  private async skipped(folder: Folder, rel: string, isDir: boolean): Promise<boolean> {
    const parts = rel.split('/');
    const exclude = folder.config?.exclude ?? [];
    let parentRel = '';
    for (let i = 1; i <= parts.length; i++) {
      const sub = parentRel ? `${parentRel}/${parts[i - 1]}` : parts[i - 1];
      const dir = i < parts.length || isDir;
      if (dir && SKIP_DIRS.has(parts[i - 1])) return true;
      if (isExcluded(exclude, sub)) return true;
      if (isIgnored(await this.ignoresFor(folder, parentRel), sub, dir)) return true;
      parentRel = sub;
    }
    return false;
  }

  /**
   * True when a path inside a workspace folder reaches no symbolic link on its way: the first walk does
   * not follow links, and file events must not either (a committed `root -> /` link).
   */
  private async inside(folder: Folder, fsPath: string): Promise<boolean> {
    try {
      folder.realPath ??= await realpath(folder.fsPath);
      const real = await realpath(fsPath);
      return real === path.join(folder.realPath, path.relative(folder.fsPath, fsPath));
    } catch {
      return false;
    }
  }

  /** Hands over to the event loop once the current slice has run its time. */
  private async maybeYield(): Promise<void> {
    if (performance.now() - this.sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      this.sliceStart = performance.now();
    }
  }

  /**
   * Walks a folder (or a subfolder of it) with a small pool of tasks: listing folders and reading
   * files, several in flight at once. Files go first, so the queue stays short; a task that ran past
   * the slice hands over to the event loop before the next one starts.
   */
  private async walkFolder(folder: Folder, gen: number, startRel = ''): Promise<void> {
    const config = folder.config ?? (folder.config = await this.host.folderConfig(folder.uri));
    const dirs: string[] = [startRel];
    const files: string[] = [];
    this.sliceStart = performance.now();
    await new Promise<void>((resolve) => {
      let active = 0;
      const pump = (): void => {
        const stopped = gen !== this.walkGeneration;
        while (!stopped && active < CONCURRENCY && (files.length || dirs.length)) {
          active++;
          const task = files.length
            ? this.indexPath(folder, files.pop() as string, config.settings).then((changed) => changed && this.host.onDidChange())
            : this.listDir(folder, config, dirs.pop() as string, dirs, files);
          void task.catch(() => undefined).then(() => {
            active--;
            if (performance.now() - this.sliceStart >= SLICE_MS) {
              setImmediate(() => {
                this.sliceStart = performance.now();
                pump();
              });
            } else pump();
          });
        }
        if (active === 0 && (stopped || (!files.length && !dirs.length))) resolve();
      };
      pump();
    });
  }

  /** Lists one folder: subfolders to walk and files to read, minus skipped, excluded and ignored ones. */
  private async listDir(folder: Folder, config: FolderConfig, relDir: string, dirs: string[], files: string[]): Promise<void> {
    const abs = path.join(folder.fsPath, ...(relDir ? relDir.split('/') : []));
    let entries: fs.Dirent[];
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      return;
    }
    const names = new Set(entries.map((e) => e.name));
    // Most folders have no .gitignore: knowing it from the listing saves a failed read per folder.
    if (!names.has('.gitignore')) this.ignoreCache.set(abs, null);
    const ignores = await this.ignoresFor(folder, relDir);
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      // Symbolic links are not followed: they may loop or leave the workspace.
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || isExcluded(config.exclude, rel, names) || isIgnored(ignores, rel, true)) continue;
        dirs.push(rel);
      } else if (e.isFile()) {
        if (isExcluded(config.exclude, rel, names) || isIgnored(ignores, rel, false)) continue;
        if (!this.host.formatOf(pathToFileURL(path.join(abs, e.name)).href, config.settings)) continue;
        files.push(rel);
      }
    }
  }

  /** Reads and indexes one file; returns true when the index changed. */
  private async indexPath(folder: Folder, rel: string, settings: Settings): Promise<boolean> {
    const abs = path.join(folder.fsPath, ...rel.split('/'));
    const uri = pathToFileURL(abs).href;
    if (this.open.has(uri)) return false;
    const before = this.index.generation;
    if (!this.index.has(uri) && this.index.size >= MAX_FILES) {
      this.capped = true;
      return false;
    }
    const r = await readRegularFile(abs, settings.maxFileSize);
    // A document opened meanwhile is indexed from its editor text instead.
    if (this.open.has(uri)) return false;
    if (!r.ok) {
      if (r.reason === 'too large') this.skippedLarge++;
      this.index.delete(uri);
    } else if (!this.index.holds(uri, r.text)) {
      const text = r.text;
      if (text.includes('\u0000')) this.index.delete(uri);
      else if (text.length >= OFF_THREAD_CHARS && this.host.scanOffThread) {
        let file: IndexedFile | undefined;
        try {
          file = await this.host.scanOffThread(uri, text, settings);
        } catch (e) {
          this.skippedLarge++;
          this.host.log(`${abs} is left out of the workspace index: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (this.open.has(uri)) return false;
        if (file) this.index.set(file);
        else this.index.delete(uri);
      } else {
        const scan = this.host.scanText(uri, text, settings);
        const entry = scan && indexEntry(uri, scan.format, text, scan.occurrences);
        if (entry) this.index.set(entry);
        else this.index.delete(uri);
      }
    }
    return this.index.generation !== before;
  }

  /** An open document's text replaces the disk's until it is closed; `kube`, its Kubernetes objects where its scan read them. */
  setOpenDocument(uri: string, format: FormatId | undefined, text: string, occurrences: PortOccurrence[], kube?: KubeFacts): void {
    const u = canonicalUri(uri);
    const fsPath = u.startsWith('file:') ? fileURLToPath(u) : undefined;
    // Only documents inside a workspace folder belong to the workspace's ports.
    if (!fsPath || !this.folderOf(fsPath)) return;
    this.open.add(u);
    const before = this.index.generation;
    // Back to a text already indexed (an undo, a save): nothing to build.
    if (format && this.index.get(u)?.format === format && this.index.holds(u, text)) return;
    const entry = format && indexEntry(u, format, text, occurrences, kube);
    if (entry) this.index.set(entry);
    else this.index.delete(u);
    if (this.index.generation !== before) this.host.onDidChange();
  }

  /** An open document's index entry made elsewhere (the scan thread), from the editor's text. */
  setOpenDocumentFile(uri: string, text: string, file: IndexedFile | undefined): void {
    const u = canonicalUri(uri);
    const fsPath = u.startsWith('file:') ? fileURLToPath(u) : undefined;
    if (!fsPath || !this.folderOf(fsPath)) return;
    this.open.add(u);
    const before = this.index.generation;
    if (file && this.index.get(u)?.format === file.format && this.index.holds(u, text)) return;
    if (file) this.index.set(file);
    else this.index.delete(u);
    if (this.index.generation !== before) this.host.onDidChange();
  }

  /** A closed document goes back to what the disk holds. */
  closeDocument(uri: string): void {
    const u = canonicalUri(uri);
    if (!this.open.delete(u)) return;
    this.queueEvent(u, 2);
  }

  /** A `workspace/didChangeWatchedFiles` event: 1 created, 2 changed, 3 deleted. */
  fileEvent(uri: string, type: number): void {
    this.queueEvent(canonicalUri(uri), type);
  }

  private queueEvent(uri: string, type: number): void {
    this.pendingEvents.set(uri, type);
    if (!this.eventTimer) this.eventTimer = setTimeout(() => void this.flushEvents(), 50);
  }

  /** Applies queued file events; a changed `.gitignore` means walking again. */
  private async flushEvents(): Promise<void> {
    this.eventTimer = undefined;
    const events = this.pendingEvents;
    this.pendingEvents = new Map();
    let changed = false;
    const gen = this.walkGeneration;
    for (const [uri, type] of events) {
      if (!uri.startsWith('file:')) continue;
      let fsPath: string;
      try {
        fsPath = fileURLToPath(uri);
      } catch {
        continue;
      }
      if (path.basename(fsPath) === '.gitignore') {
        void this.rescan();
        return;
      }
      const folder = this.folderOf(fsPath);
      if (!folder) continue;
      const before = this.index.generation;
      if (type === 3) {
        if (!this.open.has(uri)) this.index.delete(uri);
        this.index.deleteUnder(uri);
      } else {
        const rel = this.relPath(folder, fsPath);
        // Without following links: an event under a linked folder is outside the workspace.
        let st: fs.Stats | undefined;
        try {
          st = await lstat(fsPath);
          if (!(await this.inside(folder, fsPath))) st = undefined;
        } catch {
          st = undefined;
        }
        const config = folder.config ?? (folder.config = await this.host.folderConfig(folder.uri));
        if (!st) {
          if (!this.open.has(uri)) this.index.delete(uri);
        } else if (!st.isFile() && !st.isDirectory()) {
          if (!this.open.has(uri)) this.index.delete(uri);
        } else if (st.isDirectory()) {
          if (rel && !(await this.skipped(folder, rel, true))) await this.walkFolder(folder, gen, rel);
        } else if (!rel || (await this.skipped(folder, rel, false)) || !this.host.formatOf(uri, config.settings)) {
          if (!this.open.has(uri)) this.index.delete(uri);
        } else {
          await this.indexPath(folder, rel, config.settings);
        }
      }
      if (this.index.generation !== before) changed = true;
      await this.maybeYield();
    }
    if (changed) this.host.onDidChange();
  }
}
