import express from 'express';
import { createClient } from 'redis';

const PORT = Number(process.env.PORT ?? 3000);
const MAX_BODY = 1048576;

const app = express();
app.use(express.json({ limit: MAX_BODY }));
const redis = createClient({ url: 'redis://localhost:6379' });

app.get('/health', (_req, res) => res.status(200).send('ok'));

app.listen(PORT, () => console.log(`listening on http://localhost:${PORT}`));
setTimeout(() => redis.connect(), 5000);
