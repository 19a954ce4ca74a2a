import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { listenForCodeWarmth } from './codeWarm';
import { setHeapFlags } from './heapFlags';

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

/** The cache file's first byte: what V8's cache after it holds. */
const TOP_LEVEL = 0;
const WARM = 1;

function readCache(): { kind: number; data: Buffer } | undefined {
  try {
    const file = fs.readFileSync(CACHE);
    const kind = file[0];
    return file.length > 1 && (kind === TOP_LEVEL || kind === WARM) ? { kind, data: file.subarray(1) } : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the cache through a file of this process's own, renamed into place, so that servers starting together never read half a file. */
function writeCache(script: vm.Script, kind: number): void {
  const tmp = `${CACHE}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.of(kind), script.createCachedData()]));
    fs.renameSync(tmp, CACHE);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
  }
}

/** Runs the bundle; the cache's bytes do not stay referenced afterwards, the script only until its warm cache is written. */
function runCore(): void {
  // The heap flags are set before the cache is read, not after start-up: V8 refuses a cache made
  // under other flags, and the warm cache is made after the server has set them.
  setHeapFlags();
  const cached = readCache();
  let script: vm.Script | undefined = new vm.Script(Module.wrap(fs.readFileSync(CORE, 'utf8')), { filename: CORE, cachedData: cached?.data });
  const core = new Module(CORE, module);
  core.filename = CORE;
  core.loaded = true;
  (script.runInThisContext() as (...args: unknown[]) => void).call(core.exports, core.exports, Module.createRequire(CORE), core, CORE, __dirname);
  const accepted = cached !== undefined && !script.cachedDataRejected;
  if (!accepted) writeCache(script, TOP_LEVEL);
  if (accepted && cached.kind === WARM) return;
  // Written once: when the warm-up is done, or at exit when this process checked a document before
  // that. A process that only started (a start-up measured, a server stopped at once) keeps the cache
  // it has, which the next start that does work improves.
  let ran = false;
  const writeWarm = (): void => {
    if (!script) return;
    writeCache(script, WARM);
    script = undefined;
  };
  listenForCodeWarmth({ ran: () => void (ran = true), warm: writeWarm });
  process.once('exit', () => {
    if (ran) writeWarm();
  });
}

runCore();
