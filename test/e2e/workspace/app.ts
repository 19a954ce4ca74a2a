import { createServer } from 'node:http';

const server = createServer((_request, response) => response.end('ok'));
server.listen(3000, '127.0.0.1');

export const redisUrl = 'redis://localhost:6379';
