/**
 * V8 settings for the server process, applied at run time because an editor starts the server as
 * plain `node dist/server.js`. Scanning a large file allocates in a burst, after which V8 keeps its
 * young generation grown from 2 to 16-32 MB until the process has idled for a while; keeping it at
 * its initial size saves 10-14 MB of resident memory after opening large files, and measured no
 * slower. Scavenging on one thread avoids pauses spent waiting for helper threads that a busy machine
 * has not scheduled. Both flags are read whenever V8 grows or scavenges the young generation, so
 * setting them after start-up takes effect. A file of its own so that dist/server.js (codeCacheLoader.ts),
 * which sets them before it reads V8's code cache, does not bundle the rest of runtime.ts.
 */
export const HEAP_FLAGS = ['--semi-space-growth-factor=1', '--no-parallel-scavenge'];

/** Sets HEAP_FLAGS in this process; setting them again changes nothing. */
export function setHeapFlags(): void {
  // Required here, not imported: the web worker's bundle has no node:v8, and loading it costs 1.5-2 ms
  // that only the Node.js entry files pay, once.
  const v8 = require('node:v8') as typeof import('node:v8');
  for (const flag of HEAP_FLAGS) v8.setFlagsFromString(flag);
}
