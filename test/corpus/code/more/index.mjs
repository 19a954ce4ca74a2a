import http from 'node:http';
import dgram from 'node:dgram';
import { WebSocketServer } from 'ws';
import Fastify from 'fastify';
import pg from 'pg';

const config = {
  http: { port: Number(process.env.HTTP_PORT ?? 8080), keepAliveMs: 5000 },
  ws: { port: 8090, maxPayload: 1 << 20 },
  db: { host: 'postgres', port: 5432, max: 10, idleTimeoutMillis: 30000 },
};

const pool = new pg.Pool(config.db);
const wss = new WebSocketServer({ port: config.ws.port, maxPayload: config.ws.maxPayload });
wss.on('connection', (ws) => ws.send(JSON.stringify({ hello: 1 })));

const fastify = Fastify({ logger: true, bodyLimit: 1048576 });
fastify.get('/', async () => ({ ok: true }));
await fastify.listen({ port: 3002, host: '::' });

const udp = dgram.createSocket('udp4');
udp.bind(41234);
udp.send(Buffer.from('ping'), 8125, 'statsd.local');

http
  .createServer((req, res) => {
    res.writeHead(301, { Location: 'https://example.com:8443' + req.url });
    res.end();
  })
  .listen(80);

const upstream = new URL('http://inventory:7070/v2/items?page=2&size=50');
console.log(`pool=${pool.totalCount} upstream=${upstream.port} ws=ws://localhost:${config.ws.port}`);
