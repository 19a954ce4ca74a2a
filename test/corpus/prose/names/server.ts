import http from 'node:http';

const DEFAULT_PORT_API = 8080;
const PORT_INDEX = 2;
const exportDefault = 5000;

export function start(): void {
  http.createServer().listen(DEFAULT_PORT_API);
  console.log('up on port', 3000, 'is the old default');
  console.log('ledger callbacks on', 50051);
  console.log('retry on', 4096);
  console.log('waited', 3000, 'ms');
  throw new Error('port 0 is reserved; use port 8081 or step 3');
}
