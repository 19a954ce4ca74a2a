import type { LspClient } from './lspClient';

/**
 * Replaces an LspClient's stdout reader with one that keeps chunks in a list instead of concatenating
 * the whole buffer on every chunk. The stock reader copies the buffer once per 64 KB chunk, which is
 * quadratic on a message of tens of megabytes (a publishDiagnostics with 100,000 diagnostics) and would
 * make the test client, not the server, the slow side of a timing.
 */
export function useFastReader(client: LspClient): { bytes: () => number; largest: () => number } {
  const c = client as unknown as { onData: (d: Buffer) => void; onMessage: (m: unknown) => void };
  let chunks: Buffer[] = [];
  let length = 0;
  let total = 0;
  let largest = 0;
  // The header of the message being read, once known.
  let bodyLength = -1;
  const take = (n: number): Buffer => {
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    chunks = rest.length ? [rest] : [];
    length = rest.length;
    return head;
  };
  c.onData = (d: Buffer) => {
    chunks.push(d);
    length += d.length;
    total += d.length;
    for (;;) {
      if (bodyLength < 0) {
        // Headers are short: look for their end in the first chunks only.
        const first = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks.slice(0, 4));
        const h = first.indexOf('\r\n\r\n');
        if (h < 0) return;
        const m = /Content-Length: *(\d+)/i.exec(first.subarray(0, h).toString());
        if (!m) throw new Error('bad header from server');
        bodyLength = Number(m[1]);
        take(h + 4);
      }
      if (length < bodyLength) return;
      const body = take(bodyLength);
      largest = Math.max(largest, bodyLength);
      bodyLength = -1;
      c.onMessage(JSON.parse(body.toString('utf8')));
    }
  };
  return { bytes: () => total, largest: () => largest };
}
