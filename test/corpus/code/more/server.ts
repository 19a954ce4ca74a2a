import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createClient } from 'redis';

type Env = { PORT?: string; REDIS_URL?: string };

const app = new Hono();
const RATE_WINDOW_MS = 60_000;
const MAX_REQUESTS = 120;

const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://localhost:6379' });
await redis.connect();

app.get('/', (c) => c.text('hello', 200));
app.get('/slow', async (c) => {
  await new Promise((r) => setTimeout(r, 1500));
  return c.json({ window: RATE_WINDOW_MS, max: MAX_REQUESTS }, 202);
});

const port = Number(process.env.PORT) || 8787;
serve({ fetch: app.fetch, port, hostname: '0.0.0.0' });

if (typeof Bun !== 'undefined') {
  Bun.serve({ port: 3030, fetch: app.fetch });
}
if (typeof Deno !== 'undefined') {
  Deno.serve({ port: 8000, hostname: '127.0.0.1' }, app.fetch);
}

export const upstreams: Record<string, string> = {
  users: 'http://users.internal:9001',
  orders: 'http://orders.internal:9002/api',
};
console.info(`ready on http://localhost:${port} (pid ${process.pid})`);
