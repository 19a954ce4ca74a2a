import express from 'express';
import Redis from 'ioredis';

const app = express();
const port = Number(process.env.PORT) || 3000;
const redis = new Redis('redis://cache:6380/0', { connectTimeout: 50000 });

app.use(express.json({ limit: '1mb' }));
app.get('/healthz', (_req, res) => res.status(200).send('ok'));

app.listen(port, () => {
  console.log(`listening on http://localhost:${port}`);
});
