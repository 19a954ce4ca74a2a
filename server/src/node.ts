import { createConnection, LSPErrorCodes, ProposedFeatures, type ResponseMessage } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeRuntime } from './runtime';

// The stdio/IPC entry point: `node dist/server.js --stdio`. All behaviour lives in startServer.
// A request cancelled before it was dispatched is answered RequestCancelled at once, as LSP asks.
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) =>
    ({ jsonrpc: '2.0', id: (message as unknown as { id: number | string }).id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } }) as ResponseMessage,
});
startServer(connection, nodeRuntime());
