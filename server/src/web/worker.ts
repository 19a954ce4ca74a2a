import { BrowserMessageReader, BrowserMessageWriter, createConnection, LSPErrorCodes, ProposedFeatures, type ResponseMessage } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { browserRuntime } from './runtime';

// The web worker entry point (dist/web/server.js), used where the extension host is a web worker
// (vscode.dev, github.dev, a browser window of code-server). It has no Node: messages come and go
// by postMessage, and the registry text arrives with the initialize request (see browserRuntime).

// Web workers have no setImmediate. A MessageChannel turn is as prompt as Node's immediate queue,
// while setTimeout(0) is clamped to 4 ms after a few nested calls, which would slow the warm-up and
// the coalesced diagnostics pushes that rely on one turn of the event loop.
installImmediate();

const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(scope), new BrowserMessageWriter(scope), {
  cancelUndispatched: (message: unknown) =>
    ({ jsonrpc: '2.0', id: (message as { id: number | string }).id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } }) as ResponseMessage,
});
startServer(connection, browserRuntime());

function installImmediate(): void {
  const g = globalThis as unknown as { setImmediate?: unknown; clearImmediate?: unknown };
  if (typeof g.setImmediate === 'function') return;
  const queue = new Map<number, () => void>();
  let next = 1;
  const channel = new MessageChannel();
  // Typed by hand: the project compiles without the DOM library, whose MessagePort this is.
  (channel.port1 as unknown as { onmessage: (e: { data: number }) => void }).onmessage = (e) => {
    const f = queue.get(e.data);
    queue.delete(e.data);
    f?.();
  };
  g.setImmediate = (f: (...args: unknown[]) => void, ...args: unknown[]) => {
    const id = next++;
    queue.set(id, () => f(...args));
    channel.port2.postMessage(id);
    return id;
  };
  g.clearImmediate = (id: number) => queue.delete(id);
}
