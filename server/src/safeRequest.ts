import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/**
 * The one way the server answers a request: a cancelled request is answered as cancelled (before and
 * after the work), and an error is reported and answered with `fallback`, never thrown at the client.
 */
export async function safeRequest<T>(token: CancellationToken, fallback: T, f: () => Promise<T> | T, report: (e: unknown) => void): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
  try {
    const r = await f();
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    return r;
  } catch (e) {
    report(e);
    return fallback;
  }
}

/** An error as the server's log shows it: the stack where there is one. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.stack ?? e.message : String(e);
}
