import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { listenForCodeWarmth } from './codeWarm';
import { HEAP_FLAG_DEFAULTS, setHeapFlags } from './heapFlags';

// `dist/server.js`, the file editors start (`node dist/server.js --stdio`, or forked over IPC by the
// VS Code client): it runs the server bundle (`dist/serverCore.js`, built from node.ts) through V8's
// code cache. Node 20 compiles a CommonJS file from its source on every start, and compiling the
// 600 KB bundle was the largest single part of start-up (20-45 ms on a loaded 2-core machine, against
// 3 ms from the cache). The first start writes the cache beside the bundle twice: right after the
// bundle's top level ran, and again once the server's code is warm (codeWarm.ts: after the warm-up, or
// at exit after it checked a document), so that the cache also holds the finders and rules compiled,
// which a first document's diagnostics would otherwise wait for. Later starts read it and write nothing. V8 refuses a cache made
// by another V8 version, with other V8 flags or for another source, and the bundle is then compiled
// from source as before and the cache written anew. Where the folder is not writable nothing is
// cached and every start compiles, as without this file.

const CORE = path.join(__dirname, 'serverCore.js');
const CACHE = path.join(__dirname, 'serverCore.cache');

/**
 * The cache file starts with a line of its own: what V8's cache after it holds, and which V8 made it
 * for which bundle (its version, the bundle's length). NO_WARM is a top-level cache written after this
 * V8 refused a warm cache it made itself for this bundle (its own heap flag values are then not
 * HEAP_FLAG_DEFAULTS): no warm cache is tried again, and every start reads the top-level one, as
 * before warm caches.
 */
const TOP_LEVEL = 'top-level';
const WARM = 'warm';
const NO_WARM = 'no-warm';

function readCache(): { kind: string; maker: string; data: Buffer } | undefined {
  try {
    const file = fs.readFileSync(CACHE);
    const eol = file.subarray(0, 200).indexOf(10);
    const line = file.subarray(0, Math.max(eol, 0)).toString('latin1');
    const space = line.indexOf(' ');
    const kind = line.slice(0, space);
    return eol > 0 && space > 0 && (kind === TOP_LEVEL || kind === WARM || kind === NO_WARM) ? { kind, maker: line.slice(space + 1), data: file.subarray(eol + 1) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache through a file of this process's own, renamed into place, so that servers starting together never read half a file. */
function writeCache(script: vm.Script, kind: string, maker: string): void {
  const tmp = `${CACHE}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${kind} ${maker}\n`, 'latin1'), script.createCachedData()]));
    fs.renameSync(tmp, CACHE);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
  }
}

/**
 * The warm cache is made after the server set its heap flags (runtime.ts tuneHeap), and a start reads
 * it under V8's own values: they are set back while the cache is made.
 */
function writeWarmCache(script: vm.Script, maker: string): void {
  setHeapFlags(HEAP_FLAG_DEFAULTS);
  try {
    writeCache(script, WARM, maker);
  } finally {
    setHeapFlags();
  }
}

/** Runs the bundle; the cache's bytes do not stay referenced afterwards, the script only until its warm cache is written. */
function runCore(): void {
  const cached = readCache();
  const source = Module.wrap(fs.readFileSync(CORE, 'utf8'));
  const maker = `${process.versions.v8} ${source.length}`;
  let script: vm.Script | undefined = new vm.Script(source, { filename: CORE, cachedData: cached?.data });
  const core = new Module(CORE, module);
  core.filename = CORE;
  core.loaded = true;
  (script.runInThisContext() as (...args: unknown[]) => void).call(core.exports, core.exports, Module.createRequire(CORE), core, CORE, __dirname);
  const accepted = cached !== undefined && !script.cachedDataRejected;
  // A warm cache this V8 made for this bundle and refused: its heap flag values are not HEAP_FLAG_DEFAULTS.
  const noWarm = cached?.maker === maker && (cached.kind === NO_WARM || (cached.kind === WARM && !accepted));
  // Made right after the bundle's top level ran, before the server changes any V8 flag.
  if (!accepted) writeCache(script, noWarm ? NO_WARM : TOP_LEVEL, maker);
  if (noWarm || (accepted && cached.kind === WARM)) return;
  // Written once: when the warm-up is done, or at exit when this process checked a document before
  // that. A process that only started (a start-up measured, a server stopped at once) keeps the cache
  // it has, which the next start that does work improves.
  let ran = false;
  const writeWarm = (): void => {
    if (!script) return;
    writeWarmCache(script, maker);
    script = undefined;
  };
  listenForCodeWarmth({ ran: () => void (ran = true), warm: writeWarm });
  process.once('exit', () => {
    if (ran) writeWarm();
  });
}

runCore();
