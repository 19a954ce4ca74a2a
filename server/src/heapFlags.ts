/**
 * V8 settings for the server process, applied at run time because an editor starts the server as
 * plain `node dist/server.js`. Scanning a large file allocates in a burst, after which V8 keeps its
 * young generation grown from 2 to 16-32 MB until the process has idled for a while; keeping it at
 * its initial size saves 10-14 MB of resident memory after opening large files, and measured no
 * slower. Scavenging on one thread avoids pauses spent waiting for helper threads that a busy machine
 * has not scheduled. Both flags are read whenever V8 grows or scavenges the young generation, so
 * setting them after start-up takes effect. A file of its own so that dist/server.js (codeCacheLoader.ts)
 * does not bundle the rest of runtime.ts.
 */
export const HEAP_FLAGS = ['--semi-space-growth-factor=1', '--no-parallel-scavenge'];

/**
 * V8's own values of HEAP_FLAGS (a test holds them to `node --v8-options`). V8 refuses a code cache
 * made under other flags than the reading process's, and a server starts with V8's values: the code
 * cache written after the server set HEAP_FLAGS is made with these for a moment (codeCacheLoader.ts).
 */
export const HEAP_FLAG_DEFAULTS = ['--semi-space-growth-factor=2', '--parallel-scavenge'];

/** Sets HEAP_FLAGS in this process (or, with `flags`, those); setting them again changes nothing. */
export function setHeapFlags(flags: readonly string[] = HEAP_FLAGS): void {
  // Required here, not imported: loading node:v8 costs 1.5-2 ms, which start-up need not wait for.
  const v8 = require('node:v8') as typeof import('node:v8');
  for (const flag of flags) v8.setFlagsFromString(flag);
}
