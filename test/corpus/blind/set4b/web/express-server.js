'use strict';
const express = require('express');
const rateLimit = require('express-rate-limit');

const app = express();
app.use(express.json({ limit: '1mb' }));
app.use(rateLimit({ windowMs: 15 * 60 * 1000, max: 100 }));

app.get('/health', (req, res) => res.status(200).json({ ok: true }));
app.get('/items/:id', async (req, res) => {
  const item = await db.find(req.params.id);
  if (!item) return res.status(404).send('not found');
  res.set('Cache-Control', 'public, max-age=3600');
  res.json(item);
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(err.status || 500).json({ error: 'internal' });
});

const server = app.listen(process.env.PORT || 3000, () => {
  console.log(`listening on ${server.address().port}`);
});
server.keepAliveTimeout = 65000;
server.headersTimeout = 66000;
