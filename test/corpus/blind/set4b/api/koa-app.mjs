import Koa from 'koa';
import Router from '@koa/router';
import Redis from 'ioredis';

const redis = new Redis({ host: 'cache', port: 6379, db: 2, maxRetriesPerRequest: 3 });
const app = new Koa();
const router = new Router({ prefix: '/api/v1' });

router.get('/session/:id', async (ctx) => {
  const raw = await redis.get(`sess:${ctx.params.id}`);
  if (!raw) ctx.throw(401, 'expired');
  await redis.expire(`sess:${ctx.params.id}`, 1800);
  ctx.body = JSON.parse(raw);
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(3001, '0.0.0.0');
