import Fastify from 'fastify';
import cors from '@fastify/cors';

const PORT = Number(process.env.PORT ?? 8080);
const HOST = process.env.HOST ?? '0.0.0.0';

const app = Fastify({ logger: true, bodyLimit: 1048576, connectionTimeout: 10_000 });

await app.register(cors, {
  origin: ['http://localhost:5173', 'https://app.example.com'],
  maxAge: 86400,
});

app.get('/v2/orders', async (_req, reply) => {
  reply.code(204);
});

const metrics = Fastify();
metrics.get('/metrics', async () => registry.metrics());

await app.listen({ port: PORT, host: HOST });
await metrics.listen({ port: 9091, host: '127.0.0.1' });
