import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { nodeRuntime } from './runtime';

// The stdio/IPC entry point: `node dist/server.js --stdio`. All behaviour lives in startServer.
const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeRuntime());
