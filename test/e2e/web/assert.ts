// The part of node:assert/strict that the extension-host tests use, for the web worker extension host,
// which has no Node modules (scripts/e2e/run.mjs --web aliases node:assert/strict here).

export class AssertionError extends Error {
  override name = 'AssertionError';
  constructor(options: string | { message?: string }) {
    super(typeof options === 'string' ? options : options.message);
  }
}

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? 'Failed');
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message ?? `expected a truthy value, got ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message ?? `expected ${show(expected)}, got ${show(actual)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message ?? `expected anything but ${show(expected)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (show(actual) !== show(expected)) fail(message ?? `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(text: string, pattern: RegExp, message?: string | Error): void {
  if (!pattern.test(text)) fail(message ?? `${show(text)} does not match ${pattern}`);
}

export function doesNotThrow(f: () => unknown, message?: string): void {
  try {
    f();
  } catch (e) {
    fail(`${message ?? 'unexpected exception'}: ${String(e)}`);
  }
}

/** Resolves when `promise` rejects with an error whose message matches `pattern`; fails when it resolves. */
export async function rejects(promise: Promise<unknown>, pattern: RegExp, message?: string): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (error === undefined) fail(message ?? `expected a rejection matching ${pattern}`);
  const text = error instanceof Error ? error.message : String(error);
  if (!pattern.test(text)) fail(message ?? `the rejection ${show(text)} does not match ${pattern}`);
}

export { fail };
export const strict = { ok, equal, notEqual, deepEqual, match, doesNotThrow, rejects, fail, AssertionError };
export default strict;
