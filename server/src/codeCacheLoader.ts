import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

// `dist/server.js`, the file editors start (`node dist/server.js --stdio`, or forked over IPC by the
// VS Code client): it runs the server bundle (`dist/serverCore.js`, built from node.ts) through V8's
// code cache. Node 20 compiles a CommonJS file from its source on every start, and compiling the
// 600 KB bundle was the largest single part of start-up (20-45 ms on a loaded 2-core machine, against
// 3 ms from the cache). The first start writes the cache beside the bundle; later starts read it. V8
// refuses a cache made by another V8 version, with other V8 flags or for another source, and the
// bundle is then compiled from source as before and the cache written anew. Where the folder is not
// writable nothing is cached and every start compiles, as without this file.

const CORE = path.join(__dirname, 'serverCore.js');
const CACHE = path.join(__dirname, 'serverCore.cache');

function readCache(): Buffer | undefined {
  try {
    return fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/** Writes the cache through a file of this process's own, renamed into place, so that servers starting together never read half a file. */
function writeCache(script: vm.Script): void {
  const tmp = `${CACHE}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, CACHE);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing was written */
    }
  }
}

/** Runs the bundle; nothing of the loading (the cache's bytes, the script) stays referenced afterwards. */
function runCore(): void {
  const cached = readCache();
  const script = new vm.Script(Module.wrap(fs.readFileSync(CORE, 'utf8')), { filename: CORE, cachedData: cached });
  const core = new Module(CORE, module);
  core.filename = CORE;
  core.loaded = true;
  (script.runInThisContext() as (...args: unknown[]) => void).call(core.exports, core.exports, Module.createRequire(CORE), core, CORE, __dirname);
  // Made right after the bundle's top level ran, before the server changes any V8 flag (runtime.ts
  // tuneHeap): V8 refuses a cache whose flags differ from the reading process's, and the next start
  // reads it with the default flags.
  if (!cached || script.cachedDataRejected) writeCache(script);
}

runCore();
