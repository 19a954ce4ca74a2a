'use strict';
// Express API server; after start, open http://localhost:4000/health
const express = require('express');
const helmet = require('helmet');
const rateLimit = require('express-rate-limit');
const { createProxyMiddleware } = require('http-proxy-middleware');
const Redis = require('ioredis');
const net = require('net');

const PORT = process.env.PORT || 3000;
const HOST = process.env.HOST || '0.0.0.0';
const REDIS_URL = process.env.REDIS_URL || 'redis://cache.internal:6380/0';
const MAX_BODY = '10mb';
const CACHE_TTL_SECONDS = 3600;

const app = express();
app.use(helmet());
app.use(express.json({ limit: MAX_BODY }));
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));

const redis = new Redis(6379, 'redis-primary');
const metrics = new Redis({ host: 'metrics-redis', port: 6381, db: 2 });

app.use('/api/legacy', createProxyMiddleware({ target: 'http://127.0.0.1:8081', changeOrigin: true }));

app.get('/health', (req, res) => {
  res.status(200).json({ ok: true, uptime: process.uptime() });
});

app.get('/items/:id', async (req, res) => {
  const item = await redis.get(`item:${req.params.id}`);
  if (!item) return res.status(404).send('not found');
  res.set('Cache-Control', `max-age=${CACHE_TTL_SECONDS}`);
  res.send(item);
});

// Plain TCP health probe for the load balancer on 9100.
const probe = net.createServer((socket) => socket.end('OK\n'));
probe.listen(9100, HOST);

const server = app.listen(PORT, HOST, () => {
  console.log(`listening on http://${HOST}:${PORT}`);
});
server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;

process.on('SIGTERM', () => {
  setTimeout(() => process.exit(1), 10000).unref();
  server.close(() => process.exit(0));
});
