/**
 * dist/server.js (codeCacheLoader.ts) writes V8's code cache of the server bundle again once the code
 * the server runs has been compiled, so that later starts read the finders and rules compiled instead
 * of compiling them while the user waits for a first document's diagnostics. The server tells it
 * through this process-wide hook (the loader and the server are two bundles); where nothing listens
 * (the sources under test, the web worker, the scan thread) these calls do nothing.
 */
const HOOK: unique symbol = Symbol.for('iana-ports.codeWarmth');

/** What the loader does when told. */
export interface CodeWarmthListener {
  /** A document was checked in this process: its code is worth caching when the process exits. */
  ran(): void;
  /** The warm-up has run every finder and rule it covers: the code is worth caching now. */
  warm(): void;
}

type WithHook = typeof globalThis & { [HOOK]?: CodeWarmthListener };

/** Registers the listener (a later registration replaces it). */
export function listenForCodeWarmth(listener: CodeWarmthListener): void {
  (globalThis as WithHook)[HOOK] = listener;
}

/** A document was checked in this process. */
export function codeRan(): void {
  (globalThis as WithHook)[HOOK]?.ran();
}

/** The warm-up is done. */
export function codeIsWarm(): void {
  (globalThis as WithHook)[HOOK]?.warm();
}
