import { createServer } from 'node:net';

// The lobby's matchmaking socket. Players' clients are shipped with this port compiled in,
// so it cannot change without a client release.
const LOBBY_PORT = 52000;
const TICK_MS = 50;
const MAX_PLAYERS = 64;

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.setTimeout(TICK_MS * 200);
});

server.listen(LOBBY_PORT, '0.0.0.0', () => {
  console.log(`lobby ready for ${MAX_PLAYERS} players`);
});
