import express from 'express';
import { createLedgerServer } from './ledger';

// Ports default to the values in the README; production sets them through the environment.
const DEFAULT_PORT_API = 8080;
const DEFAULT_ADMIN_PORT = 8081;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_BODY = '1mb';

const port = Number(process.env.PORT ?? DEFAULT_PORT_API);
const adminPort = Number(process.env.ADMIN_PORT ?? DEFAULT_ADMIN_PORT);

const app = express();
app.use(express.json({ limit: MAX_BODY }));
app.get('/healthz', (_req, res) => res.status(200).send('ok'));

const server = app.listen(port, () => {
  console.log('listening on port', port);
});
server.setTimeout(REQUEST_TIMEOUT_MS);

const admin = express();
admin.listen(adminPort, () => console.log(`admin UI up on port ${adminPort}`));

// The ledger calls back over gRPC; 50051 is what the ledger team configured on their side.
createLedgerServer().bindAsync('0.0.0.0:50051', () => {
  console.log('ledger callbacks on', 50051);
});

if (process.env.NODE_ENV === 'development') {
  console.log("debugger: run with --inspect=9229");
  console.log('up on port', 3000, 'is the old default; see CHANGELOG 2.3.0');
}
