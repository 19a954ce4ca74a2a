// Refreshes the registry snapshot from IANA's own XML or CSV, where the internet is reachable:
//   npm run registry:update -- --from https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml
//   npm run registry:update -- --from ./service-names-port-numbers.csv [--out data/registry.json] [--min-records 10000]
// The new file replaces the old one atomically, and only when the input converted and validated; on
// any error the old file is left untouched and the script exits 1.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { encodeRegistry } from '../server/src/service/registry/codec';
import { convertIana } from '../server/src/registry/ianaConvert';

const MAX_BYTES = 20 * 1024 * 1024;
const TIMEOUT_MS = 60_000;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Downloads an https URL into a string, following a few redirects, refusing anything over MAX_BYTES. */
function download(url: string, redirects = 5): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!url.startsWith('https://')) {
      reject(new Error(`refusing ${url}: only https:// URLs are fetched`));
      return;
    }
    const req = https.get(url, { headers: { 'user-agent': 'iana-ports registry:update' }, timeout: TIMEOUT_MS }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects === 0) reject(new Error('too many redirects'));
        else download(new URL(res.headers.location, url).toString(), redirects - 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`${url} answered HTTP ${status}`));
        return;
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > MAX_BYTES) {
        res.destroy();
        reject(new Error(`${url} is ${declared} bytes, more than the ${MAX_BYTES}-byte limit`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) {
          res.destroy(new Error(`${url} exceeds the ${MAX_BYTES}-byte limit`));
          return;
        }
        chunks.push(c);
      });
      res.on('error', reject);
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('timeout', () => req.destroy(new Error(`${url} timed out after ${TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
  });
}

async function main(): Promise<void> {
  const from = option('--from');
  if (!from) throw new Error('usage: npm run registry:update -- --from FILE_OR_HTTPS_URL [--out data/registry.json] [--min-records N]');
  const out = path.resolve(option('--out') ?? path.join(__dirname, '..', 'data', 'registry.json'));
  const minRecords = Number(option('--min-records') ?? 10000);
  let text: string;
  if (/^[a-z]+:\/\//i.test(from)) {
    text = await download(from);
  } else {
    const buf = readFileSync(from);
    if (buf.length > MAX_BYTES) throw new Error(`${from} is larger than ${MAX_BYTES} bytes`);
    text = buf.toString('utf8');
  }
  const origin = /^[a-z]+:\/\//i.test(from) ? from : path.basename(from);
  const data = convertIana(text, { minRecords, origin });
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, encodeRegistry(data));
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  console.log(`wrote ${path.relative(process.cwd(), out)}: ${data.records.length} records, ${data.people.length} people, release ${data.release}`);
  console.log('Note: `npm run registry:build` regenerates data/registry.json from the pinned npm sources and would undo this refresh.');
}

main().catch((e: Error) => {
  console.error(`registry:update failed, the old file is unchanged: ${e.message}`);
  process.exit(1);
});
