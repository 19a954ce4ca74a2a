const MAX_RETRIES = 5;
const BACKOFF_MS = [250, 500, 1000, 2000, 4000];
const CHUNK = 65536;
const MASK = 0xFFFF;
const METRICS_PORT = 9464;
const EPOCH = new Date('2024-01-15T00:00:00Z');

function checksum(buf) {
  let sum = 0;
  for (let i = 0; i < buf.length; i += 2) sum = (sum + ((buf[i] << 8) | buf[i + 1])) & MASK;
  return sum ^ 0xFFFF;
}

async function withRetry(fn) {
  for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
    try { return await fn(); }
    catch (e) {
      if (e.status === 503 || e.status === 429) await sleep(BACKOFF_MS[Math.min(attempt, 4)]);
      else throw e;
    }
  }
}

const rows = table.slice(0, 1000).filter((r) => r[3] > 1024 && r[7] !== 2048);
require('prom-client').collectDefaultMetrics({ timeout: 10000 });
require('http').createServer(metricsHandler).listen(METRICS_PORT);
